"""Statistics of suggestions (statistics.py): the rate definitions on hand-computed cases driven through the
services (未反馈 and re-handled cases included), the 大冶 figures and their sentence, units and the ranking,
scopes, formatting, and the statistics and ranking pages."""

import datetime
import importlib
import io
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from renda.casework import services as casework
from renda.core import facts
from renda.core.calendar import add_months
from renda.core.roles import Role
from renda.deputies.tests.factories import DeputyFactory
from renda.org.tests.factories import (
    CongressSessionFactory,
    HandlingUnitFactory,
    TermFactory,
    TownshipFactory,
)
from renda.suggestions import charts, services, statistics
from renda.suggestions.models import Assignment, Commitment, Rating, ResultCategory, Suggestion, Timing
from renda.suggestions.statistics import Rate, Scope, UnitFigures, cn_amount
from renda.suggestions.tests import flow
from renda.suggestions.tests.casebook import closed_case
from renda.suggestions.tests.factories import RefusalReasonFactory, ResultCategoryFactory

pytestmark = pytest.mark.django_db

STATS = reverse("suggestions:stats")
RANKING = reverse("suggestions:ranking")


def category_c() -> ResultCategory:
    return ResultCategoryFactory(code="C", label="因条件限制留作参考", counts_as_resolved=False)


def answer(suggestion: Suggestion, officer, category: ResultCategory) -> Suggestion:
    """The officer's unit answers (with a commitment where the category needs one)."""
    commitments = [("列入明年计划", timezone.localdate() + datetime.timedelta(days=90))]
    kwargs = {"commitments": commitments} if category.needs_follow_up else {}
    flow.answer(flow.assignment_of(suggestion, officer), officer, category=category, **kwargs)
    suggestion.refresh_from_db()
    return suggestion


def evaluate(suggestion: Suggestion, user, rating: str) -> None:
    services.evaluation_submit(suggestion=suggestion, rating=rating, actor=user)


@pytest.fixture
def handled(deputy, other_deputy, office, officer) -> Scope:
    """Ten cases of this year through the services, one handling unit:

    1 C on time, 未反馈 (the evaluation window passed) · 2 A on time, 满意 · 3 B on time, 基本满意 ·
    4 B on time, 不满意, re-handled: A on time, 满意 · 5 in handling, past its due date · 6 A late, 不满意,
    being re-handled · 7 registered, not yet assigned · 8 refused · 9 merged into 7 · 10 a draft.
    Cases 1–4 are the deputy's, 5–10 the other deputy's (each deputy lives in another township)."""
    a, b, c = flow.category_a(), flow.category_b(), category_c()
    today = timezone.localdate()
    four_months_ago = add_months(today, -4)

    def assigned(user, on=None) -> Suggestion:
        return flow.assigned(office, user, lead=officer.handling_unit, on=on)

    answer(assigned(deputy), officer, c)
    services.evaluations_expire(today=today + datetime.timedelta(days=60))  # only case 1 awaits evaluation
    evaluate(answer(assigned(deputy), officer, a), deputy, Rating.SATISFIED)
    evaluate(answer(assigned(deputy), officer, b), deputy, Rating.BASICALLY_SATISFIED)
    case4 = answer(assigned(deputy), officer, b)
    evaluate(case4, deputy, Rating.DISSATISFIED)
    evaluate(answer(case4, officer, a), deputy, Rating.SATISFIED)
    assigned(other_deputy, on=four_months_ago)
    evaluate(
        answer(assigned(other_deputy, on=four_months_ago), officer, a), other_deputy, Rating.DISSATISFIED
    )
    case7 = flow.accepted(office, other_deputy)
    refused = flow.submitted(other_deputy)
    services.suggestion_reject(suggestion=refused, reason=RefusalReasonFactory(), actor=office)
    services.suggestions_merge(into=case7, others=[flow.submitted(other_deputy)], actor=office)
    flow.draft(other_deputy)
    return Scope.of_year(2026)  # the factory's year


# ---------------------------------------------------------------- rate definitions, by hand


def test_counts_of_the_hand_computed_cases(handled):
    figures = statistics.suggestion_figures(handled)
    assert figures.submitted == 9  # all but the draft
    assert figures.registered == 7  # cases 1–7
    assert (figures.rejected, figures.merged) == (1, 1)
    assert figures.assigned == 6  # cases 1–6
    assert figures.replied == 5  # 1, 2, 3, 4 and 6 (answered once, now re-handled)
    assert figures.replied_on_time == 4  # case 6 was late
    assert figures.overdue == 1  # case 5
    assert figures.resolved == 3  # 2, 4 (final answer A) and 6 (A so far); B and C are not resolved


def test_reply_rate_is_replied_over_assigned(handled):
    figures = statistics.suggestion_figures(handled)
    assert figures.reply_rate == Rate(5, 6)
    assert str(figures.reply_rate) == "83.3%"


def test_on_time_reply_rate_counts_no_late_answer_over_assigned(handled):
    figures = statistics.suggestion_figures(handled)
    assert figures.on_time_rate == Rate(4, 6)
    assert str(figures.on_time_rate) == "66.7%"


def test_resolution_rate_uses_the_final_answer_over_registered(handled):
    """Case 4 answered B, then A after re-handling: its final answer counts."""
    assert statistics.suggestion_figures(handled).resolution_rate == Rate(3, 7)


def test_resolution_rate_follows_the_configured_categories_A_and_B(handled):
    ResultCategory.objects.filter(code="B").update(counts_as_resolved=True)
    assert statistics.suggestion_figures(handled).resolution_rate == Rate(
        4, 7
    )  # 2, 3 (B), 4 and 6; not 1 (C)


def test_satisfaction_rate_leaves_out_未反馈_and_uses_the_last_evaluation(handled):
    """Lead deputies' last ratings: 1 未反馈, 2 满意, 3 基本满意, 4 满意 (after 不满意 in round 1), 6 不满意
    (round 1; re-handling under way). (满意 + 基本满意) ÷ (满意 + 基本满意 + 不满意) = 3 ÷ 4."""
    figures = statistics.suggestion_figures(handled)
    assert (figures.satisfied, figures.basically_satisfied, figures.dissatisfied) == (2, 1, 1)
    assert figures.no_feedback == 1
    assert figures.satisfaction_rate == Rate(3, 4)
    assert str(figures.satisfaction_rate) == "75%"


def test_rule_satisfaction_includes_basic_off_counts_满意_only(handled, settings):
    settings.RENDA_RULE_OVERRIDES = {"satisfaction_includes_basic": 0}
    assert statistics.suggestion_figures(handled).satisfaction_rate == Rate(2, 4)


def test_figures_by_township_of_the_lead_deputy(handled, deputy, other_deputy):
    rows = {row.label: row for row in statistics.figures_by_township(handled)}
    mine, theirs = rows[deputy.deputy.township.name], rows[other_deputy.deputy.township.name]
    assert (mine.registered, mine.replied, mine.resolved, mine.satisfaction_rate) == (4, 4, 2, Rate(3, 3))
    assert (theirs.submitted, theirs.registered, theirs.assigned, theirs.overdue) == (5, 3, 2, 1)
    assert theirs.satisfaction_rate == Rate(0, 1)


def test_figures_by_top_level_category(handled):
    from renda.suggestions.models import SuggestionCategory

    parent = SuggestionCategory.objects.create(name="城乡建设", order=1)
    child = SuggestionCategory.objects.create(name="交通", parent=parent)
    health = SuggestionCategory.objects.create(name="医疗卫生", order=2)
    registered = Suggestion.objects.filter(state__in=statistics.REGISTERED).order_by("pk")
    Suggestion.objects.filter(pk__in=[s.pk for s in registered[:2]]).update(category=child)
    Suggestion.objects.filter(pk=registered[2].pk).update(category=parent)
    Suggestion.objects.exclude(pk__in=[s.pk for s in registered[:3]]).update(category=health)
    facts.rebuild()  # writes in bulk
    rows = statistics.figures_by_category(handled)
    assert [(row.label, row.registered) for row in rows] == [("城乡建设", 3), ("医疗卫生", 4)]


def test_units_figures_and_result_categories(handled, officer):
    categories = statistics.result_categories()
    [unit] = statistics.unit_figures(handled, categories)
    assert unit.name == officer.handling_unit.name
    assert (unit.assigned, unit.replied, unit.replied_on_time, unit.overdue) == (6, 5, 4, 1)
    assert unit.resolution_rate == Rate(3, 6)
    assert [(c.code, n) for c, n in unit.by_category] == [("A", 3), ("B", 1), ("C", 1)]
    assert unit.satisfaction_rate == Rate(3, 4)
    assert unit.no_feedback == 1  # case 1: evaluations_expire rated it on the assignment too
    total = statistics.unit_totals([unit, unit], categories)
    assert (total.name, total.assigned, total.replied, total.by_category[0][1]) == ("合计", 12, 10, 6)


def test_a_result_raised_when_the_commitment_is_fulfilled_counts_as_resolved(deputy, office, officer):
    a, b = flow.category_a(), flow.category_b()
    suggestion = answer(flow.assigned(office, deputy, lead=officer.handling_unit), officer, b)
    scope = Scope.of_year(2026)
    assert statistics.suggestion_figures(scope).resolved == 0
    commitment = Commitment.objects.get(reply__assignment__suggestion=suggestion)
    services.commitment_update_post(
        commitment=commitment, text="已完工", solved=True, raise_to=a, actor=officer
    )
    assert statistics.suggestion_figures(scope).resolved == 1
    [unit] = statistics.unit_figures(scope, statistics.result_categories())
    assert [(c.code, n) for c, n in unit.by_category] == [("A", 1), ("B", 0)]


def test_the_migration_records_the_facts_of_cases_already_there(handled):
    """0007 fills in what the services keep from then on; the statistics come out the same."""
    migration = importlib.import_module("renda.suggestions.migrations.0007_statistics_facts")
    before = statistics.suggestion_statistics(handled)
    Suggestion.objects.update(result_category=None, answered_late=False, lead_rating="")
    Assignment.objects.update(result_category=None, answered_late=False)
    migration.record_results(apps, None)
    facts.rebuild()  # as migration 0016 does after it
    after = statistics.suggestion_statistics(handled)
    assert (after.figures, after.units) == (before.figures, before.units)


def test_the_migration_copies_township_year_and_rating_for_cases_already_there(handled):
    """0009 fills in the lead deputy's township and each assignment's year and lead rating."""
    migration = importlib.import_module("renda.suggestions.migrations.0009_statistics_without_joins")
    before = statistics.suggestion_statistics(handled)
    Suggestion.objects.update(township=None)
    Assignment.objects.update(year=0, lead_rating="")
    migration.copy_facts(apps, None)
    facts.rebuild()  # as migration 0016 does after it
    after = statistics.suggestion_statistics(handled)
    assert (after.figures, after.by_township, after.units) == (
        before.figures,
        before.by_township,
        before.units,
    )
    assert Suggestion.objects.filter(state="draft", township=None).count() == 1  # drafts get it when filed


def test_a_suggestion_counts_in_the_township_its_lead_deputy_had_when_filing(deputy, office):
    before = deputy.deputy.township
    flow.accepted(office, deputy)
    deputy.deputy.township = TownshipFactory(name="新迁乡")
    deputy.deputy.save()
    flow.accepted(office, deputy)  # filed after moving
    rows = {row.label: row.registered for row in statistics.figures_by_township(Scope.of_year(2026))}
    assert rows == {before.name: 1, "新迁乡": 1}


def test_a_replacement_unit_counts_in_the_suggestions_year_with_its_rating(
    deputy, office, officer, other_officer
):
    suggestion = flow.assigned(office, deputy, lead=officer.handling_unit)
    assignment = flow.assignment_of(suggestion, officer)
    casework.request_reassignment(assignment=assignment, reason="不属本单位职责", actor=officer)
    services.reassignment_decide(
        assignment=assignment, approve=True, new_unit=other_officer.handling_unit, actor=office
    )
    replacement = flow.assignment_of(suggestion, other_officer)
    assert (replacement.year, replacement.lead_rating) == (suggestion.year, "")
    flow.answer(replacement, other_officer, category=flow.category_a())
    evaluate(Suggestion.objects.get(pk=suggestion.pk), deputy, Rating.SATISFIED)
    units = statistics.unit_figures(Scope.of_year(suggestion.year), statistics.result_categories())
    assert [(u.name, u.assigned, u.satisfied) for u in units] == [(other_officer.handling_unit.name, 1, 1)]


# ---------------------------------------------------------------- units: lead, joint, split


def test_split_cases_count_for_each_answering_unit_joint_units_apart(deputy, office, officer, other_officer):
    a, c = flow.category_a(), category_c()
    third = HandlingUnitFactory(name="县水务局")
    split = services.suggestion_assign(
        suggestion=flow.accepted(office, deputy),
        on=timezone.localdate(),
        split=[officer.handling_unit, other_officer.handling_unit],
        actor=office,
    )
    flow.answer(flow.assignment_of(split, officer), officer, category=a)
    flow.answer(flow.assignment_of(split, other_officer), other_officer, category=c)
    flow.assigned(office, deputy, assign={"lead": officer.handling_unit, "joint": [third]})
    scope = Scope.of_year(timezone.localdate().year)
    units = {u.name: u for u in statistics.unit_figures(scope, statistics.result_categories())}
    mine, theirs, water = units["县交通运输局"], units["县住房和城乡建设局"], units["县水务局"]
    assert (mine.assigned, mine.replied, mine.resolved) == (2, 1, 1)
    assert (theirs.assigned, theirs.replied, theirs.resolved) == (1, 1, 0)
    assert (water.assigned, water.supporting) == (0, 1)
    # The split case is resolved only when every final answer is: B's C keeps it unresolved.
    assert statistics.suggestion_figures(scope).resolved == 0


# ---------------------------------------------------------------- the 大冶 figures


@pytest.fixture
def daye():
    """十八届二次会议: 92 suggestions, all answered; 76 in category A (已经解决或基本解决), 10 B, 6 C; 50 lead
    deputies evaluated (30 满意, 19 基本满意 — one of them after re-handling —, 1 不满意), 42 未反馈."""
    session = CongressSessionFactory(
        term=TermFactory(number=18), number=2, start_date=datetime.date(2023, 1, 10)
    )
    a = ResultCategoryFactory(code="A", label="已经解决或基本解决", counts_as_resolved=True)
    b = ResultCategoryFactory(code="B", label="正在解决或列入计划", counts_as_resolved=False)
    c = category_c()
    units = HandlingUnitFactory.create_batch(4)
    deputies = DeputyFactory.create_batch(6)
    categories = [a] * 76 + [b] * 10 + [c] * 6
    ratings = (
        [Rating.SATISFIED] * 30
        + [Rating.BASICALLY_SATISFIED] * 19
        + [Rating.DISSATISFIED]
        + [Rating.NO_FEEDBACK] * 42
    )
    for serial, (category, rating) in enumerate(zip(categories, ratings, strict=True), start=1):
        closed_case(
            session=session,
            deputy=deputies[serial % 6],
            unit=units[serial % 4],
            serial=serial,
            category=category,
            rating=rating,
            rounds=2 if serial == 49 else 1,  # re-handled, then 基本满意
        )
    return Scope.of_session(session)


def test_daye_figures(daye):
    figures = statistics.suggestion_figures(daye)
    assert (figures.registered, figures.resolved, figures.replied, figures.assigned) == (92, 76, 92, 92)
    assert figures.resolution_rate == Rate(76, 92)
    assert figures.satisfaction_rate == Rate(49, 50)


def test_daye_sentence(daye):
    stats = statistics.suggestion_statistics(daye)
    assert stats.sentence == (
        "十八届二次会议提出的92件代表建议，已经解决或基本解决的有76件，占82.6%，办理答复率达到100%，办理满意率达到98%"
    )


def test_statistics_take_eight_queries_whatever_the_rows(daye, django_assert_num_queries):
    with django_assert_num_queries(8):
        statistics.suggestion_statistics(daye)


# ---------------------------------------------------------------- scopes


def test_scopes_session_year_and_date_range(deputy, office):
    session = CongressSessionFactory(start_date=datetime.date(2026, 1, 10))
    during = flow.submitted(deputy, timing=Timing.DURING_SESSION, congress_session=session)
    between = flow.submitted(deputy)
    Suggestion.objects.filter(pk=during.pk).update(
        submitted_at=timezone.make_aware(datetime.datetime(2026, 1, 11, 23, 30))
    )
    Suggestion.objects.filter(pk=between.pk).update(
        submitted_at=timezone.make_aware(datetime.datetime(2026, 3, 1, 0, 10)), year=2026
    )
    facts.rebuild()  # writes in bulk

    def count(scope):
        return statistics.suggestion_figures(scope).submitted

    assert count(Scope.of_session(session)) == 1
    assert count(Scope.of_year(2026)) == 2
    assert count(Scope.of_range(datetime.date(2026, 1, 11), datetime.date(2026, 2, 28))) == 1  # local days
    assert count(Scope.of_range(datetime.date(2026, 3, 1), datetime.date(2026, 3, 1))) == 1
    assert Scope.of_session(session).label == session.short_name
    assert (
        Scope.of_range(datetime.date(2026, 1, 1), datetime.date(2026, 6, 30)).label
        == "2026年1月1日至2026年6月30日"
    )


# ---------------------------------------------------------------- ranking


def unit(name: str, **counts) -> UnitFigures:
    base = dict.fromkeys(statistics.UNIT_FIELDS, 0)
    return UnitFigures(unit_id=None, name=name, **(base | counts))


def test_ranking_score_is_the_weighted_mean_of_the_four_rates():
    """Weights 20/30/20/30: reply 10/10, on time 8/10, resolved 6/10, satisfied (满意+基本满意) 4/5 →
    (20×1 + 30×0.8 + 20×0.6 + 30×0.8) ÷ 100 = 80.0."""
    figures = unit(
        "县交通运输局", assigned=10, replied=10, replied_on_time=8, resolved=6, satisfied=3, basically_satisfied=1,
        dissatisfied=1,
    )  # fmt: skip
    assert statistics.ranking_score(figures) == Decimal("80.0")


def test_ranking_score_leaves_out_a_rate_with_nothing_to_divide():
    """Nothing evaluated yet: (20×1 + 30×0.5 + 20×0) ÷ 70 = 50.0."""
    figures = unit("县水务局", assigned=2, replied=2, replied_on_time=1, resolved=0)
    assert statistics.ranking_score(figures) == Decimal("50.0")
    assert statistics.ranking_score(unit("县林业局", supporting=3)) is None


def test_rule_ranking_weights(settings):
    settings.RENDA_RULE_OVERRIDES = {"ranking_weight_reply": 0, "ranking_weight_on_time": 100}
    figures = unit("县交通运输局", assigned=4, replied=4, replied_on_time=1, resolved=4, satisfied=1)
    assert statistics.ranking_score(figures) == Decimal("50.0")  # (100×¼ + 20×1 + 30×1) ÷ 150


def test_ranking_orders_by_score_equal_scores_share_a_rank(
    handled, make_user, deputy, office, other_officer, settings
):
    """Scores of the raw rates (no shrinking): two units answered one case each, on time, A: 100.0 both.
    The busy unit: (20×⅚ + 30×⅔ + 20×½ + 30×¾)."""
    settings.RENDA_RULE_OVERRIDES = {"ranking_prior_cases": 0}
    water = make_user(Role.UNIT, handling_unit=HandlingUnitFactory(name="县水务局"))
    for officer in (other_officer, water):
        answer(flow.assigned(office, deputy, lead=officer.handling_unit), officer, flow.category_a())
    ranked = statistics.unit_ranking(handled)
    assert [(u.name, u.rank, u.score) for u in ranked] == [
        ("县住房和城乡建设局", 1, Decimal("100.0")),
        ("县水务局", 1, Decimal("100.0")),
        ("县交通运输局", 3, Decimal("69.2")),
    ]


def test_rule_ranking_prior_cases_one_good_case_does_not_outrank_many():
    """Shrunk toward all units' rates with 5 cases of prior: the unit with 1 case answered perfectly is pulled
    toward the average; the unit with 20 cases at 90 % keeps close to its own rates and ranks first."""
    busy = unit(
        "县教育局", assigned=20, replied=20, replied_on_time=18, resolved=18, satisfied=18, dissatisfied=2
    )
    one = unit("县档案馆", assigned=1, replied=1, replied_on_time=1, resolved=1, satisfied=1)
    poor = unit(
        "县林业局", assigned=10, replied=10, replied_on_time=5, resolved=5, satisfied=5, dissatisfied=5
    )
    overall = statistics.unit_totals([busy, one, poor], [])
    assert statistics.ranking_score(one) == Decimal("100.0")  # the raw rates
    shrunk = {u.name: statistics.ranking_score(u, overall) for u in (busy, one, poor)}
    # 24/31 of all replies were on time, resolved and satisfied: the one case scores (1 + 5 × 24/31) ÷ 6 each
    # on time, resolution and satisfaction, (1 + 5) ÷ 6 for the reply rate.
    assert shrunk["县档案馆"] == Decimal("84.9")  # (20 × 1 + 80 × 0.8118) ÷ 100
    assert shrunk["县教育局"] > shrunk["县档案馆"] > shrunk["县林业局"]


# ---------------------------------------------------------------- formatting


@pytest.mark.parametrize(
    ("value", "unit_name", "text"),
    [
        (Decimal("6280000"), "元", "628万元"),
        (Decimal("6285000.00"), "元", "628.5万元"),
        (58700, "人次", "5.87万人次"),
        (870, "人次", "870人次"),
        (Decimal("8000.00"), "元", "8000元"),
        (Decimal("12345.60"), "元", "1.23万元"),
    ],
)
def test_cn_amount(value, unit_name, text):
    assert cn_amount(value, unit_name) == text


# ---------------------------------------------------------------- pages


def test_statistics_page_for_a_session(client, daye, member):
    client.force_login(member)
    response = client.get(STATS, {"session": daye.session.pk})
    assert response.status_code == 200
    text = response.content.decode()
    assert "十八届二次会议提出的92件代表建议，已经解决或基本解决的有76件，占82.6%" in text
    assert 'data-chart="chart-units"' in text


def test_township_table_lists_every_township_the_chart_those_with_most_cases(
    client, clerk, office, make_user
):
    """A province's 1,000 townships: the table (and the export) has them all, the chart the 30 with the most
    registered cases."""
    for n in range(charts.CHART_TOWNSHIPS + 1):
        lead = make_user(
            Role.DEPUTY, deputy=DeputyFactory(township=TownshipFactory(name=f"第{n:02d}乡", order=n))
        )
        for _ in range(1 + (n == 0)):
            flow.accepted(office, lead)  # 第00乡 has two cases; the others one each
    client.force_login(clerk)
    response = client.get(STATS, {"year": 2026})
    text = response.content.decode()
    assert all(f'<th scope="row" class="fw-normal">第{n:02d}乡</th>' in text for n in range(31))
    chart = next(c for c in response.context["charts"] if c.id == "chart-townships")
    assert chart.title == "按领衔代表所在乡镇（街道）：立案最多的30个"
    labels = chart.option["xAxis"]["data"]
    assert len(labels) == 30 and labels[0] == "第00乡"


def test_statistics_page_date_range_errors_beside_the_fields(client, member):
    client.force_login(member)
    response = client.get(STATS, {"start": "2026-03-01", "end": "2026-01-01"})
    assert response.status_code == 200
    assert "截止日期不能早于起始日期。" in response.content.decode()
    response = client.get(STATS, {"start": "2026-03-01"})
    assert "按日期统计须同时填写起止日期。" in response.content.decode()


def test_statistics_export_has_a_sheet_per_table(client, daye, clerk):
    client.force_login(clerk)
    response = client.get(STATS, {"session": daye.session.pk, "export": "xlsx"})
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["总体", "按分类", "按乡镇", "按承办单位"]
    rows = list(workbook["总体"].iter_rows(values_only=True))
    assert ("办理答复率", 92, 92, "100%") in rows
    assert ("解决率", 76, 92, "82.6%") in rows


def test_statistics_page_query_count_does_not_grow_with_rows(client, daye, clerk, django_assert_num_queries):
    client.force_login(clerk)
    params = {"session": daye.session.pk}
    client.get(STATS, params)
    with CaptureQueriesContext(connection) as before:
        client.get(STATS, params)
    session = daye.session
    unit = HandlingUnitFactory()
    for serial in range(100, 130):
        closed_case(
            session=session, deputy=DeputyFactory(), unit=unit, serial=serial,
            category=ResultCategory.objects.get(code="A"), rating=Rating.SATISFIED,
        )  # fmt: skip
    with django_assert_num_queries(len(before.captured_queries)):
        client.get(STATS, params)


def test_ranking_page_and_export(client, handled, member):
    client.force_login(member)
    response = client.get(RANKING)
    assert response.status_code == 200
    assert "县交通运输局" in response.content.decode()
    response = client.get(RANKING, {"export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("排名", "承办单位", "得分")
    assert rows[1][:2] == (1, "县交通运输局")


@pytest.mark.parametrize("url", [STATS, RANKING])
def test_statistics_pages_are_for_the_office_and_members(client, deputy, officer, url):
    for user in (deputy, officer):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


# ---------------------------------------------------------------- API


def test_api_statistics_of_a_session(client, daye, member):
    client.force_login(member)
    data = client.get(reverse("suggestion-statistics"), {"session": daye.session.pk}).json()
    assert data["scope"]["label"] == "十八届二次会议"
    assert data["figures"]["resolution_rate"] == {"numerator": 76, "denominator": 92, "percent": "82.6%"}
    assert data["figures"]["satisfaction_rate"]["percent"] == "98%"
    assert data["sentence"].startswith("十八届二次会议提出的92件代表建议")
    assert data["unit_total"]["by_category"][0] == {"code": "A", "label": "已经解决或基本解决", "count": 76}


def test_api_statistics_scope_errors_and_readers(client, member, deputy):
    client.force_login(member)
    response = client.get(reverse("suggestion-statistics"), {"start": "2026-03-01", "end": "2026-01-01"})
    assert response.status_code == 400
    assert response.json()["end"] == ["截止日期不能早于起始日期。"]
    assert response.json()["code"] == "invalid"
    client.force_login(deputy)
    assert client.get(reverse("suggestion-statistics")).status_code == 403
    assert client.get(reverse("suggestion-ranking")).status_code == 403
    client.logout()
    assert client.get(reverse("suggestion-statistics")).status_code == 401


def test_api_ranking(client, handled, clerk):
    client.force_login(clerk)
    [unit] = client.get(reverse("suggestion-ranking"), {"year": 2026}).json()
    assert (unit["rank"], unit["name"], unit["score"]) == (1, "县交通运输局", "69.2")
    assert unit["reply_rate"] == {"numerator": 5, "denominator": 6, "percent": "83.3%"}


def test_api_figures_read_as_drf_would(handled):
    """FiguresSerializer reads the attributes directly (for speed); the result is DRF's field by field."""
    from rest_framework import serializers

    from renda.suggestions.api.stats import FiguresSerializer

    for figures in statistics.figures_by_township(handled):
        fast = FiguresSerializer(figures).data
        assert fast == serializers.Serializer.to_representation(FiguresSerializer(), figures)
        assert fast["satisfaction_rate"]["percent"] == str(figures.satisfaction_rate)


def test_facts_deferred_are_left_alone_until_the_rebuild_and_kept_again_after_it(deputy, office, officer):
    """core.facts.deferred, as demo_seed plays its history: the moves inside leave the kept counts alone, the
    rebuild recomputes them, and moves after it keep them again from the rows as they are (an instance saved
    while deferred does not count its earlier values a second time)."""
    from renda.core.registry import platforms

    tallies = [tally for tally in platforms().tallies if tally.source in (Suggestion, Assignment)]
    with facts.deferred():
        suggestion = flow.assigned(office, deputy, lead=officer.handling_unit)
        assert Suggestion.objects.exists() and not any(tally.snapshot() for tally in tallies)
    facts.rebuild()
    rebuilt = {tally.name: tally.snapshot() for tally in tallies}
    assert all(rebuilt.values())
    suggestion.save()  # saved while deferred: nothing changed since, so no fact moves
    assert {tally.name: tally.snapshot() for tally in tallies} == rebuilt
    answer(suggestion, officer, flow.category_b())
    kept = {tally.name: tally.snapshot() for tally in tallies}
    assert kept != rebuilt
    facts.rebuild()
    assert {tally.name: tally.snapshot() for tally in tallies} == kept
