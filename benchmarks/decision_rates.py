"""What the moderator sees flagged: share of offending and of clean comments the full screener
calls likely (a score of 0.5 or more on any code), per language, at the shipped thresholds.

    .venv/bin/python benchmarks/decision_rates.py [--data DIR] [--source inhouse-comments]

Rows: the test splits and hold-outs of ``--source`` (default our own check rows, the only rows
labelled on every code in all six languages). Per code it prints recall and precision.
Needs the shared datasets only for sources other than ours.
"""
import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main(argv=None) -> int:
    from majlis.screening.engine import CODES, DECISION_SCORE, Screener
    from majlis.screening.training import load_examples, targets_matrix

    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=None)
    ap.add_argument("--source", default="inhouse-comments")
    args = ap.parse_args(argv)

    rows = [e for e in load_examples(args.data, progress=False)
            if e.role in ("test", "holdout") and e.source.startswith(args.source)]
    screener = Screener.load()
    verdicts = screener.screen_many([e.text for e in rows])
    flagged = np.array([[v.scores[c] >= DECISION_SCORE for c in CODES] for v in verdicts])
    Y = targets_matrix(rows)[:, : len(CODES)]
    reject = np.array([-1 if e.reject is None else e.reject for e in rows])
    langs = np.array([e.lang for e in rows])
    for lang in sorted(set(langs)):
        m = langs == lang
        anyf = flagged[m].any(axis=1)
        off, clean = reject[m] == 1, reject[m] == 0
        line = [f"{lang:5s} rows {int(m.sum()):5d}  offending flagged {anyf[off].mean():.2f}  "
                f"clean flagged {anyf[clean].mean():.3f}"]
        for j, code in enumerate(CODES):
            y = Y[m, j]
            ok = ~np.isnan(y)
            y, f = y[ok], flagged[m][ok, j]
            if y.sum() < 5:
                continue
            line.append(f"{code[:9]} R {f[y == 1].mean():.2f} P {(y[f] == 1).mean() if f.any() else 0:.2f}")
        print(" | ".join(line))
    return 0


if __name__ == "__main__":
    sys.exit(main())
