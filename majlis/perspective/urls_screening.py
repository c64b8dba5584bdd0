"""URLs of ``majlis serve --screening-only``: the screening endpoints, /healthz and /metrics —
no article pages, no comment storage, no admin."""
from django.urls import include, path

from . import views

urlpatterns = [
    path("", include("majlis.perspective.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("metrics", views.prometheus, name="metrics"),
]
