"""Every write of oversight (监督法, 2024): the annual plan and its changes, each item's closed loop — meeting,
problem list, deliberation opinions, the body's rectification list and handling report, the members'
satisfaction vote, follow-up and closing item by item —, interpellations and the filing review of normative
documents.

Rules (docs/workflows/oversight.md): 【国】 the plan is adopted by the Council of Chairpersons and published
(Art. 63); work reports' papers by Art. 15 (the meetings' agenda); opinions and handling reports sent to
deputies and published (Art. 17); the audit rectification report within 6 months (Art. 27); interpellations by
≥3 members, answered again when most filers are dissatisfied (Art. 53). 【地】 opinions sent within
`oversight_opinion_days` working days; the handling report within `oversight_report_months`
(`oversight_report_months_budget` for budget and audit opinions); the satisfaction vote passes when 满意 (with
基本满意 where `oversight_basic_counts`) exceeds half of ALL members; normative documents filed within
`oversight_filing_days` of publication."""

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q

from renda.casework import services as casework
from renda.casework.models import ANSWERING_ROLES, OPEN_STATES, AssignmentState
from renda.core import clock
from renda.core.calendar import add_months, add_working_days
from renda.core.formats import cn_date
from renda.core.roles import can
from renda.core.rules import rule
from renda.oversight.models import (
    BUDGET_KINDS,
    AppraisalRating,
    DeliberationOpinionAssignment,
    DeliberationOpinionReply,
    FilingDocument,
    Finding,
    InquiryQuestion,
    Interpellation,
    ItemKind,
    ItemState,
    OversightItem,
    OversightPlan,
    PlanState,
    Problem,
    RaterKind,
    Rating,
    Rectification,
    RectificationState,
    SatisfactionVote,
)
from renda.oversight.workflows import (
    BY_BODY,
    FILING_FLOW,
    INTERPELLATION_FLOW,
    ITEM_FLOW,
    MANAGE,
    OPINIONS,
    PLAN_FLOW,
)

RATINGS = ["满意", "基本满意", "不满意"]  # the options of the satisfaction vote, c1 c2 c3 on renda/voting
AUDIT_REPORT_MONTHS = 6  # 【国】 监督法 Art. 27: the audit rectification report within 6 months
INTERPELLATION_MIN_FILERS = 3  # 【国】 地方组织法; 监督法 Art. 53: ≥3 members of a county standing committee


def _office_only(actor: Any) -> None:
    if not can(actor, MANAGE):
        raise PermissionDenied("只有人大常委会工作机构可以进行此操作。")


# ------------------------------------------------------------------ 1. the annual plan


@transaction.atomic
def plan_create(*, year: int, title: str = "", actor: Any) -> OversightPlan:
    _office_only(actor)
    if OversightPlan.objects.filter(year=year).exists():
        raise ValidationError({"year": f"{year}年度监督工作计划已存在。"})
    plan = OversightPlan.objects.create(
        year=year, title=title.strip() or f"县人大常委会{year}年度监督工作计划"
    )
    PLAN_FLOW.record(
        plan, action="编制计划", actor=actor, note=plan.title, from_state="", to_state=plan.state,
        created_at=clock.now(),
    )  # fmt: skip
    return plan


@transaction.atomic
def item_add(
    *,
    plan: OversightPlan,
    kind: str,
    title: str,
    body: Any,
    planned_month: int,
    committee: Any = None,
    members: Sequence[Any] = (),
    invited_deputies: Sequence[Any] = (),
    actor: Any,
) -> OversightItem:
    """An item of the plan: while the plan is drafted, an edit; once adopted, a change of the plan recorded as
    such on the plan's timeline (and the item marked 计划调整增加)."""
    if not title.strip():
        raise ValidationError({"title": "请填写监督事项。"})
    if not 1 <= planned_month <= 12:
        raise ValidationError({"planned_month": "月份为1至12。"})
    if kind not in ItemKind.values:
        raise ValidationError({"kind": "监督方式无效。"})
    plan = OversightPlan.objects.get(pk=plan.pk)  # its state now, not as the caller read it
    adopted = plan.state != PlanState.DRAFT
    PLAN_FLOW.apply(plan, "change" if adopted else "edit", actor=actor, note=f"增加：{title.strip()}")
    item = OversightItem.objects.create(
        plan=plan,
        kind=kind,
        title=title.strip(),
        body=body,
        committee=committee,
        planned_month=planned_month,
        added_after_adoption=adopted,
    )
    item.members.set(members)
    item.invited_deputies.set(invited_deputies)
    ITEM_FLOW.record(
        item, action="列入计划", actor=actor, note="计划调整增加" if adopted else plan.title, from_state="",
        to_state=item.state, created_at=clock.now(),
    )  # fmt: skip
    return item


@transaction.atomic
def item_withdraw(*, item: OversightItem, reason: str, actor: Any) -> OversightPlan:
    """Takes a planned item out of the plan: an edit of a draft, a recorded change of an adopted plan."""
    if item.state != ItemState.PLANNED:
        raise ValidationError("已开展的监督事项不能撤出计划。", code="invalid_transition")
    plan = OversightPlan.objects.get(pk=item.plan_id)
    adopted = plan.state != PlanState.DRAFT
    if adopted and not reason.strip():
        raise ValidationError({"reason": "调整已通过的计划须说明理由。"})
    plan = PLAN_FLOW.apply(
        plan,
        "change" if adopted else "edit",
        actor=actor,
        note=f"撤出：{item.title} {reason.strip()}".strip(),
    )
    item.delete()
    return plan


def plan_adopt(
    *, plan: OversightPlan, council_meeting: Any = None, adopted_on: datetime.date | None = None, actor: Any
) -> OversightPlan:
    """【国】 Art. 63: the Council of Chairpersons adopts the plan (its meeting recorded, when on the platform)."""
    from renda.meetings.models import MeetingKind

    if council_meeting is not None and council_meeting.kind != MeetingKind.CHAIRPERSONS:
        PLAN_FLOW.refuse(plan, "adopt", actor=actor)
        raise ValidationError({"council_meeting": "计划由主任会议通过，请选择主任会议。"})
    if not plan.items.exists():
        PLAN_FLOW.refuse(plan, "adopt", actor=actor)
        raise ValidationError("计划中还没有监督事项。", code="empty_plan")
    day = adopted_on or clock.today()
    note = council_meeting.title if council_meeting is not None else f"主任会议（{cn_date(day)}）"
    return PLAN_FLOW.apply(
        plan, "adopt", actor=actor, note=note, council_meeting=council_meeting, adopted_on=day
    )


def plan_publish(*, plan: OversightPlan, actor: Any) -> OversightPlan:
    """【国】 Art. 63: the adopted plan is published (the public page lists it)."""
    return PLAN_FLOW.apply(plan, "publish", actor=actor, published_on=clock.today())


# ------------------------------------------------------------------ 2-3. an item's closed loop


@transaction.atomic
def item_schedule(*, item: OversightItem, meeting: Any, agenda_item: Any = None, actor: Any) -> OversightItem:
    """On a standing-committee meeting's agenda: a work report's papers due by 监督法 Art. 15 (the meetings'
    agenda computes them), an inquiry as an inquiry item; the invited deputies attend (列席). `agenda_item`: the
    meeting's work-report or inquiry item the office already put on the agenda, else a new one."""
    from renda.meetings import services as meetings
    from renda.meetings.models import Attendee, MeetingKind, MeetingState
    from renda.meetings.models import ItemKind as AgendaKind

    item = ITEM_FLOW.require(item, "schedule", actor=actor)
    meeting.refresh_from_db(fields=["state"])
    if meeting.kind != MeetingKind.STANDING or meeting.state == MeetingState.CLOSED:
        raise ValidationError({"meeting": "请选择尚未闭会的常委会会议。"})
    kind = AgendaKind.INQUIRY if item.kind == ItemKind.INQUIRY else AgendaKind.WORK_REPORT
    if agenda_item is None:
        agenda = meetings.agenda_item_add(
            meeting=meeting, kind=kind, title=item.title, reporter=item.body.name, actor=actor
        )
    elif agenda_item.meeting_id != meeting.pk or agenda_item.kind != kind:
        raise ValidationError({"agenda_item": "请选择该会议的工作报告或专题询问议程。"})
    elif OversightItem.objects.filter(agenda_item=agenda_item).exists():
        raise ValidationError({"agenda_item": "该议程已对应其他监督事项。"})
    else:
        agenda = agenda_item
    invited = set(
        Attendee.objects.filter(meeting=meeting, deputy__isnull=False).values_list("deputy", flat=True)
    )
    for deputy in item.invited_deputies.all():
        if deputy.pk not in invited:
            meetings.attendee_add(meeting=meeting, deputy=deputy, organisation="受邀代表", actor=actor)
    return ITEM_FLOW.apply(
        item, "schedule", actor=actor, note=meeting.title, meeting=meeting, agenda_item=agenda
    )


def item_inspect(
    *, item: OversightItem, articles_checked: str = "", places_visited: str = "", questionnaires: int | None = None,
    findings: str = "", actor: Any,
) -> OversightItem:  # fmt: skip
    """A law inspection's (Arts. 31–37), a survey's or a visit's field work: the law's articles checked, the
    places visited, the questionnaires returned, what was found (the report's problems and suggestions)."""
    if not (articles_checked.strip() or places_visited.strip() or findings.strip()):
        ITEM_FLOW.refuse(item, "inspect", actor=actor)
        raise ValidationError({"findings": "请填写检查的条款、地点或发现的问题。"})
    if questionnaires is not None and questionnaires < 0:
        raise ValidationError({"questionnaires": "问卷数不能为负数。"})
    places = places_visited.strip()
    return ITEM_FLOW.apply(
        item, "inspect", actor=actor, note=places[:100], articles_checked=articles_checked.strip(),
        places_visited=places, questionnaires=questionnaires, findings=findings.strip(),
    )  # fmt: skip


@transaction.atomic
def finding_add(
    *, item: OversightItem, text: str, evidence: str = "", suggestion: str = "", actor: Any
) -> Finding:
    """A row of a survey's, an inspection's or a visit's findings (调研发现): what was found, where or on what
    evidence, and the suggestion; carried into the problem list when the item is heard (`item_deliberate`)."""
    if not text.strip():
        ITEM_FLOW.refuse(item, "finding", actor=actor)
        raise ValidationError({"text": "请填写发现的问题。"})
    if len(evidence.strip()) > 300:
        raise ValidationError({"evidence": "地点或依据不超过300字。"})
    item = ITEM_FLOW.apply(item, "finding", actor=actor, note=text.strip()[:60])
    last = item.finding_rows.order_by("-order").values_list("order", flat=True).first() or 0
    return Finding.objects.create(
        item=item, order=last + 1, text=text.strip(), evidence=evidence.strip(), suggestion=suggestion.strip()
    )


def rater_kind(item: OversightItem, rater: Any, day: datetime.date) -> str | None:
    """Who rates in a work appraisal: the serving members of the standing committee and the deputies invited to
    the item."""
    if _serving_members(day).filter(deputy=rater.pk).exists():
        return RaterKind.MEMBER
    if item.invited_deputies.filter(pk=rater.pk).exists():
        return RaterKind.INVITED
    return None


@transaction.atomic
def appraisal_rating_record(*, item: OversightItem, rater: Any, rating: str, actor: Any) -> AppraisalRating:
    """工作评议: one rater's rating of the body — 满意, 基本满意 or 不满意 — by a member of the standing committee
    or a deputy invited to the appraisal; a rater entered again has the earlier rating replaced (on the timeline).
    The result is counted in the database (`selectors.appraisal_result`)."""
    if rating not in Rating.values:
        ITEM_FLOW.refuse(item, "appraise", actor=actor)
        raise ValidationError({"rating": "请选择满意、基本满意或不满意。"})
    kind = rater_kind(item, rater, clock.today())
    if kind is None:
        ITEM_FLOW.refuse(item, "appraise", actor=actor)
        raise ValidationError({"rater": f"{rater.name}不是常委会组成人员，也不是受邀参加评议的代表。"})
    item = ITEM_FLOW.apply(item, "appraise", actor=actor, note=f"{rater.name}：{Rating(rating).label}")
    row, _ = AppraisalRating.objects.update_or_create(
        item=item, rater=rater, defaults={"rater_kind": kind, "rating": rating}
    )
    return row


@transaction.atomic
def question_record(
    *, item: OversightItem, asker: Any, question: str, answerer: str, answer: str = "", follow_up: bool = False,
    actor: Any,
) -> InquiryQuestion:  # fmt: skip
    """A question at the inquiry (who asked — a member or an attending deputy —, who answered, the answer), a
    follow-up question on the spot (现场追问) marked as such."""
    if not question.strip() or not answerer.strip():
        ITEM_FLOW.refuse(item, "question", actor=actor)
        raise ValidationError(
            {"question" if not question.strip() else "answerer": "请填写询问内容和应询人。"}
        )
    item = ITEM_FLOW.apply(
        item,
        "question",
        actor=actor,
        note=f"{asker.name}{'现场追问' if follow_up else '询问'}，{answerer.strip()}答询",
    )
    last = item.questions.order_by("-order").values_list("order", flat=True).first() or 0
    return InquiryQuestion.objects.create(
        item=item, order=last + 1, asker=asker, question=question.strip(), answerer=answerer.strip(),
        answer=answer.strip(), follow_up=follow_up,
    )  # fmt: skip


def opinion_due(heard_on: datetime.date) -> datetime.date:
    """【地】 deliberation opinions reach the body within `oversight_opinion_days` working days."""
    return add_working_days(heard_on, rule("oversight_opinion_days"))


def report_due(item: OversightItem, start: datetime.date) -> datetime.date:
    """【地】 the handling report within `oversight_report_months` (`oversight_report_months_budget` for budget
    and audit opinions)."""
    months = rule(
        "oversight_report_months_budget" if item.kind in BUDGET_KINDS else "oversight_report_months"
    )
    return add_months(start, months)


@transaction.atomic
def item_deliberate(
    *,
    item: OversightItem,
    problems: Sequence[str] = (),
    findings: str = "",
    from_findings: Sequence[Finding] = (),
    actor: Any,
) -> OversightItem:
    """Heard and deliberated: the problem list (问题清单) from the findings — rows of the field work's findings
    (`from_findings`, each linked to its problem) and lines written at the meeting; the opinions' due date set; for
    the audit report, the rectification report's due date (【国】 Art. 27: 6 months)."""
    chosen = list(from_findings)
    if any(row.item_id != item.pk for row in chosen):
        ITEM_FLOW.refuse(item, "deliberate", actor=actor)
        raise ValidationError({"from_findings": "调研发现不属于该监督事项。"})
    lines = [row.text for row in chosen] + [p.strip() for p in problems if p.strip()]
    if not lines:
        ITEM_FLOW.refuse(item, "deliberate", actor=actor)
        raise ValidationError({"problems": "请列出问题清单（每行一条），或选择列入问题清单的调研发现。"})
    today = clock.today()
    changes: dict[str, Any] = {
        "heard_on": today,
        "opinion_due": opinion_due(today),
    }
    if findings.strip():  # else what the field work found stays
        changes["findings"] = findings.strip()
    if item.kind == ItemKind.AUDIT:
        changes["audit_report_due"] = add_months(today, AUDIT_REPORT_MONTHS)
    item = ITEM_FLOW.apply(item, "deliberate", actor=actor, note=f"问题{len(lines)}条", **changes)
    for order, text in enumerate(lines, 1):
        problem = Problem.objects.create(item=item, order=order, text=text)
        if order <= len(chosen):
            Finding.objects.filter(pk=chosen[order - 1].pk).update(problem=problem)
    return item


@transaction.atomic
def item_send_opinions(*, item: OversightItem, opinion: str, actor: Any) -> OversightItem:
    """The deliberation opinions to the body (Art. 17), on its to-do and in its officers' inbox: late ones
    flagged; the handling report due."""
    if not opinion.strip():
        ITEM_FLOW.refuse(item, "send_opinions", actor=actor)
        raise ValidationError({"opinion": "请填写审议意见。"})
    today = clock.today()
    late = item.opinion_due is not None and today > item.opinion_due
    item = ITEM_FLOW.apply(
        item,
        "send_opinions",
        actor=actor,
        note=f"办理情况报告期限{cn_date(report_due(item, today))}" + ("（审议意见逾期交办）" if late else ""),
        opinion=opinion.strip(),
        opinion_sent_on=today,
        opinion_late=late,
        report_due=report_due(item, today),
    )
    # the opinion as a case of the body (renda/casework): on its officers' to-do, due with the report, and in
    # their inbox (casework's one notice of a new assignment)
    casework.assign(OPINIONS, item, casework.assignment_roles(lead=item.body), on=today)
    return item


@transaction.atomic
def rectification_add(
    *,
    item: OversightItem,
    measure: str,
    responsible_person: str,
    due: datetime.date,
    problem: Problem | None = None,
    actor: Any,
) -> Rectification:
    """A line of the body's rectification list (整改清单) and who answers for it (责任清单)."""
    if not measure.strip():
        ITEM_FLOW.refuse(item, "rectification_add", actor=actor)
        raise ValidationError({"measure": "请填写整改措施。"})
    if not responsible_person.strip():
        ITEM_FLOW.refuse(item, "rectification_add", actor=actor)
        raise ValidationError({"responsible_person": "请填写责任人。"})
    if problem is not None and problem.item_id != item.pk:
        raise ValidationError({"problem": "问题不属于该监督事项。"})
    if due < clock.today():
        ITEM_FLOW.refuse(item, "rectification_add", actor=actor)
        raise ValidationError({"due": "完成时限不能早于今天。"})
    item = ITEM_FLOW.apply(
        item,
        "rectification_add",
        actor=actor,
        note=f"{measure.strip()[:60]}（{responsible_person.strip()}）" + (PAPER_NOTE if on_paper(item, actor) else ""),
    )  # fmt: skip
    return Rectification.objects.create(
        item=item,
        problem=problem,
        measure=measure.strip(),
        responsible_person=responsible_person.strip(),
        due=due,
    )


@transaction.atomic
def rectification_done(*, rectification: Rectification, note: str, actor: Any) -> Rectification:
    rectification = Rectification.objects.select_for_update().get(pk=rectification.pk)
    ITEM_FLOW.refuse(rectification.item, "rectification_done", actor=actor)
    if rectification.state != RectificationState.OPEN:
        raise ValidationError("该整改事项已报告完成。", code="invalid_transition")
    if not note.strip():
        raise ValidationError({"note": "请填写整改情况。"})
    ITEM_FLOW.apply(
        rectification.item,
        "rectification_done",
        actor=actor,
        note=f"{rectification.measure[:40]}：{note.strip()}"
        + (PAPER_NOTE if on_paper(rectification.item, actor) else ""),
    )
    rectification.state = RectificationState.DONE
    rectification.done_note = note.strip()
    rectification.done_on = clock.today()
    rectification.save()
    return rectification


PAPER_NOTE = "（据纸质材料代为登记）"


def on_paper(item: OversightItem, actor: Any) -> bool:
    """The office enters what the body sent on paper (its rectification list, a measure done, its report)."""
    return not BY_BODY(actor, item)


def _report_check(item: OversightItem, report: str, actor: Any) -> None:
    """Who may report now (the body overseen, in `opinions_sent` or `failed`), and what a report needs."""
    ITEM_FLOW.refuse(item, "report", actor=actor)
    if not report.strip():
        raise ValidationError({"report": "请填写研究处理情况报告。"})
    if not item.rectifications.exists():
        raise ValidationError("请先报送整改清单。", code="no_rectifications")


def _answer(
    *,
    item: OversightItem,
    assignment: DeliberationOpinionAssignment,
    report: str,
    signer: str,
    letter: Any,
    actor: Any,
) -> DeliberationOpinionReply:
    """The handling report as the assignment's reply (casework): the assignment replied, late ones flagged."""
    answer = casework.reply(
        assignment=assignment, text=report.strip(), signer=signer.strip(), letter=letter, actor=actor,
        validate=lambda: _report_check(item, report, actor),
    )  # fmt: skip
    if not answer.on_time:
        DeliberationOpinionAssignment.objects.filter(pk=assignment.pk).update(answered_late=True)
    return answer  # type: ignore[return-value]


@transaction.atomic
def item_report(*, item: OversightItem, report: str, signer: str = "", actor: Any) -> OversightItem:
    """The body's written handling report (研究处理情况报告, Art. 17), after its rectification list; late ones
    flagged. A report after a failed vote is the next round. Reported on the item's own page (or its API), the
    deliberation opinion's open assignment is answered with it too (signed for first, where it was not). The
    office enters a report the body sent on paper (`on_paper`): then the body's signer (签发人) is required."""
    item = OversightItem.objects.get(pk=item.pk)  # its state now, not as the caller read it
    _report_check(item, report, actor)
    paper = on_paper(item, actor)
    if paper and not signer.strip():
        raise ValidationError({"signer": "据纸质报告代为登记时，请填写被监督单位的签发人。"})
    assignment = (
        item.assignments.filter(role__in=ANSWERING_ROLES, state__in=OPEN_STATES).order_by("-pk").first()
    )
    if assignment is not None:
        if assignment.state == AssignmentState.ASSIGNED:
            assignment = casework.sign_for(assignment=assignment, actor=actor)
        signer = signer.strip() or (getattr(actor, "display_name", "") or str(actor))[:30]
        _answer(item=item, assignment=assignment, report=report, signer=signer, letter=None, actor=actor)
    today = clock.today()
    late = item.report_due is not None and today > item.report_due
    return ITEM_FLOW.apply(
        item,
        "report",
        actor=actor,
        note=f"第{item.rounds + 1}次报告" + ("（逾期）" if late else "") + (PAPER_NOTE if paper else ""),
        handling_report=report.strip(),
        reported_on=today,
        report_late=late,
        rounds=item.rounds + 1,
    )


@transaction.atomic
def opinion_reply(
    *, assignment: DeliberationOpinionAssignment, report: str, signer: str, letter: Any = None, actor: Any
) -> DeliberationOpinionReply:
    """The body answers its deliberation-opinion assignment (casework's reply) with the handling report; the item
    is then reported exactly as by `item_report` (handling report, date, late flag, round)."""
    item = OversightItem.objects.get(pk=assignment.item_id)
    answer = _answer(
        item=item, assignment=assignment, report=report, signer=signer, letter=letter, actor=actor
    )
    item_report(item=item, report=report, actor=actor)
    return answer


def _electorate(meeting: Any) -> tuple[Any, Any]:
    """All members of the standing committee (应到) and those signed in (the voters)."""
    from renda.meetings import selectors as meetings
    from renda.meetings.models import Attendance, AttendanceStatus

    members = meetings.body_members(meeting)
    present = members.filter(
        pk__in=Attendance.objects.filter(meeting=meeting, status=AttendanceStatus.PRESENT).values("deputy")
    )
    return members, present


def item_vote_create(*, item: OversightItem, meeting: Any, actor: Any) -> Any:
    """【地】 the satisfaction vote (满意度测评) on the handling report: secret, 满意/基本满意/不满意, at a
    standing-committee meeting in progress, all members entitled, on renda/voting."""
    from renda.meetings.models import MeetingKind, MeetingState
    from renda.voting import services as voting

    with transaction.atomic():
        current = ITEM_FLOW.require(item, "rate", actor=actor)
        meeting.refresh_from_db(fields=["state"])
        if meeting.kind != MeetingKind.STANDING or meeting.state != MeetingState.CONVENED:
            raise ValidationError({"meeting": "测评须在进行中的常委会会议上进行。"})
        members, present = _electorate(meeting)
        event = voting.vote_event_create(
            subject=current,
            title=f"对{current.body.name}关于「{current.title}」审议意见办理情况的满意度测评（第{current.rounds}次）",
            method=voting.Method.SECRET,
            choice_kind=voting.ChoiceKind.CHOOSE,
            candidates=RATINGS,
            max_choices=1,
            threshold=voting.Threshold.ALL_MAJORITY,
            entitled=members.count(),
            electorate=list(present.order_by("pk")),
            chain_key=f"meeting:{meeting.pk}",
            actor=actor,
        )
        SatisfactionVote.objects.create(item=current, round=current.rounds, meeting=meeting, vote=event)
        ITEM_FLOW.apply(current, "rate", actor=actor, note=f"{meeting.title}，第{current.rounds}次，无记名")
    return event


def passes(*, satisfied: int, basically_satisfied: int, entitled: int) -> bool:
    """【地】 passes when 满意 (with 基本满意 where `oversight_basic_counts`) exceeds half of ALL members."""
    favour = satisfied + (basically_satisfied if rule("oversight_basic_counts") else 0)
    return favour * 2 > entitled


@transaction.atomic
def item_vote_settle(*, event: Any, actor: Any) -> OversightItem:
    """As the satisfaction vote closes: its counts; passed → follow-up; not passed → the body rectifies and
    reports again, within the same period from today."""
    from renda.voting import services as voting
    from renda.voting.models import State as VoteState

    if event.state != VoteState.CLOSED:
        raise ValidationError("测评尚未结束。", code="invalid_transition")
    sv = SatisfactionVote.objects.select_for_update().select_related("item").get(vote=event)
    result = voting.vote_result(event)
    sv.satisfied, sv.basically_satisfied, sv.dissatisfied = (result.count(c) for c in ("c1", "c2", "c3"))
    sv.voted, sv.entitled = result.voted, result.entitled
    sv.passed = passes(
        satisfied=sv.satisfied, basically_satisfied=sv.basically_satisfied, entitled=sv.entitled
    )
    sv.save()
    text = (
        f"第{sv.round}次测评：应到{sv.entitled}人，投票{sv.voted}人，满意{sv.satisfied}票，"
        f"基本满意{sv.basically_satisfied}票，不满意{sv.dissatisfied}票，{'通过' if sv.passed else '未通过'}"
    )
    item = sv.item
    if sv.passed:
        return ITEM_FLOW.apply(item, "pass", actor=actor, note=text, result=text)
    item = ITEM_FLOW.apply(
        item, "fail", actor=actor, note=text, result=text, report_due=report_due(item, clock.today())
    )
    # the next round: the body's answered assignment reopens, due with the new report
    assert item.report_due is not None
    casework.reopen(OPINIONS, item, due=item.report_due, actor=actor)
    return item


def item_follow_up(*, item: OversightItem, note: str, actor: Any) -> OversightItem:
    """跟踪监督（回头看）: what the follow-up found, on the item's timeline."""
    if not note.strip():
        ITEM_FLOW.refuse(item, "follow_up", actor=actor)
        raise ValidationError({"note": "请填写跟踪监督情况。"})
    text = f"{item.follow_up}\n{cn_date(clock.today())}：{note.strip()}".strip()
    return ITEM_FLOW.apply(item, "follow_up", actor=actor, note=note.strip(), follow_up=text)


@transaction.atomic
def rectification_close(*, rectification: Rectification, actor: Any) -> Rectification:
    """销号: the office closes a rectification the body reported done; the last one closes the item."""
    rectification = Rectification.objects.select_for_update().get(pk=rectification.pk)
    item = rectification.item
    ITEM_FLOW.refuse(item, "rectification_close", actor=actor)
    if rectification.state != RectificationState.DONE:
        raise ValidationError("只有已报告整改完成的事项可以销号。", code="not_done")
    item = ITEM_FLOW.apply(item, "rectification_close", actor=actor, note=rectification.measure[:60])
    rectification.state = RectificationState.CLOSED
    rectification.closed_on = clock.today()
    rectification.save()
    if not item.rectifications.exclude(state=RectificationState.CLOSED).exists():
        ITEM_FLOW.apply(item, "close", actor=actor, note="整改事项全部销号", closed_on=clock.today())
    return rectification


def item_publish(*, item: OversightItem, actor: Any) -> OversightItem:
    """【国】 Art. 17: the opinions, the handling report and the vote's result sent to deputies and published."""
    if item.published_on is not None:
        raise ValidationError("已通报并公开。", code="already_published")
    return ITEM_FLOW.apply(item, "publish", actor=actor, published_on=clock.today())


# ------------------------------------------------------------------ 4. interpellations


def _serving_members(day: datetime.date) -> Any:
    from renda.org.models import CommitteeMembership

    return (
        CommitteeMembership.objects.filter(start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .values("deputy")
    )


@transaction.atomic
def interpellation_file(
    *, title: str, content: str, body: Any, filers: Sequence[Any], actor: Any
) -> Interpellation:
    """【国】 Art. 53: filed jointly by at least three members of the standing committee."""
    deputy = getattr(actor, "deputy", None)
    if not can(actor, MANAGE) and (deputy is None or deputy not in filers):
        raise PermissionDenied("质询案由常委会组成人员联名提出。")
    if not title.strip() or not content.strip():
        raise ValidationError({"title" if not title.strip() else "content": "请填写案由和质询内容。"})
    today = clock.today()
    serving = set(_serving_members(today).values_list("deputy", flat=True))
    chosen = {d.pk: d for d in filers}
    outsiders = [d.name for d in chosen.values() if d.pk not in serving]
    if outsiders:
        raise ValidationError({"filers": f"{'、'.join(outsiders)}不是常委会组成人员。"})
    if len(chosen) < INTERPELLATION_MIN_FILERS:
        raise ValidationError(
            {"filers": ValidationError("质询案须由常委会组成人员三人以上联名提出。", code="too_few_filers")}
        )
    interpellation = Interpellation.objects.create(
        title=title.strip(), content=content.strip(), body=body, filed_on=today
    )
    interpellation.filers.set(chosen.values())
    INTERPELLATION_FLOW.record(
        interpellation, action="提出质询案", actor=actor, note=f"{len(chosen)}名组成人员联名", from_state="",
        to_state=interpellation.state, created_at=clock.now(),
    )  # fmt: skip
    return interpellation


def interpellation_schedule(*, interpellation: Interpellation, meeting: Any, actor: Any) -> Interpellation:
    from renda.meetings.models import MeetingKind, MeetingState

    if meeting.kind != MeetingKind.STANDING or meeting.state == MeetingState.CLOSED:
        INTERPELLATION_FLOW.refuse(interpellation, "schedule", actor=actor)
        raise ValidationError({"meeting": "请选择尚未闭会的常委会会议。"})
    return INTERPELLATION_FLOW.apply(
        interpellation, "schedule", actor=actor, note=meeting.title, meeting=meeting
    )


def interpellation_answer(*, interpellation: Interpellation, answer: str, actor: Any) -> Interpellation:
    """The body's answer at the meeting (again, after most filers were dissatisfied)."""
    name = "answer_again" if interpellation.state == "reanswer" else "answer"
    if not answer.strip():
        INTERPELLATION_FLOW.refuse(interpellation, name, actor=actor)
        raise ValidationError({"answer": "请填写答复内容。"})
    return INTERPELLATION_FLOW.apply(
        interpellation, name, actor=actor, note=f"第{interpellation.answer_rounds + 1}次答复",
        answer=answer.strip(), answer_rounds=interpellation.answer_rounds + 1, dissatisfied=None,
    )  # fmt: skip


def interpellation_assess(*, interpellation: Interpellation, dissatisfied: int, actor: Any) -> Interpellation:
    """【国】 Art. 53: if a majority of the filers are dissatisfied with the answer, the body answers again."""
    filers = interpellation.filers.count()
    if not 0 <= dissatisfied <= filers:
        INTERPELLATION_FLOW.refuse(interpellation, "close", actor=actor)
        raise ValidationError({"dissatisfied": f"不满意人数为0至{filers}。"})
    again = dissatisfied * 2 > filers
    note = f"提案人{filers}人，不满意{dissatisfied}人"
    return INTERPELLATION_FLOW.apply(
        interpellation, "reanswer" if again else "close", actor=actor, note=note, dissatisfied=dissatisfied
    )


# ------------------------------------------------------------------ 5. filing review of normative documents


def filing_due(published_on: datetime.date) -> datetime.date:
    """【地】 a normative document is filed within `oversight_filing_days` days of its publication."""
    return published_on + datetime.timedelta(days=rule("oversight_filing_days"))


@transaction.atomic
def filing_register(
    *, title: str, number: str, issuer: Any, published_on: datetime.date, filed_on: datetime.date, actor: Any
) -> FilingDocument:
    _office_only(actor)
    if not title.strip():
        raise ValidationError({"title": "请填写文件名称。"})
    if filed_on < published_on:
        raise ValidationError({"filed_on": "报备日期不能早于公布日期。"})
    due = filing_due(published_on)
    document = FilingDocument.objects.create(
        title=title.strip(), number=number.strip(), issuer=issuer, published_on=published_on, filed_on=filed_on,
        filing_due=due, filed_late=filed_on > due,
    )  # fmt: skip
    FILING_FLOW.record(
        document, action="登记备案", actor=actor, note="逾期报备" if document.filed_late else "",
        from_state="", to_state=document.state, created_at=clock.now(),
    )  # fmt: skip
    return document


def filing_review(*, document: FilingDocument, requested_by: str = "", actor: Any) -> FilingDocument:
    """Reviewed actively (主动审查) or on the request of a citizen or organisation (依申请审查)."""
    note = f"依{requested_by.strip()}的审查建议" if requested_by.strip() else "主动审查"
    return FILING_FLOW.apply(document, "review", actor=actor, note=note, requested_by=requested_by.strip())


FILING_OUTCOMES = {"lawful": "审查合法", "correct": "要求纠正", "revoke": "撤销"}


def filing_decide(*, document: FilingDocument, outcome: str, note: str, actor: Any) -> FilingDocument:
    if outcome not in FILING_OUTCOMES:
        raise ValidationError({"outcome": "审查结论无效。"})
    if outcome != "lawful" and not note.strip():
        FILING_FLOW.refuse(document, outcome, actor=actor)
        raise ValidationError({"note": "请填写审查意见。"})
    return FILING_FLOW.apply(
        document, outcome, actor=actor, note=note.strip(), review_note=note.strip(), reviewed_on=clock.today()
    )


def filing_corrected(*, document: FilingDocument, note: str, actor: Any) -> FilingDocument:
    if not note.strip():
        FILING_FLOW.refuse(document, "corrected", actor=actor)
        raise ValidationError({"note": "请填写纠正情况。"})
    return FILING_FLOW.apply(
        document, "corrected", actor=actor, note=note.strip(), correction_note=note.strip()
    )
