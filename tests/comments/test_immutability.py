import pytest
from django.db import DatabaseError, connection, transaction

from majlis.comments.models import Comment, ImmutableTextError

pytestmark = pytest.mark.django_db


@pytest.fixture
def comment(article):
    return Comment.objects.create(article=article, author_name="A", author_email="a@example.org",
                                  text="original words", fingerprint="f")


def test_model_refuses_to_change_text(comment):
    comment = Comment.objects.get(pk=comment.pk)
    comment.text = "edited words"
    with pytest.raises(ImmutableTextError):
        comment.save()
    assert Comment.objects.get(pk=comment.pk).text == "original words"


def test_other_fields_can_still_change(comment):
    comment = Comment.objects.get(pk=comment.pk)
    comment.status = "approved"
    comment.save()
    assert Comment.objects.get(pk=comment.pk).status == "approved"


def test_queryset_update_of_text_fails_in_the_database(comment):
    with pytest.raises(DatabaseError, match="immutable"):
        with transaction.atomic():
            Comment.objects.filter(pk=comment.pk).update(text="sneaky edit")
    assert Comment.objects.get(pk=comment.pk).text == "original words"


def test_raw_sql_update_of_text_fails_in_the_database(comment):
    with pytest.raises(DatabaseError, match="immutable"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("UPDATE comments_comment SET text = %s WHERE id = %s", ["raw edit", comment.pk])
    assert Comment.objects.get(pk=comment.pk).text == "original words"


def test_update_to_the_same_text_is_allowed(comment):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE comments_comment SET text = text, status = 'approved' WHERE id = %s", [comment.pk])
    assert Comment.objects.get(pk=comment.pk).status == "approved"


def test_erasure_may_only_empty_the_text_once(comment):
    from django.utils import timezone

    Comment.objects.filter(pk=comment.pk).update(text="", erased_at=timezone.now())
    erased = Comment.objects.get(pk=comment.pk)
    assert erased.text == "" and erased.erased_at is not None
    with pytest.raises(DatabaseError, match="immutable"):
        with transaction.atomic():
            Comment.objects.filter(pk=comment.pk).update(text="resurrected")


def test_erasure_flag_does_not_allow_rewriting(comment):
    from django.utils import timezone

    with pytest.raises(DatabaseError, match="immutable"):
        with transaction.atomic():
            Comment.objects.filter(pk=comment.pk).update(text="different", erased_at=timezone.now())
