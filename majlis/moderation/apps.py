from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "majlis.moderation"
    label = "moderation"
    verbose_name = "Moderation"

    def ready(self):
        from . import notifications  # noqa: F401  (connects the e-mail receiver)
