"""Every read of deputies and stations that applies visibility or aggregates."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from renda.core.history import HistoryEntry, field_history
from renda.core.privacy import mask_phone
from renda.core.roles import Role, has_role, is_office_staff
from renda.core.rules import rule
from renda.deputies.choices import (
    ETHNICITY_CHOICES,
    Affiliation,
    DeputyStatus,
    Education,
    Gender,
    Level,
    Sector,
    StationKind,
)
from renda.deputies.models import Activity, Delegation, Deputy, DeputyGroup, LiaisonStation, ReceptionDay

# ---------------------------------------------------------------- visibility (shared by pages and API)


def deputies_visible_to(user) -> QuerySet[Deputy]:
    """The registry is readable by every signed-in role (代表法 Art. 58 publishes deputies' basic
    information); phones are masked unless `can_view_phone`. Anonymous users see nothing."""
    if not getattr(user, "is_authenticated", False):
        return Deputy.objects.none()
    return Deputy.objects.all()


def deputy_get_for_user(user, pk) -> Deputy:
    try:
        return deputies_visible_to(user).get(pk=pk)
    except (Deputy.DoesNotExist, ValueError, TypeError):
        raise Http404("没有找到该代表。") from None


def can_view_phone(user, deputy: Deputy) -> bool:
    """Full phone numbers: office staff with the permission, and the deputy themself."""
    return user.has_perm("deputies.view_deputy_phone") or (
        deputy.pk is not None and user.deputy_id == deputy.pk
    )


def can_edit_deputy(user, deputy: Deputy) -> bool:
    """Office staff edit every field; a deputy edits only their own contact details (DEPUTY_SELF_FIELDS)."""
    return user.has_perm("deputies.change_deputy") or (deputy.pk is not None and user.deputy_id == deputy.pk)


def stations_visible_to(user) -> QuerySet[LiaisonStation]:
    if not getattr(user, "is_authenticated", False):
        return LiaisonStation.objects.none()
    return LiaisonStation.objects.all()


def station_get_for_user(user, pk) -> LiaisonStation:
    try:
        return stations_visible_to(user).get(pk=pk)
    except (LiaisonStation.DoesNotExist, ValueError, TypeError):
        raise Http404("没有找到该联络站。") from None


# ---------------------------------------------------------------- the default scope: serving deputies of one's congress

# The values of the `level` and `status` filters every list, figure and to-do about deputies offers. Without a
# value they start from OWN (本级: the congress the user works for) and ACTIVE (在任); ALL widens either.
OWN = "own"
ALL = "all"
ENDED = "ended"  # every status but 在任
LEVEL_CHOICES = [(OWN, "本级"), *Level.choices, (ALL, "全部")]
STATUS_CHOICES = [
    (DeputyStatus.ACTIVE.value, "在任"),
    (ENDED, "已离任"),
    *[(status.value, status.label) for status in DeputyStatus if status != DeputyStatus.ACTIVE],
    (ALL, "全部"),
]


@dataclass(frozen=True)
class Congress:
    """The congress a user works for: its deputies' level and, for a township congress, its township."""

    level: str
    township_id: int | None = None
    label: str = "县级"

    def q(self) -> Q:
        if self.township_id is not None:
            return Q(level=self.level, township_id=self.township_id)
        return Q(level=self.level)


COUNTY_CONGRESS = Congress(Level.COUNTY)


def congress_of(user) -> Congress:
    """The county's congress for everyone the platform serves — the standing committee's offices and members,
    handling units, station keepers, county deputies (and resident deputies of higher congresses, who work
    with the county's) — but a township deputy's own township congress. Read once per request object."""
    cached = getattr(user, "_renda_congress", None)
    if cached is not None:
        return cached
    congress = COUNTY_CONGRESS
    deputy_id = getattr(user, "deputy_id", None)
    if deputy_id and not is_office_staff(user) and not has_role(user, Role.MEMBER):
        found = (
            Deputy.objects.filter(pk=deputy_id, level=Level.TOWNSHIP)
            .values_list("township_id", "township__name")
            .first()
        )
        if found is not None and found[0] is not None:
            congress = Congress(Level.TOWNSHIP, found[0], found[1])
    if getattr(user, "is_authenticated", False):
        user._renda_congress = congress
    return congress


def deputies_in_scope(
    queryset: QuerySet[Deputy], user, *, level: str = OWN, status: str = DeputyStatus.ACTIVE
) -> QuerySet[Deputy]:
    """The one default scope of the deputies' registry, its composition statistics, the duty records' lists
    and ranking and the to-dos that count deputies: serving deputies (`status` 在任) of the congress the user
    works for (`level` 本级, see congress_of). Another level (县级, 乡级, 驻地上级代表), ended deputies (已离任 or
    one status) or everyone (ALL) are asked for explicitly; an empty value is the default."""
    level = level or OWN
    status = status or DeputyStatus.ACTIVE
    if level == OWN:
        queryset = queryset.filter(congress_of(user).q())
    elif level != ALL:
        queryset = queryset.filter(level=level)
    if status == ENDED:
        queryset = queryset.exclude(status=DeputyStatus.ACTIVE)
    elif status != ALL:
        queryset = queryset.filter(status=status)
    return queryset


def scope_label(user, *, level: str = OWN, status: str = DeputyStatus.ACTIVE) -> str:
    """在任县级代表, 已离任乡级代表, 全部代表 …: how pages name the deputies of a scope."""
    level, status = level or OWN, status or DeputyStatus.ACTIVE
    levels = dict(LEVEL_CHOICES) | {OWN: congress_of(user).label}
    statuses = dict(STATUS_CHOICES)
    words = "" if status == ALL else statuses.get(status, "")
    words += "" if level == ALL else levels.get(level, "")
    return f"{words}代表" if words else "全部代表"


# ---------------------------------------------------------------- deputies, groups, delegations, composition


def deputy_search(queryset: QuerySet[Deputy], text: str) -> QuerySet[Deputy]:
    """By name, pinyin initials or full pinyin: “张”, “zs” and “zhang san” all find 张三.

    Latin text searches only the pinyin columns by prefix, Chinese text the name by substring: an OR of
    both would defeat the prefix indexes (see bench/README.md)."""
    text = text.strip()
    if not text:
        return queryset
    key = "".join(text.split()).lower()
    if key.isascii() and key.isalpha():
        return queryset.filter(Q(name_initials__startswith=key) | Q(name_pinyin__startswith=key))
    return queryset.filter(name__contains=text)


def deputies_short_of_receptions(queryset: QuerySet[Deputy], year: int) -> QuerySet[Deputy]:
    """Deputies in office who took fewer reception days this year than the rule asks
    (receptions_per_deputy_per_year: at least twice a year, in practice), each with `receptions`. Who is short
    is found by one pass over the year's reception days grouped by deputy (NOT IN those who took enough), not
    by a count per deputy — at province scale that was minutes for the office's 工作台; the per-deputy count is
    only the shown annotation, left out of a COUNT."""
    needed = rule("receptions_per_deputy_per_year")
    links: QuerySet = ReceptionDay.deputies.through.objects.all()
    enough = (
        links.filter(receptionday__date__year=year)
        .values("deputy_id")
        .annotate(n=Count("receptionday_id"))
        .filter(n__gte=needed)
        .values("deputy_id")
    )
    held = ReceptionDay.objects.filter(deputies=OuterRef("pk"), date__year=year).order_by().values("deputies")
    count = held.annotate(n=Count("pk")).values("n")
    return (
        queryset.filter(status=DeputyStatus.ACTIVE)
        .exclude(pk__in=enough)
        .annotate(receptions=Coalesce(Subquery(count), 0))
    )


def deputies_for_list(user) -> QuerySet[Deputy]:
    return deputies_visible_to(user).select_related("township", "constituency", "station")


def deputy_phone_for(user, deputy: Deputy) -> str:
    return deputy.phone if can_view_phone(user, deputy) else mask_phone(deputy.phone)


def deputy_history(deputy: Deputy, *, show_phone: bool, limit: int = 50) -> list[HistoryEntry]:
    """Field-level changes, newest first: who changed which field from what to what, and when."""
    return field_history(deputy, limit=limit, shown_as={} if show_phone else {"phone": mask_phone})


@dataclass(frozen=True)
class DeputyProfile:
    deputy: Deputy
    phone: str
    can_edit: bool
    terms: list
    groups: list
    delegations: list
    memberships: list
    activities: list
    history: list[HistoryEntry]


def deputy_profile(user, pk) -> DeputyProfile:
    """Everything the deputy's page shows, phone masked unless `user` may see it."""
    try:
        deputy = (
            deputies_visible_to(user).select_related("township", "constituency__term", "station").get(pk=pk)
        )
    except (Deputy.DoesNotExist, ValueError, TypeError):
        raise Http404("没有找到该代表。") from None
    show_phone = can_view_phone(user, deputy)
    return DeputyProfile(
        deputy=deputy,
        phone=deputy.phone if show_phone else mask_phone(deputy.phone),
        can_edit=can_edit_deputy(user, deputy),
        terms=list(deputy.terms.all()),
        groups=list(deputy.groups.select_related("township")),
        delegations=list(deputy.delegations.select_related("term")),
        memberships=list(deputy.committee_memberships.select_related("term", "office")),
        activities=list(activities_of_deputy(deputy)[:10]),
        history=deputy_history(deputy, show_phone=show_phone),
    )


# Age bands as of today: (label, first age not in the band); age is full years lived.
AGE_BANDS = (("35岁及以下", 36), ("36至45岁", 46), ("46至55岁", 56), ("56至65岁", 66))
OLDEST_BAND = "66岁及以上"
UNFILLED = "未填"


def years_before(day: datetime.date, years: int) -> datetime.date:
    """The same calendar day `years` earlier (29 February falls back to the 28th)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def age_band(today: datetime.date) -> Case:
    """The age band of a deputy as a database expression: age < N ⇔ birth_date > today − N years."""
    whens = [When(birth_date__isnull=True, then=Value(UNFILLED))]
    whens += [
        When(birth_date__gt=years_before(today, upper), then=Value(label)) for label, upper in AGE_BANDS
    ]
    return Case(*whens, default=Value(OLDEST_BAND), output_field=CharField())


# (key, title, categories in display order, whether categories nobody falls in are listed)
# (field, title, its (value, label) categories, whether categories nobody falls in are listed)
COMPOSITION: tuple[tuple[str, str, Sequence[tuple[Any, str]], bool], ...] = (
    ("gender", "性别", Gender.choices, True),
    ("ethnicity", "民族", ETHNICITY_CHOICES, False),
    ("age_band", "年龄", [(label, label) for label, _ in AGE_BANDS] + [(OLDEST_BAND, OLDEST_BAND)], True),
    ("sector", "界别（代表结构）", Sector.choices, True),
    ("education", "学历", Education.choices, True),
    ("is_grassroots", "基层代表", [(True, "基层代表"), (False, "非基层代表")], True),
    ("affiliation", "政治面貌", Affiliation.choices, False),
)


@dataclass(frozen=True)
class Share:
    label: str
    count: int


@dataclass(frozen=True)
class Breakdown:
    key: str
    title: str
    shares: list[Share]


def deputy_composition(deputies: QuerySet[Deputy]) -> tuple[int, list[Breakdown]]:
    """The number of deputies and, per dimension, how many fall in each category.

    One GROUP BY over all seven dimensions at once (a few thousand groups at province scale); the totals
    per dimension are added up from those groups. Deputies with no value in a dimension are shown as 未填.
    Shares are count / total, formatted at the edge."""
    keys = [key for key, *_ in COMPOSITION]
    groups = (
        deputies.order_by()
        .annotate(age_band=age_band(timezone.localdate()))
        .values_list(*keys)
        .annotate(n=Count("pk"))
    )
    counts: list[dict] = [{} for _ in keys]
    total = 0
    for *values, n in groups:
        total += n
        for index, value in enumerate(values):
            counts[index][value] = counts[index].get(value, 0) + n
    breakdowns = []
    for index, (key, title, categories, list_empty) in enumerate(COMPOSITION):
        found = counts[index]
        shares = [
            Share(str(label), found.pop(value, 0))
            for value, label in categories
            if list_empty or value in found
        ]
        unfilled = sum(found.values())
        if unfilled:
            shares.append(Share(UNFILLED, unfilled))
        breakdowns.append(Breakdown(key, title, shares))
    return total, breakdowns


def groups_visible_to(user) -> QuerySet[DeputyGroup]:
    if not getattr(user, "is_authenticated", False):
        return DeputyGroup.objects.none()
    return DeputyGroup.objects.all()


def group_get_for_user(user, pk) -> DeputyGroup:
    try:
        return groups_visible_to(user).select_related("township", "leader").get(pk=pk)
    except (DeputyGroup.DoesNotExist, ValueError, TypeError):
        raise Http404("没有找到该代表小组。") from None


def groups_for_list(user) -> QuerySet[DeputyGroup]:
    return (
        groups_visible_to(user)
        .select_related("township", "leader")
        .annotate(member_count=Count("members", filter=Q(members__status=DeputyStatus.ACTIVE)))
        .order_by(*(DeputyGroup._meta.ordering or ()))  # GROUP BY queries ignore Meta.ordering
    )


def delegations_visible_to(user) -> QuerySet[Delegation]:
    if not getattr(user, "is_authenticated", False):
        return Delegation.objects.none()
    return Delegation.objects.all()


def delegation_get_for_user(user, pk) -> Delegation:
    try:
        return delegations_visible_to(user).select_related("term", "township", "leader").get(pk=pk)
    except (Delegation.DoesNotExist, ValueError, TypeError):
        raise Http404("没有找到该代表团。") from None


def delegations_for_list(user) -> QuerySet[Delegation]:
    return (
        delegations_visible_to(user)
        .select_related("term", "township", "leader")
        .annotate(member_count=Count("members", filter=Q(members__status=DeputyStatus.ACTIVE)))
        .order_by(*(Delegation._meta.ordering or ()))  # GROUP BY queries ignore Meta.ordering
    )


def members_of(record: DeputyGroup | Delegation) -> QuerySet[Deputy]:
    """The members of a group or delegation, for its page."""
    return record.members.select_related("township", "station").order_by("name_pinyin", "pk")


# ---------------------------------------------------------------- liaison stations, reception days, activities


def stations_managed_by(user) -> QuerySet[LiaisonStation]:
    """Stations whose reception days and activities `user` records: every station for office staff, their
    own station for a keeper (User.station), none for anyone else."""
    if is_office_staff(user):
        return stations_visible_to(user)
    if has_role(user, Role.KEEPER) and user.station_id:
        return stations_visible_to(user).filter(pk=user.station_id)
    return LiaisonStation.objects.none()


def can_manage_station(user, station: LiaisonStation) -> bool:
    return is_office_staff(user) or (has_role(user, Role.KEEPER) and station.pk == user.station_id)


def station_list_for(user) -> QuerySet[LiaisonStation]:
    """Stations for the list page, with the number of serving deputies assigned to each (of every level: a
    station receives voters for the county's and the township's deputies alike)."""
    deputy_count = (
        Deputy.objects.filter(station=OuterRef("pk"), status=DeputyStatus.ACTIVE)
        .order_by()
        .values("station")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        stations_visible_to(user)
        .select_related("township", "parent")
        .annotate(deputy_count=Coalesce(Subquery(deputy_count), 0))
    )


def station_counts_by_kind(stations: QuerySet[LiaisonStation]) -> list[tuple[str, str, int]]:
    """(kind, label, count) for every station kind, counted in the database."""
    counts = dict(stations.order_by().values_list("kind").annotate(n=Count("pk")))
    return [(kind.value, kind.label, counts.get(kind.value, 0)) for kind in StationKind]


def station_counts_text(counts: list[tuple[str, str, int]]) -> str:
    """乡镇/街道代表联络站29个、村/社区代表联络室115个…, as annual work reports phrase it (kinds with none left out)."""
    return "、".join(f"{label}{count}个" for _, label, count in counts if count)


def station_detail_for(user, pk) -> LiaisonStation:
    try:
        return stations_visible_to(user).select_related("township", "parent").get(pk=pk)
    except (LiaisonStation.DoesNotExist, ValueError, TypeError):
        raise Http404("没有找到该联络站。") from None


def station_history(station: LiaisonStation, limit: int = 20) -> list[HistoryEntry]:
    """Field-level changes, newest first (none for a station bulk-created without history, as in the demo)."""
    return field_history(station, limit=limit)


def station_page(station: LiaisonStation) -> dict:
    """What the station's page shows besides the station itself."""
    return {
        "keepers": station.keepers.filter(is_active=True, groups__name=Role.KEEPER).order_by(
            "full_name", "username"
        ),
        "rooms": station.rooms.order_by("name"),
        "deputies": station.deputies.select_related("township").order_by("name_pinyin", "pk"),
        "upcoming": ReceptionDay.objects.filter(station=station, date__gte=timezone.localdate())
        .prefetch_related(Prefetch("deputies", queryset=Deputy.objects.order_by("name_pinyin", "pk")))
        .order_by("date", "start_time")[:10],
        "activities": station.activities.order_by("-date", "-pk")[:10],
        "history": station_history(station),
    }


def own_scope(user) -> str:
    """What a user's lists of reception days and activities start from: their station's for a keeper
    ("station"), their own for a deputy ("deputy"), everything ("") for anyone else."""
    if is_office_staff(user):
        return ""
    if has_role(user, Role.KEEPER) and user.station_id:
        return "station"
    if has_role(user, Role.DEPUTY) and user.deputy_id:
        return "deputy"
    return ""


def reception_days_own(user, queryset: QuerySet[ReceptionDay]) -> QuerySet[ReceptionDay]:
    """The reception days of the keeper's station, or those the deputy receives at (see own_scope)."""
    scope = own_scope(user)
    if scope == "station":
        return queryset.filter(station_id=user.station_id)
    if scope == "deputy":
        return queryset.filter(deputies=user.deputy_id)
    return queryset


def activities_own(user, queryset: QuerySet[Activity]) -> QuerySet[Activity]:
    """The activities of the keeper's station, or those the deputy took part in (see own_scope)."""
    scope = own_scope(user)
    if scope == "station":
        return queryset.filter(station_id=user.station_id)
    if scope == "deputy":
        return queryset.filter(deputies=user.deputy_id)
    return queryset


def reception_days_visible_to(user) -> QuerySet[ReceptionDay]:
    """Reception days are public announcements: every signed-in user sees them."""
    if not getattr(user, "is_authenticated", False):
        return ReceptionDay.objects.none()
    return ReceptionDay.objects.all()


def reception_day_list_for(user) -> QuerySet[ReceptionDay]:
    return (
        reception_days_visible_to(user)
        .select_related("station__township", "activity")
        .prefetch_related(Prefetch("deputies", queryset=Deputy.objects.order_by("name_pinyin", "pk")))
    )


def reception_day_get_for_recording(user, pk) -> ReceptionDay:
    """A reception day `user` may record as held (at a station they manage); any other is a 404."""
    try:
        reception_day = reception_day_list_for(user).get(pk=pk)
    except (ReceptionDay.DoesNotExist, ValueError, TypeError):
        raise Http404("没有找到该接待日。") from None
    if not can_manage_station(user, reception_day.station):
        raise Http404("没有找到该接待日。")
    return reception_day


def reception_days_upcoming_for(user) -> QuerySet[ReceptionDay]:
    """Reception days from today on that concern `user`: those at the station they keep and those their
    deputy is on duty for; soonest first."""
    concerns = Q(pk__in=[])
    if has_role(user, Role.KEEPER) and user.station_id:
        concerns |= Q(station_id=user.station_id)
    if getattr(user, "deputy_id", None):
        on_duty = ReceptionDay.deputies.through.objects.filter(
            receptionday=OuterRef("pk"), deputy_id=user.deputy_id
        )
        concerns |= Q(Exists(on_duty))
    return (
        reception_day_list_for(user)
        .filter(concerns, date__gte=timezone.localdate())
        .order_by("date", "start_time", "pk")
    )


def activities_visible_to(user) -> QuerySet[Activity]:
    """Duty activities are published (代表法 Art. 58): every signed-in user sees them."""
    if not getattr(user, "is_authenticated", False):
        return Activity.objects.none()
    return Activity.objects.all()


def activity_list_for(user) -> QuerySet[Activity]:
    return (
        activities_visible_to(user)
        .select_related("station")
        .prefetch_related(Prefetch("deputies", queryset=Deputy.objects.order_by("name_pinyin", "pk")))
    )


def activities_editable_by(user) -> QuerySet[Activity]:
    """Office staff edit every activity; a keeper those of their own station."""
    if is_office_staff(user):
        return activities_visible_to(user)
    if has_role(user, Role.KEEPER) and user.station_id:
        return activities_visible_to(user).filter(station_id=user.station_id)
    return Activity.objects.none()


def activity_get_for_edit(user, pk) -> Activity:
    try:
        return activities_editable_by(user).select_related("station").get(pk=pk)
    except (Activity.DoesNotExist, ValueError, TypeError):
        raise Http404("没有找到该履职活动。") from None


def activities_of_deputy(deputy: Deputy) -> QuerySet[Activity]:
    """A deputy's duty activities, newest first (for the deputy's page and duty record)."""
    return deputy.activities.select_related("station").order_by("-date", "-pk")
