from django.conf import settings
from django.db import models
from django.utils import timezone


class ImmutableTextError(Exception):
    """Raised when code tries to change a comment's text after submission."""


class Commenter(models.Model):
    """A person who comments, identified by e-mail address (lower-case)."""

    class Status(models.TextChoices):
        NORMAL = "normal", "Normal"
        TRUSTED = "trusted", "Trusted"
        BANNED = "banned", "Banned"

    email = models.EmailField(max_length=254, unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NORMAL)
    first_seen = models.DateTimeField(default=timezone.now)
    last_name_used = models.CharField(max_length=80, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.email} ({self.status})"


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)


class Comment(models.Model):
    """A reader's comment. Its text is stored exactly as accepted and never
    changes: the model refuses it here, and a database trigger refuses it for
    any UPDATE that bypasses the model. The one exception is erasure on the
    commenter's request (text emptied and erased_at set in the same UPDATE)."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="comments")
    commenter = models.ForeignKey(Commenter, null=True, blank=True, on_delete=models.PROTECT, related_name="comments")
    author_name = models.CharField(max_length=80)
    author_email = models.EmailField(max_length=254, help_text="Normalised to lower case; never shown publicly.")
    text = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    submitted_at = models.DateTimeField(default=timezone.now)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    fingerprint = models.CharField(max_length=64, help_text="Hash of e-mail, article and text, to drop resubmissions.")

    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reasons = models.JSONField(default=list, blank=True, help_text="Guideline codes of the last rejection.")
    moderator_note = models.TextField(blank=True)

    # Filled by screening (majlis.screening); empty until it has run.
    screening_scores = models.JSONField(default=dict, blank=True)
    screening_language = models.CharField(max_length=8, blank=True)
    screening_evidence = models.JSONField(default=list, blank=True)
    screened_at = models.DateTimeField(null=True, blank=True)
    # Highest screening score over the guideline codes, for "highest risk
    # first" and score-range filters without reading JSON on every row.
    # UNSCREENED (-1) rather than NULL so one plain index serves the sort on
    # both databases and unscreened comments sort last.
    UNSCREENED = -1.0
    risk = models.FloatField(default=UNSCREENED)
    # Trusted commenters' comments come first in the pending queue.
    priority = models.SmallIntegerField(default=0)

    # Set when the commenter's data is erased on request; the only moment
    # the text may change, and then only to empty (see migration triggers).
    erased_at = models.DateTimeField(null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["submitted_at", "id"]
        permissions = [("moderate_comment", "Can approve, reject and reverse comments")]
        indexes = [
            models.Index(fields=["status", "submitted_at", "id"], name="comment_queue_idx"),
            models.Index(fields=["status", "-priority", "submitted_at", "id"], name="comment_priority_queue_idx"),
            models.Index(fields=["status", "-risk", "-id"], name="comment_risk_idx"),
            models.Index(fields=["status", "screening_language", "submitted_at", "id"], name="comment_language_idx"),
            models.Index(fields=["article", "status", "submitted_at", "id"], name="comment_thread_idx"),
            models.Index(fields=["article", "status", "-priority", "submitted_at", "id"], name="comment_article_queue_idx"),
            models.Index(fields=["fingerprint", "submitted_at"], name="comment_fingerprint_idx"),
            models.Index(fields=["author_email", "submitted_at"], name="comment_email_idx"),
        ]

    def __str__(self):
        return f"{self.author_name} on {self.article_id}: {self.text[:40]}"

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_text = instance.__dict__.get("text")
        return instance

    def save(self, *args, **kwargs):
        loaded = getattr(self, "_loaded_text", None)
        erasing = self.erased_at is not None and self.text == ""
        if self.pk and loaded is not None and self.text != loaded and not erasing:
            raise ImmutableTextError("A comment's text cannot be changed after submission.")
        super().save(*args, **kwargs)
        self._loaded_text = self.text

    @property
    def is_screened(self):
        return self.screened_at is not None
