"""The guideline codes a moderator can reject for (GUIDELINES.md)."""

REASONS = [
    ("profanity", "Profanity"),
    ("vulgarity", "Vulgarity"),
    ("threat", "Threat"),
    ("personal_attack", "Personal attack"),
    ("identity_abuse", "Abuse (sexism, racism, homophobia, xenophobia, sectarian)"),
    ("promotion", "Commercial or personal promotion"),
    ("other", "Other (explain in a note)"),
]
REASON_CODES = [code for code, _ in REASONS]
REASON_LABELS = dict(REASONS)
