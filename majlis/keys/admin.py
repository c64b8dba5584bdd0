from django.contrib import admin, messages

from .models import ApiKey, Scope


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ("name", "prefix", "scopes", "created", "last_used_at", "revoked_at")
    readonly_fields = ("prefix", "hashed_key", "created", "created_by", "last_used_at", "revoked_at")
    fields = ("name", "scopes", "prefix", "created", "created_by", "last_used_at", "revoked_at")
    actions = ["revoke"]

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        key, raw = ApiKey.create(obj.name, obj.scopes or [Scope.READ], created_by=request.user)
        obj.pk = key.pk
        messages.warning(request, f"New API key (shown once, copy it now): {raw}")

    @admin.action(description="Revoke selected keys")
    def revoke(self, request, queryset):
        for key in queryset:
            key.revoke()
