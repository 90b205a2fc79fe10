"""Every page and API list beside a trivial request, over HTTP, served as the README serves it (see
bench/README.md, "Every page beside a trivial request").

    .venv/bin/python bench/pages.py [--repeat 20] [--warmup 2] [--only text] [--max 400]

DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/renda_bench (run.py's database: created, migrated
and seeded at province scale when it holds no jurisdiction). The platform is served by gunicorn with DEBUG=0
and one sync worker, so the requests are timed one after the other without competing for the two cores.
Signed in as the demo clerk (the office, who sees every page), the script finds the pages to time from the
platform itself: every link of the navigation, then on each list page the first link to one record (a detail
page); and the API's collection endpoints from its schema (GET, no path parameter). Each URL is requested
`--repeat` times after `--warmup`, each request followed by one of the trivial view (`/api/v1/auth/me/`,
authenticated, one query), so both see the same machine at the same moment. Printed per URL: status, p50 and
p95 in milliseconds (client side, connection to last byte), the queries of one request (counted in this
process with Django's test client, CaptureQueriesContext) and p95 ÷ the trivial view's p95.
"""

import argparse
import http.cookiejar
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import prepare  # noqa: E402  (bench/run.py sets Django up)

# isort: split
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from renda.accounts.models import User  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PORT = 8767
BASE = f"http://127.0.0.1:{PORT}"
TRIVIAL = "/api/v1/auth/me/"
PASSWORD = "renda-demo"
TIMEOUT = 60  # seconds: a page slower than this is reported as such, not timed again
SLOW = 5000  # ms: a page whose first request took longer is reported from that request alone
SKIP = re.compile(
    r"logout|/admin/|export=|\.(docx|pdf|xlsx|zip|png|jpg)$|/download|/media/|/static/|^/api/docs"
)


class Browser:
    """A signed-in HTTP client over urllib with its own cookie jar."""

    def __init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> tuple[int, bytes, float]:
        started = time.perf_counter()
        try:
            with self.opener.open(BASE + path, timeout=TIMEOUT) as response:
                body = response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            body, status = error.read(), error.code
        except TimeoutError:
            body, status = b"", 0  # no answer within TIMEOUT seconds
        return status, body, (time.perf_counter() - started) * 1000

    def sign_in(self, username: str) -> None:
        _, page, _ = self.get("/accounts/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token, "没有找到登录表单"
        data = urllib.parse.urlencode(
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1).decode()}
        ).encode()
        request = urllib.request.Request(BASE + "/accounts/login/", data=data, headers={"Referer": BASE})
        self.opener.open(request, timeout=60).read()
        status, body, _ = self.get(TRIVIAL)
        assert status == 200, (status, body[:200])


def links(body: bytes) -> list[str]:
    return [
        href.decode().replace("&amp;", "&")
        for href in re.findall(rb'href="(/[^"#]*)"', body)
        if not SKIP.search(href.decode())
    ]


def discover(browser: Browser, limit: int) -> tuple[list[str], dict[str, tuple[int, float]]]:
    """The navigation's pages (the links of the home page's menu), then one detail page per list page, then
    the API's collections from the schema; and the pages whose first request took more than SLOW ms, with its
    status and time (0: no answer within TIMEOUT)."""
    _, home, _ = browser.get("/")
    menu = re.search(rb"<nav.*?</nav>", home, re.S)
    pages = list(dict.fromkeys(["/", *links(menu.group(0) if menu else home)]))
    details: list[str] = []
    slow: dict[str, tuple[int, float]] = {}
    for page in pages:
        status, body, elapsed = browser.get(page)
        print(f"  found {page} {status} {elapsed:.0f} ms", file=sys.stderr, flush=True)
        if elapsed > SLOW:
            slow[page] = (status, elapsed)
        if status != 200:
            continue
        stem = page.split("?")[0].rstrip("/")
        for href in links(body):
            if re.fullmatch(re.escape(stem) + r"/\d+/", href) and href not in details:
                details.append(href)
                break
    apis = []
    status, schema, _ = browser.get("/api/schema/?format=json")
    if status == 200:
        import json

        for path, operations in json.loads(schema)["paths"].items():
            if "get" in operations and "{" not in path and path.startswith("/api/v1/"):
                apis.append(path)
    return list(dict.fromkeys(pages + details + sorted(apis)))[:limit], slow


def queries_of(paths: list[str]) -> dict[str, int]:
    """The queries one request makes, counted in this process (Django's test client, the clerk signed in)."""
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(username="clerk"))
    counts = {}
    for path in paths:
        client.get(path)  # warm caches as the served worker is
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        counts[path] = len(captured.captured_queries)
    return counts


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--only", default="", help="only the URLs containing this text")
    parser.add_argument("--max", type=int, default=400, help="at most this many URLs")
    args = parser.parse_args()
    prepare()
    connection.close()

    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "PGOPTIONS": f"-c statement_timeout={(TIMEOUT - 5) * 1000}",  # nor its query, in the database
    }
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{PORT}"]
        # the worker is restarted when a request outlasts the client's wait, so a page too slow to answer does
        # not hold up the pages after it
        + ["--workers", "1", "--timeout", str(TIMEOUT - 5), "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    try:
        browser = Browser()
        for _ in range(100):
            try:
                browser.get("/health/")
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.3)
        browser.sign_in("clerk")
        found, slow = discover(browser, args.max)
        paths = [p for p in found if args.only in p]
        rows = []
        for path in paths:
            if path in slow:
                continue
            status, _, first = browser.get(path)
            if first > SLOW:
                slow[path] = (status, first)
                continue
            for _ in range(args.warmup):
                browser.get(path)
                browser.get(TRIVIAL)
            times, trivial, status = [], [], 0
            for _ in range(args.repeat):
                status, _, elapsed = browser.get(path)
                times.append(elapsed)
                trivial.append(browser.get(TRIVIAL)[2])
            rows.append((path, status, times, trivial))
            print(f"  {path} {status} p95 {pct(times, 95):.1f} ms", file=sys.stderr, flush=True)
    finally:
        server.terminate()
        server.wait()

    counts = queries_of([path for path, *_ in rows if path not in slow])
    every_trivial = [t for *_, trivial in rows for t in trivial]
    reference = pct(every_trivial, 95)
    print(
        f"\n{len(rows)} URLs × {args.repeat}, database {connection.settings_dict['NAME']}, "
        f"trivial view {TRIVIAL}: p50 {statistics.median(every_trivial):.1f} ms, p95 {reference:.1f} ms\n"
    )
    if slow:
        print(
            f"Slower than {SLOW / 1000:.0f} s at their first request (timed once; 0: no answer in {TIMEOUT} s):\n"
        )
        for path, (status, elapsed) in sorted(slow.items(), key=lambda item: -item[1][1]):
            print(f"- `{path}` {status}: {elapsed / 1000:.1f} s")
        print()
    print("| URL | status | p50 ms | p95 ms | queries | p95 ÷ trivial p95 | within 10× and 100 ms |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for path, status, times, trivial in sorted(rows, key=lambda row: -pct(row[2], 95)):
        p95 = pct(times, 95)
        ratio = p95 / pct(trivial, 95)
        ok = "yes" if ratio <= 10 and p95 <= 100 else "**no**"
        print(
            f"| `{path}` | {status} | {statistics.median(times):.1f} | {p95:.1f} | {counts.get(path, '')} | "
            f"{ratio:.1f} | {ok} |"
        )


if __name__ == "__main__":
    main()
