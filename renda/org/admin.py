from django.contrib import admin, messages
from simple_history.admin import SimpleHistoryAdmin

from renda.org.models import (
    CommitteeMembership,
    CommitteeOffice,
    CommitteeOfficeMembership,
    CongressSession,
    HandlingUnit,
    Jurisdiction,
    Term,
    Township,
)
from renda.org.services import term_set_current


class VersionBumpMixin(admin.ModelAdmin):
    """Saving in the admin makes forms opened on the older version stale (core.services.save_versioned)."""

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)


class TownshipInline(admin.TabularInline):
    model = Township
    extra = 0
    fields = ("order", "name", "kind", "code")


@admin.register(Jurisdiction)
class JurisdictionAdmin(VersionBumpMixin, admin.ModelAdmin):
    list_display = ("name", "code", "congress_name", "population")
    inlines = [TownshipInline]


@admin.register(Township)
class TownshipAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "code", "order", "jurisdiction")
    list_filter = ("kind",)
    search_fields = ("name", "code")


class CongressSessionInline(admin.TabularInline):
    model = CongressSession
    extra = 0


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ("__str__", "jurisdiction", "start_date", "end_date", "is_current")
    readonly_fields = ("is_current",)
    inlines = [CongressSessionInline]
    actions = ["make_current"]

    @admin.action(description="设为本届（原本届不再是本届）", permissions=["change"])
    def make_current(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "请只选择一个届次。", messages.ERROR)
            return
        term = term_set_current(term=queryset.get(), actor=request.user)
        self.message_user(request, f"已将{term}设为本届。", messages.SUCCESS)


@admin.register(CongressSession)
class CongressSessionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "start_date", "end_date", "place")
    list_filter = ("term",)
    list_select_related = ("term",)


@admin.register(CommitteeOffice)
class CommitteeOfficeAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "kind", "handles_deputies_affairs", "order", "active")
    list_filter = ("kind", "active")
    search_fields = ("name", "short_name")


@admin.register(CommitteeMembership)
class CommitteeMembershipAdmin(admin.ModelAdmin):
    list_display = ("deputy", "position", "term", "office", "start_date", "end_date")
    list_filter = ("term", "position", "office")
    list_select_related = ("deputy", "term", "office")
    search_fields = ("deputy__name", "deputy__name_initials")
    raw_id_fields = ("deputy",)


@admin.register(CommitteeOfficeMembership)
class CommitteeOfficeMembershipAdmin(admin.ModelAdmin):
    list_display = ("deputy", "office", "position", "term", "start_date", "end_date")
    list_filter = ("term", "office", "position")
    list_select_related = ("deputy", "term", "office")
    search_fields = ("deputy__name", "deputy__name_initials")
    raw_id_fields = ("deputy",)


@admin.register(HandlingUnit)
class HandlingUnitAdmin(VersionBumpMixin, SimpleHistoryAdmin):
    list_display = ("name", "short_name", "kind", "parent", "contact_person", "contact_phone", "active")
    list_filter = ("kind", "active")
    list_select_related = ("parent",)
    search_fields = ("name", "short_name")
    raw_id_fields = ("parent", "township")
