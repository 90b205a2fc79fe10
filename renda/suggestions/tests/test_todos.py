"""The suggestions' to-dos on the 工作台: each role sees its own next steps, with due dates and traffic lights;
the office's queues are counted in the database, in a fixed number of queries."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from renda.accounts.models import User
from renda.casework import services as casework
from renda.casework.todos import unit_assignments
from renda.core.calendar import add_months, add_working_days
from renda.core.rules import rule
from renda.core.todos import OK, OVERDUE, SOON, todos_for, urgency_of
from renda.suggestions import services
from renda.suggestions.models import Rating
from renda.suggestions.tests import flow
from renda.suggestions.tests.factories import SuggestionFactory
from renda.suggestions.todos import deputy_steps, office_queues

pytestmark = pytest.mark.django_db


def listed(items) -> list[tuple]:
    return [(item.title, item.url, item.due, item.urgency) for item in items]


def detail(suggestion) -> str:
    return reverse("suggestions:detail", args=[suggestion.pk])


def test_a_unit_sees_its_open_assignments_with_deadlines_and_traffic_lights(
    deputy, office, officer, other_officer
):
    today = timezone.localdate()
    late = flow.assigned(office, deputy, lead=officer.handling_unit, on=add_months(today, -4), title="逾期件")
    fresh = flow.assigned(
        office,
        deputy,
        assign={"lead": other_officer.handling_unit, "joint": [officer.handling_unit]},
        title="会办件",
    )
    flow.contact(flow.assignment_of(late, officer), officer)
    joint = flow.assignment_of(fresh, officer)

    assert listed(unit_assignments(officer)) == [
        ("答复：逾期件", detail(late), add_months(add_months(today, -4), 3), OVERDUE),
        ("签收：会办件", detail(fresh), joint.opinion_due, OK),
    ]
    assert [item.title for item in unit_assignments(other_officer)] == ["签收：会办件"]


def test_a_unit_no_longer_sees_answered_cases(deputy, office, officer):
    flow.replied(office, deputy, officer)
    assert unit_assignments(officer) == []


def test_a_deputy_sees_invitations_evaluations_due_and_returned_drafts(deputy, other_deputy, office, officer):
    invitation = flow.draft(other_deputy, title="邀请附议件")
    services.cosigners_invite(suggestion=invitation, deputies=[deputy.deputy], actor=other_deputy)
    answered = flow.replied(office, deputy, officer, title="待评价件")
    returned = services.suggestion_return(
        suggestion=flow.submitted(deputy, title="退回件"), reason="请补充", actor=office
    )
    soon = add_working_days(timezone.localdate(), rule("evaluation_working_days"))

    assert listed(deputy_steps(deputy)) == [
        (f"请确认附议：邀请附议件（{other_deputy.deputy.name}领衔）", reverse("suggestions:mine"), None, OK),
        (
            "评价办理答复：待评价件",
            reverse("suggestions:evaluate", args=[answered.pk]),
            soon,
            urgency_of(soon),
        ),
        ("退回修改：退回件", reverse("suggestions:edit", args=[returned.pk]), None, SOON),
    ]

    services.evaluation_submit(suggestion=answered, rating=Rating.SATISFIED, actor=deputy)
    services.cosigner_respond(cosigner=invitation.cosigners.get(), confirm=True, actor=deputy)
    assert [item.title for item in deputy_steps(deputy)] == ["退回修改：退回件"]


def test_a_cosigner_evaluates_only_where_every_signer_evaluates(
    settings, deputy, other_deputy, office, officer
):
    draft = SuggestionFactory(lead_deputy=deputy.deputy, entered_by=office)  # a paper one, signatures checked
    services.cosigners_invite(suggestion=draft, deputies=[other_deputy.deputy], actor=office, confirmed=True)
    services.suggestion_submit(suggestion=draft, actor=deputy)
    services.suggestion_accept(suggestion=draft, actor=office)
    services.suggestion_assign(
        suggestion=draft, lead=officer.handling_unit, on=timezone.localdate(), actor=office
    )
    flow.answer(flow.assignment_of(draft, officer), officer)
    assert deputy_steps(other_deputy) == []
    settings.RENDA_RULE_OVERRIDES = {"every_signer_evaluates": 1}
    assert [item.url for item in deputy_steps(other_deputy)] == [
        reverse("suggestions:evaluate", args=[draft.pk])
    ]


def test_the_office_sees_its_queues_counted(deputy, other_deputy, office, officer):
    flow.submitted(deputy)
    flow.submitted(other_deputy)
    first = flow.accepted(office, deputy)
    flow.accepted(office, other_deputy)
    moved = flow.assigned(office, deputy, lead=officer.handling_unit)
    casework.request_reassignment(
        assignment=flow.assignment_of(moved, officer), reason="不属本单位职责", actor=officer
    )
    stuck = flow.replied(office, deputy, officer)
    services.evaluation_submit(suggestion=stuck, rating=Rating.DISSATISFIED, actor=deputy)
    flow.answer(flow.assignment_of(stuck, officer), officer)
    services.evaluation_submit(suggestion=stuck, rating=Rating.DISSATISFIED, actor=deputy)
    received = timezone.localdate(first.submitted_at)

    assert listed(office_queues(office)) == [
        ("2件议案建议待审查", reverse("suggestions:review"), None, OK),
        (
            "2件已立案建议待交办",
            reverse("suggestions:assign"),
            add_working_days(received, rule("assignment_working_days")),
            OK,
        ),
        ("1件承办单位调整申请待处理", reverse("suggestions:reassignments"), None, SOON),
        ("1件建议重新办理后仍不满意，待协调处理", reverse("suggestions:board"), None, SOON),
    ]


def test_assignment_is_due_within_rule_assignment_working_days_of_receipt(
    settings, deputy, office, time_machine
):
    time_machine.move_to(datetime.datetime(2026, 9, 28, 10, tzinfo=datetime.UTC))
    flow.accepted(office, deputy)
    settings.RENDA_RULE_PRESET = "上海"
    time_machine.move_to(datetime.datetime(2026, 10, 9, 10, tzinfo=datetime.UTC))

    (item,) = office_queues(office)

    assert (item.due, item.urgency) == (
        datetime.date(2026, 10, 13),
        SOON,
    )  # 7 working days across National Day and its 调休


def test_office_queues_take_a_fixed_number_of_queries(
    django_assert_num_queries, deputy, other_deputy, office
):
    flow.submitted(deputy)
    flow.accepted(office, deputy)
    # the user's roles, one count per queue, and the working-day calendar for the assignment deadline
    clerk = User.objects.get(pk=office.pk)  # roles not yet read
    with django_assert_num_queries(6):
        assert len(office_queues(clerk)) == 2
    flow.submitted(other_deputy)
    flow.accepted(office, deputy)
    flow.accepted(office, other_deputy)
    clerk = User.objects.get(pk=office.pk)
    with django_assert_num_queries(6):
        assert len(office_queues(clerk)) == 2


def test_nothing_for_roles_without_suggestion_work(committee_member, officer, deputy, office):
    flow.assigned(office, deputy, lead=officer.handling_unit)
    for user in (committee_member, AnonymousUser()):
        assert unit_assignments(user) == deputy_steps(user) == office_queues(user) == []
    assert deputy_steps(officer) == office_queues(officer) == []
    assert unit_assignments(deputy) == office_queues(deputy) == []


def test_the_providers_are_registered_on_the_workbench(deputy, office, officer):
    handling = flow.assigned(office, deputy, lead=officer.handling_unit)
    assert [item.url for item in todos_for(officer) if item.source == "代表建议"] == [detail(handling)]
