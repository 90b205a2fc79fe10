"""Each local rule of duty records, named: the points of every figure, reports to voters per term and their
reminder, what the satisfaction rate counts, and the deputies area's receptions per year as the workspace
reads it."""

import datetime

import pytest

from renda.core.models import Notification
from renda.core.rules import rule, rules
from renda.duties import selectors, services
from renda.duties.figures import FIGURES
from renda.duties.models import VoterRating
from renda.duties.reminders import REPORT_OWED
from renda.duties.tests import world
from renda.duties.tests.conftest import TODAY

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def year(time_machine, deputy, colleague, keeper, office):
    world.make_year(
        time_machine=time_machine, now=TODAY, deputy=deputy, colleague=colleague, keeper=keeper, office=office
    )
    time_machine.move_to(TODAY, tick=False)
    return 2025


def test_every_figure_has_a_points_rule_with_a_default_and_a_source():
    declared = rules()
    for figure in FIGURES:
        assert declared[figure.rule].default == figure.default_points
        assert declared[figure.rule].source and declared[figure.rule].unit == "分"


@pytest.mark.parametrize("figure", FIGURES, ids=lambda figure: figure.rule)
def test_rule_duty_points_each_figure_counts_its_setting(figure, deputy, year, settings):
    """Setting one figure's points to 10 changes the total by 10 − default per unit of that figure."""
    before = selectors.duty_record(deputy.deputy, year)
    count = next(f.count for f in before.figures if f.key == figure.key)
    settings.RENDA_RULE_OVERRIDES = {figure.rule: 10}
    after = selectors.duty_record(deputy.deputy, year)
    assert after.points == before.points + count * (10 - figure.default_points)
    assert next(f.points for f in after.figures if f.key == figure.key) == count * 10
    ranked = {d.pk: d.points for d in selectors.ranking(year)}
    assert ranked[deputy.deputy.pk] == after.points


def test_rule_duty_points_all_zero_gives_zero_points(deputy, year, settings):
    settings.RENDA_RULE_OVERRIDES = {figure.rule: 0 for figure in FIGURES}
    assert selectors.duty_record(deputy.deputy, year).points == 0


def test_rule_duty_reports_per_term_lists_deputies_in_office_who_have_not_reported(
    deputy, colleague, keeper, term, settings
):
    assert rule("duty_reports_per_term") == 1
    assert set(selectors.deputies_owing_reports(term)) == {deputy.deputy, colleague.deputy}
    world.report_held(keeper, [deputy.deputy], on=D(2025, 5, 20))
    owing = selectors.deputies_owing_reports(term)
    assert list(owing) == [colleague.deputy]
    settings.RENDA_RULE_OVERRIDES = {"duty_reports_per_term": 2}
    assert {(d.name, d.term_reports) for d in selectors.deputies_owing_reports(term)} == {
        ("王秀英", 1),
        ("李建国", 0),
    }


def test_rule_duty_reports_per_term_counts_only_reports_held_within_the_term(deputy, keeper, term):
    before = services.duty_report_schedule(
        station=keeper.station, date=D(2021, 6, 1), place="旧址", deputies=[deputy.deputy], actor=keeper
    )
    services.duty_report_hold(report=before, voters_present=10, report_text="上届述职", actor=keeper)
    services.duty_report_schedule(
        station=keeper.station, date=D(2025, 7, 1), place="北街", deputies=[deputy.deputy], actor=keeper
    )  # scheduled, not held
    assert deputy.deputy in selectors.deputies_owing_reports(term)


def test_rule_duty_reports_per_term_shows_on_the_office_workbench(deputy, office, term):
    from renda.core.todos import todos_for

    titles = [item.title for item in todos_for(office)]
    assert "1名在任县级代表本届尚未向选民述职" in titles


def test_rule_duty_report_reminder_months_reminds_owing_deputies_once_in_the_last_months(
    deputy, colleague, keeper, term, settings
):
    """The term ends on 2026-12-27: with 12 months (default) nobody is reminded on 2025-06-10, with 19 months
    every deputy who has not reported is, once."""
    world.report_held(keeper, [colleague.deputy], on=D(2025, 5, 20))
    assert REPORT_OWED.send(today=D(2025, 6, 10)) == 0
    assert REPORT_OWED.send(today=D(2026, 1, 5)) == 1
    assert REPORT_OWED.send(today=D(2026, 1, 6)) == 0  # the same key: sent once
    message = Notification.objects.get(recipient=deputy)
    assert message.title == "本届尚未向选民述职" and "2026年12月27日" in message.body
    settings.RENDA_RULE_OVERRIDES = {"duty_report_reminder_months": 19}
    Notification.objects.all().delete()
    assert REPORT_OWED.send(today=D(2025, 6, 10)) == 1
    assert REPORT_OWED.send(today=D(2027, 1, 1)) == 0  # the term is over


def test_rule_duty_report_reminder_months_puts_the_owed_report_on_the_deputy_s_workbench(
    deputy, keeper, term, time_machine
):
    from renda.core.todos import todos_for

    def owed_items():
        return [item for item in todos_for(deputy) if item.source == "履职档案"]

    assert owed_items() == []  # 2025-06-10: more than 12 months of the term remain
    time_machine.move_to(datetime.datetime(2026, 2, 1, 9), tick=False)
    assert [(item.title, item.due) for item in owed_items()] == [
        ("本届已向选民述职0次，还需1次", D(2026, 12, 27))
    ]
    world.report_held(keeper, [deputy.deputy], on=D(2026, 1, 20))
    assert owed_items() == []


def test_rule_duty_report_satisfaction_includes_basic_or_counts_only_satisfied(deputy, keeper, settings):
    report = world.report_held(keeper, [deputy.deputy], on=D(2025, 5, 20), voters=10)
    services.duty_report_ratings_enter(
        report=report, satisfied=4, basically_satisfied=3, dissatisfied=1, actor=keeper
    )
    ballot = services.duty_report_ballots_issue(report=report, count=2, actor=keeper)[0]
    services.ballot_cast(token=ballot.token, rating=VoterRating.BASICALLY_SATISFIED)
    report.refresh_from_db()
    result = selectors.report_result(report)
    assert (result.satisfied, result.basically_satisfied, result.dissatisfied, result.rated) == (4, 4, 1, 9)
    assert (result.approving, result.rate) == (8, "88.9%")
    settings.RENDA_RULE_OVERRIDES = {"duty_report_satisfaction_includes_basic": 0}
    assert (result.approving, result.rate) == (4, "44.4%")


def test_rule_receptions_per_deputy_per_year_is_what_the_workspace_says_is_owed(
    deputy, keeper, time_machine, settings
):
    """The deputies area's rule (default 2 a year): one reception day served, one to come."""
    world.reception_day(time_machine, keeper, [deputy.deputy], on=D(2025, 3, 10))
    time_machine.move_to(TODAY, tick=False)
    world.deputies_announce(keeper, [deputy.deputy], D(2025, 6, 20))
    owed = selectors.owed_by(deputy.deputy)
    assert owed.receptions_sentence == "本年度已接待1次，还需1次（已安排1次）"
    settings.RENDA_RULE_OVERRIDES = {"receptions_per_deputy_per_year": 1}
    assert selectors.owed_by(deputy.deputy).receptions_sentence == "本年度已接待1次，已达到每年1次的要求"
