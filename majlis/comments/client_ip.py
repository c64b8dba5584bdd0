"""The reader's IP address, for rate limits and the stored comment.

Behind a reverse proxy REMOTE_ADDR is the proxy's own address (or empty on a
unix socket), so every reader would share one rate-limit bucket. Set
MAJLIS_TRUSTED_PROXIES to the number of proxies in front of Majlis and the
address they append to X-Forwarded-For is used instead."""
from django.conf import settings

UNKNOWN = "0.0.0.0"  # noqa: S104 - a bucket for requests without any address, not a bind address


def client_ip(request):
    proxies = settings.MAJLIS["TRUSTED_PROXIES"]
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        # Each trusted proxy appends the address it saw; take the one the
        # outermost trusted proxy recorded (anything left of it is client-controlled).
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or UNKNOWN
