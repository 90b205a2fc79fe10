"""A temporary analytical store per test (DuckDB over Parquet in tmp_path), one generated year with its planted
cases, and — for the cross-backend tests — the same data on PostgreSQL and one shared Spark session."""

import datetime
import shutil

import pytest

from renda.budget import store as store_module
from renda.budget.generate import generate
from renda.budget.store import Store

YEAR = 2025
AS_OF = datetime.date(2026, 1, 15)  # the year is over


@pytest.fixture(autouse=True)
def _imports_at_once(settings, tmp_path):
    """Imports from the page run at once in tests (test_progress.py runs one in its thread)."""
    settings.BUDGET_IMPORT_BACKGROUND = False
    settings.BUDGET_UPLOAD_DIR = str(tmp_path / "uploads")


@pytest.fixture(scope="session")
def generated():
    """A small county year: 3,000 clean payments and the planted cases (deterministic)."""
    return generate(year=YEAR, payments=3_000, departments=6, projects=5, seed=7)


@pytest.fixture
def store(tmp_path, settings):
    """The deployment's store, empty, in a temporary folder."""
    settings.BUDGET_STORE = f"duckdb://{tmp_path / 'budget'}"
    store_module.reset_store()
    yield store_module.get_store()
    store_module.reset_store()


@pytest.fixture
def loaded(store, generated):
    store.load(generated.tables)
    return store


@pytest.fixture(scope="session")
def spark_session(tmp_path_factory):
    """One SparkSession for the whole run (startup is slow); skipped only where Java is missing."""
    if shutil.which("java") is None:
        pytest.skip("Spark 需要 Java（未安装 java），跳过 Spark 后端测试")
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("renda-budget-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.warehouse.dir", str(tmp_path_factory.mktemp("spark-warehouse")))
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def postgres_url() -> str | None:
    """A PostgreSQL database for the store's schema, created if missing; None when no server answers."""
    import psycopg

    try:
        with psycopg.connect(
            "postgres://postgres@127.0.0.1:5432/postgres", autocommit=True, connect_timeout=3
        ) as c:
            if not c.execute("SELECT 1 FROM pg_database WHERE datname = 'bud_store_test'").fetchone():
                c.execute("CREATE DATABASE bud_store_test")
    except psycopg.OperationalError:
        return None
    return "postgres://postgres@127.0.0.1:5432/bud_store_test"


@pytest.fixture(scope="session")
def pg_store(generated):
    url = postgres_url()
    if url is None:
        pytest.skip("没有可用的 PostgreSQL 服务器（127.0.0.1:5432）")
    s = Store(url, schema="budget_test")
    s.load(generated.tables)
    return s


@pytest.fixture(scope="session")
def spark_store(spark_session, generated):
    s = Store("spark://local[2]", spark=spark_session)
    s.load(generated.tables)
    return s
