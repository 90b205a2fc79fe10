"""Roles and the capabilities (Django permissions) each role grants.

A user may hold several roles; each role is a Django group of the same name. Visibility of single
records is decided in each app's selectors, not here.
"""

from django.db import models


class Role(models.TextChoices):
    ADMIN = "admin", "系统管理员"
    CLERK = "clerk", "机关工作人员"  # works in a committee office (User.office)
    MEMBER = "member", "常委会组成人员"
    DEPUTY = "deputy", "人大代表"  # linked to a Deputy (User.deputy)
    UNIT = "unit", "承办单位"  # officer of a handling unit (User.handling_unit)
    KEEPER = "keeper", "联络站管理员"  # keeps a liaison station (User.station)


# Permissions each role's group receives ("app_label.codename"). ADMIN receives every permission.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.CLERK: [
        "org.view_jurisdiction", "org.change_jurisdiction", "org.add_township", "org.change_township",
        "org.add_term", "org.change_term", "org.add_congresssession", "org.change_congresssession",
        "org.add_committeemembership", "org.change_committeemembership", "org.delete_committeemembership",
        "org.add_committeeoffice", "org.change_committeeoffice",
        "org.add_handlingunit", "org.change_handlingunit",
        "deputies.add_deputy", "deputies.change_deputy", "deputies.view_deputy_phone", "deputies.import_deputies",
        "deputies.add_deputygroup", "deputies.change_deputygroup",
        "deputies.add_delegation", "deputies.change_delegation",
        "deputies.add_constituency", "deputies.change_constituency",
        "deputies.add_liaisonstation", "deputies.change_liaisonstation",
        "deputies.add_receptionday", "deputies.change_receptionday",
        "deputies.add_activity", "deputies.change_activity",
    ],
    Role.MEMBER: [],
    Role.DEPUTY: [],
    Role.UNIT: [],
    Role.KEEPER: [
        "deputies.add_receptionday", "deputies.change_receptionday",
        "deputies.add_activity", "deputies.change_activity",
    ],
}


def user_roles(user) -> frozenset[str]:
    """The roles a user holds, read once per request object."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_renda_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True)) & set(Role.values)
        if user.is_superuser:
            names.add(Role.ADMIN)
        cached = frozenset(names)
        user._renda_roles = cached
    return cached


def has_role(user, *roles: str) -> bool:
    return bool(user_roles(user) & set(roles))


def is_office_staff(user) -> bool:
    """Administrators and clerks of the standing committee's offices manage registries."""
    return has_role(user, Role.ADMIN, Role.CLERK)
