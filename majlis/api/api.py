"""Majlis API v1 (django-ninja; the OpenAPI document is generated from this
module and served at /api/v1/openapi.json, docs at /api/v1/docs).

Who may call what:
- anonymous callers from a page on an allow-listed origin (MAJLIS_EMBED_ORIGINS,
  checked on the Origin header server-side): read threads and counts, submit;
- `Authorization: Bearer mjl_...` keys by scope: `read` (threads, counts),
  `submit` (server-side submissions), `moderate` (queue, decisions,
  commenter status).
"""
import ipaddress
import json
from typing import List, Optional

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Count, Q
from django.core.exceptions import RequestDataTooBig
from django.http import Http404
from ninja import NinjaAPI, Query, Router, Status
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser
from ninja.security import HttpBearer
from ninja.security.base import AuthBase

from majlis.articles.models import Article
from majlis.comments.actions import COMMENTS_CLOSED, SubmissionRefused, submit_comment
from majlis.comments.forms import CommentForm
from majlis.comments.models import Comment, Commenter
from majlis.comments.views import PENDING_MESSAGE, RATE_MESSAGE, stored_ip
from majlis.keys.models import ApiKey
from majlis.moderation import actions as moderation
from majlis.moderation.models import SitePolicy
from majlis.moderation.reasons import REASON_CODES

from . import services
from .origins import origin_allowed
from .schemas import (
    CommenterStatusIn, CommenterOut, CountsOut, DecisionOut, ErrorOut, QueueOut, RejectIn,
    SubmitIn, SubmitOut, ThreadOut,
)

MAX_PAGE = 100
MAX_COUNTS = 100


class ApiError(Exception):
    def __init__(self, status, code, message, fields=None, headers=None):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.fields = fields or {}
        self.headers = headers or {}


def not_found(message):
    return ApiError(404, "not_found", message)


def invalid(fields, message="Some fields need attention."):
    return ApiError(400, "validation_error", message, fields=fields)


class LenientJsonParser(Parser):
    """Bytes that are not valid UTF-8 become U+FFFD, as in a form post, so
    the reader gets the form's own "broken UTF-8" message."""

    def parse_body(self, request):
        return json.loads(request.body.decode("utf-8", "replace"))


# --- Authentication ---------------------------------------------------------

class ApiKeyAuth(HttpBearer):
    """`Authorization: Bearer mjl_...`; the key must hold the scope."""

    openapi_description = "An API key made with `majlis apikey create NAME --scope read|submit|moderate`."

    def __init__(self, scope):
        self.scope = scope
        super().__init__()

    def __call__(self, request):
        header = request.headers.get("Authorization")
        if header is not None and not header.lower().startswith("bearer "):
            raise ApiError(401, "unauthorized", "Send the API key as 'Authorization: Bearer mjl_...'.")
        return super().__call__(request)

    def authenticate(self, request, token):
        key = ApiKey.authenticate(token.strip())
        if key is None:
            raise ApiError(401, "unauthorized", "This API key is not valid or has been revoked.")
        if self.scope not in key.scopes:
            raise ApiError(403, "forbidden", f"This API key does not have the '{self.scope}' scope.")
        return key


class AllowedOrigin(AuthBase):
    """Anonymous calls from a page on an allow-listed origin (the browser's
    Origin header, checked here, not only by CORS)."""

    openapi_type = "apiKey"
    openapi_in = "header"
    openapi_name = "Origin"
    openapi_description = "Browser calls from pages on the sites in MAJLIS_EMBED_ORIGINS need no key."

    def __call__(self, request):
        origin = request.headers.get("Origin")
        if not origin:
            return None
        if not origin_allowed(origin):
            raise ApiError(403, "forbidden", "This site is not allowed to use the comments API.")
        return origin


def key_of(request):
    return request.auth if isinstance(request.auth, ApiKey) else None


api = NinjaAPI(
    title="Majlis API",
    version="1",
    urls_namespace="api-v1",
    description=__doc__,
    parser=LenientJsonParser(),
)


# --- Errors: one shape everywhere -----------------------------------------

def error_response(request, status, code, message, fields=None, headers=None):
    response = api.create_response(
        request, {"error": {"code": code, "message": message, "fields": fields or {}}}, status=status
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


@api.exception_handler(ApiError)
def on_api_error(request, exc):
    return error_response(request, exc.status, exc.code, exc.message, exc.fields, exc.headers)


def _field_of(loc):
    names = [str(part) for part in loc if part not in ("body", "query", "path", "payload")]
    return names[0] if names else "__all__"


@api.exception_handler(NinjaValidationError)
def on_validation_error(request, exc):
    fields = {}
    for error in exc.errors:
        message = error.get("msg", "Invalid value.")
        if error.get("type") in ("string_unicode", "unicode_decode"):
            message = "Your text contains invalid characters."
        fields.setdefault(_field_of(error.get("loc", ())), []).append(message)
    return error_response(request, 400, "validation_error", "Some fields need attention.", fields)


@api.exception_handler(RequestDataTooBig)
def on_too_big(request, exc):
    return error_response(request, 400, "validation_error", "The request is too large.")


@api.exception_handler(Http404)
def on_404(request, exc):
    return error_response(request, 404, "not_found", "Not found.")


@api.exception_handler(HttpError)
def on_http_error(request, exc):
    if isinstance(exc, AuthenticationError) or exc.status_code == 401:
        return error_response(request, 401, "unauthorized",
                              "An API key is required (Authorization: Bearer mjl_...), or a page on an allowed site.")
    if exc.status_code == 403:
        return error_response(request, 403, "forbidden", "Not allowed.")
    if exc.status_code == 404:
        return error_response(request, 404, "not_found", "Not found.")
    if exc.status_code == 429:
        return error_response(request, 429, "rate_limited", RATE_MESSAGE)
    return error_response(request, 400, "validation_error", "The request body is not valid JSON.")


ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


# --- Public: threads, counts, submission -------------------------------------

public = Router(tags=["comments"])


def article_out(article):
    return {
        "slug": article.slug, "headline": article.headline, "url": article.url, "language": article.language,
        "comments_open": article.accepts_comments(),
    }


def comment_out(comment):
    return {"id": comment.pk, "author_name": comment.author_name, "text": comment.text,
            "submitted_at": comment.submitted_at, "removed": comment.erased_at is not None}


def one_of(article, url):
    if bool(article) == bool(url):
        raise invalid({"article": ["Give either an article slug or a url, not both."]}
                      if article and url else {"url": ["Give an article slug or a url."]})


def clean_url(url, field="url"):
    try:
        return services.normalize_url(url)
    except ValueError as exc:
        raise invalid({field: [str(exc)]}) from exc


@public.get(
    "/comments", response={200: ThreadOut, **ERRORS}, auth=[ApiKeyAuth("read"), AllowedOrigin()],
    summary="Approved comments on an article, oldest first",
)
def thread(request, article: Optional[str] = Query(None, min_length=1, description="Article slug"),
           url: Optional[str] = Query(None, min_length=1, description="The article's URL"),
           cursor: Optional[str] = None, limit: int = Query(50, ge=1, le=MAX_PAGE)):
    """Find the article by `article` (slug) or `url`. A URL with no article
    yet answers an empty thread (the article is created with its first
    comment) when its site is on the allow-list, else 404."""
    one_of(article, url)
    if article:
        found = Article.objects.filter(slug=article).first()
        if found is None:
            raise not_found("No article with this slug.")
    else:
        normalized = clean_url(url)
        found = services.find_article_by_url(normalized)
        if found is None:
            if not origin_allowed(normalized):
                raise not_found("No article with this URL, and its site is not on the allow-list.")
            return {"article": None, "comments_open": SitePolicy.current().comments_open_by_default, "count": 0,
                    "max_length": settings.MAJLIS["COMMENT_MAX_LENGTH"], "comments": [], "next_cursor": None}
    approved = found.comments.approved().only("author_name", "text", "submitted_at", "article_id", "erased_at")
    try:
        items, next_cursor = services.keyset_page(approved, cursor or None, limit)
    except services.BadCursor as exc:
        raise invalid({"cursor": [str(exc)]}) from exc
    return {
        "article": article_out(found), "comments_open": found.accepts_comments(), "count": approved.count(),
        "max_length": settings.MAJLIS["COMMENT_MAX_LENGTH"], "comments": [comment_out(c) for c in items],
        "next_cursor": next_cursor,
    }


@public.get(
    "/counts", response={200: CountsOut, **ERRORS}, auth=[ApiKeyAuth("read"), AllowedOrigin()],
    summary="Approved-comment counts for many articles at once",
)
def counts(request, url: List[str] = Query(None), article: List[str] = Query(None)):
    """`?url=...&url=...` and/or `?article=slug&article=...`, up to 100 in all.
    Unknown articles count 0."""
    urls, slugs = list(dict.fromkeys(url or [])), list(dict.fromkeys(article or []))
    if not urls and not slugs:
        raise invalid({"url": ["Give at least one url or article."]})
    if len(urls) + len(slugs) > MAX_COUNTS:
        raise invalid({"url": [f"Ask for at most {MAX_COUNTS} articles at once."]})
    normalized = {}
    for raw in urls:
        try:
            normalized[raw] = services.normalize_url(raw)
        except ValueError:
            normalized[raw] = None
    by_url, by_slug = {}, {}
    rows = Article.objects.filter(Q(url__in=[u for u in normalized.values() if u]) | Q(slug__in=slugs)).annotate(
        approved=Count("comments", filter=Q(comments__status=Comment.Status.APPROVED))
    ).order_by("id").values_list("slug", "url", "approved")
    for slug, article_url, approved in rows:
        by_slug.setdefault(slug, approved)
        by_url.setdefault(article_url, approved)  # the oldest article for a URL wins, as in lookups
    return {
        "urls": {raw: by_url.get(norm, 0) if norm else 0 for raw, norm in normalized.items()},
        "articles": {slug: by_slug.get(slug, 0) for slug in slugs},
    }


@public.post(
    "/comments", response={202: SubmitOut, **ERRORS, 429: ErrorOut}, auth=[ApiKeyAuth("submit"), AllowedOrigin()],
    summary="Post a comment (stored pending until a moderator approves it)",
    openapi_extra={"responses": {429: {"headers": {"Retry-After": {
        "description": "Seconds to wait before posting again.", "schema": {"type": "integer"}}}}}},
)
def submit(request, payload: SubmitIn):
    """The same checks, limits and messages as the article page's form.
    Anonymous calls must come from a page on an allow-listed site; servers
    use a key with the `submit` scope (and should pass the reader's
    `ip_address`, else their own address is rate limited). An unknown `url`
    on an allow-listed site becomes a new article titled `title`."""
    key = key_of(request)
    one_of(payload.article, payload.url)
    ip_address = None
    if key is not None and payload.ip_address:
        try:
            ip_address = str(ipaddress.ip_address(payload.ip_address.strip()))
        except ValueError as exc:
            raise invalid({"ip_address": ["Enter a valid IP address."]}) from exc
    if services.comment_rate_limited(request, payload.email.strip().lower(), ip_address):
        raise ApiError(429, "rate_limited", RATE_MESSAGE, headers={"Retry-After": str(services.retry_after_seconds())})
    form = CommentForm({"name": payload.name, "email": payload.email, "text": payload.text, "website": payload.website})
    if not form.is_valid():
        raise invalid({field: [str(m) for m in messages] for field, messages in form.errors.items()})
    if payload.article:
        article = Article.objects.filter(slug=payload.article).first()
        if article is None:
            raise not_found("No article with this slug.")
    else:
        url = clean_url(payload.url)
        try:
            article = services.article_for_url(url, title=payload.title, language=payload.language, create=True)
        except services.NotAllowed as exc:
            raise not_found("No article with this URL, and its site is not on the allow-list.") from exc
    duplicate = False
    if not form.is_bot:  # a bot filling the honeypot gets the same answer and stores nothing
        try:
            submission = submit_comment(
                article=article, name=form.cleaned_data["name"], email=form.cleaned_data["email"],
                text=form.cleaned_data["text"], ip_address=ip_address or stored_ip(request),
            )
        except SubmissionRefused as refused:
            code = "comments_closed" if str(refused) == COMMENTS_CLOSED else "refused"
            raise ApiError(403, code, str(refused)) from refused
        duplicate = submission.duplicate
    return Status(202, {"status": "pending", "message": PENDING_MESSAGE, "duplicate": duplicate})


# --- Moderation (key with the `moderate` scope) -----------------------------

moderation_router = Router(tags=["moderation"], auth=ApiKeyAuth("moderate"))


def actor_label(key):
    return f"api:{key.name}"[:150]


def decision_out(comment):
    return {"id": comment.pk, "status": comment.status, "reasons": list(comment.reasons or []),
            "note": comment.moderator_note, "decided_at": comment.decided_at}


@moderation_router.get("/queue", response={200: QueueOut, **ERRORS}, summary="Pending comments, oldest first")
def queue(request, article: Optional[str] = Query(None, description="Only this article (slug)"),
          cursor: Optional[str] = None, limit: int = Query(50, ge=1, le=MAX_PAGE)):
    pending = Comment.objects.pending().select_related("article", "commenter")
    if article:
        pending = pending.filter(article__slug=article)
    try:
        items, next_cursor = services.keyset_page(pending, cursor or None, limit)
    except services.BadCursor as exc:
        raise invalid({"cursor": [str(exc)]}) from exc
    return {
        "comments": [
            {
                "id": c.pk, "article": article_out(c.article), "author_name": c.author_name,
                "author_email": c.author_email,
                "commenter": {"id": c.commenter.pk, "status": c.commenter.status} if c.commenter else None,
                "text": c.text, "submitted_at": c.submitted_at, "priority": c.priority, "risk": c.risk,
                "screening_language": c.screening_language,
                "screening_scores": {k: float(v) for k, v in (c.screening_scores or {}).items()
                                     if isinstance(v, (int, float))},
            }
            for c in items
        ],
        "next_cursor": next_cursor,
    }


def decide(request, comment_id, decision):
    if not Comment.objects.filter(pk=comment_id).exists():
        raise not_found("No comment with this id.")
    try:
        return decision()
    except moderation.AlreadyDecided as exc:
        raise ApiError(409, "already_decided", str(exc)) from exc


@moderation_router.post(
    "/comments/{comment_id}/approve", response={200: DecisionOut, **ERRORS, 409: ErrorOut}, summary="Approve a pending comment",
)
def approve(request, comment_id: int):
    key = request.auth
    comment = decide(request, comment_id, lambda: moderation.approve(
        comment_id, actor=key.created_by, actor_label=actor_label(key), details={"api_key": key.prefix}))
    return decision_out(comment)


@moderation_router.post(
    "/comments/{comment_id}/reject", response={200: DecisionOut, **ERRORS, 409: ErrorOut},
    summary="Reject a pending comment with guideline codes",
    description="Reason codes: " + ", ".join(REASON_CODES) + ". `other` needs a note.",
)
def reject(request, comment_id: int, payload: RejectIn):
    key = request.auth
    try:
        moderation.clean_reasons(payload.reasons, payload.note)
    except DjangoValidationError as exc:
        field = "note" if "note" in " ".join(exc.messages).lower() and "other" in payload.reasons else "reasons"
        raise invalid({field: exc.messages}) from exc
    comment = decide(request, comment_id, lambda: moderation.reject(
        comment_id, actor=key.created_by, reasons=payload.reasons, note=payload.note,
        actor_label=actor_label(key), details={"api_key": key.prefix}))
    return decision_out(comment)


@moderation_router.post(
    "/commenters/{commenter_id}/status", response={200: CommenterOut, **ERRORS},
    summary="Set a commenter's status (normal, trusted, banned); audited",
)
def commenter_status(request, commenter_id: int, payload: CommenterStatusIn):
    key = request.auth
    if not Commenter.objects.filter(pk=commenter_id).exists():
        raise not_found("No commenter with this id.")
    note = (payload.note or "").strip()
    note = f"{note} (via API key {key.prefix}: {key.name})".strip() if note else f"Via API key {key.prefix}: {key.name}"
    try:
        commenter = moderation.set_commenter_status(commenter_id, actor=key.created_by, status=payload.status, note=note)
    except DjangoValidationError as exc:
        raise invalid({"status": exc.messages}) from exc
    return {"id": commenter.pk, "status": commenter.status}


api.add_router("/", public)
api.add_router("/moderation", moderation_router)
