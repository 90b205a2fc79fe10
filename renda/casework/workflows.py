"""The assignment's moves, declared once for every kind of case (core.workflow).

A unit signs for its assignment, may ask to be replaced within the window, contacts whoever raised the case,
sends its view to the lead unit (会办) or its reply (主办, 分办); the office decides reassignment requests; a
case handled once more reopens its answered assignments. The conditions read the case's state through its
kind (`handling_states`, `open_states`), so each area keeps its own case states."""

from typing import Any

from django.core.exceptions import ValidationError

from renda.casework.models import AssignmentRole, AssignmentState
from renda.core import clock
from renda.core.formats import cn_date
from renda.core.roles import can
from renda.core.workflow import Who, Workflow, move


def by_unit(kind: Any) -> Who:
    """The officers of the assignment's own unit, holding the kind's capability to handle."""
    return Who(
        lambda user, assignment: can(user, kind.handle) and user.handling_unit_id == assignment.unit_id,
        "只有该承办单位可以进行此操作。",
    )


def reassignment_window(assignment: Any) -> None:
    """A unit asks to be replaced by its `reassign_deadline` (the area's local rule sets it at assignment)."""
    if clock.today() > assignment.reassign_deadline:
        raise ValidationError(
            f"申请调整须在规定期限内（{cn_date(assignment.reassign_deadline)}前）提出。",
            code="reassignment_window",
        )


def assignment_flow(kind: Any) -> Workflow[Any]:
    """The moves of `kind`'s assignments; their events go on the case's timeline (without case states)."""
    unit = by_unit(kind)
    answerer = (
        unit | kind.office if kind.paper else unit
    )  # who signs for and answers (the unit's paper answer)

    def in_handling(assignment: Any) -> bool:
        return kind.in_handling(assignment.case)

    def is_open(assignment: Any) -> bool:
        return kind.is_open(assignment.case)

    def record(assignment: Any, **event: Any) -> None:
        event.update(from_state="", to_state="")
        kind.record(assignment.case, **event)

    return Workflow(
        kind.assignment,
        [
            move(
                "sign_for",
                "签收",
                AssignmentState.ASSIGNED,
                AssignmentState.ACCEPTED,
                who=answerer,
                when=in_handling,
            ),
            move(
                "contact",
                f"联系{kind.party}",
                [
                    AssignmentState.ACCEPTED,
                    AssignmentState.REASSIGN_REQUESTED,
                    AssignmentState.OPINION_SENT,
                    AssignmentState.REPLIED,
                ],
                who=unit,
                when=is_open,
            ),
            move(
                "send_opinion",
                "提交会办意见",
                AssignmentState.ACCEPTED,
                AssignmentState.OPINION_SENT,
                who=unit,
                when=lambda a: a.role == AssignmentRole.JOINT and in_handling(a),
            ),
            move(
                "reply",
                "答复",
                AssignmentState.ACCEPTED,
                AssignmentState.REPLIED,
                who=answerer,
                when=lambda a: a.answers and in_handling(a),
            ),
            move(
                "request_reassignment",
                "申请调整",
                [AssignmentState.ASSIGNED, AssignmentState.ACCEPTED],
                AssignmentState.REASSIGN_REQUESTED,
                who=unit,
                when=in_handling,
                check=reassignment_window,
            ),
            move(
                "approve_reassignment",
                "同意调整",
                AssignmentState.REASSIGN_REQUESTED,
                AssignmentState.WITHDRAWN,
                who=kind.office,
            ),
            move(
                "refuse_reassignment",
                "不同意调整",
                AssignmentState.REASSIGN_REQUESTED,
                AssignmentState.ACCEPTED,
                who=kind.office,
            ),
            # the case is handled once more (a dissatisfied deputy): the answering units answer again
            move("reopen", "重新办理", AssignmentState.REPLIED, AssignmentState.ACCEPTED),
        ],
        states=AssignmentState,
        record=record,
    )
