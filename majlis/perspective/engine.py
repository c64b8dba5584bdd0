"""The one place the service touches the screening engine (``majlis.screening``)."""
from __future__ import annotations

import functools
import logging
import threading

logger = logging.getLogger(__name__)
_lock = threading.Lock()


@functools.lru_cache(maxsize=1)
def _load():
    from majlis.screening import Screener

    return Screener.load()


def get_screener():
    with _lock:  # one load even when the first requests arrive together
        return _load()


def loaded() -> bool:
    return _load.cache_info().currsize > 0


def model_loaded() -> bool:
    return loaded() and getattr(_load(), "model", None) is not None


def screen_many(texts, article_texts=None, want_reject=False):
    """[(verdict, reject_probability_or_None)] for ``texts``.

    The reject probability is the engine's own when it offers one: ``Verdict.reject`` /
    ``scores["reject"]`` if a future engine puts it there, else the learned model's
    ``predict_reject`` (computed only when asked for, it costs a second model pass)."""
    screener = get_screener()
    verdicts = screener.screen_many(list(texts), article_texts)
    rejects = [None] * len(verdicts)
    if want_reject and verdicts:
        for i, v in enumerate(verdicts):
            r = getattr(v, "reject", None)
            if r is None:
                r = v.scores.get("reject")
            rejects[i] = r
        missing = [i for i, r in enumerate(rejects) if r is None]
        model = getattr(screener, "model", None)
        if missing and model is not None and hasattr(model, "predict_reject"):
            try:
                p = model.predict_reject([verdicts[i].text or texts[i] for i in missing],
                                         [verdicts[i].language for i in missing])
                for i, value in zip(missing, p):
                    rejects[i] = float(value)
            except Exception:  # never log the text
                logger.warning("reject probability unavailable (model error); using the codes' maximum")
    return list(zip(verdicts, rejects))
