"""交办: 代表法 Art. 51 deadlines (3 months, 6 where broad or hard; month ends clamp), lead/joint/assisting
or split units, assignment meetings, and reassignment within the window (rule reassignment_working_days)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from renda.casework import services as casework
from renda.casework.models import AssignmentRole, AssignmentState
from renda.core import uploads
from renda.core.models import Notification
from renda.org.tests.factories import HandlingUnitFactory
from renda.suggestions import services
from renda.suggestions.models import (
    AssignmentMeeting,
    State,
)
from renda.suggestions.tests import flow

pytestmark = pytest.mark.django_db

D = datetime.date


def at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, 10, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_art51_reply_due_3_months_1月31日_plus_3_months_is_4月30日(deputy, office, officer):
    suggestion = flow.assigned(office, deputy, lead=officer.handling_unit, on=D(2026, 1, 31), year=2026)
    assert suggestion.reply_due == D(2026, 4, 30)
    assert suggestion.assignments.get().due == D(2026, 4, 30)
    assert (suggestion.state, suggestion.assigned_on) == (State.HANDLING, D(2026, 1, 31))


@pytest.mark.parametrize(
    ("on", "due"),
    [(D(2025, 8, 31), D(2026, 2, 28)), (D(2023, 8, 31), D(2024, 2, 29)), (D(2026, 3, 15), D(2026, 9, 15))],
)
def test_art51_complex_6_months_8月31日_plus_6_months_is_2月28日_or_29日(deputy, office, officer, on, due):
    suggestion = flow.accepted(office, deputy, year=on.year)  # a case of that year
    suggestion = services.suggestion_assign(
        suggestion=suggestion, on=on, lead=officer.handling_unit, is_complex=True, actor=office
    )
    assert (suggestion.reply_due, suggestion.is_complex) == (due, True)


def test_lead_joint_and_assisting_units_each_get_their_part(deputy, office, officer, other_officer):
    assisting = HandlingUnitFactory()
    suggestion = flow.assigned(
        office,
        deputy,
        on=D(2026, 3, 31),
        year=2026,
        assign={
            "lead": officer.handling_unit,
            "joint": [other_officer.handling_unit],
            "assisting": [assisting],
        },
    )
    roles = dict(suggestion.assignments.values_list("unit", "role"))
    assert roles == {
        officer.handling_unit.pk: AssignmentRole.LEAD,
        other_officer.handling_unit.pk: AssignmentRole.JOINT,
        assisting.pk: AssignmentRole.ASSISTING,
    }
    joint = suggestion.assignments.get(role=AssignmentRole.JOINT)
    assert joint.opinion_due == D(2026, 4, 30)  # rule joint_opinion_months (default 1), month end clamped
    assert suggestion.assignments.get(role=AssignmentRole.LEAD).opinion_due is None
    for user in (officer, other_officer):
        assert Notification.objects.filter(recipient=user, title__startswith="新交办代表建议").count() == 1
    assert Notification.objects.filter(recipient=deputy, title__startswith="建议已交办").count() == 1
    assert "主办：县交通运输局" in suggestion.events.get(to_state=State.HANDLING).note


def test_split_assignment_has_no_lead_unit(deputy, office, officer, other_officer):
    units = [officer.handling_unit, other_officer.handling_unit]
    suggestion = flow.assigned(office, deputy, assign={"split": units})
    assert set(suggestion.assignments.values_list("role", flat=True)) == {AssignmentRole.SPLIT}
    with pytest.raises(ValidationError):
        flow.assigned(office, deputy, assign={"split": units[:1], "lead": units[1]})


@pytest.mark.parametrize(
    "bad",
    [
        {},  # no lead unit
        {"lead": "A", "joint": ["A"]},  # the same unit twice
        {"lead": "inactive"},
    ],
)
def test_assignment_needs_one_lead_unit_distinct_and_active(deputy, office, bad):
    units = {"A": HandlingUnitFactory(), "inactive": HandlingUnitFactory(active=False)}
    resolve = {k: ([units[u] for u in v] if isinstance(v, list) else units[v]) for k, v in bad.items()}
    suggestion = flow.accepted(office, deputy)
    with pytest.raises(ValidationError):
        services.suggestion_assign(suggestion=suggestion, on=D(2026, 3, 2), actor=office, **resolve)
    suggestion.refresh_from_db()
    assert (suggestion.state, suggestion.assignments.count()) == (State.ACCEPTED, 0)


def test_only_accepted_suggestions_are_assigned_and_only_by_the_office(deputy, office, officer):
    submitted = flow.submitted(deputy)
    with pytest.raises(ValidationError):
        services.suggestion_assign(
            suggestion=submitted, on=D(2026, 3, 2), lead=officer.handling_unit, actor=office
        )
    assert submitted.assignments.count() == 0
    with pytest.raises(PermissionDenied):
        services.suggestion_assign(
            suggestion=flow.accepted(office, deputy),
            on=D(2026, 3, 2),
            lead=officer.handling_unit,
            actor=deputy,
        )


def test_assignment_meeting_is_all_or_nothing_with_errors_per_item(deputy, office, officer):
    good, bad = flow.accepted(office, deputy), flow.submitted(deputy)
    items = [
        {"suggestion": good, "lead": officer.handling_unit},
        {"suggestion": bad, "lead": officer.handling_unit},
    ]
    with pytest.raises(ValidationError) as error:
        services.suggestions_assign_batch(
            items=items, meeting_name="2026年第一次交办会", on=D(2026, 3, 2), actor=office
        )
    assert list(error.value.message_dict) == ["1"]  # keyed by the item's position
    assert not AssignmentMeeting.objects.exists()
    good.refresh_from_db()
    assert (good.state, good.assignments.count()) == (State.ACCEPTED, 0)
    meeting = services.suggestions_assign_batch(
        items=items[:1], meeting_name="2026年第一次交办会", on=D(2026, 3, 2), actor=office
    )
    assert good.assignments.get().meeting == meeting


def test_reassignment_window_rule_reassignment_working_days_crosses_national_day(
    time_machine, deputy, office, officer
):
    # Assigned 30 September 2026: 10 working days (default) skip the National Day week and count the
    # swapped Saturday 10 October, so the last day to ask is 20 October.
    time_machine.move_to(at(D(2026, 9, 30)), tick=False)
    late = flow.assigned(office, deputy, lead=officer.handling_unit)
    in_time = flow.assigned(office, deputy, lead=officer.handling_unit)
    assert flow.assignment_of(in_time, officer).reassign_deadline == D(2026, 10, 20)
    time_machine.move_to(at(D(2026, 10, 20)), tick=False)
    requested = casework.request_reassignment(
        assignment=flow.assignment_of(in_time, officer), reason="属住建局职责", actor=officer
    )
    assert requested.state == AssignmentState.REASSIGN_REQUESTED
    assert Notification.objects.filter(recipient=office, title__startswith="承办单位申请调整").count() == 1
    time_machine.move_to(at(D(2026, 10, 21)), tick=False)
    with pytest.raises(ValidationError) as error:
        casework.request_reassignment(
            assignment=flow.assignment_of(late, officer), reason="属住建局职责", actor=officer
        )
    assert error.value.code == "reassignment_window"


def test_reassignment_approved_moves_the_case_and_restarts_the_deadlines(
    time_machine, deputy, office, officer, other_officer
):
    time_machine.move_to(at(D(2026, 3, 2)), tick=False)
    suggestion = flow.assigned(office, deputy, lead=officer.handling_unit)
    old = casework.request_reassignment(
        assignment=flow.assignment_of(suggestion, officer), reason="不属本单位职责", actor=officer
    )
    time_machine.move_to(at(D(2026, 3, 9)), tick=False)
    with pytest.raises(ValidationError):
        services.reassignment_decide(assignment=old, approve=True, actor=office)  # no new unit chosen
    new = services.reassignment_decide(
        assignment=old, approve=True, new_unit=other_officer.handling_unit, actor=office
    )
    old.refresh_from_db()
    suggestion.refresh_from_db()
    assert old.state == AssignmentState.WITHDRAWN
    assert (new.unit, new.role, new.state) == (
        other_officer.handling_unit,
        AssignmentRole.LEAD,
        AssignmentState.ASSIGNED,
    )
    assert (new.assigned_on, new.due, suggestion.reply_due) == (D(2026, 3, 9), D(2026, 6, 9), D(2026, 6, 9))
    assert Notification.objects.filter(recipient=officer, title__startswith="调整申请已同意").exists()
    assert Notification.objects.filter(recipient=other_officer, title__startswith="新交办代表建议").exists()
    with pytest.raises(PermissionDenied):
        casework.sign_for(assignment=old, actor=other_officer)
    with pytest.raises(ValidationError):
        casework.sign_for(assignment=old, actor=officer)  # withdrawn: nothing left to do


def test_reassignment_refused_the_unit_keeps_the_case(deputy, office, officer, other_officer):
    suggestion = flow.assigned(
        office, deputy, assign={"lead": officer.handling_unit, "joint": [other_officer.handling_unit]}
    )
    request = casework.request_reassignment(
        assignment=flow.assignment_of(suggestion, officer), reason="理由", actor=officer
    )
    with pytest.raises(ValidationError):  # the joint unit already handles it
        services.reassignment_decide(
            assignment=request, approve=True, new_unit=other_officer.handling_unit, actor=office
        )
    kept = services.reassignment_decide(assignment=request, approve=False, note="属本单位职责", actor=office)
    assert kept.state == AssignmentState.ACCEPTED
    assert (
        Notification.objects.get(recipient=officer, title__startswith="调整申请未获同意").body
        == "属本单位职责"
    )


def test_only_the_assigned_unit_acts_on_its_assignment(deputy, office, officer, other_officer):
    assignment = flow.assignment_of(flow.assigned(office, deputy, lead=officer.handling_unit), officer)
    for user in (other_officer, office, deputy):
        with pytest.raises(PermissionDenied):
            casework.sign_for(assignment=assignment, actor=user)
    assert casework.sign_for(assignment=assignment, actor=officer).state == AssignmentState.ACCEPTED


def test_assignment_date_is_plausible_not_years_before_the_case(deputy, office, officer):
    """Hardening: a 2026 case assigned on 2019-01-31 was accepted, due 2019-04-30 and overdue at once."""
    suggestion = flow.accepted(office, deputy)
    with pytest.raises(ValidationError, match="早于该建议的年度"):
        services.suggestion_assign(
            suggestion=suggestion, on=D(suggestion.year - 7, 1, 31), lead=officer.handling_unit, actor=office
        )
    suggestion.refresh_from_db()
    assert (suggestion.state, suggestion.assignments.count()) == (State.ACCEPTED, 0)


def test_attachment_names_over_200_characters_keep_their_extension():
    """Hardening: a long file name lost its extension (cut at 200 characters)."""
    name = uploads.shortened_name("建" * 250 + ".pdf")
    assert (len(name), name[-4:]) == (200, ".pdf")
    assert uploads.shortened_name("短名.docx") == "短名.docx"
