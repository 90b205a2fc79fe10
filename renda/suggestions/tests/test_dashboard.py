"""The dashboard (驾驶舱): the year at a glance for the office and the chairpersons, in a fixed number of
queries; its page and its API."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from renda.core import facts
from renda.deputies.tests.factories import DeputyFactory
from renda.org.tests.factories import HandlingUnitFactory
from renda.suggestions import statistics
from renda.suggestions.models import Rating, Suggestion
from renda.suggestions.tests.casebook import closed_case, open_case
from renda.suggestions.tests.factories import ResultCategoryFactory, SuggestionCategoryFactory

pytestmark = pytest.mark.django_db

URL = reverse("suggestions:dashboard")
TODAY = datetime.date(2026, 11, 23)
D = datetime.date


@pytest.fixture
def year_2026():
    """Two units. 县交通运输局: three cases submitted in January and March, answered in April and May and closed
    ten days later (April, April, May); two open cases, one past due (submitted in June: due 21 September).
    县教育局: one case of March answered late, closed in August. A case of 2025 that must not count."""
    a = ResultCategoryFactory(code="A", label="已解决或基本解决", counts_as_resolved=True)
    roads, schools = HandlingUnitFactory(name="县交通运输局"), HandlingUnitFactory(name="县教育局")
    deputy = DeputyFactory()
    closed = [
        (roads, D(2026, 1, 12), D(2026, 4, 10), Rating.SATISFIED, True),
        (roads, D(2026, 1, 13), D(2026, 4, 20), Rating.BASICALLY_SATISFIED, True),
        (roads, D(2026, 3, 2), D(2026, 5, 8), Rating.NO_FEEDBACK, True),
        (schools, D(2026, 3, 5), D(2026, 8, 1), Rating.DISSATISFIED, False),
        (schools, D(2025, 3, 5), D(2025, 5, 1), Rating.SATISFIED, True),
    ]
    for serial, (unit, submitted, answered, rating, on_time) in enumerate(closed, start=1):
        closed_case(
            deputy=deputy, unit=unit, serial=serial, category=a, rating=rating, submitted=submitted,
            answered=answered, on_time=on_time,
        )  # fmt: skip
    open_case(deputy=deputy, unit=roads, serial=6, submitted=D(2026, 6, 1))
    open_case(deputy=deputy, unit=roads, serial=7, submitted=D(2026, 10, 8))
    transport = SuggestionCategoryFactory(name="交通")
    Suggestion.objects.filter(title__in=[f"关于第{n}件事项的建议" for n in (1, 2, 6)]).update(
        category=transport
    )
    facts.rebuild()  # a write in bulk, as the demo's
    return roads, schools


def test_the_year_at_a_glance(year_2026):
    board = statistics.dashboard(2026, today=TODAY)
    figures = board.figures
    assert (figures.submitted, figures.assigned, figures.replied, figures.overdue) == (6, 6, 4, 1)
    assert figures.reply_rate == statistics.Rate(4, 6)
    assert figures.satisfaction_rate == statistics.Rate(2, 3)  # 未反馈 left out
    months = {month: (submitted, answered) for month, submitted, answered in board.months}
    assert len(board.months) == 12
    assert (months[1], months[3], months[4], months[5], months[6], months[8], months[10]) == (
        (2, 0), (2, 0), (0, 2), (0, 1), (1, 0), (0, 1), (1, 0),
    )  # (submitted, closed)  # fmt: skip
    assert [(u.name, u.overdue) for u in board.overdue_units] == [("县交通运输局", 1)]
    assert [(g.label, g.registered) for g in board.by_category] == [("交通", 3), ("未分类", 3)]
    assert [u.name for u in board.units] == ["县交通运输局", "县教育局"]


def test_dashboard_takes_eleven_queries_whatever_the_rows(year_2026, django_assert_num_queries):
    with django_assert_num_queries(11):
        statistics.dashboard(2026, today=TODAY)
    roads, _ = year_2026
    for serial in range(100, 140):
        open_case(deputy=DeputyFactory(), unit=HandlingUnitFactory(), serial=serial, submitted=D(2026, 2, 1))
    with django_assert_num_queries(11):
        assert statistics.dashboard(2026, today=TODAY).figures.submitted == 46


@pytest.mark.parametrize("role", ["admin_user", "clerk", "member"])
def test_dashboard_page_for_the_office_and_chairpersons(client, year_2026, request, role):
    client.force_login(request.getfixturevalue(role))
    response = client.get(URL, {"year": 2026})
    text = response.content.decode()
    assert response.status_code == 200
    for chart in ("chart-months", "chart-categories", "chart-overdue", "chart-rates"):
        assert f'data-chart="{chart}"' in text
    assert "超期 1" in text


def test_dashboard_page_not_for_deputies_or_units(client, deputy_user, unit_user):
    for user in (deputy_user, unit_user):
        client.force_login(user)
        assert client.get(URL).status_code == 404
    client.logout()
    assert client.get(URL).status_code == 302


def test_dashboard_page_query_count_does_not_grow_with_rows(
    client, year_2026, clerk, django_assert_num_queries
):
    client.force_login(clerk)
    client.get(URL, {"year": 2026})
    with CaptureQueriesContext(connection) as before:
        client.get(URL, {"year": 2026})
    for serial in range(100, 130):
        open_case(deputy=DeputyFactory(), unit=HandlingUnitFactory(), serial=serial, submitted=D(2026, 2, 1))
    with django_assert_num_queries(len(before.captured_queries)):
        client.get(URL, {"year": 2026})


def test_api_dashboard(client, year_2026, member):
    client.force_login(member)
    data = client.get(reverse("suggestion-dashboard"), {"year": 2026}).json()
    assert data["year"] == 2026
    assert data["figures"]["submitted"] == 6
    assert data["months"][3] == {"month": 4, "submitted": 0, "closed": 2}
    assert [u["name"] for u in data["units"]] == ["县交通运输局", "县教育局"]
    assert client.get(reverse("suggestion-dashboard"), {"year": "明年"}).status_code == 400
