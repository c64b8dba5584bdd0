from django.conf import settings
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from .models import Article

TEXT_SIZES = (85, 100, 115, 130, 150, 175)
DEFAULT_TEXT_SIZE = 1
TEXT_SIZE_COOKIE = "majlis_textsize"


def text_size_step(request):
    try:
        step = int(request.COOKIES.get(TEXT_SIZE_COOKIE, DEFAULT_TEXT_SIZE))
    except ValueError:
        step = DEFAULT_TEXT_SIZE
    return min(max(step, 0), len(TEXT_SIZES) - 1)


def index(request):
    articles = Article.objects.all()[:50]
    return render(request, "articles/index.html", {"articles": articles})


def render_article(request, article, form=None, status=200, form_error=None):
    from majlis.comments.forms import CommentForm

    approved = list(
        article.comments.approved()
        .only("author_name", "text", "submitted_at", "erased_at", "article_id")
        # Imported (Disqus / WordPress) comments hold HTML; the template
        # sanitises those instead of escaping them. One LEFT JOIN, no N+1.
        .annotate(import_source=F("imported_from__source"))
    )
    step = text_size_step(request)
    context = {
        "article": article,
        "comments": approved,
        "comment_count": len(approved),
        "form": form or CommentForm(),
        "comments_open": article.accepts_comments(),
        "form_error": form_error,
        "max_length": settings.MAJLIS["COMMENT_MAX_LENGTH"],
        "text_size_step": step,
        "text_size": TEXT_SIZES[step],
        "text_sizes": TEXT_SIZES,
    }
    return render(request, "articles/detail.html", context, status=status)


def detail(request, slug):
    return render_article(request, get_object_or_404(Article, slug=slug))


def text_size(request):
    """No-JavaScript fallback for the A+ / A- buttons: remember the step in
    a cookie and go back to the article."""
    step = text_size_step(request)
    if request.GET.get("change") == "up":
        step = min(step + 1, len(TEXT_SIZES) - 1)
    elif request.GET.get("change") == "down":
        step = max(step - 1, 0)
    target = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    response = redirect(target)
    response.set_cookie(TEXT_SIZE_COOKIE, str(step), max_age=365 * 24 * 3600, samesite="Lax")
    return response
