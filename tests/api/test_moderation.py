"""Moderating over the API with a `moderate` key: queue, decisions, commenter status."""
import json

import pytest

from majlis.comments.models import Comment, Commenter
from majlis.moderation.models import AuditEntry

from .conftest import bearer, from_site, make_comment, make_key

pytestmark = pytest.mark.django_db
P = Comment.Status.PENDING


def post(client, path, body=None, **headers):
    return client.post(path, data=json.dumps(body or {}), content_type="application/json", **headers)


def test_queue_lists_pending_oldest_first_with_cursor(client, article, moderate_key):
    commenter = Commenter.objects.create(email="a@example.org")
    made = [make_comment(article, f"p{i}", status=P, email="a@example.org", commenter=commenter,
                         screening_scores={"threat": 0.25}, risk=0.25) for i in range(3)]
    make_comment(article, "approved", email="b@example.org")
    first = client.get("/api/v1/moderation/queue?limit=2", **bearer(moderate_key))
    assert first.status_code == 200
    body = first.json()
    assert [c["id"] for c in body["comments"]] == [made[0].pk, made[1].pk]
    item = body["comments"][0]
    assert item["author_email"] == "a@example.org" and item["commenter"] == {"id": commenter.pk, "status": "normal"}
    assert item["article"]["slug"] == article.slug and item["screening_scores"] == {"threat": 0.25}
    second = client.get(f"/api/v1/moderation/queue?limit=2&cursor={body['next_cursor']}", **bearer(moderate_key)).json()
    assert [c["id"] for c in second["comments"]] == [made[2].pk] and second["next_cursor"] is None
    filtered = client.get("/api/v1/moderation/queue?article=nope", **bearer(moderate_key)).json()
    assert filtered["comments"] == []


def test_approve_and_reject_are_audited_and_first_decision_wins(client, article, moderate_key, moderator):
    one = make_comment(article, "fine", status=P)
    two = make_comment(article, "buy pills", status=P, email="spam@example.org")
    response = post(client, f"/api/v1/moderation/comments/{one.pk}/approve", **bearer(moderate_key))
    assert response.status_code == 200
    assert response.json()["status"] == "approved" and response.json()["decided_at"]
    entry = AuditEntry.objects.get(comment=one)
    assert entry.action == "approve" and entry.actor == moderator and entry.actor_label.startswith("api:")
    # Approving again: the comment was already decided.
    again = post(client, f"/api/v1/moderation/comments/{one.pk}/approve", **bearer(moderate_key))
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "already_decided" and "approved by mod" in again.json()["error"]["message"]

    response = post(client, f"/api/v1/moderation/comments/{two.pk}/reject",
                    {"reasons": ["promotion", "other"], "note": "Pharmacy spam"}, **bearer(moderate_key))
    assert response.status_code == 200
    assert response.json() == {**response.json(), "status": "rejected", "reasons": ["promotion", "other"],
                               "note": "Pharmacy spam"}
    assert AuditEntry.objects.get(comment=two).reasons == ["promotion", "other"]
    assert post(client, f"/api/v1/moderation/comments/{two.pk}/reject", {"reasons": ["promotion"]},
                **bearer(moderate_key)).status_code == 409
    # The approved comment now shows in the public thread.
    thread = client.get(f"/api/v1/comments?article={article.slug}", **from_site()).json()
    assert [c["text"] for c in thread["comments"]] == ["fine"]


@pytest.mark.parametrize("body, field", [
    ({"reasons": []}, "reasons"),
    ({"reasons": ["rude"]}, "reasons"),
    ({"reasons": ["other"]}, "note"),
    ({"reasons": ["other"], "note": "   "}, "note"),
    ({}, "reasons"),
    ({"reasons": "threat"}, "reasons"),
])
def test_reject_needs_valid_reasons(client, article, moderate_key, body, field):
    comment = make_comment(article, "x", status=P)
    response = post(client, f"/api/v1/moderation/comments/{comment.pk}/reject", body, **bearer(moderate_key))
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_error" and field in response.json()["error"]["fields"]
    comment.refresh_from_db()
    assert comment.status == P and not AuditEntry.objects.exists()


def test_unknown_comment(client, moderate_key):
    for path in ("/api/v1/moderation/comments/999999/approve", "/api/v1/moderation/comments/999999/reject"):
        response = post(client, path, {"reasons": ["threat"]}, **bearer(moderate_key))
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


def test_commenter_status_is_audited(client, article, moderate_key):
    commenter = Commenter.objects.create(email="a@example.org")
    make_comment(article, "pending", status=P, email="a@example.org", commenter=commenter)
    path = f"/api/v1/moderation/commenters/{commenter.pk}/status"
    response = post(client, path, {"status": "trusted", "note": "Long-time reader"}, **bearer(moderate_key))
    assert response.status_code == 200 and response.json() == {"id": commenter.pk, "status": "trusted"}
    entry = AuditEntry.objects.get(commenter=commenter)
    assert (entry.action, entry.from_status, entry.to_status) == ("commenter_status", "normal", "trusted")
    assert "Long-time reader" in entry.note
    assert Comment.objects.get().priority == 1
    assert post(client, path, {"status": "banned"}, **bearer(moderate_key)).json()["status"] == "banned"
    # A banned commenter's next comment is refused.
    refused = client.post("/api/v1/comments", data=json.dumps(
        {"article": article.slug, "name": "A", "email": "a@example.org", "text": "again"}),
        content_type="application/json", **from_site())
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "refused"
    bad = post(client, path, {"status": "admin"}, **bearer(moderate_key))
    assert bad.status_code == 400 and "status" in bad.json()["error"]["fields"]
    missing = post(client, "/api/v1/moderation/commenters/999999/status", {"status": "normal"}, **bearer(moderate_key))
    assert missing.status_code == 404


def test_only_moderate_keys_moderate(client, article):
    comment = make_comment(article, "x", status=P)
    approve = f"/api/v1/moderation/comments/{comment.pk}/approve"
    for scopes in (["read"], ["submit"], ["read", "submit", "screen"]):
        raw = make_key(*scopes)[1]
        response = post(client, approve, **bearer(raw))
        assert response.status_code == 403 and response.json()["error"]["code"] == "forbidden"
        assert client.get("/api/v1/moderation/queue", **bearer(raw)).status_code == 403
    # No key, or a page on an allow-listed site: a key is required.
    for headers in ({}, from_site()):
        response = post(client, approve, **headers)
        assert response.status_code == 401 and response.json()["error"]["code"] == "unauthorized"
    key, raw = make_key("moderate")
    key.revoke()
    assert post(client, approve, **bearer(raw)).status_code == 401
    comment.refresh_from_db()
    assert comment.status == P
    # A key made without a user still decides, audited under the key's name.
    key, raw = make_key("moderate")
    assert post(client, approve, **bearer(raw)).status_code == 200
    assert AuditEntry.objects.get(comment=comment).actor_label == f"api:{key.name}"
