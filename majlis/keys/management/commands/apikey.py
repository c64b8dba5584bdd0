from django.core.management.base import BaseCommand, CommandError

from majlis.keys.models import ApiKey, Scope


class Command(BaseCommand):
    help = "Create, list or revoke API keys (stored hashed; the key is printed once)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="create a key and print it once")
        create.add_argument("name")
        create.add_argument("--scope", action="append", choices=Scope.values, required=True, dest="scopes")
        sub.add_parser("list", help="list keys (never the secrets)")
        revoke = sub.add_parser("revoke", help="revoke a key by its prefix")
        revoke.add_argument("prefix")

    def handle(self, *args, action, **options):
        if action == "create":
            key, raw = ApiKey.create(options["name"], options["scopes"])
            self.stdout.write(raw)
            self.stderr.write(f"created {key}; store the key now, it cannot be shown again")
        elif action == "list":
            for key in ApiKey.objects.order_by("created"):
                self.stdout.write(str(key))
        else:
            key = ApiKey.objects.filter(prefix=options["prefix"]).first()
            if key is None:
                raise CommandError(f"no key with prefix {options['prefix']}")
            key.revoke()
            self.stdout.write(f"revoked {key}")
