"""Audit entries are append-only in the database too, and the Moderators
group exists with the permissions the moderation views check."""
from django.contrib.auth.management import create_permissions
from django.db import migrations

SQLITE = [
    """CREATE TRIGGER moderation_auditentry_no_update BEFORE UPDATE ON moderation_auditentry
       BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;""",
    """CREATE TRIGGER moderation_auditentry_no_delete BEFORE DELETE ON moderation_auditentry
       BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS moderation_auditentry_no_update;",
    "DROP TRIGGER IF EXISTS moderation_auditentry_no_delete;",
]
POSTGRES = [
    """CREATE OR REPLACE FUNCTION moderation_auditentry_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit log is append-only' USING ERRCODE = 'integrity_constraint_violation'; END;
       $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER moderation_auditentry_append_only BEFORE UPDATE OR DELETE ON moderation_auditentry
       FOR EACH ROW EXECUTE FUNCTION moderation_auditentry_append_only();""",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS moderation_auditentry_append_only ON moderation_auditentry;",
    "DROP FUNCTION IF EXISTS moderation_auditentry_append_only();",
]


def triggers(apps, schema_editor):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRES}[schema_editor.connection.vendor]
    for statement in statements:
        schema_editor.execute(statement)


def drop_triggers(apps, schema_editor):
    statements = {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}[schema_editor.connection.vendor]
    for statement in statements:
        schema_editor.execute(statement)


def moderators_group(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Moderators")
    group.permissions.add(
        Permission.objects.get(codename="moderate_comment", content_type__app_label="comments"),
        Permission.objects.get(codename="view_auditentry", content_type__app_label="moderation"),
    )


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
