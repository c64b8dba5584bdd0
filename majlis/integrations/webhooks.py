"""Webhook events: built from the comment signals, stored as deliveries,
sent by a django-tasks task with retries and exponential back-off.

Payloads never contain the commenter's e-mail address, IP address or text."""
import json
import time
import urllib.error
import urllib.request
import uuid
from datetime import timedelta

import structlog
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from .signing import HEADER, sign

log = structlog.get_logger(__name__)

# Delay before attempt n+1 after attempt n failed: 6 attempts in all.
RETRY_DELAYS = [timedelta(seconds=10), timedelta(minutes=1), timedelta(minutes=5),
                timedelta(minutes=30), timedelta(hours=2)]
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
EXCERPT = 500

DECISION_EVENTS = {
    "approve": "comment.approved",
    "reject": "comment.rejected",
    "reverse_reject": "comment.reversed",
    "reverse_approve": "comment.reversed",
}


def timeout_seconds():
    return float(getattr(settings, "MAJLIS_WEBHOOK_TIMEOUT", 5))


def comment_data(comment, entry=None):
    article = comment.article
    data = {
        "comment": {
            "id": comment.pk,
            "status": comment.status,
            "reasons": list(comment.reasons or []),
            "submitted_at": comment.submitted_at.isoformat(),
            "decided_at": comment.decided_at.isoformat() if comment.decided_at else None,
            "article": {"id": article.pk, "slug": article.slug, "url": article.url,
                        "path": article.get_absolute_url()},
        },
    }
    if entry is not None:
        data["decision"] = {"action": entry.action, "from_status": entry.from_status,
                            "to_status": entry.to_status, "reasons": list(entry.reasons or []),
                            "automatic": entry.actor_label == "screening"}
    return data


def emit(event, data, now=None):
    """Store one delivery per active endpoint subscribed to event and hand
    each to the worker. Returns the deliveries."""
    endpoints = [e for e in WebhookEndpoint.objects.filter(active=True) if e.wants(event)]
    if not endpoints:
        return []
    now = now or timezone.now()
    event_id = f"evt_{uuid.uuid4().hex}"
    payload = {"id": event_id, "event": event, "created": int(now.timestamp()), "data": data}
    body = json.dumps(payload, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
    deliveries = [
        WebhookDelivery.objects.create(endpoint=e, event=event, event_id=event_id, payload=payload, body=body,
                                       created=now, next_attempt_at=now)
        for e in endpoints
    ]
    for delivery in deliveries:
        transaction.on_commit(lambda pk=delivery.pk: enqueue(pk, 1))
    return deliveries


def enqueue(delivery_id, number, run_after=None):
    """Hand attempt `number` of a delivery to the worker. A task for an
    attempt that has already been made does nothing, so enqueuing twice is safe."""
    from .tasks import deliver_webhook

    task = deliver_webhook
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return False  # `majlis webhooks retry` (or the next retry run) picks it up
        task = task.using(run_after=run_after)
    task.enqueue(delivery_id, number)
    return True


def on_comment_submitted(sender, comment, **kwargs):
    _safely(lambda: emit("comment.submitted", comment_data(comment)), comment)


def on_comment_decided(sender, comment, entry, **kwargs):
    event = DECISION_EVENTS.get(entry.action)
    if event:  # undo is not an event
        _safely(lambda: emit(event, comment_data(comment, entry)), comment)


def _safely(send, comment):
    # The comment or decision is already committed: a webhook problem must
    # not turn the reader's or moderator's request into an error.
    try:
        send()
    except Exception:
        log.exception("webhook.emit_failed", comment_id=comment.pk)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 3xx is an answer, not a place to re-POST to


_opener = urllib.request.build_opener(_NoRedirect)


def post(endpoint, delivery):
    """One HTTP attempt. Returns (status_code or None, excerpt, error)."""
    body = delivery.body.encode("utf-8")
    request = urllib.request.Request(endpoint.url, data=body, method="POST", headers={
        "Content-Type": "application/json",
        "User-Agent": "Majlis-Webhooks/1",
        "X-Majlis-Event": delivery.event,
        "X-Majlis-Delivery": str(delivery.pk),
        "X-Majlis-Event-Id": delivery.event_id,
        HEADER: sign(endpoint.secret, body),
    })
    try:
        with _opener.open(request, timeout=timeout_seconds()) as response:
            return response.status, response.read(EXCERPT * 4).decode("utf-8", "replace")[:EXCERPT], ""
    except urllib.error.HTTPError as exc:
        try:
            excerpt = exc.read(EXCERPT * 4).decode("utf-8", "replace")[:EXCERPT]
        except Exception:
            excerpt = ""
        return exc.code, excerpt, f"HTTP {exc.code}"
    except (TimeoutError, OSError, urllib.error.URLError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        return None, "", f"{type(reason).__name__}: {reason}"[:1000]


def attempt(delivery_id, number=None, now=None):
    """Make attempt `number` (default: the next one) of a pending delivery,
    log it, and schedule the one after if it failed. Returns the
    WebhookAttempt, or None when there is nothing to do (already delivered,
    given up, or that attempt was already made)."""
    with transaction.atomic():
        delivery = WebhookDelivery.objects.select_for_update().select_related("endpoint").filter(
            pk=delivery_id, status=WebhookDelivery.Status.PENDING).first()
        if delivery is None or (number is not None and delivery.attempts != number - 1):
            return None
        delivery.attempts += 1
        # Claimed. If this worker dies mid-attempt, the delivery becomes due
        # again after the timeout plus the usual back-off (retry_due finds it).
        delivery.next_attempt_at = timezone.now() + timedelta(seconds=timeout_seconds()) + RETRY_DELAYS[
            min(delivery.attempts, len(RETRY_DELAYS)) - 1]
        delivery.save(update_fields=["attempts", "next_attempt_at"])
    number = delivery.attempts
    started = time.monotonic()
    status_code, excerpt, error = post(delivery.endpoint, delivery)
    duration_ms = int((time.monotonic() - started) * 1000)
    now = now or timezone.now()
    logged = WebhookAttempt.objects.create(delivery=delivery, number=number, status_code=status_code,
                                           response_excerpt=excerpt, error=error, duration_ms=duration_ms)
    if logged.ok:
        delivery.status, delivery.delivered_at = WebhookDelivery.Status.SUCCEEDED, now
    elif number >= MAX_ATTEMPTS:
        delivery.status = WebhookDelivery.Status.FAILED
    else:
        delivery.next_attempt_at = now + RETRY_DELAYS[number - 1]
    delivery.save(update_fields=["status", "delivered_at", "next_attempt_at"])
    log.info("webhook.attempt", delivery_id=delivery.pk, number=number, status_code=status_code,
             error=error or None, duration_ms=duration_ms, outcome=delivery.status)
    if delivery.status == WebhookDelivery.Status.PENDING:
        enqueue(delivery.pk, number + 1, run_after=delivery.next_attempt_at)
    return logged


def retry_due(now=None):
    """Hand every pending delivery whose next attempt is due to the worker
    (for backends without run_after, and after a worker outage).
    Returns how many were enqueued."""
    now = now or timezone.now()
    due = list(WebhookDelivery.objects.filter(status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=now)
               .values_list("pk", "attempts"))
    for pk, attempts in due:
        enqueue(pk, attempts + 1)
    return len(due)
