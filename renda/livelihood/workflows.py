"""The moves of a proposal, a ballot and a project, declared once (core.workflow)."""

import datetime
from typing import Any

from renda.casework.kinds import CaseKind
from renda.core.calendar import add_working_days
from renda.core.roles import can
from renda.core.rules import rule
from renda.core.workflow import Who, Workflow, move
from renda.livelihood.models import (
    BallotEvent,
    BallotState,
    Finding,
    FindingAssignment,
    FindingContact,
    FindingEvent,
    FindingReply,
    FindingState,
    LivelihoodProject,
    ProjectBallot,
    ProjectEvent,
    ProjectProposal,
    ProjectState,
    ProposalEvent,
    ProposalState,
)

# Capabilities (declared and granted in platform.py)
MANAGE, READ, REPORT = "livelihood.manage", "livelihood.read", "livelihood.report"

BY_OFFICE = Who(lambda user, _: can(user, MANAGE), "只有人大常委会工作机构可以进行此操作。")
BY_UNIT = Who(
    lambda user, project: can(user, REPORT) and user.handling_unit_id == project.unit_id,
    "只有项目的责任单位可以报送进度。",
)


def _record_proposal(proposal: ProjectProposal, **event: Any) -> None:
    ProposalEvent.objects.create(proposal=proposal, **event)


def _record_ballot(ballot: ProjectBallot, **event: Any) -> None:
    BallotEvent.objects.create(ballot=ballot, **event)


def _record_project(project: LivelihoodProject, **event: Any) -> None:
    ProjectEvent.objects.create(project=project, **event)


PROPOSAL_FLOW: Workflow[ProjectProposal] = Workflow(
    ProjectProposal,
    [
        move(
            "accept",
            "列为候选项目",
            [ProposalState.SUBMITTED, ProposalState.DEFERRED],
            ProposalState.CANDIDATE,
            who=BY_OFFICE,
        ),  # fmt: skip
        move("merge", "合并", ProposalState.SUBMITTED, ProposalState.MERGED, who=BY_OFFICE),
        move("decline", "不予采纳", ProposalState.SUBMITTED, ProposalState.DECLINED, who=BY_OFFICE),
        move("defer", "留待以后年度", ProposalState.SUBMITTED, ProposalState.DEFERRED, who=BY_OFFICE),
    ],
    states=ProposalState,
    record=_record_proposal,
)

BALLOT_FLOW: Workflow[ProjectBallot] = Workflow(
    ProjectBallot,
    [
        move("edit", "修改候选项目", BallotState.DRAFT, who=BY_OFFICE),
        move(
            "submit",
            "提交代表",
            BallotState.DRAFT,
            BallotState.SUBMITTED,
            who=BY_OFFICE,
            confirm="提交后候选项目不能再修改，确定提交代表吗？",
        ),  # fmt: skip
        move("vote", "发起票决", BallotState.SUBMITTED, BallotState.VOTING, who=BY_OFFICE),
        move("decide", "计入票决结果", BallotState.VOTING, BallotState.DECIDED),  # the vote's close
        move("publish", "公布结果", BallotState.DECIDED, BallotState.PUBLISHED, who=BY_OFFICE),
    ],
    states=BallotState,
    record=_record_ballot,
)

PROJECT_FLOW: Workflow[LivelihoodProject] = Workflow(
    LivelihoodProject,
    [
        move("adopt", "票决当选", ProjectState.CANDIDATE, ProjectState.ADOPTED),  # the ballot's result
        move("reject", "票决未当选", ProjectState.CANDIDATE, ProjectState.NOT_ADOPTED),
        move("plan", "修改实施计划", ProjectState.ADOPTED, who=BY_OFFICE | BY_UNIT),
        move("report", "报送进度", ProjectState.ADOPTED, who=BY_UNIT),
        move("complete", "报告完成", ProjectState.ADOPTED, ProjectState.COMPLETED, who=BY_UNIT),
        move("evaluate", "年终测评", [ProjectState.ADOPTED, ProjectState.COMPLETED], who=BY_OFFICE),
        move("inquiry", "列入专题询问", ProjectState.ADOPTED, who=BY_OFFICE),
        move(  # rated 不满意: a follow-up item of next year's oversight plan
            "oversee", "列入下年度监督计划", [ProjectState.ADOPTED, ProjectState.COMPLETED], who=BY_OFFICE
        ),
        move("follow", "代表跟踪", [ProjectState.ADOPTED, ProjectState.COMPLETED]),
    ],
    states=ProjectState,
    record=_record_project,
)


def _record_finding(finding: Finding, **event: Any) -> None:
    FindingEvent.objects.create(finding=finding, **event)


F = FindingState
FINDING_FLOW: Workflow[Finding] = Workflow(
    Finding,
    [
        move("forward", "交责任单位办理", F.OPEN, F.HANDLING, who=BY_OFFICE),
        move("answered", "单位答复", F.HANDLING, F.ANSWERED),  # the unit's reply (casework)
        move("close", "办结", F.ANSWERED, F.CLOSED, who=BY_OFFICE),
        move("rehandle", "退回重办", F.ANSWERED, F.HANDLING, who=BY_OFFICE),
    ],
    states=FindingState,
    record=_record_finding,
)


def finding_deadlines(on: datetime.date, finding: Finding) -> dict[str, datetime.date]:
    """【地】 the unit answers a finding within `livelihood_finding_working_days` working days (15); it may ask to
    be replaced within 3 working days."""
    due = add_working_days(on, rule("livelihood_finding_working_days"))
    return {"due": due, "reassign_deadline": add_working_days(on, 3), "opinion_due": due}


def _office_users() -> list:
    from renda.core.roles import Role, holders

    return list(holders(MANAGE).filter(groups__name=Role.CLERK))


FINDINGS = CaseKind(
    name="livelihood_finding",
    label="视察发现问题",
    assignment=FindingAssignment,
    contact=FindingContact,
    reply=FindingReply,
    handling_states=frozenset({F.HANDLING}),
    open_states=frozenset({F.HANDLING, F.ANSWERED}),
    handle=REPORT,
    office=BY_OFFICE,
    deadlines=finding_deadlines,
    record=_record_finding,
    url=lambda finding: finding.get_absolute_url(),
    office_users=_office_users,
    party="视察代表",
    contact_before_reply=False,  # the unit answers the office, which tells the deputies who inspected
)
