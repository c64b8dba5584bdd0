import pytest
from django.test import Client, override_settings
from django.conf import settings

from majlis.comments.models import Comment
from majlis.comments.views import PENDING_MESSAGE, RATE_MESSAGE

pytestmark = pytest.mark.django_db


def post(client, article, **fields):
    data = {"name": "Shilan", "email": "Shilan@Example.org", "text": "A thoughtful comment.", "website": ""}
    data.update(fields)
    return client.post(f"/articles/{article.slug}/comments", data, REMOTE_ADDR=fields.pop("ip", "10.0.0.1"))


def test_successful_post_is_pending_and_invisible(client, article):
    response = post(client, article)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert PENDING_MESSAGE in page
    comment = Comment.objects.get()
    assert comment.status == "pending"
    assert comment.author_email == "shilan@example.org"  # normalised
    assert comment.text == "A thoughtful comment."
    assert "A thoughtful comment." not in page.split('id="comments"')[1].split("<form")[0]


def test_text_is_stored_exactly_as_typed(client, article):
    text = "  First line\r\n\r\n  indented — with émoji 🙂 and کوردی  "
    post(client, article, text=text)
    assert Comment.objects.get().text == text


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"name": ""}, "name", "Please enter your name."),
        ({"email": ""}, "email", "Please enter your e-mail address."),
        ({"email": "not-an-email"}, "email", "Please enter a valid e-mail address."),
        ({"text": ""}, "text", "Please write a comment before posting."),
        ({"text": "   \n\t  "}, "text", "Please write a comment before posting."),
        ({"text": "\u200b\u200b"}, "text", "Please write a comment before posting."),
        ({"text": "x" * 2001}, "text", "at most 2,000 characters"),
        ({"name": "n" * 81}, "name", "at most 80 characters"),
        ({"text": "hello\x00world"}, "text", "Null characters are not allowed"),
        ({"text": "bell\x07"}, "text", "control character"),
        ({"text": "price \u202egnp.exe"}, "text", "direction-override"),
        ({"text": "isolate \u2066x\u2069"}, "text", "direction-override"),
        ({"name": "Bad\u202eName"}, "name", "direction-override"),
    ],
)
def test_bad_input_gets_a_clear_error_beside_the_field_and_keeps_input(client, article, fields, field, message):
    response = post(client, article, **fields)
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="{field}-error"' in html
    assert message in html.split(f'id="{field}-error"')[1][:300]
    assert Comment.objects.count() == 0
    if field != "name":
        assert 'value="Shilan"' in html  # what the reader typed is kept


def test_exactly_2000_characters_is_accepted(client, article):
    assert post(client, article, text="x" * 2000).status_code == 302
    assert len(Comment.objects.get().text) == 2000


def test_broken_utf8_is_a_clear_error_not_a_500(client, article):
    body = b"name=Ali&email=ali%40example.org&text=%FF%FEbroken&website="
    response = client.post(f"/articles/{article.slug}/comments", body,
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert "could not be read (broken UTF-8)" in response.content.decode()
    assert Comment.objects.count() == 0


def test_identical_resubmission_creates_no_second_comment(client, article):
    post(client, article)
    response = post(client, article, email="shilan@example.org")
    assert response.status_code == 302
    assert PENDING_MESSAGE in client.get(response["Location"]).content.decode()
    assert Comment.objects.count() == 1
    post(client, article, text="A different comment.")
    assert Comment.objects.count() == 2


def test_resubmission_after_the_window_is_a_new_comment(client, article):
    post(client, article)
    Comment.objects.update(submitted_at=Comment.objects.get().submitted_at - __import__("datetime").timedelta(minutes=11))
    post(client, article)
    assert Comment.objects.count() == 2


def test_honeypot_stores_nothing_but_looks_the_same(client, article):
    response = post(client, article, website="http://spam.example")
    assert response.status_code == 302
    assert Comment.objects.count() == 0


def test_csrf_is_enforced(article):
    client = Client(enforce_csrf_checks=True)
    response = post(client, article)
    assert response.status_code == 403
    assert Comment.objects.count() == 0


def test_form_has_required_fields_counter_and_csrf(client, article):
    html = Client(enforce_csrf_checks=True).get(article.get_absolute_url()).content.decode()
    assert "csrfmiddlewaretoken" in html
    assert html.count('<span class="required">Required</span>') == 3
    assert 'maxlength="2000"' in html and 'id="text-count"' in html
    assert "Never shown publicly." in html


@override_settings(MAJLIS={**settings.MAJLIS, "RATE_PER_EMAIL": "3/h", "RATE_PER_IP": "100/h"})
def test_rate_limit_per_email(client, article):
    for i in range(3):
        assert post(client, article, text=f"comment {i}").status_code == 302
    response = post(client, article, text="one too many")
    assert response.status_code == 429
    assert RATE_MESSAGE in response.content.decode()
    assert 'value="one too many"' not in response.content.decode()  # textarea keeps it instead
    assert "one too many</textarea>" in response.content.decode()
    assert Comment.objects.count() == 3
    # Another reader on another IP is not affected.
    assert post(client, article, email="other@example.org", ip="10.0.0.2", text="hello").status_code == 302


@override_settings(MAJLIS={**settings.MAJLIS, "RATE_PER_EMAIL": "100/h", "RATE_PER_IP": "2/h"})
def test_rate_limit_per_ip(client, article):
    for i in range(2):
        assert post(client, article, email=f"r{i}@example.org", text=f"c {i}").status_code == 302
    assert post(client, article, email="r9@example.org", text="flood").status_code == 429
    assert Comment.objects.count() == 2


def test_posting_to_unknown_article_is_404(client, db):
    assert client.post("/articles/nope/comments", {"name": "a"}).status_code == 404


def test_get_on_post_url_is_405(client, article):
    assert client.get(f"/articles/{article.slug}/comments").status_code == 405


def test_commenter_is_recorded_by_normalised_email(client, article):
    from majlis.comments.models import Commenter

    post(client, article, email="Dara@Example.ORG")
    post(client, article, email="dara@example.org", text="second")
    commenter = Commenter.objects.get()
    assert commenter.email == "dara@example.org"
    assert list(commenter.comments.values_list("text", flat=True)) == ["A thoughtful comment.", "second"]


def test_banned_commenter_is_refused_neutrally_and_nothing_is_stored(client, article):
    from majlis.comments.models import Commenter

    Commenter.objects.create(email="troll@example.org", status="banned")
    response = post(client, article, email="troll@example.org")
    assert response.status_code == 403
    html = response.content.decode()
    assert "We could not accept this comment." in html and "banned" not in html.lower()
    assert Comment.objects.count() == 0


def test_closed_article_shows_a_notice_and_refuses_posts(client, article):
    article.comments_open = False
    article.save()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Comments are closed for this article." in html and "Post a comment" not in html
    assert post(client, article).status_code == 403
    assert Comment.objects.count() == 0


def test_closing_date_and_site_default(client, article):
    from django.utils import timezone

    from majlis.moderation.models import SitePolicy

    article.comments_close_at = timezone.now() - timezone.timedelta(minutes=1)
    article.save()
    assert not article.accepts_comments()
    article.comments_close_at = None
    article.save()
    policy = SitePolicy.current()
    policy.comments_open_by_default = False
    policy.save()
    assert not article.accepts_comments()
    article.comments_open = True
    assert article.accepts_comments()


@override_settings(MAJLIS={**settings.MAJLIS, "RATE_PER_IP": "2/h", "TRUSTED_PROXIES": 1})
def test_behind_a_proxy_readers_are_told_apart_by_forwarded_address(client, article):
    def via_proxy(reader_ip, n):
        return client.post(f"/articles/{article.slug}/comments",
                           {"name": "R", "email": f"{reader_ip}-{n}@example.org", "text": f"c {reader_ip} {n}"},
                           REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR=f"6.6.6.6, {reader_ip}")
    assert [via_proxy("203.0.113.5", n).status_code for n in range(3)] == [302, 302, 429]
    assert via_proxy("198.51.100.7", 0).status_code == 302  # another reader, same proxy
    assert set(Comment.objects.values_list("ip_address", flat=True)) == {"203.0.113.5", "198.51.100.7"}


def test_no_remote_addr_is_not_a_500(client, article):
    response = client.post(f"/articles/{article.slug}/comments",
                           {"name": "R", "email": "r@example.org", "text": "hello"}, REMOTE_ADDR="")
    assert response.status_code == 302
    assert Comment.objects.get().ip_address is None
