from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "majlis.articles"
    label = "articles"
    verbose_name = "Articles"
