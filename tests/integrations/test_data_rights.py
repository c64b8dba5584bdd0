import json
from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction

from majlis.comments.models import Comment, Commenter
from majlis.integrations.datarights import NothingStored, erase_commenter, export_commenter
from majlis.moderation import actions
from majlis.moderation.models import AuditEntry, SitePolicy

pytestmark = [pytest.mark.django_db]
EMAIL = "dara@example.org"


@pytest.fixture
def dara(article, moderator):
    commenter = Commenter.objects.create(email=EMAIL, last_name_used="Dara")
    made = []
    for n, text in enumerate(["First, approved", "Second, rejected", "Third, pending"]):
        made.append(Comment.objects.create(
            article=article, commenter=commenter, author_name="Dara", author_email=EMAIL, text=text,
            ip_address=f"192.0.2.{n + 1}", fingerprint=f"f{n}"))
    actions.approve(made[0].pk, actor=moderator)
    actions.reject(made[1].pk, actor=moderator, reasons=["personal_attack"])
    actions.set_commenter_status(commenter.pk, actor=moderator, status="trusted", note="regular")
    other = Commenter.objects.create(email="other@example.org")
    Comment.objects.create(article=article, commenter=other, author_name="Other", author_email="other@example.org",
                           text="Not Dara's", fingerprint="o")
    return commenter, made


def test_export_contains_everything_about_the_address(dara, moderator):
    commenter, made = dara
    data = export_commenter(" Dara@Example.org ", actor=moderator)
    json.dumps(data)  # serialisable
    assert data["email"] == EMAIL
    assert data["commenter"]["status"] == "trusted" and data["commenter"]["last_name_used"] == "Dara"
    assert [c["text"] for c in data["comments"]] == ["First, approved", "Second, rejected", "Third, pending"]
    assert [c["status"] for c in data["comments"]] == ["approved", "rejected", "pending"]
    assert [c["ip_address"] for c in data["comments"]] == ["192.0.2.1", "192.0.2.2", "192.0.2.3"]
    assert data["comments"][1]["reasons"] == ["personal_attack"]
    assert data["comments"][0]["article"]["headline"].startswith("Iraq working")
    assert sorted(e["action"] for e in data["audit_entries"]) == ["approve", "commenter_status", "reject"]
    assert "Not Dara's" not in json.dumps(data)
    entry = AuditEntry.objects.filter(action="export").get()
    assert entry.commenter == commenter and entry.actor == moderator and entry.actor_label == "mod"


def test_erasure_keeps_text_by_default_policy(dara, moderator, client):
    commenter, made = dara
    summary = erase_commenter(EMAIL, actor=moderator)
    assert summary["comments"] == 3 and summary["text_removed"] is False
    commenter.refresh_from_db()
    assert commenter.email == f"erased-{commenter.pk}@erased.invalid" and commenter.erased_at
    assert commenter.last_name_used == "Erased commenter"
    for comment in Comment.objects.filter(commenter=commenter):
        assert comment.author_name == "Erased commenter" and comment.author_email == commenter.email
        assert comment.ip_address is None and comment.erased_at is None
    assert Comment.objects.get(pk=made[0].pk).text == "First, approved"
    assert not Commenter.objects.filter(email=EMAIL).exists()
    assert not Comment.objects.filter(author_email=EMAIL).exists()
    page = client.get(made[0].article.get_absolute_url()).content.decode()
    assert "First, approved" in page and "Erased commenter" in page and "Dara" not in page
    entry = AuditEntry.objects.filter(action="erasure").get()
    assert entry.commenter == commenter and entry.actor == moderator and "text kept" in entry.note
    assert EMAIL not in entry.note


def test_erasure_removes_text_when_policy_says_so(dara, moderator, client):
    commenter, made = dara
    policy = SitePolicy.current()
    policy.erasure_removes_text = True
    policy.save()
    summary = erase_commenter(EMAIL, actor=moderator)
    assert summary["text_removed"] and summary["texts_removed"] == 3
    for comment in Comment.objects.filter(commenter=commenter):
        assert comment.text == "" and comment.erased_at is not None
    page = client.get(made[0].article.get_absolute_url()).content.decode()
    assert "First, approved" not in page and "Comment removed at the author's request" in page
    assert "Not Dara's" not in page  # pending comment of the other commenter is not public anyway
    assert "text removed" in AuditEntry.objects.get(action="erasure").note


def test_remove_text_argument_overrides_policy(dara, moderator):
    commenter, made = dara
    erase_commenter(EMAIL, actor=moderator, remove_text=True)
    assert set(Comment.objects.filter(commenter=commenter).values_list("text", flat=True)) == {""}


def test_text_trigger_still_refuses_other_changes_after_erasure(dara, moderator):
    commenter, made = dara
    erase_commenter(EMAIL, actor=moderator, remove_text=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE comments_comment SET text = 'back again' WHERE id = %s", [made[0].pk])


def test_erasing_unknown_address_raises(db):
    with pytest.raises(NothingStored):
        erase_commenter("nobody@example.org", actor=None)


def test_commands_export_and_erase(dara, tmp_path):
    commenter, made = dara
    target = tmp_path / "export.json"
    call_command("commenter", "export", EMAIL, "-o", str(target), stderr=StringIO())
    assert json.loads(target.read_text())["email"] == EMAIL
    with pytest.raises(CommandError, match="--yes"):
        call_command("commenter", "erase", EMAIL)
    out = StringIO()
    call_command("commenter", "erase", EMAIL, "--remove-text", "--yes", stdout=out)
    assert "3 comment(s), text removed" in out.getvalue()
    assert Comment.objects.get(pk=made[0].pk).text == ""
    assert [e.action for e in AuditEntry.objects.filter(action__in=["export", "erasure"]).order_by("id")] == [
        "export", "erasure"]
    assert AuditEntry.objects.get(action="erasure").actor_label.startswith("command line")


@pytest.fixture
def data_officer(django_user_model):
    user = django_user_model.objects.create_user("officer", password="a-long-test-password", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="manage_data_rights"))
    return user


URL = "/integrations/data-rights/"


def test_page_requires_permission(client, moderator, django_user_model, data_officer, admin_user):
    assert client.get(URL).status_code == 302  # anonymous: to the login page
    client.force_login(moderator)  # moderator without the permission
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"email": EMAIL, "action": "export"}).status_code == 403
    staff = django_user_model.objects.create_user("staff", password="a-long-test-password", is_staff=True)
    client.force_login(staff)
    assert client.get(URL).status_code == 403
    client.force_login(data_officer)
    assert client.get(URL).status_code == 200
    client.force_login(admin_user)
    assert client.get(URL).status_code == 200


def test_page_download_and_erase_with_confirmation(client, dara, data_officer):
    commenter, made = dara
    client.force_login(data_officer)
    download = client.post(URL, {"email": EMAIL, "action": "export"})
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    assert json.loads(download.content)["comments"][0]["text"] == "First, approved"

    confirm = client.post(URL, {"email": EMAIL, "action": "erase"})
    assert confirm.status_code == 200 and b"This cannot be undone" in confirm.content
    assert Commenter.objects.filter(email=EMAIL).exists()  # nothing erased yet
    done = client.post(URL, {"email": EMAIL, "action": "erase", "confirm": EMAIL, "text": "remove"})
    assert done.status_code == 302
    assert not Commenter.objects.filter(email=EMAIL).exists()
    assert Comment.objects.get(pk=made[0].pk).text == ""
    erasure = AuditEntry.objects.get(action="erasure")
    assert erasure.actor == data_officer and AuditEntry.objects.filter(action="export").count() == 1


def test_page_needs_csrf(dara, data_officer):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(data_officer)
    assert strict.post(URL, {"email": EMAIL, "action": "erase", "confirm": EMAIL}).status_code == 403
    assert Commenter.objects.filter(email=EMAIL).exists()


def test_export_command_writes_pure_json_to_stdout(dara):
    out = StringIO()
    call_command("commenter", "export", EMAIL, stdout=out)
    assert json.loads(out.getvalue())["commenter"]["email"] == EMAIL
