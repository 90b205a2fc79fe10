from django.contrib import admin

from renda.budget.models import Adjustment, Alert, AlertEvent, BudgetImport, ClassCode, Milestone


@admin.register(ClassCode)
class ClassCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "scheme"]
    list_filter = ["scheme"]
    search_fields = ["code", "name"]


@admin.register(BudgetImport)
class BudgetImportAdmin(admin.ModelAdmin):
    list_display = ["year", "dataset", "file_name", "result", "rows", "replaced", "created_at"]
    list_filter = ["dataset", "result", "year"]
    readonly_fields = [f.name for f in BudgetImport._meta.fields]


class AlertEventInline(admin.TabularInline):
    model = AlertEvent
    extra = 0
    readonly_fields = ["action", "from_state", "to_state", "actor", "note", "created_at"]


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    list_display = ["year", "rule", "dept_name", "project_code", "payee", "amount", "state", "found_on"]
    list_filter = ["rule", "state", "year"]
    search_fields = ["dept_name", "dept_code", "project_code", "payee", "key"]
    readonly_fields = ["key", "rule", "year", "state"]
    inlines = [AlertEventInline]


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ["year", "kind", "date", "due", "on_time"]
    list_filter = ["kind", "on_time"]


@admin.register(Adjustment)
class AdjustmentAdmin(admin.ModelAdmin):
    list_display = ["year", "case", "amount", "approved_on"]
