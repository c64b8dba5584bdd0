"""Building the moderation queue, separate from HTTP so it can be tested."""
from majlis.comments.models import Comment

# Score at which a guideline is shown as likely broken and pre-selected as
# the rejection reason. Issue "Guideline screening" makes this editable.
DEFAULT_LIKELY_THRESHOLD = 0.5


def queue_queryset(status="pending", article_slug=""):
    comments = Comment.objects.select_related("article", "decided_by")
    if status != "all":
        comments = comments.filter(status=status)
    if article_slug:
        comments = comments.filter(article__slug=article_slug)
    # Pending: oldest first (fairness); decided: most recent decisions first.
    if status == Comment.Status.PENDING:
        return comments.order_by("submitted_at", "id")
    return comments.order_by("-submitted_at", "-id")


def likely_reasons(comment, threshold=DEFAULT_LIKELY_THRESHOLD):
    return [code for code, score in (comment.screening_scores or {}).items()
            if code != "off_topic" and score >= threshold]
