"""Every write on the organisation: jurisdiction and townships, terms and sessions, the standing committee,
its offices, and handling units. Each service checks the actor's capability (core.roles.can)."""

import datetime
import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Model

from renda.accounts.models import User
from renda.core.formats import cn_date
from renda.core.history import history_user_set
from renda.core.roles import can
from renda.core.services import save_versioned
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

CODE_MESSAGE = "行政区划代码应为6位数字。"
JURISDICTION_FIELDS = ("name", "code", "congress_name", "population")
TOWNSHIP_FIELDS = ("name", "kind", "code", "order")
TERM_FIELDS = ("number", "start_date", "end_date")
OFFICE_FIELDS = ("name", "short_name", "kind", "handles_deputies_affairs", "order", "active")
UNIT_FIELDS = (
    "name",
    "short_name",
    "kind",
    "parent",
    "township",
    "contact_person",
    "contact_phone",
    "active",
    "order",
)


def _require(actor: User, capability: str) -> None:
    if not can(actor, capability):
        raise PermissionDenied("您没有该操作的权限。")


def _only(data: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    return {name: value for name, value in data.items() if name in fields}


def _dates_check(start: datetime.date, end: datetime.date | None, *, end_field: str = "end_date") -> None:
    if end is not None and end < start:
        raise ValidationError({end_field: "结束日期不能早于开始日期。"})


def _save(record: Model, changes: dict[str, Any]) -> None:
    for name, value in changes.items():
        setattr(record, name, value)
    record.full_clean()
    record.save()


# ---------------------------------------------------------------- jurisdiction and townships


def jurisdiction_update(
    *, jurisdiction: Jurisdiction, expected_version: int, changes: dict[str, Any], actor: User
) -> Jurisdiction:
    """Change the jurisdiction's name, 6-digit administrative code, congress name or population; a form that
    loaded an older version is rejected (StaleEditError)."""
    _require(actor, "org.change_jurisdiction")
    changes = _only(changes, JURISDICTION_FIELDS)
    if "code" in changes and not re.fullmatch(r"[0-9]{6}", changes["code"] or ""):
        raise ValidationError({"code": CODE_MESSAGE})  # also refuses full-width digits, which \d accepts
    return save_versioned(jurisdiction, expected_version=expected_version, changes=changes, actor=actor)


def township_create(*, jurisdiction: Jurisdiction, data: dict[str, Any], actor: User) -> Township:
    """Add a township or street; without an order it goes last."""
    _require(actor, "org.add_township")
    data = _only(data, TOWNSHIP_FIELDS)
    with transaction.atomic():
        Jurisdiction.objects.select_for_update().get(pk=jurisdiction.pk)
        if data.get("order") is None:
            last = jurisdiction.townships.aggregate(last=Max("order"))["last"]
            data["order"] = 0 if last is None else last + 1
        township = Township(jurisdiction=jurisdiction)
        _save(township, data)
    return township


def township_update(*, township: Township, changes: dict[str, Any], actor: User) -> Township:
    _require(actor, "org.change_township")
    changes = _only(changes, TOWNSHIP_FIELDS)
    if changes.get("order") is None:
        changes.pop("order", None)
    with transaction.atomic():
        current = Township.objects.select_for_update().get(pk=township.pk)
        _save(current, changes)
    return current


# ---------------------------------------------------------------- terms and congress sessions


def _current_switch(term: Term) -> None:
    """Make `term` the one current term of its jurisdiction (inside a transaction holding the jurisdiction)."""
    Term.objects.filter(jurisdiction_id=term.jurisdiction_id, is_current=True).exclude(pk=term.pk).update(
        is_current=False
    )
    Term.objects.filter(pk=term.pk).update(is_current=True)
    term.is_current = True


def term_create(
    *,
    jurisdiction: Jurisdiction,
    number: int,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
    is_current: bool = False,
    actor: User,
) -> Term:
    """Add a term (届). A jurisdiction has exactly one current term: a new term marked current replaces the
    previous one, and the first term of a jurisdiction is current whatever was asked."""
    _require(actor, "org.add_term")
    _dates_check(start_date, end_date)
    with transaction.atomic():
        Jurisdiction.objects.select_for_update().get(pk=jurisdiction.pk)
        term = Term(jurisdiction=jurisdiction, is_current=False)
        _save(term, {"number": number, "start_date": start_date, "end_date": end_date})
        if is_current or not jurisdiction.terms.filter(is_current=True).exists():
            _current_switch(term)
    return term


def term_update(*, term: Term, changes: dict[str, Any], actor: User) -> Term:
    """Change a term's number or dates; which term is current changes only through term_set_current."""
    _require(actor, "org.change_term")
    changes = _only(changes, TERM_FIELDS)
    with transaction.atomic():
        current = Term.objects.select_for_update().get(pk=term.pk)
        _dates_check(changes.get("start_date", current.start_date), changes.get("end_date", current.end_date))
        _save(current, changes)
    return current


def term_set_current(*, term: Term, actor: User) -> Term:
    """Make `term` the current term; the previous current term stops being current in the same transaction."""
    _require(actor, "org.change_term")
    with transaction.atomic():
        Jurisdiction.objects.select_for_update().get(pk=term.jurisdiction_id)
        _current_switch(term)
    return term


def congress_session_create(
    *,
    term: Term,
    number: int,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
    place: str = "",
    actor: User,
) -> CongressSession:
    """Add a plenary session (第N次会议) to a term; it opens within the term."""
    _require(actor, "org.add_congresssession")
    _dates_check(start_date, end_date)
    if start_date < term.start_date or (term.end_date is not None and start_date > term.end_date):
        raise ValidationError({"start_date": f"开幕日期应在{term}任期内（{cn_date(term.start_date)}起）。"})
    session = CongressSession(term=term)
    with transaction.atomic():
        _save(
            session,
            {"number": number, "start_date": start_date, "end_date": end_date, "place": place.strip()},
        )
    return session


# ---------------------------------------------------------------- standing committee


def committee_membership_create(
    *,
    term: Term,
    deputy,
    position: str,
    start_date: datetime.date,
    office: CommitteeOffice | None = None,
    order: int = 0,
    actor: User,
) -> CommitteeMembership:
    """Seat a deputy on the standing committee of `term`. 【国】 地方组织法: the congress elects the standing
    committee from among its deputies, so the person must be a deputy of `term`; one seat per person at a
    time, and one chairperson at a time."""
    _require(actor, "org.add_committeemembership")
    errors: dict[str, str] = {}
    with transaction.atomic():
        Term.objects.select_for_update().get(pk=term.pk)
        seated = term.committee_memberships.filter(end_date__isnull=True)
        if not term.deputies.filter(pk=deputy.pk).exists():
            errors["deputy"] = f"常委会组成人员由人民代表大会从代表中选举产生，{deputy}不是{term}代表。"
        elif seated.filter(deputy=deputy).exists():
            errors["deputy"] = f"{deputy}已是{term}常委会组成人员，请先办理离任。"
        if position == CommitteeMembership.Position.CHAIR:
            chair = seated.filter(position=position).select_related("deputy").first()
            if chair is not None:
                errors["position"] = f"{term}常委会已有在任主任{chair.deputy}，请先办理其离任。"
        if start_date < term.start_date:
            errors["start_date"] = f"任职日期不能早于{term}起始日期{cn_date(term.start_date)}。"
        if errors:
            raise ValidationError(errors)
        membership = CommitteeMembership(term=term)
        fields = {"deputy": deputy, "position": position, "office": office, "start_date": start_date}
        _save(membership, fields | {"order": order})
    return membership


def committee_membership_end(
    *, membership: CommitteeMembership, end_date: datetime.date, actor: User
) -> CommitteeMembership:
    """Record that a member left the standing committee on `end_date` (辞职、罢免、调离或届满)."""
    _require(actor, "org.change_committeemembership")
    with transaction.atomic():
        current = (
            CommitteeMembership.objects.select_for_update().select_related("deputy").get(pk=membership.pk)
        )
        if current.end_date is not None:
            raise ValidationError(f"{current.deputy}已于{cn_date(current.end_date)}离任。")
        _dates_check(current.start_date, end_date)
        _save(current, {"end_date": end_date})
    return current


# ---------------------------------------------------------------- special committees' members


def committee_office_membership_create(
    *,
    office: CommitteeOffice,
    term: Term,
    deputy,
    position: str = CommitteeOfficeMembership.Position.MEMBER,
    start_date: datetime.date,
    order: int = 0,
    actor: User,
) -> CommitteeOfficeMembership:
    """Seat a deputy on a special committee (专门委员会) of `term`. 【国】 地方组织法: its chairperson,
    vice-chairpersons and members are chosen from among the deputies of the congress, so the person must be a
    deputy of `term` (a seat on the standing committee is not needed); one seat per person and committee at a
    time, and one 主任委员 at a time. Working committees and general offices have staff, not members."""
    _require(actor, "org.add_committeeofficemembership")
    errors: dict[str, str] = {}
    with transaction.atomic():
        CommitteeOffice.objects.select_for_update().get(pk=office.pk)
        seated = CommitteeOfficeMembership.objects.filter(office=office, term=term, end_date__isnull=True)
        if office.kind != CommitteeOffice.Kind.SPECIAL:
            errors["office"] = f"{office}不是专门委员会；只有专门委员会由代表组成。"
        if not term.deputies.filter(pk=deputy.pk).exists():
            errors["deputy"] = f"专门委员会组成人员从代表中产生，{deputy}不是{term}代表。"
        elif seated.filter(deputy=deputy).exists():
            errors["deputy"] = f"{deputy}已是{office}组成人员，请先办理离任。"
        if position == CommitteeOfficeMembership.Position.CHAIR:
            chair = seated.filter(position=position).select_related("deputy").first()
            if chair is not None:
                errors["position"] = f"{office}已有在任主任委员{chair.deputy}，请先办理其离任。"
        if start_date < term.start_date or (term.end_date is not None and start_date > term.end_date):
            errors["start_date"] = f"任职日期应在{term}任期内（{cn_date(term.start_date)}起）。"
        if errors:
            raise ValidationError(errors)
        membership = CommitteeOfficeMembership(office=office, term=term)
        _save(membership, {"deputy": deputy, "position": position, "start_date": start_date, "order": order})
    return membership


def committee_office_membership_end(
    *, membership: CommitteeOfficeMembership, end_date: datetime.date, actor: User
) -> CommitteeOfficeMembership:
    """Record that a member left a special committee on `end_date` (辞职、调离、代表资格终止或届满); from the
    next day they are no longer one of its members, in its meetings' quorum and attendance."""
    _require(actor, "org.change_committeeofficemembership")
    with transaction.atomic():
        current = (
            CommitteeOfficeMembership.objects.select_for_update()
            .select_related("deputy", "office")
            .get(pk=membership.pk)
        )
        if current.end_date is not None:
            raise ValidationError(f"{current.deputy}已于{cn_date(current.end_date)}离任。")
        _dates_check(current.start_date, end_date)
        _save(current, {"end_date": end_date})
    return current


# ---------------------------------------------------------------- committee offices


def committee_office_create(*, data: dict[str, Any], actor: User) -> CommitteeOffice:
    _require(actor, "org.add_committeeoffice")
    office = CommitteeOffice()
    with transaction.atomic():
        _save(office, _only(data, OFFICE_FIELDS))
    return office


def committee_office_update(
    *, office: CommitteeOffice, changes: dict[str, Any], actor: User
) -> CommitteeOffice:
    _require(actor, "org.change_committeeoffice")
    with transaction.atomic():
        current = CommitteeOffice.objects.select_for_update().get(pk=office.pk)
        _save(current, _only(changes, OFFICE_FIELDS))
    return current


# ---------------------------------------------------------------- handling units


def _parent_check(unit_pk: int | None, parent: HandlingUnit | None) -> None:
    """A unit cannot be its own parent, directly or through its parents."""
    seen = set()
    while parent is not None and parent.pk not in seen:
        if unit_pk is not None and parent.pk == unit_pk:
            raise ValidationError({"parent": "上级单位不能是本单位或其下级单位。"})
        seen.add(parent.pk)
        parent = parent.parent


def handling_unit_create(*, data: dict[str, Any], actor: User) -> HandlingUnit:
    """Register a handling unit; `data` holds model fields by name."""
    _require(actor, "org.add_handlingunit")
    unit = HandlingUnit(**_only(data, UNIT_FIELDS))
    history_user_set(unit, actor)
    unit.full_clean()
    unit.save()
    return unit


def handling_unit_update(
    *, unit: HandlingUnit, expected_version: int, changes: dict[str, Any], actor: User
) -> HandlingUnit:
    """Change a handling unit; a form that loaded an older version is rejected (StaleEditError)."""
    _require(actor, "org.change_handlingunit")
    changes = _only(changes, UNIT_FIELDS)
    if "parent" in changes:
        _parent_check(unit.pk, changes["parent"])
    return save_versioned(unit, expected_version=expected_version, changes=changes, actor=actor)
