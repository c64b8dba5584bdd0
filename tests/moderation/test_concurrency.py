"""Two moderators deciding the same comment at the same moment, each on its
own database connection: exactly one wins, the other is told."""
import threading

import pytest
from django.db import connection, connections

from majlis.comments.models import Comment
from majlis.moderation import actions
from majlis.moderation.models import AuditEntry
from tests.helpers import requires_postgres, run_at_once


@requires_postgres
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("second", ["approve", "reject"])
def test_two_connections_deciding_at_once_only_one_wins(article, moderator, django_user_model, second):
    from majlis.moderation.groups import moderators_group

    other = django_user_model.objects.create_user("mod2", password="a-long-test-password")
    other.groups.add(moderators_group())
    comment = Comment.objects.create(article=article, author_name="A", author_email="a@example.org",
                                     text="race me", fingerprint="race")
    outcomes = run_at_once(
        lambda: actions.approve(comment.pk, actor=moderator),
        (lambda: actions.approve(comment.pk, actor=other)) if second == "approve"
        else (lambda: actions.reject(comment.pk, actor=other, reasons=["threat"])),
    )
    winners = [o for o in outcomes if isinstance(o, Comment)]
    losers = [o for o in outcomes if isinstance(o, actions.AlreadyDecided)]
    assert len(winners) == 1 and len(losers) == 1, outcomes
    assert "already" in str(losers[0])
    assert AuditEntry.objects.filter(comment_id=comment.pk).count() == 1
    final = Comment.objects.get(pk=comment.pk)
    assert final.status in {"approved", "rejected"}


@requires_postgres
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_row_lock_makes_the_second_connection_wait_then_lose(article, moderator):
    """Deterministic interleaving: connection A has updated the row but not
    committed; connection B's decision blocks on the row lock, and once A
    commits, B re-checks the status and is refused."""
    import psycopg

    comment = Comment.objects.create(article=article, author_name="A", author_email="a@example.org",
                                     text="locked", fingerprint="lock")
    params = connection.get_connection_params()
    other = psycopg.connect(**{k: v for k, v in params.items() if k in {"dbname", "user", "host", "port", "password"}})
    other.execute("BEGIN")
    other.execute("UPDATE comments_comment SET status='approved' WHERE id=%s AND status='pending'", [comment.pk])
    result = {}

    def second_moderator():
        try:
            actions.reject(comment.pk, actor=moderator, reasons=["threat"])
            result["outcome"] = "won"
        except actions.AlreadyDecided:
            result["outcome"] = "already decided"
        finally:
            connections.close_all()

    thread = threading.Thread(target=second_moderator)
    thread.start()
    thread.join(1.0)
    assert thread.is_alive(), "the second decision should be waiting on the row lock"
    other.execute("COMMIT")
    thread.join(10)
    other.close()
    assert result["outcome"] == "already decided"
    assert Comment.objects.get(pk=comment.pk).status == "approved"


@requires_postgres
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_double_click_on_postgres_stores_one_comment(article):
    from majlis.comments.actions import submit_comment

    def post():
        return submit_comment(article=article, name="A", email="dbl@example.org", text="same words").duplicate

    results = run_at_once(post, post, post, post)
    assert Comment.objects.filter(author_email="dbl@example.org").count() == 1
    assert sorted(results) == [False, True, True, True]
