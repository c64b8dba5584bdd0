"""Figures for the editors' dashboard, as plain data (charts and CSV are
rendered from the same numbers)."""
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone

from majlis.comments.models import Comment

from .models import AuditEntry, SitePolicy
from .queue import GUIDELINE_CODES


@dataclass
class Dashboard:
    days: list
    per_day: dict          # status -> list of counts aligned with days
    reasons: list          # [(code, count)]
    median_minutes: float | None
    decided_count: int
    per_moderator: list    # [(label, count, share)]
    agreement: list        # [(code, agreement share, n, screening flagged, moderators rejected)]


def build_dashboard(days=30, now=None):
    # days are the site's (TIME_ZONE), as TruncDate counts them: in UTC, from 21:00 on, Baghdad's
    # new day would fall outside the window
    now = timezone.localtime(now or timezone.now())
    start = (now - timedelta(days=days - 1)).replace(hour=0, minute=0, second=0, microsecond=0)
    # Imported comments were decided elsewhere: they would distort the figures.
    recent = Comment.objects.filter(submitted_at__gte=start, imported_from__isnull=True)
    day_list = [(start + timedelta(days=i)).date() for i in range(days)]
    per_day = {status: [0] * days for status in Comment.Status.values}
    index = {day: i for i, day in enumerate(day_list)}
    for day, status, n in (
        recent.annotate(day=TruncDate("submitted_at")).values_list("day", "status").annotate(n=Count("id")).order_by()
    ):
        if day in index:
            per_day[status][index[day]] = n

    decided = list(
        recent.exclude(status=Comment.Status.PENDING).exclude(decided_at=None)
        .values_list("status", "reasons", "submitted_at", "decided_at", "screening_scores")
    )
    reasons = Counter(code for status, codes, *_ in decided if status == Comment.Status.REJECTED for code in codes or [])
    waits = [(decided_at - submitted).total_seconds() / 60 for _, _, submitted, decided_at, _ in decided]

    by_actor = Counter(
        AuditEntry.objects.filter(created__gte=start, action__in=[AuditEntry.Action.APPROVE, AuditEntry.Action.REJECT])
        .values_list("actor_label", flat=True)
    )
    total_decisions = sum(by_actor.values())

    policy = SitePolicy.current()
    agree = defaultdict(lambda: [0, 0, 0, 0])  # agreed, n, flagged, rejected-for-code
    for status, codes, _, _, scores in decided:
        if not scores:
            continue
        for code in GUIDELINE_CODES:
            if code not in scores:
                continue
            flagged = scores[code] >= policy.likely_threshold(code)
            rejected_for_code = status == Comment.Status.REJECTED and code in (codes or [])
            row = agree[code]
            row[0] += flagged == rejected_for_code
            row[1] += 1
            row[2] += flagged
            row[3] += rejected_for_code
    return Dashboard(
        days=day_list,
        per_day=per_day,
        reasons=[(code, reasons.get(code, 0)) for code in [*GUIDELINE_CODES, "other"]],
        median_minutes=statistics.median(waits) if waits else None,
        decided_count=len(decided),
        per_moderator=[(label, n, n / total_decisions) for label, n in by_actor.most_common()],
        agreement=[(code, row[0] / row[1], row[1], row[2], row[3]) for code, row in agree.items() if row[1]],
    )


def csv_rows(board):
    yield ["metric", "key", "subkey", "value"]
    for status, counts in board.per_day.items():
        for day, n in zip(board.days, counts):
            yield ["comments_per_day", day.isoformat(), status, n]
    for code, n in board.reasons:
        yield ["rejection_reasons", code, "", n]
    yield ["median_minutes_to_decision", "", "", "" if board.median_minutes is None else round(board.median_minutes, 1)]
    for label, n, share in board.per_moderator:
        yield ["decisions_per_moderator", label, "count", n]
        yield ["decisions_per_moderator", label, "share", round(share, 4)]
    for code, share, n, flagged, rejected in board.agreement:
        yield ["screening_agreement", code, "share", round(share, 4)]
        yield ["screening_agreement", code, "decided_with_scores", n]
        yield ["screening_agreement", code, "screening_flagged", flagged]
        yield ["screening_agreement", code, "moderators_rejected_for_code", rejected]
