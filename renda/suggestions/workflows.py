"""The suggestion's and the assignment's moves, declared once (core.workflow).

Services make these moves with `SUGGESTION_FLOW.apply` / `ASSIGNMENT_FLOW.apply`; the detail page's buttons and
the API's `available_actions` are `moves_for(user, obj)` of the same declarations. A move without `who` is a
consequence the services make (the last reply of a case, an evaluation, a window that passes)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from renda.core.formats import cn_date
from renda.core.roles import can
from renda.core.rules import rule
from renda.core.workflow import Who, Workflow, move
from renda.suggestions.models import (
    Assignment,
    AssignmentRole,
    AssignmentState,
    Cosigner,
    Evaluation,
    KeySupervision,
    Kind,
    State,
    Suggestion,
    SuggestionEvent,
)

# ---------------------------------------------------------------- who


# Capabilities (declared and granted to roles in platform.py; core.roles.can checks them)
MANAGE, READ_ALL, HANDLE, AUTHOR = (
    "suggestions.manage",
    "suggestions.read_all",
    "suggestions.handle",
    "suggestions.author",
)


def is_suggestion_office(user: Any) -> bool:
    """The deputies' affairs office (clerks) and administrators manage the registry of suggestions."""
    return can(user, MANAGE)


def evaluators(suggestion: Suggestion) -> list[int]:
    """Deputies who evaluate: the lead deputy, or every confirmed signer (rule every_signer_evaluates)."""
    ids = [suggestion.lead_deputy_id]
    if rule("every_signer_evaluates"):
        ids += list(
            suggestion.cosigners.filter(status=Cosigner.Status.CONFIRMED).values_list("deputy_id", flat=True)
        )
    return ids


def _evaluates(user: Any, suggestion: Suggestion) -> bool:
    if not (can(user, AUTHOR) and user.deputy_id and user.deputy_id in evaluators(suggestion)):
        return False
    return not Evaluation.objects.filter(
        suggestion=suggestion, deputy_id=user.deputy_id, round=suggestion.round
    ).exists()


BY_OFFICE = Who(lambda user, _: is_suggestion_office(user), "只有代表工作机构可以进行此操作。")
BY_AUTHOR = Who(
    lambda user, suggestion: (
        is_suggestion_office(user) or (can(user, AUTHOR) and user.deputy_id == suggestion.lead_deputy_id)
    ),
    "只有领衔代表或代表工作机构可以进行此操作。",
)
BY_EVALUATOR = Who(_evaluates, "只有领衔代表（或按设置的联名代表）可以评价。")
BY_UNIT = Who(
    lambda user, assignment: can(user, HANDLE) and user.handling_unit_id == assignment.unit_id,
    "只有该承办单位可以进行此操作。",
)

# ---------------------------------------------------------------- the suggestion

REGISTERED_STATES = frozenset(
    {State.ACCEPTED, State.HANDLING, State.REPLIED, State.REHANDLING, State.COORDINATION, State.CLOSED}
)
IN_HANDLING = frozenset({State.HANDLING, State.REHANDLING})


def _record_suggestion(suggestion: Suggestion, **event: Any) -> None:
    SuggestionEvent.objects.create(suggestion=suggestion, **event)


def _not_key_yet(suggestion: Suggestion) -> None:
    if KeySupervision.objects.filter(suggestion=suggestion).exists():
        raise ValidationError("该建议已列为重点督办。", code="already_key")


SUGGESTION_FLOW: Workflow[Suggestion] = Workflow(
    Suggestion,
    [
        move("edit", "修改", [State.DRAFT, State.RETURNED], who=BY_AUTHOR),
        move(
            "submit",
            "提交",
            State.DRAFT,
            State.SUBMITTED,
            who=BY_AUTHOR,
            when=lambda s: s.kind == Kind.SUGGESTION,
        ),
        move(
            "submit_motion",
            "提交议案",
            State.DRAFT,
            State.PRESIDIUM_REVIEW,
            who=BY_AUTHOR,
            when=lambda s: s.kind == Kind.MOTION,
        ),
        move("resubmit", "修改后重新提交", State.RETURNED, State.SUBMITTED, who=BY_AUTHOR),
        move("put_on_agenda", "列入大会议程", State.PRESIDIUM_REVIEW, State.ON_AGENDA, who=BY_OFFICE),
        move("handle_as_suggestion", "作为建议处理", State.PRESIDIUM_REVIEW, State.SUBMITTED, who=BY_OFFICE),
        move("not_accept", "不作为议案", State.PRESIDIUM_REVIEW, State.NOT_ACCEPTED, who=BY_OFFICE),
        move("register", "立案", State.SUBMITTED, State.ACCEPTED, who=BY_OFFICE),
        move("return", "退回修改", State.SUBMITTED, State.RETURNED, who=BY_OFFICE),
        move("reject", "不予立案", State.SUBMITTED, State.REJECTED, who=BY_OFFICE),
        # the office merges others into this one; each of the others moves to 已并案
        move("merge", "并案", [State.SUBMITTED, State.ACCEPTED], who=BY_OFFICE),
        move("merged", "并案", [State.SUBMITTED, State.ACCEPTED], State.MERGED),
        move("assign", "交办", State.ACCEPTED, State.HANDLING, who=BY_OFFICE),
        move("replied", "答复", State.HANDLING, State.REPLIED),
        move("replied_again", "再次答复", State.REHANDLING, State.REPLIED),
        move("evaluate", "评价", State.REPLIED, who=BY_EVALUATOR),
        move("close", "办结", State.REPLIED, State.CLOSED),
        move("rehandle", "重新办理", State.REPLIED, State.REHANDLING),
        move("coordinate", "协调处理", State.REPLIED, State.COORDINATION),
        move("close_coordination", "办结", State.COORDINATION, State.CLOSED, who=BY_OFFICE),
        move("supervise", "列为重点督办", REGISTERED_STATES, who=BY_OFFICE, check=_not_key_yet),
    ],
    states=State,
    record=_record_suggestion,
)

# ---------------------------------------------------------------- the assignment


def _record_assignment(assignment: Assignment, **event: Any) -> None:
    """An assignment's steps are entries on its suggestion's timeline (without the suggestion's states)."""
    event.update(from_state="", to_state="")
    SuggestionEvent.objects.create(suggestion=assignment.suggestion, **event)


def _case_in_handling(assignment: Assignment) -> bool:
    return assignment.suggestion.state in IN_HANDLING


def _case_open(assignment: Assignment) -> bool:
    return assignment.suggestion.state in IN_HANDLING | {State.REPLIED, State.COORDINATION}


def _reassignment_window(assignment: Assignment) -> None:
    if timezone.localdate() > assignment.reassign_deadline:
        raise ValidationError(
            f"申请调整须在交办后{rule('reassignment_working_days')}个工作日内"
            f"（{cn_date(assignment.reassign_deadline)}前）提出。",
            code="reassignment_window",
        )


ASSIGNMENT_FLOW: Workflow[Assignment] = Workflow(
    Assignment,
    [
        move(
            "sign_for",
            "签收",
            AssignmentState.ASSIGNED,
            AssignmentState.ACCEPTED,
            who=BY_UNIT,
            when=_case_in_handling,
        ),
        move(
            "contact",
            "联系代表",
            [
                AssignmentState.ACCEPTED,
                AssignmentState.REASSIGN_REQUESTED,
                AssignmentState.OPINION_SENT,
                AssignmentState.REPLIED,
            ],
            who=BY_UNIT,
            when=_case_open,
        ),
        move(
            "send_opinion",
            "提交会办意见",
            AssignmentState.ACCEPTED,
            AssignmentState.OPINION_SENT,
            who=BY_UNIT,
            when=lambda a: a.role == AssignmentRole.JOINT and _case_in_handling(a),
        ),
        move(
            "reply",
            "答复",
            AssignmentState.ACCEPTED,
            AssignmentState.REPLIED,
            who=BY_UNIT,
            when=lambda a: a.answers and _case_in_handling(a),
        ),
        move(
            "request_reassignment",
            "申请调整",
            [AssignmentState.ASSIGNED, AssignmentState.ACCEPTED],
            AssignmentState.REASSIGN_REQUESTED,
            who=BY_UNIT,
            when=_case_in_handling,
            check=_reassignment_window,
        ),
        move(
            "approve_reassignment",
            "同意调整",
            AssignmentState.REASSIGN_REQUESTED,
            AssignmentState.WITHDRAWN,
            who=BY_OFFICE,
        ),
        move(
            "refuse_reassignment",
            "不同意调整",
            AssignmentState.REASSIGN_REQUESTED,
            AssignmentState.ACCEPTED,
            who=BY_OFFICE,
        ),
        # a dissatisfied lead deputy: the answering units handle the case once more
        move("reopen", "重新办理", AssignmentState.REPLIED, AssignmentState.ACCEPTED),
    ],
    states=AssignmentState,
    record=_record_assignment,
)

# Derived tables: the documentation's diagrams, the demo's labels and the tests read these.
TRANSITIONS = SUGGESTION_FLOW.transitions()
FINAL_STATES = SUGGESTION_FLOW.final_states()
ASSIGNMENT_TRANSITIONS = {state: set(targets) for state, targets in ASSIGNMENT_FLOW.transitions().items()}
