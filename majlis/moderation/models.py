from django.conf import settings
from django.db import models
from django.utils import timezone


class SitePolicy(models.Model):
    """Site-wide moderation settings, edited by admins (one row)."""

    likely_thresholds = models.JSONField(
        default=dict, blank=True,
        help_text='Per guideline code, the screening score that marks a likely violation and pre-selects it '
                  'as the rejection reason, e.g. {"threat": 0.4}. Codes not listed use 0.5: screening scores are '
                  're-centred so that 0.5 is the screening model\'s own threshold, chosen on held-out comments '
                  'when it was trained.',
    )
    auto_reject_threshold = models.FloatField(
        null=True, blank=True,
        help_text="Off when empty (the policy says people moderate). If set, a comment scoring at least this "
                  "on any guideline is rejected automatically, audited as made by screening.",
    )
    auto_approve_floor = models.FloatField(
        null=True, blank=True,
        help_text="Off when empty. If set, a comment scoring below this on every guideline is approved automatically.",
    )
    trusted_auto_approve = models.BooleanField(
        default=False, help_text="Approve trusted commenters' comments automatically when screening finds nothing.",
    )
    comments_open_by_default = models.BooleanField(default=True)
    notify_commenters = models.BooleanField(default=False, help_text="E-mail commenters when a comment is decided.")
    erasure_removes_text = models.BooleanField(
        default=False, help_text="When a commenter's data is erased, also empty their comments' text.",
    )
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "site policy"

    def __str__(self):
        return "Site policy"

    @classmethod
    def current(cls):
        return cls.objects.get_or_create(pk=1)[0]

    def likely_threshold(self, code):
        configured = (self.likely_thresholds or {}).get(code)
        if configured is not None:
            return float(configured)
        from majlis.comments.screening import default_threshold

        return default_threshold(code)


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete an audit entry."""


class AuditEntry(models.Model):
    """One moderation event. Append-only: the model refuses updates and
    deletes, and database triggers (migration 0002) refuse them too."""

    class Action(models.TextChoices):
        APPROVE = "approve", "Approved"
        REJECT = "reject", "Rejected"
        REVERSE_TO_REJECTED = "reverse_reject", "Reversed: taken down"
        REVERSE_TO_APPROVED = "reverse_approve", "Reversed: reinstated"
        UNDO = "undo", "Undone (back to pending)"
        COMMENTER_STATUS = "commenter_status", "Commenter status changed"
        ERASURE = "erasure", "Commenter data erased"
        EXPORT = "export", "Commenter data exported"

    created = models.DateTimeField(default=timezone.now, db_index=True)
    # PROTECT: the audit log cannot be rewritten, so accounts of people who
    # decided comments are deactivated, not deleted (actor_label keeps the name).
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    actor_label = models.CharField(max_length=150, help_text='Username at the time, or "screening" for automatic decisions.')
    action = models.CharField(max_length=20, choices=Action.choices)
    comment = models.ForeignKey(
        "comments.Comment", null=True, blank=True, on_delete=models.PROTECT, related_name="audit_entries"
    )
    commenter = models.ForeignKey(
        "comments.Commenter", null=True, blank=True, on_delete=models.PROTECT, related_name="audit_entries"
    )
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10, blank=True)
    reasons = models.JSONField(default=list, blank=True)
    note = models.TextField(blank=True)
    details = models.JSONField(default=dict, blank=True, help_text="E.g. the screening scores behind an automatic decision.")

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name_plural = "audit entries"

    def __str__(self):
        target = f"comment {self.comment_id}" if self.comment_id else f"commenter {self.commenter_id}"
        return f"{self.created:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {target}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit entries cannot be deleted.")
