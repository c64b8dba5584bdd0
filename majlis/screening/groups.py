"""Names of identity groups (ethnic, national, religious, sexual, gender, disability), in all six
languages, and the model features that abstract them away.

Hate aimed at a group comes in a few frames ("I hate X", "X are vermin", "X should all be shot")
whatever the group is. Word n-grams learn each frame once per group they have seen it with; the
*group-frame* features here replace every group name with one token and hash the words around it,
so a frame learned with "Syrians" also scores "Kurds", and one learned in Arabic with العرب also
scores الكرد. Only group names are listed: slurs carry their own signal in the ordinary n-grams.
Names that are also common words are left out: Persian کرد ("did") and ترک ("quitting"), which
fold like Arabic كرد and Turkish ترك, and کردی ("you did") like Arabic كردي; Kurmanji file (also
English); Turkish roman ("novel") and rum.
"""
from __future__ import annotations

import zlib
from functools import lru_cache

import numpy as np
import scipy.sparse as sp

from .normalise import WORD_RX as _TOKEN

_EN = """women woman girls females trans transgender transgenders transsexuals gay gays lesbian lesbians homosexual
homosexuals bisexuals lgbt lgbtq blacks disabled cripples handicapped muslim muslims jew jews jewish christian christians
immigrant immigrants migrant migrants refugee refugees foreigners asylum-seekers kurd kurds arab arabs turk turks
persian persians iranian iranians yazidi yazidis ezidis shia shias shiite shiites sunni sunnis syrian syrians afghan
afghans kurdish arabic turkish armenian armenians assyrian assyrians africans asians mexicans hindus sikhs gypsies
turkmen alevis chinese hazaras pashtuns latinos hispanics"""
# "black" names a group only before these words ("black people"); alone it is a colour
_EN_BLACK_NEXT = frozenset(
    "people men women man woman folks folk guys kids family families neighbours neighbors americans".split())

_AR = """اليهود يهود يهودي اليهودي المسيحيين مسيحيين المسيحي النصارى نصارى الشيعة شيعة الشيعي شيعي السنيين سنيين السني
الكرد الاكراد اكراد العرب عرب الاعراب الفرس الترك الاتراك اتراك التركمان السوريين سوريين السوري
اللاجئين لاجئين اللاجئون لاجئون المهاجرين مهاجرين المهاجرون الافارقة افارقة السود الزنوج النساء نساء المراة المراه
البنات المثليين مثليين المثليون المثليات الايزيديين ايزيديين الايزيدية اليزيديين يزيديين اليزيدية المعاقين معاقين
الاجانب اجانب الفلسطينيين المصريين العراقيين الايرانيين ايرانيين الاقباط اقباط المسلمين مسلمين المسلمون الارمن
الاشوريين الصابئة البدو الافغان افغان الافغاني افغاني الكردي مسيحي النسوان نسوان المتحولين متحولين المتحولون
الامازيغ الهنود البنغال للاجئين المسيحيون مسيحيون الايزيديون ايزيديون المعاقون معاقون المعاقات
yahood yahud akrad krad laje2in laje2een lajieen souriyeen souriyin suriyeen shee3a shi3a sunna furs atrak 3arab
afri9iyin afarqa masi7iyeen masihiyeen nasara niswan mithliyeen mithliyin"""
_FA = """زنها زنان زن‌ها دخترها همجنسگراها همجنس‌گراها همجنسگرایان ترنسها ترنس‌ها افغانیها افغانی‌ها افغانها افغان‌ها
افغانی افغان عربها عرب‌ها اعراب عرب ترکها ترک‌ها کردها کرد‌ها لرها بلوچها بلوچ‌ها بلوچ بهاییها بهایی‌ها بهایی
یهودیها یهودی‌ها یهودیان یهودی مسیحیها مسیحی‌ها مسیحیان سنیها سنی‌ها اهل‌سنت شیعه‌ها شیعیان مهاجران مهاجرها
پناهجویان پناهنده‌ها معلولها معلول‌ها معلولان سیاه‌پوستها سیاه‌پوست‌ها سیاهپوستان ایرانیها ایرانی‌ها گیلکها ترکمنها
ارمنیها ارمنی‌ها زرتشتیها چینی‌ها چینیها هزاره‌ها هزاره‌ای‌ها پشتون‌ها پشتونها تاجیک‌ها کولی‌ها کولیها"""
_CKB = """ژنان ژن ئافرەتان ئافرەت کچان عەرەب عەرەبەکان عەرەبەکە تورک تورکەکان فارس فارسەکان کورد کوردەکان ئێزیدی
ئێزیدییەکان ئێزدییەکان مەسیحی مەسیحییەکان گاور جولەکە جولەکەکان شیعە شیعەکان سوننە سوننەکان پەنابەر پەنابەران
پەنابەرەکان کۆچبەر کۆچبەران سووری سوورییەکان هاوڕەگەزخواز هاوڕەگەزخوازان هاوڕەگەزخوازەکان ئەفغان ئەفغانییەکان
ئەرمەن ئاشووری کاکەیی کاکەییەکان تورکمان جوولەکە جوولەکەکان فەیلی فەیلییەکان کەمئەندام
کەمئەندامان"""
_KMR = """jin jinan jinên ereb ereban erebên tirk tirkan tirkên faris farisan kurd kurdan kurdên êzidî êzîdî êzidiyan
êzîdiyan fileh xiristiyan xirîstiyan cihû cihûyan cihû şîe şîa sunnî sunî penaber penaberan penaberên koçber
koçberan suriyeyî sûrî hevzayend hevzayendan afgan ermenî ermeniyan asûrî elewî elewiyan"""
_TR_STEMS = """kürt arap suriyeli afgan ermeni yahudi hristiyan hıristiyan alevi çingene ezidi yezidi süryani
türk fars acem iranlı eşcinsel gey lezbiyen trans travesti kadın mülteci göçmen sığınmacı siyahi siyahî zenci engelli
müslüman şii sünni kızılbaş afrikalı yabancı"""
_TR_SUFFIXES = ("", "ler", "lar", "leri", "ları", "lere", "lara", "lerden", "lardan", "lerin", "ların", "lerle",
                "larla", "i", "ı", "e", "a", "in", "ın", "den", "dan", "de", "da", "ten", "tan", "dir", "dır")


@lru_cache(maxsize=1)
def group_words() -> frozenset:
    """Every listed group name, folded as the model's features fold text."""
    from .model import prepare

    words = set()
    for block in (_EN, _AR, _FA, _CKB, _KMR):
        for w in block.split():
            words.update(prepare(w).split())
    for stem in _TR_STEMS.split():
        for suf in _TR_SUFFIXES:
            words.update(prepare(stem + suf).split())
    words = {w for w in words if len(w) > 1}
    for w in _EN.split():
        if (len(w) >= 6 or w == "women") and w != "blacks":  # blacks: backs, lacks, black (the colour)
            words.update(_misspellings(w) - _REAL_WORDS)
    return frozenset(words)


# real words one edit away from an English group name (found by counting the edits in the clean
# rows of the training data): they stay words
_REAL_WORDS = frozenset("syria refuge shite levis hindu disable christina".split())


def _misspellings(word: str) -> set:
    """One letter dropped or two neighbours swapped ("imigrants", "womne", "muslmis"): how names are
    misspelt, by accident or to slip past a filter. Only for the English names of six letters or
    more (and "women"), where one such edit rarely makes another word."""
    out = {word[:i] + word[i + 1:] for i in range(len(word))}
    out |= {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1)}
    out.discard(word)
    return out


_AR_CLITICS = frozenset("وبلفكه")
GROUP = "\x00grp"  # the one token every group name becomes (cannot occur in text)
MAX_COOCCURRING = 40
# bump when abstract_groups / _frames / the hashing change: a model saved with another version
# would be fed features it was not trained on (GuidelineModel.load warns)
FRAMES_VERSION = 3  # 2: names split by a space, misspelt Latin names; 3: negated co-occurring words


def _arabic_prefixed(token: str, groups: frozenset) -> bool:
    """An Arabic group name behind a clitic: و ب ل ف ك (والشيعة, بالسوريين), dialect ها (هالسوريين),
    and ل + ال contracted to لل (للسوريين)."""
    if len(token) < 5 or token[0] not in _AR_CLITICS:
        return False
    return token[1:] in groups or (token.startswith("لل") and "ال" + token[2:] in groups)


def abstract_groups(prepared: str, groups: frozenset | None = None) -> list[str] | None:
    """The words of a prepared comment with every group name (of ``groups``, default
    :func:`group_words`) replaced by :data:`GROUP`; None when it names no group."""
    toks = _TOKEN.findall(prepared)
    groups = group_words() if groups is None else groups
    out = []
    found = False
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i]
        if t in groups or _arabic_prefixed(t, groups) or (t == "black" and i + 1 < n and toks[i + 1] in _EN_BLACK_NEXT):
            out.append(GROUP)
            found = True
        elif i + 1 < n and len(t) + len(toks[i + 1]) >= 5 and t + toks[i + 1] in groups:
            out.append(GROUP)  # a name split by a space: "wo men", "imm igrants"
            found = True
            i += 1
        else:
            out.append(t)
        i += 1
    return out if found else None


# negators, folded ("don't" is "don" + "t"); Persian and Sorani put theirs after the verb. Left out
# for their other meanings: Persian ما "we", Turkish ne "what". Turkish and Kurmanji negate inside
# the verb (sevmiyorum, nakim), which is already a word of its own.
_NEGATORS = frozenset("not no never don dont doesn didn isn aren wasn weren won cannot nobody none nothing neither nor "
                      "لا لم لن ليس ليسوا ليست مش مو مب نه هيچ na".split())
_POST_NEGATORS = frozenset("نيست نيستم نيستن نيستند نيستيم نيستي نييه نيه نين".split())
NEGATION_SCOPE = 4


def _negated_positions(toks: list[str]) -> set:
    """Positions of the words a negator governs: the four after it ("I do not hate G"), or the three
    before a Persian / Sorani one ("از افغانیها متنفر نیستم")."""
    out: set = set()
    for i, t in enumerate(toks):
        if t in _NEGATORS:
            out.update(range(i + 1, i + 1 + NEGATION_SCOPE))
        elif t in _POST_NEGATORS:
            out.update(range(max(0, i - 3), i))
    return out


def _frames(toks: list[str]) -> list[str]:
    """The words around each group token: before it (1 and 2 back, and both), after it (1 and 2
    ahead, and both), e.g. "hate G", "G are vermin", "G should all"; and, once per comment, every
    other word of a comment that names a group ("G & rage", "G & infestation": what is said near
    a group, wherever it stands in the sentence), marked when a negator governs it ("G & ¬hate")."""
    negated = _negated_positions(toks)
    words = dict.fromkeys(("¬" if i in negated else "") + t  # unique, in reading order
                          for i, t in enumerate(toks) if t != GROUP and len(t) > 2)
    out = [f"G & {t}" for t in list(words)[:MAX_COOCCURRING]]
    n = len(toks)
    for i, t in enumerate(toks):
        if t != GROUP:
            continue
        b1 = toks[i - 1] if i >= 1 else "^"
        b2 = toks[i - 2] if i >= 2 else "^"
        a1 = toks[i + 1] if i + 1 < n else "$"
        a2 = toks[i + 2] if i + 2 < n else "$"
        out += ["G", f"{b1} G", f"{b2} _ G", f"{b2} {b1} G", f"G {a1}", f"G _ {a2}", f"G {a1} {a2}"]
    return out


def group_features(prepared, n_bits: int = 20, groups: frozenset | None = None) -> sp.csr_matrix:
    """Hashed group-frame features (see the module docstring) for already prepared strings;
    each comment's values are 1/sqrt(its number of frame features). Comments that name no group
    get an empty row."""
    indptr = [0]
    indices: list[int] = []
    data: list[float] = []
    mask = (1 << n_bits) - 1
    for text in prepared:
        toks = abstract_groups(text, groups)
        feats = _frames(toks) if toks else []
        if feats:
            v = 1.0 / np.sqrt(len(feats))
            for f in feats:
                # crc32 with a salt of its own: stable across processes (Python's hash() is not)
                indices.append((zlib.crc32(f.encode("utf-8"), 0x6A09E667) * 2654435761 >> 7) & mask)
                data.append(v)
        indptr.append(len(indices))
    return sp.csr_matrix((np.asarray(data, dtype=np.float32), np.asarray(indices, dtype=np.int32),
                          np.asarray(indptr, dtype=np.int64)), shape=(len(prepared), 1 << n_bits))
