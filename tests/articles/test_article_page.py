import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from majlis.articles.models import Article
from majlis.comments.models import Comment

pytestmark = pytest.mark.django_db


def make_comments(article, n, status=Comment.Status.APPROVED):
    Comment.objects.bulk_create(
        Comment(article=article, author_name=f"Reader {i}", author_email=f"r{i}@example.org",
                text=f"Comment number {i}", status=status, fingerprint=f"fp{status}{i}",
                submitted_at=timezone.now() - timezone.timedelta(minutes=n - i))
        for i in range(n)
    )


def test_article_page_shows_the_article_and_policy(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<h1 class=\"headline\">Iraq working on timetable for troop withdrawal</h1>" in html
    assert "ERBIL, Kurdistan Region —" in html
    assert "Test Reporter" in html
    assert "Talks resume in April." in html
    assert "profanity, threats, personal attacks, vulgarity" in html
    assert "Post a comment" in html
    assert 'id="text-bigger"' in html and 'id="text-smaller"' in html


def test_only_approved_comments_are_public_oldest_first_with_count(client, article):
    Comment.objects.create(article=article, author_name="Pending Pat", author_email="p@example.org",
                           text="not yet", fingerprint="a")
    Comment.objects.create(article=article, author_name="Rejected Rob", author_email="r@example.org",
                           text="nope", status="rejected", fingerprint="b")
    make_comments(article, 3)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Pending Pat" not in html and "Rejected Rob" not in html
    assert html.index("Comment number 0") < html.index("Comment number 1") < html.index("Comment number 2")
    assert '<span class="count" id="comment-count">(3)</span>' in html
    assert "r0@example.org" not in html  # e-mails are never public


def test_comment_text_is_escaped_and_keeps_line_breaks(client, article):
    Comment.objects.create(article=article, author_name="<b>Name</b>", author_email="x@example.org",
                           text="line one\n<script>alert(1)</script>\nline <img src=x onerror=alert(2)>",
                           status="approved", fingerprint="c")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "line one<br>&lt;script&gt;" in html
    assert "&lt;b&gt;Name&lt;/b&gt;" in html


def test_every_comment_renders_dir_auto(client, article):
    make_comments(article, 2)
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.count('class="comment-text" dir="auto"') == 2


@pytest.mark.parametrize("language, direction", [("ar", "rtl"), ("ckb", "rtl"), ("fa", "rtl"), ("en", "ltr"), ("tr", "ltr"), ("kmr", "ltr")])
def test_article_direction_follows_language(client, article, language, direction):
    article.language = language
    article.save()
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'<article class="article" lang="{language}" dir="{direction}">' in html


def test_article_page_query_count_is_constant(client, article):
    client.get(article.get_absolute_url())  # warm-up: creates the site policy row once
    with CaptureQueriesContext(connection) as few:
        assert client.get(article.get_absolute_url()).status_code == 200
    make_comments(article, 500)
    with CaptureQueriesContext(connection) as many:
        response = client.get(article.get_absolute_url())
    assert response.content.decode().count('class="comment"') == 500
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_text_size_without_javascript_is_remembered_in_a_cookie(client, article):
    url = article.get_absolute_url()
    response = client.get("/text-size", {"change": "up", "next": url})
    assert response.status_code == 302 and response["Location"] == url
    assert response.cookies["majlis_textsize"].value == "2"
    html = client.get(url).content.decode()
    assert 'style="font-size: 115%"' in html
    client.get("/text-size", {"change": "down", "next": url})
    client.get("/text-size", {"change": "down", "next": url})
    assert 'style="font-size: 85%"' in client.get(url).content.decode()


def test_text_size_refuses_open_redirects(client):
    response = client.get("/text-size", {"change": "up", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_index_lists_articles(client, article):
    assert article.headline in client.get("/").content.decode()


def test_unknown_article_is_404(client, db):
    assert client.get("/articles/nope/").status_code == 404


def test_article_paragraphs_split_on_blank_lines():
    assert Article(body="a\n\nb\r\n\r\nc").paragraphs == ["a", "b", "c"]


def test_imported_comments_show_sanitised_html_and_native_ones_stay_escaped(client, article):
    from majlis.integrations.models import ImportedItem

    imported = Comment.objects.create(
        article=article, author_name="Old Disqus", author_email="d@example.org", status="approved", fingerprint="i1",
        text='<p>Good <b>point</b> <a href="javascript:alert(1)" onclick="x()">x</a></p><script>alert(2)</script>')
    ImportedItem.objects.create(source="disqus", kind="comment", external_id="42", comment=imported)
    Comment.objects.create(article=article, author_name="Native", author_email="n@example.org", status="approved",
                           fingerprint="n1", text="<b>not bold</b>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<p>Good <b>point</b>" in html
    assert "javascript:" not in html and "onclick" not in html and "<script>alert(2)" not in html
    assert "&lt;b&gt;not bold&lt;/b&gt;" in html
    assert Comment.objects.get(pk=imported.pk).text.startswith("<p>Good")  # stored text untouched


def test_imported_wordpress_comments_keep_their_line_breaks(client, article):
    from majlis.integrations.models import ImportedItem

    wp = Comment.objects.create(article=article, author_name="WP", author_email="w@example.org", status="approved",
                                fingerprint="w1", text="First paragraph.\n\nSecond <em>line</em>.")
    ImportedItem.objects.create(source="wordpress", kind="comment", external_id="7", comment=wp)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "First paragraph.<br><br>Second <em>line</em>." in html
