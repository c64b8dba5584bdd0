import csv
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse as reverse_url
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from majlis.articles.models import Article
from majlis.comments.models import Comment, Commenter

from . import actions, charts
from .dashboard import build_dashboard, csv_rows
from .models import AuditEntry, SitePolicy
from .queue import GUIDELINE_CODES, QueueFilters, commenter_histories, likely_reasons, queue_page, status_counts
from .reasons import REASONS

PERMISSION = "comments.moderate_comment"


def moderator_required(view):
    """Anonymous visitors go to the login page; signed-in users without the
    moderation permission get 403."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied("Moderators only.")
        return view(request, *args, **kwargs)

    return wrapper


@method_decorator(
    ratelimit(key="ip", rate=settings.MAJLIS["LOGIN_RATE"], method="POST", block=True), name="post"
)
@method_decorator(
    ratelimit(key="post:username", rate=settings.MAJLIS["LOGIN_RATE"], method="POST", block=True), name="post"
)
class RateLimitedLoginView(LoginView):
    redirect_authenticated_user = True


def _back(request, fallback="moderation:queue"):
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(fallback)


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def reply(request, ok, message, status=400, **data):
    """JSON for the keyboard queue's fetch() calls; redirect plus a message
    for plain forms (the queue works without JavaScript)."""
    if wants_json(request):
        return JsonResponse({"ok": ok, "message": message, **data}, status=200 if ok else status)
    (messages.success if ok else messages.error)(request, message)
    return _back(request)


@moderator_required
def queue(request):
    policy = SitePolicy.current()
    filters = QueueFilters.from_query(request.GET)
    page = queue_page(filters, policy)
    histories = commenter_histories(page.comments)
    items = [(c, likely_reasons(c, policy), histories.get(c.commenter_id)) for c in page.comments]
    return render(
        request,
        "moderation/queue.html",
        {
            "items": items,
            "filters": filters,
            "counts": status_counts(filters, policy),
            "statuses": [*Comment.Status.choices, ("all", "All")],
            "tab_queries": {s: urlencode(filters.query_params(status=s, after="")) for s in [*Comment.Status.values, "all"]},
            "next_query": urlencode(filters.query_params(after=page.next_cursor)) if page.next_cursor else "",
            "first_query": urlencode(filters.query_params(after="")) if filters.after else "",
            "articles": Article.objects.only("slug", "headline").order_by("-published")[:200],
            "languages": [*settings.LANGUAGES, ("other", "Other")],
            "categories": GUIDELINE_CODES,
            "sorts": [("oldest", "Oldest first"), ("newest", "Newest first"), ("risk", "Highest risk first")],
            "reasons": REASONS,
            "undo_seconds": int(actions.UNDO_WINDOW.total_seconds()),
        },
    )


@require_POST
@moderator_required
def decide(request, pk):
    decision = request.POST.get("decision")
    undo_url = reverse_url("moderation:undo", args=[pk])
    try:
        if decision == "approve":
            actions.approve(pk, actor=request.user)
            return reply(request, True, f"Comment {pk} approved.", undo_url=undo_url)
        if decision == "reject":
            actions.reject(pk, actor=request.user, reasons=request.POST.getlist("reasons"), note=request.POST.get("note", ""))
            return reply(request, True, f"Comment {pk} rejected.", undo_url=undo_url)
        return reply(request, False, "Choose Approve or Reject.")
    except actions.AlreadyDecided as exc:
        return reply(request, False, f"Comment {pk}: {exc}", status=409, code="already_decided")
    except ValidationError as exc:
        return reply(request, False, f"Comment {pk} not decided: {' '.join(exc.messages)}")
    except Comment.DoesNotExist:
        return reply(request, False, f"Comment {pk} does not exist.", status=404)


@require_POST
@moderator_required
def undo(request, pk):
    try:
        actions.undo(pk, actor=request.user)
    except actions.UndoExpired as exc:
        return reply(request, False, str(exc), status=409)
    return reply(request, True, f"Comment {pk} is back in the queue.")


@require_POST
@moderator_required
def bulk(request):
    ids = [int(value) for value in request.POST.getlist("selected") if value.isascii() and value.isdigit()]
    if not ids:
        return reply(request, False, "Select at least one comment.")
    approve_all = request.POST.get("decision") == "approve"
    try:
        decided, skipped = actions.decide_many(
            ids, actor=request.user, approve_all=approve_all,
            reasons=request.POST.getlist("reasons"), note=request.POST.get("note", ""),
        )
    except ValidationError as exc:
        return reply(request, False, f"Nothing decided: {' '.join(exc.messages)}")
    message = f"{len(decided)} comment{'s' if len(decided) != 1 else ''} {'approved' if approve_all else 'rejected'}."
    if skipped:
        message += f" {len(skipped)} had already been decided by someone else."
    return reply(request, True, message, decided=decided, skipped=skipped)


@require_POST
@moderator_required
def reverse(request, pk):
    comment = get_object_or_404(Comment, pk=pk)
    try:
        actions.reverse(
            pk,
            actor=request.user,
            expected_status=request.POST.get("expected_status", comment.status),
            reasons=request.POST.getlist("reasons"),
            note=request.POST.get("note", ""),
        )
        messages.success(request, f"Decision on comment {pk} reversed.")
    except actions.AlreadyDecided as exc:
        messages.error(request, f"Comment {pk} changed meanwhile: {exc}")
    except ValidationError as exc:
        messages.error(request, f"Comment {pk} not reversed: {' '.join(exc.messages)}")
    return redirect("moderation:comment", pk=pk)


@moderator_required
def comment_detail(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("article", "decided_by", "commenter"), pk=pk)
    return render(
        request,
        "moderation/comment.html",
        {
            "comment": comment,
            "history": comment.audit_entries.order_by("created", "id"),
            "reasons": REASONS,
            "likely": likely_reasons(comment),
            "commenter_history": commenter_histories([comment], recent=10).get(comment.commenter_id),
        },
    )


@moderator_required
def commenter_detail(request, pk):
    commenter = get_object_or_404(Commenter, pk=pk)
    if request.method == "POST":
        try:
            actions.set_commenter_status(pk, actor=request.user, status=request.POST.get("status", ""),
                                         note=request.POST.get("note", ""))
            messages.success(request, f"{commenter.email} is now {request.POST.get('status')}.")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("moderation:commenter", pk=pk)
    comments = commenter.comments.select_related("article").order_by("-submitted_at")[:50]
    return render(
        request,
        "moderation/commenter.html",
        {
            "commenter": commenter,
            "comments": comments,
            "history": commenter_histories(list(comments[:1]) or [], recent=0).get(commenter.pk),
            "statuses": Commenter.Status.choices,
            "entries": commenter.audit_entries.order_by("-created"),
        },
    )


@moderator_required
def dashboard(request):
    board = build_dashboard(days=_days(request))
    return render(request, "moderation/dashboard.html", {
        "board": board,
        "days": _days(request),
        "per_day_chart": charts.stacked_bars([d.strftime("%d-%m") for d in board.days], board.per_day,
                                             "Comments per day by outcome"),
        "reasons_chart": charts.horizontal_bars(board.reasons, "Rejection reasons by guideline"),
        "moderators_chart": charts.horizontal_bars([(label, share * 100) for label, _, share in board.per_moderator],
                                                   "Share of decisions per moderator", "{:.0f}%", maximum=100),
        "agreement_chart": charts.horizontal_bars([(code, share * 100) for code, share, *_ in board.agreement],
                                                  "Moderators agreed with screening", "{:.0f}%", maximum=100),
    })


def _days(request):
    value = request.GET.get("days", "30")
    return min(max(int(value), 1), 365) if value.isascii() and value.isdigit() else 30


@moderator_required
def dashboard_csv(request):
    board = build_dashboard(days=_days(request))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="majlis-dashboard.csv"'
    writer = csv.writer(response)
    for row in csv_rows(board):
        writer.writerow(row)
    return response


@moderator_required
def audit_log(request):
    entries = AuditEntry.objects.select_related("comment__article", "commenter").order_by("-created", "-id")
    if request.GET.get("comment", "").isascii() and request.GET.get("comment", "").isdigit():
        entries = entries.filter(comment_id=request.GET["comment"])
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "moderation/audit.html", {"page": page})
