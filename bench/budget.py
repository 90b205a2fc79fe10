"""Budget supervision at province scale: a generated province year (10,000,000 treasury payments by default,
planted cases for every rule), imported from CSV and Parquet into the analytical store, then every alert rule
timed on DuckDB as the platform runs it (the Ibis expression of renda/budget/rules.py), against a hand-written
DuckDB SQL query of the same rule and a pandas version, all in the same run; the planted cases must be found
exactly by all three. With --spark, the same Ibis rules on Spark local[2].

    .venv/bin/python bench/budget.py [--payments 10000000] [--spark] [--spark-payments 1000000]

Figures: bench/README.md. Needs no database: the store is a temporary folder."""

from __future__ import annotations

import argparse
import csv
import datetime
import os
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from renda.budget import importing, rules  # noqa: E402
from renda.budget.generate import generate  # noqa: E402
from renda.budget.store import Store  # noqa: E402

YEAR = 2025
AS_OF = datetime.date(2026, 1, 15)
P = rules.DEFAULT_PARAMS
Y = rules.YUAN


def codes() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {"func": set(), "econ": set(), "revenue": set()}
    names = {"function": "func", "economic": "econ", "revenue": "revenue"}
    with open(Path(rules.__file__).parent / "data" / "classes.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out[names[row["scheme"]]].add(row["code"])
    return out


def best(fn, repeat: int = 3) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return min(times), result


# ------------------------------------------------------------------ hand-written DuckDB SQL, rule by rule

LOW = P["budget_split_threshold"] * Y * (100 - P["budget_split_margin_pct"]) // 100
SQL = {
    "year_end_rush": f"""SELECT 'year_end_rush:{YEAR}:' || dept_code AS key FROM payments WHERE year = {YEAR}
        GROUP BY dept_code HAVING SUM(amount) > 0
        AND SUM(CASE WHEN month = 12 THEN amount ELSE 0 END) * 100 > SUM(amount) * {P["budget_year_end_pct"]}""",
    "idle_project": f"""WITH a AS (SELECT dept_code, project_code FROM allocations WHERE year = {YEAR}
        AND NOT starts_with(func_code, '227') GROUP BY ALL HAVING SUM(amount) > 0),
        q AS (SELECT DISTINCT dept_code, project_code, (month - 1) // 3 + 1 AS q FROM payments WHERE year = {YEAR})
        SELECT 'idle_project:{YEAR}:' || a.dept_code || ':' || a.project_code || ':Q' || qs.q AS key
        FROM a CROSS JOIN (SELECT * FROM range(1, 5) t(q)) qs
        ANTI JOIN q ON q.dept_code = a.dept_code AND q.project_code = a.project_code AND q.q = qs.q""",
    "over_allocation": f"""WITH a AS (SELECT dept_code, project_code, SUM(amount) al FROM allocations
        WHERE year = {YEAR} GROUP BY ALL), s AS (SELECT dept_code, project_code, SUM(amount) sp FROM payments
        WHERE year = {YEAR} GROUP BY ALL)
        SELECT 'over_allocation:{YEAR}:' || s.dept_code || ':' || s.project_code AS key FROM s JOIN a USING
        (dept_code, project_code) WHERE al > 0 AND sp > al""",
    "no_allocation": f"""SELECT 'no_allocation:{YEAR}:' || dept_code || ':' || project_code AS key FROM
        (SELECT DISTINCT dept_code, project_code FROM payments WHERE year = {YEAR}) s ANTI JOIN
        (SELECT DISTINCT dept_code, project_code FROM allocations WHERE year = {YEAR}) a USING (dept_code, project_code)""",
    "large_payment": f"""SELECT 'large_payment:{YEAR}:' || pay_id AS key FROM payments WHERE year = {YEAR}
        AND amount >= {P["budget_large_payment"] * Y}""",
    "individual_payment": f"""SELECT 'individual_payment:{YEAR}:' || pay_id AS key FROM payments WHERE year = {YEAR}
        AND payee_kind = 'individual' AND amount >= {P["budget_individual_payment"] * Y}""",
    "split_payment": f"""WITH n AS (SELECT dept_code, payee, day,
          lag(day) OVER w AS prev, lead(day) OVER w AS next FROM payments
          WHERE year = {YEAR} AND amount >= {LOW} AND amount < {P["budget_split_threshold"] * Y}
          WINDOW w AS (PARTITION BY dept_code, payee ORDER BY day, pay_id))
        SELECT DISTINCT 'split_payment:{YEAR}:' || dept_code || ':' || payee AS key FROM n
        WHERE day - prev <= {P["budget_split_window_days"]} OR next - day <= {P["budget_split_window_days"]}""",
    "duplicate_payment": f"""SELECT 'duplicate_payment:{YEAR}:' || dept_code || ':' || payee || ':' || amount || ':'
        || day AS key FROM payments WHERE year = {YEAR} GROUP BY dept_code, payee, amount, day HAVING COUNT(*) >= 2""",
    "sangong": f"""SELECT 'sangong:{YEAR}:' || dept_code || ':' || category || ':budget' AS key FROM sangong
        WHERE year = {YEAR} AND actual > budget UNION ALL
        SELECT 'sangong:{YEAR}:' || c.dept_code || ':' || c.category || ':last_year' FROM sangong c JOIN sangong l
        ON l.dept_code = c.dept_code AND l.category = c.category AND l.year = {YEAR - 1}
        WHERE c.year = {YEAR} AND c.actual > l.actual""",
    "behind_progress": f"""WITH a AS (SELECT dept_code, SUM(amount) al FROM allocations WHERE year = {YEAR}
        AND NOT starts_with(func_code, '227') GROUP BY ALL), s AS (SELECT dept_code, SUM(amount) sp FROM payments
        WHERE year = {YEAR} AND pay_date <= DATE '{AS_OF}' GROUP BY ALL)
        SELECT 'behind_progress:{YEAR}:' || a.dept_code AS key FROM a LEFT JOIN s USING (dept_code)
        WHERE al > 0 AND COALESCE(sp, 0) * 365 * 100 < al * (365 * 100 - {P["budget_behind_pp"]} * 365)""",
    "reserve_fund": f"""SELECT 'reserve_fund:{YEAR}' AS key FROM (SELECT SUM(CASE WHEN starts_with(func_code, '227')
        THEN amount ELSE 0 END) r, SUM(amount) t FROM allocations WHERE year = {YEAR} AND kind = 'initial')
        WHERE t > 0 AND (r * 100 < t OR r * 100 > t * 3)""",
    "debt_over_limit": f"""SELECT 'debt_over_limit:{YEAR}:' || debt_kind AS key FROM debt WHERE year = {YEAR}
        AND balance > limit_amount""",
}


# ------------------------------------------------------------------ pandas, rule by rule


def pandas_rules(pay: pd.DataFrame, alloc: pd.DataFrame, sg: pd.DataFrame, debt: pd.DataFrame) -> dict:
    def year_end_rush():
        g = pay.assign(dec=pay.amount.where(pay.month == 12, 0)).groupby("dept_code")[["dec", "amount"]].sum()
        g = g[(g.amount > 0) & (g.dec * 100 > g.amount * P["budget_year_end_pct"])]
        return {f"year_end_rush:{YEAR}:{d}" for d in g.index}

    def idle_project():
        a = alloc[~alloc.func_code.str.startswith("227")].groupby(["dept_code", "project_code"]).amount.sum()
        a = a[a > 0].index
        q = set(zip(pay.dept_code, pay.project_code, (pay.month - 1) // 3 + 1, strict=True))
        return {f"idle_project:{YEAR}:{d}:{p}:Q{i}" for d, p in a for i in range(1, 5) if (d, p, i) not in q}

    def _alloc():
        return alloc.groupby(["dept_code", "project_code"]).amount.sum()

    def over_allocation():
        s = pay.groupby(["dept_code", "project_code"]).amount.sum()
        j = pd.concat([s.rename("sp"), _alloc().rename("al")], axis=1, join="inner")
        return {f"over_allocation:{YEAR}:{d}:{p}" for d, p in j[(j.al > 0) & (j.sp > j.al)].index}

    def no_allocation():
        s = set(pay.groupby(["dept_code", "project_code"]).size().index) - set(_alloc().index)
        return {f"no_allocation:{YEAR}:{d}:{p}" for d, p in s}

    def large_payment():
        return {f"large_payment:{YEAR}:{i}" for i in pay.pay_id[pay.amount >= P["budget_large_payment"] * Y]}

    def individual_payment():
        m = (pay.payee_kind == "individual") & (pay.amount >= P["budget_individual_payment"] * Y)
        return {f"individual_payment:{YEAR}:{i}" for i in pay.pay_id[m]}

    def split_payment():
        n = pay[(pay.amount >= LOW) & (pay.amount < P["budget_split_threshold"] * Y)]
        n = n.sort_values(["dept_code", "payee", "day", "pay_id"])
        g = n.groupby(["dept_code", "payee"]).day
        w = P["budget_split_window_days"]
        n = n[((n.day - g.shift(1)) <= w) | ((g.shift(-1) - n.day) <= w)]
        return {f"split_payment:{YEAR}:{d}:{p}" for d, p in set(zip(n.dept_code, n.payee, strict=True))}

    def duplicate_payment():
        g = pay.groupby(["dept_code", "payee", "amount", "day"]).size()
        return {f"duplicate_payment:{YEAR}:{d}:{p}:{a}:{day}" for (d, p, a, day) in g[g >= 2].index}

    def sangong():
        c, last = sg[sg.year == YEAR], sg[sg.year == YEAR - 1]
        out = {
            f"sangong:{YEAR}:{d}:{k}:budget"
            for d, k in zip(*[c[c.actual > c.budget][x] for x in ("dept_code", "category")], strict=True)
        }
        j = c.merge(last, on=["dept_code", "category"], suffixes=("", "_l"))
        j = j[j.actual > j.actual_l]
        return out | {
            f"sangong:{YEAR}:{d}:{k}:last_year" for d, k in zip(j.dept_code, j.category, strict=True)
        }

    def behind_progress():
        a = alloc[~alloc.func_code.str.startswith("227")].groupby("dept_code").amount.sum()
        s = pay[pay.pay_date <= AS_OF].groupby("dept_code").amount.sum().reindex(a.index, fill_value=0)
        bad = a[(a > 0) & (s * 365 * 100 < a * (365 * 100 - P["budget_behind_pp"] * 365))]
        return {f"behind_progress:{YEAR}:{d}" for d in bad.index}

    def reserve_fund():
        a = alloc[alloc.kind == "initial"]
        r, t = a.amount[a.func_code.str.startswith("227")].sum(), a.amount.sum()
        return {f"reserve_fund:{YEAR}"} if t > 0 and (r * 100 < t or r * 100 > t * 3) else set()

    def debt_over_limit():
        d = debt[(debt.year == YEAR) & (debt.balance > debt.limit_amount)]
        return {f"debt_over_limit:{YEAR}:{k}" for k in d.debt_kind}

    return {name: fn for name, fn in locals().items() if name in rules.RULES}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--payments", type=int, default=10_000_000)
    parser.add_argument("--spark", action="store_true")
    parser.add_argument("--spark-payments", type=int, default=0, help="payments on Spark (default: the same)")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="renda-bench-budget-"))
    started = time.perf_counter()
    g = generate(year=YEAR, payments=args.payments, departments=500, projects=40, seed=1)
    n = g.tables["payments"].num_rows
    print(f"generated {n:,} payments in {time.perf_counter() - started:.1f} s")

    # ---- import: the finance bureau's files (amounts in 元), checked and written into the store
    pay = g.tables["payments"].drop(["year", "month", "day"])
    pay = pay.set_column(
        pay.column_names.index("amount"), "amount", pc.divide(pc.cast(pay["amount"], pa.float64()), 100.0)
    )
    pq.write_table(pay, tmp / "payments.parquet")
    pacsv.write_csv(pay, tmp / "payments.csv")
    del pay
    store = Store(f"duckdb://{tmp / 'store'}")
    store.load({k: v for k, v in g.tables.items() if k != "payments"})
    known = codes()
    for fmt in ("parquet", "csv"):
        seconds, done = best(
            lambda fmt=fmt: importing.load(store, tmp / f"payments.{fmt}", fmt, "payments", YEAR, known), 2
        )
        print(f"import {fmt:8s} {n:,} rows  {seconds:6.2f} s  {n / seconds:,.0f} rows/s")
    assert store.count("payments", year=YEAR) == n

    # ---- rules: Ibis on DuckDB vs hand SQL vs pandas
    raw = store.con.con
    p_df = store.table("payments").to_pandas()
    a_df = store.table("allocations").to_pandas()
    s_df = store.table("sangong").to_pandas()
    d_df = store.table("debt").to_pandas()
    p_df["pay_date"] = pd.to_datetime(p_df["pay_date"]).dt.date
    pd_rules = pandas_rules(p_df, a_df, s_df, d_df)
    print(
        f"{'rule':20s} {'ibis s':>8s} {'sql s':>8s} {'pandas s':>9s} {'ibis/sql':>9s} {'pandas/ibis':>11s}  found"
    )
    failures = []
    for name in rules.RULES:
        expr = rules.hits(name, store.table, YEAR, AS_OF, P)
        t_ibis, found = best(lambda expr=expr: set(expr.to_pyarrow()["key"].to_pylist()))
        t_sql, found_sql = best(lambda name=name: {r[0] for r in raw.execute(SQL[name]).fetchall()})
        t_pd, found_pd = best(pd_rules[name], 1)
        ok = found == found_sql == found_pd == g.planted[name]
        if not ok or t_ibis > 2 or t_ibis > 1.5 * t_sql or t_pd < 10 * t_ibis:
            failures.append(name)
        print(f"{name:20s} {t_ibis:8.3f} {t_sql:8.3f} {t_pd:9.3f} {t_ibis / t_sql:9.2f} {t_pd / t_ibis:11.1f}  "
              f"{'exact' if ok else 'WRONG'} ({len(found)})")  # fmt: skip
    print("targets (≤ 2 s, ≤ 1.5× SQL, ≥ 10× pandas, exact) missed by:", ", ".join(failures) or "none")

    if args.spark:
        from pyspark.sql import SparkSession

        spark = (
            SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false")
            .config("spark.sql.session.timeZone", "UTC").config("spark.driver.memory", "3g")
            .config("spark.sql.shuffle.partitions", "4").config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.warehouse.dir", str(tmp / "warehouse")).getOrCreate()
        )  # fmt: skip
        spark.sparkContext.setLogLevel("ERROR")
        m = args.spark_payments or n
        tables = dict(g.tables)
        tables["payments"] = tables["payments"].slice(0, m) if m < n else tables["payments"]
        if m < n:  # keep the planted cases
            planted = g.tables["payments"].filter(pc.starts_with(g.tables["payments"]["dept_code"], "Z"))
            tables["payments"] = pa.concat_tables([tables["payments"], planted])
        sstore = Store("spark://local[2]", spark=spark)
        started = time.perf_counter()
        sstore.load(tables)
        print(
            f"spark local[2]: loaded {tables['payments'].num_rows:,} payments in {time.perf_counter() - started:.1f} s"
        )
        for name in rules.RULES:
            expr = rules.hits(name, sstore.table, YEAR, AS_OF, P)
            t, found = best(lambda expr=expr: set(expr.to_pyarrow()["key"].to_pylist()), 1)
            print(f"spark {name:20s} {t:8.2f} s  {'exact' if found == g.planted[name] else 'WRONG'}")
        spark.stop()


if __name__ == "__main__":
    main()
