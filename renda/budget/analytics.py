"""The execution aggregates (预算执行监督): allocated, adjusted, spent and month by month, by department, project
or function class, written once as Ibis expressions like the rules (rules.py), so they run on every backend."""

from __future__ import annotations

from typing import Any

import ibis

from renda.budget.rules import Tables

LEVELS = {"dept": "单位", "project": "项目", "func": "功能分类（类）"}


def _key(t: ibis.Table, by: str) -> dict[str, Any]:
    if by == "dept":
        return {"code": t.dept_code}
    if by == "project":
        return {"code": t.project_code, "dept_code": t.dept_code}
    return {"code": t.func_code.substr(0, 3)}


def execution(tables: Tables, year: int, by: str, *, dept: str = "", func: str = "") -> ibis.Table:
    """One row per department (or project of `dept`, or function class): name, initial, adjusted, spent,
    m1 … m12 (分)."""
    a = tables("allocations")
    a = a.filter(a.year == year)
    p = tables("payments")
    p = p.filter(p.year == year)
    if dept:
        a, p = a.filter(a.dept_code == dept), p.filter(p.dept_code == dept)
    if func:
        a, p = a.filter(a.func_code.startswith(func)), p.filter(p.func_code.startswith(func))
    name_a = a.project_name if by == "project" else a.dept_name if by == "dept" else a.func_code.substr(0, 3)
    name_p = p.dept_name if by == "dept" else p.project_code if by == "project" else p.func_code.substr(0, 3)
    ga = a.group_by(**_key(a, by)).aggregate(
        name_a=name_a.max(),
        initial=(a.kind == "initial").ifelse(a.amount, 0).sum(),
        adjusted=(a.kind == "adjust").ifelse(a.amount, 0).sum(),
    )
    gp = p.group_by(**_key(p, by)).aggregate(
        name_p=name_p.max(),
        spent=p.amount.sum(),
        **{f"m{m}": (p.month == m).ifelse(p.amount, 0).sum() for m in range(1, 13)},
    )
    keys = ["code", "dept_code"] if by == "project" else ["code"]
    j = ga.outer_join(gp, keys)
    cols: dict[str, Any] = {
        "code": ibis.coalesce(j.code, j.code_right),
        "name": ibis.coalesce(j.name_a, j.name_p, ibis.literal("")),
        "initial": j.initial.fill_null(0),
        "adjusted": j.adjusted.fill_null(0),
        "spent": j.spent.fill_null(0),
        **{f"m{m}": j[f"m{m}"].fill_null(0) for m in range(1, 13)},
    }
    if by == "project":
        cols["dept_code"] = ibis.coalesce(j.dept_code, j.dept_code_right)
    return j.select(**cols).order_by("code")


def payments(tables: Tables, year: int, *, dept: str = "", project: str = "") -> ibis.Table:
    p = tables("payments")
    p = p.filter(p.year == year)
    if dept:
        p = p.filter(p.dept_code == dept)
    if project:
        p = p.filter(p.project_code == project)
    return p.order_by(["pay_date", "pay_id"])


def totals(tables: Tables, year: int) -> ibis.Table:
    """The year's allocated, adjusted and spent for the whole jurisdiction, and the spending by month."""
    a = tables("allocations")
    a = a.filter(a.year == year)
    p = tables("payments")
    p = p.filter(p.year == year)
    ta = a.aggregate(
        initial=(a.kind == "initial").ifelse(a.amount, 0).sum(),
        adjusted=(a.kind == "adjust").ifelse(a.amount, 0).sum(),
    )
    tp = p.aggregate(
        spent=p.amount.sum(), **{f"m{m}": (p.month == m).ifelse(p.amount, 0).sum() for m in range(1, 13)}
    )
    return ta.cross_join(tp)


REVENUE_LEVELS = {"class": ("收入类", 3), "item": ("收入款", 5)}


def revenue(tables: Tables, year: int, by: str = "class") -> ibis.Table:
    """Revenue execution (一般公共预算收入): one row per revenue class (类, 3 digits) or item (款, 5 digits) — the
    year's budget, the revenue collected and m1 … m12 (分)."""
    width = REVENUE_LEVELS[by][1]
    b = tables("revenue_budget")
    b = b.filter(b.year == year)
    r = tables("revenue")
    r = r.filter(r.year == year)
    gb = b.group_by(code=b.func_code.substr(0, width)).aggregate(budget=b.amount.sum())
    gr = r.group_by(code=r.func_code.substr(0, width)).aggregate(
        actual=r.amount.sum(), **{f"m{m}": (r.month == m).ifelse(r.amount, 0).sum() for m in range(1, 13)}
    )
    j = gb.outer_join(gr, "code")
    return j.select(
        code=ibis.coalesce(j.code, j.code_right),
        budget=j.budget.fill_null(0),
        actual=j.actual.fill_null(0),
        **{f"m{m}": j[f"m{m}"].fill_null(0) for m in range(1, 13)},
    ).order_by("code")


def debt(tables: Tables, year: int) -> ibis.Table:
    """Government debt (政府债务) of `year` and the year before, by kind: limit, balance, new bonds issued (分)."""
    d = tables("debt")
    d = d.filter(d.year.isin([year, year - 1]))
    return d.select("year", "debt_kind", "limit_amount", "balance", "issued").order_by(["debt_kind", "year"])
