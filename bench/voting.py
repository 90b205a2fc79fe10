"""Electronic voting under load: N voters cast at once over HTTP against the served platform (see bench/README.md).

    .venv/bin/python bench/voting.py [--voters 1000] [--workers 4] [--method secret] [--limit 1000]

DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/renda_bench_voting (created when missing, migrated).
The script opens --voters deputies with accounts and API tokens (in bulk, once; a later run reuses them), creates
a vote among them through the services and opens it, then serves the platform with gunicorn (DEBUG=0, --workers
sync workers) and sends every voter's cast (POST /api/v1/voting/votes/<pk>/cast/ with the voter's token) at once
from one asyncio client, at most --limit connections open together (the listen backlog holds the rest). Mixed
into the burst, one trivial request per ten casts: the same endpoint read with GET, which authenticates the token
and answers 405 — the reference for the cost of a cast. Latency is from connect to the end of the answer, so it
includes waiting in the server's queue.

Then it checks the database — every voter has voted once, the counters add up to the casts, no ballot twice —
sends a second cast for the first hundred voters (each must be refused), closes the vote through the API and
polls the hall screen's live part every 500 ms, as the screen does, until the result appears.
"""

import argparse
import asyncio
import os
import random
import secrets
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/renda_bench_voting")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
os.environ["ALLOWED_HOSTS"] = "127.0.0.1,localhost"

import dj_database_url  # noqa: E402
import psycopg  # noqa: E402
from psycopg import sql  # noqa: E402

PORT = 8765
PASSWORD = "bench-voting-2026"
ACCESS_LOG = Path("/tmp/bench-voting-access.log")


def ensure_database() -> None:
    url = dj_database_url.parse(os.environ["DATABASE_URL"])
    if url["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("bench/voting.py measures PostgreSQL: set DATABASE_URL to a postgres:// URL")
    admin = f"host={url['HOST']} port={url['PORT'] or 5432} user={url['USER']} dbname=postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [url["NAME"]]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(url["NAME"])))


ensure_database()

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db.models import Sum  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402

from renda.accounts.models import User  # noqa: E402
from renda.core.roles import Role  # noqa: E402
from renda.deputies.models import Deputy  # noqa: E402
from renda.voting import services  # noqa: E402
from renda.voting.models import Ballot, VoteEvent, VoteOption, Voter  # noqa: E402

PREFIX = "bench-voter-"


def voters(n: int) -> list[tuple[int, str]]:
    """(deputy pk, token key) of n voters with accounts, opened in bulk once."""
    have = User.objects.filter(username__startswith=PREFIX).count()
    if have < n:
        deputies = Deputy.objects.bulk_create(
            Deputy(
                name=f"代表{i}", name_initials="db", name_pinyin=f"daibiao{i}", gender="male", sector="farmer"
            )
            for i in range(have, n)
        )
        users = User.objects.bulk_create(
            User(username=f"{PREFIX}{d.pk}", full_name=d.name, deputy=d, password="!") for d in deputies
        )
        group, _ = Group.objects.get_or_create(name=Role.DEPUTY)
        User.groups.through.objects.bulk_create(User.groups.through(user=u, group=group) for u in users)
        Token.objects.bulk_create(Token(user=u, key=secrets.token_hex(20)) for u in users)
    rows = (
        User.objects.filter(username__startswith=PREFIX)
        .order_by("pk")
        .values_list("deputy_id", "auth_token__key")[:n]
    )
    return list(rows)


def office() -> tuple[User, str]:
    clerk, _ = User.objects.get_or_create(
        username="bench-voting-clerk", defaults={"full_name": "表决工作人员"}
    )
    clerk.set_password(PASSWORD)
    clerk.must_change_password = False
    clerk.save()
    clerk.groups.add(Group.objects.get_or_create(name=Role.CLERK)[0])
    token, _ = Token.objects.get_or_create(user=clerk)
    return clerk, token.key


async def request(method: str, path: str, token: str, body: bytes = b"") -> tuple[int, float]:
    started = time.perf_counter()
    while True:
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", PORT)
            break
        except OSError:
            await asyncio.sleep(0.05)
    head = (
        f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Token {token}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    writer.write(head.encode() + body)
    await writer.drain()
    answer = await reader.read()
    writer.close()
    status = int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/") else 0
    return status, (time.perf_counter() - started) * 1000


async def burst(
    event: VoteEvent, rows: list[tuple[int, str]], limit: int, spread: float
) -> tuple[list, list, float]:
    gate = asyncio.Semaphore(limit)
    path = f"/api/v1/voting/votes/{event.pk}/cast/"
    rng = random.Random(13)
    jobs = [
        ("POST", token, b'{"choice": "%s"}' % rng.choice([b"yes"] * 7 + [b"no", b"abstain"]))
        for _, token in rows
    ]
    jobs += [("GET", token, b"") for _, token in rows[::10]]
    rng.shuffle(jobs)

    async def one(i, method, token, body):
        if spread:
            await asyncio.sleep(spread * i / len(jobs))
        async with gate:
            return method, *(await request(method, path, token, body))

    started = time.perf_counter()
    results = await asyncio.gather(*(one(i, *job) for i, job in enumerate(jobs)))
    elapsed = time.perf_counter() - started
    casts = [(s, ms) for m, s, ms in results if m == "POST"]
    trivial = [(s, ms) for m, s, ms in results if m == "GET"]
    return casts, trivial, elapsed


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def screen_session():
    import requests

    session = requests.Session()
    base = f"http://127.0.0.1:{PORT}"
    session.get(f"{base}/accounts/login/")
    session.post(
        f"{base}/accounts/login/",
        data={
            "username": "bench-voting-clerk",
            "password": PASSWORD,
            "csrfmiddlewaretoken": session.cookies.get("csrftoken"),
        },
        headers={"Referer": f"{base}/accounts/login/"},
    )
    return session


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--voters", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--method", default="secret", choices=["secret", "named"])
    parser.add_argument("--limit", type=int, default=1000, help="connections open at once")
    parser.add_argument(
        "--spread", type=float, default=0, help="seconds over which the casts arrive (0: at once)"
    )
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    rows = voters(args.voters)
    clerk, clerk_token = office()
    deputies = Deputy.objects.filter(pk__in=[d for d, _ in rows])
    event = services.vote_event_create(
        subject=None,
        title=f"基准测试：{args.voters}人同时表决",
        method=args.method,
        threshold=VoteEvent.Threshold.ALL_MAJORITY,
        entitled=args.voters,
        electorate=deputies,
        actor=clerk,
    )
    event = services.vote_open(event=event, actor=clerk)
    from django.db import connection

    connection.close()

    ACCESS_LOG.unlink(missing_ok=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(args.workers),
            "--backlog",
            "4096",
            "--log-level",
            "warning",
            "--access-logfile",
            str(ACCESS_LOG),
            "--access-logformat",
            "%(m)s %(U)s %(s)s %(M)s",
        ],
        cwd=ROOT,
        env=env,
        stderr=subprocess.DEVNULL,  # Django's warnings of the 405s and 400s sent on purpose
    )
    try:
        time.sleep(1)
        for _ in range(100):  # wait until served, and warm every worker
            if asyncio.run(request("GET", f"/api/v1/voting/votes/{event.pk}/", clerk_token))[0] == 200:
                break
            time.sleep(0.2)
        for _ in range(4 * args.workers):
            asyncio.run(request("GET", f"/api/v1/voting/votes/{event.pk}/cast/", clerk_token))
        load = os.getloadavg()[0]
        casts, trivial, elapsed = asyncio.run(burst(event, rows, args.limit, args.spread))
        logged = ACCESS_LOG.read_text().splitlines() if ACCESS_LOG.exists() else []
        ok = sum(1 for s, _ in casts if s == 200)
        refused = [s for s, _ in casts if s != 200]
        # the database
        voted = Voter.objects.filter(event=event, has_voted=True).count()
        counted = VoteOption.objects.filter(event=event).aggregate(n=Sum("count"))["n"]
        ballots = Ballot.objects.filter(voter__event=event).count()

        async def twice() -> list:
            path = f"/api/v1/voting/votes/{event.pk}/cast/"
            return await asyncio.gather(
                *(request("POST", path, t, b'{"choice": "no"}') for _, t in rows[:100])
            )

        again = asyncio.run(twice())
        counted_after = VoteOption.objects.filter(event=event).aggregate(n=Sum("count"))["n"]
        # close, and the result on the hall screen
        session = screen_session()
        live = f"http://127.0.0.1:{PORT}/voting/{event.pk}/screen/live/"
        assert "已表决" in session.get(live).text, "the screen's session did not sign in"
        started = time.perf_counter()
        status, close_ms = asyncio.run(
            request("POST", f"/api/v1/voting/votes/{event.pk}/close/", clerk_token)
        )
        polls = 0
        while True:
            polls += 1
            if "通过" in session.get(live).text:
                break
            time.sleep(0.5)
        to_screen = (time.perf_counter() - started) * 1000
        result = services.vote_result(VoteEvent.objects.get(pk=event.pk))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(30)

    # the time each request spent in a worker (gunicorn's access log, ms), without the wait in the queue
    cast_path = f"/api/v1/voting/votes/{event.pk}/cast/"
    served = [line.split() for line in logged]
    served_cast = [
        int(f[3]) for f in served if len(f) == 4 and f[0] == "POST" and f[1] == cast_path and f[2] == "200"
    ]
    served_trivial = [int(f[3]) for f in served if len(f) == 4 and f[0] == "GET" and f[1] == cast_path]
    cast_ms = [ms for s, ms in casts if s == 200]
    trivial_ms = [ms for _, ms in trivial]
    print(
        f"voters {args.voters}, method {args.method}, gunicorn workers {args.workers}, "
        f"connections at once ≤ {args.limit}, load average before {load:.1f}"
    )
    print(
        f"burst: {len(casts)} casts + {len(trivial)} trivial requests in {elapsed:.1f} s "
        f"({len(casts) / elapsed:.0f} casts/s)"
    )
    print(f"casts answered 200: {ok}; refused: {len(refused)} {sorted(set(refused))}")
    print(
        f"database: voters marked voted {voted}, counters total {counted}, named ballots {ballots}; "
        f"lost {ok - voted}, double {max(voted - ok, 0) + max(counted - voted, 0)}"
    )
    print(
        f"second casts: {sum(1 for s, _ in again if s == 400)}/100 refused with 400; "
        f"counters unchanged: {counted_after == counted}"
    )
    print(
        f"cast ms     p50 {statistics.median(cast_ms):7.1f}  p99 {pct(cast_ms, 99):7.1f}  max {max(cast_ms):7.1f}"
    )
    print(
        f"trivial ms  p50 {statistics.median(trivial_ms):7.1f}  p99 {pct(trivial_ms, 99):7.1f}  "
        f"max {max(trivial_ms):7.1f}"
    )
    print(
        f"ratio cast/trivial  p50 {statistics.median(cast_ms) / statistics.median(trivial_ms):.2f}  "
        f"p99 {pct(cast_ms, 99) / pct(trivial_ms, 99):.2f}"
    )
    if served_cast and served_trivial:
        print(
            f"in the worker ms: cast p50 {statistics.median(served_cast):.0f} p99 {pct(served_cast, 99):.0f}; "
            f"trivial p50 {statistics.median(served_trivial):.0f} p99 {pct(served_trivial, 99):.0f}"
        )
    print(
        f"close: answered {status} in {close_ms:.0f} ms; result on the screen {to_screen:.0f} ms after close "
        f"({polls} polls): {result.text}"
    )


if __name__ == "__main__":
    main()
