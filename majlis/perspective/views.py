"""Perspective-compatible endpoints, the Coral Talk moderation phase, health and metrics.

Privacy: ``comments:analyze`` never stores the comment (``doNotStore`` or not) and no log
record written here contains it; only ``comments:suggestscore`` stores text, and not when
the request says ``doNotStore: true``."""
from __future__ import annotations

import json
import logging
import math
import os
import time
from typing import NamedTuple

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from django_ratelimit.core import get_usage

from majlis.keys.models import ApiKey, hash_secret

from . import coral, engine, mapping, metrics
from .models import SuggestedScore

logger = logging.getLogger(__name__)

MAX_TEXT_BYTES = 20480  # Perspective's limit for comment.text
ERROR_TYPE = "type.googleapis.com/google.commentanalyzer.v1alpha1.Error"
STATUS_BY_CODE = {400: "INVALID_ARGUMENT", 403: "PERMISSION_DENIED", 404: "NOT_FOUND", 405: "INVALID_ARGUMENT",
                  429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 503: "UNAVAILABLE"}


class ApiError(Exception):
    def __init__(self, code, message, error_type=None, language_error=None, status=None, headers=None):
        super().__init__(message)
        self.code, self.message, self.error_type = code, message, error_type
        self.language_error, self.headers = language_error, headers or {}
        self.status = status or STATUS_BY_CODE.get(code, "UNKNOWN")

    def response(self):
        error = {"code": self.code, "message": self.message, "status": self.status}
        if self.error_type:
            error["details"] = [{"@type": ERROR_TYPE, "errorType": self.error_type,
                                 "languageNotSupportedByAttributeError": self.language_error}]
        r = JsonResponse({"error": error}, status=self.code)
        for k, v in self.headers.items():
            r[k] = v
        return r


def _setting(name, default):
    value = getattr(settings, name, None)
    return os.environ.get(name, default) if value is None else value


def _screen_rate(group, request):
    return _setting("MAJLIS_SCREEN_RATE", "600/m")


class _Key(NamedTuple):
    pk: int
    prefix: str
    scopes: tuple


_known_keys: dict = {}  # sha256(raw key) -> (_Key, monotonic expiry); positive answers only


def _lookup_key(raw):
    """The key for ``raw`` (``ApiKey.authenticate``), remembered in this process for
    ``MAJLIS_SCREEN_KEY_CACHE_SECONDS`` (default 5) so a busy integration does not cost a
    database read and write per request; a revoked key stops working within that time."""
    ttl = float(_setting("MAJLIS_SCREEN_KEY_CACHE_SECONDS", "5"))
    digest = hash_secret(raw)
    now = time.monotonic()
    hit = _known_keys.get(digest)
    if hit is not None and hit[1] > now and ttl > 0:
        return hit[0]
    key = ApiKey.authenticate(raw)
    if key is None:
        _known_keys.pop(digest, None)
        return None
    found = _Key(key.pk, key.prefix, tuple(key.scopes))
    if ttl > 0:
        if len(_known_keys) > 10000:
            _known_keys.clear()
        _known_keys[digest] = (found, now + ttl)
    return found


def _authenticate(request):
    raw = request.GET.get("key") or request.headers.get("X-Goog-Api-Key")
    if not raw:
        raise ApiError(403, "The request is missing a valid API key.", status="PERMISSION_DENIED")
    key = _lookup_key(raw)
    if key is None:
        raise ApiError(400, "API key not valid. Please pass a valid API key.", status="INVALID_ARGUMENT")
    if "screen" not in key.scopes:
        raise ApiError(403, "This API key is not allowed to call the screening API (it lacks the \"screen\" scope).",
                       status="PERMISSION_DENIED")
    usage = get_usage(request, group="majlis.perspective", key=lambda g, r: key.prefix, rate=_screen_rate,
                      increment=True)
    if usage and usage["should_limit"]:
        retry = max(1, int(usage.get("time_left") or 1))
        raise ApiError(429, f"Quota exceeded for this API key (limit {_screen_rate(None, request)}); "
                            f"retry in {retry} s.", status="RESOURCE_EXHAUSTED", headers={"Retry-After": str(retry)})
    return key


def _json_body(request):
    ctype = request.content_type or ""
    if ctype != "application/json":
        raise ApiError(400, "Invalid JSON payload received. Send Content-Type: application/json.")
    try:
        body = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, "Invalid JSON payload received.") from None
    if not isinstance(body, dict):
        raise ApiError(400, "Invalid JSON payload received. Expected an object.")
    return body


def _comment_text(body):
    comment = body.get("comment")
    if not isinstance(comment, dict):
        raise ApiError(400, "Comment must be non-empty.", "COMMENT_EMPTY")
    ctype = comment.get("type") or "PLAIN_TEXT"
    if ctype != "PLAIN_TEXT":
        raise ApiError(400, f"Comment type {ctype} is not supported; send PLAIN_TEXT.")
    text = comment.get("text")
    if text is not None and not isinstance(text, str):
        raise ApiError(400, "comment.text must be a string.")
    if not text or not text.strip():
        raise ApiError(400, "Comment must be non-empty.", "COMMENT_EMPTY")
    if len(text.encode("utf-8", "surrogatepass")) > MAX_TEXT_BYTES:
        raise ApiError(400, f"Comment text too long: at most {MAX_TEXT_BYTES} bytes.", "COMMENT_TOO_LONG")
    return text


def _languages(body):
    langs = body.get("languages")
    if langs in (None, []):
        return []
    if not isinstance(langs, list) or not all(isinstance(x, str) for x in langs):
        raise ApiError(400, "languages must be a list of language codes.")
    return langs


def _check_attribute(name):
    if not isinstance(name, str) or name not in mapping.ATTRIBUTES:
        raise ApiError(400, f"Attribute {name} does not exist.", "ATTRIBUTE_NOT_SUPPORTED")


def _bool(body, name):
    value = body.get(name, False)
    if not isinstance(value, bool):
        raise ApiError(400, f"{name} must be true or false.")
    return value


def _api(endpoint):
    """Google-style errors, CSRF exemption, POST only, metrics."""

    def wrap(view):
        @metrics.timed(endpoint)
        @csrf_exempt
        def inner(request):
            try:
                if request.method != "POST":
                    raise ApiError(405, "Method not allowed: use POST.", headers={"Allow": "POST"})
                return view(request)
            except ApiError as e:
                return e.response()
            except Exception as e:  # noqa: BLE001 — never log the request body
                logger.error("%s failed: %s", endpoint, type(e).__name__)
                return ApiError(500, "Internal error.").response()

        inner.__name__ = view.__name__
        return inner

    return wrap


@_api("analyze")
def analyze(request):
    key = _authenticate(request)  # noqa: F841 — authenticates and rate-limits
    body = _json_body(request)
    text = _comment_text(body)
    requested = body.get("requestedAttributes")
    if not isinstance(requested, dict) or not requested:
        raise ApiError(400, "requestedAttributes must be non-empty.")
    thresholds = {}
    for name, options in requested.items():
        _check_attribute(name)
        options = options or {}
        if not isinstance(options, dict):
            raise ApiError(400, f"requestedAttributes.{name} must be an object.")
        stype = options.get("scoreType") or "PROBABILITY"
        if stype != "PROBABILITY":
            raise ApiError(400, f"Score type {stype} is not supported for attribute {name}; use PROBABILITY.")
        thr = options.get("scoreThreshold")
        if thr is not None:
            if isinstance(thr, bool) or not isinstance(thr, (int, float)) or not 0 <= thr <= 1:
                raise ApiError(400, f"scoreThreshold for {name} must be between 0 and 1.")
        thresholds[name] = thr
    langs = _languages(body)
    unsupported = [lang for lang in langs if mapping.language_tag(lang) not in mapping.SUPPORTED_LANGUAGES]
    if unsupported:
        attribute = next(iter(requested))
        raise ApiError(400, f"Attribute {attribute} does not support request languages: {', '.join(langs)}",
                       "LANGUAGE_NOT_SUPPORTED_BY_ATTRIBUTE",
                       language_error={"detectedLanguages": langs, "attribute": attribute})
    spans = _bool(body, "spanAnnotations")
    _bool(body, "doNotStore")  # analyze never stores; validated for Google parity
    encoding = body.get("encodingType") or "UTF16"  # Majlis extension, see mapping.offset
    if encoding not in mapping.ENCODINGS:
        raise ApiError(400, f"encodingType must be one of {', '.join(mapping.ENCODINGS)}.")
    article = None
    if any(mapping.canonical(a) == "OFF_TOPIC" for a in requested):
        entries = (body.get("context") or {}).get("entries") if isinstance(body.get("context"), dict) else None
        texts = [e.get("text") for e in entries or [] if isinstance(e, dict) and isinstance(e.get("text"), str)]
        if not any(t.strip() for t in texts):
            raise ApiError(400, "Attribute OFF_TOPIC needs context.entries with the article text.")
        article = "\n\n".join(texts)
    want_reject = any(mapping.canonical(a) == "LIKELY_TO_REJECT" for a in requested)
    verdict, reject = engine.screen_many([text], [article], want_reject=want_reject)[0]
    scores = verdict.scores
    attribute_scores = {}
    for name, thr in thresholds.items():
        value = mapping.score(name, scores, reject)
        if thr is not None and value < thr:
            continue
        entry = {"summaryScore": {"value": value, "type": "PROBABILITY"}}
        if spans:
            codes = mapping.codes_for(name)
            out = []
            for ev in verdict.evidence:
                if ev.code not in codes:
                    continue
                s = mapping.span_score(name, ev.code, scores, value)
                if thr is not None and s < thr:
                    continue
                out.append({"begin": mapping.offset(text, ev.start, encoding),
                            "end": mapping.offset(text, ev.end, encoding),
                            "score": {"value": s, "type": "PROBABILITY"}})
            entry["spanScores"] = out
        attribute_scores[name] = entry
    detected = [verdict.language if verdict.language in mapping.SUPPORTED_LANGUAGES else "und"]
    answer = {"attributeScores": attribute_scores, "languages": langs or detected, "detectedLanguages": detected}
    if body.get("clientToken") is not None:
        answer["clientToken"] = body["clientToken"]
    response = JsonResponse(answer, json_dumps_params={"ensure_ascii": False})
    response._majlis_comments = 1
    return response


@_api("suggestscore")
def suggestscore(request):
    key = _authenticate(request)
    body = _json_body(request)
    text = _comment_text(body)
    given = body.get("attributeScores")
    if not isinstance(given, dict) or not given:
        raise ApiError(400, "attributeScores must be non-empty.")
    values = {}
    for name, entry in given.items():
        _check_attribute(name)
        value = ((entry or {}).get("summaryScore") or {}).get("value") if isinstance(entry, dict) else None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1 or math.isnan(value):
            raise ApiError(400, f"attributeScores.{name}.summaryScore.value must be between 0 and 1.")
        values[name] = float(value)
    langs = _languages(body)
    token = body.get("clientToken")
    token = "" if token is None else str(token)
    community = body.get("communityId")
    if _bool(body, "doNotStore"):  # nothing to keep: the caller asked us not to
        return JsonResponse({"clientToken": token})
    if langs:
        language = mapping.language_tag(langs[0])
    else:
        language = engine.screen_many([text])[0][0].language
    SuggestedScore.objects.bulk_create([
        SuggestedScore(text=text, attribute=name, value=value, language=language[:16], client_token=token[:256],
                       community_id=str(community or "")[:256], api_key_id=key.pk)
        for name, value in values.items()
    ])
    return JsonResponse({"clientToken": token})


@metrics.timed("coral")
@csrf_exempt
def coral_moderate(request):
    """Coral Talk external moderation phase (Admin → Configure → Moderation → External moderation)."""
    if request.method != "POST":
        return JsonResponse({"error": "use POST"}, status=405, headers={"Allow": "POST"})
    if not coral.secrets():
        logger.warning("coral: request refused, MAJLIS_CORAL_SECRETS is not set")
        return JsonResponse({"error": "signing secret not configured (MAJLIS_CORAL_SECRETS)"}, status=401)
    if not coral.verify(request.headers.get("X-Coral-Signature"), request.body):
        return JsonResponse({"error": "missing or invalid X-Coral-Signature"}, status=401)
    try:
        body = json.loads(request.body)
        comment = body.get("comment") or {}
        html_body = comment.get("body") or ""
        if not isinstance(html_body, str):
            raise ValueError("comment.body")
    except (ValueError, AttributeError, UnicodeDecodeError):
        return JsonResponse({"error": "expected Coral's ExternalModerationRequest JSON"}, status=400)
    text = coral.html_to_text(html_body)
    if not text.strip():
        return HttpResponse(status=204)
    try:
        verdict, _ = engine.screen_many([text])[0]
    except Exception as e:  # noqa: BLE001 — no opinion rather than holding up Coral
        logger.error("coral: screening failed: %s", type(e).__name__)
        return HttpResponse(status=204)
    answer = coral.decide(verdict.scores)
    if answer is None:
        response = HttpResponse(status=204)
    else:
        response = JsonResponse(answer)
    response._majlis_comments = 1
    return response


@require_safe
def healthz(request):
    t0 = time.perf_counter()
    try:
        engine.get_screener()
        ok = True
    except Exception as e:  # noqa: BLE001
        logger.error("healthz: engine failed to load: %s", type(e).__name__)
        ok = False
    body = {"status": "ok" if ok else "error", "engine_loaded": engine.loaded(), "model_loaded": engine.model_loaded(),
            "pid": os.getpid(), "seconds": round(time.perf_counter() - t0, 4)}
    return JsonResponse(body, status=200 if ok else 503)


@require_safe
def prometheus(request):
    return HttpResponse(metrics.render(engine.model_loaded()), content_type="text/plain; version=0.0.4; charset=utf-8")
