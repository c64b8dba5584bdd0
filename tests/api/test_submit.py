"""Posting over the API: the native form's checks, limits and messages."""
import json

import pytest
from django.urls import reverse

from majlis.articles.models import Article
from majlis.comments.forms import CommentForm
from majlis.comments.models import Comment, Commenter
from majlis.comments.views import PENDING_MESSAGE, RATE_MESSAGE

from .conftest import ORIGIN, OTHER_ORIGIN, bearer, from_site, make_key

pytestmark = pytest.mark.django_db

GOOD = {"name": "Shilan", "email": "Shilan@Example.org", "text": "Good to see the timetable finally discussed."}


def post(client, body, raw=False, **headers):
    data = body if raw else json.dumps(body)
    return client.post("/api/v1/comments", data=data, content_type="application/json", **headers)


def test_anonymous_post_from_allowed_site_is_stored_pending(client, article):
    response = post(client, {"article": article.slug, **GOOD}, **from_site())
    assert response.status_code == 202
    assert response.json() == {"status": "pending", "message": PENDING_MESSAGE, "duplicate": False}
    assert response.headers["Access-Control-Allow-Origin"] == ORIGIN
    comment = Comment.objects.get()
    assert comment.status == "pending" and comment.author_email == "shilan@example.org"
    assert comment.text == GOOD["text"] and comment.ip_address == "127.0.0.1"


def test_no_csrf_token_or_cookie_needed(article):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/api/v1/comments", data=json.dumps({"article": article.slug, **GOOD}),
                           content_type="application/json", **from_site())
    assert response.status_code == 202
    assert not response.cookies


def test_first_comment_on_a_url_creates_the_article(client):
    body = {"url": "https://news.example/2026/story-1?id=7#comments", "title": "  Erbil\u202e talks \n resume ",
            "language": "ar-IQ", **GOOD}
    assert post(client, body, **from_site()).status_code == 202
    article = Article.objects.get()
    assert article.url == "https://news.example/2026/story-1?id=7"
    assert article.headline == "Erbil talks resume" and article.language == "ar" and article.slug
    # The same URL again (any spelling) finds the same article.
    body.update(url="https://NEWS.example:443/2026/story-1?id=7", text="Another one")
    assert post(client, body, **from_site()).status_code == 202
    assert Article.objects.count() == 1 and Comment.objects.filter(article=article).count() == 2
    # Its thread is reachable by URL and slug.
    thread = client.get("/api/v1/comments", {"url": "https://news.example/2026/story-1?id=7"}, **from_site()).json()
    assert thread["article"]["slug"] == article.slug and thread["count"] == 0


def test_no_article_for_urls_of_other_sites(client):
    body = {"url": "https://elsewhere.example/story", "title": "Elsewhere", **GOOD}
    response = post(client, body, **from_site())
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    assert not Article.objects.exists() and not Comment.objects.exists()


def test_pages_on_other_sites_cannot_post(client, article):
    response = post(client, {"article": article.slug, **GOOD}, **from_site(OTHER_ORIGIN))
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    assert "Access-Control-Allow-Origin" not in response.headers
    # No Origin and no key: refused too.
    assert post(client, {"article": article.slug, **GOOD}).status_code == 401
    assert not Comment.objects.exists()


def test_server_side_post_with_submit_key(client, article):
    key, raw = make_key("submit")
    body = {"article": article.slug, "ip_address": "203.0.113.9", **GOOD}
    response = post(client, body, **bearer(raw))
    assert response.status_code == 202
    assert Comment.objects.get().ip_address == "203.0.113.9"
    # read or moderate keys cannot post; a revoked key is refused.
    assert post(client, body, **bearer(make_key("read")[1])).status_code == 403
    assert post(client, body, **bearer(make_key("moderate")[1])).status_code == 403
    key.revoke()
    assert post(client, {**body, "text": "again"}, **bearer(raw)).status_code == 401
    bad = post(client, {**body, "ip_address": "not an ip"}, **bearer(make_key("submit")[1]))
    assert bad.status_code == 400 and "ip_address" in bad.json()["error"]["fields"]


def native_errors(data):
    form = CommentForm(data)
    assert not form.is_valid()
    return {field: [str(m) for m in messages] for field, messages in form.errors.items()}


@pytest.mark.parametrize("change", [
    {"name": "", "email": "", "text": ""},                       # empty
    {"text": "   \n\t\u200b "},                                  # blank (whitespace / zero-width only)
    {"text": "x" * 2001},                                        # too long
    {"name": "n" * 81},
    {"email": "not-an-address"},
    {"text": "Look at moc.elpmaxe\u202e://sptth"},             # bidi override
    {"name": "Mallory\u2066"},                                   # bidi isolate in the name
    {"text": "Broken \ufffd text"},                              # broken UTF-8 already replaced
    {"text": "Bell \x07 character"},                             # control character
    {"name": "Two\nlines"},
])
def test_validation_matches_the_native_form(client, article, change):
    data = {**GOOD, **change}
    response = post(client, {"article": article.slug, **data}, **from_site())
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error" and error["message"]
    assert error["fields"] == native_errors(data)
    assert not Comment.objects.exists()


def test_invalid_utf8_bytes_get_the_broken_text_message(client, article):
    body = json.dumps({"article": article.slug, **GOOD}).encode().replace(b"finally", b"fin\xff\xfeally")
    response = post(client, body, raw=True, **from_site())
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["text"] == [
        "Your text contains characters that could not be read (broken UTF-8). Please retype or paste it again."
    ]


def test_lone_surrogates_and_wrong_types_are_validation_errors(client, article):
    body = '{"article": "%s", "name": "A", "email": "a@example.org", "text": "bad \\ud800 text"}' % article.slug
    response = post(client, body, raw=True, **from_site())
    assert response.status_code == 400 and "text" in response.json()["error"]["fields"]
    response = post(client, {"article": article.slug, "name": 5, "email": [], "text": {}}, **from_site())
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) >= {"name", "email", "text"}


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]", b'"text"', b"null"])
def test_malformed_bodies(client, article, body):
    response = post(client, body, raw=True, **from_site())
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_error"


def test_oversized_body(client, article, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = post(client, {"article": article.slug, **GOOD, "text": "x" * 5000}, **from_site())
    assert response.status_code == 400 and response.json()["error"]["code"] == "validation_error"


def test_length_limit_counts_characters_not_bytes(client, article):
    text = "ئ" * 2000  # 2,000 Sorani characters (4,000 bytes) are allowed
    assert post(client, {"article": article.slug, **GOOD, "text": text}, **from_site()).status_code == 202


def test_duplicate_submission_stores_one_comment(client, article):
    first = post(client, {"article": article.slug, **GOOD}, **from_site())
    again = post(client, {"article": article.slug, **GOOD, "email": "shilan@example.org"}, **from_site())
    assert first.status_code == again.status_code == 202
    assert first.json()["duplicate"] is False and again.json()["duplicate"] is True
    assert again.json()["message"] == PENDING_MESSAGE
    assert Comment.objects.count() == 1


def test_honeypot_gets_the_same_answer_and_stores_nothing(client, article):
    response = post(client, {"article": article.slug, **GOOD, "website": "http://spam.example"}, **from_site())
    assert response.status_code == 202 and response.json()["message"] == PENDING_MESSAGE
    assert not Comment.objects.exists()


def test_closed_articles_and_banned_commenters(client, article):
    article.comments_open = False
    article.save()
    response = post(client, {"article": article.slug, **GOOD}, **from_site())
    assert response.status_code == 403
    assert response.json()["error"] == {"code": "comments_closed", "message": "Comments are closed for this article.",
                                        "fields": {}}
    article.comments_open = True
    article.save()
    Commenter.objects.create(email="shilan@example.org", status=Commenter.Status.BANNED)
    response = post(client, {"article": article.slug, **GOOD}, **from_site())
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "refused"
    assert "banned" not in response.json()["error"]["message"].lower()
    assert not Comment.objects.exists()


def test_unknown_article(client):
    response = post(client, {"article": "nope", **GOOD}, **from_site())
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


def test_rate_limits_answer_429_with_retry_after_and_share_the_page_counters(client, article, settings):
    settings.MAJLIS = {**settings.MAJLIS, "RATE_PER_IP": "3/10m", "RATE_PER_EMAIL": "2/h"}
    for i in range(2):
        assert post(client, {"article": article.slug, **GOOD, "text": f"comment {i}"}, **from_site()).status_code == 202
    response = post(client, {"article": article.slug, **GOOD, "text": "one more"}, **from_site())
    assert response.status_code == 429
    assert response.json()["error"] == {"code": "rate_limited", "message": RATE_MESSAGE, "fields": {}}
    assert response.headers["Retry-After"] == "3600"
    assert "Retry-After" in response.headers["Access-Control-Expose-Headers"]
    # Another address, same IP: the per-IP limit (3) is reached on the 4th attempt.
    other = {"article": article.slug, **GOOD, "email": "other@example.org"}
    assert post(client, other, **from_site()).status_code == 429
    # The article page's form shares the counters.
    page = client.post(reverse("comments:post", kwargs={"slug": article.slug}), {**GOOD, "email": "third@example.org"})
    assert page.status_code == 429
    assert Comment.objects.count() == 2
