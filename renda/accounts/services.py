"""Writes on users and roles."""

from typing import cast

from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.http import HttpRequest
from rest_framework.authtoken.models import Token
from rest_framework.request import Request

from renda.accounts.models import User
from renda.accounts.selectors import api_token_expired
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


def user_roles_set(*, user: User, roles: list[str], actor: User | None = None) -> None:
    """Replace a user's roles."""
    role_groups_sync()
    user.groups.set(Group.objects.filter(name__in=roles))
    user.__dict__.pop("_renda_roles", None)


# The link each role acts through: a deputy user speaks for a deputy, an officer for a unit, a keeper for a station.
ROLE_LINKS = {Role.DEPUTY: "deputy", Role.UNIT: "handling_unit", Role.KEEPER: "station"}


def user_create(
    *,
    username: str,
    password: str,
    full_name: str,
    roles: list[str],
    phone: str = "",
    deputy=None,
    office=None,
    handling_unit=None,
    station=None,
    actor: User,
) -> User:
    """Open an account with its roles and the records those roles act for. The password must pass the
    configured validators; a role that acts for a record needs that record (ROLE_LINKS); administrators may
    use the Django admin."""
    if not actor.has_perm("accounts.add_user"):
        raise PermissionDenied("只有系统管理员可以开设账号。")
    links = {"deputy": deputy, "office": office, "handling_unit": handling_unit, "station": station}
    user = User(
        username=username.strip(),
        full_name=full_name.strip(),
        phone=phone.strip(),
        is_staff=Role.ADMIN in roles,
        **links,
    )
    errors: dict[str, list[str]] = {}
    unknown = set(roles) - set(Role.values)
    if unknown:
        errors["roles"] = [f"未知的角色：{'、'.join(sorted(unknown))}。"]
    for role, link in ROLE_LINKS.items():
        if role in roles and links[link] is None:
            label = cast(models.Field, User._meta.get_field(link)).verbose_name
            errors.setdefault(link, []).append(f"{Role(role).label}账号须指定{label}。")
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        errors.setdefault("password", []).extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        user.set_password(password)
        user.save()
        user_roles_set(user=user, roles=list(roles), actor=actor)
    return user


def api_token_issue(*, request: HttpRequest | Request, actor: User) -> Token:
    """The API token of `actor`, who has just proved their password: the current one, or a new one when they
    have none or theirs has expired (API_TOKEN_DAYS). Signing in this way is recorded like a page sign-in: last
    login, the django-axes access log, and failed attempts reset."""
    from django.contrib.auth.signals import user_logged_in

    with transaction.atomic():
        token = Token.objects.select_for_update().filter(user=actor).first()
        if token is not None and api_token_expired(token):
            token.delete()
            token = None
        if token is None:
            token = Token.objects.create(user=actor)
    user_logged_in.send(sender=type(actor), request=request, user=actor)
    return token


def api_tokens_revoke(*, actor: User) -> int:
    """Revoke the API tokens of `actor` (their own); the number revoked."""
    deleted, _ = Token.objects.filter(user=actor).delete()
    return deleted
