from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.conf import settings
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from majlis.articles.models import Article
from majlis.comments.models import Comment

from . import actions
from .models import AuditEntry
from .queue import likely_reasons, queue_queryset
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


@moderator_required
def queue(request):
    status = request.GET.get("status", Comment.Status.PENDING)
    if status not in {*Comment.Status.values, "all"}:
        status = Comment.Status.PENDING
    article_slug = request.GET.get("article") or ""
    comments = queue_queryset(status=status, article_slug=article_slug)
    page = Paginator(comments, 25).get_page(request.GET.get("page"))
    items = [(comment, likely_reasons(comment)) for comment in page.object_list]
    return render(
        request,
        "moderation/queue.html",
        {
            "page": page,
            "items": items,
            "status": status,
            "statuses": [(value, label) for value, label in Comment.Status.choices] + [("all", "All")],
            "articles": Article.objects.only("slug", "headline").order_by("-published")[:200],
            "article_slug": article_slug,
            "reasons": REASONS,
        },
    )


def _back(request, fallback="moderation:queue"):
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(fallback)


@require_POST
@moderator_required
def decide(request, pk):
    decision = request.POST.get("decision")
    try:
        if decision == "approve":
            actions.approve(pk, actor=request.user)
            messages.success(request, f"Comment {pk} approved.")
        elif decision == "reject":
            actions.reject(pk, actor=request.user, reasons=request.POST.getlist("reasons"), note=request.POST.get("note", ""))
            messages.success(request, f"Comment {pk} rejected.")
        else:
            messages.error(request, "Choose Approve or Reject.")
    except actions.AlreadyDecided as exc:
        messages.error(request, f"Comment {pk}: {exc}")
    except ValidationError as exc:
        messages.error(request, f"Comment {pk} not decided: {' '.join(exc.messages)}")
    except Comment.DoesNotExist:
        messages.error(request, f"Comment {pk} does not exist.")
    return _back(request)


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
    comment = get_object_or_404(Comment.objects.select_related("article", "decided_by"), pk=pk)
    return render(
        request,
        "moderation/comment.html",
        {
            "comment": comment,
            "history": comment.audit_entries.order_by("created", "id"),
            "reasons": REASONS,
            "likely": likely_reasons(comment),
        },
    )


@moderator_required
def audit_log(request):
    entries = AuditEntry.objects.select_related("comment__article").order_by("-created", "-id")
    if request.GET.get("comment"):
        entries = entries.filter(comment_id=request.GET["comment"])
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "moderation/audit.html", {"page": page})
