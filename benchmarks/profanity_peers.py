"""English profanity, ours vs the two peer libraries, on a sample large enough to mean something.

    .venv/bin/python benchmarks/profanity_peers.py [--data DIR] [--per-class 400] [--seed 0]

``majlis screening evaluate`` runs better-profanity (70-300 ms a comment) on at most 60 rows per
set, which leaves only a handful of English profanity positives. This draws ``--per-class``
positives and as many negatives from the English test splits + hold-outs (every set's own
profanity label), scores them with better-profanity, alt-profanity-check, our learned model and
our full screener, and prints ROC-AUC and average precision side by side, one run, same rows.
Needs the shared datasets.
"""
import argparse
import sys
from collections import Counter
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main(argv=None) -> int:
    from sklearn.metrics import average_precision_score, roc_auc_score

    from majlis.screening.engine import Screener
    from majlis.screening.training import load_examples, peer_scores

    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=None)
    ap.add_argument("--per-class", type=int, default=400)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)

    rows = [ex for ex in load_examples(args.data, progress=False)
            if ex.lang == "en" and ex.role in ("test", "holdout") and ex.labels.get("profanity") is not None]
    rng = np.random.default_rng(args.seed)
    sample = []
    for label in (1, 0):
        pool = [ex for ex in rows if ex.labels["profanity"] == label]
        pick = rng.choice(len(pool), size=min(args.per_class, len(pool)), replace=False)
        sample += [pool[i] for i in sorted(pick)]
    texts = [ex.text for ex in sample]
    y = np.array([ex.labels["profanity"] for ex in sample])

    screener = Screener.load()
    scores = {}
    t = time.perf_counter()
    verdicts = screener.screen_many(texts)
    scores["Majlis screener"] = np.array([v.scores["profanity"] for v in verdicts])
    scores["Majlis model only"] = screener.model.predict_proba(texts, langs=["en"] * len(texts))[:, 0]
    ours_s = time.perf_counter() - t
    t = time.perf_counter()
    peers = peer_scores(texts)
    peers_s = time.perf_counter() - t
    scores["alt-profanity-check"] = peers.get("alt_profanity_check")
    scores["better-profanity"] = peers.get("better_profanity")

    by_source = dict(Counter(ex.source for ex in sample))
    print(f"English profanity: {int(y.sum())} positives, {int(len(y) - y.sum())} negatives "
          f"(seed {args.seed}); sources {by_source}")
    print(f"{'system':22s} {'ROC-AUC':>8s} {'AP':>7s}")
    for name, s in scores.items():
        if s is None:
            print(f"{name:22s} {'not installed':>16s}")
            continue
        print(f"{name:22s} {roc_auc_score(y, s):8.3f} {average_precision_score(y, s):7.3f}")
    print(f"time: ours {ours_s:.1f} s, peers {peers_s:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
