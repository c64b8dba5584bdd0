"""Multilingual lexicon: build (from the shared word lists + hand-curated seeds) and match.

Runtime only needs the committed artifact ``artifacts/lexicon.json.gz``.

Matching works on the folded text of :func:`majlis.screening.normalise.normalise`
token by token, so it is word-boundary aware by construction (``Scunthorpe``,
``assassination``, ``cocktail``, ``Essex``, ``analysis`` never match). On top of
exact token / phrase look-ups it handles:

* inflection: English suffixes for terms of 4+ letters (``fucking``, ``dickhead``),
  Turkish / Kurmanji suffixes for terms of 5+ letters, Arabic-script clitic
  prefixes (و ف ب ل ال يا) and suffixes (ه ها ك ي ان ها ت ...) for terms of 4+ letters;
* stretched letters (``fuuuuck``), split words (``sh.it``, ``f u c k``), masked
  letters (``f*ck``, ``sh**``), Arabizi digits (``7mar``) via the ``.arabizi`` view;
* proper names: terms flagged ``name`` (``Dick``) are skipped when capitalised next
  to another capitalised word (``Dick Cheney``, ``Moby Dick``);
* language scope: each entry applies to its own language (plus related languages of
  the same script for long strong terms), or to every language when flagged ``any``.

Each hit carries a weight: ``>= 0.9`` strong evidence, ``< 0.6`` weak evidence that
must never decide a verdict alone (HurtLex, AraHate, LDNOOBW-v2, ambiguous words).
"""
from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .normalise import WORD_RX as _TOKEN
from .normalise import Normalised, fold_term, normalise, squeeze
from .promotion import EMAIL_RX

__all__ = ["Hit", "Lexicon", "build_lexicon", "ARTIFACT"]

HERE = Path(__file__).resolve().parent
ARTIFACT = HERE / "artifacts" / "lexicon.json.gz"
SEED = HERE / "seed_text" / "lexicon_seed.tsv"

CODES = ("profanity", "vulgarity", "threat", "personal_attack", "identity_abuse", "promotion")
LATIN_LANGS = ("en", "tr", "kmr")
ARAB_LANGS = ("ar", "fa", "ckb")

_ARABIC_CHAR = re.compile(r"[\u0600-\u06ff]")
_DIGIT = re.compile(r"\d")
_PAIR = re.compile(r"(?<![^\W_])([^\W_]++)([.\-_'`´’|/\\]|[*#%]{1,3}|[\u2600-\u27bf\U0001f300-\U0001faff]{1,2})"
                   r"(?=([^\W_]+))")
_STRETCH_ORIG = re.compile(r"(\w)\1\1", re.IGNORECASE)
_TRAIL_MASK = re.compile(r"(?<![^\W_])([^\W_]++)([*#%]{1,4})(?![^\W_])")

EN_SUFFIXES = frozenset(
    "s es ed d ing in ings er ers y ie ies ty head heads hole holes face faces wit wits bag bags tard tards "
    "fest ish ass z n nn a".split()
)
AR_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "يا")
_AR_P1 = frozenset("وفبل")
_AR_P2 = frozenset(("ال", "لل", "يا"))
_AR_P3 = frozenset(("وال", "بال", "فال", "كال"))
AR_SUFFIXES = frozenset(
    "ه ها هم هن ك كم كن ي ني نا ين ون ات ان يه يها يهم ت تي تك ته تها تم تن وا ا هاي هكه هكان كه كان يان "
    "ش م مان تان شان تون مون شون ي ها اي هي ه يت يم ين ن يه يان هكهي هكهت هكهم يهتي يتي ته".split()
)
TR_SUFFIX_CHARS = re.compile(r"[a-zı]{1,7}")


# English threat grammar: (I|we) + modal + [adverb] + violent verb + target. Gated by the verb set.
_THREAT_VERBS = ("kill|murder|shoot|stab|behead|slaughter|hang|lynch|rape|strangle|butcher|execute|burn|bomb|gut|"
                 "torture|beat|punch|hurt|hunt|choke|slit|shot|stabbed")
_THREAT_VERB_SET = frozenset(_THREAT_VERBS.split("|")) | {"die", "dead", "pay", "regret"}
_THREAT_RX = re.compile(
    r"\b(?:i|we|i\W?ll|we\W?ll|i\W?m|we\W?re|imma|ima|gonna|finna|gon)\s+(?:(?:will|ll|shall|would|d|am|m|are|re|is|want to|wanna|gonna|going to|"
    r"personally|fucking|just|come|and|find|gladly|happily|to)\s+){0,4}"
    r"(?P<verb>" + _THREAT_VERBS + r")\s+(?:(?:the|up|down|out|all|of|personally|fucking)\s+){0,2}"
    r"(?P<obj>you|u|ya|yall|y all|him|her|them|your\s+\w+|his\s+\w+|this\s+\w+|that\s+\w+|the\s+author|"
    r"the\s+journalist|the\s+writer|every\s+one|each\s+of\s+you|everyone)\b"
    r"|\byou(?:\s+will|\W?ll|\s+are\s+going\s+to|\W?re\s+going\s+to|\W?re\s+gonna|\s+are\s+gonna|\s+gonna)\s+"
    r"(?:die|be\s+(?:killed|shot|dead|hanged|sorry|next)|pay\s+for\s+this|regret\s+this)\b"
    r"|\b(?:someone|somebody|they|we)\s+(?:should|must|need\s+to|needs\s+to|ought\s+to)\s+"
    r"(?:kill|shoot|hang|behead|rape|lynch|murder|execute)\s+(?:you|him|her|them|this\s+\w+|that\s+\w+)\b"
)
_THREAT_ENT_STRONG = ("threat pattern", "", ("threat",), None, "en", "threat grammar", 0.95, frozenset({"any"}), None)
_THREAT_ENT_MED = ("threat pattern", "", ("threat",), None, "en", "threat grammar", 0.75, frozenset({"any"}), None)


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    code: str
    term: str
    lang: str
    source: str
    weight: float = 1.0
    subtype: str | None = None

    def why(self) -> str:
        sub = f"/{self.subtype}" if self.subtype else ""
        strength = "" if self.weight >= 0.9 else (", medium" if self.weight >= 0.6 else ", weak")
        return f'lexicon "{self.term}" ({self.lang} {self.code}{sub}, {self.source}{strength})'


# entry tuple layout (compact): 0 display, 1 folded, 2 codes(tuple), 3 subtype, 4 lang, 5 source,
# 6 weight, 7 flags(frozenset), 8 scope(frozenset|None)


def _scope_for(lang: str, folded: str, weight: float, flags: set, explicit: str | None):
    if "any" in flags:
        return None
    if explicit:
        return frozenset(explicit.split("+"))
    sc = {lang}
    if lang == "ar" and folded.startswith("يا "):
        return frozenset(sc)  # the vocative يا ("O ...!") is "or" in Persian and Sorani: "جاسوس یا خائن"
    if weight >= 0.9 and "exact" not in flags and len(folded.replace(" ", "")) >= 5:
        if lang in LATIN_LANGS:
            sc.update(LATIN_LANGS)
        elif lang in ARAB_LANGS:
            sc.update(ARAB_LANGS)
    return frozenset(sc)


class Lexicon:
    def __init__(self, entries: list):
        self.entries = entries
        self.single: dict[str, list] = defaultdict(list)
        self.phrase: dict[str, list] = defaultdict(list)
        self.phrase_first: dict[str, int] = {}
        self.stems_latin: dict[str, list] = defaultdict(list)
        self.stems_arab: dict[str, list] = defaultdict(list)
        self.squeezed: dict[str, list] = defaultdict(list)
        self.arabizi: dict[str, list] = defaultdict(list)
        self.wild: dict[str, list] = defaultdict(list)
        for e in entries:
            folded = e[1]
            toks = folded.split(" ")
            if not folded:
                continue
            if len(toks) > 1:
                self.phrase[folded].append(e)
                self.phrase_first[toks[0]] = max(self.phrase_first.get(toks[0], 0), len(toks))
                continue
            self.single[folded].append(e)
            if _DIGIT.search(folded):
                self.arabizi[folded].append(e)
            flags = e[7]
            if "exact" in flags:
                continue
            if _ARABIC_CHAR.search(folded):
                if len(folded) >= 4:
                    self.stems_arab[folded].append(e)
            else:
                if len(folded) >= 4:
                    self.stems_latin[folded].append(e)
                sq = squeeze(folded)
                self.squeezed[sq].append(e)
                if e[6] >= 0.8 and len(folded) >= 3 and folded.isalpha():
                    self.wild[folded[0]].append(e)
        self._stem_pre_l = {k[:4] for k in self.stems_latin}
        self._single_keys = set(self.single)
        self._phrase_first_keys = set(self.phrase_first)
        self._phrase_bigrams = {" ".join(k.split(" ")[:2]) for k in self.phrase}
        self._stem_pre_a = {k[:3] for k in self.stems_arab}
        self.single = dict(self.single)
        self.phrase = dict(self.phrase)

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, path: str | os.PathLike | None = None) -> "Lexicon":
        return _load_cached(str(path or ARTIFACT))

    @classmethod
    def from_json(cls, data: dict) -> "Lexicon":
        entries = []
        for row in data["entries"]:
            display, folded, codes, sub, lang, source, weight, flags, scope = row
            entries.append((display, folded, tuple(codes), sub, lang, source, float(weight),
                            frozenset(flags), None if scope is None else frozenset(scope)))
        return cls(entries)

    # ------------------------------------------------------------------ matching
    def find(self, norm: Normalised | str, lang: str | None = None) -> list[Hit]:
        """All lexicon hits in ``norm`` (a :class:`Normalised` or raw text), with ORIGINAL offsets.

        ``lang``: detected language of the comment; entries outside their language scope
        are skipped. ``None`` or ``"other"`` applies every entry.
        """
        if isinstance(norm, str):
            norm = normalise(norm)
        text = norm.text
        words = _TOKEN.findall(text)
        tokset = set(words)
        norm.words = tokset
        if not words:
            return []
        single = self.single
        # per distinct token: entries it matches (exactly, inflected or stretched)
        res: dict[str, list] = {}
        for t in tokset & self._single_keys:
            res[t] = list(single[t])
        pre_l, pre_a = self._stem_pre_l, self._stem_pre_a
        for t in tokset:
            if len(t) < 4 or t in FALSE_FRIEND_TOKENS:
                continue
            if t[0] < "\u0600":
                if t[:4] not in pre_l:
                    continue
            elif not (t[:3] in pre_a
                      or (t[0] in _AR_P1 and (t[1:4] in pre_a or t[1:] in single))
                      or (t[:2] in _AR_P2 and t[2:5] in pre_a)
                      or (t[:3] in _AR_P3 and t[3:6] in pre_a)):
                continue
            if True:
                got: list = []
                self._inflected(t, got)
                if got:
                    res.setdefault(t, []).extend(got)
        squeezed_only: set = set()
        if norm.stretched:
            for t in tokset:
                if len(t) >= 3 and t not in res:
                    sq = squeeze(t)
                    if sq != t and sq in self.squeezed:
                        res[t] = list(self.squeezed[sq])
                        squeezed_only.add(t)
        firsts = tokset & self._phrase_first_keys
        words2 = words
        if "\u0648" in text or "\u0641" in text:
            pf = self._phrase_first_keys
            words2 = [w[1:] if w[0] in "\u0648\u0641" and w[1:] in pf else w for w in words]
            firsts = set(words2) & pf
        if firsts:
            if not firsts or {a + " " + b for a, b in zip(words2, words2[1:]) if a in firsts}.isdisjoint(
                    self._phrase_bigrams):
                firsts = set()
        found: list = []
        if res or firsts:
            toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
            n = len(toks)
            for i in range(n):
                s, e, w = toks[i]
                ents = res.get(w)
                if ents and w in squeezed_only:
                    o0, o1 = norm.to_original(s, e)
                    if not _STRETCH_ORIG.search(norm.original[o0:o1]):
                        ents = None
                if ents and ((i + 1 < n and (w, toks[i + 1][2]) in FALSE_FRIEND_PAIRS)
                             or (i and (toks[i - 1][2], w) in FALSE_FRIEND_AFTER)):
                    ents = None
                if ents:
                    for ent in ents:
                        found.append((s, e, ent))
                if w in firsts:
                    self._phrases(toks, i, w, found)
                elif len(w) >= 3 and w[0] in "\u0648\u0641" and w[1:] in self._phrase_first_keys:
                    self._phrases(toks, i, w[1:], found)
        if not tokset.isdisjoint(_THREAT_VERB_SET):
            for m in _THREAT_RX.finditer(text):
                obj = m.group("obj") or ""
                strong = obj in ("you", "u", "ya", "yall", "y all") or obj.startswith("your") or not obj
                ent = _THREAT_ENT_STRONG if strong else _THREAT_ENT_MED
                found.append((m.start(), m.end(), (m.group(0),) + ent[1:]))
        # split words (sh.it) and masked letters (f*ck, sh**)
        for m in _PAIR.finditer(text):
            w1, gap, w2 = m.group(1), m.group(2), m.group(3)
            if gap[0] in "*#%" or gap[0] >= "\u2600":
                self._wildcard(w1, gap, w2, m.start(), m.end(3), found)
            else:
                cand = single.get(w1 + w2)
                if cand:
                    for ent in cand:
                        if ent[6] >= 0.8:
                            found.append((m.start(), m.end(3), ent))
        if "*" in text or "#" in text or "%" in text:
            for m in _TRAIL_MASK.finditer(text):
                self._wildcard(m.group(1), m.group(2), "", m.start(), m.end(), found)
        # arabizi view: tokens that contain digits
        arab_view = norm.arabizi
        if arab_view != text:
            atoks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(arab_view)]
            for i in range(len(atoks)):
                s, e, w = atoks[i]
                if not _DIGIT.search(w):
                    continue
                ents = self.arabizi.get(w)
                if ents:
                    for ent in ents:
                        found.append((s, e, ent))
                for j in range(max(0, i - 3), i + 1):
                    if atoks[j][2] in self._phrase_first_keys:
                        self._phrases(atoks, j, atoks[j][2], found)
        return self._finish(norm, found, lang)

    def _phrases(self, toks, i, first, found):
        n = len(toks)
        mx = self.phrase_first[first]
        s = toks[i][0]
        parts = [first]
        for k in range(2, mx + 1):
            if i + k > n:
                break
            parts.append(toks[i + k - 1][2])
            phrase = " ".join(parts)
            pe = self.phrase.get(phrase)
            if pe and not _innocent_before(phrase, [t[2] for t in toks[max(0, i - 4):i]]):
                for ent in pe:
                    found.append((s, toks[i + k - 1][1], ent))

    def _inflected(self, w: str, found: list) -> None:
        if _ARABIC_CHAR.match(w):
            self._inflected_arab(w, found)
            return
        if w[:4] not in self._stem_pre_l:
            return
        stems = self.stems_latin
        for k in range(1, min(8, len(w) - 3)):
            stem = w[:-k]
            ents = stems.get(stem)
            if ents and stem[-1] == "s" and w[-k] == "s":
                continue
            if not ents:
                continue
            suf = w[-k:]
            for ent in ents:
                lang = ent[4]
                if lang == "en" or (lang == "ar" and not _DIGIT.search(stem)):
                    ok = suf in EN_SUFFIXES
                elif lang == "kmr":
                    ok = k <= 4 and len(stem) >= 4
                else:  # tr and others: agglutinative, stems of 5+ letters only
                    ok = len(stem) >= 5 and TR_SUFFIX_CHARS.fullmatch(suf) is not None
                if ok:
                    found.append(ent)
            return

    def _inflected_arab(self, w: str, found: list) -> None:
        stems = self.stems_arab
        pre = self._stem_pre_a
        bases = [w]
        for p in AR_PREFIXES:
            if w.startswith(p) and len(w) - len(p) >= 3:
                bases.append(w[len(p):])
        single = self.single
        for bi, b in enumerate(bases):
            if bi and b in single:  # prefix + exact term (short terms only with و / يا)
                p = w[: len(w) - len(b)]
                for ent in single[b]:
                    if len(b) >= 4 or p in ("و", "يا"):
                        if "exact" not in ent[7] or p in ("و", "يا"):
                            found.append(ent)
                return
            if b[:3] not in pre:
                continue
            for k in range(1, min(5, len(b) - 3)):
                stem = b[:-k]
                if b[-k:] in AR_SUFFIXES:
                    ents = stems.get(stem)
                    if ents:
                        found.extend(ents)
                        return

    def _wildcard(self, w1: str, mask: str, w2: str, s: int, e: int, found: list) -> None:
        if not w1 or not w1[0].isascii():
            return
        k = len(mask)
        total = len(w1) + k + len(w2)
        if total < 3 or len(w1) + len(w2) < 1:
            return
        for ent in self.wild.get(w1[0], ()):
            t = ent[1]
            if len(t) == total and t.startswith(w1) and t.endswith(w2):
                found.append((s, e, ent))
                return

    def _finish(self, norm: Normalised, found: list, lang: str | None) -> list[Hit]:
        if not found:
            return []
        apply_all = lang is None or lang == "other"
        best: dict[tuple, Hit] = {}
        orig = norm.original
        lang_arab = lang in ARAB_LANGS
        for s, e, ent in found:
            scope = ent[8]
            if not apply_all and scope is not None and lang not in scope:
                # a word in the other script than the comment's language (English comment with an
                # Arabic-script insult, Sorani comment with a Latin one): judge it by its own script
                if "exact" in ent[7] or len(ent[1]) < 4 or bool(_ARABIC_CHAR.match(ent[1])) == lang_arab:
                    continue
            o0, o1 = norm.to_original(s, e)
            if "name" in ent[7] and _is_proper_name(orig, o0, o1):
                continue
            if _innocent_spelling(orig, o0, o1) or (("@" in orig or "." in orig) and _inside_address(orig, o0, o1)):
                continue
            if ent[4] == "tr" and len(ent[1]) <= 4 and "I" in orig[o0:o1] and orig[o0:o1].isupper():
                continue  # upper-case Turkish: "SIK" may be "sık" (often), not "sik"
            if ent[2] == ("personal_attack",) and lang in ("fa", "ckb") and _negated_after(norm.text, e):
                continue  # Persian / Sorani negate after the word: "اروپا هم احمق نیست" (is not stupid)
            weight = ent[6]
            if ent[1] in RECLAIMABLE and _RECLAIMED_BEFORE.search(orig[max(0, o0 - 16):o0]):
                weight = min(weight, 0.5)  # "my nigga", "as a dyke", "we queers": the group's own word, evidence only
            for code in ent[2]:
                h = Hit(o0, o1, code, ent[0], ent[4], ent[5], weight, ent[3] if code == "identity_abuse" else None)
                key = (o0, o1, code)
                old = best.get(key)
                if old is None or h.weight > old.weight:
                    best[key] = h
        hits = sorted(best.values(), key=lambda h: (h.start, -h.end, h.code))
        # drop hits strictly contained in a stronger hit of the same code (linear: only spans still open)
        out: list[Hit] = []
        active: dict[str, list] = {}
        for h in hits:
            act = [o for o in active.get(h.code, ()) if o.end > h.start]
            if any(o.start <= h.start and h.end <= o.end and (o.start, o.end) != (h.start, h.end)
                   and o.weight >= h.weight for o in act):
                active[h.code] = act
                continue
            act.append(h)
            active[h.code] = act
            out.append(h)
        return out


# slurs a group has reclaimed: in the speaker's own voice ("my", "we", "as a") they are not abuse
RECLAIMABLE = frozenset("nigga niggas dyke dykes queer queers".split())
_RECLAIMED_BEFORE = re.compile(r"(?i)\b(?:my|our|we|us|i'?m|i am|as a|fellow|proud)\s+(?:\w+\s+)?$")

# the negative copula that follows a predicate in Persian and Sorani ("... is not", "... am not")
_NEGATIVE_COPULA = frozenset(fold_term(w) for w in "نیست نیستی نیستم نیستیم نیستید نیستند نیستن نییە نیت نین نیم".split())


def _negated_after(folded: str, end: int) -> bool:
    """The word after ``folded[:end]`` is a negative copula."""
    nxt = folded[end:end + 12].split()
    return bool(nxt) and nxt[0] in _NEGATIVE_COPULA


def _is_proper_name(orig: str, o0: int, o1: int) -> bool:
    word = orig[o0:o1]
    if not word[:1].isupper() or word.isupper():
        return False
    # neighbouring capitalised word (Dick Cheney, Moby Dick, Philip K. Dick)
    after = re.match(r"\s+([A-Z][\w'’.-]*)", orig[o1:o1 + 40])
    before = re.search(r"([A-Z][\w'’.-]*)\s+$", orig[max(0, o0 - 40):o0])
    if after and after.group(1).lower() not in ("you", "i"):
        return True
    if before:
        # a capitalised word right before, not merely the start of a sentence
        pre = orig[:o0 - len(before.group(0))].rstrip()
        if pre and pre[-1] not in ".!?\n":
            return True
        if before.group(1).rstrip(".") in ("Moby", "K", "Van", "Philip", "Uncle", "Big", "Tricky"):
            return True
    return False


# Words whose own spelling (before folding) tells them from a listed term they fold into: Turkish
# "köy" (village: köyüm, köyümüze) folds to "koyum" (vulgar "I'll put it"), and "sersemle-" (to be
# dazed: "sersemleme hissi", a dizzy feeling) is not the insult "sersem" (its plural "sersemler" is).
# Lower-cased prefixes.
INNOCENT_SPELLINGS = ("köy", "sersemlem", "sersemled", "sersemlet", "sersemliyor")
_ADDRESS_HANDLE = re.compile(r"@[\w.]*[\d_][\w.]*")


def _innocent_spelling(orig: str, o0: int, o1: int) -> bool:
    word = orig[o0:o1]
    if not word.isascii():
        word = word.replace("I", "ı").replace("İ", "i")
    return word.lower().startswith(INNOCENT_SPELLINGS)


def _inside_address(orig: str, o0: int, o1: int) -> bool:
    """The hit lies inside a link, an e-mail address or a user handle ("@ssss_2409" is not "ass",
    "www.bitch-tv.com" not "bitch"): the words of an address are not the commenter's words (the
    address itself is promotion evidence). Handles count only with a digit or an underscore, so "@ss"
    and "@sshole" typed as leetspeak still match."""
    a = max(orig.rfind(" ", 0, o0), orig.rfind("\n", 0, o0)) + 1
    b = len(orig)
    for sep in (" ", "\n"):
        k = orig.find(sep, o1)
        if k != -1:
            b = min(b, k)
    chunk = orig[a:b]
    if "://" in chunk or chunk[:4].lower() == "www.":
        return True
    if "@" not in chunk:
        return False
    for rx in (EMAIL_RX, _ADDRESS_HANDLE):
        for m in rx.finditer(chunk):
            if a + m.start() <= o0 and o1 <= a + m.end():
                return True
    return False


@lru_cache(maxsize=4)
def _load_cached(path: str) -> Lexicon:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return Lexicon.from_json(json.load(f))


# ====================================================================== building

# Bive (Sorani, CC BY-NC 4.0) mixes topic words, identity terms and real insults: only these
# news/topic/identity words are removed, the rest becomes medium-weight profanity evidence.
BIVE_SKIP = set("""تیرۆر کووشتن كووشتن کوشتن کوژرا کووژرا کووژراوە کوژراوە خۆکوشتن خۆکووشتن كوشتن داعش تاڵیبان تالیبان
جهاد جیهاد بنلادن دەرمان حەشیش گەی لێزبیان چەک چەك دەمانچە کلاشینکۆف کلاشینکۆڤ قومار بریندار خۆبریندارکردن
سێکس سێکسی سێكسی دەستدرێژی شەڕەف مشت مشتاو کابلەمە بلابلابلا ناشیرین ماددەی هۆشبەر زینا قسەی قۆڕ قسەی بێ مانا
چەقە چەق فڵتەفڵت لاژەلاژ لاژە لاژ تڕەھات توڕەھات تووڕەھات سمت کەر هەتیو سەخیف لۆتی مژین جووتە""".split())
BIVE_SKIP_PHRASES = {"دەوڵەتی ئیسلامی", "ژن کوشتن", "ژن کوژی", "ژن کوژ", "ماددەی هۆشبەر", "قسەی قۆڕ", "قسەی بێ مانا",
                     "فیلمی ڕووت", "چەقە چەق", "لاژە لاژ", "لەش فرۆش"}

# words that appear in the external lists but are ordinary words in the languages we serve
STOPLIST = set("""allah tanrı tanri din peygamber kuran islam müslüman muslim kürt kurt türk turk arap ermeni rum yahudi
suriyeli cehennem cesaret cesur bamya besiktas beşiktaş cimbom düğme dugme jant kolza kurmak nüfuz rozet rahim horoz
kanli kanlı linç linc bozmak kapmak geciktirmek bencillik makat palavra popo kaka perisi musluklar kurtaj kürtaj
meni sidik dik dikmek emmek am ami amlar göt got gotu sik siki sike bok pic piç oç oc aq ag kiç kıç ezik esek eşek
salak budala serseri sarhos sarhoş ibne top mal hayvan it köpek kopek domuz ayı ayi öküz okuz
ان خفه خر گاو سگ کس کون کیر خایه سینه پستان شق لخت زن مرد دختر پسر عرب ترک کرد لر افغان جهود یهودی
بهائی بهایی مسیحی ارمنی شیعه سنی دین خدا الله اسلام مسلمان حیوان گوه گه ریدن چس گوز
كلب حمار حيوان بقرة خنزير قرد كس طيز عرب كرد يهود نصارى مسيحي شيعة سنة سني شيعي دين الله اسلام مسلم
ابن ام اخت اب بنت ولد سکس سکسی sex sexy تو توش من ما شما او این اون که را از با به در بر هم
اشغال آشغال زنا گریه خوار دروغ amını amini اغتصاب الاغتصاب سگی ننه
خون اسب اسبی انی اوب بخورش بکن بمال جفنگ حروم خور دکل دله دهن دهنت زالو ساک سوراخ شغال شنگول کلفت گشاد ماچ
مالوندن نعشه ناموس ناموسی پریود کردنی گوسفند برهنه دختره لختی فیس
حلمة حلمه شهوة شهوه""".split()) | {
    "دوست دختر", "دوست پسر", "صیغه ای", "عرق خور", "پرده زن", "گردن دراز", "گوش دراز"} | {
    fold_term(w) for w in "بیکار عمله خوره سوخته رشتی دلقک غیرت استایل".split()}  # folded: every spelling of them
# (last line: folded "آشغال" is "اشغال", occupation, in every war report; "زنا" is colloquial
# "the women"; "گریه" crying; "خوار" in "خواری" humiliation; "دروغ" a lie; "amını" folds to the
# name Amini: clean-comment hits; Arabic اغتصاب "rape" is how the news names sexual violence;
# Persian سگی is "a dog" and ننه "mum". Persian بیکار "unemployed", عمله "labourer", خوره "eats /
# leprosy", سوخته "burnt", رشتی "from Rasht", دلقک "clown", غیرت "zeal" (بی غیرت stays) and استایل "style" flagged
# clean war/group comments in a 200-row audit (2026-11-29). The Persian lines after it are everyday
# words that LDNOOBW-v2 and Persian-Swear-Words list: blood, horse, mouth, hole, face, honour, eat, sheep,
# naked (of victims in the news), period, girlfriend / boyfriend, the girl, kiss, mast, bag...:
# they flagged clean comments about the war and the news. Arabic حلمة "nipple" (LDNOOBW) matched
# حلمهم "their dream", and شهوة is "desire", of power as often as of sex)


# Whole words that an inflection rule would read as a listed term ("spic" + y, Arabic "انجاس" + ت
# = Persian آنجاست "it is there"), and listed words that a following word makes innocent.
FALSE_FRIEND_TOKENS = frozenset("spicy spicier spiciest spiciness انجاست".split()) | frozenset(
    # Persian: the verb "did not understand" is not نفهم "stupid"; colloquial "we / I / you stay" is
    # not میمون "monkey" (folded spellings, as the matcher sees them)
    fold_term(w) for w in "نفهمید نفهمیدم نفهمیدی نفهمیدیم نفهمیدید نفهمیدند نفهمیدن نفهمیده میمونیم میمونم "
                          "میمونید میمونن".split())
# (term, next word) and (previous word, term) pairs, folded, in which a listed term is innocent:
# "Homo sapiens"; Persian colloquial "می گه / نمی گه" ("(s)he says / doesn't say", the verb گفتن with
# its prefix written apart) and "گه گداری / گه گاه" ("now and then") are not the swear word گه;
# "Dykes on Bikes" is the name of a parade contingent.
FALSE_FRIEND_PAIRS = frozenset(
    [("homo", w) for w in "sapiens erectus habilis neanderthalensis floresiensis".split()] + [("dykes", "on")]
    + [("گه", w) for w in ("گداري", "گاه", "گاهي")])
FALSE_FRIEND_AFTER = frozenset({("مي", "گه"), ("نمي", "گه")} | {
    # the Quranic idiom أسفل سافلين "the lowest of the low" ("we will send your economy to ...")
    (fold_term("أسفل"), fold_term("سافلين"))} | {
    # Turkish "kill me / us" ("ya beni öldürün ya da böyle kabul edin") is defiance, not a threat
    (fold_term(a), fold_term(b)) for a in ("beni", "bizi") for b in ("öldürün", "oldurun")})
# phrases that are innocent when these two words come, in this order, within the four words before
# them: "how many more soldiers must die" laments deaths, it does not call for one ("no more talk,
# they must die" and "one more traitor must die" still match)
FALSE_FRIEND_BEFORE = {"must die": ("many", "more")}
# threat phrases whose subject is "no one": "No immigrant deserves to die", "Nobody should be shot
# for protesting" say the opposite of a threat. Only a negator in the two words before the phrase
# counts ("no mercy, they should be killed" still matches)
NEGATED_SUBJECT_PHRASES = frozenset(
    "deserves to die|deserve to die|should die|must die|should be killed|should be shot|should be hanged|"
    "should be executed|must be killed|deserves to be killed|deserve to be killed|should be burned".split("|")) | {
    # Arabic "must be killed / executed..." and "deserve death": "لا يجب أن يُقتل المدنيون" ("civilians
    # must not be killed") and "لا أحد يستحق الموت" say the opposite (folded, as the matcher sees them)
    fold_term(p) for p in "يجب أن يقتل|يجب أن يقتلوا|يجب أن يعدم|يجب أن يعدموا|يجب أن يذبح|يجب أن يذبحوا|"
                          "يجب أن يحرق|يجب أن يحرقوا|يجب أن يشنق|يجب أن يشنقوا|يجب أن يباد|يجب أن يبادوا|يجب قتل|"
                          "يجب إعدام|يجب ذبح|يجب شنق|يجب إبادة|يستحقون الموت|يستحق الموت|يستحقون القتل".split("|")}
NEGATING_SUBJECTS = frozenset("no nobody noone none never".split()) | {
    fold_term(w) for w in "لا لن ما مش ليس مو".split()}  # Arabic: not, will not, did not (colloquial too)
# ... and whose subject, the word just before them, is a thing, not a person: "This bill deserves to
# die in committee", "the plan should be killed" ("the bill's sponsors should be shot" still matches)
NON_HUMAN_SUBJECTS = frozenset(
    "bill bills law laws idea ideas plan plans proposal proposals policy policies tax taxes project projects "
    "deal deals budget amendment treaty scheme motion reform reforms rule rules ban plant plants weed weeds "
    "mosquito mosquitoes virus viruses show series sequel franchise tradition traditions practice myth myths "
    "rumour rumours rumor rumors story campaign".split())


def _innocent_before(phrase: str, before: list) -> bool:
    """Whether the (up to four) words before a matched phrase make it innocent: "how many more
    soldiers must die" (FALSE_FRIEND_BEFORE), "No immigrant deserves to die" (a negator among the
    last two words, NEGATED_SUBJECT_PHRASES), "this bill deserves to die" (NON_HUMAN_SUBJECTS)."""
    pair = FALSE_FRIEND_BEFORE.get(phrase)
    if pair and any(tuple(before[k:k + 2]) == pair for k in range(len(before) - 1)):
        return True
    if phrase not in NEGATED_SUBJECT_PHRASES:
        return False
    return not NEGATING_SUBJECTS.isdisjoint(before[-2:]) or bool(before) and before[-1] in NON_HUMAN_SUBJECTS


def _fold(term: str) -> str:
    return fold_term(term.strip())


def _add(entries: dict, term: str, codes, sub, lang, source, weight, flags=(), scope=None):
    term = term.strip().strip('"').strip()
    if not term or term.startswith("#"):
        return
    folded = _fold(term)
    if not folded:
        return
    flags = set(flags)
    short = len(folded.replace(" ", "")) <= 3
    if short and " " not in folded:
        flags.add("exact")
        if weight > 0.5 and "any" in flags and source != "seed":
            flags.discard("any")
    if "ı" in folded and len(folded) >= 5 and not term.startswith("\x00"):
        # UPPER-CASE Turkish loses the dotless i when case-folded (ANANI → anani): add that spelling too
        _add(entries, "\x00" + term, codes, sub, lang, source, weight, set(flags) - {"any"}, "tr+kmr")
    if term.startswith("\x00"):
        term = term[1:]
        folded = folded.replace("ı", "i")
        if folded in STOPLIST:
            return
    sc = _scope_for(lang, folded, weight, flags, scope)
    key = (folded, tuple(codes), lang)
    old = entries.get(key)
    if old is None or (old[5] != "seed" and (source == "seed" or weight > old[6])):
        entries[key] = [term, folded, list(codes), sub, lang, source, round(weight, 3), sorted(flags),
                        None if sc is None else sorted(sc)]


def _load_seed(entries: dict, path: Path = SEED) -> None:
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 5:
            raise ValueError(f"bad seed line: {line!r}")
        lang, codes, weight, flags, terms = parts
        sub = None
        codes_l = []
        for c in codes.split("+"):
            if "/" in c:
                c, sub = c.split("/", 1)
            assert c in CODES, c
            codes_l.append(c)
        fl = set() if flags == "-" else set(flags.split(","))
        scope = None
        for f in list(fl):
            if f.startswith("scope="):
                scope = f[6:]
                fl.discard(f)
        for t in terms.split("|"):
            _add(entries, t, codes_l, sub, lang, "seed", float(weight), fl, scope)


def _read_lines(path: str) -> list[str]:
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8-sig", errors="replace") as f:
        return [ln.strip() for ln in f if ln.strip()]


# HurtLex (translated through BabelNet) is noisy: its "ps" / "om" categories list neutral identity
# words (eşcinsel, همجنسگرا, مثليون) next to slurs, so they are not used; only the sexual and the
# derogatory categories are kept, as weak evidence.
HURTLEX_MAP = {
    "asf": ("vulgarity", None), "asm": ("vulgarity", None), "pr": ("vulgarity", None),
    "ddp": ("personal_attack", None), "cds": ("personal_attack", None),
}


def _load_external(entries: dict, data_dir: str, include_arahate: bool = False, include_bive: bool = True) -> None:
    """AraHate (PMI association with religious hate) is mostly topic words (قصف, حصار...):
    left out of the evidence lexicon by default; the learned model can use it as a feature."""
    L = os.path.join(data_dir, "lexicons")
    j = os.path.join
    ext = {}

    def add(term, codes, sub, lang, source, weight, flags=()):
        if term.strip().lower() in STOPLIST or _fold(term) in STOPLIST:
            return
        _add(ext, term, codes, sub, lang, source, weight, flags)

    for lang, name in (("ar", "ar"), ("fa", "fa"), ("tr", "tr")):
        for t in _read_lines(j(L, "ldnoobw", name)):
            add(t, ("profanity", "vulgarity"), None, lang, "LDNOOBW", 0.7)
        for t in _read_lines(j(L, "ldnoobw-v2", name + ".txt")):
            add(t, ("profanity",), None, lang, "LDNOOBW-v2", 0.45)
    for t in _read_lines(j(L, "ooguz-turkce-kufur-karaliste", "karaliste.txt")):
        add(t, ("profanity",), None, "tr", "karaliste", 0.7)
    p = j(L, "amirshnll-persian-swear-words", "data.json")
    if os.path.exists(p):
        for t in json.load(open(p, encoding="utf-8"))["word"]:
            add(t, ("profanity",), None, "fa", "Persian-Swear-Words", 0.6)
    p = j(L, "amirshnll-persian-sms-spam-words", "spam-words.json")
    if os.path.exists(p):
        for t in json.load(open(p, encoding="utf-8"))["spamWord"]:
            if len(_fold(t)) >= 4:
                _add(ext, t, ("promotion",), None, "fa", "persian-sms-spam-words", 0.3)
    for t in _read_lines(j(data_dir, "persian-pars-off", "Pars-OFF_KEY", "Pars-OFF_KEY.txt")):
        add(t, ("personal_attack",), None, "fa", "Pars-OFF keywords", 0.35)
    for lang in ("AR", "FA", "TR"):
        p = j(L, "hurtlex", f"hurtlex_{lang}.tsv")
        if not os.path.exists(p):
            continue
        with open(p, encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                if row.get("level") != "conservative":
                    continue
                m = HURTLEX_MAP.get(row["category"])
                if not m:
                    continue
                add(row["lemma"], (m[0],), m[1], lang.lower(), f"HurtLex {row['category']}", 0.35)
    p = j(L, "albadi-arahate", "AraHate-PMI.csv")
    if include_arahate and os.path.exists(p):
        rows = [r for r in csv.DictReader(open(p, encoding="utf-8")) if float(r["pmi_score"] or 0) > 0]
        rows.sort(key=lambda r: -float(r["pmi_score"]))
        for r in rows[:200]:
            add(r["term"], ("identity_abuse",), "religion", "ar", "AraHate-PMI", 0.2)
    for t in (_read_lines(j(L, "bive-sorani", "Kurdish Bad Words.txt")) if include_bive else []):
        if t in BIVE_SKIP or t in BIVE_SKIP_PHRASES:
            continue
        add(t, ("profanity",), None, "ckb", "Bive (curated)", 0.6)
    # where our seed already files a word under other codes (Arabic كذاب "liar" is an insult, not a
    # swear word), the seed's reading wins over an external list's
    seeded = {(k[0], k[2]) for k in entries}
    for k, v in ext.items():
        if k not in entries and (k[0], k[2]) not in seeded:
            entries[k] = v


def _prune_with_corpora(entries: dict, data_dir: str, verbose: bool = True) -> None:
    """Drop external terms that fire mostly on clean comments of their language."""
    try:
        from ._corpora import load_corpora
    except Exception:  # pragma: no cover
        return
    corp = load_corpora(data_dir, per_lang=20000)
    lex = Lexicon.from_json({"entries": list(entries.values())})
    clean = defaultdict(int)
    off = defaultdict(int)
    for lang, rows in corp.items():
        if lang == "ckb":
            continue  # the only labelled Sorani set is the ckb hold-out: never tune on it
        for text, lab in rows:
            if lab is None:
                continue
            seen = set()
            for h in lex.find(normalise(text), lang):
                key = (h.term, h.lang)
                if key in seen:
                    continue
                seen.add(key)
                if lab:
                    off[key] += 1
                else:
                    clean[key] += 1
    dropped = []
    for k, v in list(entries.items()):
        key = (v[0], v[4])
        c, o = clean[key], off[key]
        if v[5] == "seed":
            if verbose and c >= 8 and o / (c + o) < 0.3:
                print(f"  [seed check] {v[4]} {v[0]!r}: clean={c} off={o}")
            continue
        if (c >= 4 and o / (c + o) < 0.45) or c >= 25 or (_ARABIC_CHAR.search(v[1]) and len(v[1]) <= 2):
            dropped.append((v[4], v[0], c, o))
            del entries[k]
        elif c + o >= 5 and o / (c + o) >= 0.8 and v[6] < 0.7 and v[2] != ["promotion"]:
            v[6] = min(0.7, v[6] + 0.2)  # strongly offensive in practice: promote a little
    if verbose:
        print(f"  pruned {len(dropped)} external terms by corpus precision")


def build_lexicon(data_dir: str | None, out_path: str | os.PathLike | None = None, prune: bool = True,
                  include_bive: bool = True) -> dict:
    """Compile seeds (+ the shared word lists when ``data_dir`` exists) into the gz JSON artifact.

    ``include_bive=False`` leaves out the Bive Sorani list (CC BY-NC 4.0, non-commercial)."""
    entries: dict = {}
    _load_seed(entries)
    if data_dir and os.path.isdir(data_dir):
        _load_external(entries, data_dir, include_bive=include_bive)
        if prune:
            _prune_with_corpora(entries, data_dir)
    data = {"version": 1, "entries": sorted(entries.values(), key=lambda r: (r[4], r[1]))}
    out = Path(out_path or ARTIFACT)
    out.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same entries give the same bytes, so a rebuild without changes is no git change
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    out.write_bytes(gzip.compress(payload, compresslevel=9, mtime=0))
    _load_cached.cache_clear()
    return data


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="majlis screening build-lexicon")
    ap.add_argument("data_dir", nargs="?", default=os.environ.get("MAJLIS_DATA", "/work/shared/data"))
    ap.add_argument("--out", default=str(ARTIFACT))
    ap.add_argument("--no-prune", action="store_true")
    ap.add_argument("--no-bive", action="store_true", help="leave out the Bive Sorani list (CC BY-NC 4.0)")
    a = ap.parse_args(argv)
    d = build_lexicon(a.data_dir, a.out, prune=not a.no_prune, include_bive=not a.no_bive)
    by = defaultdict(int)
    for r in d["entries"]:
        by[(r[4], r[5])] += 1
    for k in sorted(by):
        print(f"{k[0]:4} {k[1]:28} {by[k]}")
    print("entries:", len(d["entries"]), "->", a.out, os.path.getsize(a.out), "bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
