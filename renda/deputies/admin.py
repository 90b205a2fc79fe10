from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from renda.deputies.models import (
    Activity,
    Constituency,
    Delegation,
    Deputy,
    DeputyGroup,
    LiaisonStation,
    ReceptionDay,
)
from renda.deputies.services import name_index

# ---------------------------------------------------------------- deputies, groups, delegations, import, composition


@admin.register(Deputy)
class DeputyAdmin(SimpleHistoryAdmin):
    list_display = ("name", "gender", "sector", "level", "township", "status")
    list_filter = ("level", "sector", "status", "gender", "terms")
    list_select_related = ("township",)
    search_fields = ("name", "name_initials", "name_pinyin")
    raw_id_fields = ("township", "constituency", "station")
    filter_horizontal = ("terms",)

    def save_model(self, request, obj, form, change):
        """Keep the pinyin index in sync and make forms opened on the older version stale."""
        obj.name_initials, obj.name_pinyin = name_index(obj.name)
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)


@admin.register(Constituency)
class ConstituencyAdmin(admin.ModelAdmin):
    list_display = ("name", "term", "township", "seats")
    list_filter = ("term",)
    list_select_related = ("term", "township")
    search_fields = ("name",)


@admin.register(DeputyGroup)
class DeputyGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "township", "leader")
    list_filter = ("kind",)
    list_select_related = ("township", "leader")
    search_fields = ("name",)
    raw_id_fields = ("township", "leader", "members")


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ("name", "term", "township", "leader")
    list_filter = ("term",)
    list_select_related = ("term", "township", "leader")
    search_fields = ("name",)
    raw_id_fields = ("township", "leader", "members")


# ---------------------------------------------------------------- liaison stations, reception days, activities


@admin.register(LiaisonStation)
class LiaisonStationAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "township", "parent", "is_model", "model_level", "active")
    list_filter = ("kind", "is_model", "model_level", "active")
    list_select_related = ("township", "parent")
    search_fields = ("name", "address")
    raw_id_fields = ("parent",)


@admin.register(ReceptionDay)
class ReceptionDayAdmin(admin.ModelAdmin):
    list_display = ("station", "date", "start_time", "end_time", "topic", "announced_at")
    list_select_related = ("station",)
    date_hierarchy = "date"
    search_fields = ("station__name", "topic")
    raw_id_fields = ("station", "deputies", "created_by")


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "date", "place", "station")
    list_filter = ("kind",)
    list_select_related = ("station",)
    date_hierarchy = "date"
    search_fields = ("title", "place", "station__name")
    raw_id_fields = ("station", "deputies", "reception_day", "created_by")
