"""What happens when a reader posts a comment. No HTTP here: views call
these, and so can an API or an importer."""
import hashlib
from dataclasses import dataclass
from datetime import timedelta

import structlog
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Comment, Commenter
from .screening import screen_comment_later_or_now
from .signals import comment_submitted

log = structlog.get_logger(__name__)


class SubmissionRefused(Exception):
    """The comment cannot be accepted; the message is safe to show."""


COMMENTS_CLOSED = "Comments are closed for this article."
# Neutral on purpose: a banned commenter is not told they are banned.
REFUSED = "We could not accept this comment."


@dataclass
class Submission:
    comment: Comment
    duplicate: bool


def fingerprint(article_id, email, text):
    raw = f"{article_id}\x1f{email.strip().lower()}\x1f{text}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(raw).hexdigest()


def submit_comment(*, article, name, email, text, ip_address=None, now=None):
    """Store a validated comment as pending, unless the same reader sent the
    same text to the same article within the duplicate window: then the
    earlier comment is returned and nothing new is stored."""
    now = now or timezone.now()
    email = email.strip().lower()
    if not article.accepts_comments(now):
        raise SubmissionRefused(COMMENTS_CLOSED)
    digest = fingerprint(article.pk, email, text)
    window = timedelta(seconds=settings.MAJLIS["DUPLICATE_WINDOW_SECONDS"])
    with transaction.atomic():
        Commenter.objects.get_or_create(email=email, defaults={"first_seen": now})
        # Lock the commenter's row: two identical posts at the same moment
        # (a double click) then run the duplicate check one after the other.
        commenter = Commenter.objects.select_for_update().get(email=email)
        if commenter.status == Commenter.Status.BANNED:
            log.info("comment.refused_banned", commenter_id=commenter.pk, article_id=article.pk)
            raise SubmissionRefused(REFUSED)
        if commenter.last_name_used != name:
            Commenter.objects.filter(pk=commenter.pk).update(last_name_used=name)
        earlier = (
            Comment.objects.select_for_update()
            .filter(fingerprint=digest, submitted_at__gte=now - window)
            .order_by("-submitted_at")
            .first()
        )
        if earlier is not None:
            log.info("comment.duplicate", comment_id=earlier.pk, article_id=article.pk)
            return Submission(earlier, duplicate=True)
        comment = Comment.objects.create(
            article=article,
            commenter=commenter,
            author_name=name,
            author_email=email,
            text=text,
            ip_address=ip_address,
            fingerprint=digest,
            submitted_at=now,
            priority=1 if commenter.status == Commenter.Status.TRUSTED else 0,
        )
    log.info("comment.submitted", comment_id=comment.pk, article_id=article.pk)
    # Announce the submission before screening can decide it, so receivers
    # (webhooks) see "submitted" before any automatic "approved/rejected".
    transaction.on_commit(lambda: comment_submitted.send(sender=Comment, comment=comment))
    screen_comment_later_or_now(comment)
    return Submission(comment, duplicate=False)
