"""Every write on deputies, groups, delegations, liaison stations, reception days and activities."""

import datetime
from collections.abc import Iterable, Sequence
from typing import Any, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Field, Q
from django.utils import timezone
from pypinyin import Style, lazy_pinyin
from simple_history.utils import bulk_update_with_history

from renda.accounts.models import User
from renda.core.formats import cn_date
from renda.core.history import history_user_set
from renda.core.roles import can
from renda.core.rules import rule
from renda.core.services import save_versioned
from renda.deputies.choices import ActivityKind, DeputyStatus, StationKind
from renda.deputies.models import Activity, Delegation, Deputy, DeputyGroup, LiaisonStation, ReceptionDay
from renda.deputies.selectors import can_manage_station


def name_index(name: str) -> tuple[str, str]:
    """Pinyin initials and full pinyin of a name, lower case: 张三 → ("zs", "zhangsan")."""
    initials = "".join(lazy_pinyin(name, style=Style.FIRST_LETTER)).lower()
    full = "".join(lazy_pinyin(name)).lower()
    return initials[:30], full[:120]


# Fields a deputy may change on their own record; everything else is the office's.
DEPUTY_SELF_FIELDS = ("phone", "occupation", "title")


# ---------------------------------------------------------------- deputies, groups, delegations, import


def _require(actor: User, capability: str) -> None:
    if not can(actor, capability):
        raise PermissionDenied("您没有该操作的权限。")


def _deputy_insert(*, data: dict[str, Any], actor: User) -> Deputy:
    data = dict(data)
    terms = data.pop("terms", [])
    deputy = Deputy(**data)
    deputy.name_initials, deputy.name_pinyin = name_index(deputy.name)
    history_user_set(deputy, actor)
    deputy.full_clean()
    deputy.save()
    deputy.terms.set(terms)
    return deputy


def deputy_create(*, data: dict[str, Any], actor: User) -> Deputy:
    """Register a deputy; `data` holds model fields by name, `terms` included."""
    _require(actor, "deputies.add_deputy")
    with transaction.atomic():
        return _deputy_insert(data=data, actor=actor)


def deputy_update(*, deputy: Deputy, expected_version: int, changes: dict[str, Any], actor: User) -> Deputy:
    """Change a deputy's record: office staff any field, the deputy themself only DEPUTY_SELF_FIELDS.
    A form that loaded an older version fails with StaleEditError."""
    if not can(actor, "deputies.change_deputy"):
        own = getattr(actor, "deputy_id", None) is not None and actor.deputy_id == deputy.pk
        if not own or not set(changes) <= set(DEPUTY_SELF_FIELDS):
            fields = [cast(Field, Deputy._meta.get_field(name)) for name in DEPUTY_SELF_FIELDS]
            labels = "、".join(str(field.verbose_name) for field in fields)
            raise PermissionDenied(f"代表本人只能修改自己的{labels}。")
    changes = dict(changes)
    if "name" in changes:
        changes["name_initials"], changes["name_pinyin"] = name_index(changes["name"])
    return save_versioned(deputy, expected_version=expected_version, changes=changes, actor=actor)


def deputy_status_change(
    *, deputy: Deputy, expected_version: int, status: str, date, reason: str, actor: User
) -> Deputy:
    """Record that a deputy resigned, was recalled, lost the mandate or died (or correct it back to 在任),
    with the date and the reason; the field history keeps every change."""
    _require(actor, "deputies.change_deputy")
    errors = {}
    if status == deputy.status:
        errors["status"] = f"代表当前已是“{deputy.get_status_display()}”状态。"
    if status not in DeputyStatus.values:
        errors["status"] = "请选择有效的状态。"
    if date is None:
        errors["status_date"] = "请填写状态变更日期。"
    if not reason.strip():
        errors["status_reason"] = "请填写状态变更原因。"
    if errors:
        raise ValidationError(errors)
    changes = {"status": status, "status_date": date, "status_reason": reason.strip()}
    return save_versioned(deputy, expected_version=expected_version, changes=changes, actor=actor)


def deputies_import(*, rows: Sequence[tuple[int, dict[str, Any]]], term, actor: User) -> tuple[int, int]:
    """Register the deputies of validated import rows (row number, cleaned data) for `term`, all or none.

    A person already in the registry (same name and birth date) from another term is re-elected: their
    record is updated and gains `term`. A person already in `term`, or a row repeating an earlier row, is an
    error naming the row. Returns (created, re-elected)."""
    _require(actor, "deputies.import_deputies")
    keys = [(data["name"], data["birth_date"]) for _, data in rows]
    names = {name for name, _ in keys}
    in_term = set(term.deputies.filter(name__in=names).values_list("name", "birth_date"))
    re_elected = {
        (d.name, d.birth_date): d for d in Deputy.objects.filter(name__in=names).exclude(terms=term)
    }
    errors: list[str] = []
    first_row: dict[tuple[str, datetime.date], int] = {}
    for (number, _), key in zip(rows, keys, strict=True):
        if key in in_term:
            errors.append(f"第{number}行「姓名」：{key[0]}已在{term}代表名册中。")
        elif key in first_row:
            errors.append(f"第{number}行「姓名」：与第{first_row[key]}行是同一人（姓名和出生日期相同）。")
        first_row.setdefault(key, number)
    if errors:
        raise ValidationError(errors)
    renewed = 0
    with transaction.atomic():
        for (_, data), key in zip(rows, keys, strict=True):
            changes = dict(data)
            groups = changes.pop("groups", [])
            person = re_elected.get(key)
            if person is None:
                deputy = _deputy_insert(data={**changes, "terms": [term]}, actor=actor)
            else:
                deputy = save_versioned(person, expected_version=person.version, changes=changes, actor=actor)
                deputy.terms.add(term)
                renewed += 1
            deputy.groups.add(*groups)
    return len(rows) - renewed, renewed


def _members_set(record: DeputyGroup | Delegation, members) -> None:
    members = list(members)
    if record.leader_id is not None and record.leader_id not in {member.pk for member in members}:
        leader_label = record._meta.get_field("leader").verbose_name
        raise ValidationError({"members": f"{leader_label}{record.leader}须为成员之一。"})
    record.members.set(members)


def _fields_save(record: DeputyGroup | Delegation, data: dict[str, Any]) -> None:
    for name, value in data.items():
        setattr(record, name, value)
    record.full_clean()
    record.save()


def deputy_group_create(*, data: dict[str, Any], members, actor: User) -> DeputyGroup:
    _require(actor, "deputies.add_deputygroup")
    group = DeputyGroup()
    with transaction.atomic():
        _fields_save(group, data)
        _members_set(group, members)
    return group


def deputy_group_update(*, group: DeputyGroup, data: dict[str, Any], members, actor: User) -> DeputyGroup:
    _require(actor, "deputies.change_deputygroup")
    with transaction.atomic():
        _fields_save(group, data)
        deputy_group_members_set(group=group, members=members, actor=actor)
    return group


def deputy_group_members_set(*, group: DeputyGroup, members, actor: User) -> None:
    """Replace a group's members; the leader must stay a member."""
    _require(actor, "deputies.change_deputygroup")
    with transaction.atomic():
        _members_set(group, members)


def delegation_create(*, data: dict[str, Any], members, actor: User) -> Delegation:
    _require(actor, "deputies.add_delegation")
    delegation = Delegation()
    with transaction.atomic():
        _fields_save(delegation, data)
        _members_set(delegation, members)
    return delegation


def delegation_update(*, delegation: Delegation, data: dict[str, Any], members, actor: User) -> Delegation:
    _require(actor, "deputies.change_delegation")
    with transaction.atomic():
        _fields_save(delegation, data)
        delegation_members_set(delegation=delegation, members=members, actor=actor)
    return delegation


def delegation_members_set(*, delegation: Delegation, members, actor: User) -> None:
    """Replace a delegation's members; the leader must stay a member."""
    _require(actor, "deputies.change_delegation")
    with transaction.atomic():
        _members_set(delegation, members)


# ---------------------------------------------------------------- liaison stations, reception days, activities

STATION_FIELDS = (
    "name",
    "kind",
    "township",
    "parent",
    "address",
    "opening_hours",
    "contact_phone",
    "is_model",
    "model_level",
    "active",
)
ACTIVITY_FIELDS = ("kind", "title", "date", "place", "summary", "station")
# 列席常委会会议 is recorded on the meeting (its 列席 list, renda/meetings), which the duty record counts; the
# activity kind stays for activities recorded before and is no longer offered for new ones.
RETIRED_ACTIVITY_KINDS = (ActivityKind.ATTEND_COMMITTEE,)
RETIRED_KIND_MESSAGE = "列席常委会会议请在会议的列席人员中登记，计入代表履职档案，不再作为履职活动登记。"


def _activity_kind_check(kind: Any, current: Any = None) -> None:
    if kind in RETIRED_ACTIVITY_KINDS and kind != current:
        raise ValidationError({"kind": RETIRED_KIND_MESSAGE}, code="retired_kind")


def _station_office_only(actor: User) -> None:
    if not can(actor, "deputies.manage_stations"):
        raise PermissionDenied("只有人大机关工作人员可以管理联络站。")


def _station_check(station: LiaisonStation) -> None:
    """Rooms belong to a township station in the same township; a model station has a level."""
    errors: dict[str, str] = {}
    parent = station.parent
    if station.kind == StationKind.VILLAGE_ROOM and parent is None:
        errors["parent"] = "村/社区代表联络室应隶属于一个乡镇/街道代表联络站。"
    if parent is not None:
        if parent.pk is not None and parent.pk == station.pk:
            errors["parent"] = "上级联络站不能是本站。"
        elif parent.kind != StationKind.TOWNSHIP_STATION:
            errors["parent"] = "上级联络站应为乡镇/街道代表联络站。"
        elif station.township_id is None:
            station.township_id = parent.township_id
        elif station.township_id != parent.township_id:
            errors["township"] = "应与上级联络站所在乡镇（街道）一致。"
    if station.is_model and not station.model_level:
        errors["model_level"] = "示范站请选择示范等级。"
    if not station.is_model:
        station.model_level = ""
    if errors:
        raise ValidationError(errors)


def station_create(*, data: dict[str, Any], actor: User) -> LiaisonStation:
    _station_office_only(actor)
    station = LiaisonStation(**{name: data[name] for name in STATION_FIELDS if name in data})
    _station_check(station)
    station.full_clean()
    history_user_set(station, actor)
    station.save()
    return station


def station_update(
    *, station: LiaisonStation, expected_version: int, changes: dict[str, Any], actor: User
) -> LiaisonStation:
    """Change a station's fields; a form that loaded an older version is rejected (StaleEditError)."""
    _station_office_only(actor)
    changes = {name: value for name, value in changes.items() if name in STATION_FIELDS}
    preview = LiaisonStation.objects.get(pk=station.pk)
    for name, value in changes.items():
        setattr(preview, name, value)
    _station_check(preview)
    changes.update(township=preview.township, model_level=preview.model_level)
    return save_versioned(station, expected_version=expected_version, changes=changes, actor=actor)


def station_deputies_assign(*, station: LiaisonStation, deputies: Iterable[Deputy], actor: User) -> None:
    """Make `deputies` exactly the deputies assigned to `station`: the others there leave it, and a deputy
    coming from another station moves here. Each changed deputy gets a new version and a history row."""
    _station_office_only(actor)
    wanted = {deputy.pk for deputy in deputies}
    now = timezone.now()
    with transaction.atomic():
        changed = []
        for deputy in Deputy.objects.select_for_update().filter(Q(station=station) | Q(pk__in=wanted)):
            target = station.pk if deputy.pk in wanted else None
            if deputy.station_id != target:
                deputy.station_id = target
                deputy.version += 1
                deputy.updated_at = now
                changed.append(deputy)
        bulk_update_with_history(changed, Deputy, ["station", "version", "updated_at"], default_user=actor)


def reception_day_announce(
    *,
    station: LiaisonStation,
    date: datetime.date,
    start_time: datetime.time,
    end_time: datetime.time,
    topic: str,
    deputies: Iterable[Deputy],
    actor: User,
) -> ReceptionDay:
    """Announce a reception day at `station`. 【地】 RULES.md: reception days are announced at least
    rule("reception_notice_days") calendar days ahead (default 3). A keeper announces only for their own
    station; office staff for any."""
    if not can_manage_station(actor, station):
        raise PermissionDenied("只能为本人管理的联络站安排接待日。")
    deputies = list(deputies)
    errors: dict[str, str] = {}
    if not station.active:
        errors["station"] = "该联络站已停用。"
    notice_days = rule("reception_notice_days")
    earliest = timezone.localdate() + datetime.timedelta(days=notice_days)
    if date < earliest:
        errors["date"] = f"接待日应至少提前{notice_days}天公告，最早可安排在{cn_date(earliest)}。"
    if end_time <= start_time:
        errors["end_time"] = "结束时间应晚于开始时间。"
    if not deputies:
        errors["deputies"] = "请至少选择一名接待代表。"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        reception_day = ReceptionDay.objects.create(
            station=station,
            date=date,
            start_time=start_time,
            end_time=end_time,
            topic=topic,
            announced_at=timezone.now(),
            created_by=actor,
        )
        reception_day.deputies.set(deputies)
    return reception_day


def reception_day_record(*, reception_day: ReceptionDay, summary: str, actor: User) -> Activity:
    """Record a reception day as held: an activity of kind 接待选民 at the same station, on the same date,
    with the same deputies, linked to the reception day (once)."""
    if not can_manage_station(actor, reception_day.station):
        raise PermissionDenied("只能登记本人管理的联络站的接待日。")
    if not summary.strip():
        raise ValidationError({"summary": "请填写接待情况。"})
    with transaction.atomic():
        locked = (
            ReceptionDay.objects.select_for_update(of=("self",))
            .select_related("station")
            .get(pk=reception_day.pk)
        )
        if Activity.objects.filter(reception_day=locked).exists():
            raise ValidationError("该接待日已登记为已接待。")
        if locked.date > timezone.localdate():
            raise ValidationError("接待日尚未到来，不能登记为已接待。")
        title = f"{locked.station.name}接待日" + (f"：{locked.topic}" if locked.topic else "")
        activity = Activity.objects.create(
            kind=ActivityKind.RECEPTION,
            title=title[:120],
            date=locked.date,
            place=(locked.station.address or locked.station.name)[:120],
            summary=summary.strip(),
            station=locked.station,
            reception_day=locked,
            created_by=actor,
        )
        activity.deputies.set(locked.deputies.all())
    return activity


def _activity_check(actor: User, station: LiaisonStation | None) -> None:
    """Office staff record any activity; a keeper only activities of their own station."""
    if can(actor, "deputies.manage_stations"):
        return
    if station is None or not can_manage_station(actor, station):
        raise PermissionDenied("只能登记本人管理的联络站的履职活动。")


def activity_create(*, data: dict[str, Any], actor: User) -> Activity:
    _activity_check(actor, data.get("station"))
    _activity_kind_check(data.get("kind"))
    deputies = list(data.get("deputies", []))
    if not deputies:
        raise ValidationError({"deputies": "请至少选择一名参加代表。"})
    activity = Activity(**{name: data[name] for name in ACTIVITY_FIELDS if name in data}, created_by=actor)
    activity.full_clean()
    with transaction.atomic():
        activity.save()
        activity.deputies.set(deputies)
    return activity


def activity_update(*, activity: Activity, changes: dict[str, Any], actor: User) -> Activity:
    """Change an activity; a keeper may neither edit another station's activity nor move one there."""
    if "deputies" in changes and not list(changes["deputies"]):
        raise ValidationError({"deputies": "请至少选择一名参加代表。"})
    with transaction.atomic():
        current = (
            Activity.objects.select_for_update(of=("self",)).select_related("station").get(pk=activity.pk)
        )
        _activity_check(actor, current.station)
        _activity_check(actor, changes.get("station", current.station))
        _activity_kind_check(changes.get("kind", current.kind), current.kind)
        for name in ACTIVITY_FIELDS:
            if name in changes:
                setattr(current, name, changes[name])
        current.full_clean(exclude=["created_by"])
        current.save()
        if "deputies" in changes:
            current.deputies.set(changes["deputies"])
    return current
