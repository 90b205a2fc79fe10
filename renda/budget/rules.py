"""The alert rules (预警规则) of networked budget supervision, each written once as an Ibis expression.

`hits(rule, tables, year, as_of, params)` builds one rule's expression over the store's tables; executed on
DuckDB, PostgreSQL or Spark it gives the same rows (tests/test_rules.py runs every rule on all three). A hit
has the same columns for every rule:

    rule · key (stable: the same anomaly has the same key on every import, so a handled hit is not raised
    again) · dept_code · project_code · payee · amount (分: what is anomalous) · base (分: what it is
    measured against) · count (payments behind it)

`evidence(rule, tables, hit, params)` gives the payments (or lines) that made a hit. Thresholds are the
deployment's local rules (platform.py RULES); a rule switched off is not run. Amounts are integers in 分."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import ibis
from ibis import _

Tables = Callable[[str], ibis.Table]
YUAN = 100  # 分 per 元
RESERVE_CODE = "227"  # 政府收支分类科目 功能分类 227 预备费


@dataclass(frozen=True)
class AlertRuleDef:
    name: str
    label: str
    build: Callable[..., ibis.Table]
    evidence: Callable[..., ibis.Table]
    setting: str  # the on/off local rule ("" for a national rule, always on)


def _hit(
    t: ibis.Table,
    rule: str,
    key: Any,
    *,
    dept: Any = None,
    project: Any = None,
    payee: Any = None,
    amount: Any,
    base: Any = None,
    count: Any = None,
) -> ibis.Table:
    empty = ibis.literal("")
    return t.select(
        rule=ibis.literal(rule),
        key=key,
        dept_code=empty if dept is None else dept,
        project_code=empty if project is None else project,
        payee=empty if payee is None else payee,
        amount=amount.cast("int64"),
        base=(ibis.literal(0) if base is None else base).cast("int64"),
        count=(ibis.literal(1) if count is None else count).cast("int64"),
    )


def _k(*parts: Any) -> Any:
    """A hit's key: parts joined by ':'."""
    out = ibis.literal("")
    for i, part in enumerate(parts):
        piece = part if isinstance(part, ibis.Expr) else ibis.literal(str(part))
        out = out + (ibis.literal(":") if i else ibis.literal("")) + piece.cast("string")
    return out


def elapsed_month(year: int, as_of: datetime.date) -> int:
    """Months of `year` fully or partly elapsed on `as_of` (12 once the year is over)."""
    if as_of.year > year:
        return 12
    if as_of.year < year:
        return 0
    return as_of.month


def time_progress(year: int, as_of: datetime.date) -> tuple[int, int]:
    """序时进度 as days elapsed over days in the year (numerator, denominator)."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    days = (end - start).days + 1
    elapsed = min(max((as_of - start).days + 1, 0), days)
    return elapsed, days


def _payments(tables: Tables, year: int) -> ibis.Table:
    p = tables("payments")
    return p.filter(p.year == year)


def _allocated(tables: Tables, year: int, *, scheduled: bool = False) -> ibis.Table:
    """Allocated (initial + adjustments) per department and project; `scheduled`: without the reserve fund
    (预备费, spent only when needed, so neither idle nor behind time progress)."""
    a = tables("allocations")
    a = a.filter(a.year == year)
    if scheduled:
        a = a.filter(~a.func_code.startswith(RESERVE_CODE))
    return a.group_by(["dept_code", "project_code"]).aggregate(allocated=a.amount.sum())


# ------------------------------------------------------------------ the rules


def year_end_rush(tables: Tables, year: int, as_of: datetime.date, p: dict[str, int]) -> ibis.Table:
    """年底突击花钱: a department's December spending above `budget_year_end_pct` % of its year."""
    pay = _payments(tables, year)
    g = pay.group_by("dept_code").aggregate(
        dec=(pay.month == 12).ifelse(pay.amount, 0).sum(), total=pay.amount.sum(), n=pay.count()
    )
    g = g.filter((g.total > 0) & (g.dec * 100 > g.total * p["budget_year_end_pct"]))
    return _hit(g, "year_end_rush", _k("year_end_rush", year, g.dept_code), dept=g.dept_code,
                amount=g.dec, base=g.total, count=g.n)  # fmt: skip


def year_end_rush_rows(tables: Tables, year: int, hit: dict[str, Any], p: dict[str, int]) -> ibis.Table:
    pay = _payments(tables, year)
    return pay.filter((pay.dept_code == hit["dept_code"]) & (pay.month == 12))


def idle_project(tables: Tables, year: int, as_of: datetime.date, p: dict[str, int]) -> ibis.Table:
    """项目整季度无支出: an allocated project with no payment in a quarter that has ended."""
    quarters_done = (as_of.month - 1) // 3 if as_of.year == year else (4 if as_of.year > year else 0)
    alloc = _allocated(tables, year, scheduled=True).filter(_.allocated > 0)
    pay = _payments(tables, year)
    q = ((pay.month - 1) // 3 + 1).cast("int32")
    per = pay.group_by(["dept_code", "project_code"]).aggregate(
        **{f"q{i}": (q == i).ifelse(1, 0).sum() for i in range(1, 5)}
    )
    j = alloc.left_join(per, ["dept_code", "project_code"]).select(
        "dept_code", "project_code", "allocated", *[f"q{i}" for i in range(1, 5)]
    )
    parts = []
    for i in range(1, quarters_done + 1):
        s = j.filter(j[f"q{i}"].fill_null(0) == 0)
        parts.append(
            _hit(
                s,
                "idle_project",
                _k("idle_project", year, s.dept_code, s.project_code, f"Q{i}"),
                dept=s.dept_code,
                project=s.project_code,
                amount=ibis.literal(0),
                base=s.allocated,
                count=ibis.literal(i),
            )  # fmt: skip
        )
    if not parts:
        return _hit(j.limit(0), "idle_project", _k("idle_project"), amount=ibis.literal(0))
    return ibis.union(*parts) if len(parts) > 1 else parts[0]


def idle_project_rows(tables: Tables, year: int, hit: dict[str, Any], p: dict[str, int]) -> ibis.Table:
    a = tables("allocations")
    return a.filter(
        (a.year == year) & (a.dept_code == hit["dept_code"]) & (a.project_code == hit["project_code"])
    )


def over_allocation(tables: Tables, year: int, as_of: datetime.date, p: dict[str, int]) -> ibis.Table:
    """超指标支付: a project's payments above its allocation (initial plus adjustments)."""
    pay = _payments(tables, year)
    spent = pay.group_by(["dept_code", "project_code"]).aggregate(spent=pay.amount.sum(), n=pay.count())
    j = spent.join(_allocated(tables, year), ["dept_code", "project_code"])
    j = j.filter((j.allocated > 0) & (j.spent > j.allocated))
    return _hit(j, "over_allocation", _k("over_allocation", year, j.dept_code, j.project_code),
                dept=j.dept_code, project=j.project_code, amount=j.spent, base=j.allocated, count=j.n)  # fmt: skip


def project_payments(tables: Tables, year: int, hit: dict[str, Any], p: dict[str, int]) -> ibis.Table:
    pay = _payments(tables, year)
    return pay.filter((pay.dept_code == hit["dept_code"]) & (pay.project_code == hit["project_code"]))


def no_allocation(tables: Tables, year: int, as_of: datetime.date, p: dict[str, int]) -> ibis.Table:
    """无指标支付: payments on a project that has no allocation."""
    pay = _payments(tables, year)
    spent = pay.group_by(["dept_code", "project_code"]).aggregate(spent=pay.amount.sum(), n=pay.count())
    j = spent.anti_join(_allocated(tables, year), ["dept_code", "project_code"])
    return _hit(j, "no_allocation", _k("no_allocation", year, j.dept_code, j.project_code),
                dept=j.dept_code, project=j.project_code, amount=j.spent, count=j.n)  # fmt: skip


def large_payment(tables: Tables, year: int, as_of: datetime.date, p: dict[str, int]) -> ibis.Table:
    """大额支付: a single payment of `budget_large_payment` 元 or more."""
    pay = _payments(tables, year)
    s = pay.filter(pay.amount >= p["budget_large_payment"] * YUAN)
    return _hit(s, "large_payment", _k("large_payment", year, s.pay_id), dept=s.dept_code,
                project=s.project_code, payee=s.payee, amount=s.amount)  # fmt: skip


def payment_rows(tables: Tables, year: int, hit: dict[str, Any], p: dict[str, int]) -> ibis.Table:
    pay = _payments(tables, year)
    pay_id = hit["key"].split(":", 2)[2]
    return pay.filter(pay.pay_id == pay_id)


def individual_payment(tables: Tables, year: int, as_of: datetime.date, p: dict[str, int]) -> ibis.Table:
    """向个人大额支付: a payment to an individual of `budget_individual_payment` 元 or more."""
    pay = _payments(tables, year)
    s = pay.filter((pay.payee_kind == "individual") & (pay.amount >= p["budget_individual_payment"] * YUAN))
    return _hit(s, "individual_payment", _k("individual_payment", year, s.pay_id), dept=s.dept_code,
                project=s.project_code, payee=s.payee, amount=s.amount)  # fmt: skip


def _near_threshold(tables: Tables, year: int, p: dict[str, int]) -> ibis.Table:
    pay = _payments(tables, year)
    limit = p["budget_split_threshold"] * YUAN
    low = limit * (100 - p["budget_split_margin_pct"]) // 100
    near = pay.filter((pay.amount >= low) & (pay.amount < limit))
    w = ibis.window(group_by=[near.dept_code, near.payee], order_by=[near.day, near.pay_id])
    near = near.mutate(prev_day=near.day.lag().over(w), next_day=near.day.lead().over(w))
    window = p["budget_split_window_days"]
    return near.filter(
        ((near.day - near.prev_day.fill_null(-1_000_000)) <= window)
        | ((near.next_day.fill_null(1_000_000) - near.day) <= window)
    )


def split_payment(tables: Tables, year: int, as_of: datetime.date, p: dict[str, int]) -> ibis.Table:
    """拆分支付: payments to one payee just under the threshold (within `budget_split_margin_pct` %) at most
    `budget_split_window_days` days apart."""
    near = _near_threshold(tables, year, p)
    g = near.group_by(["dept_code", "payee"]).aggregate(total=near.amount.sum(), n=near.count())
    return _hit(g, "split_payment", _k("split_payment", year, g.dept_code, g.payee), dept=g.dept_code,
                payee=g.payee, amount=g.total, base=ibis.literal(p["budget_split_threshold"] * YUAN),
                count=g.n)  # fmt: skip


def split_payment_rows(tables: Tables, year: int, hit: dict[str, Any], p: dict[str, int]) -> ibis.Table:
    near = _near_threshold(tables, year, p)
    near = near.filter((near.dept_code == hit["dept_code"]) & (near.payee == hit["payee"]))
    return near.drop("prev_day", "next_day")


def duplicate_payment(tables: Tables, year: int, as_of: datetime.date, p: dict[str, int]) -> ibis.Table:
    """重复支付: two or more payments identical in department, payee, amount and date. Identical payments share
    their day and amount first: those two integers narrow the rows before the strings are compared."""
    pay = _payments(tables, year)
    pairs = pay.group_by(["day", "amount"]).aggregate(n=pay.count())
    pairs = pairs.filter(pairs.n >= 2).select("day", "amount")
    same = pay.semi_join(pairs, ["day", "amount"])
    g = same.group_by(["dept_code", "payee", "amount", "day"]).aggregate(n=same.count())
    g = g.filter(g.n >= 2)
    return _hit(g, "duplicate_payment", _k("duplicate_payment", year, g.dept_code, g.payee, g.amount, g.day),
                dept=g.dept_code, payee=g.payee, amount=g.amount * g.n, base=g.amount, count=g.n)  # fmt: skip


def duplicate_rows(tables: Tables, year: int, hit: dict[str, Any], p: dict[str, int]) -> ibis.Table:
    pay = _payments(tables, year)
    day = int(hit["key"].rsplit(":", 1)[1])
    return pay.filter(
        (pay.dept_code == hit["dept_code"]) & (pay.payee == hit["payee"]) & (pay.day == day)
        & (pay.amount == int(hit["base"]))
    )  # fmt: skip


def sangong(tables: Tables, year: int, as_of: datetime.date, p: dict[str, int]) -> ibis.Table:
    """三公经费超预算或高于上年: a department's category above its budget, or above last year's actual."""
    s = tables("sangong")
    cur = s.filter(s.year == year)
    over = cur.filter(cur.actual > cur.budget)
    a = _hit(over, "sangong", _k("sangong", year, over.dept_code, over.category, "budget"),
             dept=over.dept_code, payee=over.category, amount=over.actual, base=over.budget)  # fmt: skip
    last = s.filter(s.year == year - 1).select("dept_code", "category", last_actual="actual")
    j = cur.join(last, ["dept_code", "category"])
    j = j.filter(j.actual > j.last_actual)
    b = _hit(j, "sangong", _k("sangong", year, j.dept_code, j.category, "last_year"),
             dept=j.dept_code, payee=j.category, amount=j.actual, base=j.last_actual)  # fmt: skip
    return ibis.union(a, b)


def sangong_rows(tables: Tables, year: int, hit: dict[str, Any], p: dict[str, int]) -> ibis.Table:
    s = tables("sangong")
    return s.filter(
        s.year.isin([year, year - 1]) & (s.dept_code == hit["dept_code"]) & (s.category == hit["payee"])
    )


def behind_progress(tables: Tables, year: int, as_of: datetime.date, p: dict[str, int]) -> ibis.Table:
    """执行进度明显滞后: a department's execution rate more than `budget_behind_pp` percentage points behind
    time progress (序时进度)."""
    elapsed, days = time_progress(year, as_of)
    gap = p["budget_behind_pp"]
    pay = _payments(tables, year).filter(_.pay_date <= as_of)
    spent = pay.group_by("dept_code").aggregate(spent=pay.amount.sum(), n=pay.count())
    alloc = (
        _allocated(tables, year, scheduled=True).group_by("dept_code").aggregate(allocated=_.allocated.sum())
    )
    j = alloc.left_join(spent, "dept_code").select("dept_code", "allocated", "spent", "n")
    j = j.mutate(spent=j.spent.fill_null(0), n=j.n.fill_null(0))
    # spent / allocated < elapsed / days - gap / 100, in integers
    j = j.filter((j.allocated > 0) & (j.spent * days * 100 < j.allocated * (elapsed * 100 - gap * days)))
    return _hit(j, "behind_progress", _k("behind_progress", year, j.dept_code), dept=j.dept_code,
                amount=j.spent, base=j.allocated, count=j.n)  # fmt: skip


def dept_payments(tables: Tables, year: int, hit: dict[str, Any], p: dict[str, int]) -> ibis.Table:
    pay = _payments(tables, year)
    return pay.filter(pay.dept_code == hit["dept_code"])


def reserve_fund(tables: Tables, year: int, as_of: datetime.date, p: dict[str, int]) -> ibis.Table:
    """预备费 1%–3% of spending (预算法 Art. 40): the year's allocations to class 227 against all of them."""
    a = tables("allocations")
    a = a.filter((a.year == year) & (a.kind == "initial"))
    g = a.aggregate(
        reserve=a.func_code.startswith(RESERVE_CODE).ifelse(a.amount, 0).sum(), total=a.amount.sum()
    )
    g = g.filter((g.total > 0) & ((g.reserve * 100 < g.total) | (g.reserve * 100 > g.total * 3)))
    return _hit(g, "reserve_fund", _k("reserve_fund", year), amount=g.reserve, base=g.total)


def reserve_rows(tables: Tables, year: int, hit: dict[str, Any], p: dict[str, int]) -> ibis.Table:
    a = tables("allocations")
    return a.filter((a.year == year) & a.func_code.startswith(RESERVE_CODE))


def debt_over_limit(tables: Tables, year: int, as_of: datetime.date, p: dict[str, int]) -> ibis.Table:
    """债务余额超限额 (预算法 Art. 35: local government debt within the limit approved): a kind of debt (一般债务 /
    专项债务) whose balance at the year's end exceeds its limit."""
    d = tables("debt")
    d = d.filter((d.year == year) & (d.balance > d.limit_amount))
    return _hit(d, "debt_over_limit", _k("debt_over_limit", year, d.debt_kind), payee=d.debt_kind,
                amount=d.balance, base=d.limit_amount)  # fmt: skip


def debt_rows(tables: Tables, year: int, hit: dict[str, Any], p: dict[str, int]) -> ibis.Table:
    d = tables("debt")
    return d.filter((d.year.isin([year, year - 1])) & (d.debt_kind == hit["payee"]))


RULES: dict[str, AlertRuleDef] = {
    r.name: r
    for r in [
        AlertRuleDef(
            "year_end_rush", "年底突击花钱", year_end_rush, year_end_rush_rows, "budget_year_end_on"
        ),
        AlertRuleDef("idle_project", "项目整季度无支出", idle_project, idle_project_rows, "budget_idle_on"),
        AlertRuleDef("over_allocation", "超指标支付", over_allocation, project_payments, "budget_over_on"),
        AlertRuleDef(
            "no_allocation", "无指标支付", no_allocation, project_payments, "budget_no_allocation_on"
        ),
        AlertRuleDef("large_payment", "大额支付", large_payment, payment_rows, "budget_large_on"),
        AlertRuleDef(
            "individual_payment", "向个人大额支付", individual_payment, payment_rows, "budget_individual_on"
        ),  # fmt: skip
        AlertRuleDef("split_payment", "疑似拆分支付", split_payment, split_payment_rows, "budget_split_on"),
        AlertRuleDef(
            "duplicate_payment", "疑似重复支付", duplicate_payment, duplicate_rows, "budget_duplicate_on"
        ),  # fmt: skip
        AlertRuleDef("sangong", "三公经费超预算或高于上年", sangong, sangong_rows, "budget_sangong_on"),
        AlertRuleDef(
            "behind_progress", "执行进度明显滞后", behind_progress, dept_payments, "budget_behind_on"
        ),
        AlertRuleDef("reserve_fund", "预备费不在支出额1%至3%之间", reserve_fund, reserve_rows, ""),
        AlertRuleDef("debt_over_limit", "债务余额超限额", debt_over_limit, debt_rows, "budget_debt_on"),
    ]
}

DEFAULT_PARAMS = {
    "budget_year_end_pct": 50,
    "budget_large_payment": 5_000_000,
    "budget_individual_payment": 50_000,
    "budget_split_threshold": 1_000_000,
    "budget_split_margin_pct": 10,
    "budget_split_window_days": 30,
    "budget_behind_pp": 20,
}


def hits(name: str, tables: Tables, year: int, as_of: datetime.date, params: dict[str, int]) -> ibis.Table:
    return RULES[name].build(tables, year, as_of, params)


def evidence(name: str, tables: Tables, year: int, hit: dict[str, Any], params: dict[str, int]) -> ibis.Table:
    return RULES[name].evidence(tables, year, hit, params)
