"""Every write of the handling chain, for every kind of case (kinds.CaseKind).

An area calls these with its own assignments; they check and make the assignment's moves (`kind.flow`), write
the rows every kind shares (assignments, contacts, replies), notify the units and the office, and leave to the
area what only it knows: its case's own moves (answered, handled again), the facts its statistics keep.
Dates come from core.clock, so the demo and the tests replay these on past dates."""

import datetime
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar, cast

from django.core.exceptions import ValidationError
from django.db import transaction

from renda.accounts.models import User
from renda.casework.kinds import CaseKind, kind_of
from renda.casework.models import (
    ANSWERING_ROLES,
    AssignmentRole,
    AssignmentState,
    CaseAssignment,
    CaseContact,
    CaseReply,
)
from renda.core import clock, facts
from renda.core.formats import cn_date
from renda.core.notifications import notify
from renda.core.roles import Role
from renda.core.uploads import LETTER_TYPES, check_upload
from renda.org.models import HandlingUnit

A = TypeVar("A", bound=CaseAssignment)


def unit_users(unit_id: int) -> list:
    """The active officers of a handling unit: who hears of its assignments."""
    return list(
        User.objects.filter(handling_unit_id=unit_id, groups__name=Role.UNIT, is_active=True).distinct()
    )


def _lock_case(kind: CaseKind, assignment: CaseAssignment) -> Any:
    case = assignment.case
    return type(case)._default_manager.select_for_update().get(pk=case.pk)


def _case_assignments(kind: CaseKind, case: Any):
    return kind.assignment._default_manager.filter(**{kind.case_field: case})


def answering(kind: CaseKind, case: Any):
    """The case's lead and split assignments that stand (not withdrawn): the ones that owe its answer."""
    return (
        _case_assignments(kind, case)
        .filter(role__in=ANSWERING_ROLES)
        .exclude(state=AssignmentState.WITHDRAWN)
    )


def answered(kind: CaseKind, case: Any) -> bool:
    """Every unit that owes the case an answer has answered (in this round)."""
    return not answering(kind, case).exclude(state=AssignmentState.REPLIED).exists()


# ---------------------------------------------------------------- assignment (交办)


def check_units(units: Iterable[HandlingUnit]) -> None:
    inactive = [unit.name for unit in units if not unit.active]
    if inactive:
        raise ValidationError(f"承办单位已停用：{'、'.join(inactive)}。")


def assignment_roles(
    *,
    lead: HandlingUnit | None = None,
    joint: Sequence[HandlingUnit] = (),
    assisting: Sequence[HandlingUnit] = (),
    split: Sequence[HandlingUnit] = (),
) -> list[tuple[HandlingUnit, str]]:
    """Exactly one lead unit (主办) with any joint (会办) and assisting (协办) units, or a split (分办) into
    independent assignments; each unit once, every unit active."""
    if split and (lead or joint or assisting):
        raise ValidationError("分办时不再指定主办、会办、协办单位。")
    if not split and lead is None:
        raise ValidationError({"lead": "须指定一个主办单位（或选择分办）。"})
    roles = [(lead, AssignmentRole.LEAD)] if lead else []
    roles += [(u, AssignmentRole.JOINT) for u in joint] + [(u, AssignmentRole.ASSISTING) for u in assisting]
    roles += [(u, AssignmentRole.SPLIT) for u in split]
    units = [unit for unit, _ in roles]
    if len({unit.pk for unit in units}) != len(units):
        raise ValidationError("同一承办单位不能重复交办。")
    check_units(units)
    return [(unit, str(role)) for unit, role in roles]


def _dates(kind: CaseKind, on: datetime.date, case: Any, role: str) -> dict[str, Any]:
    dates = dict(kind.deadlines(on, case))
    opinion_due = dates.pop("opinion_due", None)
    return {**dates, "opinion_due": opinion_due if role == AssignmentRole.JOINT else None}


def _announce(kind: CaseKind, case: Any, unit: HandlingUnit, role: str, due: datetime.date) -> None:
    notify(
        recipients=unit_users(unit.pk),
        title=f"新交办{kind.label}（{AssignmentRole(role).label}）：{kind.title(case)}",
        body=f"{kind.steps.get(role, '答复')}期限：{cn_date(due)}",  # what the assignment asks by then
        url=kind.url(case),
    )


def assign(
    kind: CaseKind, case: Any, roles: Sequence[tuple[HandlingUnit, str]], *, on: datetime.date, **extra: Any
) -> list[CaseAssignment]:
    """Hand `case` to the units of `roles` (from assignment_roles) on `on`, with the kind's deadlines, and
    tell each unit. `extra`: fields the area keeps on its assignments (a 交办会, say). The area moves its
    case."""
    created = kind.assignment._default_manager.bulk_create(
        [
            kind.assignment(
                **{kind.case_field: case},
                year=case.year,
                unit=unit,
                role=role,
                assigned_on=on,
                **_dates(kind, on, case, role),
                **extra,
            )
            for unit, role in roles
        ]
    )
    facts.added(created)
    for assignment in created:
        _announce(kind, case, assignment.unit, assignment.role, assignment.due)
    return created


# ---------------------------------------------------------------- the unit's steps


@transaction.atomic
def sign_for(*, assignment: A, actor: User) -> A:
    """签收: the unit takes up its assignment (only while the case is in handling)."""
    return kind_of(assignment).flow.apply(assignment, "sign_for", actor=actor, note=assignment.unit.name)


@transaction.atomic
def request_reassignment(*, assignment: A, reason: str, actor: User) -> A:
    """A unit that thinks it is the wrong unit asks within the window (its `reassign_deadline`)."""
    kind = kind_of(assignment)
    kind.flow["request_reassignment"].who.require(actor, assignment)  # type: ignore[union-attr]
    if not reason.strip():
        raise ValidationError({"reason": "请填写申请调整的理由。"})
    current = kind.flow.apply(
        assignment,
        "request_reassignment",
        actor=actor,
        note=f"{assignment.unit.name}：{reason}",
        reassign_reason=reason,
    )
    notify(
        recipients=kind.office_users(),
        title=f"承办单位申请调整：{kind.title(current.case)}",
        body=reason,
        url=kind.url(current.case),
    )
    return current


@transaction.atomic
def refuse_reassignment(*, assignment: A, actor: User, note: str = "") -> A:
    """The office keeps the unit: it goes on handling."""
    kind = kind_of(assignment)
    current = kind.flow.apply(assignment, "refuse_reassignment", actor=actor, note=note)
    notify(
        recipients=unit_users(current.unit_id),
        title=f"调整申请未获同意：{kind.title(current.case)}",
        body=note,
        url=kind.url(current.case),
    )
    return current


@transaction.atomic
def approve_reassignment(
    *,
    assignment: A,
    new_unit: HandlingUnit | None,
    actor: User,
    note: str = "",
    **extra: Any,
) -> A:
    """The office replaces the unit: this assignment is withdrawn and `new_unit` gets the same role with its
    deadlines starting today. Returns the new assignment; the area updates its case's deadline."""
    kind = kind_of(assignment)
    current = kind.flow.require(assignment, "approve_reassignment", actor=actor)
    case = _lock_case(kind, current)
    if new_unit is None:
        raise ValidationError({"new_unit": "同意调整时须指定新的承办单位。"})
    check_units([new_unit])
    if (
        _case_assignments(kind, case)
        .exclude(pk=current.pk)
        .exclude(state=AssignmentState.WITHDRAWN)
        .filter(unit=new_unit)
        .exists()
    ):
        raise ValidationError({"new_unit": "该单位已承办此件。"})
    current = kind.flow.apply(
        current,
        "approve_reassignment",
        actor=actor,
        note=f"{current.unit.name} → {new_unit.name}。{note}".strip("。"),
    )
    on = clock.today()
    replacement = kind.assignment._default_manager.create(
        **{kind.case_field: case},
        year=case.year,
        unit=new_unit,
        role=current.role,
        assigned_on=on,
        **_dates(kind, on, case, current.role),
        **extra,
    )
    notify(
        recipients=unit_users(current.unit_id),
        title=f"调整申请已同意：{kind.title(case)}",
        url=kind.url(case),
    )
    _announce(kind, case, new_unit, current.role, replacement.due)
    return cast(A, replacement)


@transaction.atomic
def record_contact(
    *,
    assignment: CaseAssignment,
    stage: str,
    method: str,
    date: datetime.date,
    summary: str,
    actor: User,
) -> CaseContact:
    """联系: the unit records a contact with whoever raised the case (before, while or after handling)."""
    kind = kind_of(assignment)
    current = kind.flow.require(assignment, "contact", actor=actor)
    if date > clock.today():
        raise ValidationError({"date": "联系日期不能晚于今天。"})
    if date < current.assigned_on:
        raise ValidationError({"date": f"联系日期不能早于交办日期（{cn_date(current.assigned_on)}）。"})
    if not summary.strip():
        raise ValidationError({"summary": "请填写联系情况摘要。"})
    record = kind.contact._default_manager.create(
        **{"assignment": current}, stage=stage, method=method, date=date, summary=summary, recorded_by=actor
    )
    kind.flow.apply(
        current,
        "contact",
        actor=actor,
        note=f"{current.unit.name}（{record.get_method_display()}）：{summary}",
    )
    return record


@transaction.atomic
def send_opinion(*, assignment: A, opinion: str, actor: User) -> A:
    """A joint unit (会办) sends its view to the lead unit (by its `opinion_due`)."""
    kind = kind_of(assignment)
    kind.flow["send_opinion"].who.require(actor, assignment)  # type: ignore[union-attr]
    if not opinion.strip():
        raise ValidationError({"opinion": "请填写会办意见。"})
    current = kind.flow.apply(
        assignment,
        "send_opinion",
        actor=actor,
        note=assignment.unit.name,
        opinion=opinion,
        opinion_sent_at=clock.now(),
    )
    lead = (
        _case_assignments(kind, current.case)
        .filter(role=AssignmentRole.LEAD)
        .exclude(state=AssignmentState.WITHDRAWN)
        .first()
    )
    if lead:
        notify(
            recipients=unit_users(lead.unit_id),
            title=f"收到会办意见：{kind.title(current.case)}",
            body=opinion,
            url=kind.url(current.case),
        )
    return current


def reply(
    *,
    assignment: CaseAssignment,
    text: str,
    signer: str,
    actor: User,
    publishable: bool = False,
    letter=None,
    validate=None,
    note: str = "",
    **fields: Any,
) -> CaseReply:
    """答复: a lead or split unit answers, after it contacted whoever raised the case (代表法 Art. 51).

    Run inside the area's transaction: the area checks what it records of an answer in `validate()` (called
    once the unit is known to be allowed to answer now), passes those `fields` on, then moves its case when
    `answered(kind, case)`. Returns the reply, its `assignment` the updated row."""
    kind = kind_of(assignment)
    kind.flow["reply"].who.require(actor, assignment)  # type: ignore[union-attr]
    if not assignment.answers:
        raise ValidationError("会办、协办单位不单独答复，请向主办单位提交会办意见。")
    current = kind.flow.require(assignment, "reply", actor=actor)
    case = _lock_case(kind, current)
    if kind.contact_before_reply and not current.contacts.exists():
        raise ValidationError(kind.contact_required, code="contact_required")
    if validate is not None:
        validate()
    if not text.strip() or not signer.strip():
        raise ValidationError("请填写答复内容和签发人。")
    if letter:
        check_upload(letter, LETTER_TYPES)
    now = clock.now()
    answer = kind.reply._default_manager.create(
        **{"assignment": current},
        round=kind.round(case),
        text=text,
        signer=signer,
        publishable=publishable,
        sent_at=now,
        on_time=clock.today() <= current.due,
        sent_by=actor,
        **({"letter": letter} if letter else {}),
        **fields,
    )
    answer.assignment = kind.flow.apply(current, "reply", actor=actor, note=note or current.unit.name)  # type: ignore[attr-defined]  # declared by the subclass
    return answer


def reopen(kind: CaseKind, case: Any, *, due: datetime.date, actor: User | None) -> list[CaseAssignment]:
    """The case is handled once more: its answered assignments reopen with a new due date."""
    reopened = []
    for assignment in answering(kind, case).filter(state=AssignmentState.REPLIED).select_related("unit"):
        reopened.append(
            kind.flow.apply(assignment, "reopen", actor=actor, note=assignment.unit.name, due=due)
        )
    return reopened


def deputy_contact_reveal(*, deputy_pk: int, actor: Any) -> Any:
    """Show `actor`, a unit's officer, the contact details of a deputy on their unit's open cases, and log the
    look (who, whose, when). A deputy not on those cases is a 404, as if there were none."""
    from renda.casework.models import DeputyContactView
    from renda.casework.selectors import deputy_contactable_get

    deputy = deputy_contactable_get(actor, deputy_pk)
    DeputyContactView.objects.create(
        viewer=actor, unit_id=actor.handling_unit_id, deputy=deputy, at=clock.now()
    )
    return deputy
