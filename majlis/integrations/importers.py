"""Import comments from a Disqus export or a WordPress WXR file.

Streaming: xml.etree.ElementTree.iterparse with each finished record
removed from its parent, so memory stays bounded whatever the file size.
Idempotent: every article and comment created is recorded in ImportedItem by
the source's own id; running an import again skips what is there.

Text is stored exactly as exported (Disqus `message` is HTML: it is kept as
that HTML, never converted or edited; Majlis escapes it on display). Imported
decisions were made elsewhere: they are not written to the audit log, and
ImportedItem marks the comment as imported. Pending imported comments are
screened like new ones; no webhooks fire for imported comments."""
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone as dt_timezone
from xml.etree import ElementTree as ET

from django.core.exceptions import ValidationError
from django.core.validators import validate_email, validate_ipv46_address
from django.db import transaction
from django.utils import timezone

from majlis.articles.models import Article
from majlis.articles.services import unique_slug
from majlis.comments.actions import fingerprint
from majlis.comments.models import Comment, Commenter

from .models import ImportedItem

DSQ = "http://disqus.com"
DSQ_INTERNALS = "http://disqus.com/disqus-internals"
DSQ_ID = f"{{{DSQ_INTERNALS}}}id"
WP_NAMESPACES = ("http://wordpress.org/export/1.2/", "http://wordpress.org/export/1.1/",
                 "http://wordpress.org/export/1.0/")
BATCH = 1000
MAX_NAME = Comment._meta.get_field("author_name").max_length
MAX_HEADLINE = Article._meta.get_field("headline").max_length
MAX_URL = Article._meta.get_field("url").max_length


class ImportFileError(Exception):
    """The file is not a usable export; the message says where and why."""


@dataclass
class Summary:
    source: str
    articles_created: int = 0
    articles_existing: int = 0
    comments_imported: int = 0
    skipped_duplicate: int = 0
    skipped_invalid: Counter = field(default_factory=Counter)
    placeholder_emails: int = 0
    by_status: Counter = field(default_factory=Counter)
    screened: int = 0
    screening_seconds: float = 0.0

    @property
    def invalid_total(self):
        return sum(self.skipped_invalid.values())

    def lines(self):
        out = [
            f"Articles: {self.articles_created} created, {self.articles_existing} already there",
            f"Comments: {self.comments_imported} imported "
            f"({', '.join(f'{n} {s}' for s, n in sorted(self.by_status.items())) or 'none'}), "
            f"{self.skipped_duplicate} skipped as already imported, {self.invalid_total} skipped as invalid",
        ]
        out += [f"  skipped: {n} × {reason}" for reason, n in self.skipped_invalid.most_common()]
        if self.placeholder_emails:
            out.append(f"  {self.placeholder_emails} comment(s) had no e-mail address: stored under "
                       f"a non-deliverable placeholder address (…@import.invalid)")
        if self.screened:
            out.append(f"Screened {self.screened} pending comment(s) for the queue in {self.screening_seconds:.1f} s")
        return out


@dataclass
class Record:
    """One comment as read from the export, before it is stored."""
    external_id: str
    article_key: str
    name: str
    email: str
    text: str
    status: str
    submitted_at: datetime
    ip_address: str | None = None
    parent_id: str = ""
    note: str = ""


class CountingReader:
    """A binary file wrapper that reports bytes read (for the progress bar)."""

    def __init__(self, raw, progress=None):
        self.raw, self.progress, self.consumed = raw, progress, 0

    def read(self, size=-1):
        chunk = self.raw.read(size)
        self.consumed += len(chunk)
        if self.progress is not None:
            self.progress(len(chunk))
        return chunk


def local(tag):
    return tag.rsplit("}", 1)[-1]


def child_text(elem, name, ns=None):
    """Text of the first child named name: in namespace ns, or in any
    namespace when ns is None. None when there is no such child."""
    wanted = f"{{{ns}}}{name}" if ns else None
    for child in elem:
        if (child.tag == wanted) if wanted else (local(child.tag) == name):
            return child.text or ""
    return None


def parse_datetime(value):
    value = (value or "").strip()
    if not value or value.startswith("0000-00-00"):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if timezone.is_naive(parsed):
        parsed = parsed.replace(tzinfo=dt_timezone.utc)
    return parsed


def truthy(value):
    return (value or "").strip().lower() in {"true", "1", "yes"}


def clean_ip(value):
    value = (value or "").strip()
    if not value:
        return None
    try:
        validate_ipv46_address(value)
    except ValidationError:
        return None
    return value


class Importer:
    source = ""
    expected_root = ""  # Clark notation, or a local name for RSS

    def __init__(self, stdout=None):
        self.summary = Summary(self.source)
        self.threads = {}  # article key -> metadata dict (threads only, not posts)
        self.article_ids = {}  # article key -> Article pk, once created or found
        self.commenter_ids = {}  # e-mail -> Commenter pk
        self.batch = []
        self.seen_in_file = set()
        self.pending_to_screen = []

    # -- parsing -------------------------------------------------------
    def run(self, path, progress=None):
        with open(path, "rb") as raw:
            head = raw.read(4096)
            raw.seek(0)
            reader = CountingReader(raw, progress)
            stack = []
            try:
                for event, elem in ET.iterparse(reader, events=("start", "end")):
                    if event == "start":
                        if not stack:
                            self.check_root(elem, head)
                        stack.append(elem)
                        self.started(elem, len(stack) - 1)
                        continue
                    stack.pop()
                    parent = stack[-1] if stack else None
                    if self.handle(elem, parent, stack):
                        if parent is not None:
                            parent.remove(elem)  # bounded memory: drop what is done
            except ET.ParseError as exc:
                line, column = exc.position
                self.flush()
                done = (f" The {self.summary.comments_imported} comment(s) before that point were imported; "
                        f"importing the complete file adds the rest and nothing twice."
                        if self.summary.comments_imported else "")
                raise ImportFileError(f"{path}: not well-formed XML at line {line}, column {column}: "
                                      f"{describe_parse_error(exc)}.{done}") from None
        self.flush()
        started = time.perf_counter()
        self.screen_pending()
        self.summary.screened = len(self.pending_to_screen)
        self.summary.screening_seconds = time.perf_counter() - started
        return self.summary

    def check_root(self, elem, head):
        if elem.tag != self.expected_root:
            line = root_line(head)
            raise ImportFileError(
                f"line {line}: this is not a {self.label} export: the root element is <{pretty(elem.tag)}>, "
                f"expected <{pretty(self.expected_root)}>")

    def started(self, elem, depth):
        pass

    # -- storing -------------------------------------------------------
    def add(self, record):
        key = record.external_id
        if key in self.seen_in_file:
            self.summary.skipped_duplicate += 1
            return
        self.seen_in_file.add(key)
        self.batch.append(record)
        if len(self.batch) >= BATCH:
            self.flush()

    def invalid(self, reason):
        self.summary.skipped_invalid[reason] += 1

    def article_for(self, key):
        if key in self.article_ids:
            return self.article_ids[key]
        meta = self.threads.get(key) or {}
        link = normalized_link(meta.get("link"))
        known = ImportedItem.objects.filter(source=self.source, kind=ImportedItem.Kind.ARTICLE,
                                            external_id=key).values_list("article_id", flat=True).first()
        article_id = known
        if article_id is None and link:
            article_id = Article.objects.filter(url=link).values_list("pk", flat=True).first()
        if article_id is not None:
            self.summary.articles_existing += 1
        else:
            headline = (meta.get("title") or "").strip() or link or f"{self.label} thread {key}"
            headline = headline[:MAX_HEADLINE]
            created = meta.get("created")
            article = Article.objects.create(
                slug=unique_slug(headline), headline=headline, url=link, body="",
                **({"published": timezone.localdate(created)} if created else {}),
            )
            article_id = article.pk
            self.summary.articles_created += 1
        if known is None:
            ImportedItem.objects.get_or_create(source=self.source, kind=ImportedItem.Kind.ARTICLE, external_id=key,
                                               defaults={"article_id": article_id})
        self.article_ids[key] = article_id
        return article_id

    def flush(self):
        batch, self.batch = self.batch, []
        if not batch:
            return
        with transaction.atomic():
            for r in batch:
                self.article_for(r.article_key)  # counted as created or already there, once each
            existing = set(ImportedItem.objects.filter(
                source=self.source, kind=ImportedItem.Kind.COMMENT,
                external_id__in=[r.external_id for r in batch]).values_list("external_id", flat=True))
            records = [r for r in batch if r.external_id not in existing]
            self.summary.skipped_duplicate += len(batch) - len(records)
            if not records:
                return
            self.ensure_commenters(records)
            comments = []
            for r in records:
                article_id = self.article_for(r.article_key)
                decided = r.status != Comment.Status.PENDING
                comments.append(Comment(
                    article_id=article_id, commenter_id=self.commenter_ids[r.email], author_name=r.name,
                    author_email=r.email, text=r.text, status=r.status, submitted_at=r.submitted_at,
                    ip_address=r.ip_address, fingerprint=fingerprint(article_id, r.email, r.text),
                    decided_at=r.submitted_at if decided else None, moderator_note=r.note,
                ))
            created = Comment.objects.bulk_create(comments)
            ImportedItem.objects.bulk_create([
                ImportedItem(source=self.source, kind=ImportedItem.Kind.COMMENT, external_id=r.external_id,
                             comment_id=c.pk, article_id=c.article_id, parent_external_id=r.parent_id[:100])
                for r, c in zip(records, created)
            ])
        for c in created:
            self.summary.by_status[c.status] += 1
            if c.status == Comment.Status.PENDING:
                self.pending_to_screen.append(c.pk)
        self.summary.comments_imported += len(created)

    def ensure_commenters(self, records):
        wanted = {}
        for r in records:
            if r.email not in self.commenter_ids:
                first = wanted.get(r.email)
                if first is None or r.submitted_at < first[0]:
                    wanted[r.email] = (r.submitted_at, r.name)
        if not wanted:
            return
        existing = {e: (pk, first) for e, pk, first in Commenter.objects.filter(email__in=list(wanted))
                    .values_list("email", "pk", "first_seen")}
        for email, (pk, first) in existing.items():  # imported history may predate Majlis
            if wanted[email][0] < first:
                Commenter.objects.filter(pk=pk).update(first_seen=wanted[email][0])
        found = {e: pk for e, (pk, _) in existing.items()}
        missing = [Commenter(email=e, first_seen=seen, last_name_used=name)
                   for e, (seen, name) in wanted.items() if e not in found]
        for c in Commenter.objects.bulk_create(missing):
            found[c.email] = c.pk
        self.commenter_ids.update(found)

    def screen_pending(self):
        from majlis.comments.screening import screen_comment_later_or_now

        for pk in self.pending_to_screen:
            comment = Comment.objects.select_related("article").filter(pk=pk).first()
            if comment is not None:
                screen_comment_later_or_now(comment, decide=False)  # no auto-decisions, webhooks or e-mails

    def author(self, name, email, username=""):
        """(name, e-mail) for a comment; a missing or invalid address gets a
        placeholder that can never receive mail."""
        name = (name or "").strip()[:MAX_NAME] or (username or "").strip()[:MAX_NAME] or "Anonymous"
        email = (email or "").strip().lower()
        if email:
            try:
                validate_email(email)
                return name, email
            except ValidationError:
                pass
        self.summary.placeholder_emails += 1
        handle = re.sub(r"[^a-z0-9._-]+", "-", (username or "anonymous").strip().lower()).strip("-.") or "anonymous"
        return name, f"{self.source}-{handle[:60]}@import.invalid"


class DisqusImporter(Importer):
    source = ImportedItem.Source.DISQUS
    label = "Disqus"
    expected_root = f"{{{DSQ}}}disqus"

    def handle(self, elem, parent, stack):
        if len(stack) != 1:  # only children of <disqus> are records
            return False
        tag = elem.tag
        if tag == f"{{{DSQ}}}thread":
            key = elem.get(DSQ_ID) or ""
            if key:
                self.threads[key] = {"link": child_text(elem, "link", DSQ), "title": child_text(elem, "title", DSQ),
                                     "created": parse_datetime(child_text(elem, "createdAt", DSQ))}
        elif tag == f"{{{DSQ}}}post":
            self.post(elem)
        return True

    def post(self, elem):
        post_id = elem.get(DSQ_ID) or ""
        if not post_id:
            return self.invalid("post without dsq:id")
        thread = elem.find(f"{{{DSQ}}}thread")
        thread_id = thread.get(DSQ_ID) if thread is not None else ""
        if not thread_id or thread_id not in self.threads:
            return self.invalid("post whose thread is not in the file")
        text = child_text(elem, "message", DSQ) or ""
        if not text.strip():
            return self.invalid("empty message")
        submitted = parse_datetime(child_text(elem, "createdAt", DSQ))
        if submitted is None:
            return self.invalid("missing or unreadable createdAt")
        author = elem.find(f"{{{DSQ}}}author")
        name = email = username = ""
        if author is not None:
            name = child_text(author, "name", DSQ) or ""
            email = child_text(author, "email", DSQ) or ""
            username = child_text(author, "username", DSQ) or ""
        name, email = self.author(name, email, username)
        if truthy(child_text(elem, "isSpam", DSQ)):
            status, note = Comment.Status.REJECTED, "Imported from Disqus: marked as spam."
        elif truthy(child_text(elem, "isDeleted", DSQ)):
            status, note = Comment.Status.REJECTED, "Imported from Disqus: deleted."
        elif (child_text(elem, "isApproved", DSQ) or "true").strip().lower() in {"false", "0"}:
            status, note = Comment.Status.PENDING, ""
        else:
            status, note = Comment.Status.APPROVED, ""
        parent = elem.find(f"{{{DSQ}}}parent")
        self.add(Record(
            external_id=post_id, article_key=thread_id, name=name, email=email, text=text, status=status,
            submitted_at=submitted, ip_address=clean_ip(child_text(elem, "ipAddress", DSQ)),
            parent_id=(parent.get(DSQ_ID) or "") if parent is not None else "", note=note,
        ))


WP_STATUS = {
    "1": (Comment.Status.APPROVED, ""),
    "approve": (Comment.Status.APPROVED, ""),
    "0": (Comment.Status.PENDING, ""),
    "hold": (Comment.Status.PENDING, ""),
    "spam": (Comment.Status.REJECTED, "Imported from WordPress: marked as spam."),
    "trash": (Comment.Status.REJECTED, "Imported from WordPress: in the trash."),
    "post-trashed": (Comment.Status.REJECTED, "Imported from WordPress: its post was trashed."),
}


class WordPressImporter(Importer):
    source = ImportedItem.Source.WORDPRESS
    label = "WordPress (WXR)"
    expected_root = "rss"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._current_item = None

    def started(self, elem, depth):
        if depth == 2 and local(elem.tag) == "item":
            self._current_item = elem

    def handle(self, elem, parent, stack):
        depth = len(stack)  # rss=0 → channel=1 → item=2 → fields=3
        name = local(elem.tag)
        if depth == 3 and local(stack[-1].tag) == "item" and elem.tag.startswith("{http://wordpress.org/export/"):
            if name == "comment":
                self.comment(elem)
                return True
            return False
        if depth == 2 and name == "item":
            self._current_item = None
            return True
        return False

    def item_key(self, item_elem):
        """Register the enclosing item's metadata (title, link, post_id come
        before its comments in WXR) and return its key."""
        post_id = (child_text(item_elem, "post_id") or "").strip()
        key = post_id or (child_text(item_elem, "link") or "").strip() or (child_text(item_elem, "guid") or "").strip()
        if key and key not in self.threads:
            self.threads[key] = {
                "link": child_text(item_elem, "link"), "title": child_text(item_elem, "title"),
                "created": parse_datetime(child_text(item_elem, "post_date_gmt")),
            }
        return key

    def comment(self, elem):
        item_elem = self._current_item
        key = self.item_key(item_elem) if item_elem is not None else ""
        if not key:
            return self.invalid("comment in an item without wp:post_id or link")
        comment_id = (child_text(elem, "comment_id") or "").strip()
        if not comment_id:
            return self.invalid("comment without wp:comment_id")
        kind = (child_text(elem, "comment_type") or "").strip().lower()
        if kind not in {"", "comment"}:
            return self.invalid(f"{kind} (not a comment)")
        text = child_text(elem, "comment_content") or ""
        if not text.strip():
            return self.invalid("empty comment_content")
        submitted = (parse_datetime(child_text(elem, "comment_date_gmt"))
                     or parse_datetime(child_text(elem, "comment_date")))
        if submitted is None:
            return self.invalid("missing or unreadable comment date")
        approved = (child_text(elem, "comment_approved") or "").strip().lower()
        if approved not in WP_STATUS:
            return self.invalid(f"unknown wp:comment_approved value {approved[:20]!r}")
        status, note = WP_STATUS[approved]
        name, email = self.author(child_text(elem, "comment_author"), child_text(elem, "comment_author_email"))
        parent = (child_text(elem, "comment_parent") or "").strip()
        self.add(Record(
            external_id=f"{key}:{comment_id}", article_key=key, name=name, email=email, text=text, status=status,
            submitted_at=submitted, ip_address=clean_ip(child_text(elem, "comment_author_IP")),
            parent_id=f"{key}:{parent}" if parent and parent != "0" else "", note=note,
        ))


def pretty(tag):
    if tag.startswith("{"):
        ns, name = tag[1:].split("}", 1)
        return f'{name} xmlns="{ns}"'
    return tag


def root_line(head):
    text = head.decode("utf-8", "replace")
    for match in re.finditer(r"<([^?!/\s>][^\s>]*)", text):
        return text.count("\n", 0, match.start()) + 1
    return 1


def describe_parse_error(exc):
    message = str(exc).split(":", 1)[0]
    if message == "no element found":
        return "the file ends before the export does (truncated?)"
    if message == "unclosed token":
        return "the file ends inside a tag or text (truncated?)"
    return message


IMPORTERS = {"disqus": DisqusImporter, "wordpress": WordPressImporter}


def normalized_link(raw):
    """The article URL in the form the embed looks it up by (so an imported
    thread and the embedded one are the same article); as exported if it is
    not an http(s) URL."""
    from majlis.api.services import normalize_url

    raw = (raw or "").strip()[:MAX_URL]
    try:
        return normalize_url(raw) if raw else raw
    except ValueError:
        return raw
