"""RULES.md 【地】: each deputy receives citizens at least twice a year (rule receptions_per_deputy_per_year)."""

import datetime

import pytest

from renda.core.todos import todos_for
from renda.deputies.choices import DeputyStatus, Level
from renda.deputies.models import Deputy
from renda.deputies.selectors import deputies_short_of_receptions
from renda.deputies.tests.factories import DeputyFactory, ReceptionDayFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def deputies():
    twice, once, never, gone = DeputyFactory.create_batch(4)
    gone.status = DeputyStatus.RESIGNED
    gone.save()
    ReceptionDayFactory(date=D(2026, 3, 5), deputies=[twice, once])
    ReceptionDayFactory(date=D(2026, 9, 9), deputies=[twice])
    ReceptionDayFactory(date=D(2025, 9, 9), deputies=[once, never])  # last year does not count
    return twice, once, never, gone


def test_rule_receptions_per_deputy_per_year_finds_deputies_below_two(deputies):
    twice, once, never, gone = deputies
    short = deputies_short_of_receptions(Deputy.objects.all(), 2026)
    assert {(d.name, d.receptions) for d in short} == {(once.name, 1), (never.name, 0)}


def test_rule_receptions_per_deputy_per_year_follows_the_setting(deputies, settings):
    twice, once, never, gone = deputies
    settings.RENDA_RULE_OVERRIDES = {"receptions_per_deputy_per_year": 3}
    assert twice in deputies_short_of_receptions(Deputy.objects.all(), 2026)


def test_office_sees_the_count_on_its_workbench_and_the_filtered_list(deputies, clerk, client, time_machine):
    time_machine.move_to(datetime.datetime(2026, 11, 23, 10), tick=False)
    twice, once, never, gone = deputies
    DeputyFactory(level=Level.TOWNSHIP)  # a township congress's deputy: not the county office's count
    items = [item for item in todos_for(clerk) if "接待选民不足" in item.title]
    assert [item.title for item in items] == ["2名在任县级代表今年进站接待选民不足2次"]
    client.force_login(clerk)
    page = client.get(items[0].url)
    names = {d.name for d in page.context["object_list"]}
    assert names == {once.name, never.name}


def test_deputies_do_not_see_the_office_count(deputies, deputy_user, time_machine):
    time_machine.move_to(datetime.datetime(2026, 11, 23, 10), tick=False)
    assert not [item for item in todos_for(deputy_user) if "接待选民不足" in item.title]
