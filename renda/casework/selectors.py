"""Reads of the handling chain across every kind of case: what a unit owes, and each unit's figures."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from renda.casework.kinds import CaseKind, kinds
from renda.casework.models import ANSWERING_ROLES, OPEN_STATES, AssignmentState
from renda.core import clock
from renda.core.roles import Role, can, user_roles
from renda.core.rules import rule


def owing_q(kind: CaseKind, prefix: str = "") -> Q:
    """Open lead or split assignments of cases in handling: the ones that owe an answer. The one place this
    filter is written; `prefix` reaches the assignments from another model ("suggestions_assignments__")."""
    return Q(**{f"{prefix}role__in": ANSWERING_ROLES, f"{prefix}state__in": OPEN_STATES}) & kind.handling_q(
        prefix
    )


def owing(kind: CaseKind) -> QuerySet[Any]:
    return kind.assignment._default_manager.filter(owing_q(kind)).select_related(kind.case_field, "unit")


def soon(today: datetime.date) -> datetime.date:
    """The last day a deadline counts as near (rule due_soon_days): the traffic light's amber."""
    return today + datetime.timedelta(days=rule("due_soon_days"))


def unit_assignment(kind: CaseKind, user: Any, pk: Any, noun: str = "交办") -> Any:
    """An assignment of `kind` to the user's own unit (an officer holding the kind's capability to handle it) that
    was not withdrawn (reassigned), with its case and unit; anything else — another unit's, a withdrawn one, a user
    who is no unit's officer — is 404 ("没有找到该{noun}。"). The one lookup behind every unit's step pages."""
    unit_id = getattr(user, "handling_unit_id", None)
    rows = kind.assignment._default_manager.exclude(state=AssignmentState.WITHDRAWN)
    try:
        if not (unit_id and can(user, kind.handle)):
            raise rows.model.DoesNotExist
        return rows.select_related(kind.case_field, "unit").get(pk=pk, unit_id=unit_id)
    except (rows.model.DoesNotExist, ValueError, TypeError):
        raise Http404(f"没有找到该{noun}。") from None


def unit_open(kind: CaseKind, user: Any) -> QuerySet[Any]:
    """The open assignments of the user's unit in cases of `kind` that are in handling, soonest due first
    (none for a user who is not a unit's officer)."""
    if Role.UNIT not in user_roles(user) or not user.handling_unit_id:
        return kind.assignment._default_manager.none()
    return (
        kind.assignment._default_manager.filter(
            kind.handling_q(), unit_id=user.handling_unit_id, state__in=OPEN_STATES
        )
        .select_related(kind.case_field)
        .order_by("due", "pk")
    )


@dataclass
class Owed:
    """One line of a unit's to-do list, whatever the kind of case."""

    kind: CaseKind
    assignment: Any

    @property
    def case(self) -> Any:
        return self.assignment.case

    @property
    def title(self) -> str:
        return self.kind.title(self.case)

    @property
    def url(self) -> str:
        return self.kind.url(self.case)

    @property
    def due(self) -> datetime.date:
        return self.assignment.deadline

    @property
    def step(self) -> str:
        """What the assignment asks of the unit now."""
        a = self.assignment
        if a.state == AssignmentState.ASSIGNED:
            return "签收"
        if a.state == AssignmentState.REASSIGN_REQUESTED:
            return "调整申请待处理"
        if a.role in self.kind.steps:  # what the kind calls it (审议意见: 报送研究处理情况报告)
            return self.kind.steps[a.role]
        return {"joint": "提交会办意见", "assisting": "协助办理"}.get(a.role, "答复")


def unit_todo(user: Any, limit: int | None = None) -> list[Owed]:
    """Everything the user's unit owes, every kind together, soonest deadline first (at most `limit`)."""
    rows = []
    for kind in kinds():
        queryset = unit_open(kind, user)
        rows += [Owed(kind, a) for a in (queryset[:limit] if limit else queryset)]
    rows.sort(key=lambda row: (row.due, row.kind.name, row.assignment.pk))
    return rows[:limit] if limit else rows


@dataclass
class UnitLoad:
    """A unit's cases of every kind (assignments that stand, not withdrawn) in a year."""

    unit_id: int
    name: str
    by_kind: dict[str, dict[str, int]] = field(default_factory=dict)

    def total(self, figure: str) -> int:
        return sum(counts[figure] for counts in self.by_kind.values())


FIGURES = {
    "assigned": "交办",
    "answered": "已答复",
    "on_time": "按期答复",
    "open": "在办",
    "overdue": "超期未答复",
}


def unit_loads(year: int, today: datetime.date | None = None) -> list[UnitLoad]:
    """Per unit and kind of case: answering assignments of the year, answered, answered on time, open, open
    past due — one GROUP BY per kind, in the database."""
    from renda.org.models import HandlingUnit

    today = today or clock.today()
    loads: dict[int, UnitLoad] = {}
    names = dict(HandlingUnit.objects.values_list("pk", "name"))
    order = dict(HandlingUnit.objects.values_list("pk", "order"))
    for kind in kinds():
        owed = owing_q(kind)
        replied = Q(state=AssignmentState.REPLIED)
        rows = (
            kind.assignment._default_manager.filter(year=year, role__in=ANSWERING_ROLES)
            .exclude(state=AssignmentState.WITHDRAWN)
            .values("unit_id")
            .annotate(
                assigned=Count("pk"),
                answered=Count("pk", filter=replied),
                on_time=Count("pk", filter=replied & Q(answered_late=False)),
                open=Count("pk", filter=owed),
                overdue=Count("pk", filter=owed & Q(due__lt=today)),
            )
        )
        for row in rows:
            unit_id = row.pop("unit_id")
            load = loads.setdefault(unit_id, UnitLoad(unit_id, names.get(unit_id, "")))
            load.by_kind[kind.name] = row
    for load in loads.values():
        for kind in kinds():
            load.by_kind.setdefault(kind.name, dict.fromkeys(FIGURES, 0))
    return sorted(loads.values(), key=lambda load: (order.get(load.unit_id, 0), load.name))


# ---------------------------------------------------------------- the deputies' contact details for a unit


def deputies_contactable_by(user: Any) -> QuerySet[Any]:
    """The deputies on the open cases of the user's unit (unit_open, every kind whose cases name deputies):
    whose contact details the unit's officers may see. None for anyone else, and none once the cases close."""
    from renda.deputies.models import Deputy

    if Role.UNIT not in user_roles(user) or not user.handling_unit_id or not user.is_active:
        return Deputy.objects.none()
    wanted = Q(pk__in=[])
    for kind in kinds():
        if kind.deputies is not None:
            wanted |= kind.deputies(unit_open(kind, user).values(kind.case_field))
    return Deputy.objects.filter(wanted).order_by("name_pinyin", "pk")


def deputy_contactable_get(user: Any, pk: int) -> Any:
    """A deputy on the open cases of the user's unit; anyone else is a 404 (house rule 7)."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(deputies_contactable_by(user), pk=pk)


def contact_views_visible_to(user: Any) -> QuerySet[Any]:
    """The log of looks at deputies' contact details, for the holders of casework.contact_views."""
    from renda.casework.models import DeputyContactView
    from renda.core.roles import can

    if not can(user, "casework.contact_views"):
        return DeputyContactView.objects.none()
    return DeputyContactView.objects.select_related("viewer", "unit", "deputy")


def case_deputies_contactable(user: Any, kind: CaseKind, case: Any) -> list[Any]:
    """The deputies of `case` whose contact details the user may see: all of them while the case is open for
    the user's unit (unit_open), none otherwise."""
    from renda.deputies.models import Deputy

    if kind.deputies is None or not unit_open(kind, user).filter(**{kind.case_field: case}).exists():
        return []
    return list(Deputy.objects.filter(kind.deputies([case.pk])).order_by("name_pinyin", "pk"))
