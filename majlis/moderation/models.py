from django.conf import settings
from django.db import models
from django.utils import timezone


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

    created = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    actor_label = models.CharField(max_length=150, help_text='Username at the time, or "screening" for automatic decisions.')
    action = models.CharField(max_length=20, choices=Action.choices)
    comment = models.ForeignKey("comments.Comment", on_delete=models.PROTECT, related_name="audit_entries")
    from_status = models.CharField(max_length=10)
    to_status = models.CharField(max_length=10)
    reasons = models.JSONField(default=list, blank=True)
    note = models.TextField(blank=True)
    details = models.JSONField(default=dict, blank=True, help_text="E.g. the screening scores behind an automatic decision.")

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name_plural = "audit entries"

    def __str__(self):
        return f"{self.created:%Y-%m-%d %H:%M} {self.actor_label} {self.action} comment {self.comment_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit entries cannot be deleted.")
