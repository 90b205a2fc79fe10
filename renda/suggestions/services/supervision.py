"""Key supervision (重点督办, 代表法 Art. 52), commitments followed up until solved, and the units' keywords."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from renda.accounts.models import User
from renda.casework import services as casework
from renda.casework.models import AssignmentState
from renda.core.notifications import notify
from renda.org.models import HandlingUnit
from renda.suggestions.models import (
    Commitment,
    CommitmentUpdate,
    KeySupervision,
    ResultCategory,
    Suggestion,
    SupervisionNote,
    UnitKeyword,
)
from renda.suggestions.services.assignment import record_result
from renda.suggestions.services.common import case_url, notify_signers, record_event
from renda.suggestions.workflows import (
    BY_OFFICE,
    BY_UNIT,
    SUGGESTION_FLOW,
)


@transaction.atomic
def key_supervision_select(
    *, suggestion: Suggestion, decided_on: datetime.date, leader, actor: User, decision: str = ""
) -> KeySupervision:
    """重点督办 chosen by the Council of Chairpersons (代表法 Art. 52), led by a chairperson."""
    current = SUGGESTION_FLOW.require(suggestion, "supervise", actor=actor)
    if not leader.is_chairperson:
        raise ValidationError({"leader": "领衔督办须为主任或副主任。"})
    current = SUGGESTION_FLOW.apply(
        current,
        "supervise",
        actor=actor,
        note=f"领衔督办：{leader.deputy.name}。{decision}".strip("。"),
    )
    supervision = KeySupervision.objects.create(
        suggestion=current, decided_on=decided_on, leader=leader, decision=decision
    )
    notify_signers(current, f"建议列为重点督办：{current.title}")
    for unit_id in current.assignments.exclude(state=AssignmentState.WITHDRAWN).values_list(
        "unit_id", flat=True
    ):
        notify(
            recipients=casework.unit_users(unit_id),
            title=f"建议列为重点督办：{current.title}",
            url=case_url(current),
        )
    return supervision


@transaction.atomic
def supervision_note_add(
    *, supervision: KeySupervision, kind: str, date: datetime.date, text: str, actor: User
) -> SupervisionNote:
    BY_OFFICE.require(actor)
    note = SupervisionNote.objects.create(
        supervision=supervision, kind=kind, date=date, text=text, recorded_by=actor
    )
    record_event(supervision.suggestion, action=f"督办{note.get_kind_display()}", actor=actor, note=text)
    return note


@transaction.atomic
def commitment_update_post(
    *,
    commitment: Commitment,
    text: str,
    actor: User,
    solved: bool = False,
    raise_to: ResultCategory | None = None,
) -> CommitmentUpdate:
    """The unit posts progress on a commitment; when solved the result category can be raised (B → A)."""
    current = (
        Commitment.objects.select_for_update()
        .select_related("reply__assignment__suggestion")
        .get(pk=commitment.pk)
    )
    reply = current.reply
    BY_UNIT.require(actor, reply.assignment)
    if current.status == Commitment.Status.DONE:
        raise ValidationError("该承诺事项已落实。")
    update = CommitmentUpdate.objects.create(commitment=current, text=text, solved=solved, posted_by=actor)
    suggestion = reply.assignment.suggestion
    if solved:
        current.status = Commitment.Status.DONE
        current.save(update_fields=["status", "updated_at"])
    record_event(suggestion, action="承诺事项进展", actor=actor, note=f"{current.description}：{text}")
    if raise_to is not None and raise_to.pk != reply.result_category_id:
        old = reply.result_category
        reply.result_category = raise_to
        reply.save(update_fields=["result_category", "updated_at"])
        record_result(reply.assignment, SUGGESTION_FLOW.lock(suggestion))
        record_event(suggestion, action="调整办理结果", actor=actor, note=f"{old.code}类 → {raise_to.code}类")
    notify_signers(suggestion, f"承诺事项有新进展：{suggestion.title}", text)
    return update


@transaction.atomic
def commitments_roll_over(*, into_year: int, actor: User | None = None) -> int:
    """Commitments still unsolved at year end roll into `into_year` (idempotent: run again, nothing moves)."""
    moved = 0
    for commitment in (
        Commitment.objects.select_for_update()
        .select_related("reply__assignment__suggestion")
        .filter(status=Commitment.Status.OPEN, year__lt=into_year)
    ):
        record_event(
            commitment.reply.assignment.suggestion,
            action="结转下年",
            actor=actor,
            note=f"{commitment.description}（{commitment.year}年 → {into_year}年）",
        )
        commitment.year = into_year
        commitment.save(update_fields=["year", "updated_at"])
        moved += 1
    return moved


# ---------------------------------------------------------------- unit keywords (hints for recommending units)


def _save_keyword(item: UnitKeyword, *, new_unit: bool) -> UnitKeyword:
    item.keyword = item.keyword.strip()
    if new_unit:
        casework.check_units([item.unit])
    if UnitKeyword.objects.filter(keyword=item.keyword, unit=item.unit).exclude(pk=item.pk).exists():
        raise ValidationError({"keyword": f"「{item.unit.name}」已有关键词「{item.keyword}」。"})
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def unit_keyword_create(
    *, keyword: str, unit: HandlingUnit, weight: int, actor: User, active: bool = True
) -> UnitKeyword:
    BY_OFFICE.require(actor)
    return _save_keyword(UnitKeyword(keyword=keyword, unit=unit, weight=weight, active=active), new_unit=True)


@transaction.atomic
def unit_keyword_update(*, unit_keyword: UnitKeyword, changes: dict, actor: User) -> UnitKeyword:
    """Change a keyword, its unit, weight or whether it is in use (a keyword of a unit since stopped can
    still be switched off)."""
    BY_OFFICE.require(actor)
    current = UnitKeyword.objects.select_for_update().get(pk=unit_keyword.pk)
    for name, value in changes.items():
        if name not in {"keyword", "unit", "weight", "active"}:
            raise ValidationError(f"不能修改字段 {name}。")
        setattr(current, name, value)
    return _save_keyword(current, new_unit="unit" in changes and changes["unit"].pk != unit_keyword.unit_id)
