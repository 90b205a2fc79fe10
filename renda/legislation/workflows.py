"""The moves of a draft's consultation, declared once (core.workflow)."""

from typing import Any

from renda.core.roles import can
from renda.core.workflow import Who, Workflow, move
from renda.legislation.models import Draft, DraftEvent, DraftState

# Capabilities (declared and granted in platform.py)
MANAGE, READ, COMMENT, KEEP = (
    "legislation.manage",
    "legislation.read",
    "legislation.comment",
    "legislation.keep",
)

BY_OFFICE = Who(lambda user, _: can(user, MANAGE), "只有人大常委会工作机构可以进行此操作。")


def _record(draft: Draft, **event: Any) -> None:
    DraftEvent.objects.create(draft=draft, **event)


OPEN_STATES = [DraftState.RECEIVED, DraftState.CONSULTING, DraftState.SORTING]

DRAFT_FLOW: Workflow[Draft] = Workflow(
    Draft,
    [
        move("revise", "上传新版本", OPEN_STATES, who=BY_OFFICE),
        move("correct", "校正条文", OPEN_STATES, who=BY_OFFICE),
        move("open", "发布征求意见", DraftState.RECEIVED, DraftState.CONSULTING, who=BY_OFFICE),
        move("close", "结束征求意见", DraftState.CONSULTING, DraftState.SORTING, who=BY_OFFICE),
        move("expire", "征求意见期满", DraftState.CONSULTING, DraftState.SORTING),  # the daily tick
        move("sort", "整理意见", [DraftState.CONSULTING, DraftState.SORTING], who=BY_OFFICE),
        move(
            "report",
            "报送上级人大",
            DraftState.SORTING,
            DraftState.REPORTED,
            who=BY_OFFICE,
            when=lambda draft: draft.opinions.exists(),
            confirm="报送后整理意见不能再修改，确定已报送上级人大吗？",
        ),  # fmt: skip
        move("final", "录入通过文本", DraftState.REPORTED, who=BY_OFFICE),
        move("adopt", "记录采纳情况", DraftState.REPORTED, who=BY_OFFICE),
        move(
            "conclude",
            "反馈采纳情况",
            DraftState.REPORTED,
            DraftState.CONCLUDED,
            who=BY_OFFICE,
            when=lambda draft: draft.passed_on is not None,
        ),  # fmt: skip
    ],
    states=DraftState,
    record=_record,
)
