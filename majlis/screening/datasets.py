"""Loaders for the labelled moderation datasets in ``/work/shared/data`` (never committed).

Every loader yields :class:`Example` rows whose ``labels`` map each of our six guideline codes to
``1``, ``0`` or ``None``.  ``None`` means the source does not annotate that code: it must be masked
in training and evaluation, never read as 0.  ``reject`` is an auxiliary target (any guideline
violation) that also carries the sources' generic "offensive" labels, which are not evidence for
any one code.  The mappings follow ``MANIFEST.md`` / ``MANIFEST-multilingual.md``.

Roles: ``train`` / ``dev`` / ``test`` come from a hash of the folded text (so duplicates and
case/zero-width variants never straddle splits); ``holdout`` marks the evaluation-only sets that
the manifests recommend (never trained on, never used for thresholds).  Any training row whose
text also occurs in a hold-out or test row is dropped (:func:`load_all`).

Data directory: ``--data DIR`` > ``$MAJLIS_DATA_DIR`` > ``<repo>/../shared/data``.
"""

from __future__ import annotations

import csv
import json
import os
import re
import sys
import tarfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from majlis.screening import _corpora
from majlis.screening.model import CODES, prepare

csv.field_size_limit(sys.maxsize)

REPO_ROOT = Path(__file__).resolve().parents[2]
ROLES = ("train", "dev", "test", "holdout")
ABUSE = ("profanity", "vulgarity", "threat", "personal_attack", "identity_abuse")


@dataclass
class Example:
    text: str
    lang: str
    labels: dict
    source: str
    role: str
    reject: int | None = None
    group: str | None = None  # e.g. thread / video, for reporting
    key: str = field(default="", repr=False)
    prepared: str = field(default="", repr=False)  # the model's folded text (cached)

    def target_vector(self) -> list:
        """7 values (six codes then reject), None for masked."""
        return [self.labels.get(c) for c in CODES] + [self.reject]


def data_dir(arg: str | os.PathLike | None = None) -> Path:
    if arg:
        return Path(arg)
    env = os.environ.get("MAJLIS_DATA_DIR")
    if env:
        return Path(env)
    return (REPO_ROOT / ".." / "shared" / "data").resolve()


# ------------------------------------------------------------------------------------------
# keys and splits
# ------------------------------------------------------------------------------------------

_KEY_DROP = re.compile(r"[\W_]+")
_KEY_MASKS = re.compile(r"\bx(?:url|user|email|phone)\b")


def dedup_key(text: str) -> str:
    """Duplicate-detection key: the model's folded text without masks, punctuation or spaces."""
    return _KEY_DROP.sub("", _KEY_MASKS.sub(" ", prepare(text)))


def split_of(text: str, dev_pct: int = 10, test_pct: int = 10, key: str | None = None) -> str:
    """Deterministic train/dev/test assignment from a hash of the folded text."""
    import hashlib

    k = dedup_key(text) if key is None else key
    b = int.from_bytes(hashlib.blake2b(k.encode("utf-8"), digest_size=8).digest(), "big") % 100
    if b < test_pct:
        return "test"
    if b < test_pct + dev_pct:
        return "dev"
    return "train"


def _labels(**kw) -> dict:
    out = {c: None for c in CODES}
    for k, v in kw.items():
        if k not in out:
            raise KeyError(k)
        out[k] = None if v is None else int(v)
    return out


def _clean(promotion=None) -> dict:
    """A source's clean class: no abuse code applies (promotion only if the source says so)."""
    return _labels(profanity=0, vulgarity=0, threat=0, personal_attack=0, identity_abuse=0, promotion=promotion)


def _ex(text, lang, labels, source, role, reject=None, group=None) -> Example:
    return Example(text=str(text), lang=lang, labels=labels, source=source, role=role, reject=reject, group=group)


def _csv_rows(path: Path, **kw) -> Iterator[dict]:
    with open(path, encoding=kw.pop("encoding", "utf-8"), newline="") as f:
        yield from csv.DictReader(f, **kw)


def _xlsx_rows(path: Path, header_row: int = 0, header: bool = True) -> Iterator[dict | tuple]:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True)
    ws = wb.worksheets[0]
    it = ws.iter_rows(values_only=True)
    for _ in range(header_row):
        next(it)
    if not header:
        yield from it
        wb.close()
        return
    cols = [str(c).strip() if c is not None else f"_{i}" for i, c in enumerate(next(it))]
    for row in it:
        yield dict(zip(cols, row))
    wb.close()


# ------------------------------------------------------------------------------------------
# English
# ------------------------------------------------------------------------------------------


def load_toxic_spans(d: Path) -> Iterator[Example]:
    """Civil Comments toxic spans: hold-out (threat, profanity; also personal_attack/identity_abuse).
    A type marked by >=2 annotators is positive, by none negative, by exactly one masked."""
    base = d / "en-civil-comments-toxic-spans"
    ann_comment = {r["annotation"]: r["comment_id"] for r in _csv_rows(base / "annotations.csv")}
    marks: dict = defaultdict(lambda: defaultdict(set))
    workers = {r["annotation"]: r["worker"] for r in _csv_rows(base / "annotations.csv")}
    for r in _csv_rows(base / "spans.csv"):
        cid = ann_comment.get(r["annotation"])
        if cid is None:
            continue
        marks[cid][r["type"].strip()].add(workers[r["annotation"]])
    type_map = {"Insult": "personal_attack", "Threat": "threat", "Identity based Attack": "identity_abuse",
                "Profane/Obscene": "profanity"}
    for r in _csv_rows(base / "comments.csv"):
        cid = r["comment_id"]
        lab = {}
        for t, code in type_map.items():
            n = len(marks[cid].get(t, ()))
            lab[code] = 1 if n >= 2 else (0 if n == 0 else None)
        any_pos = any(v == 1 for v in lab.values()) or len(marks[cid].get("Other Toxicity", ())) >= 2
        yield _ex(r["comment_text"], "en", _labels(**lab), "en-civil-comments-toxic-spans", "holdout",
                  reject=1 if any_pos else None)


def load_ucc(d: Path) -> Iterator[Example]:
    """Unhealthy Comments (test + val): hold-out for personal_attack (antagonize / hostile)."""
    for split in ("test", "val"):
        for r in _csv_rows(d / "en-ucc-unhealthy-comments" / f"{split}.csv"):
            pa = 1 if (r["antagonize"] == "1" or r["hostile"] == "1") else 0
            yield _ex(r["comment"], "en", _labels(personal_attack=pa), "en-ucc-unhealthy-comments", "holdout",
                      reject=pa if pa else None)


def load_sfu_ctc(d: Path) -> Iterator[Example]:
    """SFU CTC: hold-out, overall reject (toxicity 3-4) vs clean (1) on Globe and Mail comments."""
    for r in _csv_rows(d / "en-sfu-ctc-news-comments" / "SFU_constructiveness_toxicity.csv"):
        lvl = (r.get("is_toxic_popular_answer_1") or "").strip()[:1]
        rej = {"1": 0, "3": 1, "4": 1}.get(lvl)
        labels = _clean() if rej == 0 else _labels()
        yield _ex(r["comment"], "en", labels, "en-sfu-ctc-news-comments", "holdout", reject=rej,
                  group=r.get("title"))


def load_fox(d: Path) -> Iterator[Example]:
    """Fox News comments: hold-out for identity_abuse on news comments."""
    with open(d / "en-fox-news-comments" / "fox-news-comments.json", encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            r = json.loads(line)
            y = int(r["label"])
            yield _ex(r["text"], "en", _labels(identity_abuse=y), "en-fox-news-comments", "holdout",
                      reject=1 if y else None, group=r.get("title"))


def load_edos(d: Path) -> Iterator[Example]:
    """EDOS: sexism -> identity_abuse; category 1 -> threat; vector 2.3 -> vulgarity. Test split = hold-out."""
    for r in _csv_rows(d / "en-edos-sexism" / "edos_labelled_aggregated.csv"):
        sexist = r["label_sexist"] == "sexist"
        cat, vec = r["label_category"], r["label_vector"]
        lab = _labels(identity_abuse=int(sexist),
                      threat=1 if cat.startswith("1.") else (0 if sexist else None),
                      vulgarity=1 if vec.startswith("2.3") else None)
        role = "holdout" if r["split"] == "test" else None
        yield _ex(r["text"], "en", lab, "en-edos-sexism", role, reject=1 if sexist else None)


def load_hateval(d: Path) -> Iterator[Example]:
    """HatEval 2019 EN: HS -> identity_abuse (+ personal_attack when TR). Test (Sentropy relabels) = hold-out."""
    base = d / "en-hateval2019"
    relabel = {r["id"]: r for r in _csv_rows(base / "relabeled-sentropy" / "hateval2019_en_test.csv")}
    for split in ("train", "dev", "test"):
        for r in _csv_rows(base / f"hateval2019_en_{split}.csv"):
            src = relabel.get(r["id"], r) if split == "test" else r
            hs, tr = int(src["HS"]), int(src["TR"])
            lab = _labels(identity_abuse=hs, personal_attack=1 if (hs and tr) else None)
            yield _ex(r["text"], "en", lab, "en-hateval2019", "holdout" if split == "test" else None,
                      reject=1 if hs else None)


def load_c3(d: Path) -> Iterator[Example]:
    """C3 constructive comments (Globe and Mail): personal_attack majority -> 1; crowd 'no_toxic'
    majority with toxicity level 1 -> clean on every abuse code (news-domain hard negatives)."""
    for r in _csv_rows(d / "en-c3-constructive-comments" / "C3_anonymized.csv"):
        try:
            judges = float(r["njudgements_toxicity_expt"] or 0)
        except ValueError:
            judges = 0
        votes = {}
        for part in (r["toxicity_characteristics"] or "").split("\n"):
            if ":" in part:
                k, v = part.rsplit(":", 1)
                try:
                    votes[k.strip()] = float(v)
                except ValueError:
                    pass
        if judges <= 0:
            continue
        maj = {k for k, v in votes.items() if v / judges >= 0.5}
        try:
            level = float(r["crowd_toxicity_level"])
        except ValueError:
            level = None
        if "personal_attack" in maj:
            lab, rej = _labels(personal_attack=1), 1
        elif "abusive" in maj:
            lab, rej = _labels(), 1
        elif "no_toxic" in maj and level is not None and level <= 1.0 and not (maj - {"no_toxic"}):
            lab, rej = _clean(promotion=0), 0
        else:
            continue
        yield _ex(r["comment_text"], "en", lab, "en-c3-constructive-comments", None, reject=rej,
                  group=r.get("article_id"))


def load_olid(d: Path) -> Iterator[Example]:
    """OLID: UNT -> profanity; TIN+IND -> personal_attack; NOT -> clean. Test = hold-out (secondary)."""
    base = d / "en-olid-offenseval2019"

    def lab_of(a, b, c):
        if a == "NOT":
            return _clean(), 0
        if b == "UNT":
            return _labels(profanity=1), 1
        if c == "IND":
            return _labels(personal_attack=1), 1
        if c == "GRP":
            return _labels(), 1
        return _labels(), None  # TIN+OTH: often allowed criticism

    with open(base / "olid-training-v1.0.tsv", encoding="utf-8") as f:
        next(f)
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) < 5:
                continue
            lab, rej = lab_of(p[2], p[3], p[4])
            yield _ex(p[1], "en", lab, "en-olid-offenseval2019", None, reject=rej)
    la = {r["id"]: r["label"] for r in _csv_rows(base / "labels-levela.csv", fieldnames=["id", "label"])}
    lb = {r["id"]: r["label"] for r in _csv_rows(base / "labels-levelb.csv", fieldnames=["id", "label"])}
    lc = {r["id"]: r["label"] for r in _csv_rows(base / "labels-levelc.csv", fieldnames=["id", "label"])}
    with open(base / "testset-levela.tsv", encoding="utf-8") as f:
        next(f)
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) < 2 or p[0] not in la:
                continue
            lab, rej = lab_of(la[p[0]], lb.get(p[0], "NULL"), lc.get(p[0], "NULL"))
            yield _ex(p[1], "en", lab, "en-olid-offenseval2019", "holdout", reject=rej)


def load_davidson(d: Path) -> Iterator[Example]:
    """Davidson: hate -> identity_abuse; offensive -> reject only; neither -> clean. Train only."""
    for r in _csv_rows(d / "en-davidson-hate-offensive" / "labeled_data.csv"):
        cls = r["class"]
        if cls == "0":
            lab, rej = _labels(identity_abuse=1), 1
        elif cls == "1":
            lab, rej = _labels(identity_abuse=0), 1
        else:
            lab, rej = _clean(), 0
        yield _ex(r["tweet"], "en", lab, "en-davidson-hate-offensive", "train_only", reject=rej)


def load_ethos(d: Path) -> Iterator[Example]:
    """ETHOS: isHate >= .5 -> identity_abuse (violence -> threat); isHate == 0 -> not identity abuse."""
    base = d / "en-ethos"
    multi = {}
    for r in _csv_rows(base / "Ethos_Dataset_Multi_Label.csv", delimiter=";"):
        multi[r["comment"]] = r
    seen = set()
    for r in _csv_rows(base / "Ethos_Dataset_Binary.csv", delimiter=";"):
        t = r["comment"]
        seen.add(t)
        h = float(r["isHate"])
        m = multi.get(t)
        if h >= 0.5:
            thr = (1 if float(m["violence"]) >= 0.5 else 0) if m else None
            yield _ex(t, "en", _labels(identity_abuse=1, threat=thr), "en-ethos", None, reject=1)
        elif h == 0:
            yield _ex(t, "en", _labels(identity_abuse=0, threat=0), "en-ethos", None, reject=None)
    for t, m in multi.items():
        if t not in seen:
            yield _ex(t, "en", _labels(identity_abuse=1, threat=1 if float(m["violence"]) >= 0.5 else 0),
                      "en-ethos", None, reject=1)


def load_stormfront(d: Path) -> Iterator[Example]:
    """Stormfront sentences: hate -> identity_abuse, noHate -> 0."""
    base = d / "en-stormfront-hate"
    labels = {r["file_id"]: r["label"] for r in _csv_rows(base / "annotations_metadata.csv")}
    with tarfile.open(base / "all_files_sampled_train_sampled_test.tar.gz") as tf:
        for m in tf.getmembers():
            if not m.isfile() or not m.name.startswith("all_files/"):
                continue
            fid = Path(m.name).stem
            lab = labels.get(fid)
            if lab not in ("hate", "noHate"):
                continue
            text = tf.extractfile(m).read().decode("utf-8", "replace").strip()
            y = int(lab == "hate")
            yield _ex(text, "en", _labels(identity_abuse=y), "en-stormfront-hate", None, reject=1 if y else None)


def load_youtube_spam(d: Path) -> Iterator[Example]:
    """YouTube spam: hold-out for promotion (comment domain)."""
    for p in sorted((d / "en-youtube-spam").glob("Youtube0*.csv")):
        for r in _csv_rows(p):
            yield _ex(r["CONTENT"], "en", _labels(promotion=int(r["CLASS"])), "en-youtube-spam", "holdout",
                      reject=1 if r["CLASS"] == "1" else None, group=p.stem)


def load_sms_spam(d: Path) -> Iterator[Example]:
    """UCI SMS spam: promotion (train)."""
    with open(d / "en-sms-spam" / "SMSSpamCollection", encoding="utf-8", errors="replace") as f:
        for line in f:
            if "\t" not in line:
                continue
            lab, text = line.rstrip("\n").split("\t", 1)
            y = int(lab == "spam")
            yield _ex(text, "en", _labels(promotion=y), "en-sms-spam", None, reject=1 if y else None)


# ------------------------------------------------------------------------------------------
# Kurdish, Arabic, Turkish, Persian, multilingual
# ------------------------------------------------------------------------------------------


def load_sorani(d: Path) -> Iterator[Example]:
    """Hrazhan Sorani tweets: hold-out (ckb). 17 offensive; mostly a false-positive check."""
    with open(d / "kurdish-sorani-hrazhan-sentiment-offensive" / "data.tsv", encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            off = (r.get("is_offensive") or "").strip()
            if off.startswith("yes"):
                tgt = (r.get("target") or "").strip()
                lab = _labels(personal_attack=1 if tgt == "individual" else None)
                yield _ex(r["tweet"], "ckb", lab, "kurdish-sorani-hrazhan", "holdout", reject=1)
            elif off.startswith("no"):
                yield _ex(r["tweet"], "ckb", _clean(promotion=0), "kurdish-sorani-hrazhan", "holdout", reject=0)


_MPOLD_ERRORS = {26, 52, 55, 64, 113, 120, 130, 145, 159, 172, 183, 195, 227, 240, 242, 249, 263, 266, 296, 321,
                 335, 383, 399, 405, 409, 427, 457, 459, 468, 471}


_MPOLD_MENTION = re.compile(r"@User\.IDX\b", re.I)


def load_mpold(d: Path) -> Iterator[Example]:
    """MPOLD Arabic news comments: hold-out (ar). The 30 expert-flagged rows are dropped. MPOLD
    anonymised every reply's @name as ``@User.IDX``: it becomes the ``@USER`` the other sources use
    (the literal placeholder, a token no comment contains, read as an unknown handle: promotion)."""
    p = d / "arabic-mpold-news-comments" / "Arabic_offensive_comment_detection_annotation_4000_selected.xlsx"
    for r in _xlsx_rows(p):
        if r.get("Id") in _MPOLD_ERRORS or not r.get("Comment"):
            continue
        r["Comment"] = _MPOLD_MENTION.sub("@USER", str(r["Comment"]))
        sub = str(r.get("Vulgar:V/HateSpeech:HS/None:-") or "-").strip()
        if r["Majority_Label"] == "Offensive":
            if sub == "V":
                lab = _labels(vulgarity=1, profanity=1, identity_abuse=0)
            elif sub == "HS":
                lab = _labels(identity_abuse=1)
            else:
                lab = _labels(identity_abuse=0, vulgarity=0)
            yield _ex(r["Comment"], "ar", lab, "arabic-mpold", "holdout", reject=1, group=r.get("Platform"))
        else:
            yield _ex(r["Comment"], "ar", _clean(promotion=0), "arabic-mpold", "holdout", reject=0,
                      group=r.get("Platform"))


_OSACT22 = re.compile(r"^(\d+)[,\t](.*)[,\t](OFF|NOT_OFF)[,\t](NOT_HS|HS\d)[,\t](NOT_VLG|VLG)[,\t](NOT_VIO|VIO)\s*$")


def load_osact2022(d: Path) -> Iterator[Example]:
    """OSACT 2022 (train + dev): the richest Arabic schema (HS type, vulgar, violence)."""
    for name in ("train_data2022.csv", "dev_data2022.csv"):
        with open(d / "arabic-osact2022" / name, encoding="utf-8") as f:
            for line in f:
                m = _OSACT22.match(line.rstrip("\r\n"))
                if not m:
                    continue
                _, text, off, hs, vlg, vio = m.groups()
                text = text.strip().strip('"')
                if off == "NOT_OFF":
                    yield _ex(text, "ar", _clean(promotion=0), "arabic-osact2022", None, reject=0)
                    continue
                lab = _labels(
                    identity_abuse=1 if hs in ("HS1", "HS2", "HS4", "HS5", "HS6") else 0,
                    personal_attack=1 if hs == "HS3" else None,
                    vulgarity=int(vlg == "VLG"),
                    profanity=1 if vlg == "VLG" else None,
                    threat=int(vio == "VIO"),
                )
                yield _ex(text, "ar", lab, "arabic-osact2022", None, reject=1)


def load_osact2020(d: Path) -> Iterator[Example]:
    for name in ("OSACT2020-sharedTask-train.txt", "OSACT2020-sharedTask-dev.txt"):
        with open(d / "arabic-osact2020" / name, encoding="utf-8") as f:
            for line in f:
                p = line.rstrip("\r\n").split("\t")
                if len(p) < 3:
                    continue
                if p[1] == "NOT_OFF":
                    yield _ex(p[0], "ar", _clean(promotion=0), "arabic-osact2020", None, reject=0)
                elif p[1] == "OFF":
                    # HS here includes political/sport affiliation: too broad for identity_abuse=1
                    yield _ex(p[0], "ar", _labels(identity_abuse=0 if p[2] == "NOT_HS" else None),
                              "arabic-osact2020", None, reject=1)


def _hsab(rows: Iterable[tuple], source: str) -> Iterator[Example]:
    for text, cls in rows:
        if not text or not cls:
            continue
        cls = str(cls).strip().lower()
        if cls == "normal":
            yield _ex(text, "ar", _clean(promotion=0), source, None, reject=0)
        elif cls == "abusive":
            yield _ex(text, "ar", _labels(identity_abuse=0), source, None, reject=1)
        elif cls == "hate":
            yield _ex(text, "ar", _labels(identity_abuse=1), source, None, reject=1)


def load_lhsab(d: Path) -> Iterator[Example]:
    with open(d / "arabic-lhsab-levantine" / "L-HSAB", encoding="utf-8", newline="") as f:
        rows = ((r["Tweet"], r["Class"]) for r in csv.DictReader(f, delimiter="\t"))
        yield from _hsab(rows, "arabic-lhsab")


def load_thsab(d: Path) -> Iterator[Example]:
    rows = ((r[0], r[1]) for r in _xlsx_rows(d / "arabic-thsab-tunisian" / "T-HSAB.xlsx", header=False) if len(r) >= 2)
    yield from _hsab(rows, "arabic-thsab")


_MLMA_ID = {"origin": 1, "gender": 1, "sexual_orientation": 1, "religion": 1, "disability": 1}


def load_mlma(d: Path) -> Iterator[Example]:
    for lang, name in (("ar", "ar_dataset.csv"), ("en", "en_dataset.csv"), ("other", "fr_dataset.csv")):
        for r in _csv_rows(d / "multilingual-mlma-ar-fr-en" / name):
            sent = (r.get("sentiment") or "").strip()
            if sent == "normal":
                yield _ex(r["tweet"], lang, _clean(), f"mlma-{lang}", None, reject=0)
            elif sent:
                tgt = (r.get("target") or "").strip()
                yield _ex(r["tweet"], lang, _labels(identity_abuse=1 if tgt in _MLMA_ID else None), f"mlma-{lang}",
                          None, reject=1)


_VANETIK = ("ID2", "ID4", "ID5", "ID7", "ID10", "ID11", "ID12", "ID14", "ID16")


def _fix_mojibake(s: str) -> str:
    for enc in ("latin-1", "cp1252"):
        try:
            return s.encode(enc).decode("cp1256")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return s


def load_vanetik(d: Path) -> Iterator[Example]:
    base = d / "arabic-vanetik-taxonomy-reannotated" / "translated-datasets-repo"
    id_cols = ("racism", "xenophobia", "homophobia", "sexism", "religion")
    for vid in _VANETIK:
        p = base / f"arabic_off_lang_dataset_{vid}.xlsx"
        for r in _xlsx_rows(p, header_row=1 if vid == "ID16" else 0):
            text, off = r.get("text"), r.get("offensive")
            if text is None or off in (None, "null", ""):
                continue
            text = str(text).replace("_x000D_", " ")
            if vid == "ID16":
                text = _fix_mojibake(text)
                if "?" in text and not re.search(r"[\u0600-\u06ff]", text):
                    continue
            try:
                off = float(off)
            except (TypeError, ValueError):
                continue
            if off not in (0.0, 1.0):
                continue
            lang = "ar"
            if vid == "ID11" and not re.search(r"[\u0600-\u06ff]", text):
                lang = "other"  # French / Latin-script Darija
            src = f"arabic-vanetik-{vid}"
            if off == 0:
                yield _ex(text, lang, _clean(), src, None, reject=0)
                continue
            vals = [r.get(c) for c in id_cols]
            vals = [v for v in vals if v not in (None, "null", "")]
            ia = None
            if vals:
                try:
                    ia = int(any(float(v) >= 1 for v in vals))
                except (TypeError, ValueError):
                    ia = None
            if ia == 0 and vid not in ("ID2",):
                ia = None  # only MLMA-ar (ID2) annotates every identity type
            yield _ex(text, lang, _labels(identity_abuse=ia), src, None, reject=1)


def load_arabic_spam(d: Path) -> Iterator[Example]:
    """Arabic low-quality / scam tweets: promotion positives only (weak labels)."""
    base = d / "arabic-lowquality-spam-tweets"
    for r in _csv_rows(base / "2018_low-quality Tweets..csv"):
        yield _ex(r["text"], "ar", _labels(promotion=1), "arabic-spam-tweets", None, reject=1)
    for r in _csv_rows(base / "RawData_SCAM_Tweet_pt1_2019.txt"):
        yield _ex(r["text"], "ar", _labels(promotion=1), "arabic-spam-tweets", None, reject=1)
    with open(base / "RawData_Scam_Tweet_pt2_2019.txt", encoding="utf-8-sig", newline="") as f:
        for row in csv.reader(f):
            if row and row[0].strip():
                yield _ex(row[0], "ar", _labels(promotion=1), "arabic-spam-tweets", None, reject=1)


def load_turkish_offenseval(d: Path) -> Iterator[Example]:
    """OffensEval-2020 TR: OFF -> reject only (generic); NOT -> clean. Official test = hold-out."""
    base = d / "turkish-offenseval2020"

    def mk(text, lab, role):
        if lab == "NOT":
            return _ex(text, "tr", _clean(promotion=0), "turkish-offenseval2020", role, reject=0)
        return _ex(text, "tr", _labels(), "turkish-offenseval2020", role, reject=1)

    with open(base / "offenseval-tr-training-v1.tsv", encoding="utf-8") as f:
        next(f)
        for line in f:
            p = line.rstrip("\r\n").split("\t")
            if len(p) >= 3 and p[2] in ("NOT", "OFF"):
                yield mk(p[1], p[2], None)
    gold = {}
    with open(base / "offenseval-tr-labela-v1.tsv", encoding="utf-8") as f:
        for line in f:
            p = line.strip().split(",")
            if len(p) == 2:
                gold[p[0]] = p[1]
    with open(base / "offenseval-tr-testset-v1.tsv", encoding="utf-8") as f:
        next(f)
        for line in f:
            p = line.rstrip("\r\n").split("\t")
            if len(p) >= 2 and gold.get(p[0]) in ("NOT", "OFF"):
                yield mk(p[1], gold[p[0]], "holdout")


def load_turkish_sms(d: Path) -> Iterator[Example]:
    """Turkish SMS spam: promotion. The hash-test 20 % is a hold-out (manifest), the rest trains."""
    for r in _csv_rows(d / "turkish-sms-spam" / "TurkishSMSCollection.csv", delimiter=";"):
        g = (r.get("Group") or "").strip()
        if g not in ("1", "2"):
            continue
        y = int(g == "1")
        role = "holdout" if split_of(r["Message"], dev_pct=10, test_pct=20) == "test" else None
        yield _ex(r["Message"], "tr", _labels(promotion=y), "turkish-sms-spam", role, reject=1 if y else None)


def load_pars_off(d: Path) -> Iterator[Example]:
    """Pars-OFF (OLID scheme): UNT -> profanity, TIN+IND -> personal_attack, NOT -> clean."""
    for r in _csv_rows(d / "persian-pars-off" / "Pars-OFF" / "Pars-OFF_all.csv", encoding="utf-8-sig"):
        a, b, c = r["level_a"], r["level_b"], r["level_c"]
        if a == "NOT":
            yield _ex(r["tweet"], "fa", _clean(promotion=0), "persian-pars-off", None, reject=0)
        elif a == "OFF":
            if b == "UNT":
                lab = _labels(profanity=1)
            elif c == "IND":
                lab = _labels(personal_attack=1)
            else:
                lab = _labels()
            yield _ex(r["tweet"], "fa", lab, "persian-pars-off", None, reject=1)


_FA_IDENTITY = ("افغان", "عرب", "اعراب", "زن", "مسلمان", "مسیحی", "یهود", "بهائی", "بهایی", "شیعه", "سنی",
                "کرد", "ترک", "لر", "بلوچ", "چینی", "هندی", "همجنس", "ترنس", "مهاجر", "پناهجو", "سیاه",
                "دین اسلام", "اسلام")


# what may follow a group's stem in a PHate target: plurals and adjective endings ("افغانستانی ها",
# "مسلمانان", "عرب‌ها"); not the country ("عربستان", "افغانستان") or a verb ("کردند")
_FA_TARGET_SUFFIXES = ("", "ها", "های", "ان", "ون", "ی", "یان", "یها", "ستانی", "ستانیها", "ه")
# "the Islamic government", "the Islamic Emirate", "the Afghan governments": states, not people
_FA_POLITICAL = frozenset("حکومت جمهوری حمهوری دولت دولتهای دولت‌های امارت نظام رژیم".split())


def _fa_names_identity(target: str) -> bool:
    """A PHate hate target names people by who they are: a word of it is a group's stem plus a plural
    or adjective ending ("مسلمانان", "زنان", "افغانستانی ها"), not a longer word that merely holds
    the stem ("روزنامه نگاران" holds زن, "تسنیم" سنی, "کردند" کرد, "عربستان" عرب) and not an adjective
    of a state ("حکومت اسلامی")."""
    words = re.findall(r"\w+", target)
    for i, w in enumerate(words):
        if i and words[i - 1] in _FA_POLITICAL:
            continue
        for k in _FA_IDENTITY:
            if w.startswith(k) and w[len(k):] in _FA_TARGET_SUFFIXES:
                return True
    return False


def load_phate(d: Path) -> Iterator[Example]:
    """PHate: Violence -> threat, Vulgar -> vulgarity (+profanity), Hate -> identity_abuse only when an
    annotated target is an identity group (else personal_attack: the state, officials, supporters).
    Test split = hold-out (secondary, per category)."""
    base = d / "persian-phate"
    targets: dict = defaultdict(set)
    for r in _csv_rows(base / "Dataset_with_span_and_target.csv"):
        if r.get("Hate") == "1":
            targets[r["tweet_id"]].add((r.get("target") or "").strip())

    def is_identity(t: str) -> bool:
        if "جمهوری" in t or "نظام" in t:
            return False
        return _fa_names_identity(t)

    for split in ("train", "val", "test"):
        for r in _csv_rows(base / f"{split}_simple.csv"):
            v, h, g = int(r["Violenc"]), int(r["Hate"]), int(r["Vulgar"])
            ident = any(is_identity(t) for t in targets.get(r["tweet_id"], ()))
            lab = _labels(threat=v, vulgarity=g, profanity=1 if g else None,
                          identity_abuse=1 if (h and ident) else 0,
                          personal_attack=1 if (h and not ident) else None)
            if not (v or h or g):
                lab = _clean(promotion=0)
            yield _ex(r["text"], "fa", lab, "persian-phate", "holdout" if split == "test" else None,
                      reject=int(bool(v or h or g)))


def load_parsoffensive(d: Path) -> Iterator[Example]:
    """ParsOffensive Instagram comments: hold-out (fa), reject vs clean."""
    for r in _xlsx_rows(d / "persian-parsoffensive" / "ParsOffensive.xlsx"):
        text, lab = r.get("comment"), (r.get("label") or "").strip()
        if not text:
            continue
        if lab == "Offensive":
            yield _ex(text, "fa", _labels(), "persian-parsoffensive", "holdout", reject=1)
        elif lab == "Neutral":
            yield _ex(text, "fa", _clean(promotion=0), "persian-parsoffensive", "holdout", reject=0)



# ------------------------------------------------------------------------------------------
# in-house synthetic hard negatives: neutral news-comment sentences about war, militias,
# attacks and ethnic / religious groups (clean on every code). Train only, never evaluated.
# ------------------------------------------------------------------------------------------

_SYN = {
    "en": {
        "subj": ["The militia", "ISIS fighters", "The Peshmerga", "Turkish drones", "Iranian-backed groups", "The army",
                 "Coalition aircraft", "Gunmen", "PKK fighters", "Security forces", "The Popular Mobilization Forces",
                 "Unknown attackers", "Government troops", "A suicide bomber", "Rebel fighters"],
        "verb": ["attacked {p}", "shelled {p}", "bombed {p}", "struck targets in {p}", "killed three soldiers near {p}",
                 "launched rockets at {p}", "withdrew from {p}", "captured {p}", "ambushed a convoy near {p}",
                 "carried out an airstrike on {p}", "clashed with police in {p}", "blew up a bridge in {p}"],
        "place": ["Kirkuk", "Sinjar", "Mosul", "the Qandil mountains", "Duhok province", "a base near Erbil",
                  "Makhmour camp", "the border villages", "Baghdad airport", "Tuz Khurmatu", "Raqqa", "Halabja"],
        "tail": [", officials said.", " last night.", ", according to local sources.",
                 ". The government condemned the attack.", ". Civilians were among the dead.",
                 ". This has to stop, the region needs peace.", ". The ministry promised an investigation.", ".",
                 ". Where was the army?", ". Another sad day for Iraq."],
        "group": ["Kurds", "Arabs", "Turkmen", "Yazidis", "Assyrians", "Christians", "Shia Muslims", "Sunni Muslims",
                  "Jews", "refugees", "Syrian refugees", "migrants", "women", "Persians", "Turks", "Armenians",
                  "displaced families", "Muslims", "immigrants", "gay people"],
        "issue": ["the budget", "oil exports", "the elections", "reconstruction", "salaries", "the water crisis",
                  "the disputed territories", "security", "the new constitution"],
        "op": ["Source for anyone interested: {u} - the report on {i} is worth reading.", "According to this article {u}, the attack on {p} was planned for weeks.", "The government must protect {g} in {p}.", "{G} have lived in {p} for centuries.",
               "Discrimination against {g} is a real problem and should be reported.",
               "{G} and {g2} leaders met to discuss {i}.", "Why did the army fail to stop the attack on {p}?",
               "The assassination of the mayor of {p} was a political crime that must be investigated.",
               "ISIS must be defeated militarily, but {g} in {p} need help too.",
               "Airstrikes will not solve {i}.", "The article is one-sided about {g}; the author ignores {i}.",
               "Terrorism has no religion; {g} suffered the most from ISIS.", "I disagree with this policy on {i}.",
               "Many {g} were killed in the genocide, we must remember them.", "The war in {p} destroyed everything.",
               "Rudaw's coverage of {i} is biased, but the report on {p} was good.",
               "The militias should leave {p} and hand security to the police.",
               "How many more soldiers must die in {p} before the politicians agree on {i}?"],
    },
    "ar": {
        "subj": ["الميليشيات", "عناصر داعش", "قوات البيشمركة", "طائرات مسيرة تركية", "الجيش العراقي", "طيران التحالف",
                 "مسلحون مجهولون", "قوات الحشد الشعبي", "القوات الأمنية", "انتحاري", "فصائل مسلحة"],
        "verb": ["هاجمت {p}", "قصفت {p}", "استهدفت موقعا في {p}", "انسحبت من {p}", "سيطرت على {p}",
                 "قتلت ثلاثة جنود قرب {p}", "أطلقت صواريخ على {p}", "نصبت كمينا لقافلة قرب {p}"],
        "place": ["كركوك", "سنجار", "الموصل", "جبال قنديل", "محافظة دهوك", "قاعدة قرب أربيل", "مخيم مخمور",
                  "القرى الحدودية", "مطار بغداد", "طوزخورماتو", "الرقة", "حلبجة"],
        "tail": [" حسب مصادر محلية.", " الليلة الماضية.", " وأدانت الحكومة الهجوم.", " وقتل عدد من المدنيين.",
                 " ووعدت الوزارة بفتح تحقيق.", ".", " متى ينتهي هذا الوضع؟", " حسبنا الله، يوم حزين آخر للعراق."],
        "group": ["الكرد", "العرب", "التركمان", "الإيزيديين", "المسيحيين", "الشيعة", "السنة", "اللاجئين السوريين",
                  "النازحين", "النساء", "المسلمين", "اليهود", "الأقليات"],
        "issue": ["الموازنة", "رواتب الموظفين", "الانتخابات", "إعادة الإعمار", "تصدير النفط", "أزمة المياه",
                  "المناطق المتنازع عليها", "الأمن"],
        "op": ["المصدر لمن يريد التأكد: {u} والتقرير عن {i} مهم.", "حسب هذا الرابط {u} فإن الهجوم على {p} كان مخططا له.", "يجب على الحكومة حماية {g} في {p}.", "{G} يعيشون في {p} منذ قرون.", "التمييز ضد {g} مشكلة حقيقية.",
               "اجتمع ممثلو {g} و{g2} لمناقشة {i}.", "لماذا فشل الجيش في منع الهجوم على {p}؟",
               "اغتيال محافظ {p} جريمة سياسية يجب التحقيق فيها.", "يجب هزيمة داعش عسكريا ومساعدة {g} في {p}.",
               "الغارات الجوية لن تحل مشكلة {i}.", "المقال منحاز ضد {g} ويتجاهل {i}.",
               "الإرهاب لا دين له، و{g} عانوا كثيرا من داعش.", "الحرب في {p} دمرت كل شيء.",
               "على الفصائل المسلحة الخروج من {p} وتسليم الأمن للشرطة."],
    },
    "tr": {
        "subj": ["Milisler", "IŞİD militanları", "Peşmerge güçleri", "Türk SİHA'ları", "Irak ordusu",
                 "Koalisyon uçakları", "Kimliği belirsiz silahlı kişiler", "Haşdi Şabi güçleri", "Güvenlik güçleri",
                 "PKK militanları", "Bir canlı bomba"],
        "verb": ["{p} yakınlarındaki bir üssü vurdu", "{p} bölgesine saldırı düzenledi", "{p} bölgesini bombaladı",
                 "{p} bölgesinden çekildi", "{p} yakınlarında üç askeri öldürdü", "{p} bölgesine roket attı",
                 "{p} yakınlarında bir konvoya pusu kurdu"],
        "place": ["Kerkük", "Sincar", "Musul", "Kandil dağları", "Duhok", "Erbil", "Mahmur kampı",
                  "Bağdat havaalanı", "Tuzhurmatu", "Rakka", "Halepçe"],
        "tail": [", yerel kaynaklar bildirdi.", " dün gece.", ". Hükümet saldırıyı kınadı.",
                 ". Ölenler arasında siviller de var.", ". Bakanlık soruşturma başlattı.", ".",
                 ". Bu savaş artık bitmeli.", ". Bölgede barışa ihtiyaç var."],
        "group": ["Kürtler", "Araplar", "Türkmenler", "Ezidiler", "Hristiyanlar", "Şiiler", "Sünniler",
                  "Suriyeli mülteciler", "kadınlar", "Müslümanlar", "Yahudiler", "Ermeniler", "göçmenler"],
        "issue": ["bütçe", "petrol ihracatı", "seçimler", "yeniden yapılanma", "maaşlar", "su krizi", "güvenlik"],
        "op": ["İlgilenenler için kaynak: {u} {i} raporu okunmaya değer.", "Bu habere göre {u} {p} saldırısı haftalardır planlanıyordu.", "{G} ve {g2} temsilcileri {i} konusunu görüştü.", "{G} için daha fazla yardım gerekiyor.",
               "{G} yüzyıllardır {p} bölgesinde yaşıyor.", "Ordu {p} saldırısını neden önleyemedi?",
               "{p} valisine yapılan suikast siyasi bir suçtur ve soruşturulmalı.",
               "IŞİD askeri olarak yenilmeli ama {p} bölgesindeki siviller de korunmalı.",
               "Hava saldırıları {i} sorununu çözmez.", "Terörün dini yoktur, {g} IŞİD'den çok acı çekti.",
               "{p} bölgesindeki savaş her şeyi yok etti.", "Bu haber {i} konusunda taraflı."],
    },
    "fa": {
        "subj": ["شبه‌نظامیان", "نیروهای داعش", "نیروهای پیشمرگه", "پهپادهای ترکیه", "ارتش عراق",
                 "هواپیماهای ائتلاف", "افراد مسلح ناشناس", "نیروهای حشد الشعبی", "نیروهای امنیتی", "یک بمب‌گذار انتحاری"],
        "verb": ["به {p} حمله کردند", "{p} را بمباران کردند", "از {p} عقب‌نشینی کردند", "مواضعی در {p} را هدف قرار دادند",
                 "سه سرباز را در نزدیکی {p} کشتند", "به سمت {p} موشک شلیک کردند"],
        "place": ["کرکوک", "سنجار", "موصل", "کوه‌های قندیل", "استان دهوک", "اربیل", "اردوگاه مخمور", "روستاهای مرزی",
                  "فرودگاه بغداد", "حلبچه"],
        "tail": ["، منابع محلی گزارش دادند.", " دیشب.", ". دولت این حمله را محکوم کرد.",
                 ". غیرنظامیان نیز در میان کشته‌شدگان هستند.", ". وزارت وعده تحقیق داد.", ".", ". این جنگ باید تمام شود."],
        "group": ["کردها", "عرب‌ها", "ترکمن‌ها", "ایزدی‌ها", "مسیحیان", "شیعیان", "سنی‌ها", "پناهجویان افغان", "زنان",
                  "بلوچ‌ها", "یهودیان", "مهاجران", "بهائیان"],
        "issue": ["بودجه", "صادرات نفت", "انتخابات", "بازسازی", "حقوق کارمندان", "بحران آب", "امنیت"],
        "op": ["منبع برای علاقه‌مندان: {u} گزارش درباره {i} خواندنی است.", "طبق این خبر {u} حمله به {p} از هفته‌ها قبل برنامه‌ریزی شده بود.", "دولت باید از {g} در {p} محافظت کند.", "تبعیض علیه {g} یک مشکل واقعی است.",
               "نمایندگان {g} و {g2} درباره {i} گفتگو کردند.", "چرا ارتش نتوانست جلوی حمله به {p} را بگیرد؟",
               "ترور فرماندار {p} یک جنایت سیاسی است و باید بررسی شود.", "حملات هوایی مشکل {i} را حل نمی‌کند.",
               "تروریسم دین ندارد و {g} بیشترین آسیب را از داعش دیدند.", "جنگ در {p} همه چیز را نابود کرد.",
               "این گزارش درباره {i} یک‌طرفه است.", "{G} قرن‌هاست در {p} زندگی می‌کنند."],
    },
    "ckb": {
        "subj": ["میلیشیاکان", "چەکدارانی داعش", "هێزەکانی پێشمەرگە", "درۆنەکانی تورکیا", "سوپای عێراق",
                 "فڕۆکەکانی هاوپەیمانان", "چەکدارانی نەناسراو", "هێزەکانی حەشدی شەعبی", "هێزە ئەمنییەکان"],
        "verb": ["هێرشیان کردە سەر {p}", "{p}یان بۆردومان کرد", "لە {p} کشانەوە", "سێ سەربازیان لە نزیک {p} کوشت",
                 "مووشەکیان هاویشتە {p}"],
        "place": ["کەرکووک", "شنگال", "موسڵ", "چیای قەندیل", "پارێزگای دهۆک", "هەولێر", "کەمپی مەخمور", "هەڵەبجە",
                  "گوندە سنوورییەکان"],
        "tail": ["، سەرچاوە ناوخۆییەکان ڕایانگەیاند.", " شەوی ڕابردوو.", ". حکومەت هێرشەکەی شەرمەزار کرد.",
                 ". هاووڵاتیی مەدەنیش لە نێو کوژراواندان.", ".", ". ئەم شەڕە دەبێت کۆتایی بێت."],
        "group": ["کوردەکان", "عەرەبەکان", "تورکمانەکان", "ئێزیدییەکان", "مەسیحییەکان", "شیعەکان", "سوننەکان",
                  "پەنابەران", "ئافرەتان", "ئاوارەکان"],
        "issue": ["بودجە", "مووچە", "هەڵبژاردن", "نەوت", "ئاو", "ئاسایش"],
        "op": ["سەرچاوە بۆ ئەوانەی دەیانەوێت: {u} ڕاپۆرتەکە دەربارەی {i} گرنگە.", "بەپێی ئەم هەواڵە {u} هێرشەکەی سەر {p} پلانی بۆ دانرابوو.", "حکومەت دەبێت پارێزگاری لە {g} بکات لە {p}.", "جیاکاری دژی {g} کێشەیەکی ڕاستەقینەیە.",
               "نوێنەرانی {g} و {g2} دەربارەی {i} گفتوگۆیان کرد.", "بۆچی سوپا نەیتوانی ڕێگری لە هێرشەکەی {p} بکات؟",
               "داعش دەبێت بە سەربازی تێک بشکێنرێت.", "شەڕ لە {p} هەموو شتێکی وێران کرد.",
               "ئەم ڕاپۆرتە دەربارەی {i} لایەنگیرە.", "تیرۆر ئایینی نییە و {g} زۆر زیانیان لە داعش بینی."],
    },
}


_NEWS_URLS = ["https://www.rudaw.net/english/middleeast/iraq/291120261", "https://www.bbc.com/news/world-middle-east-6712",
              "www.un.org/en/observances/report", "https://reliefweb.int/report/iraq/situation-report",
              "https://www.kurdistan24.net/en/story/38211", "https://www.aljazeera.net/news/2026/11/28"]


def load_synthetic_negatives(d: Path | None = None, per_lang: int = 700, seed: int = 7) -> Iterator[Example]:
    """In-house neutral news sentences (5 languages) about war, militias, attacks and groups.
    Clean on every code; role ``train`` (never used for evaluation)."""
    import random

    rng = random.Random(seed)
    for lang, t in _SYN.items():
        seen = set()
        tries = 0
        while len(seen) < per_lang and tries < per_lang * 20:
            tries += 1
            if rng.random() < 0.5:
                s = f"{rng.choice(t['subj'])} {rng.choice(t['verb']).format(p=rng.choice(t['place']))}{rng.choice(t['tail'])}"
            else:
                g, g2 = rng.sample(t["group"], 2)
                s = rng.choice(t["op"]).format(g=g, G=g[:1].upper() + g[1:], g2=g2, p=rng.choice(t["place"]),
                                               i=rng.choice(t["issue"]), u=rng.choice(_NEWS_URLS))
            if s in seen:
                continue
            seen.add(s)
            yield _ex(s, lang, _clean(promotion=0), "synthetic-news-negatives", "train", reject=0)


_PROMO = {
    "en": ["Check out my channel {u}", "Subscribe to my YouTube channel for more videos like this!",
           "Follow me on Instagram @{h} for daily tips", "Earn {n} dollars per week working from home, visit {u}",
           "Best prices on {prod}, order now on WhatsApp {ph}", "Get a loan in 24 hours, no credit check! Call {ph}",
           "Invest in bitcoin with our expert team and double your money: {u}",
           "I make {n}$ a day with this simple trick, click here {u}", "Cheap {prod} in Erbil, book at {u}",
           "Visit my page and like please {u}", "DM me for the best deal on {prod}", "Buy followers and likes cheap: {u}",
           "Forex signals with 95% accuracy, join our Telegram {u}", "Hey guys please check my new video {u} thanks",
           "Looking for {prod}? We deliver to all of Kurdistan, call {ph}"],
    "ar": ["تابعوا قناتي على يوتيوب {u}", "اشترك في قناتي ليصلك كل جديد", "للطلب والاستفسار واتساب {ph}",
           "اربح {n} دولار يوميا من البيت، سجل الآن {u}", "أفضل الأسعار على {prod} اطلب الآن {ph}",
           "قرض سريع بدون كفيل اتصل {ph}", "استثمر في البيتكوين وضاعف أرباحك {u}", "زوروا صفحتي على انستغرام @{h}",
           "توصيات فوركس مجانية انضم لقناتنا على تلغرام {u}", "عروض خاصة على {prod} والتوصيل مجاني لجميع المحافظات {ph}"],
    "tr": ["Kanalıma abone olun {u}", "Instagram hesabımı takip edin @{h}", "Evden çalışarak günde {n} TL kazan, hemen tıkla {u}",
           "{prod} en uygun fiyatlarla, sipariş için WhatsApp {ph}", "Kredi notuna bakmadan anında kredi, ara {ph}",
           "Bitcoin yatırımı ile paranı ikiye katla {u}", "Bedava takipçi ve beğeni için tıkla {u}",
           "Telegram kanalımıza katılın, forex sinyalleri {u}"],
    "fa": ["کانال یوتیوب من را دنبال کنید {u}", "پیج اینستاگرام ما را فالو کنید @{h}",
           "کسب درآمد روزانه {n} دلار از خانه، ثبت نام کنید {u}", "بهترین قیمت {prod}، سفارش در واتساپ {ph}",
           "وام فوری بدون ضامن، تماس بگیرید {ph}", "سرمایه گذاری در بیت کوین و سود تضمینی {u}", "خرید فالوور ارزان {u}",
           "به کانال تلگرام ما بپیوندید {u}"],
    "ckb": ["سەبسکرایبی کەناڵەکەم بکەن {u}", "پەیجی ئینستاگرامەکەمان فۆڵۆ بکەن @{h}",
            "ڕۆژانە {n} دۆلار لە ماڵەوە قازانج بکە {u}", "باشترین نرخ بۆ {prod}، بۆ داواکردن واتسئاپ {ph}",
            "قەرزی خێرا بەبێ کەفیل پەیوەندی بکە {ph}", "بۆ زانیاری زیاتر سەردانی ماڵپەڕەکەمان بکەن {u}"],
}
_PROMO_FILL = {
    "u": ["www.bestdeal-shop.com", "http://bit.ly/2xYz9Q", "t.me/signals_vip", "https://youtube.com/c/mychannel",
          "www.earn-online.net/ref=123", "https://instagram.com/shop.erbil", "goo.gl/abc12"],
    "ph": ["+964 750 123 4567", "0770 987 6543", "+90 532 111 2233", "00989121234567", "07501234567", "+964-751-555-0101"],
    "h": ["best_deals_iq", "erbil_shop", "crypto_king", "slemani.store", "beauty_tips_krd"],
    "n": ["100", "250", "500", "1000", "3000"],
    "prod": {"en": ["iPhones", "weight loss pills", "gold jewellery", "used cars", "perfume", "apartments", "hotels"],
             "ar": ["الهواتف", "حبوب التنحيف", "العطور", "السيارات", "الذهب"],
             "tr": ["Telefonlar", "Zayıflama hapları", "Parfümler", "Araba kiralama"],
             "fa": ["گوشی", "قرص لاغری", "عطر", "طلا"],
             "ckb": ["مۆبایل", "حەبی لاوازبوون", "بۆن", "ئۆتۆمبێل"]},
}


def load_synthetic_promotion(d: Path | None = None, per_lang: int = 160, seed: int = 11) -> Iterator[Example]:
    """In-house comment-style promotion (channels, follows, WhatsApp numbers, loans, crypto) in
    five languages: positives for ``promotion`` only (the English hold-out is YouTube spam). Train only."""
    import random

    rng = random.Random(seed)
    for lang, tpls in _PROMO.items():
        seen = set()
        tries = 0
        while len(seen) < per_lang and tries < per_lang * 30:
            tries += 1
            f = {k: rng.choice(v) for k, v in _PROMO_FILL.items() if k != "prod"}
            f["prod"] = rng.choice(_PROMO_FILL["prod"][lang])
            s = rng.choice(tpls).format(**f)
            if rng.random() < 0.3:
                s = s + " " + rng.choice(["🔥", "👇👇", "!!!", "💰💰", "✅", ""])
            if s in seen:
                continue
            seen.add(s)
            yield _ex(s, lang, _labels(profanity=0, vulgarity=0, threat=0, personal_attack=0, identity_abuse=0,
                                       promotion=1), "synthetic-promotion", "train", reject=1)


INHOUSE_COMMENTS = Path(_corpora.INHOUSE_COMMENTS)


def load_inhouse_comments(d: Path | None = None, path: Path = INHOUSE_COMMENTS) -> Iterator[Example]:
    """Reader comments in all six languages written for this project and labelled on
    every code (``seed_text/inhouse_comments.tsv``: split, lang, labels, text). ``train`` rows
    train; ``check`` rows (written separately) are a hold-out. No public dataset covers Kurdish
    per code, nor Turkish per code: these rows are the only per-code signal there; elsewhere they add
    news-comment hard negatives. Small and written by us: their hold-out figures are a sanity check,
    not a benchmark."""
    for split, lang, codes, text in _corpora.read_inhouse_comments(str(path), codes=CODES):
        yield _ex(text, lang, _labels(**{c: int(c in codes) for c in CODES}), "inhouse-comments",
                  "train" if split == "train" else "holdout", reject=int(bool(codes)))


FUNCTIONAL_CASES = Path(_corpora.FUNCTIONAL_CASES)
FUNCTIONAL_TEMPLATES = Path(_corpora.FUNCTIONAL_TEMPLATES)
# the groups each template of ``functional_templates.tsv`` is written with, plural: "{G} are ...";
# Arabic gives (subject, object) forms, {G} and {GO}: المهاجرون حثالة / أكره المهاجرين
FUNCTIONAL_GROUPS = {
    "en": ("women", "trans people", "gay people", "black people", "disabled people", "Muslims", "immigrants",
           "refugees", "Jews", "Christians", "Kurds", "Arabs", "Yazidis"),
    "ar": (("النساء", "النساء"), ("المهاجرون", "المهاجرين"), ("اللاجئون", "اللاجئين"), ("اليهود", "اليهود"),
           ("المسيحيون", "المسيحيين"), ("المسلمون", "المسلمين"), ("المثليون", "المثليين"), ("السود", "السود"),
           ("المعاقون", "المعاقين"), ("الأكراد", "الأكراد"), ("الشيعة", "الشيعة"), ("العرب", "العرب"),
           ("الأفارقة", "الأفارقة"), ("الإيزيديون", "الإيزيديين")),
    # Turkish, Persian and Kurdish have only neutral and positive templates (the plural subject
    # form): hateful Turkish templates taught the model to flag neutral sentences about groups
    "tr": ("Kadınlar", "Kürtler", "Suriyeliler", "Göçmenler", "Mülteciler", "Eşcinseller", "Yahudiler",
           "Hristiyanlar", "Aleviler", "Ermeniler", "Araplar", "Afganlar", "Engelliler", "Romanlar"),
    # Persian: the colloquial plurals too (افغانی‌ها, عربا, ترکا), as tweets and comments write them
    "fa": ("زنان", "کردها", "افغان‌ها", "عرب‌ها", "بهایی‌ها", "یهودیان", "مسیحیان", "همجنس‌گراها",
           "مهاجران", "پناهجویان", "معلولان", "ترک‌ها", "بلوچ‌ها", "اهل سنت", "افغانی‌ها", "افغانستانی‌ها",
           "عربا", "ترکا", "یهودی‌ها"),
    "ckb": ("ئافرەتان", "عەرەبەکان", "تورکەکان", "ئێزیدییەکان", "کۆچبەران", "پەنابەران", "مەسیحییەکان",
            "جوولەکەکان", "شیعەکان", "فەیلییەکان", "کاکەییەکان", "کەمئەندامان"),
    "kmr": ("Jin", "Ereb", "Tirk", "Êzidî", "Koçber", "Penaber", "Xiristiyan", "Cihû", "Ermenî", "Elewî",
            "Suryanî", "Kurd"),
}


def expand_functional_templates(path: Path = FUNCTIONAL_TEMPLATES):
    """``(lang, functionality, codes, text)`` for every template written with every group of
    its language (first letter capitalised)."""
    for lang, func, codes, template in _corpora.read_functional_templates(str(path), codes=CODES):
        for group in FUNCTIONAL_GROUPS[lang]:
            subject, obj = group if isinstance(group, tuple) else (group, group)
            text = template.replace("{GO}", obj).replace("{G}", subject)
            yield lang, func, codes, text[:1].upper() + text[1:]


def load_functional_cases(d: Path | None = None, path: Path = FUNCTIONAL_CASES,
                          templates: Path = FUNCTIONAL_TEMPLATES) -> Iterator[Example]:
    """HateCheck-style functional cases in all six languages (``seed_text/functional_cases.tsv``,
    written for the project, plus the expanded ``functional_templates.tsv``): hate aimed at a
    group (emotion, attributes, dehumanisation, implicit, threats, slurs, evasive spelling) beside
    its look-alikes that must pass (negation, counter-speech, quotes, neutral and positive
    mentions). Labelled on every code; ``group`` = the functionality. Template rows and ``train``
    rows train; ``check`` rows, written in other sentence frames, are a hold-out."""
    rows = [("train", lang, func, codes, text) for lang, func, codes, text in expand_functional_templates(templates)]
    rows += list(_corpora.read_functional_cases(str(path), codes=CODES))
    for split, lang, func, codes, text in rows:
        yield _ex(text, lang, _labels(**{c: int(c in codes) for c in CODES}), "inhouse-functional",
                  "train" if split == "train" else "holdout", reject=int(bool(codes)), group=func)


KMR_SENTENCES = Path(__file__).resolve().parent / "seed_text" / "kmr.txt"


def load_kmr_sentences(d: Path | None = None, path: Path = KMR_SENTENCES) -> Iterator[Example]:
    """The everyday Kurmanji sentences written for the language id (``seed_text/kmr.txt``):
    clean on every code, train only. Kurmanji has no public labelled comments, and in our own
    rows everyday words (kir "did", kurê "son of", the future "ê") occur mostly in insults and
    threats; these rows teach the model their harmless use."""
    seen = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        t = line.strip()
        if t and t not in seen:
            seen.add(t)
            yield _ex(t, "kmr", _clean(promotion=0), "kmr-seed-sentences", "train", reject=0)


LOADERS: dict[str, Callable[[Path], Iterator[Example]]] = {
    "en-civil-comments-toxic-spans": load_toxic_spans,
    "en-ucc-unhealthy-comments": load_ucc,
    "en-sfu-ctc-news-comments": load_sfu_ctc,
    "en-fox-news-comments": load_fox,
    "en-edos-sexism": load_edos,
    "en-hateval2019": load_hateval,
    "en-c3-constructive-comments": load_c3,
    "en-olid-offenseval2019": load_olid,
    "en-davidson-hate-offensive": load_davidson,
    "en-ethos": load_ethos,
    "en-stormfront-hate": load_stormfront,
    "en-youtube-spam": load_youtube_spam,
    "en-sms-spam": load_sms_spam,
    "kurdish-sorani-hrazhan-sentiment-offensive": load_sorani,
    "arabic-mpold-news-comments": load_mpold,
    "arabic-osact2022": load_osact2022,
    "arabic-osact2020": load_osact2020,
    "arabic-lhsab-levantine": load_lhsab,
    "arabic-thsab-tunisian": load_thsab,
    "multilingual-mlma-ar-fr-en": load_mlma,
    "arabic-vanetik-taxonomy-reannotated": load_vanetik,
    "arabic-lowquality-spam-tweets": load_arabic_spam,
    "turkish-offenseval2020": load_turkish_offenseval,
    "turkish-sms-spam": load_turkish_sms,
    "persian-pars-off": load_pars_off,
    "persian-phate": load_phate,
    "persian-parsoffensive": load_parsoffensive,
    "synthetic-news-negatives": load_synthetic_negatives,
    "synthetic-promotion": load_synthetic_promotion,
    "inhouse-comments": load_inhouse_comments,
    "kmr-seed-sentences": load_kmr_sentences,
    "inhouse-functional": load_functional_cases,
}
IN_HOUSE = {"synthetic-news-negatives", "synthetic-promotion", "inhouse-comments", "kmr-seed-sentences",
            "inhouse-functional"}

HOLDOUT_NOTES = {
    "en-civil-comments-toxic-spans": "hold-out: threat, profanity (also personal_attack, identity_abuse)",
    "en-ucc-unhealthy-comments": "hold-out: personal_attack",
    "en-sfu-ctc-news-comments": "hold-out: overall reject on news comments",
    "en-fox-news-comments": "hold-out: identity_abuse on news comments",
    "en-edos-sexism": "official test split = hold-out (sexism)",
    "en-hateval2019": "official test (Sentropy relabels) = hold-out (xenophobia/sexism)",
    "en-olid-offenseval2019": "official test = secondary hold-out",
    "en-youtube-spam": "hold-out: promotion",
    "kurdish-sorani-hrazhan-sentiment-offensive": "hold-out (ckb)",
    "arabic-mpold-news-comments": "hold-out (ar)",
    "turkish-offenseval2020": "official test = hold-out (tr)",
    "turkish-sms-spam": "hash-20 % = hold-out (tr promotion)",
    "persian-phate": "official test = hold-out (fa, per category)",
    "persian-parsoffensive": "hold-out (fa)",
    "inhouse-comments": "our own check rows (all six languages, per code): sanity check, written by us",
    "inhouse-functional": "our own HateCheck-style check rows, in sentence frames the train rows do not use",
}


def _merge(a: Example, b: Example) -> None:
    """Merge b's labels into a (duplicate text in one source/role): any positive wins."""
    for c in CODES:
        va, vb = a.labels.get(c), b.labels.get(c)
        if va is None:
            a.labels[c] = vb
        elif vb is not None:
            a.labels[c] = max(va, vb)
    if a.reject is None:
        a.reject = b.reject
    elif b.reject is not None:
        a.reject = max(a.reject, b.reject)


def load_all(data: str | os.PathLike | None = None, sources: Iterable[str] | None = None,
             progress: bool = False) -> list[Example]:
    """Load every available source, assign roles, deduplicate, and drop training rows that leak
    into dev/test/hold-out rows.  Missing folders are skipped (with a note on stderr)."""
    d = data_dir(data)
    if sources is None and not d.exists():
        print(f"[datasets] data directory {d} not found", file=sys.stderr)
        return []
    names = list(sources) if sources else list(LOADERS)
    raw: list[Example] = []
    it = names
    if progress:
        from tqdm import tqdm

        it = tqdm(names, desc="loading datasets", unit="source")
    for name in it:
        if name not in IN_HOUSE and not (d / name).exists():
            print(f"[datasets] missing {name}, skipped", file=sys.stderr)
            continue
        for ex in LOADERS[name](d):
            if not ex.text or not str(ex.text).strip():
                continue
            ex.prepared = prepare(ex.text)
            ex.key = _KEY_DROP.sub("", _KEY_MASKS.sub(" ", ex.prepared))
            if not ex.key:
                continue
            if ex.role is None:
                ex.role = split_of(ex.text, key=ex.key)
            elif ex.role == "train_only":
                s = split_of(ex.text, key=ex.key)
                ex.role = "train" if s == "train" else "dev" if s == "dev" else "test"
            raw.append(ex)

    # dedupe within (source, role); merge labels
    by: dict = {}
    out: list[Example] = []
    for ex in raw:
        k = (ex.source, ex.role, ex.key)
        if k in by:
            _merge(by[k], ex)
        else:
            by[k] = ex
            out.append(ex)

    # leakage: a text present in a hold-out / test row never trains or tunes; hold-out beats test
    eval_keys = {ex.key for ex in out if ex.role in ("holdout",)}
    test_keys = {ex.key for ex in out if ex.role == "test"}
    final = []
    for ex in out:
        if ex.role in ("train", "dev") and (ex.key in eval_keys or ex.key in test_keys):
            continue
        if ex.role == "test" and ex.key in eval_keys:
            continue
        final.append(ex)
    return final


def summary(examples: Iterable[Example]) -> dict:
    """Row counts per source and role, and positives per code."""
    out: dict = defaultdict(lambda: defaultdict(Counter))
    for ex in examples:
        s = out[ex.source][ex.role]
        s["rows"] += 1
        for c in CODES:
            v = ex.labels.get(c)
            if v is not None:
                s[f"{c}_labelled"] += 1
                s[f"{c}_pos"] += v
        if ex.reject is not None:
            s["reject_labelled"] += 1
            s["reject_pos"] += ex.reject
    return {k: {r: dict(c) for r, c in v.items()} for k, v in out.items()}
