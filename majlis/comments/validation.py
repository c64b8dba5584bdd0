"""Checks on what readers type, with messages a reader understands.

Stored text is exactly what passes these checks; nothing is rewritten."""
import unicodedata

from django.core.exceptions import ValidationError

# Direction overrides and isolates can make text display differently from
# what it says (e.g. hiding a URL or a slur reversed).
BIDI_CONTROLS = {chr(c) for c in list(range(0x202A, 0x202F)) + list(range(0x2066, 0x206A))}
ALLOWED_CONTROLS = {"\n", "\r", "\t"}


def reject_bad_characters(value, *, multiline=True):
    if "\ufffd" in value:
        raise ValidationError(
            "Your text contains characters that could not be read (broken UTF-8). Please retype or paste it again.",
            code="invalid_utf8",
        )
    for ch in value:
        if ch in BIDI_CONTROLS:
            raise ValidationError(
                f"Your text contains an invisible direction-override character (U+{ord(ch):04X}). Please remove it.",
                code="bidi_control",
            )
        if unicodedata.category(ch) == "Cc" and not (multiline and ch in ALLOWED_CONTROLS):
            raise ValidationError(
                f"Your text contains an invisible control character (U+{ord(ch):04X}). Please remove it.",
                code="control_character",
            )
        if 0xD800 <= ord(ch) <= 0xDFFF:
            raise ValidationError("Your text contains invalid characters.", code="surrogate")


def reject_blank(value):
    if not value.strip() or all(unicodedata.category(ch) in {"Zs", "Cf", "Zl", "Zp"} or ch.isspace() for ch in value):
        raise ValidationError("Please write a comment before posting.", code="blank")
