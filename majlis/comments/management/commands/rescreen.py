"""Screen stored comments again with the installed screening model.

After an upgrade brings a new model (or a new lexicon), the queue's scores and evidence should
come from it: scores from different models are not on the same scale. The text is never
touched, and re-screening never makes an automatic decision (the site policy acted, or not,
when the comment arrived)."""
from django.core.management.base import BaseCommand
from tqdm import tqdm

from majlis.comments.models import Comment
from majlis.comments.screening import rescreen_comments

BATCH = 500  # comments per engine call and per bulk UPDATE


class Command(BaseCommand):
    help = "Screen pending comments again with the installed model (--all: every comment)."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="also approved and rejected comments")

    def handle(self, *args, all=False, **options):
        comments = Comment.objects.select_related("article").order_by("pk")
        if not all:
            comments = comments.filter(status=Comment.Status.PENDING)
        total = comments.count()
        batch = []
        with tqdm(total=total, desc="re-screening", unit="comment", disable=total < 100) as bar:
            for comment in comments.iterator(chunk_size=BATCH):
                batch.append(comment)
                if len(batch) == BATCH:
                    bar.update(rescreen_comments(batch))
                    batch = []
            if batch:
                bar.update(rescreen_comments(batch))
        self.stdout.write(f"re-screened {total} comment{'s' if total != 1 else ''}")
