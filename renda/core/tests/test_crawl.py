"""The crawl: as every demo role (and nobody signed in) on the demo county, follow every internal link and fail
on any 5xx.

Starting from the 工作台 (`/`), the crawler reads each HTML page's links (`<a href>`, `hx-get` — requested as
htmx does, with `HX-Request: true` — and the action of GET forms) and follows those on this site, breadth
first, in the order they appear, and redirects too. It is bounded per resolved URL pattern and role, so a list
of 2,000 deputies costs a few requests, not 2,000: at most PER_PATTERN URLs of each pattern, at most PER_SHAPE
of them with the same query parameters (so the plain list, a sorted one, a page, the htmx partial and the Excel
export are each tried). The administrator's pages are the clerk's (both are office staff), so the
administrator tries each pattern once; the Django admin site is left to the authorization matrix, which opens
each of its pages as every role (test_authz_matrix.py). Excel downloads (`?export=xlsx`, the slowest pages: every row
of the list) are fetched as the clerk, who sees every row and every column (phones included); the other roles'
exports run the same code over fewer rows or columns.

Every request runs in its own savepoint, so a crash leaves the database as it was for the next one. The demo is
seeded with a fixed seed and the crawl order is the page order, so a run is reproducible.

A pattern whose pages still fail for a reason being fixed is listed in KNOWN_FAILURES with that reason; the
crawl does not fail on it, and test_known_failure_still_fails fails as soon as it no longer does, so the entry
is removed with the fix.
"""

import collections
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve

from renda.conftest import ROLES

PER_PATTERN = 2  # URLs per resolved URL pattern and role
PER_SHAPE = 2  # of which with the same set of query parameters (and htmx or not)
# The administrator's pages are the clerk's (both are office staff): once each; the admin site once per page.
ADMIN_PER_PATTERN = 1
EXPORT_ROLES = frozenset({"clerk"})
SKIP = frozenset({"accounts:logout", "admin:logout"})  # would end the session being crawled
REDIRECTS = frozenset({301, 302, 303, 307, 308})

# URL pattern → (a role whose crawl reaches it, why its pages answer 5xx). Remove an entry with its fix. E.g.
#   "deputies:station_detail": ("keeper", "station_history zips with strict=True and fails for a station without
#                                          history rows — every demo station (issue 10, item 1)"),
KNOWN_FAILURES: dict[str, tuple[str, str]] = {}


# What a page must not show in its text (the office reads Chinese): Django's empty option, dates written the
# machine's way or with leading zeros (one format everywhere: 2024年3月8日, core.formats.cn_date), a template
# comment that spans lines (Django's {# … #} is one line only: a longer one is printed).
NOT_CHINESE = {
    "a template comment": re.compile(r"\{#|#\}"),
    "Django's empty option": re.compile(r"^-{5,}$"),
    "an ISO date": re.compile(r"(?<![\d-])\d{4}-\d{2}-\d{2}(?![\d-])"),
    "a date with a leading zero": re.compile(r"(?<!\d)0\d月|月0\d日"),
}


class _Links(HTMLParser):
    """The links of a page in document order: (url, requested by htmx); and the page's text as shown, where
    it is written the way NOT_CHINESE forbids."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, bool]] = []
        self.unchinese: list[str] = []
        self._hidden = 0  # inside <script>, <style> or <textarea> (what someone typed is theirs)

    def handle_data(self, data):
        text = data.strip()
        if text and not self._hidden:
            self.unchinese += [
                f"{what}: {text[:60]}" for what, seen in NOT_CHINESE.items() if seen.search(text)
            ]

    def handle_endtag(self, tag):
        if tag in ("script", "style", "textarea"):
            self._hidden = max(0, self._hidden - 1)

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "textarea"):
            self._hidden += 1
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append((attrs["href"], False))
        if attrs.get("hx-get"):
            self.links.append((attrs["hx-get"], True))
        if tag == "form" and (attrs.get("method") or "get").lower() == "get":
            self.links.append((attrs.get("action") or "", False))


@dataclass
class Visit:
    pattern: str
    url: str
    htmx: bool
    source: str  # the page that linked here
    status: int | None = None
    error: str = ""
    unchinese: list[str] = field(default_factory=list)


@dataclass
class Crawl:
    role: str
    visits: list[Visit] = field(default_factory=list)

    @property
    def failures(self) -> list[Visit]:
        return [v for v in self.visits if v.error or (v.status or 0) >= 500]

    def patterns(self) -> set[str]:
        return {v.pattern for v in self.visits}


def _internal(url: str) -> str | None:
    """The site-relative URL (path and query) of an internal link, None for others and static files."""
    parts = urlsplit(url)
    if parts.scheme not in ("", "http", "https") or parts.netloc not in ("", "testserver"):
        return None
    if parts.path.startswith(("/static/", "/media/")):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(client: Client, role: str, start: str = "/") -> Crawl:
    result = Crawl(role)
    seen: set[tuple[str, bool]] = set()
    per_pattern: collections.Counter = collections.Counter()
    per_shape: collections.Counter = collections.Counter()
    queue = collections.deque([(start, False, "")])
    while queue:
        link, htmx, source = queue.popleft()
        url = _internal(link)
        if url is None or (url, htmx) in seen:
            continue
        seen.add((url, htmx))
        parts = urlsplit(url)
        try:
            pattern = resolve(parts.path).view_name
        except Resolver404:
            continue  # a dead link is not a crash; the authorization matrix covers every pattern
        params = tuple(sorted({key for key, _ in parse_qsl(parts.query, keep_blank_values=True)}))
        if pattern in SKIP or ("export" in params and role not in EXPORT_ROLES):
            continue
        if pattern.startswith("admin:"):
            continue  # the authorization matrix opens every page of the admin site
        limit = ADMIN_PER_PATTERN if role == "admin" else PER_PATTERN
        shape = (pattern, htmx, params)
        if per_pattern[pattern] >= limit or per_shape[shape] >= PER_SHAPE:
            continue
        per_pattern[pattern] += 1
        per_shape[shape] += 1
        visit = Visit(pattern, url, htmx, source)
        result.visits.append(visit)
        try:
            with transaction.atomic():
                response = client.get(url, headers={"HX-Request": "true"} if htmx else {})
        except Exception as exc:  # the test client re-raises what a view raised: a 500 in production
            visit.error = f"{type(exc).__name__}: {exc}"[:300]
            continue
        visit.status = response.status_code
        if response.status_code in REDIRECTS:
            queue.append((urljoin(url, response["Location"]), False, url))
        elif response.status_code < 400 and "text/html" in response.get("Content-Type", ""):
            links = _Links()
            links.feed(response.content.decode(response.charset or "utf-8"))
            visit.unchinese = links.unchinese
            for href, hx in links.links:
                href = href.split("#", 1)[0]
                if href.startswith(("javascript:", "mailto:", "tel:")):
                    continue
                queue.append((urljoin(url, href) if href else url, hx, url))
    return result


_crawls: dict[str, Crawl] = {}


def crawl_as(role: str, demo_user) -> Crawl:
    """The crawl of one role, done once per process (the known-failure check reuses it)."""
    if role not in _crawls:
        client = Client()
        user = demo_user(role)
        if user is not None:
            client.force_login(user)
        _crawls[role] = crawl(client, role)
    return _crawls[role]


def _describe(visits: list[Visit]) -> str:
    return "\n".join(
        f"  {v.url}{' (htmx)' if v.htmx else ''} ← {v.source or 'start'}: {v.error or v.status}"
        for v in visits
    )


@pytest.mark.parametrize("role", ROLES)
def test_every_page_reachable_by_links_answers_without_a_server_error(role, demo_user):
    result = crawl_as(role, demo_user)
    assert len(result.visits) > 1, f"{role}: the crawl found no links on the 工作台"
    failures = [v for v in result.failures if v.pattern not in KNOWN_FAILURES]
    assert not failures, f"{role}: {len(failures)} pages answered 5xx:\n{_describe(failures)}"


@pytest.mark.parametrize("role", ROLES)
def test_every_page_speaks_chinese(role, demo_user):
    """No "---------" for an empty choice (请选择 in forms, 全部 in list filters) and every date written
    2024年3月8日 on every page the crawl reaches."""
    found = [f"  {v.url}: {problem}" for v in crawl_as(role, demo_user).visits for problem in v.unchinese]
    assert not found, f"{role}: {len(found)} texts not written as the office writes them:\n" + "\n".join(
        found
    )


def test_the_crawl_reaches_each_role_s_pages(demo_user):
    """A guard on the crawler itself: the office reaches the registries and the suggestions."""
    reached = crawl_as("clerk", demo_user).patterns()
    assert {
        "deputies:deputy_detail",
        "suggestions:detail",
        "org:unit_detail",
        "deputies:station_list",
        "appointments:detail",
        "appointments:post_detail",
        "legislation:draft",
    } <= reached
    assert {"suggestions:review", "org:unit_list"} <= crawl_as("admin", demo_user).patterns()


@pytest.mark.parametrize("pattern", sorted(KNOWN_FAILURES))
def test_known_failure_still_fails(pattern, demo_user):
    """Each KNOWN_FAILURES entry must still fail; once fixed, remove it so the crawl guards the pattern again."""
    role, reason = KNOWN_FAILURES[pattern]
    visits = [v for v in crawl_as(role, demo_user).visits if v.pattern == pattern]
    assert visits, f"the crawl as {role} no longer reaches {pattern}: correct KNOWN_FAILURES"
    assert any(v in crawl_as(role, demo_user).failures for v in visits), (
        f"{pattern} answers without a server error as {role} now ({reason}): remove it from KNOWN_FAILURES"
    )
