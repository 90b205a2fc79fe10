"""The 工作台 to-dos of duty records: the office's entries to decide, the keeper's reports to record and close,
a deputy's reports to come."""

import datetime

import pytest

from renda.core.todos import todos_for
from renda.duties import services
from renda.duties.tests import world

pytestmark = pytest.mark.django_db
D = datetime.date


def duties_items(user) -> list[tuple[str, str]]:
    return [(item.title, item.url) for item in todos_for(user) if item.source == "履职档案"]


def test_the_office_is_asked_to_decide_waiting_entries(deputy, office):
    world.entry(deputy)
    world.entry(deputy, title="第二项")
    assert ("2项代表履职自报待认定", "/duties/entries/?state=submitted") in duties_items(office)


def test_the_keeper_records_reports_whose_day_has_come_and_closes_those_being_rated(
    keeper, other_keeper, deputy
):
    due = services.duty_report_schedule(
        station=keeper.station, date=D(2025, 6, 10), place="北街", deputies=[deputy.deputy], actor=keeper
    )
    services.duty_report_schedule(
        station=keeper.station, date=D(2025, 6, 30), place="南街", deputies=[deputy.deputy], actor=keeper
    )
    held = world.report_held(keeper, [deputy.deputy], on=D(2025, 6, 1))
    assert duties_items(keeper) == [
        (f"登记述职情况：{due.title}", f"/duties/reports/{due.pk}/"),
        (f"汇总评议并结束：{held.title}", f"/duties/reports/{held.pk}/"),
    ]
    assert duties_items(other_keeper) == []


def test_a_deputy_sees_the_reports_they_are_to_give(deputy, colleague, keeper):
    report = services.duty_report_schedule(
        station=keeper.station, date=D(2025, 6, 30), place="南街社区", deputies=[deputy.deputy], actor=keeper
    )
    assert duties_items(deputy) == [("向选民述职：南街社区", f"/duties/reports/{report.pk}/")]
    assert duties_items(colleague) == []
