"""The seam between stored comments and the screening engine.

Screening never changes the text; it only fills the screening_* fields."""
import functools
import logging

from django.conf import settings
from django.utils import timezone

logger = logging.getLogger(__name__)


@functools.lru_cache(maxsize=1)
def get_screener():
    from majlis.screening import Screener

    return Screener.load()


def screen_comment(comment):
    """Screen one comment and save scores, language and evidence on it."""
    from .models import Comment

    verdict = get_screener().screen(comment.text, article_text=comment.article.body).to_dict()
    Comment.objects.filter(pk=comment.pk).update(
        screening_scores=verdict["scores"],
        screening_language=verdict["language"],
        screening_evidence=verdict["evidence"],
        screened_at=timezone.now(),
    )
    comment.screening_scores = verdict["scores"]
    comment.screening_language = verdict["language"]
    comment.screening_evidence = verdict["evidence"]
    return verdict


def screen_comment_later_or_now(comment):
    if settings.MAJLIS["SCREENING_MODE"] == "task":
        from .tasks import screen_comment_task

        screen_comment_task.enqueue(comment.pk)
        return None
    try:
        return screen_comment(comment)
    except Exception:  # screening must never lose a reader's comment
        logger.exception("screening failed for comment %s; it stays in the queue unscreened", comment.pk)
        return None
