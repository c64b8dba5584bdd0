"""What the API needs beyond the existing business logic: articles found
(or created on first use) by their URL, opaque cursors, and the comment
rate limits applied to JSON requests. Comment submission, validation and
moderation are the existing functions in majlis.comments / majlis.moderation."""
import base64
import hashlib
import re
import unicodedata
from datetime import datetime, timezone as dt_timezone
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q

from majlis.articles.models import Article
from majlis.articles.services import unique_slug
from majlis.comments.client_ip import client_ip
from majlis.comments.views import over_rate_limit

from .origins import normalize_origin, origin_allowed

URL_MAX_LENGTH = Article._meta.get_field("url").max_length
HEADLINE_MAX_LENGTH = Article._meta.get_field("headline").max_length
RATE_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


class NotAllowed(Exception):
    """The URL's site is not on the embed allow-list."""


# --- Articles by URL ------------------------------------------------------

def normalize_url(raw):
    """The form an article URL is stored and looked up in: http(s) only,
    lower-case scheme and host, no default port, no fragment. Raises
    ValueError for anything else."""
    raw = (raw or "").strip()
    try:
        parts = urlsplit(raw)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError as exc:
        raise ValueError("Enter a valid http(s) URL.") from exc
    origin = normalize_origin(raw)
    if origin is None or any(ch.isspace() or unicodedata.category(ch) in {"Cc", "Cs"} for ch in raw):
        raise ValueError("Enter a valid http(s) URL.")
    scheme, netloc = origin.split("://", 1)
    if parts.username or parts.password:
        raise ValueError("Enter a valid http(s) URL.")
    url = urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))
    if len(url) > URL_MAX_LENGTH:
        raise ValueError(f"URLs can be at most {URL_MAX_LENGTH} characters.")
    return url


def find_article_by_url(url):
    # Oldest first, so a lookup is deterministic even if a duplicate row was
    # ever made outside this module (Article.url has no unique constraint).
    return Article.objects.filter(url=url).order_by("id").first()


def clean_title(title, url):
    title = "".join(
        " " if unicodedata.category(ch) in {"Cc", "Zl", "Zp"} else ch
        for ch in (title or "")
        if not (0xD800 <= ord(ch) <= 0xDFFF) and ch not in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufffd"
    )
    title = re.sub(r"\s+", " ", title).strip()
    if not title:
        title = urlsplit(url).path.strip("/").rsplit("/", 1)[-1] or urlsplit(url).hostname or "Article"
    return title[:HEADLINE_MAX_LENGTH]


def page_language(lang):
    """The article language from the page's lang attribute ('ar-IQ' -> 'ar')."""
    codes = {code for code, _ in settings.LANGUAGES}
    lang = (lang or "").strip().lower().replace("_", "-")
    if lang in codes:
        return lang
    primary = lang.split("-", 1)[0]
    return primary if primary in codes else settings.LANGUAGE_CODE


def article_for_url(url, *, title="", language="", create=False):
    """The article whose canonical URL is `url` (normalised). With create=True
    an unknown URL becomes a new article, but only when the URL's site is on
    the embed allow-list (else NotAllowed). One article per URL: creation is
    serialised (SQLite's IMMEDIATE transactions; an advisory lock on
    PostgreSQL) and re-checks inside the lock."""
    article = find_article_by_url(url)
    if article is not None or not create:
        return article
    if not origin_allowed(url):
        raise NotAllowed(url)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            key = int.from_bytes(hashlib.sha256(url.encode()).digest()[:8], "big", signed=True)
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
        article = find_article_by_url(url)
        if article is None:
            headline = clean_title(title, url)
            article = Article.objects.create(
                slug=unique_slug(headline), headline=headline, body="", url=url, language=page_language(language),
            )
    return article


# --- Cursors ----------------------------------------------------------------

class BadCursor(ValueError):
    pass


def encode_cursor(comment):
    stamp = comment.submitted_at.astimezone(dt_timezone.utc).isoformat()
    raw = f"{stamp}|{comment.pk}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(value):
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode()
        stamp, pk = raw.rsplit("|", 1)
        when = datetime.fromisoformat(stamp)
        if when.tzinfo is None:
            raise ValueError
        when = when.astimezone(dt_timezone.utc)  # OverflowError near year 1 / 9999
        pk = int(pk)
        if not 0 <= pk < 2**63:  # a 64-bit id column
            raise ValueError
        return when, pk
    except (ValueError, UnicodeError, TypeError, OverflowError) as exc:
        raise BadCursor("This cursor is not valid; start again without one.") from exc


def keyset_page(queryset, cursor, limit):
    """One page in (submitted_at, id) order, oldest first, after `cursor`.
    Returns (items, next_cursor or None). Stable while comments arrive: a
    page never repeats or skips a row that was there when the previous page
    was read."""
    if cursor:
        when, pk = decode_cursor(cursor)
        queryset = queryset.filter(Q(submitted_at__gt=when) | Q(submitted_at=when, id__gt=pk))
    items = list(queryset.order_by("submitted_at", "id")[: limit + 1])
    if len(items) > limit:
        items = items[:limit]
        return items, encode_cursor(items[-1])
    return items, None


# --- Rate limits ------------------------------------------------------------

def comment_rate_limited(request, email, ip_address=None):
    """The native page's limits and counters; a keyed server-side call may
    name the reader's IP address, otherwise the caller's own is counted."""
    return over_rate_limit(request, email=email, ip=ip_address or client_ip(request))


def rate_period_seconds(rate):
    match = re.fullmatch(r"\s*\d+\s*/\s*(\d*)\s*([smhd])\w*\s*", rate or "")
    if not match:
        return 60
    return int(match.group(1) or 1) * RATE_UNITS[match.group(2)]


def retry_after_seconds():
    """An upper bound on when the limit lifts: the longest window."""
    return max(rate_period_seconds(settings.MAJLIS["RATE_PER_IP"]), rate_period_seconds(settings.MAJLIS["RATE_PER_EMAIL"]))
