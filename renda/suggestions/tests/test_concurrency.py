"""Concurrent writers on PostgreSQL (threads, each with its own connection): row locks decide, so two
parties acting at once cannot both win and nothing is lost. SQLite serialises writers, so these tests need
PostgreSQL; with REQUIRE_POSTGRES=1 they fail rather than skip."""

import pytest
from django.core.exceptions import ValidationError

from renda.core.tests.concurrency import postgres_only, race  # noqa: F401 - postgres_only is a fixture
from renda.suggestions import services
from renda.suggestions.models import NumberSequence, Reply, State, Suggestion
from renda.suggestions.tests import flow

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("postgres_only")]


def reply_call(assignment, officer):
    return lambda: services.reply_send(
        assignment=assignment, result_category=flow.category_a(), text="答复", signer="李局长", actor=officer
    )


def test_two_officers_of_the_lead_unit_replying_at_once_cannot_both_win(deputy, office, officer, colleague):
    suggestion = flow.assigned(office, deputy, lead=officer.handling_unit)
    assignment = flow.assignment_of(suggestion, officer)
    flow.contact(assignment, officer)
    flow.category_a()

    results = race(reply_call(assignment, officer), reply_call(assignment, colleague))

    assert sum(isinstance(r, Reply) for r in results) == 1
    assert sum(isinstance(r, ValidationError) for r in results) == 1
    assert Reply.objects.filter(assignment=assignment).count() == 1
    suggestion.refresh_from_db()
    assert suggestion.state == State.REPLIED
    assert suggestion.events.filter(to_state=State.REPLIED).count() == 1


def test_two_split_units_replying_at_once_both_count_and_the_case_is_replied_once(
    deputy, office, officer, other_officer
):
    suggestion = flow.assigned(
        office, deputy, assign={"split": [officer.handling_unit, other_officer.handling_unit]}
    )
    first, second = flow.assignment_of(suggestion, officer), flow.assignment_of(suggestion, other_officer)
    flow.contact(first, officer)
    flow.contact(second, other_officer)
    flow.category_a()

    results = race(reply_call(first, officer), reply_call(second, other_officer))

    assert all(isinstance(r, Reply) for r in results), results
    suggestion.refresh_from_db()
    assert suggestion.state == State.REPLIED
    assert suggestion.events.filter(to_state=State.REPLIED).count() == 1


def test_concurrent_accepts_give_distinct_numbers(deputy, office):
    cases = [flow.submitted(deputy) for _ in range(6)]

    results = race(
        *[lambda case=case: services.suggestion_accept(suggestion=case, actor=office) for case in cases]
    )

    assert all(isinstance(r, Suggestion) for r in results), results
    numbers = sorted(Suggestion.objects.values_list("number", flat=True))
    assert numbers == [f"2026年闭会期间第{n:03d}号" for n in range(1, 7)]
    assert NumberSequence.objects.get().last == 6


def test_two_clerks_accepting_the_same_suggestion_at_once_number_it_once(deputy, office, clerk):
    suggestion = flow.submitted(deputy)

    results = race(
        lambda: services.suggestion_accept(suggestion=suggestion, actor=office),
        lambda: services.suggestion_accept(suggestion=suggestion, actor=clerk),
    )

    assert sum(isinstance(r, Suggestion) for r in results) == 1
    assert sum(isinstance(r, ValidationError) for r in results) == 1
    suggestion.refresh_from_db()
    assert suggestion.number == "2026年闭会期间第001号"
    assert NumberSequence.objects.get().last == 1
    assert suggestion.events.filter(to_state=State.ACCEPTED).count() == 1
