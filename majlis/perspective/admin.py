from django.contrib import admin

from .models import SuggestedScore


@admin.register(SuggestedScore)
class SuggestedScoreAdmin(admin.ModelAdmin):
    list_display = ("created", "attribute", "value", "language", "client_token")
    list_filter = ("attribute", "language")
    search_fields = ("client_token",)
    readonly_fields = [f.name for f in SuggestedScore._meta.fields]
