"""Parse a plain-text article in the layout news sites copy-paste into:

    Headline
    <blank>
    24-03-2021
    Author
    Author            (bylines are often printed twice)
    A+ A-             (text-size widget, optional)
    <blank>
    ERBIL, Kurdistan Region — First paragraph ...
    <blank>
    More paragraphs ...
    Comments          (everything from here on is site boilerplate)

No Django imports, so it is testable and reusable on its own.
"""
import datetime as dt
import re
from dataclasses import dataclass

DATE_PATTERNS = ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y", "%B %d, %Y", "%d %B %Y")
WIDGET_LINE = re.compile(r"^\s*A\+\s*A-\s*$")
BOILERPLATE_START = re.compile(r"^\s*(Comments|Post a comment)\s*$", re.IGNORECASE)
# "ERBIL, Kurdistan Region — " : upper-case place, optional region, then a dash.
DATELINE = re.compile(r"^(?P<dateline>[A-Z][A-Z .'-]+(?:,\s*[^—–\n]{1,60}?)?)\s+[—–-]+\s+(?P<rest>\S.*)$", re.DOTALL)


class ArticleParseError(ValueError):
    pass


@dataclass
class ParsedArticle:
    headline: str
    published: dt.date
    author: str
    dateline: str
    body: str

    @property
    def paragraph_count(self):
        return len([p for p in self.body.split("\n\n") if p.strip()])


def parse_date(value):
    value = value.strip()
    for pattern in DATE_PATTERNS:
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    return None


def parse_article(text):
    if "\x00" in text:
        raise ArticleParseError("the file contains NUL bytes; is it really a text file?")
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    # Drop boilerplate from the first "Comments" line on.
    for index, line in enumerate(lines):
        if BOILERPLATE_START.match(line):
            lines = lines[:index]
            break
    cursor = 0

    def next_nonblank():
        nonlocal cursor
        while cursor < len(lines) and not lines[cursor].strip():
            cursor += 1
        if cursor >= len(lines):
            return None
        cursor += 1
        return lines[cursor - 1].strip()

    headline = next_nonblank()
    if not headline:
        raise ArticleParseError("no headline: the file is empty")
    date_line = next_nonblank()
    published = parse_date(date_line or "")
    if published is None:
        raise ArticleParseError(f"expected a date (like 24-03-2021) after the headline, found {date_line!r}")
    authors = []
    while cursor < len(lines) and lines[cursor].strip():
        line = lines[cursor].strip()
        cursor += 1
        if WIDGET_LINE.match(line):
            continue
        if line not in authors:
            authors.append(line)
    paragraphs, current = [], []
    for line in lines[cursor:]:
        if WIDGET_LINE.match(line):
            continue
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    if not paragraphs:
        raise ArticleParseError("the article has a headline and date but no body text")
    dateline = ""
    match = DATELINE.match(paragraphs[0])
    if match and len(match.group("dateline")) <= 80:
        dateline = match.group("dateline").strip()
        paragraphs[0] = match.group("rest").strip()
    return ParsedArticle(
        headline=headline,
        published=published,
        author=", ".join(authors),
        dateline=dateline,
        body="\n\n".join(paragraphs),
    )
