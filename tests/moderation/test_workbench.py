from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from majlis.comments.models import Comment, Commenter
from majlis.moderation import actions
from majlis.moderation.automatic import apply_policy
from majlis.moderation.models import AuditEntry, SitePolicy
from majlis.moderation.queue import QueueFilters, queue_page

pytestmark = pytest.mark.django_db


def make(article, n, start=None, **fields):
    start = start or timezone.now() - timedelta(hours=1)
    made = []
    for i in range(n):
        email = fields.get("author_email", f"r{i}@example.org")
        commenter, _ = Commenter.objects.get_or_create(email=email)
        made.append(Comment.objects.create(
            article=article, commenter=commenter, author_name=f"R{i}", author_email=email,
            text=fields.get("text", f"comment {i}"), fingerprint=f"{email}{i}{start}",
            submitted_at=start + timedelta(seconds=i), status=fields.get("status", "pending"),
            screening_scores=fields.get("scores", {}), screening_language=fields.get("language", ""),
            risk=max(fields.get("scores", {}).values(), default=Comment.UNSCREENED), priority=fields.get("priority", 0),
            screened_at=timezone.now() if "scores" in fields else None,
        ))
    return made


def ids(page):
    return [c.pk for c in page.comments]


def test_keyset_pages_cover_everything_once_in_order(article):
    made = make(article, 45)
    policy = SitePolicy.current()
    seen, after = [], ""
    while True:
        page = queue_page(QueueFilters(after=after), policy, page_size=20)
        seen += ids(page)
        if not page.next_cursor:
            break
        after = page.next_cursor
    assert seen == [c.pk for c in made]


def test_keyset_newest_and_risk_orders(article):
    low = make(article, 3, scores={"threat": 0.1})
    high = make(article, 2, scores={"threat": 0.9}, author_email="h@example.org")
    unscreened = make(article, 1, author_email="u@example.org", start=timezone.now() - timedelta(minutes=1))
    policy = SitePolicy.current()
    first = queue_page(QueueFilters(sort="risk"), policy, page_size=2)
    assert ids(first) == [high[1].pk, high[0].pk]
    rest = queue_page(QueueFilters(sort="risk", after=first.next_cursor), policy, page_size=10)
    assert ids(rest) == [low[2].pk, low[1].pk, low[0].pk, unscreened[0].pk]
    newest = queue_page(QueueFilters(sort="newest"), policy)
    assert ids(newest)[0] == unscreened[0].pk


def test_trusted_commenters_come_first(article):
    normal = make(article, 2)
    trusted = make(article, 1, author_email="t@example.org", priority=1)
    assert ids(queue_page(QueueFilters(), SitePolicy.current()))[0] == trusted[0].pk
    assert len(normal) == 2


def test_filters_language_category_risk_commenter(article):
    threat = make(article, 1, scores={"threat": 0.8, "promotion": 0.1}, language="ar", author_email="a@example.org")
    spam = make(article, 1, scores={"threat": 0.05, "promotion": 0.9}, language="en", author_email="b@example.org")
    policy = SitePolicy.current()
    assert ids(queue_page(QueueFilters(language="ar"), policy)) == [threat[0].pk]
    assert ids(queue_page(QueueFilters(category="promotion"), policy)) == [spam[0].pk]
    assert ids(queue_page(QueueFilters(min_risk=0.85), policy)) == [spam[0].pk]
    assert ids(queue_page(QueueFilters(max_risk=0.85), policy)) == [threat[0].pk]
    assert ids(queue_page(QueueFilters(commenter="b@example.org"), policy)) == [spam[0].pk]


def test_queue_page_query_count_does_not_grow_with_commenters(moderator_client, article):
    make(article, 3)
    moderator_client.get("/moderation/")  # warm-up: creates the site policy row once
    with CaptureQueriesContext(connection) as small:
        moderator_client.get("/moderation/")
    make(article, 20, author_email="same@example.org", start=timezone.now() - timedelta(minutes=30))
    make(article, 15, start=timezone.now() - timedelta(minutes=20))
    with CaptureQueriesContext(connection) as large:
        html = moderator_client.get("/moderation/").content.decode()
    assert html.count('class="queue-item') == 20
    assert len(large) == len(small)


def test_queue_shows_counts_history_and_scores(moderator_client, moderator, article):
    past = make(article, 2, author_email="dara@example.org", start=timezone.now() - timedelta(days=3))
    actions.approve(past[0].pk, actor=moderator)
    actions.reject(past[1].pk, actor=moderator, reasons=["profanity"])
    make(article, 1, author_email="dara@example.org", scores={"personal_attack": 0.91, "threat": 0.02},
         text="you idiot", language="en")
    html = moderator_client.get("/moderation/").content.decode()
    assert "1 approved" in html and "1 rejected" in html
    assert 'data-status="pending">1<' in html and 'data-status="approved">1<' in html
    assert "personal_attack 91%" in html
    # the likely reason is pre-selected
    assert 'value="personal_attack" data-key="4" checked' in html


def test_evidence_is_highlighted_in_the_text_as_submitted(moderator_client, article):
    comment = make(article, 1, text="<b>you</b> idiot!")[0]
    Comment.objects.filter(pk=comment.pk).update(
        screening_evidence=[{"start": 11, "end": 16, "code": "personal_attack", "why": "insult"}],
        screened_at=timezone.now(),
    )
    html = moderator_client.get("/moderation/").content.decode()
    assert '&lt;b&gt;you&lt;/b&gt; <mark class="evidence" data-code="personal_attack" title="personal_attack: insult">idiot</mark>!' in html


def test_undo_within_ten_seconds_only_for_own_decision(moderator, django_user_model, article):
    comment = make(article, 1)[0]
    actions.approve(comment.pk, actor=moderator)
    other = django_user_model.objects.create_user("other", password="x-long-password-1")
    with pytest.raises(actions.UndoExpired):
        actions.undo(comment.pk, actor=other)
    actions.undo(comment.pk, actor=moderator)
    assert Comment.objects.get(pk=comment.pk).status == "pending"
    assert AuditEntry.objects.filter(action="undo").count() == 1
    actions.reject(comment.pk, actor=moderator, reasons=["threat"])
    with pytest.raises(actions.UndoExpired):
        actions.undo(comment.pk, actor=moderator, now=timezone.now() + timedelta(seconds=11))
    assert Comment.objects.get(pk=comment.pk).status == "rejected"


def test_json_decisions_for_the_keyboard_queue(moderator_client, article):
    comment = make(article, 1)[0]
    response = moderator_client.post(f"/moderation/comments/{comment.pk}/decide", {"decision": "approve"},
                                     HTTP_ACCEPT="application/json")
    assert response.json()["ok"] and response.json()["undo_url"].endswith(f"/{comment.pk}/undo")
    again = moderator_client.post(f"/moderation/comments/{comment.pk}/decide", {"decision": "approve"},
                                  HTTP_ACCEPT="application/json")
    assert again.status_code == 409 and again.json()["code"] == "already_decided"
    undo = moderator_client.post(f"/moderation/comments/{comment.pk}/undo", HTTP_ACCEPT="application/json")
    assert undo.json()["ok"]
    assert Comment.objects.get(pk=comment.pk).status == "pending"


def test_bulk_decisions(moderator_client, moderator, article):
    made = make(article, 4)
    actions.approve(made[3].pk, actor=moderator)
    response = moderator_client.post("/moderation/bulk", {
        "selected": [c.pk for c in made], "decision": "reject", "reasons": ["promotion"]}, follow=True)
    assert "3 comments rejected. 1 had already been decided" in response.content.decode()
    assert list(Comment.objects.order_by("id").values_list("status", flat=True)) == ["rejected"] * 3 + ["approved"]
    response = moderator_client.post("/moderation/bulk", {"selected": [made[0].pk], "decision": "reject"}, follow=True)
    assert "Nothing decided" in response.content.decode()


def test_commenter_status_changes_are_audited_and_take_effect(moderator_client, moderator, article):
    comment = make(article, 1, author_email="t@example.org")[0]
    commenter = comment.commenter
    moderator_client.post(f"/moderation/commenters/{commenter.pk}/", {"status": "trusted", "note": "long-time reader"})
    commenter.refresh_from_db()
    assert commenter.status == "trusted"
    assert Comment.objects.get(pk=comment.pk).priority == 1
    entry = AuditEntry.objects.get(action="commenter_status")
    assert (entry.commenter, entry.from_status, entry.to_status, entry.note) == (commenter, "normal", "trusted", "long-time reader")
    assert "long-time reader" in moderator_client.get("/moderation/audit/").content.decode()


def test_moderators_cannot_change_editor_settings(client, moderator, article):
    moderator.is_staff = True
    moderator.save()
    client.force_login(moderator)
    SitePolicy.current()
    assert client.get("/admin/moderation/sitepolicy/1/change/").status_code == 403
    assert client.post(f"/admin/articles/article/{article.pk}/change/", {"comments_open": "False"}).status_code == 403


def test_automatic_decisions_are_off_by_default_and_audited_as_screening(article):
    comment = make(article, 1, scores={"threat": 0.97})[0]
    assert apply_policy(comment) is None
    assert Comment.objects.get(pk=comment.pk).status == "pending"
    policy = SitePolicy.current()
    policy.auto_reject_threshold = 0.95
    policy.save()
    apply_policy(comment, policy)
    comment.refresh_from_db()
    assert comment.status == "rejected" and comment.reasons == ["threat"]
    entry = AuditEntry.objects.get()
    assert entry.actor_label == "screening" and entry.actor is None
    assert entry.details["scores"] == {"threat": 0.97}


def test_auto_approve_floor_and_trusted_rule(article):
    policy = SitePolicy.current()
    clean = make(article, 1, scores={"threat": 0.01, "profanity": 0.02})[0]
    assert apply_policy(clean, policy) is None
    policy.trusted_auto_approve = True
    trusted = make(article, 1, scores={"threat": 0.01}, author_email="t@example.org")[0]
    Commenter.objects.filter(email="t@example.org").update(status="trusted")
    apply_policy(trusted, policy)
    assert Comment.objects.get(pk=trusted.pk).status == "approved"
    policy.auto_approve_floor = 0.05
    apply_policy(clean, policy)
    assert Comment.objects.get(pk=clean.pk).status == "approved"
    assert AuditEntry.objects.filter(actor_label="screening", action="approve").count() == 2


def test_editors_can_close_comments_on_an_article(client, django_user_model, article):
    from django.contrib.auth.models import Group

    editor = django_user_model.objects.create_user("ed", password="x-long-password-3", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get(f"/admin/articles/article/{article.pk}/change/").status_code == 200
    assert client.get("/admin/moderation/sitepolicy/").status_code == 200


def test_likely_threshold_defaults_to_the_models_own_and_the_policy_overrides_it(db):
    from majlis.comments.screening import get_screener
    from majlis.moderation.models import SitePolicy

    policy = SitePolicy.current()
    model_threshold = get_screener().thresholds["threat"]
    assert policy.likely_threshold("threat") == pytest.approx(model_threshold)
    assert policy.likely_threshold("off_topic") == 0.5
    policy.likely_thresholds = {"threat": 0.8}
    policy.save()
    assert SitePolicy.current().likely_threshold("threat") == 0.8
