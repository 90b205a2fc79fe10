"""Writes on users and roles."""

from dataclasses import dataclass, field
from typing import cast

from axes.utils import reset  # type: ignore[import-untyped]
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


# ---------------------------------------------------------------- accounts in bulk, password reset, unlock

MANAGE_ACCOUNTS = "accounts.manage_accounts"

# Initial passwords: 14 characters from letters and digits without the look-alikes (0/O, 1/l/I), at least one
# lower-case letter, one capital and one digit; about 80 bits, and they pass the configured validators.
PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
PASSWORD_LENGTH = 14

# Username prefixes for the accounts of records that are not people (docs/accounts.md: the username rule).
UNIT_PREFIX = "dw"  # 单位
STATION_PREFIX = "lz"  # 联络站


def initial_password() -> str:
    """A random, strong password shown once to the office (never stored in clear)."""
    import secrets

    while True:
        password = "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))
        if (
            any(c.islower() for c in password)
            and any(c.isupper() for c in password)
            and any(c.isdigit() for c in password)
        ):
            return password


def username_base(name: str, *, prefix: str = "", initials: bool = False) -> str:
    """The username rule before collisions: the name's pinyin in lower-case ASCII letters (张三 → zhangsan), or
    its initials (县教育局 → xjyj) after a prefix for units and stations; letters and digits of the name that
    are not Chinese are kept, anything else dropped; "user" when nothing remains. At most 24 characters, so
    a number still fits in the 150 Django allows."""
    from pypinyin import Style, lazy_pinyin

    style = Style.FIRST_LETTER if initials else Style.NORMAL
    text = "".join(lazy_pinyin(name.strip(), style=style, errors="default")).lower()
    text = "".join(c for c in text if c.isascii() and c.isalnum())
    return (prefix + text)[:24] or "user"


def username_pick(base: str, taken: set[str]) -> str:
    """`base`, or `base` followed by 2, 3, … — the first that no account holds (compared case-insensitively)."""
    candidate, number = base, 1
    while candidate.lower() in taken:
        number += 1
        candidate = f"{base}{number}"
    taken.add(candidate.lower())
    return candidate


def account_event_log(*, user: User, action: str, actor: User | None, note: str = "") -> None:
    from renda.accounts.models import AccountEvent
    from renda.core import clock

    AccountEvent.objects.create(user=user, action=action, actor=actor, note=note[:200], at=clock.now())


def _require_manage(actor: User, user: User | None = None) -> None:
    from renda.core.roles import can, has_role

    if not can(actor, MANAGE_ACCOUNTS):
        raise PermissionDenied("只有负责账号管理的机关工作人员可以进行此操作。")
    if user is not None and (user.is_superuser or user.is_staff or has_role(user, Role.ADMIN)):
        if not (actor.is_superuser or has_role(actor, Role.ADMIN)):
            raise PermissionDenied("系统管理员的账号只能由系统管理员管理。")


@dataclass(frozen=True)
class NewAccount:
    user: User
    password: str  # in clear only in this object, for the one download
    role: str
    link: str  # the deputy, unit or station it acts for


@dataclass(frozen=True)
class Skipped:
    role: str
    link: str
    reason: str


@dataclass
class BulkResult:
    created: list[NewAccount] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    deactivated: list[User] = field(default_factory=list)


def _serving_deputies():
    from renda.deputies.choices import DeputyStatus
    from renda.deputies.models import Deputy

    return Deputy.objects.filter(status=DeputyStatus.ACTIVE).order_by("name_pinyin", "pk")


def accounts_bulk_plan() -> dict[str, int]:
    """What a bulk creation would do now: how many accounts it would open per role, and deactivate."""
    from renda.deputies.models import LiaisonStation
    from renda.org.models import HandlingUnit

    return {
        "deputies": _serving_deputies().filter(user__isnull=True).count(),
        "units": HandlingUnit.objects.filter(active=True)
        .exclude(officers__groups__name=Role.UNIT)
        .distinct()
        .count(),
        "stations": LiaisonStation.objects.filter(active=True)
        .exclude(keepers__groups__name=Role.KEEPER)
        .distinct()
        .count(),
        "deactivate": ended_deputy_accounts().count(),
    }


def accounts_bulk_create(*, actor: User) -> BulkResult:
    """Open one account for every serving deputy, every active handling unit (its officer) and every active
    liaison station (its keeper) that has none, with a username by the rule (username_base, username_pick),
    a random initial password to be changed at first sign-in; and deactivate the accounts of deputies who no
    longer serve. A record that already has an account is skipped and reported; a second run opens nothing."""
    from renda.deputies.models import LiaisonStation
    from renda.org.models import HandlingUnit

    _require_manage(actor)
    result = BulkResult()
    with transaction.atomic():
        taken = {name.lower() for name in User.objects.values_list("username", flat=True)}
        linked = dict(User.objects.filter(deputy__isnull=False).values_list("deputy_id", "username"))
        for deputy in _serving_deputies():
            if deputy.pk in linked:
                result.skipped.append(
                    Skipped(Role.DEPUTY.label, deputy.name, f"已有账号 {linked[deputy.pk]}")
                )
                continue
            username = username_pick(username_base(deputy.name), taken)
            result.created.append(
                _open(
                    username, deputy.name, Role.DEPUTY, deputy.name, actor, deputy=deputy, phone=deputy.phone
                )
            )
        officers = dict(
            User.objects.filter(groups__name=Role.UNIT, handling_unit__isnull=False)
            .order_by("pk")
            .values_list("handling_unit_id", "username")
        )
        for unit in HandlingUnit.objects.filter(active=True).order_by("order", "name"):
            if unit.pk in officers:
                result.skipped.append(Skipped(Role.UNIT.label, unit.name, f"已有账号 {officers[unit.pk]}"))
                continue
            base = username_base(unit.short_name or unit.name, prefix=UNIT_PREFIX, initials=True)
            full_name = unit.contact_person or unit.short_name or unit.name
            result.created.append(
                _open(username_pick(base, taken), full_name, Role.UNIT, unit.name, actor, handling_unit=unit)
            )
        keepers = dict(
            User.objects.filter(groups__name=Role.KEEPER, station__isnull=False)
            .order_by("pk")
            .values_list("station_id", "username")
        )
        for station in LiaisonStation.objects.filter(active=True).order_by("name", "pk"):
            if station.pk in keepers:
                result.skipped.append(
                    Skipped(Role.KEEPER.label, station.name, f"已有账号 {keepers[station.pk]}")
                )
                continue
            base = username_base(station.name, prefix=STATION_PREFIX, initials=True)
            result.created.append(
                _open(
                    username_pick(base, taken),
                    station.name,
                    Role.KEEPER,
                    station.name,
                    actor,
                    station=station,
                )
            )
        result.deactivated = ended_deputy_accounts_deactivate(actor=actor)
    return result


def _open(username: str, full_name: str, role: Role, link: str, actor: User, **links) -> NewAccount:
    password = initial_password()
    user = User(username=username, full_name=full_name[:30], must_change_password=True, **links)
    user.set_password(password)
    user.save()
    role_groups_sync_once()
    user.groups.set(Group.objects.filter(name=role.value))
    account_event_log(user=user, action="created", actor=actor, note=f"批量开设（{role.label}：{link}）")
    return NewAccount(user, password, str(role.label), link)


def role_groups_sync_once() -> None:
    """The roles' groups exist (created with their permissions the first time)."""
    if Group.objects.filter(name__in=Role.values).count() < len(Role.values):
        role_groups_sync()


def ended_deputy_accounts():
    """Active accounts linked to a deputy who no longer serves (resigned, recalled, terminated, deceased)."""
    from renda.deputies.choices import DeputyStatus

    return (
        User.objects.filter(is_active=True, deputy__isnull=False)
        .exclude(deputy__status=DeputyStatus.ACTIVE)
        .filter(groups__name=Role.DEPUTY)
        .distinct()
    )


def ended_deputy_accounts_deactivate(*, actor: User | None) -> list[User]:
    """Deactivate the accounts of deputies who no longer serve; a user who holds another role as well (a
    clerk who was a deputy) keeps the account and loses the deputy role. Idempotent: the users changed."""
    changed = []
    for user in ended_deputy_accounts().select_related("deputy").order_by("pk"):
        status = user.deputy.get_status_display() if user.deputy else ""
        others = set(user.groups.values_list("name", flat=True)) - {Role.DEPUTY.value}
        if others:
            user.groups.remove(*Group.objects.filter(name=Role.DEPUTY))
            user.__dict__.pop("_renda_roles", None)
            account_event_log(
                user=user, action="role_removed", actor=actor, note=f"代表{status}，取消代表角色"
            )
        else:
            user.is_active = False
            user.save(update_fields=["is_active"])
            Token.objects.filter(user=user).delete()
            account_event_log(user=user, action="deactivated", actor=actor, note=f"代表{status}")
        changed.append(user)
    return changed


def ended_deputy_accounts_tick(*, today) -> dict[str, int]:
    """The daily job's step (renda_tick): accounts of deputies who no longer serve. Idempotent."""
    with transaction.atomic():
        return {"deactivated": len(ended_deputy_accounts_deactivate(actor=None))}


def user_password_reset(*, user: User, actor: User) -> str:
    """Give `user` a new random password, shown once to the office; they must change it at sign-in. Their API
    tokens are revoked and their failed sign-ins forgotten."""
    _require_manage(actor, user)
    password = initial_password()
    with transaction.atomic():
        user.set_password(password)
        user.must_change_password = True
        user.save(update_fields=["password", "must_change_password"])
        Token.objects.filter(user=user).delete()
        account_event_log(user=user, action="password_reset", actor=actor)
    reset(username=user.username)
    return password


def user_unlock(*, user: User, actor: User) -> int:
    """Forget the failed sign-ins that locked `user` out (django-axes); the number of records removed."""
    _require_manage(actor, user)
    removed = reset(username=user.username)
    account_event_log(user=user, action="unlocked", actor=actor, note=f"清除{removed}条失败记录")
    return removed


def user_deactivate(*, user: User, actor: User) -> User:
    _require_manage(actor, user)
    if user.pk == actor.pk:
        raise ValidationError("不能停用自己的账号。", code="self")
    if not user.is_active:
        raise ValidationError("该账号已停用。", code="invalid_transition")
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        Token.objects.filter(user=user).delete()
        account_event_log(user=user, action="deactivated", actor=actor)
    return user


def user_reactivate(*, user: User, actor: User) -> User:
    _require_manage(actor, user)
    if user.is_active:
        raise ValidationError("该账号未停用。", code="invalid_transition")
    with transaction.atomic():
        user.is_active = True
        user.save(update_fields=["is_active"])
        account_event_log(user=user, action="reactivated", actor=actor)
    return user


def password_changed(*, actor: User) -> None:
    """`actor` chose their own password: the forced change is done."""
    if actor.must_change_password:
        actor.must_change_password = False
        actor.save(update_fields=["must_change_password"])
    account_event_log(user=actor, action="password_changed", actor=actor)
