"""Disqus import at 100,000 comments: speed and peak memory.

    .venv/bin/python benchmarks/import_disqus.py [--comments 100000] [--threads 2000] [--padding 0]

Writes a synthetic Disqus export (real format: <disqus> with category,
threads, posts with HTML messages in CDATA, authors with e-mail, IPs,
parents; about 1% spam, 1% deleted, 2% awaiting approval) into a scratch
directory, migrates a fresh SQLite database there (MAJLIS_VAR_DIR), and runs
`majlis import disqus FILE` in a child process, twice: the first run imports,
the second must add nothing. Reports comments/s and the child's peak RSS
(resource.getrusage RUSAGE_CHILDREN). --padding N adds N bytes of text to
each message, to check that a much larger file (e.g. 500 MB) stays in the
same memory. DATABASE_URL is ignored: the scratch database is SQLite."""
import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WORDS = ("budget talks water electricity parliament minister council road school hospital oil salary "
         "Erbil Duhok Sulaimani Baghdad agreement protest election market price winter").split()


def write_export(path, comments, threads, padding, seed=7):
    rng = random.Random(seed)
    pad = ("x" * padding) if padding else ""
    with open(path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="utf-8"?>\n<disqus xmlns="http://disqus.com" '
                  'xmlns:dsq="http://disqus.com/disqus-internals">\n'
                  '  <category dsq:id="1"><forum>bench</forum><title>General</title><isDefault>true</isDefault>'
                  '</category>\n')
        for t in range(threads):
            out.write(f'  <thread dsq:id="{100000 + t}"><id /><forum>bench</forum><category dsq:id="1" />'
                      f'<link>https://news.example.org/{2020 + t % 5}/story-{t}</link>'
                      f'<title>Story {t}: {" ".join(rng.sample(WORDS, 5))}</title><message />'
                      f'<createdAt>2021-{1 + t % 12:02d}-{1 + t % 28:02d}T08:00:00Z</createdAt>'
                      f'<isClosed>false</isClosed><isDeleted>false</isDeleted></thread>\n')
        for n in range(comments):
            roll = rng.random()
            spam, deleted, held = roll < 0.01, 0.01 <= roll < 0.02, 0.02 <= roll < 0.04
            reader = rng.randrange(max(1, comments // 5))
            text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 40)))
            parent = f'<parent dsq:id="{5000000 + n - 1}" />' if n and rng.random() < 0.3 else ""
            out.write(
                f'  <post dsq:id="{5000000 + n}"><id /><message><![CDATA[<p>{text} {n}{pad}</p>]]></message>'
                f'<createdAt>2021-{1 + n % 12:02d}-{1 + n % 28:02d}T{n % 24:02d}:{n % 60:02d}:00Z</createdAt>'
                + (f'<isApproved>false</isApproved>' if held else "")
                + f'<isDeleted>{str(deleted).lower()}</isDeleted><isSpam>{str(spam).lower()}</isSpam>'
                f'<author><email>reader{reader}@example.org</email><name>Reader {reader}</name>'
                f'<isAnonymous>false</isAnonymous><username>reader{reader}</username></author>'
                f'<ipAddress>10.{reader % 256}.{n % 256}.{(n // 256) % 256}</ipAddress>'
                f'<thread dsq:id="{100000 + rng.randrange(threads)}" />{parent}</post>\n')
        out.write("</disqus>\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--threads", type=int, default=2_000)
    parser.add_argument("--padding", type=int, default=0, help="extra bytes per message")
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="majlis-import-bench-"))
    export = scratch / "disqus.xml"
    started = time.perf_counter()
    write_export(export, args.comments, args.threads, args.padding)
    size_mb = export.stat().st_size / 1e6
    print(f"export: {args.comments:,} comments in {args.threads:,} threads, {size_mb:,.1f} MB "
          f"(written in {time.perf_counter() - started:.1f} s)", flush=True)

    env = {**os.environ, "MAJLIS_VAR_DIR": str(scratch / "var"), "MAJLIS_SCREENING_MODE": "inline"}
    env.pop("DATABASE_URL", None)
    majlis = [sys.executable, "-m", "majlis"]
    subprocess.run([*majlis, "migrate", "-v0"], env=env, check=True, cwd=REPO)
    try:
        for label in ("first run", "second run (must add nothing)"):
            usage0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            before = usage0.ru_maxrss
            t0 = time.perf_counter()
            done = subprocess.run([*majlis, "import", "disqus", str(export), "--no-progress"], env=env, cwd=REPO,
                                  capture_output=True, text=True)
            elapsed = time.perf_counter() - t0
            if done.returncode:
                sys.exit(done.stderr)
            usage = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (usage.ru_utime + usage.ru_stime) - (usage0.ru_utime + usage0.ru_stime)
            # ru_maxrss of children is the largest child so far: the first run's
            # figure is exact; the command's own line gives each run's peak.
            print(f"\n{label}: {elapsed:.1f} s wall, {args.comments / elapsed:,.0f} comments/s read "
                  f"({cpu:.1f} CPU s: {args.comments / cpu:,.0f} comments per CPU second), "
                  f"peak RSS {max(usage.ru_maxrss, before) / 1024:.0f} MiB")
            print("  " + done.stdout.strip().replace("\n", "\n  "))
    finally:
        if args.keep:
            print(f"\nkept {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
