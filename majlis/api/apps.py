from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "majlis.api"
    label = "majlis_api"
    verbose_name = "API and embed"
