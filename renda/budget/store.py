"""The analytical store of networked budget supervision (预算联网监督, 监督法 Art. 30).

The finance bureau's budget and treasury data — hundreds of thousands of rows a year for a county, tens of
millions for a province — live outside Django's tables, in an analytical store reached through Ibis:

- DuckDB, embedded, the default, over Parquet files under `var/budget/` (`BUDGET_STORE = "duckdb:///…/var/budget"`):
  one file per table and period (`payments/2024.parquet`, `allocations/2024-adjust.parquet`), each table a view
  over its files, so an import writes one file beside the others and renames it into place — all or nothing,
  at the speed of writing Parquet;
- PostgreSQL: the same tables in a schema of the project's database (`BUDGET_STORE = "postgres://…"`,
  schema `BUDGET_STORE_SCHEMA`, default `budget`);
- Spark (PySpark): `BUDGET_STORE = "spark://local[*]"` or a cluster's master URL.

The rules and aggregates (rules.py, analytics.py) are Ibis expressions over `Store.table(name)`, the same on
every backend. Only the writing of an import (replace a period inside one transaction) is per backend.
Amounts are integers in 分 (cents), so sums and comparisons are exact on every backend."""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import ibis
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from django.conf import settings

# The tables and their columns, in order. Codes are strings (leading zeros matter).
SCHEMAS: dict[str, pa.Schema] = {
    # 预算指标: initial allocations (kind "initial") and adjustments (kind "adjust", may be negative)
    "allocations": pa.schema(
        [
            ("year", pa.int32()),
            ("kind", pa.string()),
            ("dept_code", pa.string()),
            ("dept_name", pa.string()),
            ("project_code", pa.string()),
            ("project_name", pa.string()),
            ("func_code", pa.string()),
            ("econ_code", pa.string()),
            ("amount", pa.int64()),
        ]
    ),
    # 国库集中支付
    "payments": pa.schema(
        [
            ("year", pa.int32()),
            ("pay_id", pa.string()),
            ("pay_date", pa.date32()),
            ("month", pa.int32()),
            ("day", pa.int32()),  # days since 1970-01-01, for windows that every backend computes alike
            ("dept_code", pa.string()),
            ("dept_name", pa.string()),
            ("project_code", pa.string()),
            ("func_code", pa.string()),
            ("econ_code", pa.string()),
            ("payee", pa.string()),
            ("payee_kind", pa.string()),  # "org" / "individual"
            ("amount", pa.int64()),
        ]
    ),
    # 一般公共预算收入, by month and revenue class
    "revenue": pa.schema(
        [("year", pa.int32()), ("month", pa.int32()), ("func_code", pa.string()), ("amount", pa.int64())]
    ),
    # 一般公共预算收入预算: the year's revenue budget by revenue class
    "revenue_budget": pa.schema([("year", pa.int32()), ("func_code", pa.string()), ("amount", pa.int64())]),
    # 政府债务: limit and balance by kind (一般债务 / 专项债务)
    "debt": pa.schema(
        [
            ("year", pa.int32()),
            ("debt_kind", pa.string()),
            ("limit_amount", pa.int64()),
            ("balance", pa.int64()),
            ("issued", pa.int64()),
        ]
    ),
    # 三公经费: budget and actual by department and category (abroad / vehicle / reception)
    "sangong": pa.schema(
        [
            ("year", pa.int32()),
            ("dept_code", pa.string()),
            ("dept_name", pa.string()),
            ("category", pa.string()),
            ("budget", pa.int64()),
            ("actual", pa.int64()),
        ]
    ),
}

# The columns that name a period: what one import replaces.
PERIOD: dict[str, list[str]] = {
    "allocations": ["year", "kind"],
    "payments": ["year"],
    "revenue": ["year"],
    "revenue_budget": ["year"],
    "debt": ["year"],
    "sangong": ["year"],
}

ROW_GROUP = 1_000_000  # rows per Parquet row group (and per progress report while writing)
PG_TYPES = {pa.int32(): "integer", pa.int64(): "bigint", pa.string(): "text", pa.date32(): "date"}


class Store:
    """One connection to the analytical store, its tables as Ibis expressions, and the period-replacing
    writer of the imports."""

    def __init__(self, url: str, *, schema: str = "budget", spark: Any = None):
        self.url = url
        self.schema = schema
        self.lock = threading.Lock()
        if url.startswith("duckdb://"):
            self.kind = "duckdb"
            self.root = Path(url.removeprefix("duckdb://"))
            self.con = ibis.duckdb.connect()
        elif url.startswith(("postgres://", "postgresql://")):
            self.kind = "postgres"
            self.con = ibis.connect(url.replace("postgresql://", "postgres://"))
            self.con.raw_sql(f'CREATE SCHEMA IF NOT EXISTS "{schema}"').close()
        elif url.startswith("spark://"):
            self.kind = "spark"
            if spark is None:
                from pyspark.sql import SparkSession

                spark = (
                    SparkSession.builder.master(url.removeprefix("spark://") or "local[*]")
                    .appName("renda-budget")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.session.timeZone", "UTC")
                    .getOrCreate()
                )
            self.spark = spark
            self.con = ibis.pyspark.connect(spark)
        else:
            raise ValueError(f"不支持的分析库地址：{url}")
        self.ensure()

    # ------------------------------------------------------------ tables

    def _name(self, name: str) -> str:
        return f'"{self.schema}"."{name}"' if self.kind == "postgres" else name

    def ensure(self) -> None:
        """Create the empty tables that do not exist yet."""
        existing = set(self._list())
        for name, schema in SCHEMAS.items():
            if name in existing:
                continue
            if self.kind == "postgres":
                cols = ", ".join(f'"{f.name}" {PG_TYPES[f.type]}' for f in schema)
                self.con.raw_sql(f"CREATE TABLE IF NOT EXISTS {self._name(name)} ({cols})").close()
                if name in ("payments", "allocations"):
                    self.con.raw_sql(
                        f'CREATE INDEX IF NOT EXISTS "{name}_year" ON {self._name(name)} (year)'
                    ).close()
            elif self.kind == "spark":
                self._spark_view(name, schema.empty_table())
        if self.kind == "duckdb":
            for name, schema in SCHEMAS.items():
                folder = self.root / name
                folder.mkdir(parents=True, exist_ok=True)
                if not (folder / "_empty.parquet").exists():
                    pq.write_table(schema.empty_table(), folder / "_empty.parquet")
                files = str(folder / "*.parquet").replace("'", "''")
                # the table's name is one of SCHEMAS; the folder is the deployment's setting
                self.con.raw_sql(f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM read_parquet('{files}')")  # noqa: S608

    def _list(self) -> list[str]:
        if self.kind == "postgres":
            return list(self.con.list_tables(database=self.schema))
        if self.kind == "duckdb":
            return []
        return [t.name for t in self.spark.catalog.listTables()]

    def table(self, name: str) -> ibis.Table:
        if self.kind == "postgres":
            return self.con.table(name, database=self.schema)
        return self.con.table(name)

    # ------------------------------------------------------------ writing

    def replace(
        self,
        name: str,
        data: pa.Table,
        *,
        where: dict[str, Any],
        progress: Callable[[int], None] | None = None,
    ) -> None:
        """Replace the rows of `name` matching `where` (a period: year, kind …) by `data`, all or nothing;
        `progress(written)` is told the rows written so far (the new rows are seen only once all are written)."""
        data = data.select(SCHEMAS[name].names).cast(SCHEMAS[name])
        say = progress or (lambda written: None)
        with self.lock:
            if self.kind == "duckdb":
                self._parquet_replace(name, data, where, say)
            elif self.kind == "postgres":
                self._pg_replace(name, data, where, say)
            else:
                self._spark_replace(name, data, where)
                say(data.num_rows)

    def _parquet_replace(
        self, name: str, data: pa.Table, where: dict[str, Any], say: Callable[[int], None]
    ) -> None:
        if set(where) != set(PERIOD[name]):
            raise ValueError(f"{name}: a period is {PERIOD[name]}, not {sorted(where)}")
        target = self.root / name / ("-".join(str(where[k]) for k in PERIOD[name]) + ".parquet")
        temporary = target.with_suffix(".parquet.tmp")
        with pq.ParquetWriter(temporary, data.schema, compression="snappy") as writer:
            for offset in range(0, max(data.num_rows, 1), ROW_GROUP):
                writer.write_table(data.slice(offset, ROW_GROUP), row_group_size=ROW_GROUP)
                say(min(offset + ROW_GROUP, data.num_rows))
        os.replace(temporary, target)  # atomic: readers see the old period or the new one

    def _pg_replace(
        self, name: str, data: pa.Table, where: dict[str, Any], say: Callable[[int], None]
    ) -> None:
        raw = self.con.con  # psycopg connection
        cols = ", ".join(f'"{c}"' for c in data.column_names)
        cond = " AND ".join(f'"{k}" = %s' for k in where) or "TRUE"
        written = 0
        with raw.transaction(), raw.cursor() as cur:
            # the table and columns are SCHEMAS' names; the period's values are parameters
            cur.execute(f"DELETE FROM {self._name(name)} WHERE {cond}", list(where.values()))  # noqa: S608
            with cur.copy(f"COPY {self._name(name)} ({cols}) FROM STDIN") as copy:
                for batch in data.to_batches(200_000):
                    for row in zip(*(col.to_pylist() for col in batch.columns), strict=True):
                        copy.write_row(row)
                    written += batch.num_rows
                    say(written)

    def _spark_replace(self, name: str, data: pa.Table, where: dict[str, Any]) -> None:
        current = self.table(name)
        keep = current
        if where:
            keep = current.filter(~functools.reduce(lambda a, b: a & b, _conds(current, where)))
        kept = keep.to_pyarrow().cast(SCHEMAS[name])
        self._spark_view(name, pa.concat_tables([kept, data]))

    def _spark_view(self, name: str, data: pa.Table) -> None:
        """On Spark the tables are the session's temporary views over data given to it (tests, benchmark); a
        cluster deployment points them at its own storage instead."""
        self.spark.createDataFrame(data).createOrReplaceTempView(name)

    def load(self, tables: dict[str, pa.Table]) -> None:
        """Replace whole tables (tests and the benchmark's generated province)."""
        for name, data in tables.items():
            if self.kind == "postgres":
                self.replace(name, data, where={})
            elif self.kind == "duckdb":
                for old in (self.root / name).glob("*.parquet"):
                    if old.name != "_empty.parquet":
                        old.unlink()
                keys = PERIOD[name]
                periods = data.select(keys).group_by(keys).aggregate([]).to_pylist()
                for where in periods:
                    mask = functools.reduce(
                        pc.and_,
                        [
                            pc.equal(data[k], pa.scalar(v, data.schema.field(k).type))
                            for k, v in where.items()
                        ],
                    )
                    self.replace(name, data.filter(mask), where=where)
            else:
                self._spark_view(name, data.select(SCHEMAS[name].names).cast(SCHEMAS[name]))

    def count(self, name: str, **where: Any) -> int:
        t = self.table(name)
        if where:
            t = t.filter(_conds(t, where))
        return int(t.count().execute())


def _conds(t: ibis.Table, where: dict[str, Any]) -> list[Any]:
    return [t[k] == v for k, v in where.items()]


_STORE: Store | None = None


def store_url() -> str:
    configured = getattr(settings, "BUDGET_STORE", "")
    if configured:
        return configured
    return f"duckdb://{Path(settings.BASE_DIR) / 'var' / 'budget'}"


def store_exists() -> bool:
    """Whether the deployment has an analytical store yet (the default one is created by the first import)."""
    url = store_url()
    return not url.startswith("duckdb://") or Path(url.removeprefix("duckdb://")).exists()


def get_store() -> Store:
    """The deployment's store, opened once per process."""
    global _STORE
    if _STORE is None or _STORE.url != store_url():
        _STORE = Store(store_url(), schema=getattr(settings, "BUDGET_STORE_SCHEMA", "budget"))
    return _STORE


def reset_store() -> None:
    global _STORE
    _STORE = None


def years(store: Store, names: Iterable[str] = ("allocations", "payments")) -> list[int]:
    found: set[int] = set()
    for name in names:
        t = store.table(name)
        found |= {int(y) for y in t.select("year").distinct().to_pyarrow()["year"].to_pylist()}
    return sorted(found)
