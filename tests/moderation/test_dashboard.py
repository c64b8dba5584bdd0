import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from majlis.comments.models import Comment
from majlis.moderation import actions
from majlis.moderation.dashboard import build_dashboard

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(article, moderator, django_user_model):
    from majlis.moderation.groups import moderators_group

    second = django_user_model.objects.create_user("second", password="x-long-password-2")
    second.groups.add(moderators_group())
    now = timezone.now()
    rows = []
    for i, (scores, who, verdict, reasons) in enumerate([
        ({"threat": 0.9, "promotion": 0.1}, moderator, "reject", ["threat"]),
        ({"threat": 0.8, "promotion": 0.1}, moderator, "approve", []),
        ({"threat": 0.1, "promotion": 0.95}, second, "reject", ["promotion"]),
        ({"threat": 0.1, "promotion": 0.1}, moderator, "approve", []),
    ]):
        c = Comment.objects.create(article=article, author_name="A", author_email=f"a{i}@example.org", text=f"t{i}",
                                   fingerprint=f"d{i}", screening_scores=scores,
                                   submitted_at=now - timedelta(minutes=10 * (i + 1)))
        if verdict == "approve":
            actions.approve(c.pk, actor=who)
        else:
            actions.reject(c.pk, actor=who, reasons=reasons)
        rows.append(c)
    Comment.objects.create(article=article, author_name="P", author_email="p@example.org", text="waiting", fingerprint="dp")
    return rows


def test_dashboard_figures(decided):
    board = build_dashboard(days=7)
    assert sum(board.per_day["approved"]) == 2 and sum(board.per_day["rejected"]) == 2
    assert sum(board.per_day["pending"]) == 1
    assert dict(board.reasons)["threat"] == 1 and dict(board.reasons)["promotion"] == 1
    assert 10 <= board.median_minutes <= 30
    shares = {label: share for label, _, share in board.per_moderator}
    assert shares == {"mod": 0.75, "second": 0.25}
    agreement = {code: share for code, share, *_ in board.agreement}
    assert agreement["threat"] == 0.75      # the approved 0.8 threat disagrees
    assert agreement["promotion"] == 1.0


def test_dashboard_page_renders_svg_charts_and_csv(moderator_client, decided):
    html = moderator_client.get("/moderation/dashboard/").content.decode()
    assert html.count("<svg class=\"chart\"") == 4
    assert 'data-series="approved"' in html and "<title>threat: 1</title>" in html
    response = moderator_client.get("/moderation/dashboard.csv?days=7")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["metric", "key", "subkey", "value"]
    assert ["rejection_reasons", "threat", "", "1"] in rows
    assert ["decisions_per_moderator", "mod", "count", "3"] in rows


def test_dashboard_is_for_moderators_only(client, reader, db):
    client.force_login(reader)
    assert client.get("/moderation/dashboard/").status_code == 403
    assert client.get("/moderation/dashboard.csv").status_code == 403


def test_days_are_the_sites_days_late_in_the_utc_evening(article):
    # 22:30 UTC is 01:30 the next day in Baghdad: a comment from 20 minutes ago is today's, not outside the window
    from datetime import datetime, timezone as dt_timezone

    now = datetime(2026, 11, 29, 22, 30, tzinfo=dt_timezone.utc)
    Comment.objects.create(article=article, author_name="A", author_email="late@example.org", text="late",
                           fingerprint="late", submitted_at=now - timedelta(minutes=20))
    board = build_dashboard(days=7, now=now)
    assert board.days[-1].isoformat() == "2026-11-30"
    assert sum(board.per_day["pending"]) == 1 and board.per_day["pending"][-1] == 1
