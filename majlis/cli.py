"""The `majlis` command.

    majlis screen                 screening engine on stdin/stdout (no Django)
    majlis screening train|...    train / evaluate the screening models
    majlis serve [ADDR:PORT]      run the web app (development server)
    majlis serve --screening-only [ADDR:PORT]   only the screening API (Perspective, Coral), /healthz, /metrics
    majlis <django command>       e.g. migrate, import-article, load-demo, createsuperuser
"""
import os
import sys


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in {"screen", "screening"}:
        from majlis.screening.cli import main as screening_main

        return screening_main(argv)
    if argv and argv[0] == "serve" and "--screening-only" in argv:
        # Perspective-compatible API + Coral phase + /healthz + /metrics only (majlis/perspective).
        argv.remove("--screening-only")
        os.environ["DJANGO_SETTINGS_MODULE"] = "majlis.perspective.settings_screening"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "majlis.settings")
    from django.core.management import execute_from_command_line

    if argv and not argv[0].startswith("-"):
        argv[0] = argv[0].replace("-", "_")  # `majlis import-article` → import_article
    if argv and argv[0] == "serve":
        argv = ["runserver", *(argv[1:] or ["127.0.0.1:8000"])]
    execute_from_command_line(["majlis", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
