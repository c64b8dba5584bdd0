"""Hate aimed at a named group, in the explicit frames functional tests (HateCheck) are built from:
rule evidence for identity_abuse, in the six languages where the frame allows.

* Declared hatred: "I hate Muslims", "أكره اليهود", "Kürtlerden nefret ediyorum", "از افغانی‌ها متنفرم",
  "ڕقم لە عەرەبەکانە", "ez ji Ereban nefret dikim". The speaker must be the one who hates (a
  first-person verb, or "I"/"we" right before it), the object a group name of :mod:`screening.groups`
  with at most two determiners between ("I hate all the Kurds"), and no negator may govern the verb.
* English derogation: "Muslims are pathetic", "why are gays so vile", "women are not welcome here".
* A group right after "fuck (all)", "death to", "get rid of", "can't trust", "نتخلص من", "ما بطيق".

The learned model scores such comments low: its public data has "I hate ..." about everything, and
the group names mostly in clean news rows. Look-alikes that do not fit: "I hate how Muslims are
treated", "people who hate Jews", "I hate Turkish coffee", "I hate women who lie", "this woman is
disgusting", "not all Muslims are terrorists", "Sunni terrorists attacked". Quoting and counter-speech
are left to the engine, which halves a hit inside quotation marks or after "stop saying".

Works on the folded text of :func:`screening.normalise.normalise`, so every hit maps back to the
characters the reader typed.
"""
from __future__ import annotations

from .groups import _EN_BLACK_NEXT, _arabic_prefixed, _misspellings, group_words
from .lexicon import Hit
from .normalise import WORD_RX, normalise

WEIGHT = 0.75  # medium evidence, like a group + dehumanising word: decides alone unless quoted
WHY = "hate aimed at a group it names"


def _folded(block: str) -> frozenset:
    return frozenset(w for item in block.split() for w in normalise(item).text.split())


# English: "i" / "we" within four words before the verb; "can't stand" folds to can / t / stand
_EN_VERBS = _folded("hate hated despise despised detest detested loathe loathed abhor "
                    "haet htae hatte")  # "I haet Muslims": swapped letters
_EN_SUBJECTS = _folded("i we im ive")
_EN_NEGATORS = _folded("not no never don dont doesn didn cannot won wouldn t")
# group names that are also adjectives: a group only before a word for people ("Turkish coffee" is not)
_EN_ADJECTIVES = _folded("kurdish arabic turkish jewish gay trans transgender disabled lesbian muslim christian "
                         "arab black homosexual")
# Arabic verbs carry their subject (أكره "I hate", نكره "we hate", بكره colloquial); ما / لا before
# them negates. بكره is also بكرة "tomorrow": only with ه as typed
_AR_VERBS = _folded("اكره نكره بكره منكره احتقر نحتقر بحتقر امقت نمقت ابغض نبغض اكرههم نكرههم بكرههم اكرهكم "
                    "نكرهكم بكرهكم "
                    # Arabizi ("ana bakrah el yahood"); not bakra / bukra, "tomorrow"
                    "bakrah bakreh bekrah akrah nakrah bakrahom")
_AR_VERBS_THEM = _folded("اكرههم نكرههم بكرههم bakrahom")  # "I hate them"
_AR_TOMORROW = normalise("بكره").text
_AR_NEGATORS = _folded("لا ما مش مو مب ma mish mesh mush msh mo la")
_AR_CURSES = _folded("يلعن تلعن")  # الله يلعن الشيعة, يلعن أبو السوريين
_AR_CURSED = _folded("ابو دين رب")
# Turkish: the group in the ablative, then "nefret ediyorum" or a verb of disgust
_TR_NEFRET = _folded("nefret")
_TR_ETMEK = _folded("ediyorum ederim ediyoruz ederiz")
_TR_DISGUST = _folded("tiksiniyorum tiksinirim iğreniyorum")
_TR_ADVERBS = _folded("çok cidden gerçekten resmen")
_TR_ABLATIVE = ("den", "dan", "ten", "tan")
# Persian: از G متنفرم / بیزارم / بدم میاد (negated forms are other words: متنفر نیستم, بدم نمیاد)
_FA_AFTER = _folded("متنفرم متنفریم بیزارم بیزاریم")
_FA_BAD = _folded("بدم")
_FA_COMES = _folded("میاد میآید میاید")
_FA_FROM = _folded("از")
# Sorani: ڕقم لە G ("my hatred is at G"), بێزارم لە G; Kurmanji: ji G nefret dikim
_CKB_HATE = _folded("ڕقم ڕقمان بێزارم بێزارین")
_CKB_AT = _folded("لە")
_KMR_FROM = _folded("ji")
_KMR_VERB = _folded("dikim dikin")

# "I hate women who ...", "أكره العرب اللي ...": a subset the rest of the sentence picks out, not the group
_RESTRICTED_BY = _folded("who whom which that like اللي الي اللى الذين الذي")
# "I despise the woman who wrote this": one person, not the group
_EN_PERSON_DETERMINERS = _folded("the this that a")
_EN_PERSON_NOUNS = _folded("woman girl")

# English derogation: G (are) (so / all / nothing but ...) <word>: "Muslims are pathetic", "why are gays so
# vile", "women are a disgrace". Words that also describe a plight ("refugees are sick and hungry",
# "the worst hit") count only where their clause ends
_EN_DEROGATORY = _folded(
    "pathetic repulsive revolting vile disgusting despicable worthless useless stupid dumb idiots morons imbeciles "
    "retarded inferior subhuman subhumans scum trash garbage filth vermin rats parasites leeches maggots cockroaches "
    "savages animals beasts cancer plague disease disgrace abomination abominations degenerates degenerate freaks "
    "perverts criminals thieves liars rapists terrorists evil")
# misspelt by accident or to slip past a filter ("vermn", "patheitc"): one letter dropped or two swapped,
# for words of six letters or more, where such an edit rarely makes another word
# (real words one such edit away, found by counting them in the English training rows, stay words;
# "criminal", "terrorist" and "animal" are also adjectives: "a terrorist attack", "animal rights")
_EN_DEROGATORY |= frozenset(v for w in _EN_DEROGATORY if len(w) >= 6 for v in _misspellings(w)) - _folded(
    "beats garage moons criminal terrorist animal")
_EN_AT_CLAUSE_END = _folded("worst sick dirty filthy lesser")
_EN_COPULA = _folded("are r were")
_EN_SINGULAR = _folded("woman girl female")  # "this woman is disgusting": a person, not women
_EN_INTENSIFIERS = _folded("all just so such really truly utterly completely totally literally nothing but a an "
                           "the bunch of fucking bloody always simply basically too very extremely incredibly "
                           "inherently naturally")
# adjectives that may stand before the word: "nothing but greedy parasites", "dirty little rats"
_EN_PEJORATIVE_MODIFIERS = _folded("greedy lazy dirty filthy stinking smelly ugly backward violent dangerous evil "
                                   "sick twisted little disgusting worthless useless pathetic")
_EN_UNWELCOME = ("not", "welcome")
# what follows a group in "G make me sick", "G belong in a zoo", "no G can ever be trusted" (folded;
# "can't" is can / t). Up to three adverbs may come first: "Muslims honestly just make me sick"
_EN_AFTER_GROUP_PHRASES = tuple(tuple(normalise(p).text.split()) for p in (
    "disgust me", "disgust us", "sicken me", "repulse me", "revolt me", "make me sick", "make me ill",
    "make me puke", "make me want to vomit", "make me want to puke", "make me physically ill",
    "belong in a zoo", "belong in cages", "belong in the kitchen", "are lesser beings", "are less than human",
    "are not even human", "can never be trusted", "can't be trusted", "cannot be trusted"))
_EN_NO_GROUP_PHRASES = tuple(tuple(normalise(p).text.split()) for p in ("can ever be trusted", "can be trusted"))
_EN_PREPOSITIONS = _folded("about of for towards toward against on with to by at from")
_EN_EMOTION_ADVERBS = _folded("really just all honestly so literally seriously genuinely truly")
# "fuck all G", "death to G", "get rid of G", "can't trust G" (words folded as normalise() folds them)
_EN_SEXUAL_OBJECTS = _folded("women girls females woman girl asian latina")
_BEFORE_GROUP = {("fuck",): 2, ("death", "to"): 2, ("rid", "of"): 2, ("can", "t", "trust"): 2, ("never", "trust"): 2,
                 ("cannot", "trust"): 2, ("wipe", "out"): 2, ("exterminate",): 2,
                 # Arabic: نتخلص من / التخلص من (get rid of)
                 ("نتخلص", "من"): 2, ("التخلص", "من"): 2, ("تخلصوا", "من"): 2,
                 ("لعنة", "الله", "على"): 2, ("لعنة", "الله", "ع"): 2,  # God's curse upon G
                 # ما بطيق / لا أطيق / مش طايق (can't stand)
                 ("ما", "بطيق"): 2, ("ما", "اطيق"): 2, ("لا", "اطيق"): 2, ("مش", "طايق"): 2}
_BEFORE_GROUP = {tuple(normalise(w).text for w in phrase): reach for phrase, reach in _BEFORE_GROUP.items()}
_BEFORE_GROUP_BY_LAST: dict[str, list] = {}
for _phrase, _reach in _BEFORE_GROUP.items():
    _BEFORE_GROUP_BY_LAST.setdefault(_phrase[-1], []).append((_phrase, _reach))

# the words a comment must contain for any frame to fit: one set lookup for most comments
_TRIGGERS = (_EN_VERBS | {"stand"} | _AR_VERBS | _AR_CURSES | _TR_NEFRET | _TR_DISGUST | _FA_AFTER | _FA_BAD
             | _CKB_HATE)
# (each phrase by its rarest-looking word: "death" for "death to", "sick" for "make me sick", so common
# words such as "to", "me" or "من" do not open the gate)
_GATE = (_TRIGGERS | _EN_DEROGATORY | _EN_AT_CLAUSE_END | {"welcome"}
         | {[w for w in p if w not in ("me", "us")][-1] for p in _EN_AFTER_GROUP_PHRASES + _EN_NO_GROUP_PHRASES}
         | {max(phrase, key=len) for phrase in _BEFORE_GROUP})
# what may stand between the verb and the group: "I hate all the Kurds", "أكره كل العرب"
_FILLERS = _folded("all the those these every single fucking damn bloody كل هدول هذول هاي هؤلاء يا el kol tüm bütün "
                   "همه همهٔ این اون هەموو")
_FA_BEFORE_GROUP = _FA_FROM | _FILLERS  # از افغانی‌ها / از همه عربها


def _them(words: list[str], verb: int) -> int | None:
    """Index of "them" as the verb's object: "hate them", "hate all / every one / each of them"."""
    for j in range(verb + 1, min(len(words), verb + 6)):
        if words[j] == "them":
            return j
        if words[j] not in _THEM_QUANTIFIERS:
            return None
    return None


_THEM_QUANTIFIERS = _folded("all every each single one of")


class _Tokens:
    def __init__(self, norm, groups: frozenset):
        self.spans = [(m.start(), m.end()) for m in WORD_RX.finditer(norm.text)]
        self.words = [norm.text[a:b] for a, b in self.spans]
        self.groups = groups

    def is_group(self, i: int) -> bool:
        if not 0 <= i < len(self.words):
            return False
        w, groups = self.words[i], self.groups
        nxt = self.words[i + 1] if i + 1 < len(self.words) else ""
        if w in _EN_ADJECTIVES:
            return nxt in _EN_BLACK_NEXT
        if nxt == "s":  # "I hate women's football": a possessive, not the group
            return False
        return (w in groups or _arabic_prefixed(w, groups)
                # Sorani copula: عەرەبەکانە "(they) are the Arabs"
                or (len(w) > 4 and w.endswith("ه") and w[:-1] in groups))

    def named_before(self, i: int) -> bool:
        """A group is named somewhere before token i (for "... I hate them")."""
        return any(self.is_group(k) for k in range(i))

    def clause_ends(self, j: int, text: str) -> bool:
        """Token j is the last of its clause: the comment ends or punctuation follows it."""
        if j + 1 >= len(self.spans):
            return True
        gap = text[self.spans[j][1]:self.spans[j + 1][0]]
        return any(c in gap for c in ".,;:!?()\n")

    def group_after(self, i: int, reach: int = 2) -> int | None:
        """Index of a group name right after position i, past at most ``reach`` fillers."""
        for j in range(i + 1, min(len(self.words), i + 2 + reach)):
            if self.is_group(j):
                return j
            if self.words[j] not in _FILLERS:
                return None
        return None


def find(norm, groups: frozenset | None = None) -> list[Hit]:
    """identity_abuse hits for the hate frames in one ``normalise()``-d comment."""
    words = norm.words if norm.words is not None else WORD_RX.findall(norm.text)  # Lexicon.find sets .words
    if not words or _GATE.isdisjoint(words):
        return []
    tk = _Tokens(norm, group_words() if groups is None else groups)
    found = _declared_hatred(tk, norm) + _derogation(tk, norm.text) + _after_group(tk) + _before_group(tk)
    out = []
    n = len(tk.words)
    for first, last in found:
        if tk.words[last] in _EN_ADJECTIVES:
            last += 1  # "black people": the span shows the whole name
        names_last = tk.is_group(last) or tk.words[last] in _EN_BLACK_NEXT
        if names_last and last + 1 < n and tk.words[last + 1] in _RESTRICTED_BY:
            continue
        if tk.words[last] in _EN_PERSON_NOUNS and tk.words[last - 1] in _EN_PERSON_DETERMINERS:
            continue
        o0, o1 = norm.to_original(tk.spans[first][0], tk.spans[last][1])
        out.append(Hit(o0, o1, "identity_abuse", norm.original[o0:o1], "any", WHY, WEIGHT, None))
    return out


def _declared_hatred(tk: _Tokens, norm) -> list[tuple[int, int]]:
    """(first, last) token spans of "I hate G" and its equivalents in the six languages."""
    words = tk.words
    n = len(words)
    found = []
    for i, w in enumerate(words):
        if w not in _TRIGGERS:
            continue
        first = last = None
        before = words[max(0, i - 4):i]
        if w in _EN_VERBS or (w == "stand" and (words[i - 2:i] == ["can", "t"] or before[-1:] == ["cannot"])):
            subject = next((k for k in range(i - 1, i - 5, -1) if k >= 0 and words[k] in _EN_SUBJECTS), None)
            negated = w != "stand" and any(x in _EN_NEGATORS for x in before[-2:]) or \
                w == "stand" and any(x in _EN_NEGATORS - {"t", "cannot"} for x in before[-3:])
            if subject is not None and not negated:
                first, last = subject, tk.group_after(i)
                if last is None and tk.named_before(subject):
                    last = _them(words, i)  # "I have met many Kurds and I hate every one of them"
        elif w in _AR_VERBS:
            a, b = norm.to_original(*tk.spans[i])
            tomorrow = w == _AR_TOMORROW and "ة" in norm.original[a:b]
            if not tomorrow and not (i >= 1 and words[i - 1] in _AR_NEGATORS):
                first, last = i, tk.group_after(i)
                if last is None and w in _AR_VERBS_THEM and tk.named_before(i):
                    last = i  # "السوريين؟ بكرههم": the suffix is the group named before
        elif w in _AR_CURSES:
            first, last = i, tk.group_after(i)
            if last is None and i + 1 < n and words[i + 1] in _AR_CURSED:
                last = tk.group_after(i + 1)
        elif w in _TR_NEFRET or w in _TR_DISGUST:
            verb_ok = w in _TR_DISGUST or (i + 1 < n and words[i + 1] in _TR_ETMEK)
            g = i - 2 if i >= 2 and words[i - 1] in _TR_ADVERBS else i - 1
            if verb_ok and tk.is_group(g) and words[g].endswith(_TR_ABLATIVE):
                first, last = g, i + (1 if w in _TR_NEFRET else 0)
            elif i >= 2 and words[i - 2] in _KMR_FROM and tk.is_group(i - 1) and i + 1 < n \
                    and words[i + 1] in _KMR_VERB:  # Kurmanji: ji Ereban nefret dikim
                first, last = i - 2, i + 1
        elif w in _FA_AFTER or (w in _FA_BAD and i + 1 < n and words[i + 1] in _FA_COMES):
            for g in range(i - 1, max(0, i - 4), -1):  # از (همه) افغانی‌ها متنفرم
                if tk.is_group(g) and words[g - 1] in _FA_BEFORE_GROUP:
                    first, last = g - 1, i + (1 if w in _FA_BAD else 0)
                    break
        elif w in _CKB_HATE and i + 1 < n and words[i + 1] in _CKB_AT:
            first, last = i, tk.group_after(i + 1)
        if first is not None and last is not None:
            found.append((first, last))
    return found


def _subject_groups(tk: _Tokens):
    """``(g, j, negated)`` for each group name ``g`` that can be the subject of what follows it: not a
    single person ("this woman"), not after "who / that" ("people who hate Jews are sick") or a
    preposition ("the attacks on Muslims are disgusting"). ``j`` is the word after the name ("black
    people" is two words); ``negated``: a negator in the two words before ("not all Muslims")."""
    words = tk.words
    for g in range(len(words)):
        if not tk.is_group(g) or words[g] in _EN_SINGULAR:
            continue
        if any(w in _RESTRICTED_BY for w in words[max(0, g - 3):g]) or (g and words[g - 1] in _EN_PREPOSITIONS):
            continue
        j = g + 2 if words[g] in _EN_ADJECTIVES else g + 1
        yield g, j, any(w in _EN_NEGATORS for w in words[max(0, g - 2):g])


def _derogation(tk: _Tokens, text: str) -> list[tuple[int, int]]:
    """English "G are (so, all, nothing but ...) <derogatory word>", "why are G so vile" and "G are not
    welcome", within one clause. Without "are" an intensifier must stand between ("gays so vile"):
    "Sunni terrorists" and "immigrant criminals" name people, they do not call the group names.
    "Not all Muslims are terrorists" is negated; "this woman is disgusting" is about one person."""
    words = tk.words
    n = len(words)
    found = []
    for g, j, negated in _subject_groups(tk):
        if negated:
            continue
        copula = j < n and words[j] in _EN_COPULA
        j += copula
        if words[j:j + 2] == list(_EN_UNWELCOME) and copula:
            found.append((g, j + 1))
            continue
        for k in range(j, min(n, j + 5)):
            if tk.clause_ends(k - 1, text):
                break
            w = words[k]
            if w in _EN_DEROGATORY or (w in _EN_AT_CLAUSE_END and tk.clause_ends(k, text)):
                if (copula or k > j) and not (k + 1 < n and words[k + 1] == "s"):  # "terrorists' victims"
                    found.append((g, k))
                break
            if w not in _EN_INTENSIFIERS and w not in _EN_PEJORATIVE_MODIFIERS:
                break
    return found


def _after_group(tk: _Tokens) -> list[tuple[int, int]]:
    """English "G (really) make me sick", "G disgust me", "G belong in a zoo", "G are lesser beings",
    "G can't be trusted", and "no G can ever be trusted"."""
    words = tk.words
    n = len(words)
    found = []
    for g, j, negated in _subject_groups(tk):
        while j < n and words[j] in _EN_EMOTION_ADVERBS and j < g + 4:
            j += 1
        no_group = negated and words[g - 1] == "no"
        phrases = _EN_NO_GROUP_PHRASES if no_group else (() if negated else _EN_AFTER_GROUP_PHRASES)
        for phrase in phrases:
            if tuple(words[j:j + len(phrase)]) == phrase:
                found.append((g - 1 if no_group else g, j + len(phrase) - 1))
                break
    return found


def _before_group(tk: _Tokens) -> list[tuple[int, int]]:
    """"fuck all G", "death to G", "get rid of G", "can't trust G": a group right after the phrase."""
    words = tk.words
    found = []
    for i, w in enumerate(words):
        for phrase, reach in _BEFORE_GROUP_BY_LAST.get(w, ()):
            if tuple(words[i - len(phrase) + 1:i + 1]) != phrase:
                continue
            last = tk.group_after(i, reach)
            if last is None:
                continue
            if phrase == ("fuck",) and words[last] in _EN_SEXUAL_OBJECTS and words[i + 1] != "all":
                continue  # "fuck the girls" is sex talk, "fuck all women" is not
            found.append((i - len(phrase) + 1, last))
    return found
