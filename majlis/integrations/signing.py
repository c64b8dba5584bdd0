"""Webhook signatures, Stripe-style.

Header:  X-Majlis-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, f"{t}.{raw body}")>

The timestamp is inside the signed string, so a captured request cannot be
replayed later with a fresh timestamp, and receivers reject old ones.
`verify_signature` uses only the standard library: copy it into a receiver."""
import hashlib
import hmac
import time

HEADER = "X-Majlis-Signature"


def compute_signature(secret, timestamp, body):
    if isinstance(body, str):
        body = body.encode("utf-8")
    message = f"{int(timestamp)}.".encode("ascii") + body
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def sign(secret, body, timestamp=None):
    """The X-Majlis-Signature header value for body (bytes or str)."""
    timestamp = int(time.time() if timestamp is None else timestamp)
    return f"t={timestamp},v1={compute_signature(secret, timestamp, body)}"


def verify_signature(secret, header, body, tolerance=300, now=None):
    """True when header is a valid signature of body (the raw request bytes,
    before any JSON parsing) made with secret no more than `tolerance`
    seconds ago (or ahead, for clock skew); False otherwise."""
    if not header or not secret:
        return False
    timestamp, candidates = None, []
    for part in header.split(","):
        key, _, value = part.strip().partition("=")
        if key == "t":
            try:
                timestamp = int(value)
            except ValueError:
                return False
        elif key == "v1":
            candidates.append(value)
    if timestamp is None or not candidates:
        return False
    now = time.time() if now is None else now
    if abs(now - timestamp) > tolerance:
        return False
    expected = compute_signature(secret, timestamp, body)
    return any(hmac.compare_digest(expected, candidate) for candidate in candidates)
