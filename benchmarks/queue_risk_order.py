"""How well the moderation queue's "highest risk" order finds the comments to reject.

    .venv/bin/python benchmarks/queue_risk_order.py [--data DIR] [--rows 30000] [--seed 0]

The queue sorts by a comment's risk: its highest guideline score. This screens a sample of the
test splits + hold-outs (rows with a reject / approve label) and prints, per language, the
ROC-AUC of that order against the labels, twice from the same run: with the engine's scores as
returned (each code re-centred so that 0.5 is its decision point) and with the raw scores before
re-centring: max(model probability, rule score) per code, from the engine's own parts (the model
and the rule layer are centred on different thresholds, so inverting the returned score would
not give them back). Needs the shared datasets.
"""
import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main(argv=None) -> int:
    from sklearn.metrics import roc_auc_score

    from majlis.screening.engine import Screener
    from majlis.screening.training import load_examples

    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=None)
    ap.add_argument("--rows", type=int, default=30000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)

    rows = [e for e in load_examples(args.data, progress=False)
            if e.role in ("test", "holdout") and e.reject is not None]
    rng = np.random.default_rng(args.seed)
    rows = [rows[i] for i in rng.choice(len(rows), size=min(args.rows, len(rows)), replace=False)]
    screener = Screener.load()
    codes = list(screener.thresholds)
    verdicts = screener.screen_many([e.text for e in rows])
    centred = np.array([[v.scores[c] for c in codes] for v in verdicts])
    rules = [screener._rules(e.text) for e in rows]  # (language, rule score per code, evidence, folding)
    learned = screener.model.predict_all([e.text for e in rows], [r[0] for r in rules])
    raw = np.maximum(learned[:, : len(codes)], np.array([r[1] for r in rules]))
    y = np.array([e.reject for e in rows])
    langs = np.array([e.lang for e in rows])
    print(f"{'lang':5s} {'rows':>6s}  {'risk AUC (returned scores)':>27s}  {'risk AUC (raw scores)':>22s}")
    for lang in ["all", *sorted(set(langs))]:
        m = np.ones(len(y), bool) if lang == "all" else langs == lang
        if len(set(y[m])) < 2:
            continue
        print(f"{lang:5s} {int(m.sum()):6d}  {roc_auc_score(y[m], centred[m].max(1)):27.4f}  "
              f"{roc_auc_score(y[m], raw[m].max(1)):22.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
