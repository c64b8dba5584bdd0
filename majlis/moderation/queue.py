"""Building the moderation queue, separate from HTTP so it can be tested.

Pagination is keyset (a cursor of the last row's sort values), so page 500
costs what page 1 costs, with the indexes declared on Comment."""
import base64
import json
from dataclasses import dataclass, field
from datetime import datetime
from datetime import timezone as dt_timezone

from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber

from majlis.articles.models import Article
from majlis.comments.models import Comment, Commenter

from .reasons import REASON_CODES

GUIDELINE_CODES = [code for code in REASON_CODES if code != "other"]
SORTS = {
    # name: [(field, descending)], the last one unique so the order is total
    "oldest": [("priority", True), ("submitted_at", False), ("id", False)],
    "newest": [("submitted_at", True), ("id", True)],
    "risk": [("risk", True), ("id", True)],
}
PAGE_SIZE = 20


@dataclass
class QueueFilters:
    status: str = "pending"
    article: str = ""
    language: str = ""
    category: str = ""
    min_risk: float | None = None
    max_risk: float | None = None
    commenter: str = ""
    sort: str = "oldest"
    after: str = ""

    @classmethod
    def from_query(cls, query):
        def number(name):
            try:
                value = float(query.get(name, ""))
            except ValueError:
                return None
            return min(max(value, 0.0), 1.0)

        status = query.get("status", "pending")
        sort = query.get("sort", "oldest")
        category = query.get("category", "")
        return cls(
            status=status if status in {*Comment.Status.values, "all"} else "pending",
            article=query.get("article", "")[:120],
            language=query.get("language", "")[:8],
            category=category if category in GUIDELINE_CODES else "",
            min_risk=number("min_risk"),
            max_risk=number("max_risk"),
            commenter=query.get("commenter", "").strip().lower()[:254],
            sort=sort if sort in SORTS else "oldest",
            after=query.get("after", "")[:500],
        )

    def query_params(self, **overrides):
        values = {**self.__dict__, **overrides}
        return {k: v for k, v in values.items() if v not in ("", None)}


def filtered(filters, policy, include_status=True):
    comments = Comment.objects.all()
    if include_status and filters.status != "all":
        comments = comments.filter(status=filters.status)
    if filters.article:
        # Resolve the slug first: filtering on a literal id lets the planner
        # use the per-article index instead of joining every queued row.
        article_id = Article.objects.filter(slug=filters.article).values_list("id", flat=True).first()
        comments = comments.filter(article_id=article_id) if article_id else comments.none()
    if filters.language:
        comments = comments.filter(screening_language=filters.language)
    if filters.category:
        threshold = policy.likely_threshold(filters.category)
        comments = comments.filter(**{f"screening_scores__{filters.category}__gte": threshold})
    if filters.min_risk is not None:
        comments = comments.filter(risk__gte=filters.min_risk)
    if filters.max_risk is not None:
        comments = comments.filter(risk__lte=filters.max_risk, risk__gte=0)  # screened ones only
    if filters.commenter:
        comments = comments.filter(author_email=filters.commenter)
    return comments


def encode_cursor(comment, sort):
    values = []
    for name, _ in SORTS[sort]:
        value = getattr(comment, name)
        values.append(value.isoformat() if isinstance(value, datetime) else value)
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def decode_cursor(token, sort):
    try:
        values = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        fields = SORTS[sort]
        if not isinstance(values, list) or len(values) != len(fields):
            return None
        decoded = [datetime.fromisoformat(v).astimezone(dt_timezone.utc) if name == "submitted_at" else v
                   for (name, _), v in zip(fields, values)]
        numeric_ok = all(isinstance(v, (int, float)) and not isinstance(v, bool) and abs(v) < 2**63
                         for (name, _), v in zip(fields, decoded) if name != "submitted_at")
        return decoded if numeric_ok else None
    except (ValueError, TypeError, OverflowError):
        return None


# The lowest value a descending sort field can take: once the cursor is
# there, every later row has that value too (no trusted comments left).
FLOORS = {"priority": 0}


def after_cursor(fields, values):
    """Rows strictly after `values` in the order `fields`:
    (a > x) OR (a = x AND b > y) OR ..., flipped for descending fields,
    AND a plain bound on the first field still free (a >= x), which is
    what lets the database start an index range scan at the cursor
    instead of filtering every earlier row."""
    condition, equal_so_far, bound = Q(pk__in=[]), Q(), Q()
    for (name, descending), value in zip(fields, values):
        at_floor = descending and FLOORS.get(name) == value
        if not at_floor:
            condition |= equal_so_far & Q(**{f"{name}__lt" if descending else f"{name}__gt": value})
            if not bound:
                bound = equal_so_far & Q(**{f"{name}__lte" if descending else f"{name}__gte": value})
        equal_so_far &= Q(**{name: value})
    return bound & condition


def ordering(sort, status):
    fields = SORTS[sort]
    if sort == "oldest" and status != "pending":
        fields = fields[1:]  # trust priority only matters while waiting
    return fields, [f"-{name}" if descending else name for name, descending in fields]


@dataclass
class QueuePage:
    comments: list
    next_cursor: str | None
    counts: dict = field(default_factory=dict)


def queue_page(filters, policy, page_size=PAGE_SIZE):
    fields, order = ordering(filters.sort, filters.status)
    comments = filtered(filters, policy).select_related("article", "decided_by", "commenter").order_by(*order)
    if filters.after:
        values = decode_cursor(filters.after, filters.sort)
        if values is not None:
            if len(fields) < len(SORTS[filters.sort]):
                values = values[1:]
            comments = comments.filter(after_cursor(fields, values))
    rows = list(comments[: page_size + 1])
    next_cursor = encode_cursor(rows[page_size - 1], filters.sort) if len(rows) > page_size else None
    return QueuePage(comments=rows[:page_size], next_cursor=next_cursor)


COUNT_CAP = 10_000


def status_counts(filters, policy):
    """Counts per tab with the current filters, each capped at COUNT_CAP so
    a tab costs at most an index scan of that many rows, not of the whole
    table ("10000+" is what a moderator needs to know at that point)."""
    base = filtered(filters, policy, include_status=False)
    counts = {status: base.filter(status=status)[: COUNT_CAP + 1].count() for status in Comment.Status.values}
    counts["all"] = sum(counts.values())
    return {status: f"{min(n, COUNT_CAP)}+" if n > COUNT_CAP else str(n) for status, n in counts.items()}


@dataclass
class CommenterHistory:
    commenter: Commenter | None
    approved: int = 0
    rejected: int = 0
    pending: int = 0
    recent: list = field(default_factory=list)


def commenter_histories(comments, recent=3):
    """History for every commenter on a page in two queries, whatever the
    page size: counts by status, and each commenter's latest comments."""
    ids = {c.commenter_id for c in comments if c.commenter_id}
    histories = {c.commenter_id: CommenterHistory(c.commenter) for c in comments if c.commenter_id}
    if not ids:
        return histories
    for commenter_id, status, n in (
        Comment.objects.filter(commenter_id__in=ids).values_list("commenter_id", "status").annotate(n=Count("id")).order_by()
    ):
        setattr(histories[commenter_id], status, n)
    latest = (
        Comment.objects.filter(commenter_id__in=ids)
        .annotate(rank=Window(RowNumber(), partition_by=[F("commenter_id")], order_by=[F("submitted_at").desc(), F("id").desc()]))
        .filter(rank__lte=recent)
        .only("id", "commenter_id", "text", "status", "submitted_at", "reasons")
        .order_by("commenter_id", "-submitted_at")
    )
    for comment in latest:
        histories[comment.commenter_id].recent.append(comment)
    return histories


def likely_reasons(comment, policy=None):
    """Guideline codes whose score reaches the policy's "likely" threshold:
    highlighted in the queue and pre-selected as rejection reasons."""
    from .models import SitePolicy

    policy = policy or SitePolicy.current()
    return [code for code, score in (comment.screening_scores or {}).items()
            if code != "off_topic" and score >= policy.likely_threshold(code)]
