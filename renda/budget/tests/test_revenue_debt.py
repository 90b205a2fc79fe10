"""Revenue and government debt: revenue collected against the revenue budget and time progress by class and
month; the debt's limit and balance with the alert 债务余额超限额; both imported from the bureau's files and
exported to Excel."""

import datetime

import pytest
from django.urls import reverse

from renda.budget import rules, selectors, services
from renda.budget.models import Alert, BudgetImport
from renda.budget.tests.conftest import AS_OF, YEAR
from renda.core import clock

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_revenue_execution_by_class_and_month(loaded, generated):
    rows = selectors.revenue_rows(YEAR, "class", store=loaded)
    assert [(r["code"], r["name"]) for r in rows] == [("101", "税收收入"), ("103", "非税收入")]
    budget = sum(generated.tables["revenue_budget"]["amount"].to_pylist())
    assert sum(r["budget"] for r in rows) == budget
    for row in rows:
        assert sum(row["months"]) == row["actual"] and row["actual"] < row["budget"]
    items = selectors.revenue_rows(YEAR, "item", store=loaded)
    assert {r["code"] for r in items} >= {"10101", "10302"} and items[0]["name"] == "增值税"


def test_debt_balance_above_its_limit_is_an_alert(loaded):
    """债务余额超限额 (预算法 Art. 35): the special debt above its limit is found, the general debt within it is not."""
    rows = selectors.debt_rows(YEAR, store=loaded)
    assert [(r["label"], r["over"]) for r in rows] == [("一般债务", False), ("专项债务", True)]
    hits = (
        rules.hits("debt_over_limit", loaded.table, YEAR, AS_OF, rules.DEFAULT_PARAMS)
        .to_pyarrow()
        .to_pylist()
    )
    assert [h["key"] for h in hits] == [f"debt_over_limit:{YEAR}:special"]
    assert hits[0]["amount"] > hits[0]["base"]


def test_debt_and_revenue_imports_raise_the_debt_alert(store, clerk):
    revenue_budget = "收入科目,预算数\n10101,1000000\n10302,200000\n"
    revenue = "月份,收入科目,收入金额\n1,10101,90000\n2,10101,80000.5\n1,10302,15000\n"
    debt = "债务类型,债务限额,债务余额,新增债券\n一般债务,5000000,4000000,100000\n专项债务,3000000,3200000,500000\n"
    for dataset, text in (("revenue_budget", revenue_budget), ("revenue", revenue), ("debt", debt)):
        with clock.at(datetime.datetime(YEAR, 12, 20, 10, tzinfo=datetime.UTC)):
            done = services.data_import(
                dataset=dataset, year=YEAR, source=text.encode(), fmt="csv", file_name="x.csv", actor=clerk
            )
        assert done.result == BudgetImport.Result.DONE, done.errors
    rows = selectors.revenue_rows(YEAR, "class", store=store)
    assert [(r["code"], r["budget"], r["actual"]) for r in rows] == [
        ("101", 100_000_000, 17_000_050),
        ("103", 20_000_000, 1_500_000),
    ]
    alert = Alert.objects.get(rule="debt_over_limit")
    assert alert.payee == "special" and alert.amount == 320_000_000 and alert.base == 300_000_000
    assert [r["balance"] for r in selectors.evidence(alert, store=store)] == [320_000_000]


def test_the_debt_rule_is_a_switch(settings):
    assert "debt_over_limit" in services.enabled_rules()
    settings.RENDA_RULE_OVERRIDES = {"budget_debt_on": 0}
    assert "debt_over_limit" not in services.enabled_rules()


def test_revenue_and_debt_pages_with_excel(client, clerk, member, loaded):
    client.force_login(member)
    page = client.get(reverse("budget:revenue"), {"year": YEAR})
    assert page.status_code == 200 and "税收收入" in page.text and "序时进度" in page.text
    assert "revenue-progress" in page.text
    assert "增值税" in client.get(reverse("budget:revenue"), {"year": YEAR, "by": "item"}).text
    assert client.get(reverse("budget:revenue"), {"year": YEAR, "export": "xlsx"})["Content-Type"] == XLSX
    debt = client.get(reverse("budget:debt"), {"year": YEAR})
    assert debt.status_code == 200 and "专项债务" in debt.text and "超限额" in debt.text
    assert client.get(reverse("budget:debt"), {"year": YEAR, "export": "xlsx"})["Content-Type"] == XLSX
