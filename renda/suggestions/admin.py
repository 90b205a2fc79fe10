"""Django admin: the configurable lists are edited here; suggestions are read-only (every change goes
through the workflow's services, so the timeline stays complete)."""

from django.contrib import admin

from renda.suggestions.models import (
    Assignment,
    Cosigner,
    Evaluation,
    RefusalReason,
    ResultCategory,
    Suggestion,
    SuggestionCategory,
    SuggestionEvent,
    UnitKeyword,
)


@admin.register(SuggestionCategory)
class SuggestionCategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "parent", "order", "active")
    list_editable = ("order", "active")
    list_filter = ("active",)
    search_fields = ("name",)


@admin.register(ResultCategory)
class ResultCategoryAdmin(admin.ModelAdmin):
    list_display = ("code", "label", "counts_as_resolved", "needs_follow_up", "order", "active")
    list_editable = ("order", "active")
    list_filter = ("active", "counts_as_resolved")


@admin.register(RefusalReason)
class RefusalReasonAdmin(admin.ModelAdmin):
    list_display = ("label", "order", "active")
    list_editable = ("order", "active")
    list_filter = ("active",)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class CosignerInline(ReadOnlyInline):
    model = Cosigner
    fields = ("deputy", "status", "responded_at")


class AssignmentInline(ReadOnlyInline):
    model = Assignment
    fields = ("unit", "role", "state", "assigned_on", "due")


class EvaluationInline(ReadOnlyInline):
    model = Evaluation
    fields = ("deputy", "round", "rating", "comment")


class EventInline(ReadOnlyInline):
    model = SuggestionEvent
    fields = ("created_at", "action", "from_state", "to_state", "actor", "note")
    readonly_fields = ("created_at",)


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    list_display = ("number", "title", "kind", "lead_deputy", "state", "year", "reply_due", "is_overdue")
    list_filter = ("state", "kind", "timing", "year", "is_overdue")
    search_fields = ("number", "title", "lead_deputy__name")
    list_select_related = ("lead_deputy",)
    inlines = [CosignerInline, AssignmentInline, EvaluationInline, EventInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(UnitKeyword)
class UnitKeywordAdmin(admin.ModelAdmin):
    list_display = ("keyword", "unit", "weight", "active")
    list_editable = ("weight", "active")
    list_filter = ("active", "unit")
    search_fields = ("keyword", "unit__name")
    list_select_related = ("unit",)
