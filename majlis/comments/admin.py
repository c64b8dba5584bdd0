from django.contrib import admin

from .models import Comment


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ("id", "article", "author_name", "status", "submitted_at", "screening_language")
    list_filter = ("status", "screening_language")
    search_fields = ("author_name", "author_email", "text")
    # Decisions go through the moderation queue so they are audited.
    readonly_fields = [f.name for f in Comment._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
