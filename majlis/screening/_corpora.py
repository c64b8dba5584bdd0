"""Readers for the shared datasets (build-time only: langid training, lexicon pruning).

Nothing here is needed at runtime; every reader tolerates a missing file.
Returns ``{lang: [(text, offensive_or_None), ...]}``.
"""
from __future__ import annotations

import csv
import os
import re
import sys

csv.field_size_limit(sys.maxsize)

_MASKS = re.compile(r"@USER|\bURL\b|<LF>")

SEED_TEXT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "seed_text")
INHOUSE_COMMENTS = os.path.join(SEED_TEXT, "inhouse_comments.tsv")
INHOUSE_SPLITS = ("train", "check")
FUNCTIONAL_CASES = os.path.join(SEED_TEXT, "functional_cases.tsv")
FUNCTIONAL_TEMPLATES = os.path.join(SEED_TEXT, "functional_templates.tsv")


def _labelled_rows(path: str, ncols: int):
    """``(line, fields)`` for each row of one of our TAB-separated files that is not blank or a
    ``#`` comment; a row without exactly ``ncols`` fields is a ``ValueError``."""
    if not os.path.exists(path):
        return
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != ncols:
                raise ValueError(f"{os.path.basename(path)}: expected {ncols} columns in {line[:80]!r}")
            yield line, parts


def _codes_of(labels: str, codes, path: str, line: str) -> set:
    found = set() if labels == "clean" else set(labels.split(","))
    if codes is not None and found - set(codes):
        raise ValueError(f"{os.path.basename(path)}: unknown code in {line[:80]!r}")
    return found


def _split_rows(path: str, ncols: int, codes):
    """Rows of a file whose first column is the split and whose last two are labels and text:
    ``(split, *middle columns, set of codes, text)``."""
    for line, (split, *middle, labels, text) in _labelled_rows(path, ncols):
        if split not in INHOUSE_SPLITS:
            raise ValueError(f"{os.path.basename(path)}: bad split in {line[:80]!r}")
        yield (split, *middle, _codes_of(labels, codes, path, line), text)


def read_inhouse_comments(path: str = INHOUSE_COMMENTS, codes=None):
    """Rows of our own labelled comments file as ``(split, lang, labels, text)``; ``labels`` is
    the set of codes (empty for ``clean``). With ``codes``, a row naming another code or split is
    a ``ValueError``. A missing file yields nothing."""
    yield from _split_rows(path, 4, codes)


def read_functional_cases(path: str = FUNCTIONAL_CASES, codes=None):
    """Rows of our HateCheck-style functional cases as ``(split, lang, functionality, labels,
    text)``; ``labels`` is the set of codes (empty for ``clean``). A missing file yields nothing."""
    yield from _split_rows(path, 5, codes)


def read_functional_templates(path: str = FUNCTIONAL_TEMPLATES, codes=None):
    """Rows of the functional templates as ``(lang, functionality, labels, template)``; the
    template names the group as ``{G}`` (or, in Arabic, ``{GO}`` where it is an object). A missing
    file yields nothing."""
    for line, (lang, func, labels, template) in _labelled_rows(path, 4):
        if "{G}" not in template and "{GO}" not in template:
            raise ValueError(f"{os.path.basename(path)}: no {{G}} in {line[:80]!r}")
        yield lang, func, _codes_of(labels, codes, path, line), template


def _clean(t: str) -> str:
    return _MASKS.sub(" ", t).strip()


def _read_tsv(path, text_col, label_col=None, pos=None, delimiter="\t", skip_header=True, encoding="utf-8-sig"):
    out = []
    if not os.path.exists(path):
        return out
    with open(path, encoding=encoding, errors="replace", newline="") as f:
        r = csv.reader(f, delimiter=delimiter)
        for i, row in enumerate(r):
            if i == 0 and skip_header:
                continue
            if len(row) <= text_col:
                continue
            lab = None
            if label_col is not None and len(row) > label_col:
                lab = row[label_col].strip() in pos
            t = _clean(row[text_col])
            if t:
                out.append((t, lab))
    return out


def load_corpora(data_dir: str, per_lang: int = 30000) -> dict[str, list]:
    d = data_dir
    j = os.path.join
    c: dict[str, list] = {k: [] for k in ("en", "tr", "fa", "ar", "ckb")}
    c["en"] += _read_tsv(j(d, "en-olid-offenseval2019", "olid-training-v1.0.tsv"), 1, 2, {"OFF"})
    c["en"] += _read_tsv(j(d, "en-c3-constructive-comments", "C3_anonymized.csv"), 3, None, None, delimiter=",")
    c["en"] += _read_tsv(j(d, "en-sms-spam", "SMSSpamCollection"), 1, None, None, skip_header=False)
    c["tr"] += _read_tsv(j(d, "turkish-offenseval2020", "offenseval-tr-training-v1.tsv"), 1, 2, {"OFF"})
    c["tr"] += _read_tsv(j(d, "turkish-sms-spam", "TurkishSMSCollection.csv"), 0, None, None, delimiter=";")
    c["fa"] += _read_tsv(j(d, "persian-pars-off", "Pars-OFF", "Pars-OFF_levela_train.csv"), 0, 1, {"OFF"}, delimiter=",")
    c["fa"] += _read_tsv(j(d, "persian-phate", "train_simple.csv"), 1, None, None, delimiter=",")
    c["ar"] += _read_tsv(j(d, "arabic-osact2020", "OSACT2020-sharedTask-train.txt"), 0, 1, {"OFF"}, skip_header=False)
    c["ar"] += _read_tsv(j(d, "multilingual-mlma-ar-fr-en", "ar_dataset.csv"), 1, None, None, delimiter=",")
    c["ckb"] += _read_tsv(j(d, "kurdish-sorani-hrazhan-sentiment-offensive", "data.tsv"), 2, 5, {"yes (+)"})
    for k in c:
        c[k] = c[k][:per_lang]
    return c
