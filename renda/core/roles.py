"""Roles, and the one authorization check: can(user, capability).

A user may hold several roles; each role is a Django group of the same name. Each app declares its
capabilities and which roles hold them in its `platform.py` (core.registry); see docs/adr/0003. Visibility
of single records is decided in each app's selectors, not here.
"""

from collections.abc import Iterator, Mapping
from functools import wraps

from django.db import models


class Role(models.TextChoices):
    ADMIN = "admin", "系统管理员"
    CLERK = "clerk", "机关工作人员"  # works in a committee office (User.office)
    MEMBER = "member", "常委会组成人员"
    DEPUTY = "deputy", "人大代表"  # linked to a Deputy (User.deputy)
    UNIT = "unit", "承办单位"  # officer of a handling unit (User.handling_unit)
    KEEPER = "keeper", "联络站管理员"  # keeps a liaison station (User.station)


class UnknownCapability(LookupError):
    """A capability no app declares: a typo, not a "no" (not a KeyError, so templates do not hide it)."""


def can(user, capability: str) -> bool:
    """Whether `user` may do `capability`: the one authorization check of every app (docs/adr/0003).

    `capability` is "<app_label>.<name>", declared with a label in that app's `platform.py` (Platform.capabilities),
    and granted to roles there (Platform.grants). The user may if any of their roles (Django groups named after
    `Role`) is granted it. Administrators and superusers may do everything; anonymous and inactive users
    nothing. Raises UnknownCapability for a name no app declares.

    This answers "may this kind of user do this kind of thing at all"; whether they may do it to one record
    (their own deputy record, their unit's assignment, their station) is decided by the app's selectors and
    workflow guards on top of it:

        if not can(actor, "suggestions.handle") or actor.handling_unit_id != assignment.unit_id:
            raise PermissionDenied(...)

    One query per request object at most (the user's groups, cached by user_roles); no database permission
    lookup. In templates: {% if caps.suggestions.manage %} (core.context_processors).
    """
    from renda.core.registry import platforms

    registry = platforms()
    if capability not in registry.capabilities:
        raise UnknownCapability(f"未声明的权限 {capability!r}（应在某个应用的 platform.py 中声明）")
    if not getattr(user, "is_active", False):
        return False
    return any(capability in registry.grants.get(role, ()) for role in user_roles(user))


def capability_required(capability: str):
    """View decorator: signed-in users who `can(user, capability)`; others are refused (403) or sent to sign in."""
    from django.contrib.auth.decorators import login_required
    from django.core.exceptions import PermissionDenied

    def decorator(view):
        @wraps(view)
        def checked(request, *args, **kwargs):
            if not can(request.user, capability):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return login_required(checked)

    return decorator


class _RolePermissions(Mapping):
    """Role -> the capabilities its group holds, read from the apps' declarations on use.

    accounts.services.role_groups_sync gives each role's Django group the Django permissions among them
    (capabilities named like "app_label.codename" of a Permission row), so the Django admin and
    DjangoModelPermissions agree with can(). ADMIN's group receives every permission there."""

    def _grants(self) -> dict[str, frozenset[str]]:
        from renda.core.registry import platforms

        return {role: names for role, names in platforms().grants.items() if role != Role.ADMIN}

    def __getitem__(self, role: str) -> list[str]:
        return sorted(self._grants()[role])

    def __iter__(self) -> Iterator[str]:
        return iter(self._grants())

    def __len__(self) -> int:
        return len(self._grants())


ROLE_PERMISSIONS: Mapping[str, list[str]] = _RolePermissions()


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
    """Administrators and clerks of the standing committee's offices. Prefer can(user, capability), which says
    what for; this remains for code not yet converted."""
    return has_role(user, Role.ADMIN, Role.CLERK)


def holders(capability: str):
    """The active users who hold `capability` through a role (the roles' groups; administrators included)."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    from renda.core.registry import platforms

    registry = platforms()
    if capability not in registry.capabilities:
        raise UnknownCapability(f"未声明的权限 {capability!r}（应在某个应用的 platform.py 中声明）")
    roles = [role for role, names in registry.grants.items() if capability in names]
    users = get_user_model().objects.filter(is_active=True)
    return users.filter(Q(groups__name__in=roles) | Q(is_superuser=True)).distinct()
