"""Concurrent writers on PostgreSQL for any app's tests: `race` runs calls at the same moment in threads (each with
its own connection), and `postgres_only` skips — or, with REQUIRE_POSTGRES=1, fails — a test on SQLite, which
serialises writers. Use with `pytest.mark.django_db(transaction=True)`."""

import os
import threading

import pytest
from django.db import connection


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail("并发测试须在 PostgreSQL 上运行。")
        pytest.skip("并发测试需要 PostgreSQL（SQLite 串行化写入）。")


def race(*calls) -> list:
    """Run the calls at the same moment in separate threads (separate connections); results or exceptions."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:  # noqa: BLE001 - the test inspects it
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results
