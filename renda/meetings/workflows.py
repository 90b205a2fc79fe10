"""A meeting's and a resolution's moves, declared once (core.workflow)."""

from typing import Any

from renda.core.roles import can
from renda.core.workflow import Who, Workflow, move
from renda.meetings.models import (
    Meeting,
    MeetingEvent,
    MeetingState,
    Resolution,
    ResolutionEvent,
    ResolutionState,
)

# Capabilities (declared and granted in platform.py)
MANAGE, READ, ATTEND = "meetings.manage", "meetings.read", "meetings.attend"

BY_OFFICE = Who(lambda user, _: can(user, MANAGE), "只有常委会办事机构可以进行此操作。")


def _record_meeting(meeting: Meeting, **event: Any) -> None:
    MeetingEvent.objects.create(meeting=meeting, **event)


def _record_resolution(resolution: Resolution, **event: Any) -> None:
    ResolutionEvent.objects.create(resolution=resolution, **event)


MEETING_FLOW: Workflow[Meeting] = Workflow(
    Meeting,
    [
        move("edit", "修改", MeetingState.PLANNED, who=BY_OFFICE),
        move("agenda", "安排议程", [MeetingState.PLANNED, MeetingState.CONVENED], who=BY_OFFICE),
        move("convene", "开会", MeetingState.PLANNED, MeetingState.CONVENED, who=BY_OFFICE),
        move("record", "记录", MeetingState.CONVENED, who=BY_OFFICE),  # remarks, results, 列席
        move("close", "闭会", MeetingState.CONVENED, MeetingState.CLOSED, who=BY_OFFICE),
    ],
    states=MeetingState,
    record=_record_meeting,
)

RESOLUTION_FLOW: Workflow[Resolution] = Workflow(
    Resolution,
    [
        move("edit", "修改草案", ResolutionState.DRAFT, who=BY_OFFICE),
        move(
            "adopt",
            "表决通过",
            ResolutionState.DRAFT,
            ResolutionState.ADOPTED,
            who=BY_OFFICE,
            when=lambda r: r.item.meeting.state == MeetingState.CONVENED,
        ),
        move(
            "fail",
            "表决未通过",
            ResolutionState.DRAFT,
            ResolutionState.FAILED,
            who=BY_OFFICE,
            when=lambda r: r.item.meeting.state == MeetingState.CONVENED,
        ),
    ],
    states=ResolutionState,
    record=_record_resolution,
)
