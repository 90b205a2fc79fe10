"""A generated jurisdiction's budget and treasury data, deterministic by seed, written in bulk with numpy and
pyarrow: the demo county (two years, about 200,000 rows) and the benchmark's province (10,000,000 payments).

The generated data are clean — no rule fires on them — except for planted cases, one small department per
case, whose hits `generate` returns as the keys each rule must find exactly (tests/test_rules.py, bench/)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from renda.budget.rules import DEFAULT_PARAMS, YUAN
from renda.budget.store import SCHEMAS

DEPT_NAMES = [
    "县财政局", "县教育局", "县卫生健康局", "县民政局", "县农业农村局", "县水利局", "县交通运输局",
    "县住房和城乡建设局", "县自然资源局", "县生态环境局", "县文化和旅游局", "县应急管理局", "县人力资源和社会保障局",
    "县市场监督管理局", "县公安局", "县司法局", "县审计局", "县统计局", "县林业局", "县医疗保障局",
]  # fmt: skip
FUNC = ["2010101", "2010102", "2010301", "2010601", "2050201", "2050202", "2050203", "2050204", "2070109",
        "2080505", "2081901", "2081902", "2100302", "2100408", "2110301", "2110302", "2120303", "2130101",
        "2130122", "2130305", "2140104", "2140106", "2210105", "2240106"]  # fmt: skip
ECON = ["30101", "30102", "30201", "30207", "30211", "30213", "30215", "30216", "30226", "30227", "30305",
        "31002", "31005", "39999"]  # fmt: skip
SANGONG = ["abroad", "vehicle", "reception"]
REVENUE = ["10101", "10104", "10106", "10109", "10112", "10302", "10304", "10305", "10307"]


@dataclass
class Generated:
    tables: dict[str, pa.Table]
    planted: dict[str, set[str]] = field(default_factory=dict)  # rule -> keys each year's rules must find
    year: int = 0


def _str(prefix: str, numbers: np.ndarray, width: int) -> pa.Array:
    digits = pc.utf8_lpad(pc.cast(pa.array(numbers), pa.string()), width, "0")
    return pc.binary_join_element_wise(pa.scalar(prefix), digits, "")


def _clean_year(
    rng: np.random.Generator, year: int, n_pay: int, n_dept: int, n_proj: int
) -> dict[str, pa.Table]:
    p = DEFAULT_PARAMS
    total_proj = n_dept * n_proj
    proj = np.concatenate(
        [np.arange(total_proj), rng.integers(0, total_proj, max(n_pay - total_proj * 4, 0))]
    )
    quarter = np.concatenate(
        [
            np.repeat(np.arange(4)[None, :], total_proj, 0).T.ravel() * 0 + np.tile(np.arange(4), total_proj),
            np.zeros(max(n_pay - total_proj * 4, 0), int),
        ]
    )
    proj = np.concatenate([np.repeat(np.arange(total_proj), 4), proj[total_proj:]])[:n_pay]
    n = len(proj)
    start = np.datetime64(f"{year}-01-01")
    days_in_year = (np.datetime64(f"{year + 1}-01-01") - start).astype(int)
    # the first four payments of each project fall in its four quarters; the rest anywhere in the year
    qstart = np.array([(np.datetime64(f"{year}-{m:02d}-01") - start).astype(int) for m in (1, 4, 7, 10)])
    doy = rng.integers(0, days_in_year, n)
    fixed = min(total_proj * 4, n)
    quarter = np.tile(np.arange(4), total_proj)[:fixed]
    doy[:fixed] = qstart[quarter] + rng.integers(0, 88, fixed)
    dates = start + doy
    months = dates.astype("datetime64[M]").astype(int) % 12 + 1
    dept = proj // n_proj
    individual = rng.random(n) < 0.1
    amount = np.exp(rng.normal(9.5, 1.3, n)) * YUAN  # about 13,000 元 median
    amount = np.where(individual, np.minimum(amount, (p["budget_individual_payment"] - 1) * YUAN), amount)
    amount = np.minimum(amount, (p["budget_large_payment"] - 1) * YUAN)
    limit = p["budget_split_threshold"] * YUAN
    low = p["budget_split_threshold"] * (100 - p["budget_split_margin_pct"]) // 100 * YUAN
    # nothing just under the split threshold: the band is moved below it
    amount = np.where((amount >= low) & (amount < limit), amount - (limit - low), amount).astype(np.int64)
    payee_no = rng.integers(0, 200, n)
    # no two payments identical in department, payee, amount and day
    day = (dates - np.datetime64("1970-01-01")).astype(np.int64)
    order = np.lexsort((day, amount, payee_no, dept))
    same = np.zeros(n, bool)
    same[1:] = (np.diff(dept[order]) == 0) & (np.diff(payee_no[order]) == 0) & (np.diff(amount[order]) == 0) & (
        np.diff(day[order]) == 0)  # fmt: skip
    # each repeat within a run of identical payments is made 1, 2, … 分 smaller (never over a cap)
    run_start = np.maximum.accumulate(np.where(~same, np.arange(n), 0))
    amount[order] -= np.arange(n) - run_start
    dept_codes = _str(f"{year % 100:02d}D", np.arange(n_dept), 4).to_numpy(zero_copy_only=False)
    dept_names = np.array([DEPT_NAMES[i % len(DEPT_NAMES)] + ("" if i < len(DEPT_NAMES) else f"{i // len(DEPT_NAMES)}")
                           for i in range(n_dept)])  # fmt: skip
    dept_codes = np.array([f"D{i:04d}" for i in range(n_dept)])
    proj_codes = _str("P", np.arange(total_proj), 7)
    func = np.array(FUNC)[np.arange(total_proj) % len(FUNC)]
    econ = np.array(ECON)[np.arange(total_proj) % len(ECON)]
    payee_names = pa.array([f"供应商{i:03d}" for i in range(200)])
    indiv_names = pa.array([f"个人{i:03d}" for i in range(200)])
    payee = pc.if_else(
        pa.array(individual), indiv_names.take(pa.array(payee_no)), payee_names.take(pa.array(payee_no))
    )
    dept_code_arr = pa.array(dept_codes).take(pa.array(dept))
    payments = pa.table(
        {
            "year": pa.array(np.full(n, year, np.int32)),
            "pay_id": _str(f"{year}", np.arange(n), 9),
            "pay_date": pa.array(dates.astype("datetime64[D]")).cast(pa.date32()),
            "month": pa.array(months.astype(np.int32)),
            "day": pa.array(day.astype(np.int32)),
            "dept_code": dept_code_arr,
            "dept_name": pa.array(dept_names).take(pa.array(dept)),
            "project_code": proj_codes.take(pa.array(proj)),
            "func_code": pa.array(func).take(pa.array(proj)),
            "econ_code": pa.array(econ).take(pa.array(proj)),
            "payee": payee,
            "payee_kind": pc.if_else(pa.array(individual), "individual", "org"),
            "amount": pa.array(amount),
        }
    )
    spent = np.bincount(proj, weights=amount, minlength=total_proj)
    alloc = (spent * rng.uniform(1.02, 1.12, total_proj)).astype(np.int64) + 100 * YUAN
    pdept = np.arange(total_proj) // n_proj
    allocations = pa.table(
        {
            "year": pa.array(np.full(total_proj, year, np.int32)),
            "kind": pa.array(np.full(total_proj, "initial")),
            "dept_code": pa.array(dept_codes[pdept]),
            "dept_name": pa.array(dept_names[pdept]),
            "project_code": proj_codes,
            "project_name": pc.binary_join_element_wise(pa.array(dept_names[pdept]), pa.array(
                np.array(["业务经费", "专项经费", "基本建设", "运转经费", "民生项目"])[np.arange(total_proj) % 5]), ""),
            "func_code": pa.array(func),
            "econ_code": pa.array(econ),
            "amount": pa.array(alloc),
        }
    )  # fmt: skip
    dept_alloc = np.bincount(pdept, weights=alloc, minlength=n_dept)
    budget = (dept_alloc[:, None] * np.array([0.002, 0.006, 0.004])[None, :]).astype(np.int64) + YUAN
    sangong_rows: dict[str, list] = {"dept": [], "cat": [], "budget": [], "actual": [], "year": []}
    for y, share in ((year - 1, 0.95), (year, 0.9)):
        for d in range(n_dept):
            for c, cat in enumerate(SANGONG):
                sangong_rows["year"].append(y)
                sangong_rows["dept"].append(d)
                sangong_rows["cat"].append(cat)
                sangong_rows["budget"].append(int(budget[d, c]))
                sangong_rows["actual"].append(int(budget[d, c] * share))
    sg_dept = np.array(sangong_rows["dept"])
    sangong = pa.table(
        {
            "year": pa.array(sangong_rows["year"], pa.int32()),
            "dept_code": pa.array(dept_codes[sg_dept]),
            "dept_name": pa.array(dept_names[sg_dept]),
            "category": pa.array(sangong_rows["cat"]),
            "budget": pa.array(sangong_rows["budget"], pa.int64()),
            "actual": pa.array(sangong_rows["actual"], pa.int64()),
        }
    )
    del quarter
    return {"payments": payments, "allocations": allocations, "sangong": sangong}


def _planted(year: int) -> tuple[dict[str, list[tuple]], dict[str, set[str]]]:
    """Planted cases: one department per case, clean but for the one anomaly. Rows as tuples."""
    pays: list[tuple] = []  # (dept, project, month, day, payee, kind, yuan)
    allocs: list[tuple] = []  # (dept, project, func, yuan)
    sangong: list[tuple] = []  # (year, dept, category, budget yuan, actual yuan)
    keys: dict[str, set[str]] = {}

    def quarterly(dept: str, proj: str, yuan: int, months=(2, 5, 8, 11)) -> None:
        for m in months:
            pays.append((dept, proj, m, 10, f"{dept}供应商", "org", yuan))

    allocs.append(("ZRUSH", "ZRUSH-1", "2130122", 900_000))
    quarterly("ZRUSH", "ZRUSH-1", 100_000, (2, 5, 8))
    pays.append(("ZRUSH", "ZRUSH-1", 12, 20, "ZRUSH供应商", "org", 500_000))
    keys["year_end_rush"] = {f"year_end_rush:{year}:ZRUSH"}

    allocs.append(("ZIDLE", "ZIDLE-1", "2140106", 900_000))
    quarterly("ZIDLE", "ZIDLE-1", 200_000, (2, 8, 11))
    pays.append(("ZIDLE", "ZIDLE-1", 12, 1, "ZIDLE供应商", "org", 200_000))
    keys["idle_project"] = {f"idle_project:{year}:ZIDLE:ZIDLE-1:Q2"}

    allocs.append(("ZOVER", "ZOVER-1", "2120303", 700_000))
    allocs.append(("ZOVER", "ZOVER-2", "2120303", 400_000))
    quarterly("ZOVER", "ZOVER-1", 200_000)
    quarterly("ZOVER", "ZOVER-2", 50_000)
    keys["over_allocation"] = {f"over_allocation:{year}:ZOVER:ZOVER-1"}

    allocs.append(("ZNOAL", "ZNOAL-1", "2010102", 900_000))
    quarterly("ZNOAL", "ZNOAL-1", 200_000)
    pays.append(("ZNOAL", "ZNOAL-9", 3, 15, "ZNOAL供应商", "org", 50_000))
    keys["no_allocation"] = {f"no_allocation:{year}:ZNOAL:ZNOAL-9"}

    allocs.append(("ZLARG", "ZLARG-1", "2140104", 13_000_000))
    quarterly("ZLARG", "ZLARG-1", 2_000_000, (2, 5, 8))
    pays.append(("ZLARG", "ZLARG-1", 10, 9, "ZLARG建设公司", "org", 6_000_000))
    keys["large_payment"] = {f"large_payment:{year}:LARGE{year}"}

    allocs.append(("ZINDV", "ZINDV-1", "2081902", 550_000))
    quarterly("ZINDV", "ZINDV-1", 100_000)
    pays.append(("ZINDV", "ZINDV-1", 6, 3, "张某某", "individual", 80_000))
    keys["individual_payment"] = {f"individual_payment:{year}:INDIV{year}"}

    allocs.append(("ZSPLT", "ZSPLT-1", "2130305", 4_800_000))
    quarterly("ZSPLT", "ZSPLT-1", 100_000)
    for d, y in ((3, 950_000), (13, 960_000), (23, 990_000)):
        pays.append(("ZSPLT", "ZSPLT-1", 5, d, "某某水利建设公司", "org", y))
    pays.append(("ZSPLT", "ZSPLT-1", 9, 1, "另一家公司", "org", 970_000))  # alone: not a split
    keys["split_payment"] = {f"split_payment:{year}:ZSPLT:某某水利建设公司"}

    allocs.append(("ZDUPL", "ZDUPL-1", "2010601", 900_000))
    quarterly("ZDUPL", "ZDUPL-1", 150_000)
    pays.append(("ZDUPL", "ZDUPL-1", 7, 7, "ZDUPL供应商", "org", 123_456))
    pays.append(("ZDUPL", "ZDUPL-1", 7, 7, "ZDUPL供应商", "org", 123_456))
    day = (datetime.date(year, 7, 7) - datetime.date(1970, 1, 1)).days
    keys["duplicate_payment"] = {f"duplicate_payment:{year}:ZDUPL:ZDUPL供应商:{123_456 * YUAN}:{day}"}

    allocs.append(("ZBHND", "ZBHND-1", "2050202", 10_000_000))
    quarterly("ZBHND", "ZBHND-1", 250_000)
    keys["behind_progress"] = {f"behind_progress:{year}:ZBHND"}

    for y in (year - 1, year):
        sangong.append((y, "ZSANG", "reception", 100_000, 90_000 if y < year else 120_000))  # over budget
        sangong.append((y, "ZSANG", "vehicle", 300_000, 200_000 if y < year else 250_000))  # above last year
        sangong.append((y, "ZSANG", "abroad", 50_000, 0))
    keys["sangong"] = {
        f"sangong:{year}:ZSANG:reception:budget",
        f"sangong:{year}:ZSANG:reception:last_year",
        f"sangong:{year}:ZSANG:vehicle:last_year",
    }
    keys["reserve_fund"] = set()
    keys["debt_over_limit"] = {f"debt_over_limit:{year}:special"}  # the special debt above its limit
    return {"pays": pays, "allocs": allocs, "sangong": sangong}, keys


def _revenue_and_debt(rng: np.random.Generator, year: int, spending: int) -> dict[str, pa.Table]:
    """The year's revenue budget and monthly revenue by class (a little under budget, evenly through the year),
    and the debt: general debt within its limit, special debt above it (the planted 债务余额超限额)."""
    budget = (rng.uniform(0.02, 0.2, len(REVENUE)) * spending // YUAN * YUAN).astype(np.int64)
    months = np.arange(1, 13)
    share = rng.uniform(0.85, 1.0, (len(REVENUE), 12)) / 12
    amounts = (budget[:, None] * share // YUAN * YUAN).astype(np.int64)
    revenue = pa.table(
        {
            "year": pa.array(np.full(amounts.size, year), pa.int32()),
            "month": pa.array(np.tile(months, len(REVENUE)), pa.int32()),
            "func_code": pa.array(np.repeat(REVENUE, 12)),
            "amount": pa.array(amounts.ravel(), pa.int64()),
        }
    )
    limit = spending // 2 // YUAN * YUAN
    debt = pa.table(
        {
            "year": pa.array([year, year], pa.int32()),
            "debt_kind": ["general", "special"],
            "limit_amount": pa.array([limit, limit], pa.int64()),
            "balance": pa.array([limit * 9 // 10, limit + 1_000_000 * YUAN], pa.int64()),
            "issued": pa.array([limit // 10, limit // 5], pa.int64()),
        }
    )
    return {
        "revenue": revenue,
        "revenue_budget": pa.table(
            {"year": pa.array([year] * len(REVENUE), pa.int32()), "func_code": REVENUE, "amount": budget}
        ).cast(SCHEMAS["revenue_budget"]),
        "debt": debt,
    }


def generate(*, year: int, payments: int, departments: int = 20, projects: int = 10, seed: int = 1,
             until: datetime.date | None = None) -> Generated:  # fmt: skip
    """One year of a jurisdiction: `payments` clean payments over `departments` × `projects`, the planted
    cases, and the reserve fund at 2 % of the initial allocations. `until`: drop payments after that day."""
    rng = np.random.default_rng(seed * 10_000 + year)
    clean = _clean_year(rng, year, payments, departments, projects)
    rows, keys = _planted(year)
    pay_ids = []
    for dept, _proj, _m, _d, _payee, kind, _y in rows["pays"]:
        if dept == "ZLARG" and _y == 6_000_000:
            pay_ids.append(f"LARGE{year}")
        elif kind == "individual":
            pay_ids.append(f"INDIV{year}")
        else:
            pay_ids.append(f"Z{year}{len(pay_ids):05d}")
    dates = [datetime.date(year, m, d) for _, _, m, d, *_ in rows["pays"]]
    planted_pay = pa.table(
        {
            "year": pa.array([year] * len(dates), pa.int32()),
            "pay_id": pa.array(pay_ids),
            "pay_date": pa.array(dates, pa.date32()),
            "month": pa.array([d.month for d in dates], pa.int32()),
            "day": pa.array([(d - datetime.date(1970, 1, 1)).days for d in dates], pa.int32()),
            "dept_code": pa.array([r[0] for r in rows["pays"]]),
            "dept_name": pa.array([f"{r[0]}（样例单位）" for r in rows["pays"]]),
            "project_code": pa.array([r[1] for r in rows["pays"]]),
            "func_code": pa.array(["2010102"] * len(dates)),
            "econ_code": pa.array(["30227"] * len(dates)),
            "payee": pa.array([r[4] for r in rows["pays"]]),
            "payee_kind": pa.array([r[5] for r in rows["pays"]]),
            "amount": pa.array([r[6] * YUAN for r in rows["pays"]], pa.int64()),
        }
    )
    planted_alloc = pa.table(
        {
            "year": pa.array([year] * len(rows["allocs"]), pa.int32()),
            "kind": pa.array(["initial"] * len(rows["allocs"])),
            "dept_code": pa.array([r[0] for r in rows["allocs"]]),
            "dept_name": pa.array([f"{r[0]}（样例单位）" for r in rows["allocs"]]),
            "project_code": pa.array([r[1] for r in rows["allocs"]]),
            "project_name": pa.array([f"{r[1]}项目" for r in rows["allocs"]]),
            "func_code": pa.array([r[2] for r in rows["allocs"]]),
            "econ_code": pa.array(["30227"] * len(rows["allocs"])),
            "amount": pa.array([r[3] * YUAN for r in rows["allocs"]], pa.int64()),
        }
    )
    allocations = pa.concat_tables([clean["allocations"], planted_alloc])
    total = int(pc.sum(allocations["amount"]).as_py())
    reserve = pa.table(
        {
            "year": pa.array([year], pa.int32()),
            "kind": ["initial"],
            "dept_code": ["D0000"],
            "dept_name": [DEPT_NAMES[0]],
            "project_code": [f"YBF{year}"],
            "project_name": ["预备费"],
            "func_code": ["227"],
            "econ_code": ["39999"],
            "amount": pa.array([total * 2 // 98], pa.int64()),
        }
    )
    sg = rows["sangong"]
    planted_sg = pa.table(
        {
            "year": pa.array([r[0] for r in sg], pa.int32()),
            "dept_code": pa.array([r[1] for r in sg]),
            "dept_name": pa.array([f"{r[1]}（样例单位）" for r in sg]),
            "category": pa.array([r[2] for r in sg]),
            "budget": pa.array([r[3] * YUAN for r in sg], pa.int64()),
            "actual": pa.array([r[4] * YUAN for r in sg], pa.int64()),
        }
    )
    pays = pa.concat_tables([clean["payments"], planted_pay])
    if until is not None:
        pays = pays.filter(pc.less_equal(pays["pay_date"], pa.scalar(until, pa.date32())))
    tables = {
        **_revenue_and_debt(rng, year, total),
        "payments": pays.cast(SCHEMAS["payments"]),
        "allocations": pa.concat_tables([allocations, reserve]).cast(SCHEMAS["allocations"]),
        "sangong": pa.concat_tables([clean["sangong"], planted_sg]).cast(SCHEMAS["sangong"]),
    }
    return Generated(tables=tables, planted=keys, year=year)
