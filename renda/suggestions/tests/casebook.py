"""Suggestions written directly as rows, in the shape the services leave them, for statistics tests whose
datasets (92 cases and more) would be slow to drive through the services. The workflow's own tests use the
services (flow.py); test_statistics.py checks the definitions on cases driven through them."""

import datetime

from django.utils import timezone

from renda.casework.models import AssignmentRole, AssignmentState
from renda.core.calendar import add_months
from renda.suggestions.models import (
    Assignment,
    Evaluation,
    Rating,
    Reply,
    ResultCategory,
    State,
    Suggestion,
    Timing,
)


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, 10))


def _suggestion(
    *, deputy, serial: int, submitted: datetime.date, assigned_on: datetime.date, session, **fields
):
    return Suggestion.objects.create(
        title=f"关于第{serial}件事项的建议",
        content="建议内容",
        lead_deputy=deputy,
        township_id=deputy.township_id,
        congress_session=session,
        timing=Timing.DURING_SESSION if session else Timing.BETWEEN_SESSIONS,
        year=submitted.year,
        serial=serial,
        number=f"{session.short_name if session else f'{submitted.year}年闭会期间'}第{serial:03d}号",
        submitted_at=_at(submitted),
        accepted_at=_at(submitted),
        assigned_on=assigned_on,
        reply_due=add_months(assigned_on, 3),
        **fields,
    )


def _assignment(suggestion: Suggestion, unit, state: str, **facts) -> Assignment:
    return Assignment.objects.create(
        suggestion=suggestion,
        year=suggestion.year,
        lead_rating=suggestion.lead_rating,
        unit=unit,
        role=AssignmentRole.LEAD,
        state=state,
        assigned_on=suggestion.assigned_on,
        due=suggestion.reply_due,
        reassign_deadline=suggestion.assigned_on + datetime.timedelta(days=14),
        **facts,
    )


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
    """Answered by its lead unit (in `rounds` rounds, the earlier ones rated 不满意) and closed ten days later
    with the lead deputy's last `rating`; with the facts the services keep for the statistics."""
    assigned_on = submitted + datetime.timedelta(days=20)
    facts = {"result_category": category, "answered_late": not on_time}
    suggestion = _suggestion(
        deputy=deputy,
        serial=serial,
        submitted=submitted,
        assigned_on=assigned_on,
        session=session,
        state=State.CLOSED,
        closed_at=_at(answered + datetime.timedelta(days=10)),
        round=rounds,
        lead_rating=rating,
        **facts,
    )
    assignment = _assignment(suggestion, unit, AssignmentState.REPLIED, **facts)
    for number in range(1, rounds + 1):
        Reply.objects.create(
            assignment=assignment,
            round=number,
            result_category=category,
            text="答复",
            signer="局长",
            sent_at=_at(answered),
            on_time=on_time,
        )
        last = number == rounds
        Evaluation.objects.create(
            suggestion=suggestion, deputy=deputy, round=number, rating=rating if last else Rating.DISSATISFIED
        )
    return suggestion


def open_case(*, deputy, unit, serial: int, submitted: datetime.date, session=None) -> Suggestion:
    """Assigned to its lead unit twenty days after submission and not answered yet."""
    suggestion = _suggestion(
        deputy=deputy,
        serial=serial,
        submitted=submitted,
        assigned_on=submitted + datetime.timedelta(days=20),
        session=session,
        state=State.HANDLING,
    )
    _assignment(suggestion, unit, AssignmentState.ACCEPTED)
    return suggestion
