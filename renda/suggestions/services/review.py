"""Submission, the presidium's decision on motions, registration review (立案, 退回, 不予立案) and merging."""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from renda.accounts.models import User
from renda.core import clock
from renda.core.calendar import add_working_days
from renda.core.notifications import notify
from renda.core.rules import rule
from renda.org.models import cn_number
from renda.suggestions.models import (
    Cosigner,
    Kind,
    NumberSequence,
    PresidiumDecision,
    RefusalReason,
    State,
    Suggestion,
    Timing,
)
from renda.suggestions.services.common import case_url, notify_signers
from renda.suggestions.workflows import (
    SUGGESTION_FLOW,
    office_users,
)

# 地方组织法: at county level a motion needs a delegation or at least 10 deputies jointly.
MOTION_MIN_DEPUTIES = 10


def motion_signers(suggestion: Suggestion) -> int:
    return 1 + suggestion.cosigners.filter(status=Cosigner.Status.CONFIRMED).count()


@transaction.atomic
def suggestion_submit(*, suggestion: Suggestion, actor: User) -> Suggestion:
    if suggestion.state == State.RETURNED:
        name = "resubmit"
    else:
        name = "submit_motion" if suggestion.kind == Kind.MOTION else "submit"
    current = SUGGESTION_FLOW.require(suggestion, name, actor=actor)
    if current.kind == Kind.MOTION:
        if current.delegation_id is None and motion_signers(current) < MOTION_MIN_DEPUTIES:
            raise ValidationError(
                f"议案须由代表团或者{MOTION_MIN_DEPUTIES}名以上代表联名提出，目前确认联名的代表为{motion_signers(current)}名。",
                code="motion_signers",
            )
    current = SUGGESTION_FLOW.apply(
        current,
        name,
        actor=actor,
        submitted_at=clock.now(),
        township_id=current.lead_deputy.township_id,  # where the statistics count it
    )
    current.cosigners.filter(status=Cosigner.Status.INVITED).delete()  # unconfirmed invitations lapse
    notify(
        recipients=office_users(),
        title=f"新{current.get_kind_display()}待审查：{current.title}",
        url=case_url(current),
    )
    return current


@transaction.atomic
def motion_presidium_decide(
    *, suggestion: Suggestion, decision: str, note: str = "", actor: User
) -> Suggestion:
    """Record the presidium's decision on a motion: on the agenda, handled as a suggestion, or not accepted."""
    name = PRESIDIUM_MOVES[PresidiumDecision(decision)]
    changes = {"kind": Kind.SUGGESTION} if decision == PresidiumDecision.AS_SUGGESTION else {}
    current = SUGGESTION_FLOW.apply(
        suggestion, name, actor=actor, note=note or PresidiumDecision(decision).label, **changes
    )
    notify_signers(current, f"主席团对议案的决定：{PresidiumDecision(decision).label}", note)
    return current


PRESIDIUM_MOVES = {
    PresidiumDecision.ON_AGENDA: "put_on_agenda",
    PresidiumDecision.AS_SUGGESTION: "handle_as_suggestion",
    PresidiumDecision.NOT_ACCEPTED: "not_accept",
}


def next_number(suggestion: Suggestion) -> tuple[int, str]:
    session = suggestion.congress_session if suggestion.congress_session_id else None
    if suggestion.timing == Timing.DURING_SESSION and session is not None:
        scope, label = (
            f"session-{session.pk}",
            f"{cn_number(session.term.number)}届{cn_number(session.number)}次会议",
        )
    else:
        scope, label = f"year-{suggestion.year}", f"{suggestion.year}年闭会期间"
    NumberSequence.objects.get_or_create(scope=scope)
    sequence = NumberSequence.objects.select_for_update().get(scope=scope)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    kind_word = "议案" if suggestion.kind == Kind.MOTION else ""
    return sequence.last, f"{label}{kind_word}第{sequence.last:03d}号"


@transaction.atomic
def suggestion_accept(*, suggestion: Suggestion, actor: User) -> Suggestion:
    """立案: number the suggestion (e.g. 十八届二次会议第023号, 2024年闭会期间第007号). Between sessions it is
    due for assignment within rule assignment_working_days of receipt (上海 7, 重庆 10 working days)."""
    current = SUGGESTION_FLOW.require(suggestion, "register", actor=actor)
    serial, number = next_number(current)
    assignment_due = None
    if current.timing == Timing.BETWEEN_SESSIONS:  # assigned within a window from receipt
        assignment_due = add_working_days(
            timezone.localdate(current.submitted_at), rule("assignment_working_days")
        )
    current = SUGGESTION_FLOW.apply(
        current,
        "register",
        actor=actor,
        note=number,
        serial=serial,
        number=number,
        accepted_at=clock.now(),
        assignment_due=assignment_due,
    )
    notify_signers(current, f"建议已立案：{number}", current.title)
    return current


@transaction.atomic
def suggestion_return(*, suggestion: Suggestion, reason: str, actor: User) -> Suggestion:
    if not reason.strip():
        raise ValidationError({"reason": "请填写退回理由。"})
    current = SUGGESTION_FLOW.apply(suggestion, "return", actor=actor, note=reason, return_reason=reason)
    notify_signers(current, f"建议被退回修改：{current.title}", reason)
    return current


@transaction.atomic
def suggestion_reject(
    *, suggestion: Suggestion, reason: RefusalReason, note: str = "", actor: User
) -> Suggestion:
    if reason is None:
        raise ValidationError({"reason": "请选择不予立案理由。"})
    current = SUGGESTION_FLOW.apply(
        suggestion,
        "reject",
        actor=actor,
        note=f"{reason.label} {note}".strip(),
        refusal_reason=reason,
        refusal_note=note,
    )
    notify_signers(current, f"建议不予立案：{current.title}", f"{reason.label}。{note}")
    return current


@transaction.atomic
def suggestions_merge(*, into: Suggestion, others: Sequence[Suggestion], actor: User) -> Suggestion:
    """并案: handle several suggestions as one case; every deputy concerned is informed."""
    target = SUGGESTION_FLOW.require(into, "merge", actor=actor)
    if not others:
        raise ValidationError("请选择要并案的建议。")
    for other in others:
        if other.pk == target.pk:
            raise ValidationError("不能将建议并入其自身。")
        merged = SUGGESTION_FLOW.apply(
            other,
            "merged",
            actor=actor,
            note=f"并入 {target.number or target.title}",
            merged_into=target,
        )
        notify_signers(merged, f"建议已并案办理：{merged.title}", f"并入「{target.title}」一并办理。")
    titles = "、".join(o.title for o in others)
    target = SUGGESTION_FLOW.apply(target, "merge", actor=actor, note=titles)
    notify_signers(target, f"其他建议并入您的建议一并办理：{target.title}", titles)
    return target
