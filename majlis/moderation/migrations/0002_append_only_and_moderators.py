"""Audit entries are append-only in the database too, and the Moderators
group exists with the permissions the moderation views check."""
from django.db import migrations

from majlis.moderation.groups import create_group_in_migration
from majlis.moderation.triggers import (
    POSTGRES_APPEND_ONLY,
    POSTGRES_DROP_APPEND_ONLY,
    SQLITE_APPEND_ONLY,
    SQLITE_DROP_APPEND_ONLY,
)


def triggers(apps, schema_editor):
    statements = {"sqlite": SQLITE_APPEND_ONLY, "postgresql": POSTGRES_APPEND_ONLY}[schema_editor.connection.vendor]
    for statement in statements:
        schema_editor.execute(statement)


def drop_triggers(apps, schema_editor):
    statements = {"sqlite": SQLITE_DROP_APPEND_ONLY, "postgresql": POSTGRES_DROP_APPEND_ONLY}[schema_editor.connection.vendor]
    for statement in statements:
        schema_editor.execute(statement)


def moderators_group(apps, schema_editor):
    create_group_in_migration(apps, "Moderators", [("comments", "moderate_comment"), ("moderation", "view_auditentry")])


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0001_initial"),
        ("comments", "0002_immutable_text_trigger"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [
        migrations.RunPython(triggers, drop_triggers),
        migrations.RunPython(moderators_group, migrations.RunPython.noop),
    ]
