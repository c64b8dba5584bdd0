import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

PREFIX_LENGTH = 8


class Scope(models.TextChoices):
    READ = "read", "Read approved comments"
    SUBMIT = "submit", "Submit comments"
    MODERATE = "moderate", "Moderate (queue, decisions, commenter status)"
    SCREEN = "screen", "Screening endpoints (Perspective-compatible, Coral)"


def hash_secret(raw):
    # Keys are 256-bit random strings, so a fast hash is enough (unlike
    # passwords); it keeps per-request authentication cheap.
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiKeyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiKey(models.Model):
    """A key for integrations. Only a hash is stored; the raw key is shown
    once, when created. Its first characters (the prefix) identify it."""

    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=PREFIX_LENGTH, unique=True)
    hashed_key = models.CharField(max_length=64)
    scopes = models.JSONField(default=list)
    created = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        verbose_name = "API key"

    def __str__(self):
        state = "revoked" if self.revoked_at else ",".join(self.scopes)
        return f"{self.name} ({self.prefix}…, {state})"

    @classmethod
    def create(cls, name, scopes, created_by=None):
        """Return (api_key, raw_key). The raw key is not stored anywhere."""
        unknown = set(scopes) - set(Scope.values)
        if unknown or not scopes:
            raise ValueError(f"scopes must be some of {', '.join(Scope.values)}; got {', '.join(scopes) or 'none'}")
        while True:
            raw = "mjl_" + secrets.token_urlsafe(32)
            prefix = raw[4 : 4 + PREFIX_LENGTH]
            # a prefix starting with "-" would read as an option in `majlis apikey revoke PREFIX`
            if not prefix.startswith("-") and not cls.objects.filter(prefix=prefix).exists():
                break
        key = cls.objects.create(name=name, prefix=prefix, hashed_key=hash_secret(raw),
                                 scopes=sorted(set(scopes)), created_by=created_by)
        return key, raw

    @classmethod
    def authenticate(cls, raw, scope=None):
        """The active key matching `raw` (and holding `scope`), or None."""
        if not raw or not raw.startswith("mjl_"):
            return None
        key = cls.objects.active().filter(prefix=raw[4 : 4 + PREFIX_LENGTH]).first()
        if key is None or not hmac.compare_digest(key.hashed_key, hash_secret(raw)):
            return None
        if scope is not None and scope not in key.scopes:
            return None
        cls.objects.filter(pk=key.pk).update(last_used_at=timezone.now())
        return key

    def revoke(self):
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])
