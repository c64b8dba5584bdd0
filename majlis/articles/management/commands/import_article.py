from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from majlis.articles.importer import ArticleParseError
from majlis.articles.services import import_article_text


class Command(BaseCommand):
    help = "Import a plain-text article (headline, date, author, body; boilerplate after 'Comments' is dropped)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--language", default="en", choices=[code for code, _ in settings.LANGUAGES])
        parser.add_argument("--url", default="", help="canonical URL on the publisher's site")

    def handle(self, *args, file, language, url, **options):
        if url:
            from majlis.api.services import normalize_url  # the form the embed looks articles up by

            try:
                url = normalize_url(url)
            except ValueError as exc:
                raise CommandError(f"--url: {exc}") from exc
        try:
            raw = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"cannot read {file}: {exc.strerror}") from exc
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CommandError(f"{file} is not valid UTF-8 (byte {exc.start}); convert it first") from exc
        try:
            article, created, parsed = import_article_text(text, language=language, url=url)
        except ArticleParseError as exc:
            raise CommandError(f"{file}: {exc}") from exc
        self.stdout.write(f"headline:   {parsed.headline}")
        self.stdout.write(f"date:       {parsed.published:%Y-%m-%d}")
        self.stdout.write(f"author:     {parsed.author or '(none)'}")
        self.stdout.write(f"dateline:   {parsed.dateline or '(none)'}")
        self.stdout.write(f"paragraphs: {parsed.paragraph_count}")
        self.stdout.write(f"language:   {language}")
        verb = "imported" if created else "already present, unchanged"
        self.stdout.write(self.style.SUCCESS(f"{verb}: /articles/{article.slug}/"))
