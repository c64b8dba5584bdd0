"""Editors: change articles (comments open/closed, closing date) and the
site policy. Moderators decide comments but cannot change these."""
from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PERMISSIONS = [
    ("articles", "add_article"), ("articles", "change_article"), ("articles", "view_article"),
    ("moderation", "change_sitepolicy"), ("moderation", "view_sitepolicy"),
    ("comments", "moderate_comment"), ("moderation", "view_auditentry"),
]


def editors_group(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Editors")
    for app_label, codename in EDITOR_PERMISSIONS:
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


class Migration(migrations.Migration):
    dependencies = [("moderation", "0003_audit_actions"), ("articles", "0001_initial")]
    operations = [migrations.RunPython(editors_group, migrations.RunPython.noop)]
