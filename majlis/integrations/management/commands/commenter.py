"""majlis commenter export EMAIL [-o FILE]
majlis commenter erase EMAIL [--remove-text | --keep-text] --yes"""
import getpass
import json

from django.core.management.base import BaseCommand, CommandError

from majlis.integrations.datarights import NothingStored, erase_commenter, export_commenter


def cli_actor():
    try:
        return f"command line ({getpass.getuser()})"[:150]
    except Exception:
        return "command line"


class Command(BaseCommand):
    help = "A commenter's data rights: export everything stored about an e-mail address, or erase it."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="{export,erase}")
        export = sub.add_parser("export", help="write everything stored about EMAIL as JSON")
        export.add_argument("email")
        export.add_argument("-o", "--output", help="file to write (default: standard output)")
        erase = sub.add_parser("erase", help="erase EMAIL's name, address and IPs (and text, per policy)")
        erase.add_argument("email")
        text = erase.add_mutually_exclusive_group()
        text.add_argument("--remove-text", dest="remove_text", action="store_const", const=True, default=None,
                          help="also empty the comments' text")
        text.add_argument("--keep-text", dest="remove_text", action="store_const", const=False,
                          help="keep the comments' text (under the name \"Erased commenter\")")
        erase.add_argument("--yes", action="store_true", help="confirm: erasure cannot be undone")

    def handle(self, *args, action, email, **options):
        if action == "export":
            data = export_commenter(email, actor_label=cli_actor())
            text = json.dumps(data, ensure_ascii=False, indent=2)
            if options.get("output"):
                with open(options["output"], "w", encoding="utf-8") as fh:
                    fh.write(text + "\n")
                self.stderr.write(f"Wrote {len(data['comments'])} comment(s) to {options['output']}")
            else:
                self.stdout.write(text)
            return
        if not options.get("yes"):
            raise CommandError("Erasure cannot be undone: add --yes to confirm.")
        try:
            summary = erase_commenter(email, remove_text=options.get("remove_text"), actor_label=cli_actor())
        except NothingStored as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"Erased commenter {summary['commenter_id']}: {summary['comments']} comment(s), "
            f"text {'removed' if summary['text_removed'] else 'kept'} ({summary['texts_removed']} emptied now).")
