"""Text folding for matching, with an exact map back to the original string.

``normalise(text)`` returns a :class:`Normalised` whose ``.text`` is the folded
string used by the lexicon and rule matchers, and whose offsets map every
folded character back to the original, so a span found in the folded text can
be reported on the text the user actually wrote.

Folding steps (all precomputed into tables at import time):

* Unicode NFKC + casefold, Latin diacritics stripped (``ş``→``s``, ``ê``→``e``)
  except Turkish dotless ``ı`` which is kept (``sık`` must not become ``sik``);
* homoglyphs: Cyrillic / Greek / Armenian look-alikes → Latin;
* zero-width characters, ZWNJ, bidi controls, soft hyphen, tatweel and Arabic
  harakat are dropped;
* Arabic-script variants: أ إ آ ٱ → ا, ي ی ى ێ → ي, ك ک → ك, ة ە ھ → ه,
  ۆ ؤ → و, ڕ → ر, ڵ → ل, ڤ → ف, ئ → ي; Arabic-Indic and Persian digits → ASCII;
* leetspeak inside Latin words (``sh1t``, ``@ss``, ``$hit``, ``h3ll0``) but not
  in pure numbers (``2,500``, ``2021``);
* letters stretched 3+ times are collapsed to two (``fuuuuck`` → ``fuuck``;
  the matcher also tries the fully squeezed form);
* runs of 3+ single Latin letters separated by spaces / dots / dashes are
  joined (``f u c k``, ``s-h-i-t``, ``f.u.c.k``).

``.arabizi`` is the same folded string without the leet digit substitution
(digits are kept, so ``7mar`` / ``3ars`` stay matchable against an Arabizi
lexicon). It shares ``.text``'s offsets character for character.

``fold_digits(text)`` is a length-preserving helper for the promotion
detector: Arabic-Indic / Persian digits → ASCII.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

# a word of folded text: letters and digits (no underscore); the lexicon, the group features and
# the engine's evidence all split on it
WORD_RX = re.compile(r"[^\W_]+")

__all__ = ["Normalised", "normalise", "fold_digits", "fold_term", "squeeze"]

_DROP = "\x00"  # sentinel: character removed
_EXPAND = "\x01"  # sentinel: character expands to several (slow path)

_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u2061\u2062\u2063\u2064\u034f"
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_TATWEEL = "\u0640"

_HOMOGLYPHS = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o",
    "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j",
    "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "һ": "h", "ү": "y", "ӏ": "l", "ɡ": "g",
    "ь": "b", "п": "n", "г": "r", "л": "n", "з": "3", "ч": "4", "ц": "u", "ш": "w",
    "и": "u", "д": "d", "ы": "bi",
    # Greek
    "α": "a", "β": "b", "γ": "y", "δ": "d", "ε": "e", "ζ": "z", "η": "n", "ι": "i",
    "κ": "k", "μ": "u", "ν": "v", "ο": "o", "π": "n", "ρ": "p", "σ": "o", "ς": "c",
    "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ϲ": "c", "ϳ": "j", "θ": "o",
    # Armenian
    "ս": "u", "օ": "o", "ո": "n", "հ": "h", "ց": "g", "զ": "q", "ա": "w", "ե": "t",
    "ք": "p", "ռ": "n", "լ": "l",
    # Latin oddities
    "ł": "l", "ø": "o", "đ": "d", "ð": "d", "ɑ": "a", "ɩ": "i", "ʏ": "y", "ɪ": "i",
    "ᴀ": "a", "ʙ": "b", "ᴄ": "c", "ᴅ": "d", "ᴇ": "e", "ꜰ": "f", "ɢ": "g", "ʜ": "h",
    "ᴊ": "j", "ᴋ": "k", "ʟ": "l", "ᴍ": "m", "ɴ": "n", "ᴏ": "o", "ᴘ": "p", "ʀ": "r",
    "ꜱ": "s", "ᴛ": "t", "ᴜ": "u", "ᴠ": "v", "ᴡ": "w", "ʀ": "r", "ᴢ": "z",
    "æ": "ae", "œ": "oe", "ŋ": "n", "ħ": "h", "ŧ": "t", "ƀ": "b",
    "ƒ": "f", "ɟ": "f", "ʊ": "u", "ɵ": "o", "ɐ": "a", "ʌ": "v", "ɛ": "e", "ɔ": "c", "ʃ": "s", "ɾ": "r", "ɹ": "r",
    "ß": "ss", "ɓ": "b", "ɗ": "d", "ƙ": "k", "ʂ": "s", "ƭ": "t", "ʋ": "v", "ɱ": "m", "ɲ": "n", "ƴ": "y",
}
# enclosed / squared Latin letters that NFKC leaves alone (🅵🆄🅲🅺, 🅕🅤🅒🅚, 🄵🅄🄲🄺)
for _base in (0x1F130, 0x1F150, 0x1F170):
    for _k in range(26):
        _HOMOGLYPHS[chr(_base + _k)] = chr(ord("a") + _k)

_ARABIC = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا", "ٵ": "ا",
    "ي": "ي", "ی": "ي", "ى": "ي", "ې": "ي", "ێ": "ي", "ۍ": "ي", "ئ": "ي", "ٸ": "ي",
    "ك": "ك", "ک": "ك", "ڪ": "ك", "ػ": "ك", "ؼ": "ك",
    "ة": "ه", "ە": "ه", "ۀ": "ه", "ھ": "ه", "ہ": "ه", "ۂ": "ه", "ۃ": "ه",
    "ۆ": "و", "ۇ": "و", "ۉ": "و", "ۊ": "و", "ؤ": "و", "ۋ": "و", "ۏ": "و", "ٶ": "و",
    "ڕ": "ر", "ڵ": "ل", "ڤ": "ف", "ڥ": "ف",
    "،": ",", "؛": ";", "؟": "?", "٪": "%", "٫": ".", "٬": ",",
}
for _i in range(10):
    _ARABIC[chr(0x0660 + _i)] = str(_i)  # Arabic-Indic
    _ARABIC[chr(0x06F0 + _i)] = str(_i)  # Persian / Urdu
    _ARABIC[chr(0x07C0 + _i)] = str(_i)  # NKo (rare, harmless)

_KEEP = {"ı"}  # Turkish dotless i stays distinct


def _is_arabic_mark(ch: str) -> bool:
    o = ord(ch)
    return (0x064B <= o <= 0x065F) or o == 0x0670 or (0x06D6 <= o <= 0x06ED) or (0x0610 <= o <= 0x061A) or (0x08D3 <= o <= 0x08FF)


@lru_cache(maxsize=65536)
def _fold_char(ch: str) -> str:
    """Full fold of one character → replacement string (may be '' or several chars)."""
    if ch in _ZERO_WIDTH or ch in _BIDI or ch == _TATWEEL:
        return ""
    if ch in _KEEP:
        return ch
    if ch in _ARABIC:
        return _ARABIC[ch]
    if _is_arabic_mark(ch):
        return ""
    s = unicodedata.normalize("NFKC", ch)
    out = []
    for c in s:
        if c in _KEEP:
            out.append(c)
            continue
        c2 = c.casefold()
        for c3 in c2:
            if c3 in _ARABIC:
                out.append(_ARABIC[c3])
                continue
            if _is_arabic_mark(c3) or c3 in _ZERO_WIDTH or c3 in _BIDI or c3 == _TATWEEL:
                continue
            if c3 in _HOMOGLYPHS:
                out.append(_HOMOGLYPHS[c3])
                continue
            cat = unicodedata.category(c3)
            if cat == "Mn" or cat == "Me":
                # combining mark on its own: drop (diacritics, variation selectors)
                continue
            if cat == "Cf":
                continue
            # strip Latin diacritics (é → e, ş → s, ê → e), keep other scripts
            if "LATIN" in unicodedata.name(c3, ""):
                base = unicodedata.normalize("NFD", c3)
                base = "".join(b for b in base if unicodedata.category(b) != "Mn")
                if base:
                    base = "".join(_HOMOGLYPHS.get(b, b) for b in base)
                    out.append(base)
                    continue
            out.append(c3)
    return "".join(out)


def _build_table(limit: int = 0x3000) -> tuple[dict, dict]:
    one = {}
    slow = {}
    ranges = list(range(0, limit)) + list(range(0xFB00, 0x10000))
    for o in ranges:
        ch = chr(o)
        if 0xD800 <= o <= 0xDFFF:
            continue
        r = _fold_char(ch)
        if o in (0, 1):
            one[o] = " "
            slow[ch] = " "
            continue
        if r == ch:
            continue
        slow[ch] = r
        if r == "":
            one[o] = _DROP
        elif len(r) == 1:
            one[o] = r
        else:
            one[o] = _EXPAND
    return one, slow


_TABLE, _SLOW = _build_table()
_ASCII_TABLE = {o: chr(o).lower() for o in range(0x41, 0x5B)}
_ASCII_TABLE[0] = " "
_ASCII_TABLE[1] = " "
_NON_BMP = re.compile("[\U00010000-\U0010FFFF\u3000-\ufaff]")

# leetspeak: 1:1 mapping inside Latin words
_LEET = str.maketrans({"@": "a", "4": "a", "0": "o", "1": "i", "!": "i", "|": "l",
                       "3": "e", "$": "s", "5": "s", "7": "t", "8": "b", "9": "g", "6": "g", "+": "t"})
_LEET_PRE = re.compile(r"[a-z][0-9@$!|+]|[0-9@$!|+][a-z]")
_LEET_RUN = re.compile(r"(?<![a-z0-9@$!|+])[a-z0-9@$!|+]+")
_HAS_LATIN = re.compile(r"[a-z]")
_STRETCH = re.compile(r"([^\W\d_])\1\1+")
_NUMBERISH = re.compile(r"\d+(?:st|nd|rd|th|s|k|m|km|kg|g|h|am|pm|bn|mm|cm|gb|mb)?|[a-z]+\d+")
# cheap pre-checks (run on " " + text + " "); the exact patterns below only run when these fire
_JOIN_PRE = re.compile(r"[ .\-_*+~·•/(\[\"'][a-z][ .\-_*+~·•/]{1,3}[a-z][ .\-_*+~·•/)\]\"',!?]")
_JOIN_PRE_AR = re.compile(r" [\u0621-\u06d5][ .\-_]{1,3}[\u0621-\u06d5][ .\-_]")
_LEET_ANY = re.compile(r"[0-9@$!|+]")
_SINGLE_JOIN = re.compile(r"(?<![a-z0-9])[a-z](?:[ .\-_*+~·•/]{1,3}[a-z](?![a-z0-9])){2,}"
                          r"|(?<![^\W\d_])[\u0621-\u06d5](?:[ .\-_]{1,3}[\u0621-\u06d5](?![^\W\d_])){2,}")
_JOIN_SEP = re.compile(r"[ .\-_*+~·•/]")


def fold_digits(text: str) -> str:
    """Arabic-Indic / Persian digits → ASCII; length preserving."""
    return text.translate(_DIGITS)


_DIGITS = {}
for _i in range(10):
    _DIGITS[0x0660 + _i] = str(_i)
    _DIGITS[0x06F0 + _i] = str(_i)
    _DIGITS[0xFF10 + _i] = str(_i)


@dataclass(slots=True)
class Normalised:
    original: str
    text: str
    arabizi: str
    _starts: list | None = field(default=None, repr=False)
    _ends: list | None = field(default=None, repr=False)
    stretched: bool = False  # some letter was repeated 3+ times in the original
    words: frozenset | set | None = field(default=None, repr=False)  # set by Lexicon.find (distinct tokens)

    @property
    def offsets(self) -> list[int]:
        """offsets[i] = index in the original of folded char i; offsets[len(text)] = len(original)."""
        if self._starts is None:
            return list(range(len(self.text) + 1))
        return list(self._starts) + [len(self.original)]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded span [start, end) to the original string."""
        n = len(self.text)
        start = max(0, min(start, n))
        end = max(start, min(end, n))
        if self._starts is None:
            return start, end
        if end == start:
            o = self._starts[start] if start < n else len(self.original)
            return o, o
        return self._starts[start], self._ends[end - 1]


def _leet(m: re.Match) -> str:
    s = m.group(0)
    k = s.find("$")
    if k >= 0 and s[k + 1:k + 2].isdigit():  # "as$5": a price, not leetspeak ("a$$")
        return _leet_word(s[:k]) + s[k:] if k else s
    return _leet_word(s)


def _leet_word(s: str) -> str:
    if s.isalpha() or s.isdigit() or _NUMBERISH.fullmatch(s):
        return s
    core = s.rstrip("!").lstrip("!")
    if not _HAS_LATIN.search(core):
        return s
    # a pure "number + unit" like 100km or 2021s stays as is if digits are only at the start
    lead = len(s) - len(s.lstrip("!"))
    trail = len(s) - len(s.rstrip("!"))
    return s[:lead] + core.translate(_LEET) + s[len(s) - trail:]


def _slow_fold(text: str) -> tuple[str, list, list]:
    chars = []
    starts = []
    ends = []
    slow = _SLOW
    for i, ch in enumerate(text):
        r = slow.get(ch)
        if r is None:
            o = ord(ch)
            if o < 0x3000 or 0xFB00 <= o <= 0xFFFF:
                r = ch
            else:
                r = _fold_char(ch)
        if not r:
            continue
        for c in r:
            chars.append(c)
            starts.append(i)
            ends.append(i + 1)
    return "".join(chars), starts, ends


def _apply_drops(text: str, arabizi: str, starts, ends, keep: list[bool]):
    t = "".join(c for c, k in zip(text, keep) if k)
    a = "".join(c for c, k in zip(arabizi, keep) if k)
    if starts is None:
        starts = [i for i, k in enumerate(keep) if k]
        ends = [i + 1 for i in starts]
    else:
        s2 = []
        e2 = []
        for i, k in enumerate(keep):
            if k:
                s2.append(starts[i])
                e2.append(ends[i])
        starts, ends = s2, e2
    return t, a, starts, ends


def normalise(text: str) -> Normalised:
    """Fold ``text`` for matching; see module docstring."""
    if not isinstance(text, str):
        text = str(text)
    starts = ends = None
    if text.isascii():
        t = text.lower()
        if "\x00" in t or "\x01" in t:
            t = t.translate(_ASCII_TABLE)
    else:
        t = text.translate(_TABLE)
        if _EXPAND in t or _NON_BMP.search(text):
            t, starts, ends = _slow_fold(text)
        elif _DROP in t:
            starts = [i for i, c in enumerate(t) if c != _DROP]
            ends = [i + 1 for i in starts]
            t = t.replace(_DROP, "")
    arabizi = t
    if _LEET_ANY.search(t) and _LEET_PRE.search(t):
        t = _LEET_RUN.sub(_leet, t)
    # stretched letters and spaced-out letters change the length: rare path
    need_stretch = _STRETCH.search(t) is not None
    padded = " " + t + " "
    need_join = _JOIN_PRE.search(padded) is not None or (not text.isascii() and _JOIN_PRE_AR.search(padded) is not None)
    if need_stretch or need_join:
        keep = [True] * len(t)
        if need_stretch:
            for m in _STRETCH.finditer(t):
                for j in range(m.start() + 2, m.end()):
                    keep[j] = False
        if need_join:
            for m in _SINGLE_JOIN.finditer(t):
                for j in range(m.start(), m.end()):
                    if _JOIN_SEP.match(t[j]):
                        keep[j] = False
        t, arabizi, starts, ends = _apply_drops(t, arabizi, starts, ends, keep)
    return Normalised(text, t, arabizi, starts, ends, need_stretch)


_SQUEEZE = re.compile(r"(.)\1+")


def squeeze(word: str) -> str:
    """Collapse every run of a repeated character to one (``fuuck`` → ``fuck``)."""
    return _SQUEEZE.sub(r"\1", word)


def fold_term(term: str) -> str:
    """Fold a lexicon term the same way as text (without stretch collapsing)."""
    t = normalise(term).text
    return " ".join(WORD_RX.findall(t))
