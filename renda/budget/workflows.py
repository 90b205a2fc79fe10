"""An alert's moves, declared once (core.workflow), and its inquiries to departments as a kind of case
(renda.casework): the department signs for the inquiry, may ask to be replaced, and answers by the deadline."""

import datetime
from typing import Any

from renda.budget.models import Alert, AlertAssignment, AlertContact, AlertEvent, AlertReply, AlertState
from renda.casework.kinds import CaseKind
from renda.core.calendar import add_working_days
from renda.core.roles import Role, can, holders
from renda.core.rules import rule
from renda.core.workflow import Who, Workflow, move

# Capabilities (declared and granted in platform.py)
MANAGE, READ, HANDLE = "budget.manage", "budget.read", "budget.handle"

BY_OFFICE = Who(lambda user, _: can(user, MANAGE), "只有人大常委会预算工作机构可以进行此操作。")


def _record(alert: Alert, **event: Any) -> None:
    AlertEvent.objects.create(alert=alert, **event)


ALERT_FLOW: Workflow[Alert] = Workflow(
    Alert,
    [
        move("dismiss", "核查排除", AlertState.NEW, AlertState.DISMISSED, who=BY_OFFICE),
        move(
            "inquire",
            "函询",
            AlertState.NEW,
            AlertState.INQUIRING,
            who=BY_OFFICE,
            confirm="函询将发送给被询问单位，确定发出吗？",
        ),  # fmt: skip
        move("answered", "单位答复", AlertState.INQUIRING, AlertState.ANSWERED),  # the inquiry's reply
        move("close", "办结", AlertState.ANSWERED, AlertState.CLOSED, who=BY_OFFICE),
        move("escalate", "提请跟踪监督", AlertState.ANSWERED, AlertState.ESCALATED, who=BY_OFFICE),
    ],
    states=AlertState,
    record=_record,
)

TRANSITIONS = ALERT_FLOW.transitions()
FINAL_STATES = ALERT_FLOW.final_states()


def deadlines(on: datetime.date, alert: Alert) -> dict[str, datetime.date]:
    """The office's deadline for the answer (at least the rule's working days), and the window to ask to be
    replaced."""
    due = alert.due or add_working_days(on, rule("budget_answer_working_days"))
    return {"due": due, "reassign_deadline": add_working_days(on, 3), "opinion_due": due}


def office_users() -> list:
    return list(holders(MANAGE).filter(groups__name=Role.CLERK))


CASES = CaseKind(
    name="budget_alert",
    label="预算预警函询",
    assignment=AlertAssignment,
    contact=AlertContact,
    reply=AlertReply,
    handling_states=frozenset({AlertState.INQUIRING}),
    open_states=frozenset({AlertState.INQUIRING, AlertState.ANSWERED}),
    handle=HANDLE,
    office=BY_OFFICE,
    deadlines=deadlines,
    record=_record,
    url=lambda alert: f"/budget/alerts/{alert.pk}/",
    office_users=office_users,
    party="预算工作机构",
    contact_before_reply=False,
)
