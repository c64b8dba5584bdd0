"""Reading: threads by slug or URL, cursor pagination, counts, who may read."""
import json

import pytest

from majlis.articles.models import Article
from majlis.comments.models import Comment

from .conftest import ORIGIN, OTHER_ORIGIN, bearer, from_site, make_comment, make_key

pytestmark = pytest.mark.django_db


def test_thread_by_slug_lists_only_approved_comments_oldest_first(client, article, read_key):
    first = make_comment(article, "First approved")
    make_comment(article, "Still pending", status=Comment.Status.PENDING)
    make_comment(article, "Rejected", status=Comment.Status.REJECTED)
    second = make_comment(article, "Second approved", email="other@example.org", name="شیلان")
    response = client.get(f"/api/v1/comments?article={article.slug}", **bearer(read_key))
    assert response.status_code == 200
    body = response.json()
    assert [c["id"] for c in body["comments"]] == [first.pk, second.pk]
    assert body["comments"][1]["author_name"] == "شیلان"
    assert body["count"] == 2 and body["next_cursor"] is None and body["max_length"] == 2000
    assert body["article"]["slug"] == article.slug and body["comments_open"] is True
    assert body["comments"][0]["removed"] is False
    # E-mail addresses are never part of the public thread.
    assert "reader@example.org" not in response.content.decode()


def test_thread_by_url_and_unknown_urls(client, article):
    article.url = "https://news.example/story-1"
    article.save()
    make_comment(article, "Hello")
    # Lookup normalises the URL (host case, default port, fragment).
    response = client.get("/api/v1/comments", {"url": "HTTPS://News.Example:443/story-1#comments"}, **from_site())
    assert response.status_code == 200 and response.json()["count"] == 1
    # An allow-listed site's new URL: an empty thread, nothing created yet.
    response = client.get("/api/v1/comments", {"url": "https://news.example/story-2"}, **from_site())
    assert response.status_code == 200
    assert response.json() == {"article": None, "comments_open": True, "count": 0, "max_length": 2000,
                               "comments": [], "next_cursor": None}
    assert not Article.objects.filter(url="https://news.example/story-2").exists()
    # A URL on another site: not found.
    response = client.get("/api/v1/comments", {"url": "https://elsewhere.example/x"}, **from_site())
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    response = client.get("/api/v1/comments", {"article": "no-such-article"}, **from_site())
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


def test_comments_removed_at_the_authors_request_are_marked(client, article):
    from django.utils import timezone

    comment = make_comment(article, "Soon erased")
    Comment.objects.filter(pk=comment.pk).update(text="", erased_at=timezone.now(), author_name="Removed")
    body = client.get(f"/api/v1/comments?article={article.slug}", **from_site()).json()
    assert body["comments"][0]["removed"] is True and body["comments"][0]["text"] == ""


def test_closed_article_says_so(client, article):
    article.comments_open = False
    article.save()
    assert client.get(f"/api/v1/comments?article={article.slug}", **from_site()).json()["comments_open"] is False


@pytest.mark.parametrize("params, field", [
    ({}, "url"),
    ({"article": "a", "url": "https://news.example/a"}, "article"),
    ({"url": "javascript:alert(1)"}, "url"),
    ({"url": "https://news.example/a", "limit": "0"}, "limit"),
    ({"url": "https://news.example/a", "limit": "1000"}, "limit"),
    ({"url": "https://news.example/a", "limit": "many"}, "limit"),
])
def test_thread_parameter_errors(client, params, field):
    response = client.get("/api/v1/comments", params, **from_site())
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error" and field in error["fields"], error


def test_bad_cursor_is_a_validation_error(client, article):
    for cursor in ["nonsense", "bm9uc2Vuc2U", "MjAyNi0wMS0wMVQwMDowMDowMHw1"]:  # the last has no timezone
        response = client.get("/api/v1/comments", {"article": article.slug, "cursor": cursor}, **from_site())
        assert response.status_code == 400
        assert "cursor" in response.json()["error"]["fields"]


def test_cursor_pages_neither_repeat_nor_skip_while_comments_arrive(client, article):
    from datetime import timedelta

    from django.utils import timezone

    start = timezone.now() - timedelta(hours=1)
    # Several comments share a timestamp: the id breaks ties.
    for i in range(12):
        make_comment(article, f"c{i}", email=f"r{i}@example.org", submitted_at=start + timedelta(minutes=i // 3))
    seen, cursor, pages = [], None, 0
    while True:
        params = {"article": article.slug, "limit": 5}
        if cursor:
            params["cursor"] = cursor
        body = client.get("/api/v1/comments", params, **from_site()).json()
        seen += [c["text"] for c in body["comments"]]
        pages += 1
        # New comments arrive (newest last) and pending ones are approved while paging.
        make_comment(article, f"new{pages}", email=f"n{pages}@example.org")
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen))
    assert seen[:12] == [f"c{i}" for i in range(12)]
    # Everything that existed when paging began was seen, in order; later ones follow.
    assert all(text.startswith("new") for text in seen[12:])
    assert Comment.objects.count() == 12 + pages


def test_counts_for_many_articles(client, article, read_key):
    article.url = "https://news.example/story-1"
    article.save()
    other = Article.objects.create(slug="other", headline="Other", body="x", url="https://news.example/story-2")
    make_comment(article, "a")
    make_comment(article, "b", email="b@example.org")
    make_comment(article, "pending", email="c@example.org", status=Comment.Status.PENDING)
    make_comment(other, "c")
    response = client.get(
        "/api/v1/counts?url=https://news.example/story-1&url=https://news.example/story-2"
        "&url=https://news.example/none&url=not-a-url&article=troop-timetable&article=missing",
        **bearer(read_key),
    )
    assert response.status_code == 200
    assert response.json() == {
        "urls": {"https://news.example/story-1": 2, "https://news.example/story-2": 1,
                 "https://news.example/none": 0, "not-a-url": 0},
        "articles": {"troop-timetable": 2, "missing": 0},
    }
    # An allow-listed page (article lists) may ask too; another site may not.
    assert client.get("/api/v1/counts?article=troop-timetable", **from_site()).json()["articles"] == {"troop-timetable": 2}
    assert client.get("/api/v1/counts?article=troop-timetable", **from_site(OTHER_ORIGIN)).status_code == 403
    assert client.get("/api/v1/counts", **bearer(read_key)).json()["error"]["code"] == "validation_error"
    too_many = "&".join(f"url=https://news.example/{i}" for i in range(101))
    assert client.get(f"/api/v1/counts?{too_many}", **bearer(read_key)).status_code == 400


def test_who_may_read(client, article):
    url = f"/api/v1/comments?article={article.slug}"
    # No key and no Origin (e.g. a script on some server): a key is needed.
    response = client.get(url)
    assert response.status_code == 401 and response.json()["error"]["code"] == "unauthorized"
    # A page on a site not on the allow-list: refused, and no CORS headers.
    response = client.get(url, **from_site(OTHER_ORIGIN))
    assert response.status_code == 403 and response.json()["error"]["code"] == "forbidden"
    assert "Access-Control-Allow-Origin" not in response.headers
    # Keys: any key holding `read`; not a submit-only or moderate-only key; never a revoked one.
    key, raw = make_key("read")
    assert client.get(url, **bearer(raw)).status_code == 200
    for scopes in (["submit"], ["moderate"]):
        response = client.get(url, **bearer(make_key(*scopes)[1]))
        assert response.status_code == 403 and response.json()["error"]["code"] == "forbidden"
    key.revoke()
    response = client.get(url, **bearer(raw))
    assert response.status_code == 401 and response.json()["error"]["code"] == "unauthorized"
    assert client.get(url, HTTP_AUTHORIZATION="Basic abc").status_code == 401
    assert client.get(url, HTTP_AUTHORIZATION="Bearer mjl_").status_code == 401


def test_cors_headers_only_for_allow_listed_origins(client, article):
    url = f"/api/v1/comments?article={article.slug}"
    response = client.get(url, **from_site())
    assert response.headers["Access-Control-Allow-Origin"] == ORIGIN
    assert "Origin" in response.headers["Vary"]
    assert "Access-Control-Allow-Credentials" not in response.headers
    # Port and scheme matter; the list is exact origins.
    for origin in ("http://news.example", "https://news.example:8443", "https://evil.news.example", "null"):
        response = client.get(url, HTTP_ORIGIN=origin)
        assert response.status_code == 403 and "Access-Control-Allow-Origin" not in response.headers
    # Preflight for the JSON POST.
    response = client.options("/api/v1/comments", HTTP_ORIGIN=ORIGIN, HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
                              HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type")
    assert response.status_code == 204
    assert response.headers["Access-Control-Allow-Origin"] == ORIGIN
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    assert "Content-Type" in response.headers["Access-Control-Allow-Headers"]
    response = client.options("/api/v1/comments", HTTP_ORIGIN=OTHER_ORIGIN, HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST")
    assert response.status_code == 403 and "Access-Control-Allow-Origin" not in response.headers
    assert not any(name.startswith("Access-Control-") for name in response.headers)


def test_allow_list_from_environment_format(client, article, settings):
    settings.MAJLIS_EMBED_ORIGINS = "https://a.example, HTTP://LOCALHOST:8001/ ,"
    assert client.get(f"/api/v1/comments?article={article.slug}", HTTP_ORIGIN="http://localhost:8001").status_code == 200
    settings.MAJLIS_EMBED_ORIGINS = []
    assert client.get(f"/api/v1/comments?article={article.slug}", **from_site()).status_code == 403


def test_openapi_document_and_docs(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    assert set(paths) >= {"/api/v1/comments", "/api/v1/counts", "/api/v1/moderation/queue",
                          "/api/v1/moderation/comments/{comment_id}/approve",
                          "/api/v1/moderation/comments/{comment_id}/reject",
                          "/api/v1/moderation/commenters/{commenter_id}/status"}
    assert set(paths["/api/v1/comments"]["post"]["responses"]) >= {"202", "400", "401", "403", "404", "429"}
    too_many = paths["/api/v1/comments"]["post"]["responses"]["429"]
    assert "Retry-After" in too_many["headers"] and "application/json" in too_many["content"]
    assert "409" in paths["/api/v1/moderation/comments/{comment_id}/approve"]["post"]["responses"]
    assert schema["components"]["securitySchemes"]["ApiKeyAuth"]["scheme"] == "bearer"
    assert client.get("/api/v1/docs").status_code == 200


def test_embed_script_is_served(client):
    response = client.get("/embed.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    source = response.content.decode()
    assert "data-majlis-thread" in source and "innerHTML" not in source
    assert client.get("/static/majlis/embed.css").status_code == 200


@pytest.mark.parametrize("raw", ["9999-12-31T23:59:59-14:00|1", "2024-01-01T00:00:00+00:00|99999999999999999999999"])
def test_hostile_cursors_get_the_json_error_not_a_500(client, article, raw):
    import base64

    cursor = base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")
    response = client.get("/api/v1/comments", {"article": article.slug, "cursor": cursor}, **from_site())
    assert response.status_code == 400
    assert "cursor" in response.json()["error"]["fields"]
