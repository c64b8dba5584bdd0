"""WSGI entry point of the screening-only service, for a multi-process server, e.g.

    gunicorn --workers 2 --bind 127.0.0.1:8100 majlis.perspective.wsgi:application

The engine is loaded at import, so each worker answers its first request at full speed."""
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "majlis.perspective.settings_screening")

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()

from majlis.perspective import engine  # noqa: E402

engine.get_screener()
