from django.contrib import admin

from .models import Article


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("headline", "published", "author", "language")
    list_filter = ("language",)
    search_fields = ("headline", "body")
    prepopulated_fields = {"slug": ("headline",)}
