"""Moderation queue at 1,000,000 comments on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \
        .venv/bin/python benchmarks/queue_pagination.py [--rows 1000000] [--keep]

Creates a scratch database (majlis_bench), migrates it, loads the rows with
one INSERT ... SELECT generate_series, then times opening the first and the
500th page of the pending queue (keyset cursor), with and without filters,
counts SQL queries per page view, and prints the query plan of the page
query. A LIMIT/OFFSET page 500 is timed beside it as the bare baseline."""
import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main():
    sys.stdout.reconfigure(line_buffering=True)
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep", action="store_true", help="reuse the loaded database if present")
    args = parser.parse_args()

    import dj_database_url
    import psycopg

    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test")
    if not base.startswith("postgres"):
        sys.exit("set DATABASE_URL to a PostgreSQL server")
    params = dj_database_url.parse(base)
    admin = psycopg.connect(dbname=params["NAME"], user=params["USER"], host=params["HOST"],
                            port=params["PORT"] or 5432, password=params["PASSWORD"] or None, autocommit=True)
    exists = admin.execute("SELECT 1 FROM pg_database WHERE datname='majlis_bench'").fetchone()
    if exists and not args.keep:
        admin.execute("DROP DATABASE majlis_bench")
        exists = None
    if not exists:
        admin.execute("CREATE DATABASE majlis_bench")
    admin.close()
    os.environ["DATABASE_URL"] = base.rsplit("/", 1)[0] + "/majlis_bench"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "majlis.settings")
    os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from majlis.comments.models import Comment
    from majlis.moderation.groups import moderators_group
    from majlis.moderation.models import SitePolicy
    from majlis.moderation.queue import QueueFilters, after_cursor, decode_cursor, encode_cursor, filtered, ordering, queue_page

    call_command("migrate", verbosity=0)
    if not Comment.objects.exists():
        t0 = time.perf_counter()
        with connection.cursor() as cur:
            cur.execute("""INSERT INTO articles_article (slug, headline, author, published, dateline, body, language, url, created)
                           SELECT 'bench-' || g, 'Bench article ' || g, 'Desk', now()::date, '', 'Body.', 'en', '', now()
                           FROM generate_series(1, 200) g""")
            cur.execute("""INSERT INTO comments_commenter (email, status, first_seen, last_name_used)
                           SELECT 'reader' || g || '@example.org', 'normal', now(), 'Reader ' || g FROM generate_series(1, 50000) g""")
            cur.execute("SELECT min(id) FROM articles_article")
            first_article = cur.fetchone()[0]
            cur.execute("SELECT min(id) FROM comments_commenter")
            first_commenter = cur.fetchone()[0]
            cur.execute(f"""
                INSERT INTO comments_comment (article_id, commenter_id, author_name, author_email, text, status,
                    submitted_at, fingerprint, reasons, moderator_note, screening_scores, screening_language,
                    screening_evidence, screened_at, risk, priority)
                SELECT {first_article} + (g % 200), {first_commenter} + (g % 50000), 'Reader', 'reader' || (g % 50000) || '@example.org',
                       'Comment number ' || g,
                       (ARRAY['pending','pending','approved','rejected'])[1 + g % 4],
                       now() - make_interval(secs => {args.rows} - g), md5(g::text), '[]', '',
                       jsonb_build_object('threat', (g % 97) / 100.0, 'promotion', (g % 89) / 100.0,
                                          'profanity', (g % 83) / 100.0),
                       (ARRAY['en','ar','ckb','fa','tr','kmr'])[1 + g % 6], '[]', now(),
                       greatest((g % 97), (g % 89), (g % 83)) / 100.0, (g % 500 = 0)::int
                FROM generate_series(1, {args.rows}) g""")
            cur.execute("ANALYZE")
        print(f"loaded {args.rows:,} comments in {time.perf_counter() - t0:.1f} s")
    total = Comment.objects.count()
    pending = Comment.objects.filter(status="pending").count()
    print(f"comments: {total:,} (pending {pending:,})")

    policy = SitePolicy.current()
    scenarios = {
        "no filter, oldest": QueueFilters(),
        "language=ar": QueueFilters(language="ar"),
        "article, none pending": QueueFilters(article="bench-7"),
        "article (2,500 pend.)": QueueFilters(article="bench-9"),
        "category=threat": QueueFilters(category="threat"),
        "sort=risk": QueueFilters(sort="risk"),
    }

    def timed(filters, repeat=7):
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            page = queue_page(filters, policy)
            times.append((time.perf_counter() - t0) * 1000)
        return statistics.median(times), page

    print(f"\n{'scenario':22} {'page 1 ms':>10} {'page 500 ms':>12} {'OFFSET p500 ms':>15}")
    for name, filters in scenarios.items():
        first_ms, page = timed(filters)
        _, order = ordering(filters.sort, filters.status)
        qs = filtered(filters, policy).select_related("article", "commenter").order_by(*order)
        if qs[499 * 20 - 1: 499 * 20].count() == 0:
            print(f"{name:22} {first_ms:10.1f} {'(fewer than 500 pages)':>28}")
            continue
        # The cursor a moderator holds after 499 pages (last row of page 499), found once, untimed.
        last_of_499 = qs[499 * 20 - 1]
        p500 = QueueFilters(**{**filters.__dict__, "after": encode_cursor(last_of_499, filters.sort)})
        p500_ms, page500 = timed(p500)
        assert page500.comments[0].pk == qs[499 * 20].pk, "keyset page 500 must equal OFFSET page 500"
        # Bare baseline: the same page by LIMIT/OFFSET.
        offset_times = []
        for _ in range(3):
            t0 = time.perf_counter()
            list(qs[499 * 20: 500 * 20])
            offset_times.append((time.perf_counter() - t0) * 1000)
        print(f"{name:22} {first_ms:10.1f} {p500_ms:12.1f} {statistics.median(offset_times):15.1f}")

    # Queries per page view, through the real view.
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(username="bench-mod")
    user.groups.add(moderators_group())
    client = Client()
    client.force_login(user)
    client.get("/moderation/")
    for url in ["/moderation/", "/moderation/?language=ar&category=threat", "/moderation/?sort=risk"]:
        with CaptureQueriesContext(connection) as ctx:
            t0 = time.perf_counter()
            response = client.get(url)
            elapsed = (time.perf_counter() - t0) * 1000
        print(f"view {url:45} {response.status_code} {len(ctx)} queries {elapsed:.0f} ms")

    filters = p500
    fields, order = ordering(filters.sort, filters.status)
    qs = filtered(filters, policy).order_by(*order)
    if filters.after:
        qs = qs.filter(after_cursor(fields, decode_cursor(filters.after, filters.sort)))
    print(f"\nEXPLAIN ANALYZE (keyset page 500, last scenario: {name}):")
    print(qs[:21].explain(analyze=True))


if __name__ == "__main__":
    main()
