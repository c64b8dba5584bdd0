from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.http import require_GET

EMBED_JS = Path(__file__).resolve().parent.parent / "static" / "majlis" / "embed.js"


@lru_cache(maxsize=1)
def _embed_source(mtime):
    return EMBED_JS.read_bytes()


@require_GET
def embed_js(request):
    """The embeddable thread script, at a stable address publishers can paste
    (/embed.js). Plain JavaScript; it finds its API from its own URL."""
    body = _embed_source(EMBED_JS.stat().st_mtime if settings.DEBUG else 0)
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response
