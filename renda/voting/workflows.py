"""A vote's moves, declared once (core.workflow): prepared → open → closed, made by the office or the chair
(capability voting.run); a paper vote's tally is a step while it is open."""

from typing import Any

from django.core.exceptions import ValidationError

from renda.core.roles import can
from renda.core.workflow import Who, Workflow, move
from renda.voting.models import State, VoteEvent, VoteLog

# Capabilities (declared and granted in platform.py)
RUN, READ, CAST = "voting.run", "voting.read", "voting.cast"

BY_RUNNER = Who(lambda user, _: can(user, RUN), "只有会议工作人员或会议主持人可以进行此操作。")


def _tallied(event: VoteEvent) -> None:
    if event.is_paper and not hasattr(event, "tally"):
        raise ValidationError("纸质票表决须先录入计票结果。", code="no_tally")


def _record(event: VoteEvent, **entry: Any) -> None:
    VoteLog.objects.create(event=event, **entry)


VOTE_FLOW: Workflow[VoteEvent] = Workflow(
    VoteEvent,
    [
        move("open", "开始表决", State.PREPARED, State.OPEN, who=BY_RUNNER),
        move("tally", "录入计票结果", State.OPEN, who=BY_RUNNER, when=lambda event: event.is_paper),
        move("close", "结束表决", State.OPEN, State.CLOSED, who=BY_RUNNER, check=_tallied),
    ],
    states=State,
    record=_record,
)

TRANSITIONS = VOTE_FLOW.transitions()
