"""Actions on articles, callable from views, commands and tests alike."""
from django.utils.text import slugify

from .importer import parse_article
from .models import Article


def unique_slug(headline):
    base = slugify(headline, allow_unicode=True)[:100] or "article"
    slug, n = base, 2
    while Article.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def import_article_text(text, language="en", url=""):
    """Create (or return the existing) article parsed from seed-layout text.

    Returns (article, created, parsed). Importing the same headline and date
    twice does not duplicate it."""
    parsed = parse_article(text)
    existing = Article.objects.filter(headline=parsed.headline, published=parsed.published).first()
    if existing:
        return existing, False, parsed
    article = Article.objects.create(
        slug=unique_slug(parsed.headline),
        headline=parsed.headline,
        published=parsed.published,
        author=parsed.author,
        dateline=parsed.dateline,
        body=parsed.body,
        language=language,
        url=url,
    )
    return article, True, parsed
