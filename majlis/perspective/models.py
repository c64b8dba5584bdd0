from django.db import models
from django.utils import timezone


class SuggestedScore(models.Model):
    """A labelled example sent to ``comments:suggestscore`` (Coral sends the moderator's
    decision: APPROVED → 0, REJECTED → 1), kept for later retraining."""

    text = models.TextField()
    attribute = models.CharField(max_length=64)
    value = models.FloatField()
    language = models.CharField(max_length=16, blank=True)
    client_token = models.CharField(max_length=256, blank=True)
    community_id = models.CharField(max_length=256, blank=True)
    api_key = models.ForeignKey("keys.ApiKey", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return f"{self.attribute}={self.value:g} ({self.language or '?'}, {self.created:%Y-%m-%d})"
