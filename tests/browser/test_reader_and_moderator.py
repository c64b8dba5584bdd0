"""The whole loop in a real browser: a reader posts, a moderator approves,
the reader sees it; text size; hostile markup stays inert."""
import pytest
from playwright.sync_api import expect

from majlis.articles.models import Article
from majlis.comments.models import Comment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

XSS = "Look <script>window.__pwned = 1; alert('x')</script> and <img src=x onerror=\"window.__pwned = 2; alert('y')\">"


@pytest.fixture
def live_article(transactional_db):
    return Article.objects.create(slug="browser-test", headline="Browser test article", author="Reporter",
                                  dateline="ERBIL, Kurdistan Region", body="First paragraph.\n\nSecond paragraph.")


def post_comment(page, url, name, email, text):
    page.goto(url)
    page.fill("#id_name", name)
    page.fill("#id_email", email)
    page.fill("#id_text", text)
    page.click("button.primary")
    page.wait_for_load_state()


def test_reader_posts_moderator_approves_reader_sees_it(page, live_server, live_article, moderator):
    url = live_server.url + live_article.get_absolute_url()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    post_comment(page, url, "Shilan", "shilan@example.org", "Good to see the timetable finally discussed.")
    assert "awaits moderation" in page.locator(".messages").inner_text()
    assert page.locator(".thread .comment").count() == 0
    post_comment(page, url, "Mallory", "mallory@example.org", XSS)
    assert Comment.objects.filter(status="pending").count() == 2

    moderator_page = page.context.browser.new_context().new_page()
    moderator_page.goto(live_server.url + "/moderation/")
    moderator_page.fill("#id_username", "mod")
    moderator_page.fill("#id_password", "a-long-test-password")
    moderator_page.click("button.primary")
    moderator_page.wait_for_url("**/moderation/")
    assert moderator_page.locator(".queue-item").count() == 2
    # The hostile comment shows as text in the queue too.
    assert "<script>" in moderator_page.locator(".queue-item .text").nth(1).inner_text()
    for remaining in (1, 0):
        moderator_page.locator(".queue-item button.approve").first.click()
        expect(moderator_page.locator(".queue-item button.approve")).to_have_count(remaining)
    expect(moderator_page.locator("#queue")).to_contain_text("The queue is clear")
    assert Comment.objects.filter(status="approved").count() == 2

    page.reload()
    texts = page.locator(".thread .comment-text").all_inner_texts()
    assert texts[0] == "Good to see the timetable finally discussed."
    assert "<script>" in texts[1] and "onerror" in texts[1]
    assert page.locator(".thread .comment-text img, .thread .comment-text script").count() == 0
    assert page.evaluate("window.__pwned === undefined")
    assert dialogs == []
    assert page.locator("#comment-count").inner_text() == "(2)"


def test_text_size_buttons_enlarge_and_are_remembered(page, live_server, live_article):
    url = live_server.url + live_article.get_absolute_url()
    page.goto(url)
    size = lambda: float(page.evaluate("parseFloat(getComputedStyle(document.getElementById('article-body')).fontSize)"))
    before = size()
    page.click("#text-bigger")
    assert size() > before
    # Keyboard: focus A+ and press Enter.
    page.focus("#text-bigger")
    page.keyboard.press("Enter")
    bigger = size()
    assert bigger > before
    page.reload()
    assert size() == pytest.approx(bigger)  # remembered
    page.click("#text-smaller")
    assert size() < bigger


def test_counter_and_field_errors(page, live_server, live_article):
    page.goto(live_server.url + live_article.get_absolute_url())
    page.fill("#id_text", "hello")
    assert page.locator("#text-count").inner_text() == "5"
    page.fill("#id_name", "No Email")
    page.click("button.primary")
    assert "Please enter your e-mail address." in page.locator("#email-error").inner_text()
    assert page.input_value("#id_text") == "hello"  # kept
    assert page.input_value("#id_name") == "No Email"
