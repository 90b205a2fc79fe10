"""The local (【地】) windows of RULES.md under each named preset, on the official working-day calendar:
across the National Day week and the Spring Festival with their swapped working days (调休), and in a year
chinese-calendar does not know (weekends only, administrators warned, their holiday table wins)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ImproperlyConfigured

from renda.casework.models import AssignmentRole
from renda.core.calendar import unknown_years
from renda.core.models import CalendarDay
from renda.core.rules import rule
from renda.org.tests.factories import CongressSessionFactory
from renda.suggestions import services
from renda.suggestions.models import (
    Rating,
    Timing,
)
from renda.suggestions.tests import flow

pytestmark = pytest.mark.django_db

D = datetime.date

# RULES.md, per province; values a province does not set fall back to the defaults (the first figure given).
PRESETS = {
    "上海": {"assignment_working_days": 7, "reassignment_working_days": 7, "contact_working_days": 20, "evaluation_working_days": 15,
             "joint_opinion_months": 1, "rehandling_months": 1, "separate_attitude_and_result": 1},
    "重庆": {"assignment_working_days": 10, "reassignment_working_days": 10, "contact_working_days": 20, "evaluation_working_days": 20,
             "joint_opinion_months": 1, "rehandling_months": 2, "separate_attitude_and_result": 0},
    "浙江": {"assignment_working_days": 10, "reassignment_working_days": 10, "contact_working_days": 20, "evaluation_working_days": 15,
             "joint_opinion_months": 2, "rehandling_months": 1, "separate_attitude_and_result": 0},
    "北京": {"assignment_working_days": 10, "reassignment_working_days": 10, "contact_working_days": 20, "evaluation_working_days": 15,
             "joint_opinion_months": 1, "rehandling_months": 2, "separate_attitude_and_result": 0},
    "山东": {"assignment_working_days": 10, "reassignment_working_days": 10, "contact_working_days": 20, "evaluation_working_days": 15,
             "joint_opinion_months": 1, "rehandling_months": 1, "separate_attitude_and_result": 0},
}  # fmt: skip

# From a start day, the n-th working day after it (counted by hand from the State Council's schedules).
CALENDARS = {
    # Wednesday 30 September 2026: 1–7 October off, Saturday 10 October worked.
    "国庆节": (D(2026, 9, 30), {7: D(2026, 10, 15), 10: D(2026, 10, 20), 15: D(2026, 10, 27), 20: D(2026, 11, 3)}),
    # Friday 13 February 2026: 15–23 February off, Saturdays 14 and 28 February worked.
    "春节": (D(2026, 2, 13), {7: D(2026, 3, 2), 10: D(2026, 3, 5), 15: D(2026, 3, 12), 20: D(2026, 3, 19)}),
    # Thursday 30 September 2027: a year chinese-calendar 1.11 does not know, so weekends only.
    "2027年仅周末": (D(2027, 9, 30), {7: D(2027, 10, 11), 10: D(2027, 10, 14), 15: D(2027, 10, 21), 20: D(2027, 10, 28)}),
}  # fmt: skip

WINDOWS = [(preset, calendar) for preset in PRESETS for calendar in CALENDARS]


def at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, 10, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def preset(request, settings):
    settings.RENDA_RULE_PRESET = request.param
    return request.param


@pytest.mark.parametrize("preset", list(PRESETS), indirect=True)
def test_preset_values_follow_RULES_md(preset):
    assert {name: rule(name) for name in PRESETS[preset]} == PRESETS[preset]


def test_rule_overrides_win_over_the_preset_and_unknown_names_fail(settings):
    settings.RENDA_RULE_PRESET = "上海"
    settings.RENDA_RULE_OVERRIDES = {"reassignment_working_days": 5}
    assert (rule("reassignment_working_days"), rule("rehandling_months")) == (5, 1)
    with pytest.raises(KeyError):
        rule("no_such_rule")
    settings.RENDA_RULE_PRESET = "火星"
    with pytest.raises(ImproperlyConfigured):
        rule("rehandling_months")


@pytest.mark.parametrize(("preset", "calendar"), WINDOWS, indirect=["preset"])
def test_rule_assignment_working_days_between_sessions(time_machine, preset, calendar, deputy, office):
    start, nth = CALENDARS[calendar]
    time_machine.move_to(at(start), tick=False)
    assert flow.accepted(office, deputy).assignment_due == nth[PRESETS[preset]["assignment_working_days"]]


def test_rule_assignment_working_days_not_for_suggestions_made_during_a_session(deputy, office):
    session = CongressSessionFactory()
    suggestion = flow.accepted(office, deputy, timing=Timing.DURING_SESSION, congress_session=session)
    assert suggestion.assignment_due is None


@pytest.mark.parametrize(("preset", "calendar"), WINDOWS, indirect=["preset"])
def test_rule_reassignment_working_days_and_contact_working_days(preset, calendar, deputy, office, officer):
    start, nth = CALENDARS[calendar]
    assignment = flow.assigned(office, deputy, lead=officer.handling_unit, on=start).assignments.get()
    assert assignment.reassign_deadline == nth[PRESETS[preset]["reassignment_working_days"]]
    assert assignment.contact_deadline == nth[PRESETS[preset]["contact_working_days"]]


@pytest.mark.parametrize(("preset", "calendar"), WINDOWS, indirect=["preset"])
def test_rule_evaluation_working_days(time_machine, preset, calendar, deputy, office, officer):
    start, nth = CALENDARS[calendar]
    time_machine.move_to(at(start), tick=False)
    suggestion = flow.replied(office, deputy, officer)
    assert suggestion.evaluation_due == nth[PRESETS[preset]["evaluation_working_days"]]


def test_rule_reassignment_working_days_year_unknown_to_the_package_uses_the_admin_table(
    deputy, office, officer
):
    assert unknown_years([2027]) == [2027]  # administrators are warned to enter the year
    CalendarDay.objects.bulk_create(
        [CalendarDay(date=D(2027, 10, day), is_workday=False, note="国庆节") for day in range(1, 8)]
    )
    assert unknown_years([2027]) == []
    assignment = flow.assigned(
        office, deputy, lead=officer.handling_unit, on=D(2027, 9, 30)
    ).assignments.get()
    assert assignment.reassign_deadline == D(2027, 10, 21)  # 10 working days from 8 October


@pytest.mark.parametrize("preset", list(PRESETS), indirect=True)
def test_rule_joint_opinion_months_clamps_month_ends(preset, deputy, office, officer, other_officer):
    suggestion = flow.assigned(
        office,
        deputy,
        on=D(2026, 1, 31),
        assign={"lead": officer.handling_unit, "joint": [other_officer.handling_unit]},
    )
    expected = {1: D(2026, 2, 28), 2: D(2026, 3, 31)}[PRESETS[preset]["joint_opinion_months"]]
    assert suggestion.assignments.get(role=AssignmentRole.JOINT).opinion_due == expected


@pytest.mark.parametrize("preset", list(PRESETS), indirect=True)
def test_rule_rehandling_months_clamps_month_ends(time_machine, preset, deputy, office, officer):
    time_machine.move_to(at(D(2026, 1, 20)), tick=False)
    suggestion = flow.replied(office, deputy, officer)
    time_machine.move_to(at(D(2026, 1, 31)), tick=False)
    services.evaluation_submit(
        suggestion=suggestion,
        rating=Rating.DISSATISFIED,
        attitude=Rating.BASICALLY_SATISFIED,
        result=Rating.DISSATISFIED,
        actor=deputy,
    )
    suggestion.refresh_from_db()
    expected = {1: D(2026, 2, 28), 2: D(2026, 3, 31)}[PRESETS[preset]["rehandling_months"]]
    assert suggestion.reply_due == expected
    assert suggestion.assignments.get().due == expected
