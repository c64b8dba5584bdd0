"""Database-level guarantee that a comment's text never changes, whatever
code path (raw SQL, QuerySet.update, admin) tries it. Its single exception:
erasure on the commenter's request, which empties the text and sets
erased_at in the same UPDATE. SQL in majlis/comments/triggers.py."""
from django.db import migrations

from majlis.comments.triggers import install_text_trigger, remove_text_trigger


class Migration(migrations.Migration):
    dependencies = [("comments", "0001_initial")]
    operations = [migrations.RunPython(install_text_trigger, remove_text_trigger)]
