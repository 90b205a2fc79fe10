"""The list pages' paginator: an exact count up to ListPaginator.EXACT_UP_TO rows; above it the planner's
estimate on PostgreSQL ("约 N 条"), the exact count on SQLite."""

import pytest
from django.db import connection

from renda.core.listing import ListPaginator
from renda.org.models import Township
from renda.org.tests.factories import TownshipFactory


@pytest.fixture
def townships(db):
    return [TownshipFactory() for _ in range(12)]


def test_a_list_up_to_the_bound_is_counted_exactly(townships, monkeypatch):
    monkeypatch.setattr(ListPaginator, "EXACT_UP_TO", 20)
    paginator = ListPaginator(Township.objects.order_by("pk"), 5)
    assert (paginator.count, paginator.estimated, paginator.num_pages) == (12, False, 3)
    assert paginator.page(3).object_list.count() == 2


def test_a_list_above_the_bound_shows_an_estimate_on_postgresql_and_the_count_on_sqlite(
    townships, monkeypatch
):
    monkeypatch.setattr(ListPaginator, "EXACT_UP_TO", 5)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE org_township")
    paginator = ListPaginator(Township.objects.order_by("pk"), 5)
    if connection.vendor == "postgresql":
        assert paginator.estimated
        assert paginator.count >= 6  # at least what the bounded count saw
        assert list(paginator.page(99).object_list) == []  # past the real end: empty, not refused
    else:
        assert (paginator.count, paginator.estimated) == (12, False)
