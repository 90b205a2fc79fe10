"""Assignment to handling units (交办), the office's decision on reassignment requests, and the units' replies:
the suggestion's side of the shared casework (renda.casework.services)."""

import datetime
import re
from collections.abc import Sequence
from typing import cast

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from renda.accounts.models import User
from renda.casework import services as casework
from renda.casework.models import AssignmentRole
from renda.core import clock
from renda.core.calendar import add_working_days
from renda.core.formats import cn_date
from renda.core.rules import rule
from renda.core.services import save_versioned
from renda.org.models import HandlingUnit
from renda.suggestions.docx import reply_letter, reply_letter_name
from renda.suggestions.letters import copy_to_default, letter_for_reply
from renda.suggestions.models import (
    Assignment,
    AssignmentMeeting,
    Commitment,
    Reply,
    ReplyLetterTemplate,
    ResultCategory,
    State,
    Suggestion,
)
from renda.suggestions.services.common import notify_signers
from renda.suggestions.workflows import (
    BY_OFFICE,
    CASES,
    SUGGESTION_FLOW,
)


def _check_assignment_date(on: datetime.date, suggestion: Suggestion) -> None:
    """A plausible assignment date: in the case's year or later, or the year before (a paper suggestion entered
    late keeps its real date; a 2026 case assigned in 2019 is a typing error). A 交办会 may be entered ahead."""
    if on.year < suggestion.year - 1:
        raise ValidationError(
            {"on": f"交办日期（{cn_date(on)}）早于该建议的年度（{suggestion.year}年），请核对。"}
        )


@transaction.atomic
def suggestion_assign(
    *,
    suggestion: Suggestion,
    on: datetime.date,
    actor: User,
    lead: HandlingUnit | None = None,
    joint: Sequence[HandlingUnit] = (),
    assisting: Sequence[HandlingUnit] = (),
    split: Sequence[HandlingUnit] = (),
    is_complex: bool = False,
    meeting: AssignmentMeeting | None = None,
    proposed: Sequence[int] | None = None,
) -> Suggestion:
    """交办: exactly one lead unit (主办) with any joint (会办) and assisting (协办) units, or a split (分办)
    into independent assignments. The answer is due 3 months after assignment, 6 if complex (Art. 51).
    `proposed`, the ids of the units proposed to lead it in the order shown (similarity.recommend_units), is
    kept as the lead assignment's `proposed_rank` (1–3, 0 when none was taken) for the proposal-taken rate."""
    current = SUGGESTION_FLOW.require(suggestion, "assign", actor=actor)
    roles = casework.assignment_roles(lead=lead, joint=joint, assisting=assisting, split=split)
    _check_assignment_date(on, current)
    current.is_complex = is_complex  # the deadlines read it
    assignments = casework.assign(CASES, current, roles, on=on, meeting=meeting)
    if proposed is not None and lead is not None:
        rank = list(proposed).index(lead.pk) + 1 if lead.pk in proposed else 0
        Assignment.objects.filter(pk__in=[a.pk for a in assignments if a.role == AssignmentRole.LEAD]).update(
            proposed_rank=rank
        )
    note = "；".join(f"{AssignmentRole(role).label}：{unit.name}" for unit, role in roles)
    current = SUGGESTION_FLOW.apply(
        current,
        "assign",
        actor=actor,
        note=note,
        assigned_on=on,
        reply_due=max(a.due for a in assignments),
        is_complex=is_complex,
    )
    notify_signers(current, f"建议已交办：{current.title}", note)
    return current


@transaction.atomic
def suggestions_assign_batch(
    *, items: Sequence[dict], meeting_name: str, on: datetime.date, actor: User
) -> AssignmentMeeting:
    """An assignment meeting (交办会): many suggestions at once, one date; all or nothing. Every item is
    tried, and the errors are raised together, keyed by the item's position in `items` written in digits
    ("0", "1", …; no field name is), beside any error of the meeting itself."""
    BY_OFFICE.require(actor)
    if not meeting_name.strip():
        raise ValidationError({"meeting_name": "请填写交办会名称。"})
    if not items:
        raise ValidationError("请至少选择一件建议。")
    meeting = AssignmentMeeting.objects.create(name=meeting_name, date=on)
    errors: dict[str, list[str]] = {}
    for index, item in enumerate(items):
        try:
            suggestion_assign(meeting=meeting, on=on, actor=actor, **item)
        except ValidationError as error:
            errors[str(index)] = error.messages
    if errors:
        raise ValidationError(errors)
    return meeting


# ---------------------------------------------------------------- handling (unit side): renda.casework.services


@transaction.atomic
def reassignment_decide(
    *,
    assignment: Assignment,
    approve: bool,
    actor: User,
    new_unit: HandlingUnit | None = None,
    note: str = "",
) -> Assignment:
    """The office approves (the assignment moves to `new_unit`, deadlines restart) or refuses."""
    if not approve:
        return casework.refuse_reassignment(assignment=assignment, actor=actor, note=note)
    suggestion = assignment.suggestion
    replacement = casework.approve_reassignment(
        assignment=assignment, new_unit=new_unit, actor=actor, note=note, lead_rating=suggestion.lead_rating
    )
    if replacement.answers:
        suggestion = SUGGESTION_FLOW.lock(suggestion)
        suggestion.reply_due = max(casework.answering(CASES, suggestion).values_list("due", flat=True))
        suggestion.is_overdue = False
        suggestion.save(update_fields=["reply_due", "is_overdue", "updated_at"])
    return replacement


def record_result(assignment: Assignment, suggestion: Suggestion) -> None:
    """Keep what the statistics count (statistics.py) after an answer or a raised result: the unit's final
    result and whether any of its answers was late; for the (locked) suggestion, the least favourable final
    result of its answering units (the last in the configured order) and whether any answer was late."""
    replies = assignment.replies.all()
    assignment.result_category_id = (
        replies.order_by("-round").values_list("result_category", flat=True).first()
    )
    assignment.answered_late = replies.filter(on_time=False).exists()
    assignment.save(update_fields=["result_category", "answered_late", "updated_at"])
    answering = casework.answering(CASES, suggestion)
    suggestion.result_category_id = (
        answering.exclude(result_category=None)
        .order_by("-result_category__order", "-result_category__code")
        .values_list("result_category", flat=True)
        .first()
    )
    suggestion.answered_late = answering.filter(answered_late=True).exists()
    suggestion.save(update_fields=["result_category", "answered_late", "updated_at"])


@transaction.atomic
def reply_send(
    *,
    assignment: Assignment,
    result_category: ResultCategory,
    text: str,
    signer: str,
    actor: User,
    publishable: bool = False,
    letter=None,
    generate_letter: bool = False,
    document_number: str = "",
    contact_person: str = "",
    contact_phone: str = "",
    copy_to: str | None = None,
    commitments: Sequence[tuple[str, datetime.date]] = (),
) -> Reply:
    """The lead (or a split) unit answers with a result category and, for an answer "being solved or
    planned", its commitments; the last answer of the round sends the case to evaluation.

    The letter is uploaded (`letter`) or, with `generate_letter`, made from the office's template: a letter
    made here needs its 文号, 联系人 and 联系电话. `copy_to` None takes the template's default 抄送."""
    document_number, contact_person, contact_phone = (
        document_number.strip(),
        contact_person.strip(),
        contact_phone.strip(),
    )
    if copy_to is None:
        copy_to = copy_to_default(
            assignment.suggestion,
            unit_name=assignment.unit.name,
            result_category=result_category,
            date=clock.today(),
        )

    def validate() -> None:
        if not result_category.active:
            raise ValidationError({"result_category": "该办理结果分类已停用。"})
        errors = {}
        if letter and generate_letter:
            errors["generate_letter"] = "已上传答复函时不再生成。"
        if generate_letter:
            for name, value, label in (
                ("document_number", document_number, "文号"),
                ("contact_person", contact_person, "联系人"),
                ("contact_phone", contact_phone, "联系电话"),
            ):
                if not value:
                    errors[name] = f"按模板生成答复函须填写{label}。"
        if contact_phone and len(re.sub(r"\D", "", contact_phone)) < 7:
            errors["contact_phone"] = "联系电话至少7位数字，如 0857-5221234 或 13812345678。"
        if errors:
            raise ValidationError(errors)
        if result_category.needs_follow_up and not commitments:
            raise ValidationError({"commitments": "「正在解决或列入计划」类答复须填写承诺事项和期限。"})
        if any(due < clock.today() for _, due in commitments):
            raise ValidationError({"commitments": "承诺期限不能早于今天。"})

    reply = cast(
        Reply,
        casework.reply(
            assignment=assignment,
            text=text,
            signer=signer,
            actor=actor,
            publishable=publishable,
            letter=letter,
            validate=validate,
            note=f"{assignment.unit.name}：{result_category}",
            result_category=result_category,
            document_number=document_number,
            contact_person=contact_person,
            contact_phone=contact_phone,
            copy_to=copy_to,
        ),
    )
    if generate_letter:
        reply.letter.save(
            reply_letter_name(assignment.suggestion),
            ContentFile(reply_letter(letter_for_reply(reply))),
            save=False,
        )
        reply.save(update_fields=["letter"])
    if publishable:  # the public page shows the case from now on
        Suggestion.objects.filter(pk=assignment.suggestion_id, reply_published=False).update(
            reply_published=True
        )
    Commitment.objects.bulk_create(
        [Commitment(reply=reply, description=desc, due=due, year=due.year) for desc, due in commitments]
    )
    suggestion = SUGGESTION_FLOW.lock(assignment.suggestion)
    record_result(reply.assignment, suggestion)
    if casework.answered(CASES, suggestion):
        due = add_working_days(clock.today(), rule("evaluation_working_days"))
        name = "replied" if suggestion.state == State.HANDLING else "replied_again"
        suggestion = SUGGESTION_FLOW.apply(
            suggestion, name, actor=actor, evaluation_due=due, is_overdue=False
        )
        notify_signers(suggestion, f"建议已答复，请评价：{suggestion.title}", f"请于{cn_date(due)}前评价。")
    return reply


@transaction.atomic
def reply_letter_template_update(
    *, expected_version: int, changes: dict[str, str], actor: User
) -> ReplyLetterTemplate:
    """The office edits the 答复函 template; an unknown placeholder is refused beside its field, and a form
    that loaded an older version is rejected (StaleEditError)."""
    BY_OFFICE.require(actor)
    fields = {"heading", "salutation", "opening", "closing", "signature", "copy_to"}
    if unknown := set(changes) - fields:
        raise ValidationError(f"不能修改字段 {'、'.join(sorted(unknown))}。")
    ReplyLetterTemplate.objects.get_or_create(pk=ReplyLetterTemplate.SINGLETON)
    current = ReplyLetterTemplate.current()
    return save_versioned(current, expected_version=expected_version, changes=changes, actor=actor)
