"""Editors: change articles (comments open/closed, closing date) and the
site policy. Moderators decide comments but cannot change these."""
from django.db import migrations

from majlis.moderation.groups import create_group_in_migration

EDITOR_PERMISSIONS = [
    ("articles", "add_article"), ("articles", "change_article"), ("articles", "view_article"),
    ("moderation", "change_sitepolicy"), ("moderation", "view_sitepolicy"),
    ("comments", "moderate_comment"), ("moderation", "view_auditentry"),
]


def editors_group(apps, schema_editor):
    create_group_in_migration(apps, "Editors", EDITOR_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("moderation", "0003_audit_actions"), ("articles", "0001_initial")]
    operations = [migrations.RunPython(editors_group, migrations.RunPython.noop)]
