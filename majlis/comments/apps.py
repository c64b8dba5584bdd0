from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "majlis.comments"
    label = "comments"
    verbose_name = "Comments"
