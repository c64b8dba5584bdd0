"""Screening evaluation against the held-out data sets and the peers.

    python benchmarks/screening_eval.py [--data DIR] [--json OUT] [--update-card]

Same as ``majlis screening evaluate``; see ``majlis.screening.training.evaluate_main``.
Needs the shared datasets (``--data`` / ``$MAJLIS_DATA_DIR`` / ``../shared/data``).
"""

import sys

from majlis.screening.training import evaluate_main

if __name__ == "__main__":
    sys.exit(evaluate_main(sys.argv[1:]))
