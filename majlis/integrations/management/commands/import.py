"""majlis import disqus FILE.xml | majlis import wordpress FILE.xml"""
import os
import resource
import sys
import time

from django.core.management.base import BaseCommand, CommandError

from majlis.integrations.importers import IMPORTERS, ImportFileError


class Command(BaseCommand):
    help = "Import articles and comments from a Disqus export or a WordPress WXR file. Safe to run twice."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="source", required=True, metavar="{disqus,wordpress}")
        for name, label in (("disqus", "a Disqus XML export"), ("wordpress", "a WordPress WXR export")):
            p = sub.add_parser(name, help=f"import {label}")
            p.add_argument("file", help="path to the XML file")
            p.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, source, file, no_progress=False, **options):
        if not os.path.isfile(file):
            raise CommandError(f"{file}: no such file")
        importer = IMPORTERS[source]()
        size = os.path.getsize(file)
        bar = None
        if not no_progress:
            from tqdm import tqdm

            bar = tqdm(total=size, unit="B", unit_scale=True, unit_divisor=1024, desc=f"{source} import",
                       file=sys.stderr, disable=None)
        started = time.perf_counter()
        try:
            summary = importer.run(file, progress=bar.update if bar else None)
        except ImportFileError as exc:
            raise CommandError(str(exc)) from None
        finally:
            if bar is not None:
                bar.close()
        elapsed = time.perf_counter() - started
        for line in summary.lines():
            self.stdout.write(line)
        usage = resource.getrusage(resource.RUSAGE_SELF)
        cpu = usage.ru_utime + usage.ru_stime
        rate = summary.comments_imported / elapsed if elapsed else 0
        self.stdout.write(f"Took {elapsed:.1f} s ({rate:,.0f} comments/s; {cpu:.1f} CPU s), "
                          f"peak RSS {usage.ru_maxrss / 1024:.0f} MiB")
