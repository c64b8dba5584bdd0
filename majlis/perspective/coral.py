"""Coral Talk external moderation: request signatures, HTML → text, and the flag policy.

Coral signs each external moderation request (and webhook) with every active signing secret:
``X-Coral-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>[,sha256=<hex>...]`` — several
comma-separated values while a secret is being rotated. A request is accepted when any of its
signatures matches any secret in ``MAJLIS_CORAL_SECRETS`` (comma-separated, so both the old and
the new secret can be configured during a rotation)."""
from __future__ import annotations

import hashlib
import hmac
import os
import re
from html.parser import HTMLParser

from django.conf import settings


def _setting(name, default=None):
    value = getattr(settings, name, None)
    return os.environ.get(name, default) if value is None else value


def secrets() -> list[bytes]:
    raw = _setting("MAJLIS_CORAL_SECRETS", "")
    if isinstance(raw, (list, tuple)):
        items = raw
    else:
        items = str(raw).split(",")
    return [s.strip().encode() for s in items if s and s.strip()]


def sign(secret: bytes | str, body: bytes) -> str:
    if isinstance(secret, str):
        secret = secret.encode()
    return "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()


def verify(header: str | None, body: bytes, keys: list[bytes] | None = None) -> bool:
    keys = secrets() if keys is None else keys
    if not header or not keys:
        return False
    expected = [hmac.new(k, body, hashlib.sha256).hexdigest() for k in keys]
    ok = False
    for part in header.split(","):
        scheme, _, digest = part.strip().partition("=")
        if scheme.lower() != "sha256" or not digest:
            continue
        for e in expected:  # compare against all, constant time each
            ok |= hmac.compare_digest(e, digest.strip().lower())
    return ok


class _Text(HTMLParser):
    BLOCK = {"p", "div", "br", "li", "blockquote", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "tr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCK:
            self.parts.append("\n")
        if tag == "a":  # a link's target is part of what the reader sees (promotion)
            href = dict(attrs).get("href")
            if href:
                self.parts.append(f" {href} ")

    def handle_endtag(self, tag):
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


def html_to_text(body: str) -> str:
    """Coral comment bodies are (sanitised) HTML: keep the text, one line per block."""
    if "<" not in body and "&" not in body:
        return body
    p = _Text()
    p.feed(body)
    p.close()
    text = "".join(p.parts).replace("\xa0", " ")  # entities already decoded by the parser
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r"[ \t]*\n[ \t\n]*", "\n", text)
    return text.strip()


def _threshold(name, default):
    raw = _setting(name, default)
    if raw is None or str(raw).strip().lower() in {"", "off", "none", "never"}:
        return None
    return float(raw)


def policy():
    return {
        "flag_at": _threshold("MAJLIS_CORAL_FLAG_AT", "0.5"),
        "reject_at": _threshold("MAJLIS_CORAL_REJECT_AT", "off"),
        "withhold": str(_setting("MAJLIS_CORAL_WITHHOLD", "on")).strip().lower() in {"1", "true", "yes", "on"},
    }


def decide(scores: dict, pol: dict | None = None):
    """Coral's ExternalModerationResponse for ``scores``, or None (answer 204: no opinion).

    toxic = TOXICITY (max of the five abuse codes), spam = promotion. The higher one (if at or
    above ``flag_at``) becomes a FLAG with COMMENT_DETECTED_TOXIC / COMMENT_DETECTED_SPAM (both
    when both are); status SYSTEM_WITHHELD holds it for a moderator (``MAJLIS_CORAL_WITHHOLD``);
    at or above ``reject_at`` (off by default) the status is REJECTED."""
    from .mapping import toxicity

    pol = pol or policy()
    toxic = toxicity(scores)
    spam = scores.get("promotion", 0.0)
    top = max(toxic, spam)
    actions = []
    flag_at = pol["flag_at"]
    if flag_at is not None:
        if toxic >= flag_at:
            actions.append({"action": "FLAG", "reason": "COMMENT_DETECTED_TOXIC"})
        if spam >= flag_at:
            actions.append({"action": "FLAG", "reason": "COMMENT_DETECTED_SPAM"})
        if spam > toxic:
            actions.reverse()
    status = None
    if pol["reject_at"] is not None and top >= pol["reject_at"]:
        status = "REJECTED"
        if not actions:
            actions.append({"action": "FLAG",
                            "reason": "COMMENT_DETECTED_SPAM" if spam > toxic else "COMMENT_DETECTED_TOXIC"})
    elif actions and pol["withhold"]:
        status = "SYSTEM_WITHHELD"
    if not actions and status is None:
        return None
    answer = {"actions": actions}
    if status:
        answer["status"] = status
    return answer
