"""Settings for ``majlis serve --screening-only``: the main settings with the screening URLs
only (the Perspective-compatible API, the Coral phase, /healthz, /metrics). The apps stay
installed so the same database (API keys, suggested scores) and migrations work."""
from majlis.settings import *  # noqa: F401,F403
from majlis.settings import MIDDLEWARE

ROOT_URLCONF = "majlis.perspective.urls_screening"
# No sessions, CSRF, logins or messages: every request carries an API key or a Coral signature.
MIDDLEWARE = [m for m in MIDDLEWARE if m in (
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
)]
if "majlis.perspective" not in INSTALLED_APPS:  # noqa: F405
    INSTALLED_APPS = [*INSTALLED_APPS, "majlis.perspective"]  # noqa: F405
# The admin app stays installed (its models and migrations) but is not routed here.
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "admin.E408", "admin.E409", "admin.E410"]  # noqa: F405
