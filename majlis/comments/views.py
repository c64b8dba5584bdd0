from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from majlis.articles.models import Article
from majlis.articles.views import render_article

from .actions import SubmissionRefused, submit_comment
from .client_ip import UNKNOWN, client_ip
from .forms import CommentForm

PENDING_MESSAGE = "Thank you. Your comment awaits moderation and will appear once a moderator approves it."
RATE_MESSAGE = "You are posting too quickly. Please wait a few minutes and try again."


def stored_ip(request):
    ip = client_ip(request)
    return None if ip == UNKNOWN else ip


def over_rate_limit(request, *, email, ip):
    """Count a comment attempt against the per-IP and per-e-mail limits and
    say whether either is exceeded. The page and the API both call this, so
    they share the counters. Both limits are counted on every attempt so a
    flood is throttled even when it rotates e-mail addresses or IPs."""
    email = (email or "").strip().lower() or "-"
    by_ip = is_ratelimited(request, group="comment-ip", key=lambda group, request: ip,
                           rate=settings.MAJLIS["RATE_PER_IP"], increment=True)
    by_email = is_ratelimited(request, group="comment-email", key=lambda group, request: email,
                              rate=settings.MAJLIS["RATE_PER_EMAIL"], increment=True)
    return by_ip or by_email


def rate_limited(request, exception=None):
    from django.http import HttpResponse

    return HttpResponse(RATE_MESSAGE, status=429, content_type="text/plain; charset=utf-8")


@require_POST
def post_comment(request, slug):
    article = get_object_or_404(Article, slug=slug)
    form = CommentForm(request.POST)
    if over_rate_limit(request, email=request.POST.get("email"), ip=client_ip(request)):
        return render_article(request, article, form=form, status=429, form_error=RATE_MESSAGE)
    if not form.is_valid():
        return render_article(request, article, form=form, status=400)
    if not form.is_bot:
        try:
            submit_comment(
                article=article,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                text=form.cleaned_data["text"],
                ip_address=stored_ip(request),
            )
        except SubmissionRefused as refused:
            return render_article(request, article, form=form, status=403, form_error=str(refused))
    # A bot filling the honeypot sees the same answer and stores nothing.
    messages.success(request, PENDING_MESSAGE, extra_tags="pending")
    return redirect(article.get_absolute_url() + "#comments")
