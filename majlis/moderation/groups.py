from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

MODERATORS = "Moderators"
MODERATOR_PERMISSIONS = [("comments", "moderate_comment"), ("moderation", "view_auditentry")]


def moderators_group():
    """The Moderators group with its permissions (created by migration
    0002; this re-creates it where a test flush or an admin removed it)."""
    group, _ = Group.objects.get_or_create(name=MODERATORS)
    for app_label, codename in MODERATOR_PERMISSIONS:
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return group


def create_group_in_migration(apps, name, permissions):
    """For data migrations (historical models): make sure every app's
    permissions exist, then create `name` holding `permissions`."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    HistoricalGroup = apps.get_model("auth", "Group")
    HistoricalPermission = apps.get_model("auth", "Permission")
    group, _ = HistoricalGroup.objects.get_or_create(name=name)
    for app_label, codename in permissions:
        group.permissions.add(HistoricalPermission.objects.get(content_type__app_label=app_label, codename=codename))
