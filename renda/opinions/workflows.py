"""A citizen's opinion's moves, declared once (core.workflow), and its departments' assignments as a kind of
case (renda.casework)."""

import datetime
from typing import Any

from renda.casework.kinds import CaseKind
from renda.core.calendar import add_working_days
from renda.core.roles import Role, can, holders
from renda.core.rules import rule
from renda.core.workflow import Who, Workflow, move
from renda.opinions.models import (
    Opinion,
    OpinionAssignment,
    OpinionContact,
    OpinionEvent,
    OpinionReply,
    State,
)

# Capabilities (declared and granted in platform.py)
MANAGE, READ_ALL, KEEP, COLLECT, HANDLE, TAKE, VIEW = (
    "opinions.manage",
    "opinions.read_all",
    "opinions.keep",
    "opinions.collect",
    "opinions.handle",
    "opinions.take",
    "opinions.view",
)


def keeps(user: Any, opinion: Opinion) -> bool:
    """The keeper of the opinion's station."""
    return can(user, KEEP) and opinion.station_id is not None and user.station_id == opinion.station_id


BY_OFFICE = Who(lambda user, _: can(user, MANAGE), "只有代表工作机构可以进行此操作。")
BY_TRIAGER = Who(
    lambda user, opinion: can(user, MANAGE) or keeps(user, opinion),
    "只有该联络站管理员或代表工作机构可以进行此操作。",
)
BY_RAISER = Who(
    lambda user, opinion: can(user, MANAGE) or (can(user, COLLECT) and user.deputy_id is not None),
    "只有代表或代表工作机构可以将群众意见转为代表建议。",
)

IN_HANDLING = frozenset({State.HANDLING, State.REHANDLING})


def _record(opinion: Opinion, **event: Any) -> None:
    OpinionEvent.objects.create(opinion=opinion, **event)


OPINION_FLOW: Workflow[Opinion] = Workflow(
    Opinion,
    [
        move("edit", "修改", State.RECEIVED, who=BY_TRIAGER),
        move("answer_on_spot", "当场答复", State.RECEIVED, State.CLOSED, who=BY_TRIAGER),
        move("redirect", "引导至其他渠道", State.RECEIVED, State.REDIRECTED, who=BY_TRIAGER),
        # the triager merges others into this one; each of the others moves to 已合并
        move("merge", "合并", State.RECEIVED, who=BY_TRIAGER),
        move("merged", "合并", State.RECEIVED, State.MERGED),
        move("forward", "转办", State.RECEIVED, State.HANDLING, who=BY_TRIAGER),
        move("raise", "转为代表建议", State.RECEIVED, State.RAISED, who=BY_RAISER),
        move("answered", "部门答复", State.HANDLING, State.ANSWERED),
        move("answered_again", "部门再次答复", State.REHANDLING, State.ANSWERED),
        move("inform", "告知群众", State.ANSWERED, State.INFORMED, who=BY_TRIAGER),
        move("feedback", "回访", State.INFORMED, who=BY_TRIAGER),
        move("citizen_feedback", "群众评价", State.INFORMED),  # on the public status page, without an account
        move("close", "办结", State.INFORMED, State.CLOSED),
        move("rehandle", "重新办理", State.INFORMED, State.REHANDLING),
        move("escalate", "转代表工作机构", State.INFORMED, State.ESCALATED),
        move("close_escalated", "办结", State.ESCALATED, State.CLOSED, who=BY_OFFICE),
    ],
    states=State,
    record=_record,
)

TRANSITIONS = OPINION_FLOW.transitions()
FINAL_STATES = OPINION_FLOW.final_states()


def deadlines(on: datetime.date, opinion: Opinion) -> dict[str, datetime.date]:
    """A department answers within 5 working days, 10 when complex (rules); it may ask to be replaced within
    opinion_reassignment_working_days. Joint departments send their view by the same date."""
    days = rule(
        "opinion_answer_working_days_complex" if opinion.is_complex else "opinion_answer_working_days"
    )
    due = add_working_days(on, days)
    return {
        "due": due,
        "reassign_deadline": add_working_days(on, rule("opinion_reassignment_working_days")),
        "opinion_due": due,
    }


def office_users() -> list:
    return list(holders(MANAGE).filter(groups__name=Role.CLERK))


CASES = CaseKind(
    name="opinion",
    label="群众意见",
    assignment=OpinionAssignment,
    contact=OpinionContact,
    reply=OpinionReply,
    handling_states=IN_HANDLING,
    open_states=IN_HANDLING | {State.ANSWERED, State.INFORMED, State.ESCALATED},
    handle=HANDLE,
    office=BY_OFFICE,
    deadlines=deadlines,
    record=_record,
    url=lambda opinion: f"/opinions/{opinion.pk}/",
    office_users=office_users,
    party="反映人",
    contact_before_reply=False,  # departments answer through the station, which holds the citizen's phone
)
