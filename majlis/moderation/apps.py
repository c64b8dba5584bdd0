from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "majlis.moderation"
    label = "moderation"
    verbose_name = "Moderation"
