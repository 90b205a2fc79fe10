"""Every write on motions and suggestions.

Moves are declared once in workflows.py and made with `SUGGESTION_FLOW.apply`, which locks the row, checks who
may move and when, and writes a SuggestionEvent. The units' side — signing for, reassignment, contacts, replies —
is the shared casework (renda.casework.services, with the suggestion's CaseKind `CASES`); the functions here add
what is a suggestion's own. Deadlines follow RULES.md (workflows.deadlines); dates come from core.clock."""

import datetime
from collections.abc import Iterable, Sequence
from typing import cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from renda.accounts.models import User
from renda.casework import services as casework
from renda.casework.models import AssignmentRole, AssignmentState
from renda.core import clock
from renda.core.calendar import add_months, add_working_days
from renda.core.formats import cn_date
from renda.core.notifications import notify
from renda.core.roles import Role, has_role
from renda.core.rules import rule
from renda.core.services import StaleEditError
from renda.core.uploads import ATTACHMENT_TYPES, check_upload, shortened_name
from renda.org.models import CongressSession, HandlingUnit, cn_number
from renda.suggestions.models import (
    Assignment,
    AssignmentMeeting,
    Attachment,
    Commitment,
    CommitmentUpdate,
    Cosigner,
    Evaluation,
    KeySupervision,
    Kind,
    NumberSequence,
    PresidiumDecision,
    Rating,
    RefusalReason,
    Reply,
    ResultCategory,
    State,
    Suggestion,
    SuggestionEvent,
    SupervisionNote,
    Timing,
    UnitKeyword,
)
from renda.suggestions.similarity import terms_index
from renda.suggestions.workflows import (
    BY_EVALUATOR,
    BY_INVITED,
    BY_OFFICE,
    BY_UNIT,
    CASES,
    SUGGESTION_FLOW,
    evaluators,
    is_suggestion_office,
    office_users,
)

# 地方组织法: at county level a motion needs a delegation or at least 10 deputies jointly.
MOTION_MIN_DEPUTIES = 10

# ---------------------------------------------------------------- helpers


def _event(
    suggestion: Suggestion,
    *,
    action: str,
    actor: User | None,  # None: a move the system makes (a window that passes, the year's roll-over)
    note: str = "",
    from_state: str = "",
    to_state: str = "",
) -> None:
    SuggestionEvent.objects.create(
        suggestion=suggestion, action=action, actor=actor, note=note, from_state=from_state, to_state=to_state
    )


def signer_users(suggestion: Suggestion) -> list:
    """Users of the lead deputy and confirmed co-signers: every signer receives answers (RULES.md)."""
    from renda.accounts.models import User

    deputy_ids = [
        suggestion.lead_deputy_id,
        *suggestion.cosigners.filter(status=Cosigner.Status.CONFIRMED).values_list("deputy_id", flat=True),
    ]
    return list(User.objects.filter(deputy_id__in=deputy_ids, is_active=True))


def _attach(suggestion: Suggestion, upload, actor: User) -> Attachment:
    check_upload(upload, ATTACHMENT_TYPES)
    upload.name = shortened_name(upload.name)
    return Attachment.objects.create(suggestion=suggestion, file=upload, name=upload.name, uploaded_by=actor)


def _url(suggestion: Suggestion) -> str:
    return f"/suggestions/{suggestion.pk}/"


def _notify_signers(suggestion: Suggestion, title: str, body: str = "", key: str = "") -> None:
    notify(recipients=signer_users(suggestion), title=title, body=body, url=_url(suggestion), key=key)


# ---------------------------------------------------------------- drafting and co-signers


def _check_timing(timing: str, congress_session: CongressSession | None) -> None:
    if timing == Timing.DURING_SESSION and congress_session is None:
        raise ValidationError({"congress_session": "大会期间提出的建议须选择人代会会议。"})


def _year(timing: str, congress_session: CongressSession | None, written: datetime.date) -> int:
    """年度: the session's year for a suggestion made during a session, else the year it was written."""
    if timing == Timing.DURING_SESSION and congress_session is not None:
        return congress_session.start_date.year
    return written.year


@transaction.atomic
def suggestion_create(
    *,
    lead_deputy,
    title: str,
    content: str,
    actor: User,
    kind: str = Kind.SUGGESTION,
    category=None,
    timing: str = Timing.BETWEEN_SESSIONS,
    congress_session: CongressSession | None = None,
    delegation=None,
    attachments: Sequence = (),
) -> Suggestion:
    """A deputy drafts their own suggestion; a clerk may enter one on a deputy's behalf (paper suggestions)."""
    if not is_suggestion_office(actor) and not (
        has_role(actor, Role.DEPUTY) and actor.deputy_id == lead_deputy.pk
    ):
        raise PermissionDenied("代表只能以本人名义提出建议。")
    _check_timing(timing, congress_session)
    suggestion = Suggestion(
        kind=kind,
        title=title.strip(),
        content=content.strip(),
        category=category,
        timing=timing,
        congress_session=congress_session if timing == Timing.DURING_SESSION else None,
        lead_deputy=lead_deputy,
        delegation=delegation if kind == Kind.MOTION else None,
        entered_by=actor,
        year=_year(timing, congress_session, clock.today()),
    )
    suggestion.full_clean()
    suggestion.save()
    _event(suggestion, action="起草", actor=actor, to_state=State.DRAFT)
    terms_index(suggestion=suggestion)
    for upload in attachments:
        _attach(suggestion, upload, actor)
    return suggestion


@transaction.atomic
def suggestion_enter(*, lead_deputy, cosigners: Iterable, actor: User, **fields) -> Suggestion:
    """The office enters a paper suggestion on the deputies' behalf; the signatures were checked on paper,
    so co-signers are recorded as confirmed."""
    BY_OFFICE.require(actor)
    suggestion = suggestion_create(lead_deputy=lead_deputy, actor=actor, **fields)
    cosigners = list(cosigners)
    if cosigners:
        cosigners_invite(suggestion=suggestion, deputies=cosigners, actor=actor, confirmed=True)
    return suggestion


@transaction.atomic
def attachments_add(*, suggestion: Suggestion, files: Sequence, actor: User) -> list[Attachment]:
    """Attach files to a draft or a returned suggestion."""
    current = SUGGESTION_FLOW.require(suggestion, "edit", actor=actor)
    added = [_attach(current, upload, actor) for upload in files]
    _event(current, action="上传附件", actor=actor, note="、".join(a.name for a in added))
    return added


@transaction.atomic
def suggestion_update(
    *, suggestion: Suggestion, expected_version: int, changes: dict, actor: User
) -> Suggestion:
    """Edit a draft or a returned suggestion (a stale form cannot overwrite newer data)."""
    current = SUGGESTION_FLOW.require(suggestion, "edit", actor=actor)
    if current.version != expected_version:
        raise StaleEditError("该建议已被他人修改，请刷新页面后重新修改。", code="stale")
    allowed = {"title", "content", "category", "timing", "congress_session", "kind", "delegation"}
    for name, value in changes.items():
        if name not in allowed:
            raise ValidationError(f"不能修改字段 {name}。")
        setattr(current, name, value)
    _check_timing(current.timing, current.congress_session)
    if current.timing != Timing.DURING_SESSION:
        current.congress_session = None
    current.year = _year(current.timing, current.congress_session, timezone.localdate(current.created_at))
    current.version = expected_version + 1
    current.full_clean()
    current.save()
    _event(current, action="修改", actor=actor)
    terms_index(suggestion=current)
    return current


@transaction.atomic
def cosigners_invite(
    *, suggestion: Suggestion, deputies: Iterable, actor: User, confirmed: bool = False
) -> list[Cosigner]:
    """Invite co-signers (附议). A clerk entering a paper suggestion may record signatures as confirmed."""
    current = SUGGESTION_FLOW.require(suggestion, "edit", actor=actor)
    if confirmed and not is_suggestion_office(actor):
        raise PermissionDenied("附议须由代表本人确认。")
    created = []
    for deputy in deputies:
        if deputy.pk == current.lead_deputy_id:
            continue
        cosigner, new = Cosigner.objects.get_or_create(suggestion=current, deputy=deputy)
        if confirmed:
            cosigner.status, cosigner.responded_at = Cosigner.Status.CONFIRMED, clock.now()
            cosigner.save(update_fields=["status", "responded_at", "updated_at"])
        if new:
            created.append(cosigner)
    _event(current, action="邀请附议", actor=actor, note="、".join(c.deputy.name for c in created))
    from renda.accounts.models import User

    if not confirmed:
        invited = User.objects.filter(deputy__in=[c.deputy_id for c in created], is_active=True)
        notify(recipients=invited, title=f"请确认附议：{current.title}", url=_url(current))
    return created


@transaction.atomic
def cosigner_respond(*, cosigner: Cosigner, confirm: bool, actor: User) -> Cosigner:
    BY_INVITED.require(actor, cosigner)
    SUGGESTION_FLOW.lock(
        cosigner.suggestion
    )  # serialises with suggestion_submit, which lets open invitations lapse
    current = Cosigner.objects.select_for_update().filter(pk=cosigner.pk).first()
    if current is None:
        raise ValidationError("该附议邀请已失效（建议已提交）。")
    if current.status != Cosigner.Status.INVITED:
        raise ValidationError("已经答复过该附议邀请。")
    current.status = Cosigner.Status.CONFIRMED if confirm else Cosigner.Status.DECLINED
    current.responded_at = clock.now()
    current.save(update_fields=["status", "responded_at", "updated_at"])
    _event(
        current.suggestion,
        action="确认附议" if confirm else "谢绝附议",
        actor=actor,
        note=current.deputy.name,
    )
    return current


@transaction.atomic
def cosigner_drop(*, cosigner: Cosigner, actor: User) -> None:
    """The lead deputy may drop co-signers who have not confirmed."""
    suggestion = SUGGESTION_FLOW.require(cosigner.suggestion, "edit", actor=actor)
    if cosigner.status == Cosigner.Status.CONFIRMED:
        raise ValidationError("已确认附议的代表不能移除。")
    _event(suggestion, action="移除附议代表", actor=actor, note=cosigner.deputy.name)
    cosigner.delete()


# ---------------------------------------------------------------- submission, motions, registration review


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
        url=_url(current),
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
    _notify_signers(current, f"主席团对议案的决定：{PresidiumDecision(decision).label}", note)
    return current


PRESIDIUM_MOVES = {
    PresidiumDecision.ON_AGENDA: "put_on_agenda",
    PresidiumDecision.AS_SUGGESTION: "handle_as_suggestion",
    PresidiumDecision.NOT_ACCEPTED: "not_accept",
}


def _next_number(suggestion: Suggestion) -> tuple[int, str]:
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
    serial, number = _next_number(current)
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
    _notify_signers(current, f"建议已立案：{number}", current.title)
    return current


@transaction.atomic
def suggestion_return(*, suggestion: Suggestion, reason: str, actor: User) -> Suggestion:
    if not reason.strip():
        raise ValidationError({"reason": "请填写退回理由。"})
    current = SUGGESTION_FLOW.apply(suggestion, "return", actor=actor, note=reason, return_reason=reason)
    _notify_signers(current, f"建议被退回修改：{current.title}", reason)
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
    _notify_signers(current, f"建议不予立案：{current.title}", f"{reason.label}。{note}")
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
        _notify_signers(merged, f"建议已并案办理：{merged.title}", f"并入「{target.title}」一并办理。")
    titles = "、".join(o.title for o in others)
    target = SUGGESTION_FLOW.apply(target, "merge", actor=actor, note=titles)
    _notify_signers(target, f"其他建议并入您的建议一并办理：{target.title}", titles)
    return target


# ---------------------------------------------------------------- assignment (交办)


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
) -> Suggestion:
    """交办: exactly one lead unit (主办) with any joint (会办) and assisting (协办) units, or a split (分办)
    into independent assignments. The answer is due 3 months after assignment, 6 if complex (Art. 51)."""
    current = SUGGESTION_FLOW.require(suggestion, "assign", actor=actor)
    roles = casework.assignment_roles(lead=lead, joint=joint, assisting=assisting, split=split)
    _check_assignment_date(on, current)
    current.is_complex = is_complex  # the deadlines read it
    assignments = casework.assign(CASES, current, roles, on=on, meeting=meeting)
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
    _notify_signers(current, f"建议已交办：{current.title}", note)
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


def _record_result(assignment: Assignment, suggestion: Suggestion) -> None:
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
    commitments: Sequence[tuple[str, datetime.date]] = (),
) -> Reply:
    """The lead (or a split) unit answers with a result category and, for an answer "being solved or
    planned", its commitments; the last answer of the round sends the case to evaluation."""

    def validate() -> None:
        if not result_category.active:
            raise ValidationError({"result_category": "该办理结果分类已停用。"})
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
        ),
    )
    Commitment.objects.bulk_create(
        [Commitment(reply=reply, description=desc, due=due, year=due.year) for desc, due in commitments]
    )
    suggestion = SUGGESTION_FLOW.lock(assignment.suggestion)
    _record_result(reply.assignment, suggestion)
    if casework.answered(CASES, suggestion):
        due = add_working_days(clock.today(), rule("evaluation_working_days"))
        name = "replied" if suggestion.state == State.HANDLING else "replied_again"
        suggestion = SUGGESTION_FLOW.apply(
            suggestion, name, actor=actor, evaluation_due=due, is_overdue=False
        )
        _notify_signers(suggestion, f"建议已答复，请评价：{suggestion.title}", f"请于{cn_date(due)}前评价。")
    return reply


# ---------------------------------------------------------------- evaluation (deputy side)


@transaction.atomic
def evaluation_submit(
    *,
    suggestion: Suggestion,
    rating: str,
    actor: User,
    comment: str = "",
    attitude: str = "",
    result: str = "",
) -> Evaluation:
    """满意 / 基本满意 / 不满意. The lead deputy's evaluation decides the next step: dissatisfied → one
    re-handling round (rule rehandling_months); dissatisfied again → coordination by the office."""
    current = SUGGESTION_FLOW.lock(suggestion)
    deputy_id = actor.deputy_id if has_role(actor, Role.DEPUTY) else None
    if (
        deputy_id is not None
        and Evaluation.objects.filter(suggestion=current, deputy_id=deputy_id, round=current.round).exists()
    ):
        raise ValidationError("本轮已经评价过。")
    current = SUGGESTION_FLOW.require(current, "evaluate", actor=actor)
    if deputy_id is None:  # only a deputy evaluates (the move's who); an evaluation names its deputy
        raise PermissionDenied(BY_EVALUATOR.denied)
    if rating not in {Rating.SATISFIED, Rating.BASICALLY_SATISFIED, Rating.DISSATISFIED}:
        raise ValidationError({"rating": "请选择满意、基本满意或不满意。"})
    if rule("separate_attitude_and_result") and not (attitude and result):
        raise ValidationError("请分别评价办理态度和办理结果。")
    note = f"{Rating(rating).label}。{comment}".strip("。")
    current = SUGGESTION_FLOW.apply(current, "evaluate", actor=actor, note=note)
    evaluation = Evaluation.objects.create(
        suggestion=current,
        deputy_id=deputy_id,
        round=current.round,
        rating=rating,
        attitude=attitude,
        result=result,
        comment=comment,
    )
    if deputy_id == current.lead_deputy_id:
        current.assignments.update(lead_rating=rating)  # what each unit's satisfaction rate counts
        _resolve_evaluation(current, rating, actor=actor)
    return evaluation


def _resolve_evaluation(suggestion: Suggestion, rating: str, *, actor: User) -> None:
    """The lead deputy's rating (what the satisfaction rate counts) decides the next move."""
    if rating != Rating.DISSATISFIED:
        SUGGESTION_FLOW.apply(suggestion, "close", actor=actor, closed_at=clock.now(), lead_rating=rating)
        return
    if suggestion.round == 1:
        due = add_months(clock.today(), rule("rehandling_months"))
        answering = casework.reopen(CASES, suggestion, due=due, actor=actor)
        SUGGESTION_FLOW.apply(
            suggestion,
            "rehandle",
            actor=actor,
            round=2,
            reply_due=due,
            evaluation_due=None,
            lead_rating=rating,
        )
        for assignment in answering:
            notify(
                recipients=casework.unit_users(assignment.unit_id),
                title=f"代表不满意，请重新办理：{suggestion.title}",
                body=f"期限：{cn_date(due)}",
                url=_url(suggestion),
            )
        notify(recipients=office_users(), title=f"代表对答复不满意：{suggestion.title}", url=_url(suggestion))
    else:
        SUGGESTION_FLOW.apply(suggestion, "coordinate", actor=actor, evaluation_due=None, lead_rating=rating)
        notify(
            recipients=office_users(),
            title=f"重新办理后仍不满意，请组织协调：{suggestion.title}",
            url=_url(suggestion),
        )


@transaction.atomic
def coordination_close(*, suggestion: Suggestion, outcome: str, actor: User) -> Suggestion:
    """The deputies' affairs committee convened deputy and unit; record the outcome and close."""
    BY_OFFICE.require(actor)
    if not outcome.strip():
        raise ValidationError({"outcome": "请填写协调处理结果。"})
    current = SUGGESTION_FLOW.apply(
        suggestion,
        "close_coordination",
        actor=actor,
        note=outcome,
        outcome=outcome,
        closed_at=clock.now(),
    )
    _notify_signers(current, f"建议已办结：{current.title}", outcome)
    return current


@transaction.atomic
def evaluations_expire(*, today: datetime.date, actor: User | None = None) -> int:
    """Close replied suggestions whose evaluation window passed: missing evaluations become 未反馈,
    left out of the satisfaction rate. Idempotent."""
    count = 0
    for suggestion in Suggestion.objects.select_for_update().filter(
        state=State.REPLIED, evaluation_due__lt=today
    ):
        done = set(
            Evaluation.objects.filter(suggestion=suggestion, round=suggestion.round).values_list(
                "deputy_id", flat=True
            )
        )
        Evaluation.objects.bulk_create(
            [
                Evaluation(
                    suggestion=suggestion,
                    deputy_id=deputy_id,
                    round=suggestion.round,
                    rating=Rating.NO_FEEDBACK,
                )
                for deputy_id in evaluators(suggestion)
                if deputy_id not in done
            ]
        )
        SUGGESTION_FLOW.apply(
            suggestion,
            "close",
            actor=actor,
            note="评价期限届满未反馈",
            closed_at=clock.now(),
            lead_rating=Rating.NO_FEEDBACK,  # the lead deputy has not evaluated, or it would not be REPLIED
        )
        suggestion.assignments.update(lead_rating=Rating.NO_FEEDBACK)
        count += 1
    return count


# ---------------------------------------------------------------- key supervision and commitments


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
    _notify_signers(current, f"建议列为重点督办：{current.title}")
    for unit_id in current.assignments.exclude(state=AssignmentState.WITHDRAWN).values_list(
        "unit_id", flat=True
    ):
        notify(
            recipients=casework.unit_users(unit_id),
            title=f"建议列为重点督办：{current.title}",
            url=_url(current),
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
    _event(supervision.suggestion, action=f"督办{note.get_kind_display()}", actor=actor, note=text)
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
    _event(suggestion, action="承诺事项进展", actor=actor, note=f"{current.description}：{text}")
    if raise_to is not None and raise_to.pk != reply.result_category_id:
        old = reply.result_category
        reply.result_category = raise_to
        reply.save(update_fields=["result_category", "updated_at"])
        _record_result(reply.assignment, SUGGESTION_FLOW.lock(suggestion))
        _event(suggestion, action="调整办理结果", actor=actor, note=f"{old.code}类 → {raise_to.code}类")
    _notify_signers(suggestion, f"承诺事项有新进展：{suggestion.title}", text)
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
        _event(
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
