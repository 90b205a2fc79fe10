"""Writes on users and roles."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

from renda.core.roles import ROLE_PERMISSIONS, Role


def role_groups_sync() -> None:
    """Create one group per role and give it exactly the permissions core.roles lists (idempotent)."""
    with transaction.atomic():
        for role in Role:
            group, _ = Group.objects.get_or_create(name=role.value)
            if role == Role.ADMIN:
                group.permissions.set(Permission.objects.all())
                continue
            wanted = ROLE_PERMISSIONS.get(role, [])
            query = Q(pk__in=[])
            for dotted in wanted:
                app_label, codename = dotted.split(".", 1)
                query |= Q(content_type__app_label=app_label, codename=codename)
            group.permissions.set(Permission.objects.filter(query))


def user_roles_set(*, user, roles: list[str], actor=None) -> None:
    """Replace a user's roles."""
    role_groups_sync()
    user.groups.set(Group.objects.filter(name__in=roles))
    user.__dict__.pop("_renda_roles", None)
