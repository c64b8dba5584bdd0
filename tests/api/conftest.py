import pytest

from majlis.comments.models import Comment
from majlis.keys.models import ApiKey

ORIGIN = "https://news.example"
OTHER_ORIGIN = "https://elsewhere.example"


@pytest.fixture(autouse=True)
def embed_origins(settings):
    settings.MAJLIS_EMBED_ORIGINS = [ORIGIN, "http://localhost:8001"]
    return settings.MAJLIS_EMBED_ORIGINS


def make_key(*scopes, created_by=None):
    return ApiKey.create("test " + "+".join(scopes), list(scopes), created_by=created_by)


@pytest.fixture
def read_key(db):
    return make_key("read")[1]


@pytest.fixture
def submit_key(db):
    return make_key("submit")[1]


@pytest.fixture
def moderate_key(db, moderator):
    return make_key("moderate", created_by=moderator)[1]


def bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def from_site(origin=ORIGIN):
    return {"HTTP_ORIGIN": origin}


def make_comment(article, text, status=Comment.Status.APPROVED, email="reader@example.org", name="Reader", **extra):
    from majlis.comments.actions import fingerprint

    return Comment.objects.create(article=article, author_name=name, author_email=email, text=text, status=status,
                                  fingerprint=fingerprint(article.pk, email, text), **extra)
