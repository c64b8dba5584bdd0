"""The seam between stored comments and the screening engine.

Screening never changes the text; it fills the screening_* fields and then
lets the site policy decide whether anything happens automatically."""
import functools
import logging

from django.conf import settings
from django.utils import timezone

logger = logging.getLogger(__name__)


@functools.lru_cache(maxsize=1)
def get_screener():
    from majlis.screening import Screener

    return Screener.load()


def default_threshold(code):
    """The score from which the screening model calls ``code`` likely: the same for every code,
    because the engine re-centres its scores so that the model's own threshold (chosen on held-out
    comments, what `majlis screening evaluate` reports F1 and false-positive rates at) lands there.
    A constant: reading a policy never loads the model."""
    from majlis.screening.engine import DECISION_SCORE

    return DECISION_SCORE


def guideline_risk(scores):
    from .models import Comment

    return max((score for code, score in scores.items() if code != "off_topic"), default=Comment.UNSCREENED)


SCREENING_FIELDS = ("screening_scores", "screening_language", "screening_evidence", "screened_at", "risk")


def _apply_verdict(comment, verdict):
    """Put a verdict (``Verdict.to_dict()``) on the comment object, unsaved; returns its fields."""
    fields = dict(zip(SCREENING_FIELDS, (verdict["scores"], verdict["language"], verdict["evidence"],
                                         timezone.now(), guideline_risk(verdict["scores"]))))
    for name, value in fields.items():
        setattr(comment, name, value)
    return fields


def screen_comment(comment, decide=True):
    """Screen one comment, save scores, language and evidence on it, then
    apply the site's automatic-decision policy (off by default) unless
    `decide` is False (imports: their decisions were made elsewhere)."""
    from majlis.moderation.automatic import apply_policy

    from .models import Comment

    verdict = get_screener().screen(comment.text, article_text=comment.article.body).to_dict()
    Comment.objects.filter(pk=comment.pk).update(**_apply_verdict(comment, verdict))
    if decide:
        apply_policy(comment)
    return verdict


def rescreen_comments(comments):
    """Screen a batch of comments (with their articles loaded) in one engine call and save the
    results in one bulk UPDATE; never decides anything (``majlis rescreen``)."""
    from .models import Comment

    comments = list(comments)
    verdicts = get_screener().screen_many([c.text for c in comments], [c.article.body for c in comments])
    for comment, verdict in zip(comments, verdicts):
        _apply_verdict(comment, verdict.to_dict())
    Comment.objects.bulk_update(comments, SCREENING_FIELDS)
    return len(comments)


def screen_comment_later_or_now(comment, decide=True):
    if settings.MAJLIS["SCREENING_MODE"] == "task":
        from .tasks import screen_comment_task

        screen_comment_task.enqueue(comment.pk, decide)
        return None
    try:
        return screen_comment(comment, decide=decide)
    except Exception:  # screening must never lose a reader's comment
        logger.exception("screening failed for comment %s; it stays in the queue unscreened", comment.pk)
        return None
