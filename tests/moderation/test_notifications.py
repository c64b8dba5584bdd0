import pytest
from django.core import mail
from django.test import override_settings

from majlis.comments.models import Comment
from majlis.moderation import actions
from majlis.moderation.models import SitePolicy

pytestmark = [pytest.mark.django_db(transaction=True)]
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def comment(article):
    return Comment.objects.create(article=article, author_name="Dara", author_email="dara@example.org",
                                  text="Exactly   as <typed>\nline two", fingerprint="n1")


@override_settings(TASKS=IMMEDIATE, EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def test_no_email_by_default(comment, moderator):
    actions.approve(comment.pk, actor=moderator)
    assert mail.outbox == []


@override_settings(TASKS=IMMEDIATE, EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def test_rejection_email_names_guidelines_in_plain_words_and_quotes_text(comment, moderator):
    policy = SitePolicy.current()
    policy.notify_commenters = True
    policy.save()
    actions.reject(comment.pk, actor=moderator, reasons=["personal_attack", "promotion"])
    [message] = mail.outbox
    assert message.to == ["dara@example.org"]
    assert "was not published" in message.subject
    assert "it attacks a person rather than their argument, and it promotes a product" in message.body
    assert "Exactly   as <typed>\nline two" in message.body


@override_settings(TASKS=IMMEDIATE, EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def test_approval_email(comment, moderator):
    policy = SitePolicy.current()
    policy.notify_commenters = True
    policy.save()
    actions.approve(comment.pk, actor=moderator)
    assert "was published" in mail.outbox[0].subject
