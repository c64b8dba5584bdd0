"""Several first comments on the same new URL at once, each on its own
database connection: one article is created, every comment lands on it."""

import pytest

from majlis.api import services
from majlis.articles.models import Article
from tests.helpers import requires_postgres, run_at_once


@requires_postgres
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_first_use_creates_one_article():
    url = "https://news.example/race"
    def first_use():
        return services.article_for_url(url, title="Race", create=True).pk

    found = run_at_once(first_use, first_use, first_use, first_use, timeout=10)
    assert all(isinstance(pk, int) for pk in found), found
    assert len(set(found)) == 1
    assert Article.objects.filter(url=url).count() == 1


def test_first_use_is_idempotent(db):
    one = services.article_for_url("https://news.example/a", title="A", create=True)
    assert services.article_for_url("https://news.example/a", create=True) == one
    assert services.article_for_url("https://news.example/b") is None
    with pytest.raises(services.NotAllowed):
        services.article_for_url("https://elsewhere.example/a", create=True)
