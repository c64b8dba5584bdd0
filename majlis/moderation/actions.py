"""Moderation decisions. Each one is a compare-and-set on the comment's
status inside a transaction, so two moderators deciding the same comment at
once cannot both win, and each writes exactly one audit entry."""
from datetime import timedelta

import structlog
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from majlis.comments.models import Comment, Commenter
from majlis.comments.signals import comment_decided

from .models import AuditEntry
from .reasons import REASON_CODES

log = structlog.get_logger(__name__)
Status = Comment.Status
UNDO_WINDOW = timedelta(seconds=10)


class AlreadyDecided(Exception):
    def __init__(self, comment):
        self.comment = comment
        who = comment.decided_by.get_username() if comment.decided_by else "someone else"
        super().__init__(f"This comment was already {comment.get_status_display().lower()} by {who}.")


def clean_reasons(reasons, note):
    reasons = list(dict.fromkeys(reasons or []))
    unknown = [r for r in reasons if r not in REASON_CODES]
    if unknown:
        raise ValidationError(f"Unknown reason code(s): {', '.join(unknown)}.")
    if not reasons:
        raise ValidationError("Choose at least one guideline the comment breaks.")
    if "other" in reasons and not (note or "").strip():
        raise ValidationError('A note is required when the reason is "other".')
    return reasons


def _transition(comment_id, *, expected, new_status, action, actor, actor_label, reasons, note, details,
                extra_conditions=None):
    now = timezone.now()
    undoing = new_status == Status.PENDING
    with transaction.atomic():
        changed = Comment.objects.filter(pk=comment_id, status=expected, **(extra_conditions or {})).update(
            status=new_status,
            decided_at=None if undoing else now,
            decided_by=None if undoing else actor,
            reasons=reasons,
            moderator_note=note,
        )
        comment = Comment.objects.select_related("decided_by", "article").get(pk=comment_id)
        if not changed:
            raise AlreadyDecided(comment)
        entry = AuditEntry.objects.create(
            created=now,
            actor=actor,
            actor_label=actor_label or (actor.get_username() if actor else "system"),
            action=action,
            comment=comment,
            from_status=expected,
            to_status=new_status,
            reasons=reasons,
            note=note,
            details=details or {},
        )
        transaction.on_commit(lambda: comment_decided.send(sender=Comment, comment=comment, entry=entry))
    log.info("moderation.decision", comment_id=comment_id, action=action, actor=actor_label or str(actor))
    return comment


def approve(comment_id, *, actor, actor_label=None, details=None):
    return _transition(
        comment_id, expected=Status.PENDING, new_status=Status.APPROVED, action=AuditEntry.Action.APPROVE,
        actor=actor, actor_label=actor_label, reasons=[], note="", details=details,
    )


def reject(comment_id, *, actor, reasons, note="", actor_label=None, details=None):
    reasons = clean_reasons(reasons, note)
    return _transition(
        comment_id, expected=Status.PENDING, new_status=Status.REJECTED, action=AuditEntry.Action.REJECT,
        actor=actor, actor_label=actor_label, reasons=reasons, note=note.strip(), details=details,
    )


def reverse(comment_id, *, actor, expected_status, reasons=(), note=""):
    """Take down an approved comment (reasons required) or reinstate a
    rejected one (a note saying why is required). Never silent: audited."""
    if expected_status == Status.APPROVED:
        reasons = clean_reasons(reasons, note)
        new_status, action = Status.REJECTED, AuditEntry.Action.REVERSE_TO_REJECTED
    elif expected_status == Status.REJECTED:
        if not (note or "").strip():
            raise ValidationError("Say why the rejection is being reversed.")
        reasons, new_status, action = [], Status.APPROVED, AuditEntry.Action.REVERSE_TO_APPROVED
    else:
        raise ValidationError("Only approved or rejected comments can be reversed.")
    return _transition(
        comment_id, expected=expected_status, new_status=new_status, action=action,
        actor=actor, actor_label=None, reasons=list(reasons), note=note.strip(), details=None,
    )


class UndoExpired(Exception):
    pass


def undo(comment_id, *, actor, now=None):
    """Put a comment the same moderator decided in the last 10 seconds back
    in the queue. Audited like any decision."""
    now = now or timezone.now()
    last = (
        AuditEntry.objects.filter(comment_id=comment_id, action__in=[AuditEntry.Action.APPROVE, AuditEntry.Action.REJECT])
        .order_by("-created", "-id").first()
    )
    if last is None or last.actor_id != actor.pk or now - last.created > UNDO_WINDOW:
        raise UndoExpired("Only your own decision of the last 10 seconds can be undone.")
    try:
        return _transition(
            comment_id, expected=last.to_status, new_status=Status.PENDING, action=AuditEntry.Action.UNDO,
            actor=actor, actor_label=None, reasons=[], note="", details={"undone_entry": last.pk},
            extra_conditions={"decided_by": actor, "decided_at__gte": now - UNDO_WINDOW},
        )
    except AlreadyDecided as exc:
        raise UndoExpired("The comment changed since; it can no longer be undone.") from exc


def decide_many(comment_ids, *, actor, approve_all, reasons=(), note=""):
    """Bulk decision: each comment on its own compare-and-set. Returns
    (decided ids, ids someone else decided first)."""
    if not approve_all:
        reasons = clean_reasons(reasons, note)
    decided, skipped = [], []
    for comment_id in comment_ids:
        try:
            if approve_all:
                approve(comment_id, actor=actor)
            else:
                reject(comment_id, actor=actor, reasons=reasons, note=note)
            decided.append(comment_id)
        except (AlreadyDecided, Comment.DoesNotExist):
            skipped.append(comment_id)
    return decided, skipped


def set_commenter_status(commenter_id, *, actor, status, note=""):
    """Change a commenter's status (normal / trusted / banned), audited."""
    if status not in Commenter.Status.values:
        raise ValidationError(f"Unknown status {status!r}.")
    with transaction.atomic():
        commenter = Commenter.objects.select_for_update().get(pk=commenter_id)
        previous = commenter.status
        if previous == status:
            return commenter
        commenter.status = status
        commenter.save(update_fields=["status"])
        AuditEntry.objects.create(
            actor=actor, actor_label=actor.get_username() if actor else "system",
            action=AuditEntry.Action.COMMENTER_STATUS, commenter=commenter,
            from_status=previous, to_status=status, note=(note or "").strip(),
        )
        # Pending comments of a newly trusted commenter move up the queue.
        Comment.objects.filter(commenter=commenter, status=Status.PENDING).update(
            priority=1 if status == Commenter.Status.TRUSTED else 0
        )
    log.info("moderation.commenter_status", commenter_id=commenter_id, status=status)
    return commenter
