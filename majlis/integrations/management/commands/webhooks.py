"""majlis webhooks retry | majlis webhooks list"""
from django.core.management.base import BaseCommand

from majlis.integrations.models import WebhookDelivery, WebhookEndpoint
from majlis.integrations.webhooks import retry_due


class Command(BaseCommand):
    help = "Webhooks: hand due retries to the worker (for task backends without run_after), or list endpoints."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="{retry,list}")
        sub.add_parser("retry", help="enqueue every pending delivery whose next attempt is due")
        sub.add_parser("list", help="list endpoints and their delivery counts")

    def handle(self, *args, action, **options):
        if action == "retry":
            self.stdout.write(f"Enqueued {retry_due()} due delivery(ies).")
            return
        for endpoint in WebhookEndpoint.objects.all():
            counts = {s: endpoint.deliveries.filter(status=s).count() for s in WebhookDelivery.Status.values}
            state = "active" if endpoint.active else "inactive"
            self.stdout.write(f"{endpoint.pk}  {endpoint.url}  [{state}]  {', '.join(endpoint.events)}  {counts}")
