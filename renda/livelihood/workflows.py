"""The moves of a proposal, a ballot and a project, declared once (core.workflow)."""

from typing import Any

from renda.core.roles import can
from renda.core.workflow import Who, Workflow, move
from renda.livelihood.models import (
    BallotEvent,
    BallotState,
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
        move("follow", "代表跟踪", [ProjectState.ADOPTED, ProjectState.COMPLETED]),
    ],
    states=ProjectState,
    record=_record_project,
)
