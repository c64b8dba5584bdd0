import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from majlis.articles.importer import ArticleParseError, parse_article
from majlis.articles.models import Article

DEMO = Path(__file__).resolve().parents[2] / "majlis" / "articles" / "demo" / "demo-article.txt"

SEED_LAYOUT = """Minister visits Duhok dam project

05-06-2024
Jane Writer
Jane Writer
A+ A-

DUHOK, Kurdistan Region — The minister visited the dam on Monday.

"We will finish on time," he said.

Work began in 2022.



Comments

Rudaw moderates all comments submitted on our website.

Post a comment

Required
Required"""


def test_parses_the_seed_layout():
    parsed = parse_article(SEED_LAYOUT)
    assert parsed.headline == "Minister visits Duhok dam project"
    assert parsed.published == dt.date(2024, 6, 5)
    assert parsed.author == "Jane Writer"  # printed twice, kept once
    assert parsed.dateline == "DUHOK, Kurdistan Region"
    assert parsed.body.split("\n\n") == [
        "The minister visited the dam on Monday.",
        '"We will finish on time," he said.',
        "Work began in 2022.",
    ]
    assert "moderates" not in parsed.body and "Required" not in parsed.body


def test_windows_line_endings_and_no_dateline():
    parsed = parse_article("Headline\r\n\r\n2024-01-31\r\nA. Author\r\n\r\nJust a body.\r\n")
    assert parsed.published == dt.date(2024, 1, 31)
    assert parsed.dateline == ""
    assert parsed.body == "Just a body."


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "empty"),
        ("Headline only\n", "expected a date"),
        ("Headline\n\nnot a date\nAuthor\n\nBody", "expected a date"),
        ("Headline\n\n01-02-2023\nAuthor\n\nComments\nboilerplate", "no body"),
    ],
)
def test_clear_errors(text, message):
    with pytest.raises(ArticleParseError, match=message):
        parse_article(text)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_parser_never_crashes_on_arbitrary_text(text):
    try:
        parsed = parse_article(text)
    except ArticleParseError:
        return
    assert parsed.headline and parsed.body


@pytest.mark.django_db
def test_import_article_command_reports_what_it_parsed(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(SEED_LAYOUT, encoding="utf-8")
    out = StringIO()
    call_command("import_article", str(path), stdout=out)
    report = out.getvalue()
    assert "headline:   Minister visits Duhok dam project" in report
    assert "date:       2024-06-05" in report
    assert "dateline:   DUHOK, Kurdistan Region" in report
    assert "paragraphs: 3" in report
    article = Article.objects.get()
    assert article.author == "Jane Writer" and article.language == "en"
    # Idempotent: a second import changes nothing.
    call_command("import_article", str(path), stdout=StringIO())
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_import_article_command_errors(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Headline\n\n\xff\xfe broken")
    with pytest.raises(CommandError, match="not valid UTF-8"):
        call_command("import_article", str(bad), stdout=StringIO())
    with pytest.raises(CommandError, match="cannot read"):
        call_command("import_article", str(tmp_path / "missing.txt"), stdout=StringIO())


def test_demo_article_is_in_the_seed_layout():
    parsed = parse_article(DEMO.read_text(encoding="utf-8"))
    assert parsed.dateline == "ERBIL, Kurdistan Region"
    assert parsed.paragraph_count >= 3


@pytest.mark.django_db
def test_import_article_url_is_stored_in_the_embed_lookup_form(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(SEED_LAYOUT, encoding="utf-8")
    call_command("import_article", str(path), "--url", "HTTPS://News.Example:443/story#top", stdout=StringIO())
    assert Article.objects.get().url == "https://news.example/story"
    with pytest.raises(CommandError, match="--url"):
        call_command("import_article", str(path), "--url", "javascript:alert(1)", stdout=StringIO())
