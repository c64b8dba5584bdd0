from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def highlight(comment):
    """The comment text exactly as submitted, HTML-escaped, with screening
    evidence spans wrapped in <mark> (titles say which rule fired)."""
    text = comment.text
    spans = sorted(
        (e for e in (comment.screening_evidence or []) if 0 <= e.get("start", -1) < e.get("end", -1) <= len(text)),
        key=lambda e: (e["start"], -e["end"]),
    )
    out, cursor = [], 0
    for span in spans:
        start, end = span["start"], span["end"]
        if start < cursor:  # overlapping evidence: the first span wins
            continue
        out.append(escape(text[cursor:start]))
        why = f'{span.get("code", "")}: {span.get("why", "")}'
        out.append(f'<mark class="evidence" data-code="{escape(span.get("code", ""))}" title="{escape(why)}">'
                   f"{escape(text[start:end])}</mark>")
        cursor = end
    out.append(escape(text[cursor:]))
    return mark_safe("".join(out))


@register.filter
def percent(value):
    try:
        return f"{float(value) * 100:.0f}%"
    except (TypeError, ValueError):
        return ""


@register.filter
def get_item(mapping, key):
    return mapping.get(key, "")
