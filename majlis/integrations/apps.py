from django.apps import AppConfig


class IntegrationsConfig(AppConfig):
    name = "majlis.integrations"
    label = "integrations"
    verbose_name = "Publisher integration"

    def ready(self):
        from majlis.comments.signals import comment_decided, comment_submitted

        from . import webhooks

        comment_submitted.connect(webhooks.on_comment_submitted, dispatch_uid="integrations.webhooks.submitted")
        comment_decided.connect(webhooks.on_comment_decided, dispatch_uid="integrations.webhooks.decided")
