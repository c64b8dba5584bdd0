"""SQL for the comment text's immutability, per database vendor.

SQLite rebuilds a table to alter it, which drops its triggers: every
migration that alters comments_comment must call install_text_trigger()."""

SQLITE = [
    "DROP TRIGGER IF EXISTS comments_comment_text_immutable;",
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
    "DROP TRIGGER IF EXISTS comments_comment_text_immutable ON comments_comment;",
    """CREATE TRIGGER comments_comment_text_immutable
       BEFORE UPDATE OF text ON comments_comment
       FOR EACH ROW EXECUTE FUNCTION comments_comment_text_immutable();""",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS comments_comment_text_immutable ON comments_comment;",
    "DROP FUNCTION IF EXISTS comments_comment_text_immutable();",
]


def _run(schema_editor, statements_by_vendor):
    vendor = schema_editor.connection.vendor
    if vendor not in statements_by_vendor:
        raise RuntimeError(f"Majlis supports SQLite and PostgreSQL, not {vendor}")
    for statement in statements_by_vendor[vendor]:
        schema_editor.execute(statement)


def install_text_trigger(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE, "postgresql": POSTGRES})


def remove_text_trigger(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE})
