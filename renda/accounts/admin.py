from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from renda.accounts.models import User
from renda.core.roles import Role


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Accounts with their roles (groups) and the deputy, office, unit or station they act for."""

    list_display = (
        "username",
        "full_name",
        "roles",
        "deputy",
        "office",
        "handling_unit",
        "station",
        "is_active",
    )
    list_filter = ("groups", "is_active", "is_staff", "is_superuser")
    list_select_related = ("deputy", "office", "handling_unit", "station")
    search_fields = ("username", "full_name", "phone")
    ordering = ("username",)
    raw_id_fields = ("deputy", "handling_unit", "station")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("个人信息", {"fields": ("full_name", "phone", "email")}),
        ("角色与关联", {"fields": ("groups", "deputy", "office", "handling_unit", "station")}),
        ("权限", {"fields": ("is_active", "is_staff", "is_superuser", "user_permissions")}),
        ("重要日期", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "full_name", "password1", "password2")}),
        ("角色与关联", {"fields": ("groups", "deputy", "office", "handling_unit", "station")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description="角色")
    def roles(self, user: User) -> str:
        labels = dict(Role.choices)
        return "、".join(labels.get(group.name, group.name) for group in user.groups.all())
