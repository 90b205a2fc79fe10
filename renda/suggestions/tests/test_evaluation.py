"""The deputy's evaluation: within the window (rule evaluation_working_days), 未反馈 left out when it passes,
dissatisfied → re-handling (rule rehandling_months) → still dissatisfied → coordination by the office."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from renda.casework.models import AssignmentState
from renda.core.models import Notification
from renda.core.roles import Role
from renda.deputies.tests.factories import DeputyFactory
from renda.suggestions import services
from renda.suggestions.models import (
    Evaluation,
    Rating,
    State,
)
from renda.suggestions.tests import flow

pytestmark = pytest.mark.django_db

D = datetime.date


def at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, 10, tzinfo=ZoneInfo("Asia/Shanghai"))


def evaluate(suggestion, user, rating, **kwargs):
    return services.evaluation_submit(suggestion=suggestion, rating=rating, actor=user, **kwargs)


@pytest.fixture
def cosigned(make_user, deputy, office, officer):
    """A replied suggestion with one confirmed co-signer; returns (suggestion, cosigner user)."""
    cosigner = make_user(Role.DEPUTY, deputy=DeputyFactory())
    suggestion = flow.draft(deputy)
    services.cosigners_invite(suggestion=suggestion, deputies=[cosigner.deputy], actor=deputy)
    services.cosigner_respond(cosigner=suggestion.cosigners.get(), confirm=True, actor=cosigner)
    services.suggestion_accept(
        suggestion=services.suggestion_submit(suggestion=suggestion, actor=deputy), actor=office
    )
    suggestion = services.suggestion_assign(
        suggestion=suggestion, on=D(2026, 3, 2), lead=officer.handling_unit, actor=office
    )
    flow.answer(flow.assignment_of(suggestion, officer), officer)
    suggestion.refresh_from_db()
    return suggestion, cosigner


def test_rule_evaluation_working_days_window_crosses_spring_festival(time_machine, deputy, office, officer):
    # Replied Friday 13 February 2026: the Spring Festival (15–23 February) is skipped, the swapped Saturdays
    # 14 and 28 February count; the 15th working day (default, 北京) is 12 March.
    time_machine.move_to(at(D(2026, 2, 13)), tick=False)
    suggestion = flow.replied(office, deputy, officer)
    assert suggestion.evaluation_due == D(2026, 3, 12)
    assert (
        "请于2026年3月12日前评价"
        in Notification.objects.get(recipient=deputy, title__startswith="建议已答复").body
    )


@pytest.mark.parametrize("rating", [Rating.SATISFIED, Rating.BASICALLY_SATISFIED])
def test_satisfied_or_basically_satisfied_closes_the_case(deputy, office, officer, rating):
    suggestion = flow.replied(office, deputy, officer)
    evaluation = evaluate(suggestion, deputy, rating, comment="感谢")
    suggestion.refresh_from_db()
    assert (suggestion.state, evaluation.round, evaluation.rating) == (State.CLOSED, 1, rating)
    assert suggestion.closed_at is not None
    assert suggestion.events.get(to_state=State.CLOSED).actor == deputy


def test_evaluation_only_while_replied_once_and_by_the_lead_deputy(deputy, other_deputy, office, officer):
    handling = flow.assigned(office, deputy, lead=officer.handling_unit)
    with pytest.raises(ValidationError):
        evaluate(handling, deputy, Rating.SATISFIED)
    suggestion = flow.replied(office, deputy, officer)
    for user in (other_deputy, officer, office):
        with pytest.raises(PermissionDenied):
            evaluate(suggestion, user, Rating.SATISFIED)
    with pytest.raises(ValidationError):
        evaluate(suggestion, deputy, Rating.NO_FEEDBACK)  # 未反馈 is for the window only
    evaluate(suggestion, deputy, Rating.SATISFIED)
    with pytest.raises(ValidationError):
        evaluate(suggestion, deputy, Rating.DISSATISFIED)


def test_evaluation_window_passed_未反馈_left_out_of_the_satisfaction_rate(cosigned, settings, deputy):
    settings.RENDA_RULE_OVERRIDES = {"every_signer_evaluates": 1}
    suggestion, cosigner = cosigned
    evaluate(suggestion, cosigner, Rating.SATISFIED)
    assert services.evaluations_expire(today=suggestion.evaluation_due) == 0  # the last day still counts
    assert services.evaluations_expire(today=suggestion.evaluation_due + datetime.timedelta(days=1)) == 1
    suggestion.refresh_from_db()
    assert suggestion.state == State.CLOSED
    assert suggestion.events.get(to_state=State.CLOSED).note == "评价期限届满未反馈"
    ratings = dict(Evaluation.objects.filter(suggestion=suggestion).values_list("deputy", "rating"))
    assert ratings == {deputy.deputy_id: Rating.NO_FEEDBACK, cosigner.deputy_id: Rating.SATISFIED}
    # Only returned evaluations count: 未反馈 is neither satisfied nor dissatisfied.
    returned = Evaluation.objects.filter(suggestion=suggestion).exclude(rating=Rating.NO_FEEDBACK)
    assert list(returned.values_list("deputy", flat=True)) == [cosigner.deputy_id]
    assert services.evaluations_expire(today=suggestion.evaluation_due + datetime.timedelta(days=30)) == 0


def test_rehandling_then_coordination(time_machine, deputy, office, officer):
    time_machine.move_to(at(D(2026, 3, 2)), tick=False)
    suggestion = flow.replied(office, deputy, officer)
    time_machine.move_to(at(D(2026, 3, 10)), tick=False)
    evaluate(suggestion, deputy, Rating.DISSATISFIED, comment="路面仍未硬化")
    suggestion.refresh_from_db()
    assignment = flow.assignment_of(suggestion, officer)
    # rule rehandling_months (default 2, 重庆/北京) from the evaluation day.
    assert (suggestion.state, suggestion.round, suggestion.reply_due) == (State.REHANDLING, 2, D(2026, 5, 10))
    assert (assignment.state, assignment.due) == (AssignmentState.ACCEPTED, D(2026, 5, 10))
    assert (
        Notification.objects.filter(recipient=officer, title__startswith="代表不满意，请重新办理").count()
        == 1
    )
    assert Notification.objects.filter(recipient=office, title__startswith="代表对答复不满意").count() == 1

    second = services.reply_send(
        assignment=assignment,
        result_category=flow.category_a(),
        text="再次答复",
        signer="李局长",
        actor=officer,
    )
    suggestion.refresh_from_db()
    assert (second.round, suggestion.state) == (2, State.REPLIED)
    evaluate(suggestion, deputy, Rating.DISSATISFIED)
    suggestion.refresh_from_db()
    assert suggestion.state == State.COORDINATION
    assert Notification.objects.filter(recipient=office, title__startswith="重新办理后仍不满意").count() == 1

    with pytest.raises(PermissionDenied):
        services.coordination_close(suggestion=suggestion, outcome="协调", actor=deputy)
    with pytest.raises(ValidationError):
        services.coordination_close(suggestion=suggestion, outcome=" ", actor=office)
    closed = services.coordination_close(suggestion=suggestion, outcome="召开座谈会，代表认可", actor=office)
    assert (closed.state, closed.outcome) == (State.CLOSED, "召开座谈会，代表认可")
    assert Notification.objects.filter(recipient=deputy, title__startswith="建议已办结").count() == 1
    assert list(closed.evaluations.order_by("round").values_list("round", "rating")) == [
        (1, Rating.DISSATISFIED),
        (2, Rating.DISSATISFIED),
    ]


def test_rule_separate_attitude_and_result_上海(settings, deputy, office, officer):
    settings.RENDA_RULE_PRESET = "上海"
    suggestion = flow.replied(office, deputy, officer)
    with pytest.raises(ValidationError):
        evaluate(suggestion, deputy, Rating.SATISFIED)
    evaluation = evaluate(
        suggestion,
        deputy,
        Rating.BASICALLY_SATISFIED,
        attitude=Rating.SATISFIED,
        result=Rating.BASICALLY_SATISFIED,
    )
    assert (evaluation.attitude, evaluation.result) == (Rating.SATISFIED, Rating.BASICALLY_SATISFIED)


def test_rule_every_signer_evaluates_off_only_the_lead_deputy(cosigned):
    suggestion, cosigner = cosigned
    with pytest.raises(PermissionDenied):
        evaluate(suggestion, cosigner, Rating.SATISFIED)


def test_rule_every_signer_evaluates_on_the_lead_deputy_decides(cosigned, settings, deputy):
    settings.RENDA_RULE_OVERRIDES = {"every_signer_evaluates": 1}
    suggestion, cosigner = cosigned
    evaluate(suggestion, cosigner, Rating.DISSATISFIED)
    suggestion.refresh_from_db()
    assert suggestion.state == State.REPLIED  # a co-signer's view is recorded, the lead deputy's decides
    evaluate(suggestion, deputy, Rating.SATISFIED)
    suggestion.refresh_from_db()
    assert suggestion.state == State.CLOSED
