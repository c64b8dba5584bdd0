from django.apps import AppConfig


class KeysConfig(AppConfig):
    name = "majlis.keys"
    label = "keys"
    verbose_name = "API keys"
