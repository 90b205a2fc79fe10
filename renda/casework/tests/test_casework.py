"""The handling chain shared by every kind of case, exercised through its first kind, deputies' suggestions."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from renda.casework import services as casework
from renda.casework.kinds import kind_of, kinds
from renda.casework.models import AssignmentState
from renda.casework.selectors import owing, unit_loads, unit_todo
from renda.core import clock
from renda.core.calendar import add_months
from renda.core.roles import Role
from renda.suggestions.models import Assignment, SuggestionEvent
from renda.suggestions.tests import flow
from renda.suggestions.workflows import CASES

pytestmark = pytest.mark.django_db

D = datetime.date


def test_each_area_declares_its_kind_and_an_assignment_knows_its_own():
    assert CASES in kinds()
    assert kind_of(Assignment) is CASES
    with pytest.raises(LookupError):
        kind_of(SuggestionEvent)  # type: ignore[arg-type]


def test_the_kind_flow_is_built_once_from_the_declaration():
    assert CASES.flow is CASES.flow
    assert [m.name for m in CASES.flow.moves][:2] == ["sign_for", "contact"]


def test_a_unit_to_do_spans_kinds_soonest_first_with_the_step_it_owes(deputy, office, officer, other_officer):
    today = clock.today()
    late = flow.assigned(office, deputy, lead=officer.handling_unit, on=add_months(today, -4), title="逾期件")
    joint = flow.assigned(
        office,
        deputy,
        assign={"lead": other_officer.handling_unit, "joint": [officer.handling_unit]},
        title="会办件",
    )
    rows = unit_todo(officer)
    assert [(row.step, row.title, row.kind.label) for row in rows] == [
        ("签收", "逾期件", "代表建议"),
        ("签收", "会办件", "代表建议"),
    ]
    assert (
        rows[1].due == flow.assignment_of(joint, officer).opinion_due
    )  # a joint unit's deadline is its opinion's
    assert rows[0].url == f"/suggestions/{late.pk}/"
    assert unit_todo(deputy) == [] and unit_todo(office) == []


def test_the_clock_dates_the_unit_steps_their_events_and_the_on_time_check(deputy, office, officer):
    on = D(2025, 3, 3)
    with clock.at(on):
        case = flow.assigned(office, deputy, lead=officer.handling_unit, on=on)
    assignment = flow.assignment_of(case, officer)
    assert assignment.due == D(2025, 6, 3)  # 代表法 Art. 51: three months
    with clock.at(D(2025, 7, 1)):  # after the due date
        reply = flow.answer(assignment, officer)
    assert clock.today() > D(2025, 7, 1)
    assert reply.sent_at.date() == D(2025, 7, 1) and reply.on_time is False
    replied = case.events.filter(action="答复")  # the unit's step and the case's move
    assert [event.created_at.date() for event in replied] == [D(2025, 7, 1)] * 2


def test_contact_dates_are_checked_against_the_clock(deputy, office, officer):
    with clock.at(D(2025, 3, 3)):
        case = flow.assigned(office, deputy, lead=officer.handling_unit, on=D(2025, 3, 3))
        assignment = casework.sign_for(assignment=flow.assignment_of(case, officer), actor=officer)
        with pytest.raises(ValidationError) as error:
            casework.record_contact(
                assignment=assignment,
                stage="before",
                method="phone",
                date=D(2025, 3, 4),  # tomorrow, seen from the clock
                summary="电话沟通",
                actor=officer,
            )
    assert error.value.message_dict == {"date": ["联系日期不能晚于今天。"]}


def test_owing_is_the_open_answering_assignments_of_cases_in_handling(deputy, office, officer, other_officer):
    lead = flow.assigned(
        office, deputy, assign={"lead": officer.handling_unit, "joint": [other_officer.handling_unit]}
    )
    answered = flow.replied(office, deputy, officer)
    owed = set(owing(CASES).values_list("suggestion_id", "unit_id"))
    assert (lead.pk, officer.handling_unit_id) in owed
    assert (
        lead.pk,
        other_officer.handling_unit_id,
    ) not in owed  # a joint unit owes its opinion, not the answer
    assert all(suggestion_id != answered.pk for suggestion_id, _ in owed)


def test_unit_loads_count_each_unit_s_cases_by_kind_in_the_database(deputy, office, officer, other_officer):
    today = clock.today()
    flow.assigned(office, deputy, lead=officer.handling_unit, on=add_months(today, -4), title="逾期件")
    flow.replied(office, deputy, officer, title="已答复件")
    flow.assigned(office, deputy, lead=other_officer.handling_unit, title="他单位件")
    loads = {load.name: load for load in unit_loads(today.year)}
    mine = loads["县交通运输局"].by_kind["suggestion"]
    assert mine == {"assigned": 2, "answered": 1, "on_time": 1, "open": 1, "overdue": 1}
    assert loads["县住房和城乡建设局"].total("open") == 1
    assert unit_loads(today.year - 3) == []


def test_the_unit_loads_page_is_the_office_s_printable_and_exportable(client, deputy, office, officer):
    flow.replied(office, deputy, officer)
    url = reverse("casework:units")
    client.force_login(office)
    page = client.get(url)
    assert page.status_code == 200
    assert "县交通运输局" in page.content.decode() and "代表建议" in page.content.decode()
    export = client.get(url, {"export": "xlsx", "year": clock.today().year})
    sheet = load_workbook(__import__("io").BytesIO(export.content)).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("承办单位", "代表建议交办", "代表建议已答复")
    assert rows[1][:3] == ("县交通运输局", 1, 1)
    assert client.get(url, {"year": "x"}).status_code == 200  # a bad year shows this year


@pytest.mark.parametrize("role", [Role.DEPUTY, Role.UNIT])
def test_the_unit_loads_page_is_refused_to_deputies_and_units(client, make_user, role):
    client.force_login(make_user(role))
    assert client.get(reverse("casework:units")).status_code == 403


def test_reopen_gives_the_answered_units_a_new_due_date(deputy, office, officer):
    case = flow.replied(office, deputy, officer)
    due = add_months(clock.today(), 1)
    reopened = casework.reopen(CASES, case, due=due, actor=None)
    assert [(a.state, a.due) for a in reopened] == [(AssignmentState.ACCEPTED, due)]
