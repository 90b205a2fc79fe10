"""The suggestion's and the assignment's moves, declared once (core.workflow).

Services make these moves with `SUGGESTION_FLOW.apply` / `ASSIGNMENT_FLOW.apply`; the detail page's buttons and
the API's `available_actions` are `moves_for(user, obj)` of the same declarations. A move without `who` is a
consequence the services make (the last reply of a case, an evaluation, a window that passes)."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q

from renda.casework.kinds import CaseKind
from renda.casework.workflows import by_unit
from renda.core.calendar import add_months, add_working_days
from renda.core.roles import Role, can, has_role
from renda.core.rules import rule
from renda.core.workflow import Who, Workflow, move
from renda.suggestions.models import (
    Assignment,
    ContactRecord,
    Cosigner,
    Evaluation,
    KeySupervision,
    Kind,
    Reply,
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


def entered_on_behalf(suggestion: Suggestion) -> bool:
    """Entered by the office on the lead deputy's behalf (a paper suggestion): by an account that is not the
    deputy's own. A suggestion whose entering account is gone counts as the deputy's."""
    entered_by = suggestion.entered_by
    return entered_by is not None and entered_by.deputy_id != suggestion.lead_deputy_id


def deputys_draft(suggestion: Suggestion) -> bool:
    """A draft is the deputy's until it is submitted: only its deputy (and the co-signers invited to it) see
    it and only its deputy moves it — unless the office entered it on the deputy's behalf, when the office
    holds it too. selectors.office_draft_q is the same test in the database."""
    return suggestion.state == State.DRAFT and not entered_on_behalf(suggestion)


BY_OFFICE = Who(lambda user, _: is_suggestion_office(user), "只有代表工作机构可以进行此操作。")
BY_AUTHOR = Who(
    lambda user, suggestion: (
        (can(user, AUTHOR) and user.deputy_id == suggestion.lead_deputy_id)
        or (is_suggestion_office(user) and not deputys_draft(suggestion))
    ),
    "只有领衔代表或代表工作机构可以进行此操作（代表本人起草的草稿在提交前只由代表本人操作）。",
)
BY_EVALUATOR = Who(_evaluates, "只有领衔代表（或按设置的联名代表）可以评价。")
# A co-signer's invitation (not a move of the suggestion) is answered by the invited deputy.
BY_INVITED = Who(
    lambda user, cosigner: has_role(user, Role.DEPUTY) and user.deputy_id == cosigner.deputy_id,
    "只能由受邀代表本人确认附议。",
)

# ---------------------------------------------------------------- the suggestion

REGISTERED_STATES = frozenset(
    {State.ACCEPTED, State.HANDLING, State.REPLIED, State.REHANDLING, State.COORDINATION, State.CLOSED}
)
IN_HANDLING = frozenset({State.HANDLING, State.REHANDLING})


def _not_key_yet(suggestion: Suggestion) -> None:
    if KeySupervision.objects.filter(suggestion=suggestion).exists():
        raise ValidationError("该建议已列为重点督办。", code="already_key")


def confirmation(act: str) -> str:
    """The question a page asks before an act that cannot be undone (Move.confirm)."""
    return f"确定{act}？此操作不可撤回。"


SUBMIT_CONFIRM = "确定提交？提交后不能再修改，此操作不可撤回。"
PRESIDIUM_CONFIRM = confirmation("登记主席团决定")


def _record_case(suggestion: Suggestion, **event: Any) -> None:
    SuggestionEvent.objects.create(suggestion=suggestion, **event)


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
            confirm=SUBMIT_CONFIRM,
        ),
        move(
            "submit_motion",
            "提交议案",
            State.DRAFT,
            State.PRESIDIUM_REVIEW,
            who=BY_AUTHOR,
            when=lambda s: s.kind == Kind.MOTION,
            confirm=SUBMIT_CONFIRM,
        ),
        move(
            "resubmit",
            "修改后重新提交",
            State.RETURNED,
            State.SUBMITTED,
            who=BY_AUTHOR,
            confirm=SUBMIT_CONFIRM,
        ),
        move(
            "put_on_agenda",
            "列入大会议程",
            State.PRESIDIUM_REVIEW,
            State.ON_AGENDA,
            who=BY_OFFICE,
            confirm=PRESIDIUM_CONFIRM,
        ),
        move(
            "handle_as_suggestion",
            "作为建议处理",
            State.PRESIDIUM_REVIEW,
            State.SUBMITTED,
            who=BY_OFFICE,
            confirm=PRESIDIUM_CONFIRM,
        ),
        move(
            "not_accept",
            "不作为议案",
            State.PRESIDIUM_REVIEW,
            State.NOT_ACCEPTED,
            who=BY_OFFICE,
            confirm=PRESIDIUM_CONFIRM,
        ),
        move(
            "register", "立案", State.SUBMITTED, State.ACCEPTED, who=BY_OFFICE, confirm=confirmation("立案")
        ),
        move(
            "return",
            "退回修改",
            State.SUBMITTED,
            State.RETURNED,
            who=BY_OFFICE,
            confirm=confirmation("退回领衔代表修改"),
        ),
        move(
            "reject",
            "不予立案",
            State.SUBMITTED,
            State.REJECTED,
            who=BY_OFFICE,
            confirm=confirmation("不予立案"),
        ),
        # the office merges others into this one; each of the others moves to 已并案
        move("merge", "并案", [State.SUBMITTED, State.ACCEPTED], who=BY_OFFICE, confirm=confirmation("并案")),
        move("merged", "并案", [State.SUBMITTED, State.ACCEPTED], State.MERGED),
        move("assign", "交办", State.ACCEPTED, State.HANDLING, who=BY_OFFICE, confirm=confirmation("交办")),
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
    record=_record_case,
)

# ---------------------------------------------------------------- the assignments: a kind of case (renda.casework)

# 代表法 Art. 51: reply within 3 months of assignment, 6 months where broad or hard.
REPLY_MONTHS = 3
REPLY_MONTHS_COMPLEX = 6


def deadlines(on: datetime.date, suggestion: Suggestion) -> dict[str, datetime.date]:
    """An assignment's dates: the reply 3 months after assignment, 6 if complex (Art. 51); the local
    windows for reassignment, first contact and the joint units' opinion (rules)."""
    return {
        "due": add_months(on, REPLY_MONTHS_COMPLEX if suggestion.is_complex else REPLY_MONTHS),
        "reassign_deadline": add_working_days(on, rule("reassignment_working_days")),
        "contact_deadline": add_working_days(on, rule("contact_working_days")),
        "opinion_due": add_months(on, rule("joint_opinion_months")),
    }


def office_users() -> list:
    """The deputies' affairs office's active clerks."""
    from renda.accounts.models import User

    return list(User.objects.filter(groups__name=Role.CLERK, is_active=True).distinct())


def case_deputies(cases) -> Q:
    """The lead deputy and the confirmed co-signers of `cases` (a queryset of suggestion pks)."""
    leads = Suggestion.objects.filter(pk__in=cases).values("lead_deputy")
    cosigners = Cosigner.objects.filter(suggestion__in=cases, status=Cosigner.Status.CONFIRMED).values(
        "deputy"
    )
    return Q(pk__in=leads) | Q(pk__in=cosigners)


CASES = CaseKind(
    name="suggestion",
    label="代表建议",
    assignment=Assignment,
    contact=ContactRecord,
    reply=Reply,
    handling_states=IN_HANDLING,
    open_states=IN_HANDLING | {State.REPLIED, State.COORDINATION},
    handle=HANDLE,
    office=BY_OFFICE,
    deadlines=deadlines,
    record=_record_case,
    url=lambda suggestion: f"/suggestions/{suggestion.pk}/",
    office_users=office_users,
    party="代表",
    contact_law="（代表法第51条）",
    deputies=case_deputies,
    reminder_key_prefix="",  # the reminders' keys from before casework: none is sent twice across the upgrade
)
ASSIGNMENT_FLOW: Workflow[Assignment] = CASES.flow
BY_UNIT = by_unit(CASES)

# Derived tables: the documentation's diagrams, the demo's labels and the tests read these.
TRANSITIONS = SUGGESTION_FLOW.transitions()
FINAL_STATES = SUGGESTION_FLOW.final_states()
ASSIGNMENT_TRANSITIONS = {state: set(targets) for state, targets in ASSIGNMENT_FLOW.transitions().items()}
