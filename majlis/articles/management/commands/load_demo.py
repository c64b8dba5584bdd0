import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from majlis.articles.importer import ArticleParseError
from majlis.articles.services import import_article_text
from majlis.comments.actions import submit_comment
from majlis.moderation.groups import moderators_group

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"
DEMO_COMMENTS = [
    ("Shilan", "shilan@example.org", "Great news for students in Erbil. Will it open on Fridays too?"),
    ("Karwan", "karwan@example.org", "ئەمە هەواڵێکی خۆشە بۆ خوێندکاران، دەستخۆشی لە هەموو لایەک."),
    ("Mehmet", "mehmet@example.org", "Çok güzel bir haber, kütüphane herkese açık olmalı."),
    ("Spammer", "deals@example.com", "Earn $500 a day from home!!! WhatsApp me +964 750 123 4567 or visit cheap-deals.example.com"),
    ("Angry reader", "angry@example.net", "The author is an idiot and a paid liar."),
]


class Command(BaseCommand):
    help = "Load demo articles (and the seed article when ../shared/seed exists) and a demo moderator."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="moderator")
        parser.add_argument("--password", default=None, help="default: a new random password, printed")

    def handle(self, *args, username, password, **options):
        demo, created, _ = import_article_text((DEMO_DIR / "demo-article.txt").read_text(encoding="utf-8"))
        import_article_text((DEMO_DIR / "demo-article-ar.txt").read_text(encoding="utf-8"), language="ar")
        if created:
            for name, email, text in DEMO_COMMENTS:
                submit_comment(article=demo, name=name, email=email, text=text)
        seed = Path(settings.MAJLIS["SEED_ARTICLE"])
        if seed.exists():
            try:
                article, _, parsed = import_article_text(seed.read_text(encoding="utf-8"))
                self.stdout.write(f"seed article: {parsed.headline} → /articles/{article.slug}/")
            except ArticleParseError as exc:
                self.stderr.write(f"seed article skipped: {exc}")

        password = password or secrets.token_urlsafe(12)
        user, _ = get_user_model().objects.get_or_create(username=username, defaults={"is_staff": True})
        user.set_password(password)
        user.save()
        user.groups.add(moderators_group())
        self.stdout.write(self.style.SUCCESS(f"demo moderator: username={username} password={password}"))
        self.stdout.write("log in at http://127.0.0.1:8000/accounts/login/ then open /moderation/")
