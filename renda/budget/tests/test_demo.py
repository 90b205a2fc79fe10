"""The demo county's budget supervision as seed_demo makes it: two years imported through the services, alerts
in every state (without seeding the whole county: the office and a unit's officer are all it needs)."""

import datetime

import pytest

from renda.budget.models import Alert, AlertState, BudgetImport, Milestone
from renda.core.roles import Role
from renda.demo.budget import demo_budget
from renda.demo.services import SCALES
from renda.org.tests.factories import HandlingUnitFactory

pytestmark = pytest.mark.django_db


def test_demo_budget_has_two_years_and_alerts_in_every_state(store, make_user):
    make_user(Role.CLERK, username="clerk")
    make_user(Role.UNIT, username="unit", handling_unit=HandlingUnitFactory(name="县财政局"))
    today = datetime.date(2026, 12, 7)
    counts = demo_budget(scale=SCALES["county"], seed=5, today=today)
    assert counts["预算执行数据行"] > 150_000
    assert set(store.table("payments").year.to_pyarrow().unique().to_pylist()) == {2025, 2026}
    assert not BudgetImport.objects.exclude(result=BudgetImport.Result.DONE).exists()
    assert set(Alert.objects.values_list("state", flat=True)) == set(AlertState.values)
    assert Milestone.objects.filter(year=2026, kind=Milestone.Kind.PUBLISHED, on_time=True).exists()
