"""Perspective attributes ↔ Majlis guideline codes, and span offsets.

Direct attributes take the score of one guideline code. Derived ones:

* ``TOXICITY``        = max(profanity, vulgarity, threat, personal_attack, identity_abuse)
  (max, not noisy-or 1-∏(1-p): the codes are correlated views of one comment, and noisy-or
  would turn five small scores into a large one; max keeps each code's calibration.)
* ``SEVERE_TOXICITY`` = max(threat, identity_abuse, min(personal_attack, max(profanity, vulgarity)))
  — a threat or identity abuse on its own, or an insult *combined with* swearing or crude
  language; plain swearing ("this is f*cking brilliant") is not severe. Always ≤ TOXICITY.
* ``OBSCENE``         = max(profanity, vulgarity)
* ``LIKELY_TO_REJECT`` = max(p_reject, max over the six guideline codes), where p_reject is the
  engine's overall probability that a moderator rejects the comment (when the engine has
  one): a comment breaking any guideline is rejected (guideline 4), so no single code's
  probability can exceed it.
* ``OFF_TOPIC``       = the engine's off_topic side signal; needs ``context.entries`` (the article).
"""
from __future__ import annotations

ABUSE = ("profanity", "vulgarity", "threat", "personal_attack", "identity_abuse")
GUIDELINE = ABUSE + ("promotion",)

DIRECT = {
    "PROFANITY": "profanity",
    "THREAT": "threat",
    "INSULT": "personal_attack",
    "IDENTITY_ATTACK": "identity_abuse",
    "SEXUALLY_EXPLICIT": "vulgarity",
    "SPAM": "promotion",
    "OFF_TOPIC": "off_topic",
}


def toxicity(s):
    return max(s.get(c, 0.0) for c in ABUSE)


def severe_toxicity(s):
    g = s.get
    return max(g("threat", 0.0), g("identity_abuse", 0.0),
               min(g("personal_attack", 0.0), max(g("profanity", 0.0), g("vulgarity", 0.0))))


def obscene(s):
    return max(s.get("profanity", 0.0), s.get("vulgarity", 0.0))


DERIVED = {
    "TOXICITY": (toxicity, ABUSE),
    "SEVERE_TOXICITY": (severe_toxicity, ABUSE),
    "OBSCENE": (obscene, ("profanity", "vulgarity")),
}

# Perspective's production attributes also exist as *_EXPERIMENTAL models; same answer here.
ALIASES = {f"{name}_EXPERIMENTAL": name for name in
           ("TOXICITY", "SEVERE_TOXICITY", "IDENTITY_ATTACK", "INSULT", "PROFANITY", "THREAT", "SEXUALLY_EXPLICIT")}

ATTRIBUTES = tuple(DIRECT) + tuple(DERIVED) + ("LIKELY_TO_REJECT",) + tuple(ALIASES)

# Languages the engine screens; "ku" (Kurdish, unspecified script) covers ckb and kmr.
SUPPORTED_LANGUAGES = ("en", "ckb", "kmr", "ku", "ar", "tr", "fa")


def canonical(attribute: str) -> str:
    return ALIASES.get(attribute, attribute)


def codes_for(attribute: str) -> tuple:
    """The guideline codes whose evidence spans belong to ``attribute``."""
    a = canonical(attribute)
    if a in DIRECT:
        return (DIRECT[a],)
    if a in DERIVED:
        return DERIVED[a][1]
    return GUIDELINE  # LIKELY_TO_REJECT


def score(attribute: str, scores: dict, reject: float | None = None) -> float:
    a = canonical(attribute)
    if a in DIRECT:
        value = scores.get(DIRECT[a], 0.0)
    elif a in DERIVED:
        value = DERIVED[a][0](scores)
    else:  # LIKELY_TO_REJECT
        value = max([scores.get(c, 0.0) for c in GUIDELINE] + ([reject] if reject is not None else []))
    return round(min(1.0, max(0.0, float(value))), 4)


def span_score(attribute: str, code: str, scores: dict, summary: float) -> float:
    """A span's score: its code's score, never above the attribute's summary score."""
    return round(min(scores.get(code, 0.0), summary), 4)


def language_tag(tag) -> str:
    """BCP-47-ish tag → primary subtag, lower case ("en-US" → "en", "ckb_IQ" → "ckb")."""
    return str(tag).strip().replace("_", "-").split("-")[0].lower()


# --- offsets ----------------------------------------------------------------------------------
# The engine's offsets are Python str indices (Unicode code points). JavaScript (Coral, browsers)
# indexes strings in UTF-16 code units, so that is the default; a request may ask for code points
# ("UTF32") or UTF-8 bytes ("UTF8") with the Majlis extension field "encodingType" (the name
# Google's Natural Language API uses for the same choice).
ENCODINGS = ("UTF16", "UTF32", "UTF8")


def offset(text: str, index: int, encoding: str = "UTF16") -> int:
    if encoding == "UTF32":
        return index
    prefix = text[:index]
    if encoding == "UTF8":
        return len(prefix.encode("utf-8", "surrogatepass"))
    return index + sum(1 for ch in prefix if ord(ch) > 0xFFFF)
