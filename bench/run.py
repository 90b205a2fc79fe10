"""Province-scale benchmark of the deputies pages and API on PostgreSQL (see bench/README.md).

    .venv/bin/python bench/run.py [--repeat 50] [--warmup 5] [--explain] [--profile]

DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/renda_bench. The database is created when
missing, migrated, and seeded at province scale (100,000 deputies) unless it already holds a jurisdiction.
Each request runs in-process through Django's test Client (the full middleware stack, no network), signed in
as the demo clerk; the API is called with the clerk's token. Times are server times in milliseconds.
"""

import argparse
import cProfile
import io
import os
import platform
import pstats
import secrets
import statistics
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/renda_bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["DEBUG"] = "0"  # measure as deployed: no query log kept per request
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
os.environ["ALLOWED_HOSTS"] = "testserver"
warnings.filterwarnings(
    "ignore", message="No directory at"
)  # whitenoise: static files are not collected here

import dj_database_url  # noqa: E402
import psycopg  # noqa: E402
from psycopg import sql  # noqa: E402


def ensure_database() -> None:
    """Stop unless DATABASE_URL is PostgreSQL; create the database when it does not exist yet."""
    url = dj_database_url.parse(os.environ["DATABASE_URL"])
    if url["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("bench/run.py 需要 PostgreSQL：请把 DATABASE_URL 设为 postgres://…")
    server = {
        "host": url["HOST"] or None,
        "port": url["PORT"] or None,
        "user": url["USER"] or None,
        "password": url["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [url["NAME"]]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(url["NAME"])))


ensure_database()

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402

from renda.accounts.models import User  # noqa: E402
from renda.deputies.models import Deputy  # noqa: E402
from renda.org.models import Jurisdiction, Township  # noqa: E402


def prepare(scale: str = "province") -> None:
    """Migrate, and seed the demo data at `scale` when the database holds no jurisdiction yet; then start as
    the server does (config/wsgi.py)."""
    call_command("migrate", verbosity=0)
    if not Jurisdiction.objects.exists():
        print(f"生成演示数据（{scale}）…", flush=True)
        call_command("seed_demo", scale=scale)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    from config.wsgi import freeze_loaded  # the server's start: views loaded, their objects out of GC scans

    freeze_loaded()


def targets() -> list[tuple[str, str, dict, int]]:
    """(label, path, headers, p95 target in ms). The filter uses the township with most deputies and the
    detail page the deputy with most activities: the heaviest cases, not the typical ones."""
    clerk = User.objects.get(username="clerk")
    token, _ = Token.objects.get_or_create(user=clerk)
    township = Township.objects.annotate(n=Count("deputies")).order_by("-n", "pk").first()
    deputy = Deputy.objects.annotate(n=Count("activities")).order_by("-n", "pk").first()
    api = {"HTTP_AUTHORIZATION": f"Token {token.key}"}
    return [
        ("deputies list", "/deputies/", {}, 100),
        ("list, pinyin search", "/deputies/?q=zs", {}, 100),
        ("list, township + level filter", f"/deputies/?township={township.pk}&level=county", {}, 100),
        ("deputy detail", f"/deputies/{deputy.pk}/", {}, 100),
        ("composition statistics", "/deputies/composition/", {}, 300),
        ("API list, township filter", f"/api/v1/deputies/?township={township.pk}", api, 100),
    ]


def measure(client: Client, path: str, headers: dict, repeat: int, warmup: int) -> dict:
    for _ in range(warmup):
        response = client.get(path, **headers)
        if response.status_code != 200:
            return {"status": response.status_code}
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(path, **headers)
        times.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as captured:
        client.get(path, **headers)
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    return {
        "status": 200,
        "p50": cuts[49],
        "p95": cuts[94],
        "max": max(times),
        "queries": captured.captured_queries,
    }


def explain(queries: list[dict], top: int = 3) -> None:
    for query in sorted(queries, key=lambda q: float(q["time"]), reverse=True)[:top]:
        print(f"\n-- {float(query['time']) * 1000:.1f} ms\n{query['sql']}")
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
            print("\n".join(row[0] for row in cursor.fetchall()))


def profile(client: Client, path: str, headers: dict, top: int = 25) -> None:
    """Where the Python time of one request goes (cumulative), for pages whose SQL time is small."""
    profiler = cProfile.Profile()
    profiler.runcall(client.get, path, **headers)
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
    stats.print_stats(r"renda/|django/forms/|django_filters/|rest_framework/", top)
    print(out.getvalue())


def arguments(description: str) -> argparse.ArgumentParser:
    """The options every benchmark here takes."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--repeat", type=int, default=50, help="measured requests per URL (default 50)")
    parser.add_argument("--warmup", type=int, default=5, help="unmeasured requests first (default 5)")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also profile one request of each URL whose queries are explained",
    )
    parser.add_argument(
        "--explain",
        action="store_true",
        help="EXPLAIN ANALYZE the slowest queries of every URL, not only of those over target",
    )
    return parser


def header(what: str, args: argparse.Namespace) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg_version = cursor.fetchone()[0]
    print(
        f"\n{what} · PostgreSQL {pg_version} · Python {platform.python_version()} · "
        f"Django {django.get_version()} · {platform.machine()}, {os.cpu_count()} cores · "
        f"load average {' '.join(f'{n:.2f}' for n in os.getloadavg())} · {args.repeat} requests per URL "
        f"after {args.warmup} warm-up\n"
    )


def report(cases: list[tuple[str, str, dict, int, Client]], args: argparse.Namespace) -> None:
    """Measure each (label, path, headers, p95 target, client), print the table, then explain (and profile)
    the URLs over target, or all of them with --explain."""
    print("| request | URL | p50 ms | p95 ms | max ms | queries | SQL ms | target p95 | |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---|")
    slow = []
    for label, path, headers, target, client in cases:
        result = measure(client, path, headers, args.repeat, args.warmup)
        if result["status"] != 200:
            print(f"| {label} | `{path}` | — | — | — | — | — | {target} | HTTP {result['status']} |")
            continue
        queries = result["queries"]
        sql_ms = sum(float(q["time"]) for q in queries) * 1000
        verdict = "ok" if result["p95"] <= target else "**over**"
        print(
            f"| {label} | `{path}` | {result['p50']:.1f} | {result['p95']:.1f} | {result['max']:.1f} | "
            f"{len(queries)} | {sql_ms:.1f} | {target} | {verdict} |",
            flush=True,
        )
        if args.explain or result["p95"] > target:
            slow.append((label, path, headers, client, queries))
    for label, path, headers, client, queries in slow:
        print(f"\n## {label}: slowest queries")
        explain(queries)
        if args.profile:
            print(f"\n## {label}: profile of one request")
            profile(client, path, headers)


def main() -> None:
    args = arguments(__doc__.splitlines()[0]).parse_args()
    prepare()
    header(f"{Deputy.objects.count():,} deputies", args)
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(username="clerk"))
    report([(*case, client) for case in targets()], args)


if __name__ == "__main__":
    main()
