import nh3
from django import template
from django.utils.safestring import mark_safe

register = template.Library()

# What Disqus and WordPress let commenters use; everything else is dropped.
IMPORTED_TAGS = {"p", "br", "a", "b", "strong", "i", "em", "blockquote", "code", "pre", "ul", "ol", "li"}


@register.filter
def imported_html(text, source=""):
    """Comments imported from Disqus or WordPress were stored exactly as
    exported (HTML). Show their formatting, through a strict allow-list
    sanitiser; the stored text is untouched. WordPress keeps paragraphs as
    plain line breaks (its own display adds the tags), so those become <br>."""
    cleaned = nh3.clean(text, tags=IMPORTED_TAGS, attributes={"a": {"href"}},
                        url_schemes={"http", "https", "mailto"}, link_rel="nofollow ugc noopener")
    if source == "wordpress":
        cleaned = cleaned.replace("\r\n", "\n").replace("\n", "<br>")
    return mark_safe(cleaned)
