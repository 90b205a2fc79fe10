"""Every read of the budget supervision that applies visibility or aggregates."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet

from renda.budget import analytics, rules
from renda.budget.models import Alert, AlertState, BudgetImport, ClassCode, ColumnMapping, Milestone
from renda.budget.store import Store, get_store, years
from renda.budget.workflows import HANDLE, MANAGE, READ
from renda.core.roles import can

MONTHS = [f"{m}月" for m in range(1, 13)]


def alerts_visible_to(user: Any) -> QuerySet[Alert]:
    """The office and the committee's members see every alert; a department's officers the alerts sent to
    their department; anyone else none."""
    if can(user, MANAGE) or can(user, READ):
        return Alert.objects.all()
    if can(user, HANDLE) and getattr(user, "handling_unit_id", None):
        return Alert.objects.filter(assignments__unit=user.handling_unit_id).distinct()
    return Alert.objects.none()


def imports_visible_to(user: Any) -> QuerySet[BudgetImport]:
    if can(user, MANAGE) or can(user, READ):
        return BudgetImport.objects.select_related("actor")
    return BudgetImport.objects.none()


def mappings_visible_to(user: Any) -> QuerySet[ColumnMapping]:
    if can(user, MANAGE) or can(user, READ):
        return ColumnMapping.objects.select_related("actor")
    return ColumnMapping.objects.none()


def milestones_visible_to(user: Any) -> QuerySet[Milestone]:
    if can(user, MANAGE) or can(user, READ):
        return Milestone.objects.all()
    return Milestone.objects.none()


def store_years(store: Store | None = None) -> list[int]:
    return years(store or get_store())


def func_names() -> dict[str, str]:
    return dict(ClassCode.objects.filter(scheme=ClassCode.Scheme.FUNCTION).values_list("code", "name"))


def execution_rows(
    year: int, by: str, *, dept: str = "", func: str = "", store: Store | None = None
) -> list[dict[str, Any]]:
    """Execution by department, project or function class (analytics.execution), with the rate as a pair."""
    store = store or get_store()
    rows = analytics.execution(store.table, year, by, dept=dept, func=func).to_pyarrow().to_pylist()
    if by == "func":
        names = func_names()
        for row in rows:
            row["name"] = names.get(row["code"], row["code"])
    for row in rows:
        row["allocated"] = row["initial"] + row["adjusted"]
        row["months"] = [row[f"m{m}"] for m in range(1, 13)]
    return rows


def totals(year: int, store: Store | None = None) -> dict[str, Any]:
    store = store or get_store()
    row = analytics.totals(store.table, year).to_pyarrow().to_pylist()[0]
    row = {k: (v or 0) for k, v in row.items()}
    row["allocated"] = row["initial"] + row["adjusted"]
    row["months"] = [row[f"m{m}"] for m in range(1, 13)]
    return row


def revenue_rows(year: int, by: str = "class", store: Store | None = None) -> list[dict[str, Any]]:
    """Revenue execution by class or item (analytics.revenue), with the names of the revenue classes."""
    store = store or get_store()
    names = dict(ClassCode.objects.filter(scheme=ClassCode.Scheme.REVENUE).values_list("code", "name"))
    rows = analytics.revenue(store.table, year, by).to_pyarrow().to_pylist()
    for row in rows:
        row["name"] = names.get(row["code"], row["code"])
        row["months"] = [row[f"m{m}"] for m in range(1, 13)]
    return rows


DEBT_KINDS = {"general": "一般债务", "special": "专项债务"}


def debt_rows(year: int, store: Store | None = None) -> list[dict[str, Any]]:
    """The debt of `year` by kind beside the year before: limit, balance, new bonds; over the limit or not."""
    store = store or get_store()
    rows = analytics.debt(store.table, year).to_pyarrow().to_pylist()
    last = {r["debt_kind"]: r for r in rows if r["year"] == year - 1}
    out = []
    for row in rows:
        if row["year"] != year:
            continue
        previous = last.get(row["debt_kind"])
        out.append({
            **row, "label": DEBT_KINDS.get(row["debt_kind"], row["debt_kind"]),
            "over": row["balance"] > row["limit_amount"], "last_balance": previous["balance"] if previous else None,
        })  # fmt: skip
    return out


def payments(year: int, *, dept: str = "", project: str = "", limit: int = 200, store: Store | None = None):
    store = store or get_store()
    t = analytics.payments(store.table, year, dept=dept, project=project)
    return t.limit(limit).to_pyarrow().to_pylist(), int(t.count().execute())


def evidence(alert: Alert, *, limit: int = 200, store: Store | None = None) -> list[dict[str, Any]]:
    """The rows that made the alert."""
    from renda.budget.services import params

    store = store or get_store()
    hit = {
        "key": alert.key, "dept_code": alert.dept_code, "project_code": alert.project_code,
        "payee": alert.payee, "base": alert.base,
    }  # fmt: skip
    return (
        rules.evidence(alert.rule, store.table, alert.year, hit, params())
        .limit(limit)
        .to_pyarrow()
        .to_pylist()
    )


def time_progress(year: int, as_of: datetime.date) -> tuple[int, int]:
    return rules.time_progress(year, as_of)


def alert_counts(year: int) -> dict[str, Any]:
    q = Alert.objects.filter(year=year)
    by_state = dict(q.values_list("state").annotate(n=Count("pk")).values_list("state", "n"))
    by_rule = list(q.values("rule").annotate(n=Count("pk"), open=Count("pk", filter=Q(state=AlertState.NEW))))
    return {"by_state": by_state, "by_rule": by_rule, "total": sum(by_state.values())}


def year_figures(year: int) -> dict[str, Any]:
    """The dashboard's figures: alerts of the year by state (from Django's tables only: the dashboard does not
    wait for the analytical store)."""
    counts = alert_counts(year)
    return {
        "year": year,
        "alerts": counts["total"],
        "new": counts["by_state"].get(AlertState.NEW, 0),
        "inquiring": counts["by_state"].get(AlertState.INQUIRING, 0),
        "closed": counts["by_state"].get(AlertState.CLOSED, 0)
        + counts["by_state"].get(AlertState.DISMISSED, 0),
    }
