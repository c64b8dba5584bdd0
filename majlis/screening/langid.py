"""Language identification for the six site languages: en, ckb, kmr, ar, tr, fa (else "other").

Two layers:

1. Script and letter rules. The script with most letters picks the candidate set
   (Latin → en / tr / kmr / other, Arabic → ar / fa / ckb, anything else → other).
   Distinctive letters add evidence: Sorani ە ێ ۆ ڕ ڵ ڤ; Arabic ة ى and the Arabic
   code points ي ك (Persian and Sorani type ی ک); Turkish ı ğ ö ü (never in Kurmanji);
   Kurmanji ê (never in Turkish). Latin text with Arabizi digits inside words (7mar,
   3arab, 2ana) is Arabic.
2. A multinomial Naive Bayes over word unigrams and padded character trigrams,
   trained on the shared datasets (language known per dataset) plus hand-written
   Kurmanji sentences (``seed_text/kmr.txt``) and our own labelled comments
   (``seed_text/inhouse_comments.tsv``, its ``check`` rows held out); French tweets stand in for "other
   Latin-script language". Every Sorani and Kurmanji row is also learnt as typed without the
   language's own letters (``keyboard_spelling``: Sorani on a Persian and on an Arabic keyboard,
   Kurmanji on a phone); ە written the pre-Unicode way (ه + ZWNJ) is that spelling once ZWNJ is
   dropped. Artifact: ``artifacts/langid.npz`` (float16 log-probabilities).

``python -m majlis.screening.langid --train DATA_DIR`` rebuilds the artifact and
``python -m majlis.screening.langid --evaluate DATA_DIR`` prints per-language accuracy on
the deterministic held-out tenth (md5 of the text).
"""
from __future__ import annotations

import argparse
import hashlib
import os
import re
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

import numpy as np

__all__ = ["detect_language", "train_langid", "LANGS", "ARTIFACT"]

HERE = Path(__file__).resolve().parent
ARTIFACT = HERE / "artifacts" / "langid.npz"
KMR_SEED = HERE / "seed_text" / "kmr.txt"

LANGS = ("en", "ckb", "kmr", "ar", "tr", "fa")
CLASSES = ("en", "tr", "kmr", "other", "ar", "fa", "ckb")
LATIN_IDX = (0, 1, 2, 3)
ARAB_IDX = (4, 5, 6)

_URL = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+|@\w+|#", re.IGNORECASE)
_URL_PRE = re.compile(r"://|www\.|[@#]", re.IGNORECASE)
_ARABIZI_PRE = re.compile(r"[a-zA-Z][2379]|[2379][a-zA-Z]")
_WORD = re.compile(r"[^\W\d_]+")
_LATIN = re.compile(r"[a-zA-Z\u00c0-\u024f]+")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]+")
_OTHER_LETTER = re.compile(r"[^\W\d_a-zA-Z\u00c0-\u024f\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]+")
_ARABIZI = re.compile(r"(?<![\d\w])[a-z]*[a-z][2379][a-z]+|(?<![\d\w])[2379][a-z]{2,}", re.IGNORECASE)
_CKB_LETTERS = re.compile("[\u06d5\u06ce\u06c6\u0695\u06b5\u06a4]")  # ە ێ ۆ ڕ ڵ ڤ
_AR_LETTERS = re.compile("[\u0629\u0649\u064a\u0643]")  # ة ى ي ك
_FA_LETTERS = re.compile("[\u067e\u0686\u0698\u06af\u06cc\u06a9]")  # پ چ ژ گ ی ک
_TR_LETTERS = re.compile("[ıİğĞöÖüÜ]")
_KMR_LETTERS = re.compile("[êÊ]")
_ZW = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\u0640\u064b-\u065f]")

MAX_TOKENS = 24


class _Model:
    def __init__(self, vocab: dict[str, int], logp: np.ndarray):
        self.vocab = vocab
        self.logp = logp.astype(np.float32)

    def scores(self, feats: list[str]) -> np.ndarray:
        g = self.vocab.get
        idx = [i for i in map(g, feats) if i is not None]
        if not idx:
            return np.zeros(len(CLASSES), dtype=np.float32)
        return self.logp[idx].sum(axis=0)


@lru_cache(maxsize=2)
def _load(path: str) -> _Model | None:
    if not os.path.exists(path):
        return None
    z = np.load(path, allow_pickle=False)
    vocab_list = str(z["vocab"]).split("\n")
    return _Model({f: i for i, f in enumerate(vocab_list)}, z["logp"])


def _has_url(t: str) -> bool:
    return "://" in t or "@" in t or "#" in t or "www." in t or "WWW." in t


def _prep(text: str) -> list[str]:
    if _has_url(text):
        text = _URL.sub(" ", text)
    if not text.isascii():
        text = _ZW.sub("", text)
    return _WORD.findall(text.lower())


def _features(text_or_words, vocab: dict | None = None) -> list[str]:
    """Word unigrams ("w" + word) and padded char trigrams. With ``vocab`` (inference), a
    known word stands for itself and only unknown words are broken into trigrams (faster)."""
    words = _prep(text_or_words) if isinstance(text_or_words, str) else text_or_words
    feats = []
    for w in words[:MAX_TOKENS]:
        fw = "w" + w
        feats.append(fw)
        if vocab is not None and fw in vocab:
            feats.append(fw)  # count known words twice: roughly the weight of their trigrams
            continue
        p = f" {w} "
        feats.extend(p[i:i + 3] for i in range(len(p) - 2))
    return feats


def _count(t: str, chars: str) -> int:
    return sum(t.count(c) for c in chars)


_CKB_CH = "\u06d5\u06ce\u06c6\u0695\u06b5\u06a4"  # ە ێ ۆ ڕ ڵ ڤ
_AR_CH = "\u0629\u0649\u064a\u0643"  # ة ى ي ك
_FA_CH = "\u067e\u0686\u0698\u06af\u06cc\u06a9"  # پ چ ژ گ ی ک
_TR_CH = "ığöü"
_KMR_CH = "ê"
_DEFAULT_MODEL: list = []

# How many people type Kurdish on phones and Arabic / Persian / Turkish keyboards: Sorani without
# ە ێ ۆ ڕ ڵ ڤ (often ە as ه + ZWNJ, the pre-Unicode convention), Kurmanji without ê î û ç ş.
_KEYBOARD = {"ckb": str.maketrans("ەێۆڕڵڤ", "هیورلف"),
             "kmr": str.maketrans("êîûçşÊÎÛÇŞ", "eiucsEIUCS")}
_ARABIC_KEYBOARD = str.maketrans("\u06cc\u06a9", "\u064a\u0643")  # ی ک as Arabic ي ك


def keyboard_spelling(text: str, lang: str, arabic_keyboard: bool = False) -> str:
    """``text`` as typed without the language's own letters (training augmentation); Sorani
    also as typed on an Arabic keyboard (ي ك for ی ک). ە written the pre-Unicode way, ه + ZWNJ,
    comes out the same once ZWNJ is dropped (as ``_prep`` does)."""
    table = _KEYBOARD.get(lang)
    if not table:
        return text
    out = text.translate(table)
    return out.translate(_ARABIC_KEYBOARD) if arabic_keyboard and lang == "ckb" else out


_EN_FUNCTION = frozenset("the and is are was were of that this with for have has not you they it be been will would "
                         "what which there their from about but should could".split())


def detect_language(text: str, model_path: str | os.PathLike | None = None) -> str:
    """Best guess among en, ckb, kmr, ar, tr, fa; "other" when there are no letters
    or the text is in another script / clearly another Latin-script language."""
    if not text:
        return "other"
    t = text if len(text) <= 320 else text[:320]
    words = _prep(t)
    if not words:
        return "other"
    n_lat = n_ar = n_oth = 0
    for w in words:
        c = w[0]
        if c < "\u0250":
            n_lat += len(w)
        elif "\u0600" <= c <= "\u077f" or c >= "\ufb50":
            n_ar += len(w)
        else:
            n_oth += len(w)
    if n_oth > n_lat + n_ar:
        return "other"
    if model_path is None:
        if not _DEFAULT_MODEL:
            _DEFAULT_MODEL.append(_load(str(ARTIFACT)))
        model = _DEFAULT_MODEL[0]
    else:
        model = _load(str(model_path))
    tl = t.lower()
    if n_ar >= n_lat:
        ckb = _count(t, _CKB_CH)
        if ckb >= 3:
            return "ckb"  # ە ێ ۆ ڕ ڵ ڤ are never written in Persian or Arabic
        arl = _count(t, _AR_CH)
        fal = _count(t, _FA_CH)
        if arl >= 3 and fal == 0 and ckb == 0 and ("ة" in t or "ى" in t):
            return "ar"
        if model is None:
            if ckb:
                return "ckb"
            return "ar" if arl >= fal else "fa"
        sc = model.scores(_features(words, model.vocab))
        a = float(sc[4]) + min(arl, 6) * 1.5
        f = float(sc[5]) + min(fal, 6) * 0.8
        k = float(sc[6]) + min(ckb, 6) * 2.5
        if k >= a and k >= f:
            return "ckb"
        return "ar" if a >= f else "fa"
    trl = _count(tl, _TR_CH)
    kml = _count(tl, _KMR_CH)
    if trl >= 3 and kml == 0 and "û" not in tl:
        return "tr"
    if trl == 0 and kml == 0 and len(words) >= 6:
        head = words[:24]
        n_en = sum(1 for w in head if w in _EN_FUNCTION)
        if n_en >= 3 and n_en * 4 >= len(head):
            return "en"
    if ("2" in t or "3" in t or "7" in t or "9" in t) and _ARABIZI_PRE.search(t):
        nz = len(_ARABIZI.findall(t))
        if nz >= 2 or (nz == 1 and len(words) <= 15):
            return "ar"
    if model is None:
        if trl > kml:
            return "tr"
        return "kmr" if kml else "en"
    sc = model.scores(_features(words, model.vocab))
    best = max(((float(sc[0]) + 1.0, "en"), (float(sc[1]) + min(trl, 5) * 2.0, "tr"),
                (float(sc[2]) + min(kml, 5) * 2.0, "kmr"), (float(sc[3]), "other")))
    return best[1]


def _mask(allowed) -> np.ndarray:
    m = np.zeros(len(CLASSES), dtype=bool)
    m[list(allowed)] = True
    return m


# ============================================================================ training

def _held_out(text: str) -> bool:
    return hashlib.md5(text.encode("utf-8")).digest()[0] % 10 == 0


def _inhouse(split: str) -> dict[str, list[str]]:
    """Our own labelled comments (all six languages) of one split ("train" or "check"): the
    check rows are always held out, the train rows always train."""
    from ._corpora import read_inhouse_comments

    out = defaultdict(list)
    for row_split, lang, _, text in read_inhouse_comments():
        if row_split == split:
            out[lang].append(text)
    return out


def _training_texts(data_dir: str) -> dict[str, list[str]]:
    from ._corpora import load_corpora, _read_tsv

    c = load_corpora(data_dir, per_lang=25000)
    out = {k: [t for t, _ in v] for k, v in c.items()}
    out["other"] = [t for t, _ in _read_tsv(os.path.join(data_dir, "multilingual-mlma-ar-fr-en", "fr_dataset.csv"),
                                            1, None, None, delimiter=",")]
    out["kmr"] = [ln.strip() for ln in KMR_SEED.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return out


def train_langid(data_dir: str, out_path: str | os.PathLike | None = None, min_count: int = 3,
                 max_features: int = 120000, alpha: float = 0.05) -> Path:
    texts = _training_texts(data_dir)
    counts = {c: Counter() for c in CLASSES}
    inhouse = _inhouse("train")
    for c in CLASSES:
        rows = [t for t in texts.get(c, []) if not _held_out(t)] + inhouse.get(c, [])
        reps = 1
        if c == "kmr":
            reps = 10  # small hand-written set: repeat so smoothing does not drown it
        for t in rows:
            f = _features(t)
            if c in _KEYBOARD:  # also learn the language as typed without its own letters
                for arabic_keyboard in ((False, True) if c == "ckb" else (False,)):
                    typed = keyboard_spelling(t, c, arabic_keyboard)
                    if typed != t:
                        f = f + _features(typed)
            for _ in range(reps):
                counts[c].update(f)
    total = Counter()
    for c in CLASSES:
        total.update(counts[c])
    kmr_feats = set(counts["kmr"])
    vocab = [f for f, n in total.most_common() if n >= min_count or f in kmr_feats][:max_features]
    V = len(vocab)
    logp = np.zeros((V, len(CLASSES)), dtype=np.float64)
    for j, c in enumerate(CLASSES):
        cnt = counts[c]
        arr = np.array([cnt.get(f, 0) for f in vocab], dtype=np.float64)
        logp[:, j] = np.log((arr + alpha) / (arr.sum() + alpha * V))
    # centre per feature so unknown-vs-known does not bias towards big classes
    logp -= logp.mean(axis=1, keepdims=True)
    out = Path(out_path or ARTIFACT)
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, vocab=np.array("\n".join(vocab)), logp=logp.astype(np.float16))
    _load.cache_clear()
    _DEFAULT_MODEL.clear()
    return out


def evaluate_langid(data_dir: str) -> dict[str, tuple[int, int]]:
    texts = _training_texts(data_dir)
    res = {}
    confusion = defaultdict(Counter)
    inhouse = _inhouse("check")
    for c in CLASSES:
        rows = [t for t in texts.get(c, []) if _held_out(t)] + inhouse.get(c, [])
        ok = 0
        for t in rows:
            p = detect_language(t)
            confusion[c][p] += 1
            ok += p == c
        res[c] = (ok, len(rows))
        if c in _KEYBOARD:  # the same held-out rows as typed without the language's own letters
            typed = [keyboard_spelling(t, c) for t in rows]
            old = [t.replace("\u06d5", "\u0647\u200c") for t in rows] if c == "ckb" else []
            arab = [keyboard_spelling(t, c, arabic_keyboard=True) for t in rows] if c == "ckb" else []
            for name, variant in ((f"{c}-keyboard", typed), (f"{c}-arabic-keyboard", arab), (f"{c}-old-style", old)):
                if variant:
                    preds = [detect_language(t) for t in variant]
                    confusion[name].update(preds)
                    res[name] = (sum(p == c for p in preds), len(variant))
    return res, confusion


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m majlis.screening.langid")
    ap.add_argument("--train", metavar="DATA_DIR")
    ap.add_argument("--evaluate", metavar="DATA_DIR")
    ap.add_argument("--out", default=str(ARTIFACT))
    ap.add_argument("text", nargs="*")
    a = ap.parse_args(argv)
    if a.train:
        p = train_langid(a.train, a.out)
        print("wrote", p, os.path.getsize(p), "bytes")
    if a.evaluate:
        res, conf = evaluate_langid(a.evaluate)
        for c, (ok, n) in res.items():
            acc = ok / n if n else float("nan")
            print(f"{c:6} {ok:6}/{n:<6} accuracy {acc:.3f}   confusions: {dict(conf[c].most_common(4))}")
    for t in a.text:
        print(detect_language(t), t)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
