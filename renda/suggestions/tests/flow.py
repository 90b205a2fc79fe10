"""Drive a suggestion along the workflow through its services, step by step (never by setting `state`)."""

import datetime

from renda.casework import services as casework
from renda.casework.models import AssignmentState
from renda.core import clock
from renda.suggestions import services
from renda.suggestions.models import (
    Assignment,
    Reply,
    ResultCategory,
    Suggestion,
)
from renda.suggestions.tests.factories import ResultCategoryFactory, SuggestionFactory


def category_a() -> ResultCategory:
    return ResultCategoryFactory(code="A", label="已解决或基本解决", counts_as_resolved=True)


def category_b() -> ResultCategory:
    return ResultCategoryFactory(
        code="B", label="正在解决或列入计划", counts_as_resolved=False, needs_follow_up=True
    )


def draft(deputy_user, **fields) -> Suggestion:
    return SuggestionFactory(lead_deputy=deputy_user.deputy, entered_by=deputy_user, **fields)


def submitted(deputy_user, **fields) -> Suggestion:
    return services.suggestion_submit(suggestion=draft(deputy_user, **fields), actor=deputy_user)


def accepted(office, deputy_user, **fields) -> Suggestion:
    return services.suggestion_accept(suggestion=submitted(deputy_user, **fields), actor=office)


def assigned(
    office, deputy_user, *, lead=None, on: datetime.date | None = None, assign: dict | None = None, **fields
) -> Suggestion:
    """Accepted and assigned (`lead` unit, or the units in `assign`), on `on` (default today)."""
    units = assign if assign is not None else {"lead": lead}
    return services.suggestion_assign(
        suggestion=accepted(office, deputy_user, **fields),
        on=on or clock.today(),
        actor=office,
        **units,
    )


def assignment_of(suggestion: Suggestion, officer) -> Assignment:
    return suggestion.assignments.exclude(state=AssignmentState.WITHDRAWN).get(unit=officer.handling_unit)


def contact(assignment: Assignment, officer) -> None:
    """Sign for the assignment (if not yet) and record a phone call with the deputy."""
    if assignment.state == AssignmentState.ASSIGNED:
        assignment = casework.sign_for(assignment=assignment, actor=officer)
    casework.record_contact(
        assignment=assignment,
        stage="before",
        method="phone",
        date=clock.today(),
        summary="电话听取代表意见",
        actor=officer,
    )


def answer(assignment: Assignment, officer, *, category: ResultCategory | None = None, **kwargs) -> Reply:
    """Contact the deputy, then reply (A category unless given)."""
    contact(assignment, officer)
    return services.reply_send(
        assignment=assignment,
        result_category=category or category_a(),
        text="已纳入年度计划并组织实施。",
        signer="李局长",
        actor=officer,
        **kwargs,
    )


def replied(office, deputy_user, officer, **fields) -> Suggestion:
    suggestion = assigned(office, deputy_user, lead=officer.handling_unit, **fields)
    answer(assignment_of(suggestion, officer), officer, publishable=True)
    suggestion.refresh_from_db()
    return suggestion
