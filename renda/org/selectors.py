"""Every read of the organisation that applies visibility or aggregates.

Organisation records are reference data every signed-in user reads; anonymous users see nothing. Who may
change them is decided by permissions (core.roles) and checked in org.services.
"""

import datetime

from django.db.models import Case, Count, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from renda.core.history import HistoryEntry, field_history
from renda.core.queries import count_of
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

# 【国】 地方组织法 (2022): a county standing committee has 15 to 35 members, up to 45 where the population
# exceeds one million.
COMMITTEE_MIN = 15
COMMITTEE_MAX = 35
COMMITTEE_MAX_LARGE = 45
LARGE_POPULATION = 1_000_000

POSITION_RANK = {
    CommitteeMembership.Position.CHAIR: 0,
    CommitteeMembership.Position.VICE_CHAIR: 1,
    CommitteeMembership.Position.SECRETARY_GENERAL: 2,
    CommitteeMembership.Position.MEMBER: 3,
}


def _signed_in(user) -> bool:
    return getattr(user, "is_authenticated", False)


def _get(queryset: QuerySet, pk, message: str):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404(message) from None


# ---------------------------------------------------------------- jurisdiction and townships


def jurisdictions_visible_to(user) -> QuerySet[Jurisdiction]:
    return Jurisdiction.objects.all() if _signed_in(user) else Jurisdiction.objects.none()


def jurisdiction_for(user) -> Jurisdiction | None:
    """The jurisdiction this deployment serves (the first one, should several exist)."""
    return jurisdictions_visible_to(user).order_by("pk").first()


def townships_visible_to(user) -> QuerySet[Township]:
    return Township.objects.all() if _signed_in(user) else Township.objects.none()


def township_get_for_user(user, pk) -> Township:
    return _get(townships_visible_to(user).select_related("jurisdiction"), pk, "没有找到该乡镇（街道）。")


# ---------------------------------------------------------------- terms and congress sessions


def terms_visible_to(user) -> QuerySet[Term]:
    return Term.objects.all() if _signed_in(user) else Term.objects.none()


def term_get_for_user(user, pk) -> Term:
    return _get(terms_visible_to(user).select_related("jurisdiction"), pk, "没有找到该届次。")


def term_current(jurisdiction: Jurisdiction | None = None) -> Term | None:
    terms = Term.objects.filter(is_current=True)
    if jurisdiction is not None:
        terms = terms.filter(jurisdiction=jurisdiction)
    return terms.order_by("-number").first()


def terms_for_list(user) -> QuerySet[Term]:
    """Terms with how many sessions, deputies and committee seats each has (counted in the database, each on its
    own: joined, a province's 100,000 deputies times the sessions and seats took seconds)."""
    term = OuterRef("pk")
    return terms_visible_to(user).annotate(
        session_count=count_of(CongressSession.objects.filter(term=term), "term"),
        deputy_count=count_of(Term.deputies.through.objects.filter(term=term), "term"),
        membership_count=count_of(CommitteeMembership.objects.filter(term=term), "term"),
    )


def congress_sessions_visible_to(user) -> QuerySet[CongressSession]:
    return CongressSession.objects.all() if _signed_in(user) else CongressSession.objects.none()


def sessions_of(term: Term) -> QuerySet[CongressSession]:
    return term.sessions.select_related("term").order_by("number")


# ---------------------------------------------------------------- standing committee


def memberships_visible_to(user) -> QuerySet[CommitteeMembership]:
    if not _signed_in(user):
        return CommitteeMembership.objects.none()
    return CommitteeMembership.objects.all()


def membership_get_for_user(user, pk) -> CommitteeMembership:
    memberships = memberships_visible_to(user).select_related("term", "deputy", "office")
    return _get(memberships, pk, "没有找到该常委会组成人员。")


def _seated(today: datetime.date) -> Q:
    return Q(end_date__isnull=True) | Q(end_date__gte=today)


def _by_position(memberships: QuerySet[CommitteeMembership]) -> QuerySet[CommitteeMembership]:
    rank = Case(
        *(When(position=position, then=Value(value)) for position, value in POSITION_RANK.items()),
        default=Value(len(POSITION_RANK)),
        output_field=IntegerField(),
    )
    return memberships.annotate(position_rank=rank).order_by(
        "position_rank", "order", "start_date", "deputy__name_pinyin", "pk"
    )


def committee_members_current(term: Term | None) -> QuerySet[CommitteeMembership]:
    """The members seated today in `term`: the chairperson first, then vice-chairpersons, then members."""
    if term is None:
        return CommitteeMembership.objects.none()
    seated = term.committee_memberships.filter(_seated(timezone.localdate()))
    return _by_position(seated.select_related("deputy", "office", "term"))


def committee_members_past() -> QuerySet[CommitteeMembership]:
    """Every seat that has ended, in any term: the latest departures first."""
    return (
        CommitteeMembership.objects.filter(end_date__lt=timezone.localdate())
        .select_related("deputy", "office", "term")
        .order_by("-end_date", "-term__number", "pk")
    )


def committee_size_limits(jurisdiction: Jurisdiction | None) -> tuple[int, int]:
    """(fewest, most) members the law allows for `jurisdiction`."""
    population = jurisdiction.population if jurisdiction is not None else None
    return COMMITTEE_MIN, COMMITTEE_MAX_LARGE if (population or 0) > LARGE_POPULATION else COMMITTEE_MAX


def committee_size_warning(count: int, jurisdiction: Jurisdiction | None) -> str:
    """A Chinese warning when the standing committee is smaller or larger than the law allows; '' otherwise."""
    fewest, most = committee_size_limits(jurisdiction)
    if count < fewest:
        return (
            f"现有常委会组成人员{count}名，少于法定人数下限{fewest}名（地方组织法：县级{fewest}至{most}名）。"
        )
    if count > most:
        return (
            f"现有常委会组成人员{count}名，超过法定人数上限{most}名（地方组织法：县级{fewest}至{most}名）。"
        )
    return ""


# ---------------------------------------------------------------- special committees' members

OFFICE_POSITION_RANK = {
    CommitteeOfficeMembership.Position.CHAIR: 0,
    CommitteeOfficeMembership.Position.VICE_CHAIR: 1,
    CommitteeOfficeMembership.Position.MEMBER: 2,
}


def office_memberships_visible_to(user) -> QuerySet[CommitteeOfficeMembership]:
    if not _signed_in(user):
        return CommitteeOfficeMembership.objects.none()
    return CommitteeOfficeMembership.objects.all()


def office_membership_get_for_user(user, pk) -> CommitteeOfficeMembership:
    memberships = office_memberships_visible_to(user).select_related("term", "deputy", "office")
    return _get(memberships, pk, "没有找到该专门委员会组成人员。")


def special_committees_for_picker(user) -> QuerySet[CommitteeOffice]:
    """The committees that have members: the special committees in use."""
    return committee_offices_visible_to(user).filter(kind=CommitteeOffice.Kind.SPECIAL, active=True)


def office_seats_on(term, office, day: datetime.date) -> QuerySet[CommitteeOfficeMembership]:
    """The seats on `office` (a special committee) in `term` held on `day`: begun by then and not ended before.
    The one rule of who belongs to a committee, read by its meetings' quorum and attendance."""
    return CommitteeOfficeMembership.objects.filter(term=term, office=office, start_date__lte=day).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=day)
    )


def _by_office_position(
    memberships: QuerySet[CommitteeOfficeMembership],
) -> QuerySet[CommitteeOfficeMembership]:
    rank = Case(
        *(When(position=position, then=Value(value)) for position, value in OFFICE_POSITION_RANK.items()),
        default=Value(len(OFFICE_POSITION_RANK)),
        output_field=IntegerField(),
    )
    return memberships.annotate(position_rank=rank).order_by(
        "office__order", "office__name", "position_rank", "order", "start_date", "deputy__name_pinyin", "pk"
    )


def office_members_current(term: Term | None) -> QuerySet[CommitteeOfficeMembership]:
    """The seats not ended today on the special committees of `term` (one that begins later included), by
    committee, 主任委员 first."""
    if term is None:
        return CommitteeOfficeMembership.objects.none()
    seated = CommitteeOfficeMembership.objects.filter(term=term).filter(_seated(timezone.localdate()))
    return _by_office_position(seated.select_related("deputy", "office", "term"))


def office_members_past() -> QuerySet[CommitteeOfficeMembership]:
    """Every special-committee seat that has ended, in any term: the latest departures first."""
    return (
        CommitteeOfficeMembership.objects.filter(end_date__lt=timezone.localdate())
        .select_related("deputy", "office", "term")
        .order_by("-end_date", "-term__number", "pk")
    )


# ---------------------------------------------------------------- committee offices


def committee_offices_visible_to(user) -> QuerySet[CommitteeOffice]:
    return CommitteeOffice.objects.all() if _signed_in(user) else CommitteeOffice.objects.none()


def committee_office_get_for_user(user, pk) -> CommitteeOffice:
    return _get(committee_offices_visible_to(user), pk, "没有找到该工作机构。")


def committee_offices_for_list(user) -> QuerySet[CommitteeOffice]:
    """Offices with their staff accounts and the committee members seated in them today."""
    today = timezone.localdate()
    return (
        committee_offices_visible_to(user)
        .annotate(
            staff_count=Count("staff", filter=Q(staff__is_active=True), distinct=True),
            member_count=Count(
                "members",
                filter=Q(members__end_date__isnull=True) | Q(members__end_date__gte=today),
                distinct=True,
            ),
        )
        .order_by(*(CommitteeOffice._meta.ordering or ()))
    )  # GROUP BY queries ignore Meta.ordering


# ---------------------------------------------------------------- handling units


def handling_units_visible_to(user) -> QuerySet[HandlingUnit]:
    """Every signed-in user reads handling units (they are named on suggestions and replies)."""
    return HandlingUnit.objects.all() if _signed_in(user) else HandlingUnit.objects.none()


def handling_units_for_picker(user) -> QuerySet[HandlingUnit]:
    """The units offered in pickers: active ones only."""
    return handling_units_visible_to(user).filter(active=True)


def handling_unit_get_for_user(user, pk) -> HandlingUnit:
    units = handling_units_visible_to(user).select_related("parent", "township")
    return _get(units, pk, "没有找到该承办单位。")


def handling_units_for_list(user) -> QuerySet[HandlingUnit]:
    return handling_units_visible_to(user).select_related("parent")


def handling_units_without_contact() -> QuerySet[HandlingUnit]:
    """Active units nobody can be reached at: no contact person recorded."""
    return HandlingUnit.objects.filter(active=True, contact_person="")


def handling_unit_history(unit: HandlingUnit, limit: int = 50) -> list[HistoryEntry]:
    """Field-level changes, newest first: who changed which field from what to what, and when."""
    return field_history(unit, limit=limit)
