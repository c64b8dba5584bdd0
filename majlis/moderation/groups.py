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
