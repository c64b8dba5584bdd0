"""The screening engine: learned per-code probabilities + lexicon / rule evidence.

``Screener.load()`` loads the committed artifacts (lexicon, language id, and the learned
``GuidelineModel`` when its module and artifact exist) and ``screen(text)`` returns a
:class:`Verdict` with a score in [0, 1] per code, the detected language and the evidence
spans (offsets into the original text).

How scores combine (per code):

* learned probability from ``GuidelineModel.predict_proba`` (if available);
* rule score from lexicon hits: a strong term (weight >= 0.9) gives 0.9 (0.95 with two or
  more strong hits), a medium term 0.75 * weight, weak-only evidence (HurtLex, AraHate,
  LDNOOBW-v2, ambiguous words) is capped below the code's decision threshold so it can
  never decide alone (mild swearing, weight ``MILD_WEIGHT`` to 0.6, just below it). A hit inside
  quotation marks counts half (quoting an insult to discuss it), but it stays in the evidence;
* promotion: rule score from :mod:`majlis.screening.promotion`;
* both are re-centred by :func:`centre_on_threshold` so that each one's decision point lands on
  0.5: the learned score on the model's dev-tuned threshold for that code, the rule score on the
  fixed ``RULE_THRESHOLDS`` its weights were tuned against (so a retrain cannot turn weak rule
  cues into decisions). Final score = the larger of the two (a noisy-OR ranks no better on the
  held-out rows, by at most 0.005 ROC-AUC, and flags more clean comments): a score of 0.5 or more
  means "likely breaks this guideline" for every code (``Screener.thresholds``);
* ``reject`` = the learned reject head, lifted only by a strong rule (>= ``STRONG_RULE``), except
  in Kurdish (``THIN_DATA_LANGS``), where any rule score lifts it.

``off_topic`` (only when ``article_text`` is given) is a side signal, never a rejection
reason: 1 - lexical relevance, where relevance is the share of the comment's content words
(folded, stop words removed, 5-letter prefixes for inflection) that also occur in the
article. Comments with fewer than four content words ("Great article!") are capped at 0.4.
"""
from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple, Sequence

import numpy as np

from . import hate_frames
from .groups import abstract_groups, group_words
from .langid import detect_language
from .lexicon import Hit, Lexicon
from .normalise import WORD_RX as _TOKEN_RX
from .normalise import normalise
from .promotion import cta_entries, detect_promotion

__all__ = ["CODES", "Evidence", "Verdict", "Screener"]

CODES = ("profanity", "vulgarity", "threat", "personal_attack", "identity_abuse", "promotion")
_CODE_IDX = {c: i for i, c in enumerate(CODES)}
MAX_EVIDENCE = 100  # per comment; the scores still use every hit


class Evidence(NamedTuple):
    start: int
    end: int
    code: str
    why: str


@dataclass
class Verdict:
    scores: dict
    language: str
    evidence: list = field(default_factory=list)
    text: str = field(default="", repr=False)
    # overall reject probability: the learned model's "reject" head (when it has one) combined with
    # the rule scores; None for an empty comment. Not part of to_dict() (the JSON contract).
    reject: float | None = None

    def to_dict(self) -> dict:
        return {
            "scores": {k: round(float(v), 4) for k, v in self.scores.items()},
            "language": self.language,
            "evidence": [
                {"start": e.start, "end": e.end, "code": e.code, "why": e.why, "text": self.text[e.start:e.end]}
                for e in self.evidence
            ],
        }


# short quoted segments ("dogs", “traitor”, «خائن», 'vermin'); an apostrophe inside or after a word
# opens no quote (she's, don't, the Kurds' land)
_QUOTES = re.compile(r"\"[^\"\n]{1,40}\"|“[^”\n]{1,40}”|«[^»\n]{1,40}»|„[^“”\n]{1,40}[“”]|(?<!\w)‘[^’\n]{1,40}’(?!\w)|"
                     r"(?<!\w)'[^'\n]{1,40}'(?!\w)")

# English counter-speech: the commenter reports or rejects the group abuse or threat they write
_COUNTER_SPEECH = re.compile(
    r"\b(?:stop (?:calling|saying)|(?:never|not|don'?t|do not|cannot|can'?t) (?:say|call|claim)|saying|"
    r"(?:not|isn'?t|is not) true that|(?:false|a lie|wrong|racist|hateful|disgusting|shameful) to (?:say|call|claim)|"
    r"thing to say|people who (?:say|call|think)|whoever (?:says|writes|posts|keeps)|shame on|"
    r"(?:statements?|comments?|words|claims?|posts?|slogans?) like|if you (?:say|think|call)|"
    r"(?:don'?t|do not|never|nobody should) (?:think|believe|want|wish))\b|"
    # Arabic: "whoever says ...", "he said that ..."
    r"(?:^|\s)(?:من|اللي|الذي|يلي) (?:ب)?(?:يقول|يقولون|يكتب|يصف)|(?:^|\s)(?:قال|يقول|قالوا) [إأا]ن", re.IGNORECASE)

# identity group + dehumanising noun nearby (English); gated by the group words. Adjectives that are
# also everyday words (black, gay, disabled) count only with a noun for people: "black dogs" is not a group
_GROUPS = (r"kurds?|arabs?|turks?|persians?|iranians?|iraqis?|syrians?|afghans?|yazidis?|ezidis?|assyrians?|christians?|"
           r"jews?|muslims?|shias?|shiites?|sunnis?|refugees?|immigrants?|migrants?|foreigners?|gays|lesbians?|"
           r"homosexuals?|trans(?:gender)?s?|women|girls|blacks|africans?|armenians?|alevis?|kakais?|shabaks?|"
           r"turkmens?|feminists?")
_PEOPLE_GROUPS = (r"(?:black|gay|trans(?:gender)?|disabled|jewish|muslim|lesbian|queer|arab|kurdish|african|syrian|"
                  r"afghan)\s+(?:people|persons|folks?|men|women|kids|families)")
_DEHUMAN = (r"animals?|dogs?|rats?|vermin|parasites?|cockroaches|roaches|pigs?|apes?|monkeys?|subhumans?|savages?|"
            r"filth|filthy|scum|trash|garbage|diseases?|cancer|plague|barbarians?|inferior|disgusting|dirty|"
            r"should be (?:killed|exterminated|wiped out|gassed|deported|shot|burned)|must be (?:killed|exterminated|"
            r"wiped out|eliminated|expelled)|don'?t deserve to live|are all terrorists|are terrorists|breed like")
_IDENT_RX = re.compile(r"\b(?:all\s+|these\s+|those\s+|the\s+|filthy\s+|dirty\s+)?"
                       r"(?P<g>" + _PEOPLE_GROUPS + "|" + _GROUPS + r")\s+(?:are|is|r|were|=|-)?\s*"
                       r"(?:(?:all|just|nothing but|like|such|a bunch of|fucking|bloody|the|real|pure|an?)\s+){0,3}"
                       r"(?P<d>" + _DEHUMAN + r")\b", re.IGNORECASE)

_STOP = set("""the a an and or but if of to in on at for with from by about as is are was were be been being this that
these those it its they them their we our you your he she his her i me my not no so do does did have has had will would
can could should just very really also there here what which who whom how why when all any some more most than then
only out up down into over under again new one two said says say like get got make made many much too even still
ve bir bu şu o için çok değil ne ama da de gibi ile mi mı mu mü ki ya daha en her kadar olan olarak ise diye var yok
û ji li bi ku ez tu ew em hûn min te wî wê me we wan çi ne jî heye dibe kir ev di de ya yê ên ra re bo
في من على الى إلى عن ان أن إن هذا هذه ذلك التي الذي الذين ما لا لم لن كان كانت هو هي هم نحن انت مع كل قد او أو ثم بعد قبل بين عند غير
است این که را می از به با در برای آن یک هم تا بر شد شده کرد کند نیست هست ما شما او ایشان یا اما چه اگر هر
لە و بۆ ئەو کە دەکات بە ئەم لەگەڵ بوو یە ی ناو دا وە کرد دەبێت هەر ئێمە ئێوە من تۆ ئەوان چی نییە هەیە""".split())
_WORD = re.compile(r"[^\W\d_]{3,}")


def _content(text: str) -> set[str]:
    words = _WORD.findall(normalise(text).text)
    stop = _STOP_FOLDED
    return {w[:5] for w in words if w not in stop}


_STOP_FOLDED = {normalise(w).text for w in _STOP}


@lru_cache(maxsize=256)
def _article_words(article_text: str) -> frozenset:
    return frozenset(_content(article_text))


def off_topic_score(comment: str, article_text: str) -> float:
    """1 - lexical relevance of ``comment`` to ``article_text`` (side signal, see module doc)."""
    c = _content(comment)
    if not c:
        return 0.2
    a = _article_words(article_text)
    rel = len(c & a) / len(c)
    score = 1.0 - min(1.0, rel / 0.3)
    if len(c) < 4:
        score = min(score, 0.4)
    return round(score, 4)


# seed-lexicon weights from here to 0.6 are "mild" words (damn, crap): never a decision on their
# own, but ranked just under one, above weak evidence (the external lists stop at 0.55)
MILD_WEIGHT = 0.58
STRONG_RULE = 0.85  # a rule score at or above this is a strong lexicon term or a clear ad
THIN_DATA_LANGS = frozenset({"ckb", "kmr"})  # no public labelled comments to train on
DECISION_SCORE = 0.5  # a returned score at or above this means "likely breaks this guideline"
# The rule layer's own decision points: the model thresholds its weights and caps were tuned
# against (2026-11-29). Rule scores are re-centred on these, model scores on the model's current
# thresholds, so a retrain that moves a threshold moves the model's decisions only: with the
# rules tied to the model's threshold, one retrain (promotion 0.47 -> 0.39) turned every weak
# promotion cue (a hashtag, a handle, capped at 0.45 as "not enough alone") into a decision.
RULE_THRESHOLDS = {"profanity": 0.38, "vulgarity": 0.39, "threat": 0.20, "personal_attack": 0.39,
                   "identity_abuse": 0.26, "promotion": 0.47}


def centre_on_threshold(score: float, threshold: float) -> float:
    """Map a score in [0, 1] so that ``threshold`` lands on ``DECISION_SCORE`` (0.5).

    Piecewise linear and increasing, so rankings (ROC-AUC) and decisions are unchanged; it only
    puts every code's decision point at the same place, which is what a moderator reading "0.31"
    or an integrator choosing a cut expects. 0 and 1 stay 0 and 1."""
    s = min(1.0, max(0.0, float(score)))
    t = min(0.99, max(0.01, float(threshold)))
    if s <= t:
        return DECISION_SCORE * s / t
    return DECISION_SCORE + (1 - DECISION_SCORE) * (s - t) / (1 - t)


def _in_quotes(text: str, start: int, end: int, spans: list) -> bool:
    return any(s <= start and end <= e for s, e in spans)


class Screener:
    """Loads the committed artifacts once; ``screen`` / ``screen_many`` are thread-safe (read-only)."""

    def __init__(self, lexicon: Lexicon, model=None, langid_path: str | None = None):
        self.lexicon = lexicon
        self.model = model
        self.langid_path = langid_path
        thr = {}
        if model is not None:
            try:
                t = getattr(model, "thresholds", {})
                thr = dict(t() if callable(t) else t)
            except Exception:
                thr = {}
        # model_thresholds: the model's own thresholds (chosen on dev, on its raw scale), used inside
        # the engine; every score it returns is re-centred so that they land on DECISION_SCORE, and
        # ``thresholds`` (what callers compare returned scores with) is DECISION_SCORE for every code
        self.model_thresholds = {c: float(thr.get(c, DECISION_SCORE)) for c in CODES + ("reject",)}
        self.thresholds = {c: DECISION_SCORE for c in CODES}

    @classmethod
    def load(cls, path: str | os.PathLike | None = None, use_model: bool = True, model=None) -> "Screener":
        """``path``: a folder holding ``lexicon.json.gz`` / ``langid.npz`` / the model artifact
        (default: the package's ``artifacts/``). ``model``: an already loaded ``GuidelineModel``
        to use instead of the folder's (evaluating a candidate artifact)."""
        from .lexicon import ARTIFACT as LEX_ART

        folder = os.fspath(path) if path else None
        lex_path = os.path.join(folder, "lexicon.json.gz") if folder else str(LEX_ART)
        lid_path = os.path.join(folder, "langid.npz") if folder else None
        if lid_path and not os.path.exists(lid_path):
            lid_path = None
        base = Lexicon.load(lex_path)
        lexicon = Lexicon(list(base.entries) + cta_entries())
        if model is None and use_model and os.environ.get("MAJLIS_SCREENING_NO_MODEL") != "1":
            model = _load_model(folder)
        return cls(lexicon, model, lid_path)

    # ------------------------------------------------------------------ screening
    def screen(self, text: str, article_text: str | None = None) -> Verdict:
        return self.screen_many([text], [article_text])[0]

    def screen_many(self, texts: Sequence[str], article_texts: Sequence[str | None] | None = None) -> list[Verdict]:
        texts = [t if isinstance(t, str) else ("" if t is None else str(t)) for t in texts]
        n = len(texts)
        if article_texts is None:
            article_texts = [None] * n
        langs = []
        rules = []
        evid = []
        norms = []
        for t in texts:
            lang, rule, ev, norm = self._rules(t)
            langs.append(lang)
            rules.append(rule)
            evid.append(ev)
            norms.append(norm)
        learned = None
        learned_reject = None
        if self.model is not None and n:
            try:
                if hasattr(self.model, "predict_all"):
                    # the rules' folding is reused: the model does not fold each comment again
                    allp = self.model.predict_all(list(texts), langs, normalised=norms)
                    learned = allp[:, : len(CODES)]
                    if allp.shape[1] > len(CODES):
                        learned_reject = allp[:, len(CODES)]
                else:
                    learned = self.model.predict_proba(list(texts), langs)
            except Exception:  # a broken model must not take screening down
                learned = learned_reject = None
        verdict_parts = []
        model_only_codes: dict[int, list] = {}  # comment index -> codes only the learned model flags
        extended: set = set()  # comments whose evidence this loop adds to
        for i, t in enumerate(texts):
            scores = {}
            rule_scores = [centre_on_threshold(r, RULE_THRESHOLDS[c]) for r, c in zip(rules[i], CODES)]
            for j, c in enumerate(CODES):
                p = centre_on_threshold(float(learned[i, j]), self.model_thresholds[c]) if learned is not None else 0.0
                scores[c] = round(max(p, rule_scores[j]), 4)
            # codes only the learned model flags: the words it weighs most become their evidence
            model_only = [c for j, c in enumerate(CODES) if scores[c] >= DECISION_SCORE
                          and rule_scores[j] < DECISION_SCORE and not any(e.code == c for e in evid[i])]
            why = None
            if scores["threat"] > scores["identity_abuse"] and self._names_group(t, norms[i]):
                # a threat against people named by who they are ("Muslims should all be killed") is
                # also abuse of that group; the threat model alone knows the threat, not the target
                scores["identity_abuse"] = scores["threat"]
                why = "a threat naming a group"
            elif not any(e.code == "identity_abuse" for e in evid[i]):
                why = "the learned model reads this as abuse of a group it names"
            if why and scores["identity_abuse"] >= DECISION_SCORE:  # show the moderator whom it is about
                evid[i] = evid[i] + _group_names(norms[i], self._group_words(), why)
                extended.add(i)
            if model_only and learned is not None and norms[i] is not None:
                model_only_codes[i] = model_only
            rule_max = max(rules[i])
            rej = max(rule_scores)
            if learned_reject is not None:
                # the reject head ranks better than the rules on the languages it has public data
                # for: there only a strong rule (a listed swear word, a phone-number ad) lifts it.
                # Kurdish has a few hundred rows of our own: the rules count fully.
                lifts = rule_max >= STRONG_RULE or langs[i] in THIN_DATA_LANGS
                rej = max(centre_on_threshold(float(learned_reject[i]), self.model_thresholds["reject"]),
                          rej if lifts else 0.0)
            elif learned is not None:
                rej = max(rej, max(scores[c] for c in CODES))
            a = article_texts[i] if i < len(article_texts) else None
            if a:
                scores["off_topic"] = off_topic_score(t, a)
            verdict_parts.append((scores, round(rej, 4) if t.strip() else None))
        if model_only_codes:
            self._add_model_words(model_only_codes, norms, langs, evid)
            extended.update(model_only_codes)
        for i in extended:  # the rules' evidence comes sorted; only what was added to it needs sorting
            evid[i] = sorted(evid[i], key=lambda e: (e.start, e.end, e.code))[:MAX_EVIDENCE]
        return [Verdict(scores, langs[i], evid[i], texts[i], rej) for i, (scores, rej) in enumerate(verdict_parts)]

    def _add_model_words(self, codes_of: dict, norms, langs, evid, top: int = 3) -> None:
        """Evidence for the codes only the learned model flagged (``codes_of``: comment index ->
        codes): the (at most ``top``) words that on their own push that code's score up most, each
        at its first place in the comment. One ``word_weights`` call per language for the batch."""
        if not hasattr(self.model, "word_weights"):
            return
        spans = {}  # comment index -> {word: its first span in the folded text}
        by_lang: dict[str, set] = {}
        for i in codes_of:
            toks = spans[i] = {}
            for m in _TOKEN_RX.finditer(norms[i].text):
                toks.setdefault(m.group(), m.span())
            by_lang.setdefault(langs[i], set()).update(toks)
        weights = {}
        try:
            for lang, words in by_lang.items():
                words = sorted(words)
                weights[lang] = dict(zip(words, self.model.word_weights(words, lang)))
        except Exception:  # evidence is an aid: a model without it must not break screening
            return
        groups = self._group_words()
        for i, codes in codes_of.items():
            words = list(spans[i])
            W = np.array([weights[langs[i]][w] for w in words])
            for c in codes:
                w = W[:, _CODE_IDX[c]].copy()
                if c == "identity_abuse":  # whom it names is shown already: show what it says of them
                    w[[k for k, word in enumerate(words) if word in groups]] = 0.0
                for k in [k for k in np.argsort(-w)[:top] if w[k] > 0 and w[k] >= 0.3 * w.max()]:
                    a, b = norms[i].to_original(*spans[i][words[k]])
                    word = norms[i].original[a:b]
                    evid[i].append(Evidence(a, b, c, f'the learned model weighs "{word}" towards {c}'))

    def _group_words(self) -> frozenset:
        return getattr(self.model, "group_words_", None) or group_words()

    def _names_group(self, text: str, norm=None) -> bool:
        from .model import prepare

        return abstract_groups(prepare(text, norm), self._group_words()) is not None

    def _rules(self, text: str):
        rule = [0.0] * len(CODES)
        if not text or not text.strip():
            return "other", rule, [], None
        lang = detect_language(text, self.langid_path)
        norm = normalise(text)
        hits = self.lexicon.find(norm, lang)
        promo_hits = [h for h in hits if h.code == "promotion"]
        other = [h for h in hits if h.code != "promotion"]
        ident = (_identity_rule(text, norm.words) + _identity_window(norm, lang)
                 + hate_frames.find(norm, self._group_words()))
        other.extend(ident)
        # "stop calling immigrants vermin", "I'd never say women are inferior": group abuse and
        # threats the commenter reports or rejects count as if quoted (the learned model still decides)
        reported = ({id(h) for h in other if h.code in ("identity_abuse", "threat")}
                    if _COUNTER_SPEECH.search(text) else ())
        if "\U0001F595" in text:
            other.extend(_gesture_hits(text))
        promo = detect_promotion(text, norm, cta_hits=promo_hits)
        quotes = None
        evidence = []
        per_code: dict[str, list] = {}
        for h in other:
            w = h.weight
            if quotes is None:
                quotes = [m.span() for m in _QUOTES.finditer(text)] if any(q in text for q in "\"“«„‘'") else []
                # a quote that is (almost) the whole comment is the commenter's own voice
                quotes = [(a, b) for a, b in quotes if (b - a) < 0.6 * len(text.strip())]
                quote_starts = [a for a, _ in quotes]
            quoted = id(h) in reported
            if quotes and not quoted:
                # a hit touching a quotation counts as quoted: 'the Kurds "dogs"' (group + quoted word)
                k = bisect.bisect_right(quote_starts, h.end - 1) - 1
                quoted = k >= 0 and quotes[k][1] > h.start
            per_code.setdefault(h.code, []).append((w, quoted, h.term))
            why = h.why() + (" [quoted]" if quoted else "")
            evidence.append(Evidence(h.start, h.end, h.code, why))
        for code, ws in per_code.items():
            j = _CODE_IDX[code]
            strong = {t for w, q, t in ws if w >= 0.9 and not q}
            if len(strong) >= 2:
                r = 0.95
            elif strong:
                r = 0.9
            else:
                best_g: dict = {}
                for w, q, t in ws:  # one contribution per distinct word (سەگ / سەگەکە, idiot / idiots)
                    g = 0.75 * w if w >= 0.6 else 0.6 * w
                    if q:
                        g *= 0.5
                    key = normalise(t).text.replace(" ", "")[:3]
                    best_g[key] = max(best_g.get(key, 0.0), g)
                gs = sorted(best_g.values(), reverse=True)
                # the strongest medium cue counts fully, further distinct cues add a little:
                # two medium insults reach a decision, a medium one plus weak ones do not
                r = gs[0] + 0.15 * sum(gs[1:])
                medium = any(w >= 0.6 and not q for w, q, t in ws)
                mild = any(w >= MILD_WEIGHT and not q for w, q, t in ws)
                cap = 0.8 if medium else RULE_THRESHOLDS[code] - (0.02 if mild else 0.1)
                r = min(r, max(0.0, cap))
            rule[j] = max(rule[j], r)
        rule[_CODE_IDX["promotion"]] = promo.score
        for h in promo.hits:
            evidence.append(Evidence(h.start, h.end, "promotion", h.why))
        evidence.sort(key=lambda e: (e.start, e.end, e.code))
        if len(evidence) > MAX_EVIDENCE:
            evidence = evidence[:MAX_EVIDENCE]
        if len(evidence) > 1:
            seen = set()
            uniq = []
            for e in evidence:
                k = (e.start, e.end, e.code)
                if k not in seen:
                    seen.add(k)
                    uniq.append(e)
            evidence = uniq
        return lang, rule, evidence, norm


_GROUP_FORMS = frozenset(
    w + suf for w in ("kurd", "arab", "turk", "persian", "iranian", "iraqi", "syrian", "afghan", "yazidi", "ezidi",
                      "assyrian", "christian", "jew", "muslim", "shia", "shiite", "sunni", "refugee", "immigrant",
                      "migrant", "foreigner", "gay", "lesbian", "homosexual", "tran", "transgender", "black",
                      "disabled", "african", "armenian", "alevi", "kakai", "shabak", "turkmen", "feminist")
    for suf in ("", "s")) | {"women", "girls", "trans"}
_DEHUMAN_FORMS = frozenset(
    "animal animals dog dogs rat rats vermin parasite parasites cockroach cockroaches roaches pig pigs ape apes monkey "
    "monkeys subhuman subhumans savage savages filth filthy scum trash garbage disease diseases cancer plague "
    "barbarian barbarians inferior disgusting dirty killed exterminated wiped gassed deported shot burned eliminated "
    "expelled deserve terrorists breed".split())
_DEHUMAN_GATE = ("animal", "dog", "rat", "vermin", "parasit", "roach", "pig", "ape", "monkey", "subhuman", "savage",
                 "filth", "scum", "trash", "garbage", "disease", "cancer", "plague", "barbarian", "inferior", "disgust",
                 "dirty", "kill", "extermin", "wiped", "gassed", "deport", "shot", "burn", "eliminat", "expel",
                 "deserve", "terrorist", "breed")


_MIDDLE_FINGER = re.compile("\U0001F595[\U0001F3FB-\U0001F3FF]?")


def _group_names(norm, words: frozenset, why: str) -> list[Evidence]:
    """identity_abuse evidence for the group names a comment contains, when only the learned model
    (or a threat) says the comment abuses a group: the moderator sees whom it is about."""
    out = []
    for m in _TOKEN_RX.finditer(norm.text):
        if m.group() in words:
            a, b = norm.to_original(m.start(), m.end())
            out.append(Evidence(a, b, "identity_abuse", f'{why}: "{norm.original[a:b]}"'))
    return out


def _gesture_hits(text: str) -> list[Hit]:
    """The middle-finger emoji is the gesture written down: swearing in any language."""
    return [Hit(m.start(), m.end(), "profanity", m.group(0), "any", "obscene gesture emoji", 0.75, None)
            for m in _MIDDLE_FINGER.finditer(text)]


def _identity_rule(text: str, words=None) -> list[Hit]:
    if words is not None:
        if words.isdisjoint(_GROUP_FORMS) or words.isdisjoint(_DEHUMAN_FORMS):
            return []
    else:
        low = text.lower()
        if not any(g in low for g in _GROUP_FORMS) or not any(d in low for d in _DEHUMAN_GATE):
            return []
    out = []
    for m in _IDENT_RX.finditer(text):
        out.append(Hit(m.start(), m.end(), "identity_abuse", m.group(0), "en", "group + dehumanising word", 0.75,
                       None))
    return out


# ---- identity group + dehumanising word, all six languages (token window; folded forms)
_ML_GROUPS = """
kurd kurds arab arabs turk turks persian persians iranian iranians jew jews muslim muslims christian christians
yazidi yazidis shia shias sunni sunnis refugee refugees immigrant immigrants migrants afghans syrians gays women
اكراد الاكراد كرد الكرد عرب العرب اعراب الاعراب اتراك الاتراك فرس الفرس شيعه الشيعه سنه السنه يهود اليهود مسيحيين
المسيحيين نصارى النصارى ايزيديين الايزيديين يزيديه اليزيديه لاجيين اللاجيين سوريين السوريين ايرانيين الايرانيين مثليين
المثليين كردها عربها تركها ترك افغانيها افغاني افغانها يهوديها يهودي بهاييها بهايي سنيها شيعهها زنها همجنسگراها لرها
kurtler kurt araplar arap suriyeliler suriyeli afganlar ermeniler ermeni yahudiler yahudi aleviler cingeneler
gocmenler multeciler acemler ereb ereban tirk tirkan ecem cihu cihuyan ezidi eziди file penaber penaberan
كورد كوردهكان عهرهب عهرهبهكان تورك توركهكان فارس فارسهكان جولهكه جولهكهكان يزيدي يزيديهكان مهسيحي شيعهكان
عهرهبي توركي فارسي كوردي عهرهبهكاني توركهكاني عهرهبه توركه فارسه كورده kurtleri araplari suriyelileri
سوننهكان پهنابهر پهنابهران
yahood yahud laje2in laje2een lajieen souriyeen souriyin shee3a shi3a niswan mithliyeen mithliyin masi7iyeen
afarqa 3arab akrad krad
"""
_ML_DEHUMAN_STRONG = """
dogs pigs rats vermin animals cockroaches parasites subhuman apes monkeys savages
كلاب الكلاب خنازير الخنازير قرود القرود حيوانات الحيوانات حشرات جرذان صراصير بهايم
سگ سگها سگن خرها حیوانها حیوان وحشی وحشیها سوسمارخور
kopek kopekler kopegi kopekleri hayvan hayvanlar hasere domuz domuzlar itler sersem
kucik kuciko kucikan seg segan heywan heywanan beraz
سهگ سهگن سهگهكان سهگه حهيوان حهيوانن حهيوانه بهراز
klab kilab kleb 7ayawanat hayawanat 7asharat hasharat khanazir khanazeer 2roud qurood jrazi
"""
_ML_DEHUMAN_WEAK = """
dirty filthy disgusting traitors terrorists inferior
وسخين انجاس قذرين خونه همج متخلفين زباله عبيد
كثيف كثيفها نجس اشغال عقب مانده
pis pislik les soysuz asagilik hain hainler
pis xayin xayinan
پيس خايين خاينن
"""
_ML_GROUP_SET = frozenset(normalise(w).text for w in _ML_GROUPS.split())
_ML_STRONG_SET = frozenset(normalise(w).text for w in _ML_DEHUMAN_STRONG.split())
_ML_WEAK_SET = frozenset(normalise(w).text for w in _ML_DEHUMAN_WEAK.split())
_ML_DEHUMAN_SET = _ML_STRONG_SET | _ML_WEAK_SET
# Persian کرد "did", ترک "quitting" and خونه "house" fold like Arabic كرد "Kurds", ترك "Turks", خونة "traitors"
_ML_GROUP_SET_FA = _ML_GROUP_SET - frozenset(normalise(w).text for w in "کرد ترک".split())
_ML_DEHUMAN_SET_FA = _ML_DEHUMAN_SET - frozenset(normalise(w).text for w in "خونه".split())


def _identity_window(norm, lang: str = "other") -> list[Hit]:
    """A group word and a dehumanising word within three tokens of each other ("Kurds are dogs",
    "pis Kürtler", "العرب الكلاب", "عربهای کثیف"). Medium evidence only: the learned model decides."""
    words = norm.words
    if not words or words.isdisjoint(_ML_GROUP_SET) or words.isdisjoint(_ML_DEHUMAN_SET):
        return []
    groups, dehuman = (_ML_GROUP_SET_FA, _ML_DEHUMAN_SET_FA) if lang == "fa" else (_ML_GROUP_SET, _ML_DEHUMAN_SET)
    toks = [(m.start(), m.end(), m.group()) for m in _TOKEN_RX.finditer(norm.text)]
    out = []
    for i, (s0, e0, w) in enumerate(toks):
        if w not in groups:
            continue
        for j in range(max(0, i - 2), min(len(toks), i + 4)):
            d = toks[j][2]
            if j == i or d not in dehuman:
                continue
            a, b = min(s0, toks[j][0]), max(e0, toks[j][1])
            o0, o1 = norm.to_original(a, b)
            weight = 0.7 if d in _ML_STRONG_SET else 0.55
            out.append(Hit(o0, o1, "identity_abuse", norm.original[o0:o1], "any", "group + dehumanising word", weight,
                           None))
            break
    return out


def _load_model(folder: str | None):
    try:
        from . import model as model_mod  # written by the models helper
    except Exception:
        return None
    GM = getattr(model_mod, "GuidelineModel", None)
    if GM is None:
        return None
    try:
        if folder:
            for name in ("model.npz", "model.joblib", "model.pkl"):
                p = os.path.join(folder, name)
                if os.path.exists(p):
                    return GM.load(p)
            return None
        return GM.load()
    except Exception:
        return None
