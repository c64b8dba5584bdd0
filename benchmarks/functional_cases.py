"""HateCheck-style functional cases: which kinds of group hate the screener catches, and which
look-alikes (negation, counter-speech, quotes, neutral and positive mentions) it leaves alone.

    .venv/bin/python benchmarks/functional_cases.py [--model PATH] [--baseline PATH] [--split check|train|all] [--show]

Reads ``majlis/screening/seed_text/functional_cases.tsv`` (the ``check`` rows by default: written in
sentence frames the training rows do not use). Per language and functionality it prints the pass
rate in the HateCheck sense: a hateful case passes when the screener flags its codes (every
labelled code at 0.5 or more), a non-hateful one when no code it is not labelled with reaches 0.5
(so "f*** yeah" must get profanity and nothing else). Per language it also prints the identity_abuse
ROC-AUC over hateful vs clean cases and the reject ROC-AUC over offending vs clean cases.
``--baseline`` scores the same rows with a second artifact in the same run (a ratio, not two runs).
Both sets of rows were written for this project to one brief, so this is a regression check,
not an independent benchmark. No dataset needed.
"""
import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def passes(codes: set, scores: dict, decision: float) -> bool:
    flagged = {c for c, s in scores.items() if c != "off_topic" and s >= decision}
    return codes <= flagged if codes else not flagged


def auc(pos, neg) -> float:
    if not pos or not neg:
        return float("nan")
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score([1] * len(pos) + [0] * len(neg), list(pos) + list(neg)))


def run(screener, rows, decision):
    verdicts = screener.screen_many([r[4] for r in rows])
    per = defaultdict(lambda: [0, 0])
    ia = defaultdict(lambda: ([], []))
    rej = defaultdict(lambda: ([], []))
    failed = []
    for (split, lang, func, codes, text), v in zip(rows, verdicts):
        ok = passes(codes, v.scores, decision)
        per[(lang, func)][0] += ok
        per[(lang, func)][1] += 1
        if not ok:
            failed.append((lang, func, codes, text, v))
        if "identity_abuse" in codes or not codes:
            ia[lang][0 if codes else 1].append(v.scores["identity_abuse"])
        rej[lang][0 if codes else 1].append(v.reject or 0.0)
    return per, ia, rej, failed


def main(argv=None) -> int:
    from majlis.screening import _corpora
    from majlis.screening.engine import CODES, DECISION_SCORE, Screener
    from majlis.screening.model import GuidelineModel

    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=None, help="artifact to try (default: the committed one)")
    ap.add_argument("--baseline", default=None, help="a second artifact, scored on the same rows")
    ap.add_argument("--split", default="check", choices=("check", "train", "all"))
    ap.add_argument("--show", action="store_true", help="print the failed cases")
    args = ap.parse_args(argv)
    rows = [r for r in _corpora.read_functional_cases(codes=CODES) if args.split in ("all", r[0])]
    if not rows:
        print("no functional cases found")
        return 1
    systems = {"model": Screener.load(model=GuidelineModel.load(args.model) if args.model else None)}
    if args.baseline:
        systems["baseline"] = Screener.load(model=GuidelineModel.load(args.baseline))
    results = {name: run(s, rows, DECISION_SCORE) for name, s in systems.items()}
    names = list(results)
    langs = sorted({r[1] for r in rows})
    funcs = sorted({r[2] for r in rows})
    print(f"{len(rows)} {args.split} cases; pass rate per functionality ({' / '.join(names)})")
    print("functionality".ljust(26) + "".join(lang.rjust(14) for lang in langs))
    for func in funcs:
        line = func.ljust(26)
        for lang in langs:
            cells = [results[n][0].get((lang, func)) for n in names]
            line += ("–" if cells[0] is None else " / ".join(f"{p / t:.0%}" for p, t in cells)
                     + f" ({cells[0][1]})").rjust(14)
        print(line)
    for label, k in (("all cases", None), ("identity_abuse ROC-AUC", 1), ("reject ROC-AUC", 2)):
        line = label.ljust(26)
        for lang in langs:
            if k is None:
                vals = []
                for n in names:
                    cells = [v for (lg, _), v in results[n][0].items() if lg == lang]
                    vals.append(f"{sum(p for p, _ in cells) / sum(t for _, t in cells):.0%}")
            else:
                vals = [f"{auc(*results[n][k][lang]):.3f}" for n in names]
            line += " / ".join(vals).rjust(14)
        print(line)
    if args.show:
        for lang, func, codes, text, v in results["model"][3]:
            shown = {c: s for c, s in v.scores.items() if s >= 0.3}
            print(f"  FAIL {lang} {func} want={sorted(codes) or 'clean'} got={shown} | {text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
