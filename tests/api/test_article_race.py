"""Several first comments on the same new URL at once, each on its own
database connection: one article is created, every comment lands on it."""
import threading

import pytest
from django.db import connections

from majlis.api import services
from majlis.articles.models import Article
from tests.helpers import requires_postgres


@requires_postgres
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_first_use_creates_one_article():
    url = "https://news.example/race"
    barrier = threading.Barrier(4)
    found, errors = [], []

    def first_use():
        try:
            barrier.wait()
            found.append(services.article_for_url(url, title="Race", create=True).pk)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first_use) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert not errors and len(found) == 4
    assert len(set(found)) == 1
    assert Article.objects.filter(url=url).count() == 1


def test_first_use_is_idempotent(db):
    one = services.article_for_url("https://news.example/a", title="A", create=True)
    assert services.article_for_url("https://news.example/a", create=True) == one
    assert services.article_for_url("https://news.example/b") is None
    with pytest.raises(services.NotAllowed):
        services.article_for_url("https://elsewhere.example/a", create=True)
