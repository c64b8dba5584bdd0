"""Submit → screened with the committed engine → scores and highlighted
evidence in the moderation queue. Uses the real model artifacts."""
import pytest
from django.conf import settings
from django.test import override_settings

from majlis.comments import screening
from majlis.comments.actions import submit_comment
from majlis.comments.models import Comment

pytestmark = pytest.mark.django_db


def post(client, article, text, email="reader@example.org"):
    return client.post(f"/articles/{article.slug}/comments",
                       {"name": "Reader", "email": email, "text": text, "website": ""})


def test_submitted_comment_is_screened_and_evidence_shown_in_queue(client, moderator_client, article):
    text = "You are an idiot and a paid liar."
    assert post(client, article, text).status_code == 302
    comment = Comment.objects.get()
    assert comment.text == text  # screening never changes the text
    assert comment.screening_language == "en"
    assert set(comment.screening_scores) >= {"profanity", "vulgarity", "threat", "personal_attack",
                                             "identity_abuse", "promotion"}
    assert comment.screening_scores["personal_attack"] > 0.5
    assert comment.risk == max(v for k, v in comment.screening_scores.items() if k != "off_topic")
    spans = [(e["start"], e["end"], e["code"]) for e in comment.screening_evidence]
    assert (text.index("idiot"), text.index("idiot") + 5, "personal_attack") in spans
    html = moderator_client.get("/moderation/").content.decode()
    assert 'data-code="personal_attack"' in html and ">idiot</mark>" in html
    assert 'value="personal_attack" data-key="4" checked' in html  # pre-selected reason


@pytest.mark.parametrize("text, code", [
    ("WhatsApp me on +964 750 123 4567 for cheap deals", "promotion"),
    ("I will kill you", "threat"),
])
def test_obvious_violations_score_high(client, article, text, code):
    post(client, article, text)
    assert Comment.objects.get().screening_scores[code] > 0.5


def test_news_talk_about_violence_is_not_flagged(client, article):
    post(client, article, "The militia attacked the base after the airstrike; the government must investigate.")
    scores = Comment.objects.get().screening_scores
    assert scores["threat"] < 0.5 and scores["identity_abuse"] < 0.5


def test_screening_failure_never_loses_the_comment(client, moderator_client, article, monkeypatch):
    def broken():
        raise RuntimeError("model file missing")

    monkeypatch.setattr(screening, "get_screener", broken)
    assert post(client, article, "A fine comment.").status_code == 302
    comment = Comment.objects.get()
    assert comment.status == "pending" and comment.screened_at is None
    assert "screening…" in moderator_client.get("/moderation/").content.decode()


@override_settings(
    MAJLIS={**settings.MAJLIS, "SCREENING_MODE": "task"},
    TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
)
def test_background_screening_mode(article):
    submission = submit_comment(article=article, name="R", email="r@example.org", text="Subscribe to my channel!!!")
    comment = Comment.objects.get(pk=submission.comment.pk)
    assert comment.screened_at is not None and comment.screening_scores["promotion"] > 0.5


def test_rescreen_replaces_an_older_models_scores_and_decides_nothing(article):
    from django.core.management import call_command

    from majlis.moderation.models import AuditEntry

    pending = submit_comment(article=article, name="A", email="a@example.org", text="I will kill you").comment
    decided = submit_comment(article=article, name="B", email="b@example.org", text="Thanks for the report.").comment
    Comment.objects.filter(pk=decided.pk).update(status=Comment.Status.APPROVED)
    stale = {"threat": 0.2, "profanity": 0.0}  # what an older model might have stored
    Comment.objects.update(screening_scores=stale, screening_evidence=[], risk=0.2)
    audit_before = AuditEntry.objects.count()

    call_command("rescreen")

    pending.refresh_from_db()
    assert pending.screening_scores["threat"] > 0.5 and pending.risk > 0.5
    assert any(e["code"] == "threat" for e in pending.screening_evidence)
    assert pending.status == Comment.Status.PENDING and pending.text == "I will kill you"
    assert Comment.objects.get(pk=decided.pk).screening_scores == stale  # decided: left alone
    assert AuditEntry.objects.count() == audit_before

    call_command("rescreen", "--all")
    assert Comment.objects.get(pk=decided.pk).screening_scores != stale
