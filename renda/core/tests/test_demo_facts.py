"""The counts kept as work happens (core.facts) in the demo county: every statistic of a year or a congress
session read from them equals the same statistic counted from the rows, and `rebuild_facts --check` agrees
until a write bypasses the kept counts."""

import pytest
from django.core.management import CommandError, call_command

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
