import json

import pytest

from majlis.keys.models import ApiKey

ANALYZE = "/v1alpha1/comments:analyze"
SUGGEST = "/v1alpha1/comments:suggestscore"


@pytest.fixture
def screen_key(db):
    _, raw = ApiKey.create("coral", ["screen"])
    return raw


@pytest.fixture
def post_json(client):
    def post(path, body, key=None, **extra):
        url = path if key is None else f"{path}?key={key}"
        data = body if isinstance(body, (bytes, str)) else json.dumps(body)
        return client.post(url, data=data, content_type=extra.pop("content_type", "application/json"), **extra)

    return post


@pytest.fixture
def analyze(post_json, screen_key):
    def call(body, **extra):
        return post_json(ANALYZE, body, key=screen_key, **extra)

    return call
