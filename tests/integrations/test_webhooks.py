import json
from datetime import timedelta

import pytest
from django.utils import timezone

from majlis.comments.actions import submit_comment
from majlis.integrations import webhooks
from majlis.integrations.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from majlis.integrations.signing import verify_signature
from majlis.moderation import actions

pytestmark = [pytest.mark.django_db(transaction=True)]
ALL = ["comment.submitted", "comment.approved", "comment.rejected", "comment.reversed"]


def post(article, text="A fair point about the budget.", email="Reader@Example.org"):
    return submit_comment(article=article, name="Reader", email=email, text=text, ip_address="192.0.2.1").comment


def test_secret_is_generated_per_endpoint():
    a = WebhookEndpoint.objects.create(url="https://a.example/hook", events=ALL)
    b = WebhookEndpoint.objects.create(url="https://b.example/hook", events=ALL)
    assert a.secret.startswith("whsec_") and len(a.secret) > 30 and a.secret != b.secret


def test_events_fire_on_submit_approve_reject_reverse(immediate_tasks, receiver, article, moderator):
    endpoint = WebhookEndpoint.objects.create(url=receiver.url, events=ALL)
    first = post(article)
    actions.approve(first.pk, actor=moderator)
    actions.reverse(first.pk, actor=moderator, expected_status="approved", reasons=["personal_attack"])
    second = post(article, text="Another comment", email="other@example.org")
    actions.reject(second.pk, actor=moderator, reasons=["promotion"])
    actions.reverse(second.pk, actor=moderator, expected_status="rejected", note="Not promotion after all")

    events = [json.loads(r["body"])["event"] for r in receiver.requests]
    assert events == ["comment.submitted", "comment.approved", "comment.reversed",
                      "comment.submitted", "comment.rejected", "comment.reversed"]
    for request in receiver.requests:
        assert verify_signature(endpoint.secret, request["headers"]["X-Majlis-Signature"], request["body"])
        body = request["body"].decode()
        assert "reader@example.org" not in body.lower() and "other@example.org" not in body
        assert "192.0.2.1" not in body
        assert request["headers"]["Content-Type"] == "application/json"
    taken_down = json.loads(receiver.requests[2]["body"])
    assert taken_down["data"]["comment"] == {
        "id": first.pk, "status": "rejected", "reasons": ["personal_attack"],
        "submitted_at": taken_down["data"]["comment"]["submitted_at"],
        "decided_at": taken_down["data"]["comment"]["decided_at"],
        "article": {"id": article.pk, "slug": article.slug, "url": article.url, "path": article.get_absolute_url()},
    }
    assert taken_down["data"]["decision"]["action"] == "reverse_reject"
    assert taken_down["id"].startswith("evt_") and isinstance(taken_down["created"], int)
    assert receiver.requests[2]["headers"]["X-Majlis-Event"] == "comment.reversed"
    assert WebhookDelivery.objects.filter(status="succeeded").count() == 6
    assert WebhookAttempt.objects.filter(status_code=200).count() == 6


def test_only_subscribed_active_endpoints_receive(immediate_tasks, receiver, article, moderator):
    WebhookEndpoint.objects.create(url=receiver.url, events=["comment.approved"])
    WebhookEndpoint.objects.create(url=receiver.url + "/off", events=ALL, active=False)
    comment = post(article)
    actions.approve(comment.pk, actor=moderator)
    assert [json.loads(r["body"])["event"] for r in receiver.requests] == ["comment.approved"]
    assert [r["path"] for r in receiver.requests] == ["/hook"]


def test_undo_is_not_an_event(immediate_tasks, receiver, article, moderator):
    WebhookEndpoint.objects.create(url=receiver.url, events=ALL)
    comment = post(article)
    actions.approve(comment.pk, actor=moderator)
    actions.undo(comment.pk, actor=moderator)
    assert [json.loads(r["body"])["event"] for r in receiver.requests] == ["comment.submitted", "comment.approved"]


def emit_one(url):
    WebhookEndpoint.objects.create(url=url, events=ALL)
    [delivery] = webhooks.emit("comment.approved", {"comment": {"id": 1}})
    return delivery


def test_500_then_success_is_retried_with_backoff_and_logged(immediate_tasks, receiver):
    receiver.script = [(500, 0), (200, 0)]
    delivery = emit_one(receiver.url)
    delivery.refresh_from_db()
    assert delivery.status == "pending" and delivery.attempts == 1
    wait = delivery.next_attempt_at - timezone.now()
    assert timedelta(seconds=8) < wait <= timedelta(seconds=10)
    [first] = delivery.attempt_log.all()
    assert first.number == 1 and first.status_code == 500 and first.error == "HTTP 500"
    assert first.response_excerpt == "answer 500" and first.duration_ms >= 0

    assert webhooks.retry_due() == 0  # not due yet
    assert webhooks.retry_due(now=timezone.now() + timedelta(seconds=11)) == 1
    delivery.refresh_from_db()
    assert delivery.status == "succeeded" and delivery.attempts == 2 and delivery.delivered_at
    assert [(a.number, a.status_code) for a in delivery.attempt_log.all()] == [(1, 500), (2, 200)]
    # Same body both times; each request signed afresh.
    assert receiver.requests[0]["body"] == receiver.requests[1]["body"] == delivery.body.encode()
    secret = delivery.endpoint.secret
    assert all(verify_signature(secret, r["headers"]["X-Majlis-Signature"], r["body"]) for r in receiver.requests)
    # A stale task for an attempt already made does nothing.
    assert webhooks.attempt(delivery.pk, number=2) is None


def test_timeout_is_logged_and_retried(immediate_tasks, receiver):
    receiver.script = [(200, 2.0), (200, 0)]
    delivery = emit_one(receiver.url)
    delivery.refresh_from_db()
    [first] = delivery.attempt_log.all()
    assert first.status_code is None and "timed out" in first.error.lower()
    assert delivery.status == "pending" and delivery.next_attempt_at
    webhooks.retry_due(now=timezone.now() + timedelta(minutes=1))
    delivery.refresh_from_db()
    assert delivery.status == "succeeded" and delivery.attempts == 2


def test_gives_up_after_six_attempts_with_exponential_backoff(immediate_tasks, receiver):
    receiver.script = [(503, 0)]
    delivery = emit_one(receiver.url)
    waits = []
    for _ in range(10):
        delivery.refresh_from_db()
        if delivery.status != "pending":
            break
        waits.append(delivery.next_attempt_at - timezone.now())
        webhooks.retry_due(now=delivery.next_attempt_at + timedelta(seconds=1))
    delivery.refresh_from_db()
    assert delivery.status == "failed" and delivery.attempts == webhooks.MAX_ATTEMPTS == 6
    assert len(receiver.requests) == 6
    assert all(later > earlier for earlier, later in zip(waits, waits[1:]))
    assert webhooks.retry_due(now=timezone.now() + timedelta(days=1)) == 0


def test_connection_refused_is_logged(immediate_tasks):
    delivery = emit_one("http://127.0.0.1:9/nothing-listens")
    [attempt] = WebhookAttempt.objects.filter(delivery=delivery)
    assert attempt.status_code is None and attempt.error


def test_database_backend_schedules_retry_with_run_after(receiver):
    from django_tasks_db.models import DBTaskResult

    receiver.script = [(500, 0)]
    WebhookEndpoint.objects.create(url=receiver.url, events=ALL)
    [delivery] = webhooks.emit("comment.approved", {"comment": {"id": 1}})
    assert DBTaskResult.objects.count() == 1  # first attempt enqueued for the worker
    webhooks.attempt(delivery.pk, number=1)
    delivery.refresh_from_db()
    retry = DBTaskResult.objects.order_by("-enqueued_at").first()
    assert DBTaskResult.objects.count() == 2
    assert retry.args_kwargs["args"] == [delivery.pk, 2]
    assert abs((retry.run_after - delivery.next_attempt_at).total_seconds()) < 1


def test_deliveries_are_read_only_in_admin(immediate_tasks, receiver, admin_client):
    delivery = emit_one(receiver.url)
    page = admin_client.get(f"/admin/integrations/webhookdelivery/{delivery.pk}/change/")
    assert page.status_code == 200
    assert b"answer 200" in page.content and b"Save" not in page.content.replace(b"Save and", b"")
    assert admin_client.get("/admin/integrations/webhookdelivery/add/").status_code == 403
    assert admin_client.post(f"/admin/integrations/webhookdelivery/{delivery.pk}/delete/").status_code == 403


def test_endpoint_admin_add_form(admin_client):
    response = admin_client.post("/admin/integrations/webhookendpoint/add/", {
        "url": "https://publisher.example/hooks", "description": "CMS", "events": ["comment.approved",
                                                                                "comment.reversed"],
        "active": "on",
    })
    assert response.status_code == 302, response.content[:2000]
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.events == ["comment.approved", "comment.reversed"] and endpoint.secret.startswith("whsec_")


def test_a_webhook_failure_never_breaks_a_decision(immediate_tasks, article, moderator, monkeypatch):
    WebhookEndpoint.objects.create(url="http://127.0.0.1:9/", events=ALL)

    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(webhooks, "emit", broken)
    comment = post(article)
    actions.approve(comment.pk, actor=moderator)
    comment.refresh_from_db()
    assert comment.status == "approved"


def test_endpoint_admin_shows_secret_and_rotates_it(admin_client):
    endpoint = WebhookEndpoint.objects.create(url="https://publisher.example/hooks", events=ALL)
    page = admin_client.get(f"/admin/integrations/webhookendpoint/{endpoint.pk}/change/")
    assert page.status_code == 200 and endpoint.secret.encode() in page.content
    old = endpoint.secret
    admin_client.post("/admin/integrations/webhookendpoint/", {
        "action": "rotate_secrets", "_selected_action": [endpoint.pk]})
    endpoint.refresh_from_db()
    assert endpoint.secret != old and endpoint.secret.startswith("whsec_")


def test_a_delivery_claimed_by_a_worker_that_died_becomes_due_again(article, monkeypatch, db):
    from datetime import timedelta

    from django.utils import timezone

    from majlis.integrations import webhooks
    from majlis.integrations.models import WebhookDelivery

    endpoint = WebhookEndpoint.objects.create(url="http://127.0.0.1:9/never", events=ALL)
    delivery = WebhookDelivery.objects.create(endpoint=endpoint, event="comment.submitted", payload={"x": 1})

    def worker_killed(*args, **kwargs):
        raise SystemExit("worker killed mid-request")

    monkeypatch.setattr(webhooks, "post", worker_killed)
    with pytest.raises(SystemExit):
        webhooks.attempt(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == "pending" and delivery.attempts == 1
    assert delivery.next_attempt_at > timezone.now()
    assert webhooks.retry_due(now=timezone.now()) == 0
    assert webhooks.retry_due(now=timezone.now() + timedelta(minutes=1)) == 1
