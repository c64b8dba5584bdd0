"""A moderator clears a queue of 20 comments with the keyboard alone."""
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from majlis.articles.models import Article
from majlis.comments.models import Comment
from majlis.moderation.models import AuditEntry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, live_server):
    page.goto(live_server.url + "/accounts/login/?next=/moderation/")
    page.fill("#id_username", "mod")
    page.fill("#id_password", "a-long-test-password")
    page.click("button.primary")
    page.wait_for_url("**/moderation/")


def test_clear_twenty_comments_with_the_keyboard(page, live_server, moderator):
    article = Article.objects.create(slug="kbd", headline="Keyboard article", body="Body.")
    start = timezone.now() - timedelta(hours=1)
    comments = [
        Comment.objects.create(article=article, author_name=f"Reader {i}", author_email=f"r{i}@example.org",
                               text=f"Comment number {i}", fingerprint=f"k{i}", submitted_at=start + timedelta(seconds=i))
        for i in range(20)
    ]
    login(page, live_server)
    items = page.locator("#queue .queue-item")
    expect(items).to_have_count(20)
    expect(items.first).to_have_class("queue-item current")

    page.keyboard.press("?")
    expect(page.locator("#shortcuts")).to_be_visible()
    page.keyboard.press("Escape")

    # 0: approve; 1: reject as personal attack (key 4); 2: approve then undo (back to pending).
    page.keyboard.press("a")
    expect(items).to_have_count(19)
    page.keyboard.press("r")
    page.keyboard.press("4")
    page.keyboard.press("Enter")
    expect(items).to_have_count(18)
    page.keyboard.press("a")
    expect(items).to_have_count(17)
    page.keyboard.press("z")
    expect(page.locator("#toast-text")).to_contain_text("back in the queue")
    expect(items).to_have_count(18)

    # j/k move without deciding; then the rest: reject promotions (6) on every 3rd, approve others.
    page.keyboard.press("j")
    page.keyboard.press("k")
    for n in range(18):
        if n % 3 == 0:
            page.keyboard.press("r")
            page.keyboard.press("6")
            page.keyboard.press("Enter")
        else:
            page.keyboard.press("a")
        if n < 17:  # the last decision empties the list and the page refills it
            expect(items).to_have_count(17 - n)
    expect(page.locator("#queue")).to_contain_text("The queue is clear")

    statuses = {c.pk: Comment.objects.get(pk=c.pk) for c in comments}
    assert statuses[comments[0].pk].status == "approved"
    assert statuses[comments[1].pk].status == "rejected" and statuses[comments[1].pk].reasons == ["personal_attack"]
    assert Comment.objects.filter(status="pending").count() == 0
    assert Comment.objects.filter(status="rejected", reasons=["promotion"]).count() == 6
    assert AuditEntry.objects.filter(action="undo").count() == 1
    assert AuditEntry.objects.filter(action__in=["approve", "reject"]).count() == 21  # 20 + the undone one


def test_dashboard_renders_charts_with_real_data(page, live_server, moderator):
    from majlis.moderation import actions

    article = Article.objects.create(slug="dash", headline="Dashboard article", body="Body.")
    for i in range(4):
        c = Comment.objects.create(article=article, author_name="A", author_email=f"d{i}@example.org",
                                   text=f"t{i}", fingerprint=f"d{i}", screening_scores={"threat": i / 4})
        if i % 2:
            actions.reject(c.pk, actor=moderator, reasons=["threat"])
        else:
            actions.approve(c.pk, actor=moderator)
    login(page, live_server)
    page.goto(live_server.url + "/moderation/dashboard/")
    expect(page.locator("svg.chart")).to_have_count(4)
    assert page.locator('svg.chart rect.bar[data-series="approved"]').count() >= 1
    box = page.locator("svg.chart").first.bounding_box()
    assert box["width"] > 300 and box["height"] > 50
    assert page.locator("#median-minutes").inner_text() != "–"
