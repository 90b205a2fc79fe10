"""The moves of the oversight plan, its items' closed loop, interpellations and filing review, declared once
(core.workflow)."""

import datetime
from typing import Any

from renda.casework.kinds import CaseKind
from renda.core.roles import can
from renda.core.workflow import Who, Workflow, move
from renda.oversight.models import (
    DeliberationOpinionAssignment,
    DeliberationOpinionContact,
    DeliberationOpinionReply,
    FilingDocument,
    FilingEvent,
    FilingState,
    Interpellation,
    InterpellationEvent,
    InterpellationState,
    ItemEvent,
    ItemKind,
    ItemState,
    OversightItem,
    OversightPlan,
    PlanEvent,
    PlanState,
)

# Capabilities (declared and granted in platform.py)
MANAGE, READ, RECTIFY = "oversight.manage", "oversight.read", "oversight.rectify"

BY_OFFICE = Who(lambda user, _: can(user, MANAGE), "只有人大常委会工作机构可以进行此操作。")
BY_BODY = Who(
    lambda user, item: can(user, RECTIFY) and user.handling_unit_id == item.body_id,
    "只有被监督单位可以报送整改清单和办理情况。",
)
# The body's paper submissions (整改清单, 整改完成, 研究处理情况报告 on paper) are entered by the office for it.
BY_BODY_OR_OFFICE = Who(
    lambda user, item: BY_BODY(user, item) or BY_OFFICE(user, item),
    "只有被监督单位（或据其纸质报告代为登记的人大常委会工作机构）可以报送整改清单和办理情况。",
)


def _record_plan(plan: OversightPlan, **event: Any) -> None:
    PlanEvent.objects.create(plan=plan, **event)


def _record_item(item: OversightItem, **event: Any) -> None:
    ItemEvent.objects.create(item=item, **event)


def _record_interpellation(interpellation: Interpellation, **event: Any) -> None:
    InterpellationEvent.objects.create(interpellation=interpellation, **event)


def _record_filing(document: FilingDocument, **event: Any) -> None:
    FilingEvent.objects.create(document=document, **event)


P = PlanState

PLAN_FLOW: Workflow[OversightPlan] = Workflow(
    OversightPlan,
    [
        move("edit", "编制监督事项", P.DRAFT, who=BY_OFFICE),
        move(
            "adopt",
            "主任会议通过",
            P.DRAFT,
            P.ADOPTED,
            who=BY_OFFICE,
            confirm="通过后调整计划将作为计划调整记录，确定登记主任会议通过吗？",
        ),  # fmt: skip
        move("publish", "公布计划", P.ADOPTED, P.PUBLISHED, who=BY_OFFICE),
        move("change", "调整计划", [P.ADOPTED, P.PUBLISHED], who=BY_OFFICE),
    ],
    states=PlanState,
    record=_record_plan,
)

S = ItemState
FIELD_KINDS = (ItemKind.LAW_INSPECTION, ItemKind.SURVEY, ItemKind.VISIT)  # carried out in the field
HANDLING = [S.OPINIONS_SENT, S.REPORTED, S.RATING, S.FAILED, S.FOLLOW_UP]

ITEM_FLOW: Workflow[OversightItem] = Workflow(
    OversightItem,
    [
        move(
            "schedule",
            "列入会议议程",
            S.PLANNED,
            S.SCHEDULED,
            who=BY_OFFICE,
            when=lambda item: item.plan.state != PlanState.DRAFT,
        ),  # fmt: skip
        move(
            "inspect",
            "登记检查情况",
            [S.PLANNED, S.SCHEDULED],
            who=BY_OFFICE,
            when=lambda item: item.kind in FIELD_KINDS,
        ),  # fmt: skip
        move(
            "finding",
            "登记调研发现",
            [S.PLANNED, S.SCHEDULED],
            who=BY_OFFICE,
            when=lambda item: item.kind in FIELD_KINDS,
        ),  # fmt: skip
        move("question", "登记询问和答询", [S.SCHEDULED, S.DELIBERATED], who=BY_OFFICE),
        move(
            "appraise",
            "登记评议测评",
            [S.SCHEDULED, S.DELIBERATED],
            who=BY_OFFICE,
            when=lambda item: item.kind == ItemKind.APPRAISAL,
        ),  # fmt: skip
        move("deliberate", "审议并列出问题清单", S.SCHEDULED, S.DELIBERATED, who=BY_OFFICE),
        move("send_opinions", "交办审议意见", S.DELIBERATED, S.OPINIONS_SENT, who=BY_OFFICE),
        move("rectification_add", "报送整改清单", [S.OPINIONS_SENT, S.FAILED], who=BY_BODY_OR_OFFICE),
        move("rectification_done", "报告整改完成", HANDLING, who=BY_BODY_OR_OFFICE),
        move(
            "report",
            "报送研究处理情况报告",
            [S.OPINIONS_SENT, S.FAILED],
            S.REPORTED,
            who=BY_BODY_OR_OFFICE,
        ),  # fmt: skip
        move("rate", "提付满意度测评", S.REPORTED, S.RATING, who=BY_OFFICE),
        move("pass", "测评通过", S.RATING, S.FOLLOW_UP),  # the vote's consequence (votes.after_close)
        move("fail", "测评未通过", S.RATING, S.FAILED),  # idem: the body rectifies and reports again
        move("follow_up", "跟踪监督（回头看）", S.FOLLOW_UP, who=BY_OFFICE),
        move("rectification_close", "整改事项销号", S.FOLLOW_UP, who=BY_OFFICE),
        move("close", "全部销号", S.FOLLOW_UP, S.CLOSED),  # the last rectification closed
        move(
            "publish",
            "向代表通报并公开",
            [S.REPORTED, S.RATING, S.FAILED, S.FOLLOW_UP, S.CLOSED],
            who=BY_OFFICE,
        ),  # fmt: skip
    ],
    states=ItemState,
    record=_record_item,
)


def opinion_deadlines(on: datetime.date, item: OversightItem) -> dict[str, datetime.date]:
    """The body's handling report is due by the item's `report_due` (services.report_due: 【地】
    `oversight_report_months`, `oversight_report_months_budget`), set as the opinions go out or a vote fails. The
    body overseen is the one the committee heard: it is not replaced, so the window to ask for reassignment has
    closed before it opens (the day before the assignment)."""
    assert item.report_due is not None, "the report's due date is set before the opinions are assigned"
    return {"due": item.report_due, "reassign_deadline": on - datetime.timedelta(days=1)}


def office_users() -> list:
    """The office's clerks: who hear of overdue reports."""
    from renda.core.roles import Role, holders

    return list(holders(MANAGE).filter(groups__name=Role.CLERK))


# The deliberation opinion as a kind of case (renda/casework): on the body's to-do with the units' other cases,
# signed for, answered by the handling report; a failed satisfaction vote opens the next round.
OPINIONS = CaseKind(
    name="deliberation_opinion",
    label="审议意见",
    assignment=DeliberationOpinionAssignment,
    contact=DeliberationOpinionContact,
    reply=DeliberationOpinionReply,
    handling_states=frozenset({S.OPINIONS_SENT, S.FAILED}),
    open_states=frozenset({S.OPINIONS_SENT, S.FAILED}),
    handle=RECTIFY,
    office=BY_OFFICE,
    deadlines=opinion_deadlines,
    record=_record_item,
    url=lambda item: item.get_absolute_url(),
    office_users=office_users,
    contact_before_reply=False,  # the body reports to the standing committee; there is no one to contact first
    party="常委会工作机构",
    round=lambda item: item.rounds + 1,  # the report this round makes (rounds counts those made)
    steps={"lead": "报送研究处理情况报告"},
    paper=True,  # the office enters a report the body sent on paper (services.item_report)
)

Q = InterpellationState

INTERPELLATION_FLOW: Workflow[Interpellation] = Workflow(
    Interpellation,
    [
        move("schedule", "交付答复", Q.FILED, Q.SCHEDULED, who=BY_OFFICE),
        move("answer", "答复", Q.SCHEDULED, Q.ANSWERED, who=BY_OFFICE),
        move("reanswer", "提案人过半数不满意", Q.ANSWERED, Q.REANSWER, who=BY_OFFICE),
        move("answer_again", "再次答复", Q.REANSWER, Q.ANSWERED, who=BY_OFFICE),
        move("close", "办结", Q.ANSWERED, Q.CLOSED, who=BY_OFFICE),
    ],
    states=InterpellationState,
    record=_record_interpellation,
)

F = FilingState

FILING_FLOW: Workflow[FilingDocument] = Workflow(
    FilingDocument,
    [
        move("review", "审查", F.FILED, F.REVIEWING, who=BY_OFFICE),
        move("lawful", "审查合法", F.REVIEWING, F.LAWFUL, who=BY_OFFICE),
        move("correct", "要求纠正", F.REVIEWING, F.CORRECTION, who=BY_OFFICE),
        move(
            "revoke",
            "撤销",
            [F.REVIEWING, F.CORRECTION],
            F.REVOKED,
            who=BY_OFFICE,
            confirm="确定撤销该文件吗？",
        ),
        move("corrected", "已纠正", F.CORRECTION, F.CORRECTED, who=BY_OFFICE),
    ],
    states=FilingState,
    record=_record_filing,
)
