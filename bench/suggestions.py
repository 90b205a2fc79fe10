"""Province-scale benchmark of the suggestions pages and API on PostgreSQL (see bench/README.md).

    .venv/bin/python bench/suggestions.py [--scale province] [--year 2025] [--repeat 50] [--warmup 5]
                                          [--explain] [--profile]

DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/renda_bench, as for bench/run.py; the database is
created when missing, migrated and seeded with `seed_demo --scale <scale>` (province: 100,000 deputies and
300,000 suggestions) unless it already holds a jurisdiction. A database seeded before the suggestions
generator existed holds no suggestions: point DATABASE_URL at a fresh one. With --scale county and a county
database the same requests give the query counts to compare with.

The to-do page and its API are requested as an officer of the unit with the most open assignments (the
account bench-unit is opened for it); the rest as the demo clerk, the API with a token. The statistics,
ranking and dashboard read the year with the most suggestions (or --year); the similar-suggestion lookup is
made for that year's first suggestion with the most indexed terms. Times are server times in milliseconds.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import arguments, header, prepare, report  # noqa: E402  (bench/run.py sets Django up)

# isort: split
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402

from renda.accounts.models import User  # noqa: E402
from renda.accounts.services import user_roles_set  # noqa: E402
from renda.casework.selectors import owing_q  # noqa: E402
from renda.core.roles import Role  # noqa: E402
from renda.org.models import HandlingUnit  # noqa: E402
from renda.suggestions.models import State, Suggestion  # noqa: E402
from renda.suggestions.workflows import CASES  # noqa: E402


def signed_in(user: User) -> tuple[Client, dict]:
    """A client with the user's session, and the headers of an API call with the user's token."""
    client = Client(raise_request_exception=False)
    client.force_login(user)
    token, _ = Token.objects.get_or_create(user=user)
    return client, {"HTTP_AUTHORIZATION": f"Token {token.key}"}


def busiest_unit_officer() -> User:
    """An officer of the unit with the most open assignments (those of its to-do list)."""
    rows = "suggestions_assignments"
    unit = (
        HandlingUnit.objects.annotate(n=Count(rows, filter=owing_q(CASES, prefix=f"{rows}__")))
        .order_by("-n", "pk")
        .first()
    )
    officer, created = User.objects.get_or_create(username="bench-unit", defaults={"full_name": "性能测试"})
    if created or officer.handling_unit_id != unit.pk:
        officer.handling_unit = unit
        officer.save(update_fields=["handling_unit"])
        user_roles_set(user=officer, roles=[Role.UNIT])
    return officer


def cases(year: int) -> list[tuple[str, str, dict, int, Client]]:
    """(label, path, headers, p95 target in ms, client): the issue's targets for the to-do list, the year's
    statistics, the similar-suggestion lookup and the dashboard; lists as the deputies' lists (100 ms), the
    ranking as the statistics (300 ms)."""
    officer, unit_api = signed_in(busiest_unit_officer())
    clerk, clerk_api = signed_in(User.objects.get(username="clerk"))
    htmx = {"HTTP_HX_REQUEST": "true"}
    probe = (
        Suggestion.objects.filter(year=year)
        .exclude(state=State.DRAFT)
        .annotate(n=Count("terms"))
        .order_by("-n", "pk")
        .first()
    )
    return [
        ("unit to-do list", "/suggestions/todo/", {}, 100, officer),
        ("API unit to-do list", "/api/v1/suggestions/assignments/", unit_api, 100, officer),
        ("suggestions list (clerk)", "/suggestions/", {}, 100, clerk),
        ("year statistics", f"/suggestions/stats/?year={year}", {}, 300, clerk),
        ("API year statistics", f"/api/v1/suggestions/statistics/?year={year}", clerk_api, 300, clerk),
        ("unit ranking", f"/suggestions/ranking/?year={year}", {}, 300, clerk),
        ("API unit ranking", f"/api/v1/suggestions/ranking/?year={year}", clerk_api, 300, clerk),
        ("dashboard", f"/suggestions/dashboard/?year={year}", {}, 300, clerk),
        ("API dashboard", f"/api/v1/suggestions/dashboard/?year={year}", clerk_api, 300, clerk),
        ("similar-suggestions panel (htmx)", f"/suggestions/{probe.pk}/similar/", htmx, 200, clerk),
        ("API similar suggestions", f"/api/v1/suggestions/{probe.pk}/similar/", clerk_api, 200, clerk),
        ("suggestion detail", f"/suggestions/{probe.pk}/", {}, 100, clerk),
    ]


def main() -> None:
    parser = arguments(__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=["county", "province"], default="province")
    parser.add_argument("--year", type=int, help="the year read (default: the one with most suggestions)")
    args = parser.parse_args()
    prepare(args.scale)
    filed = Suggestion.objects.exclude(state=State.DRAFT)
    if not filed.exists():
        sys.exit("该数据库没有代表建议（在建议演示数据之前生成）：请把 DATABASE_URL 设为新的数据库。")
    year = args.year or filed.values("year").annotate(n=Count("pk")).order_by("-n", "-year")[0]["year"]
    header(f"{filed.count():,} suggestions, year {year}", args)
    report(cases(year), args)


if __name__ == "__main__":
    main()
