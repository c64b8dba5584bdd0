"""Audit entries are append-only in the database too, and the Moderators
group exists with the permissions the moderation views check."""
from django.contrib.auth.management import create_permissions
from django.db import migrations

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
