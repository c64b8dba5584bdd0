from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


class Article(models.Model):
    """A published article that readers can comment on."""

    slug = models.SlugField(max_length=120, unique=True, allow_unicode=True)
    headline = models.CharField(max_length=300)
    author = models.CharField(max_length=200, blank=True)
    published = models.DateField(default=timezone.localdate)
    dateline = models.CharField(max_length=200, blank=True, help_text='e.g. "ERBIL, Kurdistan Region"')
    body = models.TextField(help_text="Paragraphs separated by blank lines; the first starts after the dateline.")
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, default="en")
    url = models.URLField(max_length=500, blank=True, help_text="Canonical URL on the publisher's site, if any.")
    created = models.DateTimeField(auto_now_add=True)
    comments_open = models.BooleanField(
        null=True, blank=True, help_text="Empty: follow the site-wide default (moderation policy)."
    )
    comments_close_at = models.DateTimeField(null=True, blank=True, help_text="Optional: comments close at this time.")

    class Meta:
        ordering = ["-published", "-id"]

    def __str__(self):
        return self.headline

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    @property
    def paragraphs(self):
        return [p.strip() for p in self.body.replace("\r\n", "\n").split("\n\n") if p.strip()]

    def accepts_comments(self, now=None):
        from majlis.moderation.models import SitePolicy

        if self.comments_close_at and (now or timezone.now()) >= self.comments_close_at:
            return False
        if self.comments_open is None:
            return SitePolicy.current().comments_open_by_default
        return self.comments_open

    @property
    def is_rtl(self):
        return self.language in settings.LANGUAGES_BIDI
