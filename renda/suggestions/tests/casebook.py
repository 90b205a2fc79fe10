"""Suggestions played through the services on past dates, for the statistics and dashboard tests.

Every step — drafting, submitting, 立案 and its number, 交办, signing for, contacting the deputy, the answer, the
evaluation, re-handling, coordination, the window that closes an unanswered evaluation — is the real service
called inside `clock.at(day)`, so deadlines, on-time flags and the facts the statistics count come from the
services, not from this helper (house rule 14). The deputies and units of a case get an account where they have
none; the office acts through one clerk. `serial` only names the case (its title); the number is the service's."""

import datetime
from typing import cast

from renda.accounts.models import User
from renda.accounts.services import user_roles_set
from renda.accounts.tests.factories import UserFactory
from renda.casework import services as casework
from renda.core import clock
from renda.core.roles import Role
from renda.org.tests.factories import CommitteeOfficeFactory
from renda.suggestions import services
from renda.suggestions.models import (
    Assignment,
    Rating,
    ResultCategory,
    State,
    Suggestion,
    Timing,
)

D = datetime.timedelta


def _account(role: str, **link) -> User:
    found = User.objects.filter(groups__name=role, is_active=True, **link).order_by("pk").first()
    if found is not None:
        return found
    user = cast(User, UserFactory(**link))
    user_roles_set(user=user, roles=[role])
    return user


def _office() -> User:
    user = User.objects.filter(groups__name=Role.CLERK, is_active=True).order_by("pk").first()
    return user or _account(Role.CLERK, office=CommitteeOfficeFactory())


def _assigned(
    *, deputy, unit, serial: int, submitted: datetime.date, session
) -> tuple[Suggestion, Assignment]:
    """Drafted and submitted on `submitted`, accepted the same day, assigned to `unit` as lead twenty days later
    and signed for the next day."""
    office, author = _office(), _account(Role.DEPUTY, deputy=deputy)
    officer = _account(Role.UNIT, handling_unit=unit)
    with clock.at(datetime.datetime.combine(submitted, datetime.time(9))):
        suggestion = services.suggestion_create(
            lead_deputy=deputy,
            title=f"关于第{serial}件事项的建议",
            content="建议内容",
            actor=author,
            timing=Timing.DURING_SESSION if session else Timing.BETWEEN_SESSIONS,
            congress_session=session,
        )
        suggestion = services.suggestion_submit(suggestion=suggestion, actor=author)
    with clock.at(datetime.datetime.combine(submitted, datetime.time(15))):
        suggestion = services.suggestion_accept(suggestion=suggestion, actor=office)
    assigned_on = submitted + D(days=20)
    with clock.at(assigned_on):
        suggestion = services.suggestion_assign(
            suggestion=suggestion, on=assigned_on, lead=unit, actor=office
        )
    assignment = suggestion.assignments.get()
    with clock.at(assigned_on + D(days=1)):
        assignment = casework.sign_for(assignment=assignment, actor=officer)
    return suggestion, assignment


def _answer(assignment: Assignment, category: ResultCategory, day: datetime.date) -> None:
    """Phone the deputy the day before, then answer on `day` (a B answer with its commitment)."""
    officer = _account(Role.UNIT, handling_unit=assignment.unit)
    with clock.at(day - D(days=1)):
        casework.record_contact(
            assignment=assignment,
            stage="before" if assignment.suggestion.round == 1 else "during",
            method="phone",
            date=day - D(days=1),
            summary="电话听取代表意见",
            actor=officer,
        )
    commitments = [("按计划落实", day + D(days=90))] if category.needs_follow_up else []
    with clock.at(day):
        services.reply_send(
            assignment=Assignment.objects.get(pk=assignment.pk),
            result_category=category,
            text="答复",
            signer="局长",
            actor=officer,
            commitments=commitments,
        )


def _evaluate(suggestion: Suggestion, rating: str, day: datetime.date) -> Suggestion:
    author = _account(Role.DEPUTY, deputy=suggestion.lead_deputy)
    with clock.at(day):
        services.evaluation_submit(suggestion=suggestion, rating=rating, actor=author)
    return Suggestion.objects.get(pk=suggestion.pk)


def closed_case(
    *,
    deputy,
    unit,
    serial: int,
    category: ResultCategory,
    rating: str,
    session=None,
    submitted: datetime.date = datetime.date(2023, 1, 11),
    answered: datetime.date = datetime.date(2023, 4, 20),
    rounds: int = 1,
    on_time: bool = True,
) -> Suggestion:
    """Answered by its lead unit on `answered` and closed about ten days later with the lead deputy's last
    `rating`: in `rounds` rounds, the earlier ones rated 不满意 (a last 不满意 needs the second round and ends
    in the office's coordination); 未反馈 when the evaluation window passes (evaluations_expire). `on_time`
    states what the dates give (the service decides it; a mismatch is an error in the test's data)."""
    rounds = max(rounds, 2) if rating == Rating.DISSATISFIED else rounds
    suggestion, assignment = _assigned(
        deputy=deputy, unit=unit, serial=serial, submitted=submitted, session=session
    )
    day = answered
    for number in range(1, rounds + 1):
        _answer(Assignment.objects.get(pk=assignment.pk), category, day)
        suggestion = Suggestion.objects.get(pk=suggestion.pk)
        last = number == rounds
        if last and rating == Rating.NO_FEEDBACK:
            due = suggestion.evaluation_due
            assert due is not None
            after = due + D(days=1)
            with clock.at(after):
                services.evaluations_expire(today=after)
        else:
            suggestion = _evaluate(suggestion, rating if last else Rating.DISSATISFIED, day + D(days=2))
        day += D(days=4)
    suggestion = Suggestion.objects.get(pk=suggestion.pk)
    if suggestion.state == State.COORDINATION:
        with clock.at(answered + D(days=10)):
            services.coordination_close(
                suggestion=suggestion, outcome="召集代表和承办单位面商。", actor=_office()
            )
        suggestion = Suggestion.objects.get(pk=suggestion.pk)
    if suggestion.state != State.CLOSED or suggestion.answered_late == on_time:
        raise AssertionError(f"第{serial}件：{suggestion.get_state_display()}，按期答复与所给日期不符。")
    return suggestion


def open_case(*, deputy, unit, serial: int, submitted: datetime.date, session=None) -> Suggestion:
    """Assigned to its lead unit twenty days after submission, signed for, and not answered yet."""
    suggestion, _ = _assigned(deputy=deputy, unit=unit, serial=serial, submitted=submitted, session=session)
    return Suggestion.objects.get(pk=suggestion.pk)
