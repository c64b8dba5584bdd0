"""The learned part of screening: one multi-label linear model over hashed n-grams.

``GuidelineModel`` follows scikit-learn's fit / predict contract:

* ``fit(texts, Y, langs=None)`` where ``Y`` is an ``(n, 6)`` array in ``CODES`` order (or
  ``(n, 7)`` with the auxiliary ``reject`` target last) holding 1, 0 or NaN; NaN means "this
  source does not annotate this code" and the row is left out of that code's loss.
* ``predict_proba(texts, langs=None) -> (n, 6)`` calibrated probabilities in ``CODES`` order.
* ``predict_reject(texts) -> (n,)`` probability that a moderator would reject the comment for any
  guideline reason (trained on the sources' generic "offensive" labels too).
* ``save(path)`` / ``GuidelineModel.load(path=None)`` (default: the committed artifact).

Features (computed with vectorised numpy, no Python loop over n-grams, so the whole predict
path stays well under a millisecond per comment):

* the comment is first masked (URLs, e-mails, @mentions, phone numbers, dataset masks such as
  ``@USER``/``<LF>``) and then folded by ``majlis.screening.normalise`` (case, homoglyphs,
  zero-width characters, Arabic-script variants, leetspeak, stretched letters, spaced letters);
* character 2–5-grams across the folded string (word boundaries included), hashed;
* word unigrams and bigrams, hashed, each also in a column of its own per language (at
  ``lang_words`` of the shared value) when the language is known (``langs``; the engine passes
  the detected one); each block's values are 1/sqrt(its n-gram count);
* for a comment that names an identity group, the group-frame features of ``screening.groups``
  (at ``group_frames`` of the other blocks' values): the words around the group's name with every
  group as one token, so a hateful frame learned with one group also scores another;
* all blocks share one hashing space of ``2**n_bits`` columns.

Training fits each target twice with SGD (log loss, L2): once on the features as they are, once on
features scaled by their naive-Bayes log-count ratios (NBSVM, Wang & Manning 2012), and averages
the two weight vectors (``nb_mix``); each of those fits is itself the average of ``n_seeds`` SGD runs
with different shuffles, which halves the run-to-run noise. The NB ratios fold into the weights,
so prediction is one sparse product either way. The average ranked better than either model alone
on the held-out rows of most languages (see MODEL_CARD.md).

Weights are stored as float16 in a compressed ``.npz`` with a JSON header (no pickle).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import warnings
from pathlib import Path
from typing import Sequence

import numpy as np
import scipy.sparse as sp

from majlis.screening.groups import FRAMES_VERSION, group_features, group_words

try:  # the engine's folding (shared with the lexicon matcher)
    from majlis.screening.normalise import normalise as _engine_normalise
except Exception:  # pragma: no cover - engine not present yet
    _engine_normalise = None

CODES = ("profanity", "vulgarity", "threat", "personal_attack", "identity_abuse", "promotion")
TARGETS = CODES + ("reject",)
HARD_CASE_CODES = ("threat", "identity_abuse")  # what news about war and groups must not be flagged for
# the clean-comment guard (``calibrate``): the most a language's clean dev comments may be flagged,
# all of them, those about war / militias / attacks / groups, and those again for HARD_CASE_CODES
CLEAN_FPR, TOPIC_FPR, TOPIC_FPR_HARD = 0.02, 0.010, 0.004
DEFAULT_PATH = Path(__file__).resolve().parent / "artifacts" / "model.npz"
FORMAT_VERSION = 1

# --------------------------------------------------------------------------------------------
# text preparation
# --------------------------------------------------------------------------------------------

_RX_MASKS = re.compile(r"<LF>|_x000D_|\[USER\]|\[URL\]|@USER\b|@url\b|\bURL\b|^RT\b|\bRT @", re.I)
_RX_URL = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|io|ly|me|info|biz|co|tk|xyz|ru|shop|store|site|online|tv|gl|be|ir|tr|iq)\b(?:/\S*)?",
    re.I,
)
_RX_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
_RX_MENTION = re.compile(r"@\w+")
_RX_PHONE = re.compile(r"(?<!\w)\+?[\d٠-٩۰-۹][\d٠-٩۰-۹ ().-]{6,}[\d٠-٩۰-۹](?!\w)")
_RX_HAS_DIGITS = re.compile(r"[\d٠-٩۰-۹]{3}")


def _mask_sub(m: re.Match) -> str:
    s = m.group(0).lower()
    if "url" in s:
        return " xurl "
    if "user" in s:
        return " xuser "
    return " "


def _fallback_fold(text: str) -> str:  # pragma: no cover - only without the engine
    import unicodedata

    t = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"(.)\1{2,}", r"\1\1", t)


def _premask(t: str) -> str:
    if "<" in t or "_x" in t or "[" in t or "URL" in t or "url" in t or "RT" in t or "@" in t:
        t = _RX_MASKS.sub(_mask_sub, t)
    if "@" in t:
        t = _RX_EMAIL.sub(" xemail ", t)
        t = _RX_MENTION.sub(" xuser ", t)
    if "://" in t or "www" in t or "." in t:
        t = _RX_URL.sub(" xurl ", t)
    if _RX_HAS_DIGITS.search(t):
        t = _RX_PHONE.sub(" xphone ", t)
    return t


def prepare(text: str, normalised=None) -> str:
    """Raw comment -> the folded string the model's features are computed on.

    ``normalised``: optional ``normalise(text)`` result (or its ``.text``) already computed by the
    caller (the engine); reused whenever masking does not change the text, so the result is
    identical to ``prepare(text)`` but the folding is not paid twice."""
    t = str(text or "")
    if normalised is not None and _engine_normalise is not None:
        if _premask(t) == t:
            folded = normalised if isinstance(normalised, str) else normalised.text
            return " ".join(folded.split())
    t = _premask(t)
    if _engine_normalise is not None:
        t = _engine_normalise(t).text
    else:  # pragma: no cover
        t = _fallback_fold(t)
    return " ".join(t.split())


# --------------------------------------------------------------------------------------------
# vectorised n-gram hashing
# --------------------------------------------------------------------------------------------

_U64 = np.uint64
_P = _U64(0x100000001B3)  # odd, so invertible mod 2**64
_PINV = _U64(pow(0x100000001B3, -1, 2**64))
_M1 = _U64(0xBF58476D1CE4E5B9)
_M2 = _U64(0x94D049BB133111EB)
_SALT_CHAR = _U64(0x9E3779B97F4A7C15)
_SALT_WORD = _U64(0xC2B2AE3D27D4EB4F)
_SALT_BIGRAM = _U64(0x165667B19E3779F9)

_IS_WORD = np.zeros(0x10000, dtype=bool)
for _cp in range(0x10000):
    _ch = chr(_cp)
    _IS_WORD[_cp] = _ch.isalnum() or _ch == "_"
del _cp, _ch


def _mix(h: np.ndarray) -> np.ndarray:
    h = h ^ (h >> _U64(31))
    h = h * _M1
    h = h ^ (h >> _U64(29))
    h = h * _M2
    h = h ^ (h >> _U64(32))
    return h


_POW_CACHE: dict = {}


def _powers(base: np.uint64, n: int) -> np.ndarray:
    """base**0 .. base**(n-1) mod 2**64, cached and grown geometrically."""
    key = int(base)
    arr = _POW_CACHE.get(key)
    if arr is None or len(arr) < n:
        size = max(n, 1 << 16, 2 * (len(arr) if arr is not None else 0))
        arr = np.empty(size, dtype=np.uint64)
        arr[0] = 1
        arr[1:] = base
        with np.errstate(over="ignore"):
            np.cumprod(arr, out=arr)
        _POW_CACHE[key] = arr
    return arr


def _lang_salt(lang) -> int:
    """Per-language salt for the language-specific copies of the word features (0: none)."""
    if not lang or lang == "other":
        return 0
    return int.from_bytes(hashlib.blake2b(str(lang).encode("utf-8"), digest_size=8).digest(), "little") | 1


def featurize(prepared: Sequence[str], n_bits: int = 20, char_ns: Sequence[int] = (2, 3, 4, 5),
              word_weight: float = 1.0, langs: Sequence[str] | None = None,
              lang_weight: float = 1.0) -> sp.csr_matrix:
    """Hashed char n-gram + word uni/bigram features for already prepared strings.

    ``langs`` (one language code per string): each word unigram and bigram also gets a second,
    language-specific column, so a word can weigh differently in, say, Persian and Arabic
    (the same script) while the shared column still carries what the languages have in common
    ("frustratingly easy" domain adaptation, Daumé 2007). ``other`` or None: no copy. The copies
    count in the word block's n-grams, so a text's shared word values are smaller with a
    language than without: predict with languages exactly when the model was trained with them.

    Each block's values are ``1/sqrt(#n-grams of that block in the comment)`` per occurrence
    (duplicate columns are left unsummed: harmless for linear models, and much faster)."""
    n_docs = len(prepared)
    dim = 1 << n_bits
    if n_docs == 0:
        return sp.csr_matrix((0, dim), dtype=np.float32)
    parts = [" " + t + " " for t in prepared]
    lengths = np.fromiter((len(p) for p in parts), dtype=np.int64, count=n_docs)
    offsets = np.zeros(n_docs, dtype=np.int64)
    np.cumsum(lengths[:-1], out=offsets[1:])
    codes = np.frombuffer("".join(parts).encode("utf-32-le"), dtype=np.uint32)
    L = len(codes)
    doc = np.repeat(np.arange(n_docs, dtype=np.int32), lengths)
    c = codes.astype(np.uint64) + _U64(1)
    shift = _U64(64 - n_bits)
    k = len(char_ns)
    salts = None
    if langs is not None:
        if isinstance(langs, str) or len(langs) != n_docs:
            raise ValueError("langs must give one language code per text")
        per_doc = np.fromiter((_lang_salt(lg) for lg in langs), dtype=np.uint64, count=n_docs)
        if per_doc.any():
            salts = per_doc
    n_word_cols = 4 if salts is not None else 2
    M = np.full((L, k + n_word_cols), -1, dtype=np.int32)  # position-major: rows come out grouped by doc
    with np.errstate(over="ignore"):
        h = c.copy()
        for n in range(1, max(char_ns) + 1):
            if n > 1:
                if L - n + 1 <= 0:
                    break
                h = h[:-1] * _P + c[n - 1:]
            if n in char_ns:
                j = char_ns.index(n)
                ok = doc[: L - n + 1] == doc[n - 1:]
                hv = h + _SALT_CHAR * _U64(n)
                hv = ((hv ^ (hv >> _U64(29))) * _M1) >> shift
                M[: L - n + 1, j] = np.where(ok, hv.astype(np.int32), -1)

        cp = codes.copy()
        cp[cp >= 0x10000] = 0
        isw = _IS_WORD[cp]
        prev = np.empty_like(isw)
        prev[0] = False
        prev[1:] = isw[:-1]
        nxt = np.empty_like(isw)
        nxt[-1] = False
        nxt[:-1] = isw[1:]
        starts = np.flatnonzero(isw & ~prev)
        ends = np.flatnonzero(isw & ~nxt) + 1
        if len(starts):
            powp = _powers(_P, L + 1)
            powinv = _powers(_PINV, L + 1)
            S = np.zeros(L + 1, dtype=np.uint64)
            np.cumsum(c * powinv[:L], out=S[1:])
            uh = (S[ends] - S[starts]) * powp[ends - 1]
            u = uh + _SALT_WORD
            M[starts, k] = (((u ^ (u >> _U64(29))) * _M1) >> shift).astype(np.int32)
            b = uh[:-1] * _M2 + uh[1:] + _SALT_BIGRAM
            b = (((b ^ (b >> _U64(29))) * _M1) >> shift).astype(np.int32)
            wdoc = doc[starts]
            M[starts[:-1], k + 1] = np.where(wdoc[:-1] == wdoc[1:], b, -1)
            if salts is not None:
                ws = salts[wdoc]
                has = ws != 0
                lu = (uh + _SALT_WORD) ^ ws
                lu = (((lu ^ (lu >> _U64(29))) * _M1) >> shift).astype(np.int32)
                M[starts, k + 2] = np.where(has, lu, -1)
                lb = (uh[:-1] * _M2 + uh[1:] + _SALT_BIGRAM) ^ ws[:-1]
                lb = (((lb ^ (lb >> _U64(29))) * _M1) >> shift).astype(np.int32)
                M[starts[:-1], k + 3] = np.where((wdoc[:-1] == wdoc[1:]) & has[:-1], lb, -1)

    valid = M >= 0
    cnt_c = np.add.reduceat(valid[:, :k].sum(axis=1), offsets)
    cnt_w = np.add.reduceat(valid[:, k:].sum(axis=1), offsets)
    inv_c = (1.0 / np.sqrt(np.maximum(cnt_c, 1))).astype(np.float32)
    inv_w = (np.float32(word_weight) / np.sqrt(np.maximum(cnt_w, 1))).astype(np.float32)
    V = np.empty((L, k + n_word_cols), dtype=np.float32)
    V[:, :k] = inv_c[doc][:, None]
    V[:, k:k + 2] = inv_w[doc][:, None]
    if n_word_cols > 2:
        V[:, k + 2:] = (np.float32(lang_weight) * inv_w)[doc][:, None]
    indices = M[valid]
    data = V[valid]
    indptr = np.zeros(n_docs + 1, dtype=np.int64)
    np.cumsum(cnt_c + cnt_w, out=indptr[1:])
    return sp.csr_matrix((data, indices, indptr), shape=(n_docs, dim))


# --------------------------------------------------------------------------------------------
# the model
# --------------------------------------------------------------------------------------------


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))


def derive_reject(Y6: np.ndarray) -> np.ndarray:
    """Reject target from the per-code labels: 1 if any code is 1, 0 if every abuse code that is
    labelled is 0 and at least one is labelled, NaN otherwise."""
    Y6 = np.asarray(Y6, dtype=np.float64)
    pos = np.nanmax(np.where(np.isnan(Y6), -1, Y6), axis=1)
    out = np.full(len(Y6), np.nan)
    out[pos == 1] = 1
    out[pos == 0] = 0
    return out


class GuidelineModel:
    """Multi-label linear guideline model (see module docstring)."""

    def __init__(self, n_bits: int = 20, char_ns: Sequence[int] = (2, 3, 4, 5), alpha: float = 2e-6,
                 epochs: int = 8, class_weight: str | None = "balanced", pos_weight_cap: float = 10.0,
                 random_state: int = 0, nb_alpha: float = 0.5, nb_mix: float = 0.5, lang_words: float = 0.5,
                 n_seeds: int = 3, group_frames: float = 0.5):
        self.n_bits = n_bits
        self.char_ns = tuple(char_ns)
        self.alpha = alpha
        self.epochs = epochs
        self.class_weight = class_weight
        self.pos_weight_cap = pos_weight_cap
        self.random_state = random_state
        self.nb_alpha = nb_alpha
        self.nb_mix = nb_mix
        self.lang_words = lang_words
        self.n_seeds = n_seeds
        # value of the group-frame features (``groups.group_features``: "hate G", "G are vermin"
        # with every group name as one token) relative to a comment's other features; 0: none.
        # The group names are fixed at fit time and saved with the model.
        self.group_frames = group_frames
        self.group_words_: frozenset | None = None
        self.coef_: np.ndarray | None = None  # (dim, 7) float32
        self.intercept_: np.ndarray | None = None  # (7,)
        self.calib_: np.ndarray = np.tile(np.array([1.0, 0.0]), (len(TARGETS), 1))  # Platt a, b
        self.thresholds_: np.ndarray = np.full(len(TARGETS), 0.5)
        self.lang_calib_: dict = {}  # lang -> (7, 2) Platt parameters fitted on that language's dev rows
        self.meta: dict = {}

    # -- features ---------------------------------------------------------------------------
    def transform(self, texts: Sequence[str], prepared: bool = False, normalised=None, langs=None) -> sp.csr_matrix:
        """Feature matrix; ``langs`` (one code per text) feeds the language-specific word
        columns when the model was trained with them (``lang_words``)."""
        if prepared:
            prep = list(texts)
        elif normalised is not None:
            prep = [prepare(t, nz) for t, nz in zip(texts, normalised)]
        else:
            prep = [prepare(t) for t in texts]
        X = self._ngrams(prep, langs)
        if self.group_frames:
            if self.group_words_ is None:
                self.group_words_ = group_words()
            X = X + np.float32(self.group_frames) * group_features(prep, self.n_bits, self.group_words_)
        return X

    def _ngrams(self, prepared: Sequence[str], langs=None) -> sp.csr_matrix:
        """The character and word n-gram blocks of prepared strings (everything but group frames)."""
        return featurize(list(prepared), n_bits=self.n_bits, char_ns=self.char_ns,
                         langs=list(langs) if self.lang_words and langs is not None else None,
                         lang_weight=self.lang_words)

    # -- training ---------------------------------------------------------------------------
    def fit(self, texts, Y, langs=None, sample_weight=None, X=None, progress=None):
        """Fit one log-loss linear model per target on the rows where that target is labelled."""
        Y = np.asarray(Y, dtype=np.float64)
        if Y.ndim != 2 or Y.shape[1] not in (6, 7):
            raise ValueError("Y must have shape (n, 6) or (n, 7)")
        if Y.shape[1] == 6:
            Y = np.column_stack([Y, derive_reject(Y)])
        if langs is None or all(lg in (None, "other") for lg in langs):
            # nothing to train the language columns on: predicting with them would add untrained
            # columns (and shrink the shared word columns' values), so the model does without
            self.lang_words = 0.0
        if X is None:
            X = self.transform(texts, langs=langs)
        n, dim = X.shape
        sw = np.ones(n) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
        langs_arr = np.array(list(langs) if langs is not None else ["other"] * n, dtype=object)
        coef = np.zeros((dim, len(TARGETS)), dtype=np.float32)
        intercept = np.full(len(TARGETS), -4.0)
        self.meta.setdefault("train_counts", {})
        for j, name in enumerate(TARGETS):
            m = ~np.isnan(Y[:, j])
            y = Y[m, j].astype(int)
            n_pos, n_neg = int(y.sum()), int(len(y) - y.sum())
            self.meta["train_counts"][name] = {"pos": n_pos, "neg": n_neg}
            if n_pos < 2 or n_neg < 2:
                if progress:
                    progress.update(1)
                continue
            w = sw[m].copy()
            if self.class_weight == "balanced":
                # up-weight the rarer class, capped, on top of source weights
                ratio = min(self.pos_weight_cap, max(1.0, (w[y == 0].sum() / max(w[y == 1].sum(), 1e-9))))
                w[y == 1] *= math.sqrt(ratio) if ratio > 1 else 1.0
            Xm = X[m]
            coef[:, j], intercept[j] = self._sgd(Xm, y, w)
            if self.nb_alpha > 0:
                r = _nb_ratios(Xm, y, w, self.nb_alpha, langs_arr[m])
                c_nb, b_nb = self._sgd(Xm @ sp.diags(r.astype(np.float32)), y, w)
                coef[:, j] = (1 - self.nb_mix) * coef[:, j] + self.nb_mix * (c_nb * r)
                intercept[j] = (1 - self.nb_mix) * intercept[j] + self.nb_mix * b_nb
            if progress:
                progress.update(1)
        self.coef_ = coef
        self.intercept_ = intercept
        return self

    def _sgd(self, X, y, w) -> tuple[np.ndarray, float]:
        """One log-loss SGD fit, or the average of ``n_seeds`` fits with different shuffles: the
        same cost at prediction, half the shuffle's noise in the weights (two single-seed retrains
        differed by up to 0.012 ROC-AUC on a language's code, three-seed ones by up to 0.005)."""
        from sklearn.linear_model import SGDClassifier

        n = max(1, self.n_seeds)
        coef = np.zeros(X.shape[1], dtype=np.float64)
        b = 0.0
        for k in range(n):
            clf = SGDClassifier(loss="log_loss", penalty="l2", alpha=self.alpha, max_iter=self.epochs, tol=None,
                                learning_rate="optimal", average=False, random_state=self.random_state + k)
            clf.fit(X, y, sample_weight=w)
            coef += clf.coef_.ravel()
            b += float(clf.intercept_[0])
        return (coef / n).astype(np.float32), b / n

    def decision_function(self, texts=None, X=None, normalised=None, langs=None) -> np.ndarray:
        if X is None:
            X = self.transform(texts, normalised=normalised, langs=langs)
        if self.coef_ is None:
            raise RuntimeError("model is not fitted")
        return np.asarray(X @ self.coef_, dtype=np.float64) + self.intercept_

    def word_weights(self, words: Sequence[str], lang: str | None = None) -> np.ndarray:
        """(len(words), 7) how far each word on its own (its word columns and the character n-grams
        inside it) moves every target's raw score: the linear model's own reading of which words
        drove a decision, for the moderator's evidence. Context (bigrams, group frames) is left out,
        so this explains, it does not re-score. ``words`` are folded tokens (``prepare``'s output)."""
        if not words:
            return np.zeros((0, len(TARGETS)))
        if self.coef_ is None:
            raise RuntimeError("model is not fitted")
        return np.asarray(self._ngrams(words, [lang] * len(words)) @ self.coef_, dtype=np.float64)

    def calibrate(self, texts, Y, X=None, min_pos: int = 10, clean=None, clean_fpr: float = CLEAN_FPR,
                  langs=None, min_lang_pos: int = 15, min_lang_clean: int = 150, topic=None,
                  topic_fpr: float = TOPIC_FPR, min_topic: int = 100,
                  topic_fpr_hard: float | None = TOPIC_FPR_HARD) -> dict:
        """Calibrate on held-out (dev) rows.

        1. Platt scaling per target (global), and per (target, language) where the language has
           at least ``min_lang_pos`` positives and negatives on dev;
        2. one decision threshold per target: the middle of the near-best F1 plateau on the pooled
           dev rows;
        3. the clean-comment guard: for every language (and globally) whose ``clean`` dev rows
           (comments the sources call clean) would be flagged more than ``clean_fpr`` of the time
           at that threshold, that language's calibration is shifted down until they are not (the
           quantile is the Harrell-Davis estimate, so no single dev row sets a language's shift).
        4. the same guard, stricter (``topic_fpr``), on ``topic`` rows: clean comments that discuss
           war, militias, attacks or ethnic / religious groups, the honest political argument the
           product must leave alone (per language with at least ``min_topic`` such rows);
           stricter still (``topic_fpr_hard``) for ``threat`` and ``identity_abuse``, the two codes
           GUIDELINES.md says war and group talk must not trip.
        Steps 3-4 keep a single threshold per code (what the engine uses) while giving each
        language its own effective operating point."""
        from sklearn.linear_model import LogisticRegression

        Y = np.asarray(Y, dtype=np.float64)
        if Y.shape[1] == 6:
            Y = np.column_stack([Y, derive_reject(Y)])
        Z = self.decision_function(texts, X=X, langs=langs)
        n = len(Z)
        langs_arr = np.array(list(langs) if langs is not None else ["other"] * n, dtype=object)
        clean_m = np.zeros(n, dtype=bool) if clean is None else np.asarray(clean, dtype=bool)
        topic_m = clean_m & (np.zeros(n, dtype=bool) if topic is None else np.asarray(topic, dtype=bool))
        self.lang_calib_ = {}
        report = {}

        def platt(z, y):
            lr = LogisticRegression(C=1e4, max_iter=1000)
            lr.fit(z.reshape(-1, 1), y)
            return float(lr.coef_[0, 0]), float(lr.intercept_[0])

        for j, name in enumerate(TARGETS):
            m = ~np.isnan(Y[:, j])
            y = Y[m, j].astype(int)
            if y.sum() < min_pos or (len(y) - y.sum()) < min_pos:
                report[name] = {"calibrated": False, "n": int(m.sum()), "pos": int(y.sum())}
                continue
            self.calib_[j] = platt(Z[m, j], y)
            rep = {"calibrated": True, "n": int(m.sum()), "pos": int(y.sum()), "global": list(self.calib_[j]),
                   "languages": {}}
            for lang in sorted(set(langs_arr[m])):
                lm = m & (langs_arr == lang)
                yl = Y[lm, j].astype(int)
                if yl.sum() >= min_lang_pos and (len(yl) - yl.sum()) >= min_lang_pos:
                    self.lang_calib_.setdefault(lang, self.calib_.copy())
                    self.lang_calib_[lang][j] = platt(Z[lm, j], yl)
                    rep["languages"][lang] = {"n": int(lm.sum()), "pos": int(yl.sum())}
            report[name] = rep
        # languages that got no own parameters for some target keep the global ones
        for lang, cal in self.lang_calib_.items():
            for j in range(len(TARGETS)):
                if not report.get(TARGETS[j], {}).get("languages", {}).get(lang):
                    cal[j] = self.calib_[j]
        P = self._calibrated(Z, langs_arr)
        for j, name in enumerate(TARGETS):
            if not report[name].get("calibrated"):
                continue
            m = ~np.isnan(Y[:, j])
            thr = _best_f1_threshold(Y[m, j].astype(int), P[m, j])
            self.thresholds_[j] = thr
            report[name]["threshold"] = thr
            shifts = {}
            groups = [(lang, clean_m & (langs_arr == lang), clean_fpr, min_lang_clean)
                      for lang in sorted(set(langs_arr[clean_m]))]
            groups.append((None, clean_m, clean_fpr, min_lang_clean))
            if name != "reject":  # LIKELY_TO_REJECT is a ranking signal, not a reason shown to moderators
                t_fpr = topic_fpr_hard if topic_fpr_hard is not None and name in HARD_CASE_CODES else topic_fpr
                groups += [(lang, topic_m & (langs_arr == lang), t_fpr, min_topic)
                           for lang in sorted(set(langs_arr[topic_m]))]
            for lang, cm, max_fpr, min_rows in groups:
                if cm.sum() < min_rows:
                    continue
                if lang is not None and lang not in self.lang_calib_:
                    self.lang_calib_[lang] = self.calib_.copy()
                cal = self.calib_ if lang is None else self.lang_calib_[lang]
                z_q = _hd_quantile(Z[cm, j], 1 - max_fpr)
                p_q = float(_sigmoid(cal[j, 0] * z_q + cal[j, 1]))
                if p_q > thr:
                    new_b = math.log(thr / (1 - thr)) - cal[j, 0] * z_q
                    key = lang or "*"
                    shifts[key] = round(shifts.get(key, 0.0) + new_b - cal[j, 1], 3)
                    cal[j, 1] = new_b
            report[name]["clean_guard_shift"] = shifts
        return report

    def _calibrated(self, Z: np.ndarray, langs=None) -> np.ndarray:
        A = np.broadcast_to(self.calib_[:, 0], Z.shape).copy()
        B = np.broadcast_to(self.calib_[:, 1], Z.shape).copy()
        if langs is not None and self.lang_calib_:
            langs = list(langs)
            for lang, cal in self.lang_calib_.items():
                rows = [i for i, l in enumerate(langs) if l == lang]
                if rows:
                    A[rows] = cal[:, 0]
                    B[rows] = cal[:, 1]
        return _sigmoid(Z * A + B)

    # -- inference --------------------------------------------------------------------------
    def predict_all(self, texts=None, langs=None, X=None, normalised=None) -> np.ndarray:
        """(n, 7) calibrated probabilities: the six codes, then ``reject``. ``langs`` (one code per
        text, e.g. from ``langid.detect_language``) selects per-language calibration; unknown or
        missing languages use the global one. ``normalised``: optional per-text
        ``normalise(text)`` results the caller already has (saves the folding)."""
        Z = self.decision_function(texts, X=X, normalised=normalised, langs=langs)
        return self._calibrated(Z, langs)

    def predict_proba(self, texts, langs=None, normalised=None) -> np.ndarray:
        """(n, 6) calibrated probabilities in ``CODES`` order."""
        return self.predict_all(texts, langs, normalised=normalised)[:, : len(CODES)]

    def predict_reject(self, texts, langs=None, normalised=None) -> np.ndarray:
        """(n,) probability that the comment breaks any guideline (LIKELY_TO_REJECT)."""
        return self.predict_all(texts, langs, normalised=normalised)[:, len(CODES)]

    def predict(self, texts, langs=None) -> np.ndarray:
        """(n, 6) 0/1 decisions at the dev-tuned thresholds (pass ``langs`` when known)."""
        P = self.predict_proba(texts, langs)
        return (P >= self.thresholds_[: len(CODES)]).astype(int)

    @property
    def thresholds(self) -> dict:
        return {name: float(t) for name, t in zip(TARGETS, self.thresholds_)}

    # -- persistence ------------------------------------------------------------------------
    def save(self, path: str | os.PathLike | None = None) -> Path:
        path = Path(path or DEFAULT_PATH)
        path.parent.mkdir(parents=True, exist_ok=True)
        header = {
            "format_version": FORMAT_VERSION,
            "codes": list(CODES),
            "targets": list(TARGETS),
            "n_bits": self.n_bits,
            "char_ns": list(self.char_ns),
            "alpha": self.alpha,
            "epochs": self.epochs,
            "nb_alpha": self.nb_alpha,
            "nb_mix": self.nb_mix,
            "lang_words": self.lang_words,
            "n_seeds": self.n_seeds,
            "group_frames": self.group_frames,
            "group_words": sorted(self.group_words_) if self.group_frames and self.group_words_ else [],
            "group_frames_version": FRAMES_VERSION,
            "random_state": self.random_state,
            "prepare_fingerprint": prepare_fingerprint(),
            "lang_calib": {k: np.asarray(v).tolist() for k, v in self.lang_calib_.items()},
            "meta": self.meta,
        }
        tmp = path.with_suffix(".tmp.npz")
        np.savez_compressed(
            tmp,
            header=np.frombuffer(json.dumps(header, default=_json_default).encode("utf-8"), dtype=np.uint8),
            coef=self.coef_.astype(np.float16),
            intercept=np.asarray(self.intercept_, dtype=np.float64),
            calib=self.calib_.astype(np.float64),
            thresholds=self.thresholds_.astype(np.float64),
        )
        os.replace(tmp, path)
        return path

    @classmethod
    def load(cls, path: str | os.PathLike | None = None) -> "GuidelineModel":
        path = Path(path or os.environ.get("MAJLIS_SCREENING_MODEL") or DEFAULT_PATH)
        with np.load(path, allow_pickle=False) as z:
            header = json.loads(bytes(z["header"]).decode("utf-8"))
            if header.get("format_version") != FORMAT_VERSION:
                raise ValueError(f"unsupported model format {header.get('format_version')}")
            m = cls(n_bits=header["n_bits"], char_ns=header["char_ns"], alpha=header.get("alpha", 0),
                    epochs=header.get("epochs", 0), nb_alpha=header.get("nb_alpha", 0.0),
                    nb_mix=header.get("nb_mix", 0.0), lang_words=float(header.get("lang_words", 0.0)),
                    n_seeds=int(header.get("n_seeds", 1)), random_state=int(header.get("random_state", 0)),
                    group_frames=float(header.get("group_frames", 0.0)))
            if m.group_frames:
                m.group_words_ = frozenset(header["group_words"])
                if header.get("group_frames_version") != FRAMES_VERSION:
                    warnings.warn(f"{path}: saved with group-frame features version "
                                  f"{header.get('group_frames_version')}, this code computes {FRAMES_VERSION}: "
                                  "retrain (majlis screening train)", stacklevel=2)
            m.coef_ = z["coef"].astype(np.float32)
            m.intercept_ = z["intercept"]
            m.calib_ = z["calib"].copy()
            m.thresholds_ = z["thresholds"].copy()
        m.lang_calib_ = {k: np.asarray(v, dtype=np.float64) for k, v in header.get("lang_calib", {}).items()}
        m.meta = header.get("meta", {})
        m.meta["prepare_fingerprint_ok"] = header.get("prepare_fingerprint") == prepare_fingerprint()
        m.meta["path"] = str(path)
        return m


def _nb_ratios(X, y, w, alpha: float, langs) -> np.ndarray:
    """Naive-Bayes log-count ratios per column (Wang & Manning 2012, NBSVM): features that
    separate the classes get larger, the L2 penalty then shrinks the uninformative ones first.
    Each language's positives and negatives are given equal mass first, so that a language's
    own base rate (Arabic sources are half offensive, English ones a tenth) does not tilt every
    feature of its script."""
    w = w.astype(np.float64).copy()
    for lang in set(langs):
        lm = langs == lang
        p_mass, n_mass = w[lm & (y == 1)].sum(), w[lm & (y == 0)].sum()
        if p_mass > 0 and n_mass > 0:
            half = (p_mass + n_mass) / 2
            w[lm & (y == 1)] *= half / p_mass
            w[lm & (y == 0)] *= half / n_mass
    pos = np.asarray(X.T @ (w * (y == 1)), dtype=np.float64).ravel() + alpha
    neg = np.asarray(X.T @ (w * (y == 0)), dtype=np.float64).ravel() + alpha
    return np.log(pos / pos.sum()) - np.log(neg / neg.sum())


def _hd_quantile(values: np.ndarray, q: float) -> float:
    """Harrell-Davis estimate of the ``q`` quantile: a Beta-weighted average of all order statistics
    instead of the one or two nearest. The clean-comment guard asks for the 99.6 % point of 121-247
    topic rows per language, where the plain quantile is the second-highest row: leaving out 5 % of
    the rows at random moved English identity_abuse F1 on the test rows from 0.22 to 0.43 (2026-11-29)."""
    from scipy.special import betainc

    x = np.sort(np.asarray(values, dtype=np.float64))
    n = len(x)
    a, b = q * (n + 1), (1 - q) * (n + 1)
    cdf = betainc(a, b, np.arange(n + 1) / n)
    return float(np.dot(np.diff(cdf), x))


def _best_f1_threshold(y: np.ndarray, p: np.ndarray) -> float:
    order = np.argsort(-p)
    ys = y[order]
    tp = np.cumsum(ys)
    fp = np.cumsum(1 - ys)
    prec = tp / np.maximum(tp + fp, 1)
    rec = tp / max(ys.sum(), 1)
    f1 = 2 * prec * rec / np.maximum(prec + rec, 1e-12)
    # the F1 curve is often a plateau: its single argmax jumps between retrains (promotion moved
    # 0.58 -> 0.39 on one run). Take the median score over the plateau (F1 within 2 % of the best).
    near = np.flatnonzero(f1 >= 0.98 * f1.max())
    return float(max(0.05, min(0.95, np.median(p[order][near]))))


def _json_default(o):
    if isinstance(o, (np.integer,)):
        return int(o)
    if isinstance(o, (np.floating,)):
        return float(o)
    if isinstance(o, np.ndarray):
        return o.tolist()
    raise TypeError(type(o))


_PROBES = (
    "You are an IDIOT!!! f u c k", "sh1t h3ll Ｆｕｃｋ fu\u200bck сука", "visit www.shop.com +964 750 123 4567",
    "ئەوەی زۆر پێدەکەنێ", "الحرب على داعش يا كلب ، أنت", "Türkçe İstanbul ŞEHİR sık", "جنگ و تروریست‌ها",
)


def prepare_fingerprint() -> str:
    """Hash of ``prepare`` on fixed probes: detects a change of the folding under trained weights."""
    return hashlib.sha1("\n".join(prepare(p) for p in _PROBES).encode("utf-8")).hexdigest()[:16]


__all__ = ["CODES", "TARGETS", "DEFAULT_PATH", "GuidelineModel", "prepare", "featurize", "derive_reject"]
