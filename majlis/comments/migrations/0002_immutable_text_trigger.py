"""Database-level guarantee that a comment's text never changes, whatever
code path (raw SQL, QuerySet.update, admin) tries it. Its single exception:
erasure on the commenter's request, which empties the text and sets
erased_at in the same UPDATE.

Note for later migrations: SQLite rebuilds a table to alter it, which drops
its triggers; re-run these statements after any such change."""
from django.db import migrations

SQLITE = [
    """CREATE TRIGGER comments_comment_text_immutable
       BEFORE UPDATE OF text ON comments_comment
       WHEN NEW.text IS NOT OLD.text
        AND NOT (NEW.text = '' AND OLD.erased_at IS NULL AND NEW.erased_at IS NOT NULL)
       BEGIN SELECT RAISE(ABORT, 'comment text is immutable'); END;""",
]
SQLITE_REVERSE = ["DROP TRIGGER IF EXISTS comments_comment_text_immutable;"]

POSTGRES = [
    """CREATE OR REPLACE FUNCTION comments_comment_text_immutable() RETURNS trigger AS $$
       BEGIN
         IF NEW.text IS DISTINCT FROM OLD.text
            AND NOT (NEW.text = '' AND OLD.erased_at IS NULL AND NEW.erased_at IS NOT NULL) THEN
           RAISE EXCEPTION 'comment text is immutable' USING ERRCODE = 'integrity_constraint_violation';
         END IF;
         RETURN NEW;
       END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER comments_comment_text_immutable
       BEFORE UPDATE OF text ON comments_comment
       FOR EACH ROW EXECUTE FUNCTION comments_comment_text_immutable();""",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS comments_comment_text_immutable ON comments_comment;",
    "DROP FUNCTION IF EXISTS comments_comment_text_immutable();",
]


def run(schema_editor, statements_by_vendor):
    vendor = schema_editor.connection.vendor
    if vendor not in statements_by_vendor:
        raise RuntimeError(f"Majlis supports SQLite and PostgreSQL, not {vendor}")
    for statement in statements_by_vendor[vendor]:
        schema_editor.execute(statement)


def forwards(apps, schema_editor):
    run(schema_editor, {"sqlite": SQLITE, "postgresql": POSTGRES})


def backwards(apps, schema_editor):
    run(schema_editor, {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE})


class Migration(migrations.Migration):
    dependencies = [("comments", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
