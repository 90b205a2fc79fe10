"""The alert rules (RULES.md, budget): each written once in Ibis, each finding exactly its planted cases on a
generated year, the same rows on DuckDB, PostgreSQL and Spark, thresholds and switches as local rules."""

import datetime

import ibis
import pandas as pd
import pytest

from renda.budget import analytics, rules, services
from renda.budget.generate import generate
from renda.budget.store import Store
from renda.budget.tests.conftest import AS_OF, YEAR


def _keys(store, name, params=None, year=YEAR, as_of=AS_OF):
    hits = rules.hits(name, store.table, year, as_of, params or rules.DEFAULT_PARAMS).to_pyarrow()
    return set(hits["key"].to_pylist())


@pytest.mark.parametrize("name", list(rules.RULES))
def test_each_alert_rule_finds_exactly_its_planted_cases(loaded, generated, name):
    """年底突击花钱, 整季度无支出, 超指标支付, 无指标支付, 大额支付, 向个人大额支付, 拆分支付, 重复支付,
    三公经费超预算或高于上年, 执行进度明显滞后, 预备费 1–3%: each finds its planted cases and nothing else."""
    assert _keys(loaded, name) == generated.planted[name]


def test_year_end_rush_threshold_is_a_setting(loaded):
    """年底突击花钱: December above X % of the year — the planted department spends 62.5 % in December."""
    assert _keys(loaded, "year_end_rush", {**rules.DEFAULT_PARAMS, "budget_year_end_pct": 62})
    assert not _keys(loaded, "year_end_rush", {**rules.DEFAULT_PARAMS, "budget_year_end_pct": 63})


def test_split_payments_need_the_window_and_the_margin(loaded):
    """拆分支付: three payments 950k–990k 10 days apart; a 5-day window or a 3 % margin finds none of them."""
    assert not _keys(loaded, "split_payment", {**rules.DEFAULT_PARAMS, "budget_split_window_days": 5})
    assert not _keys(loaded, "split_payment", {**rules.DEFAULT_PARAMS, "budget_split_margin_pct": 0})


def test_idle_quarters_are_only_those_that_have_ended(loaded):
    """整季度无支出: as of mid-May only the first quarter has ended, and the planted project paid in it."""
    assert not _keys(loaded, "idle_project", as_of=datetime.date(YEAR, 5, 15))
    assert _keys(loaded, "idle_project", as_of=datetime.date(YEAR, 7, 1))


def test_behind_time_progress_compares_with_the_elapsed_share_of_the_year(loaded):
    """执行进度明显滞后: as of 31 March (25 % of the year elapsed), the planted department (2.5 % spent by then)
    is behind by more than 20 points; so is no other department."""
    early = _keys(loaded, "behind_progress", as_of=datetime.date(YEAR, 3, 31))
    assert f"behind_progress:{YEAR}:ZBHND" in early


def test_reserve_fund_outside_one_to_three_percent_is_found(tmp_path):
    """预算法 Art. 40: the reserve fund 1–3 % of spending — the generated one is 2 %; removed, it is found."""
    g = generate(year=YEAR, payments=500, departments=3, projects=3, seed=3)
    import pyarrow.compute as pc

    alloc = g.tables["allocations"]
    g.tables["allocations"] = alloc.filter(pc.invert(pc.equal(alloc["func_code"], "227")))
    s = Store(f"duckdb://{tmp_path}")
    s.load(g.tables)
    assert _keys(s, "reserve_fund") == {f"reserve_fund:{YEAR}"}


@pytest.mark.django_db
def test_rule_switches_and_thresholds_are_local_rules(settings):
    """Each alert rule is a setting with its threshold, on/off per deployment (platform.py RULES)."""
    assert "year_end_rush" in services.enabled_rules()
    settings.RENDA_RULE_OVERRIDES = {"budget_year_end_on": 0, "budget_large_payment": 123}
    assert "year_end_rush" not in services.enabled_rules()
    assert "reserve_fund" in services.enabled_rules()  # national: always on
    assert services.params()["budget_large_payment"] == 123


def _frame(table) -> pd.DataFrame:
    df = table.to_pandas()
    return df.sort_values(list(df.columns)).reset_index(drop=True)


def _all_results(store) -> dict[str, pd.DataFrame]:
    """Every rule's hits (one union: one job on Spark) and the execution by department and by function."""
    every = ibis.union(
        *[rules.hits(name, store.table, YEAR, AS_OF, rules.DEFAULT_PARAMS) for name in rules.RULES]
    )
    return {
        "hits": _frame(every),
        "execution:dept": _frame(analytics.execution(store.table, YEAR, "dept")),
        "execution:project": _frame(analytics.execution(store.table, YEAR, "project", dept="D0001")),
        "revenue:class": _frame(analytics.revenue(store.table, YEAR, "class")),
        "revenue:item": _frame(analytics.revenue(store.table, YEAR, "item")),
        "debt": _frame(analytics.debt(store.table, YEAR)),
    }


def _same(left: dict[str, pd.DataFrame], right: dict[str, pd.DataFrame]) -> None:
    for name, frame in left.items():
        other = right[name]
        assert len(frame) == len(other), name
        for column in frame.columns:
            assert [str(v) for v in frame[column]] == [str(v) for v in other[column]], (name, column)


@pytest.fixture(scope="module")
def duck_results(tmp_path_factory, generated):
    s = Store(f"duckdb://{tmp_path_factory.mktemp('duck')}")
    s.load(generated.tables)
    return _all_results(s)


@pytest.mark.django_db
def test_rules_give_the_same_rows_on_duckdb_and_postgresql(duck_results, pg_store):
    """One Ibis expression per rule and aggregate, the same result on DuckDB and PostgreSQL."""
    _same(duck_results, _all_results(pg_store))


def test_rules_give_the_same_rows_on_duckdb_and_spark(duck_results, spark_store):
    """One Ibis expression per rule and aggregate, the same result on DuckDB and Spark (local[2])."""
    _same(duck_results, _all_results(spark_store))
    assert len(duck_results["hits"]) == sum(len(keys) for keys in generate_planted().values())


def generate_planted():
    from renda.budget.tests.conftest import generated as _  # noqa: F401

    return generate(year=YEAR, payments=3_000, departments=6, projects=5, seed=7).planted
