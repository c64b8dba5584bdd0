from django import forms
from django.contrib import admin, messages
from django.utils.html import format_html

from .models import EVENTS, ImportedItem, WebhookAttempt, WebhookDelivery, WebhookEndpoint


class WebhookEndpointForm(forms.ModelForm):
    events = forms.MultipleChoiceField(choices=EVENTS, widget=forms.CheckboxSelectMultiple, required=True)

    class Meta:
        model = WebhookEndpoint
        fields = ["url", "description", "events", "active"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    form = WebhookEndpointForm
    list_display = ["url", "description", "event_list", "active", "created"]
    list_filter = ["active"]
    readonly_fields = ["secret_display", "created"]
    actions = ["rotate_secrets"]

    def get_fields(self, request, obj=None):
        fields = ["url", "description", "events", "active"]
        return fields + (["secret_display", "created"] if obj else [])

    @admin.display(description="events")
    def event_list(self, obj):
        return ", ".join(obj.events or [])

    @admin.display(description="signing secret")
    def secret_display(self, obj):
        return format_html(
            "<code>{}</code><br><small>Verify X-Majlis-Signature: t=…,v1=HMAC-SHA256(secret, t + '.' + body) "
            "— see majlis/integrations/signing.py</small>", obj.secret)

    @admin.action(description="Rotate the signing secret")
    def rotate_secrets(self, request, queryset):
        for endpoint in queryset:
            endpoint.rotate_secret()
        self.message_user(request, f"New secret for {queryset.count()} endpoint(s).", messages.SUCCESS)


class WebhookAttemptInline(admin.TabularInline):
    model = WebhookAttempt
    extra = 0
    can_delete = False
    fields = readonly_fields = ["number", "created", "status_code", "duration_ms", "error", "response_excerpt"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdmin):
    list_display = ["created", "event", "endpoint", "status", "attempts", "next_attempt_at", "delivered_at"]
    list_filter = ["status", "event", "endpoint"]
    search_fields = ["event_id"]
    readonly_fields = ["endpoint", "event", "event_id", "status", "attempts", "next_attempt_at", "created",
                       "delivered_at", "body"]
    exclude = ["payload"]
    inlines = [WebhookAttemptInline]

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) or request.user.has_perm("integrations.view_webhookendpoint")


@admin.register(WebhookAttempt)
class WebhookAttemptAdmin(ReadOnlyAdmin):
    list_display = ["created", "delivery", "number", "status_code", "duration_ms", "error"]
    list_filter = ["status_code"]
    readonly_fields = ["delivery", "number", "status_code", "duration_ms", "error", "response_excerpt", "created"]


@admin.register(ImportedItem)
class ImportedItemAdmin(ReadOnlyAdmin):
    list_display = ["source", "kind", "external_id", "article", "comment", "imported_at"]
    list_filter = ["source", "kind"]
    search_fields = ["external_id"]
    readonly_fields = ["source", "kind", "external_id", "article", "comment", "parent_external_id", "imported_at"]
