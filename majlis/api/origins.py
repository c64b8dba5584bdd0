"""The embed allow-list (MAJLIS_EMBED_ORIGINS) and CORS for /api/v1/.

Only origins on the list get CORS headers, may call the API without a key,
and may have articles created for their URLs on first use. Everything else
gets no CORS headers at all (the browser then blocks the page from reading
the answer) and a 403 from the server, so the check does not rely on the
browser."""
from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils.cache import patch_vary_headers

DEFAULT_PORTS = {"http": 80, "https": 443}
ALLOW_METHODS = "GET, POST, OPTIONS"
ALLOW_HEADERS = "Authorization, Content-Type"
PREFLIGHT_MAX_AGE = "600"


def normalize_origin(value):
    """'HTTPS://News.Example:443/' -> 'https://news.example'; None if not an http(s) origin."""
    if not value or value == "null":
        return None
    try:
        parts = urlsplit(value.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in DEFAULT_PORTS or not parts.hostname:
        return None
    scheme, host = parts.scheme.lower(), parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    if port is None or port == DEFAULT_PORTS[scheme]:
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


def allowed_origins():
    configured = getattr(settings, "MAJLIS_EMBED_ORIGINS", []) or []
    if isinstance(configured, str):
        configured = configured.split(",")
    return {origin for origin in map(normalize_origin, configured) if origin}


def origin_allowed(origin):
    normalized = normalize_origin(origin)
    return normalized is not None and normalized in allowed_origins()


def cors(view):
    """Wrap an API view: answer preflights, and add CORS headers for
    allow-listed origins only."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        origin = request.headers.get("Origin")
        allowed = bool(origin) and origin_allowed(origin)
        if request.method == "OPTIONS" and request.headers.get("Access-Control-Request-Method"):
            if allowed:
                response = HttpResponse(status=204)
                response["Access-Control-Allow-Methods"] = ALLOW_METHODS
                response["Access-Control-Allow-Headers"] = ALLOW_HEADERS
                response["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
            else:
                response = JsonResponse(
                    {"error": {"code": "forbidden", "message": "This site is not allowed to use the comments API."}},
                    status=403,
                )
        else:
            response = view(request, *args, **kwargs)
        if allowed:
            response["Access-Control-Allow-Origin"] = origin
            response["Access-Control-Expose-Headers"] = "Retry-After"
        patch_vary_headers(response, ("Origin",))
        return response

    wrapper.csrf_exempt = True
    return wrapper
