"""The embed on a publisher's page served from another origin: the thread
and form render, a comment is posted over the API (CORS), moderated with an
API key, and shows after a reload; a page on an origin not on the
allow-list gets nothing."""
import json
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from majlis.articles.models import Article
from majlis.comments.models import Comment
from majlis.keys.models import ApiKey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

XSS = "Look <script>window.__pwned = 1</script> and <img src=x onerror=\"window.__pwned = 2\">\nsecond line"


def publisher_page(live_url, origin, path):
    lang, direction, title = ("ckb", "rtl", "وتار") if path.startswith("/ckb") else ("en", "ltr", "Story one")
    return f"""<!doctype html>
<html lang="{lang}" dir="{direction}"><head><meta charset="utf-8"><title>{title}</title></head>
<body><h1>{title}</h1><p>The publisher's article.</p>
<p>Comments: <span data-majlis-count data-article-url="{origin}{path}">?</span></p>
<div data-majlis-thread data-article-url="{origin}{path}"></div>
<script src="{live_url}/embed.js" defer></script></body></html>""".encode()


@pytest.fixture
def publisher(live_server):
    """Two publisher sites on their own ports (other origins than Majlis)."""
    servers = []

    def start():
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                body = publisher_page(live_server.url, self.server.origin, self.path)
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.origin = f"http://127.0.0.1:{server.server_port}"
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server.origin

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def api_post(live_server, path, raw_key, body=None):
    request = urllib.request.Request(
        live_server.url + path, data=json.dumps(body or {}).encode(), method="POST",
        headers={"Authorization": f"Bearer {raw_key}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, json.loads(response.read())


def test_embedded_thread_post_moderate_and_see_it(page, live_server, publisher, settings):
    allowed = publisher()
    settings.MAJLIS_EMBED_ORIGINS = [allowed]
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    page.goto(allowed + "/story-1")
    thread = page.locator("[data-majlis-thread] section.majlis-thread")
    expect(thread.locator("h2")).to_have_text("Comments (0)")
    expect(page.locator("[data-majlis-count]")).to_have_text("0")
    expect(thread).to_have_attribute("lang", "en")
    expect(thread.locator(".majlis-none")).to_have_text("No comments yet.")
    form = thread.locator("form.majlis-form")
    expect(form.locator("h3")).to_have_text("Post a comment")

    # Field errors come from the server, with the article page's messages.
    form.locator("button[type=submit]").click()
    expect(form.locator(".majlis-field-error").nth(0)).to_have_text("Please enter your name.")
    expect(form.locator(".majlis-field-error").nth(1)).to_have_text("Please enter your e-mail address.")
    expect(form.locator(".majlis-field-error").nth(2)).to_have_text("Please write a comment before posting.")
    expect(form.locator("input[name=name]")).to_have_attribute("aria-invalid", "true")

    form.get_by_label("Name").fill("Shilan")
    form.get_by_label("E-mail").fill("shilan@example.org")
    form.get_by_label("Comment").fill(XSS)
    expect(form.locator(".majlis-counter")).to_have_text(f"{len(XSS)} / 2000 characters")
    form.locator("button[type=submit]").click()
    expect(form.locator(".majlis-status")).to_contain_text("awaits moderation")
    expect(form.locator(".majlis-field-error:visible")).to_have_count(0)
    expect(form.locator("textarea")).to_have_value("")

    comment = Comment.objects.get()
    assert comment.status == "pending" and comment.text == XSS
    article = Article.objects.get(url=allowed + "/story-1")
    assert article.headline == "Story one" and comment.article == article

    # A moderator approves it through the API with a moderate key.
    _, raw = ApiKey.create("desk", ["moderate"])
    assert api_post(live_server, f"/api/v1/moderation/comments/{comment.pk}/approve", raw)[0] == 200

    page.reload()
    expect(thread.locator("h2")).to_have_text("Comments (1)")
    expect(page.locator("[data-majlis-count]")).to_have_text("1")
    item = thread.locator("li.majlis-comment")
    expect(item).to_have_count(1)
    expect(item.locator(".majlis-author")).to_have_text("Shilan")
    assert item.locator(".majlis-text").text_content() == XSS
    expect(item.locator(".majlis-text")).to_have_attribute("dir", "auto")
    assert item.locator("script, img").count() == 0
    assert page.evaluate("window.__pwned === undefined")
    assert dialogs == []


def test_embed_follows_page_language_and_direction(page, live_server, publisher, settings):
    allowed = publisher()
    settings.MAJLIS_EMBED_ORIGINS = [allowed]
    page.goto(allowed + "/ckb-story")
    thread = page.locator("[data-majlis-thread] section.majlis-thread")
    expect(thread).to_have_attribute("dir", "rtl")
    expect(thread).to_have_attribute("lang", "ckb")
    expect(thread.locator("textarea")).to_have_attribute("dir", "auto")


def test_page_on_an_origin_not_on_the_allow_list_gets_nothing(page, live_server, publisher, settings):
    allowed, other = publisher(), publisher()
    settings.MAJLIS_EMBED_ORIGINS = [allowed]
    Article.objects.create(slug="s1", headline="Story", body="x", url=other + "/story-1")
    page.goto(other + "/story-1")
    container = page.locator("[data-majlis-thread]")
    expect(container).to_have_attribute("data-majlis-state", "off")
    assert container.evaluate("node => node.childElementCount") == 0
    page.wait_for_timeout(200)
    expect(page.locator("[data-majlis-count]")).to_have_text("?")
    # Posting from that page directly is refused by the server, not only by CORS.
    status = page.evaluate(
        """async (api) => {
            try {
              const r = await fetch(api, {method: "POST", mode: "no-cors",
                body: JSON.stringify({article: "s1", name: "A", email: "a@example.org", text: "hi"})});
              return r.type;
            } catch (e) { return "error"; }
        }""",
        live_server.url + "/api/v1/comments",
    )
    assert status == "opaque"
    assert not Comment.objects.exists()
