"""Commenters' data rights: export everything stored about an e-mail
address, and erase it. Both are written to the audit log."""
import logging

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from majlis.comments.models import Comment, Commenter
from majlis.moderation.models import AuditEntry, SitePolicy

# stdlib logging (stderr), not structlog (stdout): `majlis commenter export`
# writes the JSON to stdout.
log = logging.getLogger(__name__)
ERASED_NAME = "Erased commenter"


class NothingStored(Exception):
    """No commenter and no comment uses this e-mail address."""


def normalise(email):
    return (email or "").strip().lower()


def placeholder_email(commenter_id):
    # Non-identifying and never deliverable (.invalid is reserved, RFC 2606).
    return f"erased-{commenter_id}@erased.invalid"


def _actor_label(actor, actor_label):
    return actor_label or (actor.get_username() if actor is not None else "system")


def _iso(value):
    return value.isoformat() if value else None


def _comments_for(email, commenter):
    query = Q(author_email=email)
    if commenter is not None:
        query |= Q(commenter=commenter)
    return Comment.objects.filter(query).select_related("article").order_by("submitted_at", "id")


def export_commenter(email, actor=None, actor_label=None, audit=True):
    """Everything Majlis stores about this e-mail address, as a
    JSON-serialisable dict: the commenter row, every comment (text exactly as
    stored, status, dates, article, IP, screening results, import source)
    and the audit entries about them. Writes an "export" audit entry."""
    from .models import ImportedItem

    email = normalise(email)
    commenter = Commenter.objects.filter(email=email).first()
    comments = list(_comments_for(email, commenter))
    comment_ids = [c.pk for c in comments]
    sources = dict(ImportedItem.objects.filter(comment_id__in=comment_ids).values_list("comment_id", "source"))
    entries = AuditEntry.objects.filter(
        Q(comment_id__in=comment_ids) | (Q(commenter=commenter) if commenter else Q(pk__in=[]))
    ).order_by("created", "id")
    data = {
        "format": "majlis-commenter-export/1",
        "email": email,
        "exported_at": timezone.now().isoformat(),
        "commenter": None if commenter is None else {
            "id": commenter.pk, "email": commenter.email, "status": commenter.status,
            "first_seen": _iso(commenter.first_seen), "last_name_used": commenter.last_name_used,
            "erased_at": _iso(commenter.erased_at),
        },
        "comments": [{
            "id": c.pk,
            "article": {"id": c.article_id, "headline": c.article.headline, "slug": c.article.slug,
                        "url": c.article.url, "path": c.article.get_absolute_url()},
            "author_name": c.author_name, "author_email": c.author_email, "text": c.text,
            "status": c.status, "submitted_at": _iso(c.submitted_at), "decided_at": _iso(c.decided_at),
            "reasons": list(c.reasons or []), "moderator_note": c.moderator_note, "ip_address": c.ip_address,
            "screening": {"language": c.screening_language, "scores": c.screening_scores,
                          "evidence": c.screening_evidence, "screened_at": _iso(c.screened_at)},
            "erased_at": _iso(c.erased_at), "imported_from": sources.get(c.pk),
        } for c in comments],
        "audit_entries": [{
            "id": e.pk, "created": _iso(e.created), "action": e.action, "actor": e.actor_label,
            "comment_id": e.comment_id, "from_status": e.from_status, "to_status": e.to_status,
            "reasons": list(e.reasons or []), "note": e.note,
        } for e in entries],
    }
    if audit:
        AuditEntry.objects.create(
            actor=actor, actor_label=_actor_label(actor, actor_label), action=AuditEntry.Action.EXPORT,
            commenter=commenter, note=f"Data export: {len(comments)} comment(s).",
            details={"comments": len(comments)},
        )
    log.info("datarights.export commenter_id=%s comments=%s", commenter.pk if commenter else None, len(comments))
    return data


def erase_commenter(email, actor=None, remove_text=None, actor_label=None, now=None):
    """Erase what identifies the commenter: name and e-mail replaced on the
    commenter and every comment, IP addresses dropped, Commenter.erased_at
    set. The comments' text is emptied too when remove_text is true (default:
    SitePolicy.erasure_removes_text); such comments show "removed at the
    author's request" publicly. Writes an "erasure" audit entry.
    Returns a summary dict."""
    email = normalise(email)
    now = now or timezone.now()
    if remove_text is None:
        remove_text = SitePolicy.current().erasure_removes_text
    with transaction.atomic():
        commenter = Commenter.objects.select_for_update().filter(email=email).first()
        comments = _comments_for(email, commenter)
        if commenter is None:
            if not comments.exists():
                raise NothingStored("No commenter or comment uses this e-mail address.")
            commenter = Commenter.objects.create(email=email, first_seen=now)  # to carry the placeholder id
            comments = _comments_for(email, commenter)
        placeholder = placeholder_email(commenter.pk)
        ids = list(comments.values_list("pk", flat=True))
        identity = {"author_name": ERASED_NAME, "author_email": placeholder, "ip_address": None,
                    "fingerprint": ""}
        Comment.objects.filter(pk__in=ids, commenter__isnull=True).update(commenter=commenter)
        Comment.objects.filter(pk__in=ids).update(**identity)
        texts_removed = 0
        if remove_text:
            # The one change the text trigger allows: emptied, with erased_at
            # set, in the same statement, on rows not erased before.
            texts_removed = Comment.objects.filter(pk__in=ids, erased_at__isnull=True).update(
                text="", erased_at=now, screening_evidence=[])
        Commenter.objects.filter(pk=commenter.pk).update(email=placeholder, last_name_used=ERASED_NAME, erased_at=now)
        summary = {"commenter_id": commenter.pk, "comments": len(ids), "texts_removed": texts_removed,
                   "text_removed": bool(remove_text)}
        AuditEntry.objects.create(
            created=now, actor=actor, actor_label=_actor_label(actor, actor_label), action=AuditEntry.Action.ERASURE,
            commenter=commenter,
            note=f"Erased on request: {len(ids)} comment(s); text {'removed' if remove_text else 'kept'}.",
            details=summary,
        )
    log.info("datarights.erasure %s", summary)
    return summary
