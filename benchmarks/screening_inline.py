"""Is screening cheap enough to run inside the comment POST?

    .venv/bin/python benchmarks/screening_inline.py

Times Screener.screen() one comment at a time (as the request path calls
it) on a mix of short and long comments in the six languages, and the whole
submit_comment() path (SQLite, in-memory) with and without screening,
side by side in one run. Prints p50/p95/p99 in milliseconds."""
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SAMPLES = [
    "Great article, thank you for the balanced reporting.",
    "The government should publish the timetable; the militias will not leave on their own.",
    "You are an idiot and a paid liar, everyone knows it.",
    "WhatsApp me +964 750 123 4567 for cheap phones, visit shop.example.com",
    "ئەم هەواڵە زۆر گرنگە بۆ خەڵکی هەرێمی کوردستان، سوپاس بۆ ڕووداو.",
    "Ev nûçe gelek girîng e, spas ji bo we.",
    "هذا المقال ممتاز ويشرح الوضع في العراق بشكل جيد.",
    "Bu haber çok önemli, teşekkürler.",
    "این خبر بسیار مهم است و باید همه بخوانند.",
    "I will kill you if you write that again.",
] * 3
LONG = ("The strategic dialogue between Baghdad and Washington has been going on for a while, and readers "
        "deserve a clear account of what was agreed and what remains open. ") * 12


def percentiles(values):
    values = sorted(values)
    pick = lambda q: values[min(len(values) - 1, int(q * len(values)))]
    return f"p50 {statistics.median(values):6.2f}  p95 {pick(0.95):6.2f}  p99 {pick(0.99):6.2f} ms"


def main():
    from majlis.screening import Screener

    t0 = time.perf_counter()
    screener = Screener.load()
    print(f"model load: {time.perf_counter() - t0:.2f} s")
    texts = SAMPLES + [LONG[:2000]] * 3
    for text in texts[:5]:
        screener.screen(text)
    timings = []
    for _ in range(20):
        for text in texts:
            t0 = time.perf_counter()
            screener.screen(text, article_text=LONG)
            timings.append((time.perf_counter() - t0) * 1000)
    print(f"screen() one at a time, {len(timings)} calls: {percentiles(timings)}")

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "majlis.settings")
    os.environ["MAJLIS_VAR_DIR"] = "/tmp/majlis-bench-inline"
    import django
    from django.test.utils import setup_test_environment

    django.setup()
    setup_test_environment()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    settings.DATABASES["default"]["NAME"] = ":memory:"
    connection.close()
    call_command("migrate", verbosity=0)
    from majlis.articles.models import Article
    from majlis.comments import screening
    from majlis.comments.actions import submit_comment

    article = Article.objects.create(slug="bench", headline="Bench", body=LONG)
    screening.get_screener()

    def run(label, enabled):
        settings.MAJLIS["SCREENING_MODE"] = "inline" if enabled else "off"
        original = screening.screen_comment_later_or_now
        if not enabled:
            import majlis.comments.actions as comment_actions

            comment_actions.screen_comment_later_or_now = lambda comment: None
        samples = []
        for i in range(300):
            text = f"{texts[i % len(texts)]} #{i} {label}"
            t0 = time.perf_counter()
            submit_comment(article=article, name="Bench", email=f"b{i}@example.org", text=text)
            samples.append((time.perf_counter() - t0) * 1000)
        if not enabled:
            import majlis.comments.actions as comment_actions

            comment_actions.screen_comment_later_or_now = original
        print(f"submit_comment() {label:18}: {percentiles(samples)}")

    run("without screening", False)
    run("with screening", True)


if __name__ == "__main__":
    main()
