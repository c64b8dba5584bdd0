import pytest
from django.core.cache import cache

from majlis.articles.models import Article
from majlis.moderation.groups import moderators_group


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # Rate-limit counters live in the cache; tests must not leak into each other.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def article(db):
    return Article.objects.create(
        slug="troop-timetable",
        headline="Iraq working on timetable for troop withdrawal",
        author="Test Reporter",
        dateline="ERBIL, Kurdistan Region",
        body="The government is working on a timetable.\n\nTalks resume in April.",
        language="en",
    )


@pytest.fixture
def moderator(db, django_user_model):
    user = django_user_model.objects.create_user("mod", password="a-long-test-password")
    user.groups.add(moderators_group())
    return user


@pytest.fixture
def reader(db, django_user_model):
    return django_user_model.objects.create_user("reader", password="another-long-password")


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client
