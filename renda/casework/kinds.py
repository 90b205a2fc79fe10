"""Kinds of case: each area whose cases units handle declares one in its platform.py (`Platform.case_kinds`).

    # renda/<area>/platform.py
    OPINIONS = CaseKind(
        name="opinion", label="群众意见",
        assignment=OpinionAssignment, contact=OpinionContact, reply=OpinionReply,
        handling_states={State.HANDLING}, open_states={State.HANDLING, State.ANSWERED},
        handle="opinions.handle", office=BY_OFFICE,
        deadlines=lambda on, opinion: {...},   # due, reassign_deadline, contact_deadline
        record=lambda opinion, **event: OpinionEvent.objects.create(opinion=opinion, **event),
        url=lambda opinion: f"/opinions/{opinion.pk}/",
        office_users=clerks,
    )

Everything else of the handling chain — the assignment's moves (`kind.flow`), the services, the unit's to-do
list with its traffic lights, the reminders and the units' figures across kinds — is casework's."""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from django.db.models import Q

from renda.casework.models import CaseAssignment, CaseContact, CaseReply
from renda.core.workflow import Who

if TYPE_CHECKING:
    from renda.core.workflow import Workflow


@dataclass(frozen=True, eq=False)
class CaseKind:
    name: str  # stable key: "suggestion"
    label: str  # the kind's Chinese name on the unit's to-do list: "代表建议"
    assignment: type[CaseAssignment]
    contact: type[CaseContact]
    reply: type[CaseReply]
    handling_states: frozenset[str]  # the case's states in which units handle it (sign for, reply, reassign)
    open_states: frozenset[str]  # … in which a unit may still record contacts (handling and after the answer)
    handle: str  # the capability a unit's officers hold to handle this kind
    office: Who  # who decides a unit's request for reassignment
    deadlines: Callable[[datetime.date, Any], dict[str, datetime.date]]  # (assigned on, case) -> the dates
    record: Callable[..., None]  # (case, **event): an entry on the case's timeline
    url: Callable[[Any], str]
    office_users: Callable[[], list]  # who hears of reassignment requests and overdue answers
    contact_before_reply: bool = True  # a unit must record a contact before it answers
    # The office may also sign for and answer on a unit's behalf, entering the unit's paper answer (代为登记).
    paper: bool = False
    party: str = "提出人"  # whom the unit contacts: "代表" for a deputy's suggestion
    contact_law: str = ""  # the law that asks for the contact, as the reminder cites it: "（代表法第51条）"
    # Reminder keys start with it; None: the kind's name and a colon.
    reminder_key_prefix: str | None = None
    title: Callable[[Any], str] = field(default=lambda case: case.title)
    round: Callable[[Any], int] = field(default=lambda case: getattr(case, "round", 1))
    # What a unit's open assignment asks of it, by role, on the to-do list.
    steps: dict[str, str] = field(default_factory=dict)
    # The deputies on cases (a queryset of case pks) as a filter of Deputy: whose contact details the unit
    # handling them sees (selectors.deputies_contactable_by); None: the kind's cases name no deputy.
    deputies: Callable[[Any], Q] | None = None

    @property
    def contact_required(self) -> str:
        return f"答复前须与{self.party}联系沟通{self.contact_law}，请先登记联系{self.party}情况。"

    @property
    def key_prefix(self) -> str:
        return f"{self.name}:" if self.reminder_key_prefix is None else self.reminder_key_prefix

    @property
    def case_field(self) -> str:
        return self.assignment.case_field

    def in_handling(self, case: Any) -> bool:
        return case.state in self.handling_states

    def is_open(self, case: Any) -> bool:
        return case.state in self.open_states

    def handling_q(self, prefix: str = "") -> Q:
        """Assignments (or, with a prefix, rows reaching them) whose case is in handling."""
        return Q(**{f"{prefix}{self.case_field}__state__in": self.handling_states})

    @cached_property
    def flow(self) -> "Workflow[Any]":
        from renda.casework.workflows import assignment_flow

        return assignment_flow(self)


def kinds() -> list[CaseKind]:
    """Every kind declared by an installed app, in INSTALLED_APPS order."""
    from renda.core.registry import platforms

    return [kind for platform in platforms().platforms for kind in platform.case_kinds]


def kind_of(obj: CaseAssignment | type[CaseAssignment]) -> CaseKind:
    """The kind an assignment (or assignment model) belongs to."""
    model = obj if isinstance(obj, type) else type(obj)
    for kind in kinds():
        if kind.assignment is model:
            return kind
    raise LookupError(f"{model.__name__} is not the assignment model of a declared CaseKind")


def by_name(names: Iterable[str] | None = None) -> list[CaseKind]:
    wanted = None if names is None else set(names)
    return [kind for kind in kinds() if wanted is None or kind.name in wanted]
