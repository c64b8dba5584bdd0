"""Webhooks (endpoints, deliveries, every attempt), import bookkeeping and
the data-rights permission."""
import secrets

from django.db import models
from django.utils import timezone

EVENTS = [
    ("comment.submitted", "A comment was submitted (pending)"),
    ("comment.approved", "A comment was approved"),
    ("comment.rejected", "A comment was rejected"),
    ("comment.reversed", "A decision was reversed (taken down or reinstated)"),
]
EVENT_NAMES = [name for name, _ in EVENTS]


def generate_secret():
    return "whsec_" + secrets.token_urlsafe(32)


class WebhookEndpoint(models.Model):
    """A URL on the publisher's side that receives signed JSON events."""

    url = models.URLField(max_length=500, help_text="HTTPS URL that receives POSTed JSON.")
    description = models.CharField(max_length=200, blank=True)
    secret = models.CharField(
        max_length=100, default=generate_secret, editable=False,
        help_text="Shared secret for the X-Majlis-Signature header (HMAC-SHA256).",
    )
    events = models.JSONField(default=list, help_text="Event names this endpoint receives.")
    active = models.BooleanField(default=True)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.url

    def wants(self, event):
        return self.active and event in (self.events or [])

    def rotate_secret(self):
        self.secret = generate_secret()
        self.save(update_fields=["secret"])


class WebhookDelivery(models.Model):
    """One event for one endpoint; the body is fixed at creation so every
    retry sends the same bytes (only the signature's timestamp changes)."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending (will retry)"
        SUCCEEDED = "succeeded", "Delivered"
        FAILED = "failed", "Failed (gave up)"

    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=40)
    event_id = models.CharField(max_length=40, db_index=True)
    payload = models.JSONField()
    body = models.TextField(help_text="The exact JSON body that is signed and sent.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
    created = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name_plural = "webhook deliveries"

    def __str__(self):
        return f"{self.event} → {self.endpoint} ({self.status})"


class WebhookAttempt(models.Model):
    """One HTTP request of a delivery: what came back, or what went wrong."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log")
    number = models.PositiveSmallIntegerField()
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    response_excerpt = models.TextField(blank=True)
    error = models.TextField(blank=True)
    duration_ms = models.PositiveIntegerField(default=0)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["delivery", "number"]

    def __str__(self):
        return f"attempt {self.number}: {self.status_code or self.error[:40]}"

    @property
    def ok(self):
        return self.status_code is not None and 200 <= self.status_code < 300


class ImportedItem(models.Model):
    """Remembers what an import created, by the source's own id, so running
    the same import again adds nothing. Also marks imported comments: their
    decisions were made elsewhere and are not in Majlis's audit log."""

    class Source(models.TextChoices):
        DISQUS = "disqus", "Disqus"
        WORDPRESS = "wordpress", "WordPress"

    class Kind(models.TextChoices):
        ARTICLE = "article", "Article"
        COMMENT = "comment", "Comment"

    source = models.CharField(max_length=20, choices=Source.choices)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    external_id = models.CharField(max_length=100)
    article = models.ForeignKey("articles.Article", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    comment = models.OneToOneField(
        "comments.Comment", null=True, blank=True, on_delete=models.CASCADE, related_name="imported_from"
    )
    parent_external_id = models.CharField(max_length=100, blank=True, help_text="The source's parent comment id.")
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "kind", "external_id"], name="imported_item_unique"),
        ]

    def __str__(self):
        return f"{self.source} {self.kind} {self.external_id}"


class DataRights(models.Model):
    """Holds the permission for the data-rights page; no table."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("manage_data_rights", "Can export and erase a commenter's data")]
        verbose_name = verbose_name_plural = "commenter data rights"
