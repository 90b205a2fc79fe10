from django.contrib import admin

from renda.oversight.models import (
    FilingDocument,
    Interpellation,
    OversightItem,
    OversightPlan,
    Problem,
    Rectification,
    SatisfactionVote,
)


class ProblemInline(admin.TabularInline):
    model = Problem
    extra = 0


class RectificationInline(admin.TabularInline):
    model = Rectification
    extra = 0


@admin.register(OversightPlan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["year", "title", "state", "adopted_on", "published_on"]
    list_filter = ["state"]


@admin.register(OversightItem)
class ItemAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "body", "state", "report_due"]
    list_filter = ["kind", "state", "plan__year"]
    search_fields = ["title"]
    inlines = [ProblemInline, RectificationInline]


@admin.register(SatisfactionVote)
class SatisfactionVoteAdmin(admin.ModelAdmin):
    list_display = ["item", "round", "satisfied", "basically_satisfied", "dissatisfied", "entitled", "passed"]


@admin.register(Interpellation)
class InterpellationAdmin(admin.ModelAdmin):
    list_display = ["title", "body", "filed_on", "state"]


@admin.register(FilingDocument)
class FilingAdmin(admin.ModelAdmin):
    list_display = ["title", "number", "issuer", "filed_on", "filed_late", "state"]
    list_filter = ["state", "filed_late"]
