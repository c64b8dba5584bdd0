from django.apps import AppConfig


class PerspectiveConfig(AppConfig):
    name = "majlis.perspective"
    verbose_name = "Screening service (Perspective-compatible, Coral)"
    default_auto_field = "django.db.models.BigAutoField"
