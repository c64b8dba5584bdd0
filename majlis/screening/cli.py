"""Command line for the screening engine.

    majlis screen [--batch N] [--no-model]      < comments.jsonl  > verdicts.jsonl
    majlis screening screen ...                 (same)
    majlis screening train ...                  → majlis.screening.training.train_main
    majlis screening evaluate ...               → majlis.screening.training.evaluate_main
    majlis screening build-lexicon [DATA_DIR]   → rebuild artifacts/lexicon.json.gz
    majlis screening train-langid [DATA_DIR]    → rebuild artifacts/langid.npz
    majlis screening evaluate-langid [DATA_DIR] → per-language accuracy on held-out rows
    majlis screening bench [--n N]              → comments/s: rule layer alone and with the model

``screen`` reads stdin line by line. A line holding a JSON object is read as
``{"text": ..., "article_text": ...}`` (both optional; an ``"id"`` is echoed back); any
other line is the comment text itself. A line that is valid JSON but not an object, or
an object whose ``text`` is not a string, gives ``{"error": "..."}``. Output: one JSON line
per input line, in input order: ``{"scores": {...}, "language": "..", "evidence": [...]}``.
Broken UTF-8 is decoded with replacement characters; the command never crashes on input.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

__all__ = ["main"]

DEFAULT_DATA = os.environ.get("MAJLIS_DATA", "/work/shared/data")


def _parse_line(raw: bytes):
    """→ (text, article_text, id, error)"""
    line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
    s = line.strip()
    if s[:1] in ('{', '[', '"') or s in ("true", "false", "null") or _looks_number(s):
        try:
            obj = json.loads(s)
        except (ValueError, RecursionError):
            return line, None, None, None
        if not isinstance(obj, dict):
            return None, None, None, f"expected a JSON object or plain text, got JSON {type(obj).__name__}"
        text = obj.get("text", "")
        art = obj.get("article_text")
        if text is None:
            text = ""
        if not isinstance(text, str):
            return None, None, obj.get("id"), "\"text\" must be a string"
        if art is not None and not isinstance(art, str):
            return None, None, obj.get("id"), "\"article_text\" must be a string"
        return text, art, obj.get("id"), None
    return line, None, None, None


def _looks_number(s: str) -> bool:
    if not s:
        return False
    try:
        float(s)
    except ValueError:
        return False
    return True


def _screen(argv) -> int:
    ap = argparse.ArgumentParser(prog="majlis screen", description="Screen comments read from stdin (JSON lines or text).")
    ap.add_argument("--batch", type=int, default=256, help="comments per internal batch (default 256)")
    ap.add_argument("--no-model", action="store_true", help="rules and lexicon only, skip the learned model")
    ap.add_argument("--artifacts", default=None, help="folder with the screening artifacts")
    a = ap.parse_args(argv)
    from .engine import Screener

    screener = Screener.load(a.artifacts, use_model=not a.no_model)
    out = sys.stdout
    stdin = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else None
    batch: list = []

    def flush():
        if not batch:
            return
        idx = [i for i, b in enumerate(batch) if b[3] is None]
        verdicts = []
        if idx:
            try:
                verdicts = screener.screen_many([batch[i][0] for i in idx], [batch[i][1] for i in idx])
            except Exception as exc:  # never crash on one bad batch: report per line
                verdicts = [None] * len(idx)
                for i in idx:
                    batch[i] = (None, None, batch[i][2], f"internal error: {type(exc).__name__}")
        vi = dict(zip(idx, verdicts))
        lines = []
        for i, (text, art, id_, err) in enumerate(batch):
            if err is not None or vi.get(i) is None:
                d = {"error": err or "internal error"}
            else:
                d = vi[i].to_dict()
            if id_ is not None:
                d = {"id": id_, **d}
            lines.append(json.dumps(d, ensure_ascii=False))
        out.write("\n".join(lines) + "\n")
        out.flush()
        batch.clear()

    if stdin is not None:
        src = iter(stdin.readline, b"")
    else:  # text-mode stdin replaced by a StringIO (tests)
        src = (ln.encode("utf-8", errors="surrogatepass") for ln in sys.stdin)
    for raw in src:
        batch.append(_parse_line(raw))
        if len(batch) >= max(1, a.batch):
            flush()
    flush()
    return 0


_BENCH_TEXTS = (
    "The Kurdistan Regional Government and Baghdad still disagree about the budget, and public employees have not "
    "been paid for three months. Both sides should sit down and find a solution before winter comes. {i}",
    "حکومەتی هەرێمی کوردستان و بەغدا هێشتا لەسەر بودجە ڕێک نەکەوتوون و فەرمانبەران سێ مانگە مووچەیان وەرنەگرتووە {i}",
    "Hikûmeta Herêma Kurdistanê û Bexda hê jî li ser budceyê li hev nakin, karmend sê meh in mûçe wernegirtine {i}",
    "لا تزال حكومة إقليم كردستان وبغداد مختلفتين حول الموازنة ولم يتقاض الموظفون رواتبهم منذ ثلاثة أشهر {i}",
    "Kürdistan Bölgesel Yönetimi ile Bağdat hâlâ bütçe konusunda anlaşamadı, memurlar üç aydır maaş alamıyor {i}",
    "دولت اقلیم کردستان و بغداد هنوز بر سر بودجه توافق نکرده اند و کارمندان سه ماه است حقوق نگرفته اند {i}",
    "you f*cking idiot, subscribe to my channel bit.ly/xyz or call 0750 123 4567 {i}",
)


def _bench(argv) -> int:
    import time

    ap = argparse.ArgumentParser(prog="majlis screening bench")
    ap.add_argument("--n", type=int, default=7000)
    ap.add_argument("--batch", type=int, default=256)
    a = ap.parse_args(argv)
    from .engine import Screener

    texts = [_BENCH_TEXTS[i % len(_BENCH_TEXTS)].format(i=i) for i in range(a.n)]
    for label, use_model in (("rules + lexicon only", False), ("with learned model", True)):
        t0 = time.perf_counter()
        sc = Screener.load(use_model=use_model)
        load = time.perf_counter() - t0
        if use_model and sc.model is None:
            print(f"{label}: model artifact not available")
            continue
        sc.screen_many(texts[:50])
        t0 = time.perf_counter()
        c0 = time.process_time()
        for i in range(0, len(texts), a.batch):
            sc.screen_many(texts[i:i + a.batch])
        wall = time.perf_counter() - t0
        cpu = time.process_time() - c0
        print(f"{label:22} load {load:.2f}s  {len(texts) / wall:8.0f} comments/s wall  "
              f"{cpu / len(texts) * 1e6:6.0f} us/comment CPU  (avg {sum(map(len, texts)) / len(texts):.0f} chars)")
    return 0


def _screening(argv) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 2
    cmd, rest = argv[0], list(argv[1:])
    if cmd == "screen":
        return _screen(rest)
    if cmd == "train":
        from .training import train_main

        return int(train_main(rest) or 0)
    if cmd == "evaluate":
        from .training import evaluate_main

        return int(evaluate_main(rest) or 0)
    if cmd == "build-lexicon":
        from .lexicon import main as lex_main

        return int(lex_main(rest) or 0)
    if cmd in ("train-langid", "evaluate-langid"):
        from .langid import main as lid_main

        data = rest[0] if rest and not rest[0].startswith("-") else DEFAULT_DATA
        flag = "--train" if cmd == "train-langid" else "--evaluate"
        extra = ["--evaluate", data] if cmd == "train-langid" else []
        return int(lid_main([flag, data] + extra) or 0)
    if cmd == "bench":
        return _bench(rest)
    print(f"unknown screening command {cmd!r}\n", file=sys.stderr)
    print(__doc__, file=sys.stderr)
    return 2


def main(argv=None) -> int:
    """Entry point. ``argv`` starts with the sub-command: ``["screen", ...]`` or
    ``["screening", "train", ...]`` (a leading program name is tolerated)."""
    if argv is None:
        argv = sys.argv[1:]
    argv = list(argv)
    if argv and argv[0] not in ("screen", "screening") and os.path.basename(argv[0]).startswith(("majlis", "cli")):
        argv = argv[1:]
    if not argv:
        print(__doc__)
        return 2
    if argv[0] == "screen":
        return _screen(argv[1:])
    if argv[0] == "screening":
        return _screening(argv[1:])
    return _screening(argv)


if __name__ == "__main__":
    raise SystemExit(main())
