from datetime import datetime, timezone as dt_timezone
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from majlis.articles.models import Article
from majlis.comments.actions import fingerprint
from majlis.comments.models import Comment, Commenter
from majlis.integrations.importers import DisqusImporter, ImportFileError, WordPressImporter
from majlis.integrations.models import ImportedItem
from majlis.moderation.models import AuditEntry

pytestmark = [pytest.mark.django_db]


def utc(*args):
    return datetime(*args, tzinfo=dt_timezone.utc)


def run(kind, path):
    out = StringIO()
    call_command("import", kind, str(path), "--no-progress", stdout=out)
    return out.getvalue()


def counts():
    return (Article.objects.count(), Comment.objects.count(), Commenter.objects.count(), ImportedItem.objects.count())


def test_disqus_import_maps_articles_comments_statuses_and_dates(fixtures_dir):
    output = run("disqus", fixtures_dir / "disqus-export.xml")
    assert "Articles: 2 created, 0 already there" in output
    assert "Comments: 5 imported (2 approved, 1 pending, 2 rejected)" in output
    assert "1 × empty message" in output and "1 × post whose thread is not in the file" in output
    assert "comments/s" in output and "peak RSS" in output

    budget = Article.objects.get(url="https://news.example.org/2021/03/erbil-budget")
    assert budget.headline == "Erbil budget talks resume" and budget.slug == "erbil-budget-talks-resume"
    assert str(budget.published) == "2021-03-24"
    assert not Article.objects.filter(url="https://news.example.org/no-comments").exists()  # no comments, no article

    first = Comment.objects.get(imported_from__external_id="9001")
    assert first.status == "approved" and first.article == budget
    assert first.text == "<p>Finally some <b>progress</b> &amp; good news.</p>"  # stored as exported
    assert first.author_name == "Dara" and first.author_email == "dara@example.org"
    assert first.submitted_at == utc(2021, 3, 24, 9, 15) and first.decided_at == first.submitted_at
    assert first.ip_address == "192.0.2.10"
    assert first.fingerprint == fingerprint(budget.pk, "dara@example.org", first.text)
    assert first.imported_from.source == "disqus"

    spam = Comment.objects.get(imported_from__external_id="9002")
    assert spam.status == "rejected" and "spam" in spam.moderator_note
    deleted = Comment.objects.get(imported_from__external_id="9003")
    assert deleted.status == "rejected" and deleted.ip_address == "2001:db8::5"
    assert deleted.imported_from.parent_external_id == "9001"
    pending = Comment.objects.get(imported_from__external_id="9004")
    assert pending.status == "pending" and pending.decided_at is None
    assert pending.author_name == "Guest reader" and pending.author_email.endswith("@import.invalid")
    assert pending.text == "<p>ئاو گرنگترین کێشەیە</p>"

    dara = Commenter.objects.get(email="dara@example.org")
    assert dara.comments.count() == 2 and dara.first_seen == utc(2021, 3, 24, 9, 15)
    # Imported decisions were made elsewhere: not in Majlis's audit log.
    assert not AuditEntry.objects.exists()


def test_import_twice_adds_nothing(fixtures_dir):
    run("disqus", fixtures_dir / "disqus-export.xml")
    run("wordpress", fixtures_dir / "wordpress-export.xml")
    before = counts()
    again = run("disqus", fixtures_dir / "disqus-export.xml")
    run("wordpress", fixtures_dir / "wordpress-export.xml")
    assert counts() == before
    assert "Articles: 0 created, 2 already there" in again
    assert "Comments: 0 imported (none), 5 skipped as already imported" in again


def test_existing_article_with_same_url_is_reused(fixtures_dir, article):
    article.url = "https://news.example.org/2021/03/erbil-budget"
    article.save()
    output = run("disqus", fixtures_dir / "disqus-export.xml")
    assert "Articles: 1 created, 1 already there" in output
    assert article.comments.count() == 3


def test_wordpress_import_maps_statuses_dates_and_skips_pingbacks(fixtures_dir):
    output = run("wordpress", fixtures_dir / "wordpress-export.xml")
    assert "Comments: 4 imported (1 approved, 1 pending, 2 rejected)" in output
    assert "1 × pingback (not a comment)" in output
    oil = Article.objects.get(url="https://blog.example.org/2021/03/oil-revenue/")
    assert oil.headline == "Oil revenue agreement signed" and str(oil.published) == "2021-03-23"
    approved = Comment.objects.get(imported_from__external_id="42:101")
    assert approved.status == "approved" and approved.article == oil
    assert approved.text == "About time.\nSecond line, kept as written."
    assert approved.submitted_at == utc(2021, 3, 23, 10, 5)  # comment_date_gmt
    assert approved.author_email == "hawre@example.org" and approved.ip_address == "192.0.2.44"
    held = Comment.objects.get(imported_from__external_id="42:102")
    assert held.status == "pending" and held.imported_from.parent_external_id == "42:101"
    assert Comment.objects.get(imported_from__external_id="42:103").status == "rejected"
    trashed = Comment.objects.get(imported_from__external_id="7:201")
    assert trashed.status == "rejected" and "trash" in trashed.moderator_note
    assert trashed.submitted_at == utc(2020, 2, 2, 10, 0)  # no GMT date: falls back to comment_date
    assert trashed.ip_address is None


@pytest.mark.parametrize("content, message", [
    (b"this is not xml at all", "line 1, column 0: syntax error"),
    (b"", "no element found"),
    (b'<?xml version="1.0"?>\n<rss><channel></channel></rss>', "line 2: this is not a Disqus export"),
])
def test_malformed_disqus_files_give_clear_errors(tmp_path, content, message):
    path = tmp_path / "export.xml"
    path.write_bytes(content)
    with pytest.raises(CommandError) as info:
        run("disqus", path)
    assert message in str(info.value) or (message == "no element found" and "line 1" in str(info.value))


def test_truncated_file_names_the_line(tmp_path, fixtures_dir):
    text = (fixtures_dir / "disqus-export.xml").read_text()
    cut = text[: text.index("<post dsq:id=\"9004\">") + 40]
    path = tmp_path / "truncated.xml"
    path.write_text(cut)
    with pytest.raises(ImportFileError) as info:
        DisqusImporter().run(path)
    line = cut.count("\n") + 1
    assert f"line {line}" in str(info.value) and "truncated" in str(info.value)


def test_wordpress_importer_refuses_a_disqus_file(fixtures_dir):
    with pytest.raises(ImportFileError, match="not a WordPress"):
        WordPressImporter().run(fixtures_dir / "disqus-export.xml")


def test_missing_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run("wordpress", tmp_path / "nope.xml")


def test_majlis_cli_runs_import(fixtures_dir, capsys):
    from majlis.cli import main

    main(["import", "disqus", str(fixtures_dir / "disqus-export.xml"), "--no-progress"])
    assert "5 imported" in capsys.readouterr().out


def test_truncated_file_then_complete_file_imports_everything_once(tmp_path, fixtures_dir, monkeypatch):
    from majlis.integrations import importers

    monkeypatch.setattr(importers, "BATCH", 1)  # flush every record, as a large file would
    text = (fixtures_dir / "disqus-export.xml").read_text()
    path = tmp_path / "truncated.xml"
    path.write_text(text[: text.index('<post dsq:id="9004">') + 40])
    with pytest.raises(ImportFileError, match="3 comment.s. before that point were imported"):
        DisqusImporter().run(path)
    summary = DisqusImporter().run(fixtures_dir / "disqus-export.xml")
    assert summary.comments_imported == 2 and summary.skipped_duplicate == 3
    assert Comment.objects.count() == 5
