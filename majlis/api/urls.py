from django.urls import path

from .api import api
from .origins import cors
from .views import embed_js


def _api_urls():
    patterns, app, namespace = api.urls
    for pattern in patterns:
        pattern.callback = cors(pattern.callback)
    return patterns, app, namespace


urlpatterns = [
    path("embed.js", embed_js, name="embed-js"),
    path("api/v1/", _api_urls()),
]
