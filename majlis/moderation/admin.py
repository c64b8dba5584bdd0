from django.contrib import admin

from .models import AuditEntry, SitePolicy


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("created", "actor_label", "action", "comment", "reasons")
    list_filter = ("action",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SitePolicy)
class SitePolicyAdmin(admin.ModelAdmin):
    """Editors and admins only: moderators have no change permission."""

    list_display = ("__str__", "auto_reject_threshold", "auto_approve_floor", "notify_commenters", "updated")

    def has_add_permission(self, request):
        return not SitePolicy.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False
