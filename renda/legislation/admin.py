from django.contrib import admin

from renda.legislation.models import (
    Comment,
    ConsolidatedOpinion,
    Draft,
    DraftVersion,
    OutreachWork,
    Symposium,
)


class VersionInline(admin.TabularInline):
    model = DraftVersion
    extra = 0
    fields = ["number", "label", "final"]
    readonly_fields = ["number", "label", "final"]


@admin.register(Draft)
class DraftAdmin(admin.ModelAdmin):
    list_display = ["title", "issuing_body", "level", "received_on", "report_due", "state"]
    list_filter = ["level", "state"]
    search_fields = ["title"]
    inlines = [VersionInline]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["draft", "article", "channel", "author_name", "created_at"]
    list_filter = ["channel"]
    search_fields = ["content"]
    exclude = ["contact"]  # personal information: seen on the office's pages only


@admin.register(ConsolidatedOpinion)
class OpinionAdmin(admin.ModelAdmin):
    list_display = ["draft", "article", "adoption"]
    list_filter = ["adoption"]


@admin.register(Symposium)
class SymposiumAdmin(admin.ModelAdmin):
    list_display = ["draft", "place", "held_on", "attendee_count"]


@admin.register(OutreachWork)
class OutreachWorkAdmin(admin.ModelAdmin):
    list_display = ["title", "station", "kind", "held_on", "count"]
    list_filter = ["kind"]
