"""Similar-suggestion lookup and unit recommendation at province scale on PostgreSQL (docs/adr/0002).

    .venv/bin/python bench/suggestion_lookup.py [--suggestions 300000] [--repeat 100]

DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/renda_similarity_bench; the database is created
when missing, migrated, and — when it holds no suggestion — filled with generated suggestions over six years
(2021–2026), each written from one of the eight topics of bench/suggestion_similarity.py in one of 5,000
places plus eight words of jieba's dictionary, indexed like the services index them, each led by one of 100
units. Eight topics make every topic word common to an eighth of all suggestions: a harder case for the index
than real suggestions. Then:
- recall: 200 pairs of a suggestion and its reworded copy are added (and removed afterwards); a pair counts
  when the lookup of the first lists the second;
- time: the similar-suggestions panel (htmx partial of /suggestions/<pk>/similar/), the API
  /api/v1/suggestions/<pk>/similar/ and /recommended-units/ for `--repeat` suggestions of the latest year,
  through Django's test Client signed in as a clerk (full middleware stack, DEBUG off), p50/p95/max in ms.
"""

import argparse
import os
import random
import secrets
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/renda_similarity_bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
os.environ["ALLOWED_HOSTS"] = "testserver"

from run import ensure_database  # noqa: E402  (bench/run.py: stop unless PostgreSQL, create the database)

ensure_database()

import suggestion_similarity as texts  # noqa: E402  (sets Django up)
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from jieba.analyse import default_tfidf  # noqa: E402

from renda.accounts.models import User  # noqa: E402
from renda.accounts.services import user_roles_set  # noqa: E402
from renda.core.roles import Role  # noqa: E402
from renda.demo.vocab import PLACE_HEADS  # noqa: E402
from renda.deputies.tests.factories import DeputyFactory  # noqa: E402
from renda.org.models import HandlingUnit  # noqa: E402
from renda.suggestions import similarity  # noqa: E402
from renda.suggestions.models import Assignment, AssignmentRole, State, Suggestion, SuggestionTerm  # noqa: E402

YEARS = range(2021, 2027)
BATCH = 5000


def place(rng: random.Random) -> str:
    return rng.choice(PLACE_HEADS) + rng.choice(PLACE_HEADS) + rng.choice("村寨社区组")


def seed(count: int, rng: random.Random) -> None:
    deputy = DeputyFactory()
    units = HandlingUnit.objects.bulk_create([HandlingUnit(name=f"测试承办单位{i:03d}") for i in range(100)])
    words = sorted(w for w in default_tfidf.idf_freq if 2 <= len(w) <= 4)
    tail = rng.sample(words, 30_000)
    places = [place(rng) for _ in range(5000)]
    topics = list(texts.TOPICS)
    started = time.monotonic()
    for start in range(0, count, BATCH):
        batch = []
        for _ in range(min(BATCH, count - start)):
            (title, content), _, _ = texts.original(rng.choice(topics), rng.choice(places), rng)
            batch.append(
                Suggestion(
                    title=title,
                    content=content + "".join(rng.sample(tail, 8)),
                    lead_deputy=deputy,
                    state=State.SUBMITTED,
                    year=rng.choice(YEARS),
                )
            )
        with transaction.atomic():
            made = Suggestion.objects.bulk_create(batch)
            SuggestionTerm.objects.bulk_create(
                [row for s in made for row in similarity._rows(s)], batch_size=20_000
            )
            Assignment.objects.bulk_create(
                [
                    Assignment(
                        suggestion=s,
                        unit=rng.choice(units),
                        role=AssignmentRole.LEAD,
                        assigned_on=f"{s.year}-03-01",
                        due=f"{s.year}-06-01",
                        reassign_deadline=f"{s.year}-03-15",
                    )
                    for s in made
                ]
            )
        print(f"  {start + len(batch):,} 件（{time.monotonic() - started:.0f} 秒）", flush=True)
    similarity.term_stats_refresh()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def recall(clerk: User, rng: random.Random, pairs: int = 200) -> int:
    """Reworded copies found, of `pairs` added in a transaction rolled back afterwards."""
    deputy_id = Suggestion.objects.values_list("lead_deputy_id", flat=True).first()
    found = 0
    with transaction.atomic():
        for _ in range(pairs):
            topic, where = rng.choice(list(texts.TOPICS)), place(rng)
            (title, content), facts, asks = texts.original(topic, where, rng)
            copy_title, copy_content = texts.reworded(topic, where, facts, asks, rng)
            first, copy = Suggestion.objects.bulk_create(
                [
                    Suggestion(
                        title=title,
                        content=content,
                        lead_deputy_id=deputy_id,
                        state=State.SUBMITTED,
                        year=2026,
                    ),
                    Suggestion(
                        title=copy_title,
                        content=copy_content,
                        lead_deputy_id=deputy_id,
                        state=State.SUBMITTED,
                        year=2025,
                    ),
                ]
            )
            SuggestionTerm.objects.bulk_create(similarity._rows(first) + similarity._rows(copy))
            found += copy in [item.suggestion for item in similarity.similar_suggestions(clerk, first)]
        transaction.set_rollback(True)
    return found


def timing(client: Client, path: str, headers: dict, pks: list[int]) -> dict:
    client.get(path.format(pks[0]), headers=headers)
    times = []
    for pk in pks:
        started = time.perf_counter()
        response = client.get(path.format(pk), headers=headers)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    with CaptureQueriesContext(connection) as captured:
        client.get(path.format(pks[-1]), headers=headers)
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    return {"p50": cuts[49], "p95": cuts[94], "max": max(times), "queries": len(captured)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--suggestions", type=int, default=300_000, help="generated when the database has none"
    )
    parser.add_argument("--repeat", type=int, default=100, help="suggestions looked up per request kind")
    args = parser.parse_args()
    rng = random.Random(2024)
    call_command("migrate", verbosity=0)
    if not Suggestion.objects.exists():
        print(f"生成 {args.suggestions:,} 件建议…", flush=True)
        seed(args.suggestions, rng)
    clerk, created = User.objects.get_or_create(username="bench-clerk")
    if created:
        user_roles_set(user=clerk, roles=[Role.CLERK])
    print(
        f"{Suggestion.objects.count():,} 件建议，{SuggestionTerm.objects.count():,} 条特征词；"
        f"改写件找到 {recall(clerk, rng)}/200"
    )
    pks = rng.sample(
        list(Suggestion.objects.filter(year=max(YEARS)).values_list("pk", flat=True)), args.repeat
    )
    client = Client()
    client.force_login(clerk)
    print("| request | p50 ms | p95 ms | max ms | queries |\n|---|---:|---:|---:|---:|")
    for label, path, headers in [
        (
            "相似建议面板 /suggestions/<pk>/similar/ (htmx)",
            "/suggestions/{}/similar/",
            {"HX-Request": "true"},
        ),
        ("API /api/v1/suggestions/<pk>/similar/", "/api/v1/suggestions/{}/similar/", {}),
        ("API /api/v1/suggestions/<pk>/recommended-units/", "/api/v1/suggestions/{}/recommended-units/", {}),
    ]:
        r = timing(client, path, headers, pks)
        print(f"| {label} | {r['p50']:.1f} | {r['p95']:.1f} | {r['max']:.1f} | {r['queries']} |", flush=True)


if __name__ == "__main__":
    main()
