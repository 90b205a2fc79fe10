"""The counts kept as work happens (core.facts) in the demo county: every statistic of a year or a congress
session read from them equals the same statistic counted from the rows, and `rebuild_facts --check` agrees
until a write bypasses the kept counts."""

import pytest
from django.core.management import CommandError, call_command

from renda.opinions import selectors as opinions
from renda.opinions.models import Opinion
from renda.org.models import CongressSession
from renda.suggestions import statistics
from renda.suggestions.models import Rating, State, Suggestion


@pytest.mark.django_db
def test_statistics_from_kept_facts_equal_those_counted_from_the_rows_for_every_year_and_session(demo):
    categories = statistics.result_categories()
    years = sorted(set(Suggestion.objects.exclude(state=State.DRAFT).values_list("year", flat=True)))
    assert len(years) >= 3, years  # the demo's history years and this year
    scopes = [statistics.Scope.of_year(year) for year in years]
    scopes += [statistics.Scope.of_session(s) for s in CongressSession.objects.all()]
    for scope in scopes:
        kept = statistics.suggestion_breakdown(scope, categories)
        counted = statistics.suggestion_breakdown(scope, categories, from_rows=True)
        assert kept == counted, scope.label
        assert statistics.suggestion_figures(scope, categories) == kept[0], scope.label
        if scope.year is not None:
            units = statistics.unit_figures(scope, categories)
            assert units == statistics.unit_figures(scope, categories, from_rows=True), scope.label
            assert units, scope.label
    for year in years:
        assert statistics.dashboard(year) == statistics.dashboard(year, from_rows=True), year
    assert sum(statistics.suggestion_figures(s, categories).submitted for s in scopes[: len(years)]) == (
        Suggestion.objects.exclude(state=State.DRAFT).count()
    )


@pytest.mark.django_db
def test_the_opinions_year_board_and_hot_topics_from_kept_facts_equal_those_counted_from_the_rows(demo):
    years = sorted(set(Opinion.objects.values_list("year", flat=True)))
    assert years
    for year in years:
        assert opinions.year_board(year) == opinions.year_board(year, from_rows=True), year
        kept = opinions.hot_topics(Opinion.objects.all(), year=year)
        counted = opinions.hot_topics(Opinion.objects.filter(pk__gt=0), year=year)  # filtered: from the rows
        assert kept["by_month"] == counted["by_month"], year
        for key, name in (("by_township", "township__name"), ("by_category", "category__name")):
            kept_rows = [(row[name], row["n"]) for row in kept[key]]
            counted_rows = [(row[name], row["n"]) for row in counted[key]]
            assert [n for _, n in kept_rows] == [n for _, n in counted_rows], (year, key)
            cut = kept_rows[-1][1] if len(kept_rows) == 15 else 0  # ties at the 15th may be cut apart
            assert {r for r in kept_rows if r[1] > cut} == {r for r in counted_rows if r[1] > cut}, (
                year,
                key,
            )


@pytest.mark.django_db
def test_rebuild_facts_check_agrees_until_a_write_bypasses_the_kept_counts(demo):
    call_command("rebuild_facts", "--check", stdout=None)
    closed = Suggestion.objects.filter(state=State.CLOSED, lead_rating=Rating.SATISFIED)[:3]
    Suggestion.objects.filter(pk__in=list(closed.values_list("pk", flat=True))).update(
        lead_rating=Rating.DISSATISFIED
    )  # QuerySet.update without facts.tracked
    with pytest.raises(CommandError, match="统计数与业务数据不一致：suggestions"):
        call_command("rebuild_facts", "--check")
    call_command("rebuild_facts")
    call_command("rebuild_facts", "--check")
