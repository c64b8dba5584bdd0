"""Time `majlis rescreen` on N pending comments and count its SQL queries.

    MAJLIS_VAR_DIR=/tmp/rescreen-bench .venv/bin/python benchmarks/rescreen_speed.py [N]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/SCRATCH MAJLIS_VAR_DIR=... (same, on PostgreSQL)

Use a scratch database: it migrates it, loads the demo article and adds N comments (default
3,000) the first time. The model loads before the timing starts.
"""
import os
import sys
import time
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "majlis.settings")

TEXTS = ["The budget deal is late again, salaries unpaid for months.", "you idiot, nobody reads this",
         "WhatsApp +964 750 123 4567 cheap followers", "Erdogan must resign", "ئەم هەواڵە ڕاست نییە",
         "شكرا على التقرير", "Bu haber doğru değil", "این خبر درست نیست"]


def main(argv=None) -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from majlis.articles.models import Article
    from majlis.comments.models import Comment
    from majlis.comments.screening import get_screener

    argv = sys.argv[1:] if argv is None else argv
    n = int(argv[0]) if argv else 3000
    call_command("migrate", verbosity=0)
    if not Article.objects.exists():
        call_command("load_demo", stdout=StringIO())
    if Comment.objects.count() < n:
        article = Article.objects.first()
        Comment.objects.bulk_create([Comment(article=article, author_name="R", author_email="r@example.org",
                                             text=f"{TEXTS[i % len(TEXTS)]} #{i}", fingerprint=f"bench{i}")
                                     for i in range(n)])
    get_screener()
    Comment.objects.update(status=Comment.Status.PENDING)
    with CaptureQueriesContext(connection) as queries:
        t = time.perf_counter()
        call_command("rescreen", stdout=StringIO())
        dt = time.perf_counter() - t
    total = Comment.objects.count()
    print(f"rescreen of {total} pending comments: {dt:.2f} s ({total / dt:,.0f} comments/s), "
          f"{len(queries)} SQL queries")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
