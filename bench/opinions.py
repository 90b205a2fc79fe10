"""Province-scale benchmark of the citizens' opinions pages on PostgreSQL (see bench/README.md).

    .venv/bin/python bench/opinions.py [--opinions 1000000] [--repeat 30] [--warmup 3] [--explain] [--profile]

DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/renda_bench, as for bench/run.py; the database is
created when missing, migrated and seeded with `seed_demo --scale province` (100,000 deputies, 3,000 liaison
stations) unless it already holds a jurisdiction. The province seed generates no opinions: this script adds
--opinions of them in the database itself (generate_series, one INSERT … SELECT per table), once — a database
that already holds that many is measured as it is.

The generated opinions spread over the last four years up to today, over the stations (a skewed draw: a few
busy stations, many quiet ones), their townships and deputies, the four channels (reception days and visits at
a station, online and hotline opinions of a township without one) and the states an opinion of that age is in;
the texts are those of the demo county's topics, each with its category and the term rows the similarity
engine stores for it (opinions_opinionterm, about ten per opinion), and forwarded opinions have their
department's assignment. Events, photos and personal-data logs are not generated: no measured page reads them.

Requests go through Django's test Client in-process (the full middleware stack, no network): the keeper's
list as a keeper of the station with the most opinions (account bench-keeper, opened here), the office's lists
and the hot-topic page as the demo clerk, a deputy's duty record for the deputy with the most opinions in the
year. Each figure stands beside a reference measured in the same run, a request that reads nothing (the
public status page without a code), with the ratio of the two: the machine's load shows in both.
"""

import re
import sys
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import arguments, explain, header, measure, prepare, profile  # noqa: E402  (run.py sets Django up)

# isort: split
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402

from renda.accounts.models import User  # noqa: E402
from renda.accounts.services import user_roles_set  # noqa: E402
from renda.core import clock, facts  # noqa: E402
from renda.core.roles import Role  # noqa: E402
from renda.demo.opinion_topics import TOPICS  # noqa: E402
from renda.opinions.models import Opinion  # noqa: E402
from renda.suggestions.models import SuggestionCategory  # noqa: E402
from renda.suggestions.similarity import term_vector  # noqa: E402

TABLES = ("opinions_opinion", "opinions_opinionterm", "opinions_opinionassignment")
SEED = 0.2024  # PostgreSQL's setseed: the same opinions on every run
PLACES = [  # (township, village): the texts' places, so the terms are as many as a province's
    ("城关镇", "新华村"), ("羊场镇", "红岩村"), ("黄泥塘镇", "龙井社区"), ("六龙镇", "石桥村"),
    ("达溪镇", "团结村"), ("瓢井镇", "新民社区"),
]  # fmt: skip


def _slot(fill: dict[str, str], match: re.Match) -> str:
    return fill.get(match[1], "")


def texts() -> list[tuple[str, str, str, list[str], list[float]]]:
    """(title, content, category path, terms, weights): every title of the demo topics' matters in each of
    PLACES, with two of the matter's facts and one of its wishes."""
    found = []
    for topic in TOPICS:
        for matter in topic.matters:
            for i, title in enumerate(matter.titles):
                for k, (township, village) in enumerate(PLACES):
                    fill = {"t": township, "v": village, "g": "一二三四五六"[k], "n": str(k + 3), "m": "六"}
                    fill |= {"w": "一周内"}
                    facts = [matter.facts[(i + k + j) % len(matter.facts)] for j in range(2)]
                    text = "，".join(facts) + "。" + matter.asks[(i + k) % len(matter.asks)] + "。"
                    title_, content = (re.sub(r"\{(\w)\}", partial(_slot, fill), s) for s in (title, text))
                    vector = term_vector(title_, content)
                    found.append((title_, content, topic.category, list(vector), list(vector.values())))
    return found


def category_of(path: str, categories: dict[str, int]) -> int | None:
    """The suggestions' category a topic names ("城乡建设/交通": 交通, else 城乡建设)."""
    for name in reversed(path.split("/")):
        if name in categories:
            return categories[name]
    return None


GENERATE = """
CREATE TEMP TABLE bench_station AS
SELECT (row_number() OVER (ORDER BY s.id) - 1)::int AS idx, s.id AS station_id, s.township_id,
       coalesce((SELECT array_agg(d.id ORDER BY d.id) FROM deputies_deputy d WHERE d.station_id = s.id),
                '{}') AS deputies
FROM deputies_liaisonstation s WHERE s.active AND s.township_id IS NOT NULL;

CREATE TEMP TABLE bench_gen AS
WITH r AS (
    SELECT g, floor(power(random(), 1.8) * %(stations)s)::int AS s, random() AS rc, random() AS ry,
           random() AS rday, random() AS rs, random() AS rd, random() AS rq, random() AS ru,
           floor(random() * %(texts)s)::int AS t
    FROM generate_series(1, %(n)s) g
), dated AS (
    SELECT r.*,
           %(year)s - CASE WHEN ry < 0.22 THEN 3 WHEN ry < 0.46 THEN 2 WHEN ry < 0.72 THEN 1 ELSE 0 END AS year,
           CASE WHEN rc < 0.42 THEN 'reception' WHEN rc < 0.65 THEN 'visit'
                WHEN rc < 0.85 THEN 'online' ELSE 'hotline' END AS channel
    FROM r
), aged AS (
    SELECT d.*,
           make_date(d.year, 1, 1) + floor(d.rday * CASE WHEN d.year = %(year)s
               THEN %(today)s::date - make_date(d.year, 1, 1) + 1 ELSE 365 END)::int AS received_on
    FROM dated d
)
SELECT a.*, %(today)s::date - a.received_on AS age,
       CASE WHEN %(today)s::date - a.received_on > 60 THEN
                CASE WHEN rs < 0.84 THEN 'closed' WHEN rs < 0.89 THEN 'redirected' WHEN rs < 0.93 THEN 'merged'
                     WHEN rs < 0.97 THEN 'raised' WHEN rs < 0.98 THEN 'escalated' ELSE 'informed' END
            ELSE
                CASE WHEN rs < 0.15 THEN 'received' WHEN rs < 0.50 THEN 'handling' WHEN rs < 0.60 THEN 'answered'
                     WHEN rs < 0.75 THEN 'informed' WHEN rs < 0.95 THEN 'closed' WHEN rs < 0.97 THEN 'rehandling'
                     ELSE 'redirected' END
       END AS state
FROM aged a;

ANALYZE bench_gen;

ANALYZE bench_station;

INSERT INTO opinions_opinion (
    id, created_at, updated_at, version, tracking_code, channel, state, year, received_on, title, content,
    village, citizen_name, citizen_phone, citizen_address, client_hash, is_complex, forward_due, reply_due,
    round, answer, answered_on, informed_on, informed_how, resolved, satisfaction, feedback_on, closed_on,
    category_id, deputy_id, station_id, township_id, phone_tries
)
SELECT %(base)s + g.g, g.received_on::timestamptz, g.received_on::timestamptz, 1,
       'B' || lpad(upper(to_hex(%(base)s + g.g)), 7, '0'), g.channel, g.state, g.year, g.received_on,
       t.title, t.content, '', '', '', '', '', g.rq < 0.2,
       g.received_on + 10,
       CASE WHEN f.forwarded THEN g.received_on + 17 END,
       CASE WHEN g.state IN ('rehandling', 'escalated') THEN 2 ELSE 1 END,
       CASE WHEN g.state = 'closed' AND NOT f.forwarded THEN '当场答复：已向群众解释有关政策。' ELSE '' END,
       CASE WHEN f.forwarded AND g.state NOT IN ('handling', 'rehandling') THEN g.received_on + 12 END,
       CASE WHEN g.state IN ('informed', 'closed', 'escalated') THEN g.received_on + 14 END,
       CASE WHEN g.state IN ('informed', 'closed', 'escalated') THEN 'phone' ELSE '' END,
       CASE WHEN g.state = 'closed' THEN g.ru < 0.9 WHEN g.state = 'escalated' THEN false END,
       CASE WHEN g.state <> 'closed' THEN '' WHEN g.ru < 0.66 THEN 'satisfied'
            WHEN g.ru < 0.86 THEN 'basically_satisfied' WHEN g.ru < 0.9 THEN '' ELSE 'dissatisfied' END,
       CASE WHEN g.state = 'closed' AND f.forwarded THEN g.received_on + 20 END,
       CASE WHEN g.state IN ('closed', 'redirected', 'merged', 'raised')
            THEN g.received_on + CASE WHEN f.forwarded THEN 20 ELSE 1 END END,
       t.category_id,
       CASE WHEN g.channel IN ('reception', 'visit') AND cardinality(s.deputies) > 0
            THEN s.deputies[1 + floor(g.rq * cardinality(s.deputies))::int] END,
       CASE WHEN g.channel IN ('reception', 'visit') OR g.rc < 0.70 THEN s.station_id END,
       s.township_id, 0
FROM bench_gen g
JOIN bench_station s ON s.idx = g.s
JOIN bench_text t ON t.idx = g.t
CROSS JOIN LATERAL (
    SELECT g.state IN ('handling', 'answered', 'informed', 'rehandling', 'escalated')
           OR (g.state = 'closed' AND g.rd < 0.7) AS forwarded
) f;

INSERT INTO opinions_opinionterm (opinion_id, month, station_id, term, weight)
SELECT o.id, date_trunc('month', o.received_on)::date, o.station_id, u.term, u.weight
FROM opinions_opinion o
JOIN bench_gen g ON o.id = %(base)s + g.g
JOIN bench_text t ON t.idx = g.t
CROSS JOIN LATERAL unnest(t.terms, t.weights) AS u(term, weight);

INSERT INTO opinions_opinionassignment (
    created_at, updated_at, role, state, assigned_on, due, reassign_deadline, reassign_reason, opinion,
    answered_late, year, citizen_opinion_id, unit_id
)
SELECT o.received_on::timestamptz, o.received_on::timestamptz, 'lead',
       CASE WHEN o.state IN ('handling', 'rehandling') THEN 'accepted' ELSE 'replied' END,
       o.received_on + 3, o.reply_due, o.received_on + 5, '', '', false, o.year, o.id,
       (SELECT array_agg(id ORDER BY id) FROM org_handlingunit)[1 + floor(random() * %(units)s)::int]
FROM opinions_opinion o
WHERE o.id > %(base)s AND o.reply_due IS NOT NULL;
"""


def generate(n: int) -> None:
    """Add `n` opinions (with their terms and assignments) in the database; a few minutes for 1,000,000."""
    today = clock.today()
    categories = dict(SuggestionCategory.objects.values_list("name", "pk"))
    pool = texts()
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT setseed(%s)", [SEED])
        cursor.execute(
            "CREATE TEMP TABLE bench_text (idx int PRIMARY KEY, title text, content text, category_id bigint,"
            " terms text[], weights float8[]) ON COMMIT DROP"
        )
        cursor.executemany(
            "INSERT INTO bench_text VALUES (%s, %s, %s, %s, %s, %s)",
            [
                (i, title, content, category_of(path, categories), terms, weights)
                for i, (title, content, path, terms, weights) in enumerate(pool)
            ],
        )
        cursor.execute(
            "SELECT count(*) FROM deputies_liaisonstation WHERE active AND township_id IS NOT NULL"
        )
        stations = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM org_handlingunit")
        units = cursor.fetchone()[0]
        cursor.execute("SELECT coalesce(max(id), 0) FROM opinions_opinion")
        base = cursor.fetchone()[0]
        params = {
            "n": n,
            "stations": stations,
            "texts": len(pool),
            "year": today.year,
            "today": today,
            "base": base,
            "units": units,
        }
        # A bulk load: the tables' secondary indexes are built again once at the end, and the foreign keys
        # (all pointing at rows read from their tables here) are not checked row by row.
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s)"
            " AND indexname NOT IN (SELECT conname FROM pg_constraint)",
            [list(TABLES)],
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute("SET LOCAL session_replication_role = replica")
        statements = [*filter(str.strip, GENERATE.split(";\n")), *(definition for _, definition in indexes)]
        for statement in statements:
            step = time.perf_counter()
            cursor.execute(statement, params)
            print(f"  {statement.split('(')[0].strip()[:60]}: {time.perf_counter() - step:.0f} s", flush=True)
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('opinions_opinion', 'id'), (SELECT max(id) FROM opinions_opinion))"
        )
        cursor.execute("DROP TABLE bench_gen, bench_station")
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f"VACUUM ANALYZE {table}")
    step = time.perf_counter()
    facts.rebuild(["opinions"])  # written in bulk: the kept counts from the rows (core.facts)
    print(f"  rebuild_facts opinions: {time.perf_counter() - step:.0f} s", flush=True)
    print(
        f"生成群众意见 {n:,} 条（{len(pool)} 种文本，{stations:,} 个联络站）：{time.perf_counter() - started:.0f} s",
        flush=True,
    )


def busiest_station_keeper(year: int) -> User:
    """A keeper of the station with the most opinions in `year` (account bench-keeper)."""
    station_id = (
        Opinion.objects.filter(year=year, station__isnull=False)
        .values("station")
        .annotate(n=Count("pk"))
        .order_by("-n", "station")[0]["station"]
    )
    keeper, created = User.objects.get_or_create(username="bench-keeper", defaults={"full_name": "性能测试"})
    if created or keeper.station_id != station_id:
        keeper.station_id = station_id
        keeper.save(update_fields=["station"])
        user_roles_set(user=keeper, roles=[Role.KEEPER])
    return keeper


def cases(year: int) -> list[tuple[str, str, dict, int, Client]]:
    """(label, path, headers, p95 target in ms, client): the issue's targets — lists and the duty record
    100 ms, hot topics 300 ms; the dashboard, which now shows the year's opinions, keeps its 300 ms."""
    keeper = Client(raise_request_exception=False)
    keeper.force_login(busiest_station_keeper(year))
    clerk = Client(raise_request_exception=False)
    clerk.force_login(User.objects.get(username="clerk"))
    busy = (
        Opinion.objects.filter(year=year, deputy__isnull=False)
        .values("deputy", "township")
        .annotate(n=Count("pk"))
        .order_by("-n", "deputy")[0]
    )
    return [
        ("keeper's list", "/opinions/", {}, 100, keeper),
        ("keeper's list, state filter", "/opinions/?state=closed&page=2", {}, 100, keeper),
        ("office's list", "/opinions/", {}, 100, clerk),
        (
            "office's list, township + state",
            f"/opinions/?township={busy['township']}&state=handling&year={year}",
            {},
            100,
            clerk,
        ),
        ("office's list, search", "/opinions/?q=%E8%B7%AF%E7%81%AF", {}, 100, clerk),  # 路灯
        ("hot topics", f"/opinions/topics/?year={year}", {}, 300, clerk),
        ("deputy's duty record", f"/duties/deputies/{busy['deputy']}/?year={year}", {}, 100, clerk),
        ("dashboard (suggestions and opinions)", f"/suggestions/dashboard/?year={year}", {}, 300, clerk),
    ]


def report(rows: list[tuple[str, str, dict, int, Client]], args) -> None:
    """Measure the reference, then each page; print each beside the reference with the ratio."""
    anonymous = Client(raise_request_exception=False)
    reference = measure(anonymous, "/opinions/track/", {}, args.repeat, args.warmup)
    ref = reference["p95"]
    print(
        f"reference `/opinions/track/` (no query): p50 {reference['p50']:.1f} ms, p95 {ref:.1f} ms, "
        f"{len(reference['queries'])} queries\n"
    )
    print("| request | URL | p50 ms | p95 ms | max ms | queries | SQL ms | p95 ÷ reference | target p95 | |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
    slow = []
    for label, path, headers, target, client in rows:
        result = measure(client, path, headers, args.repeat, args.warmup)
        if result["status"] != 200:
            print(f"| {label} | `{path}` | — | — | — | — | — | — | {target} | HTTP {result['status']} |")
            continue
        queries = result["queries"]
        sql_ms = sum(float(q["time"]) for q in queries) * 1000
        verdict = "ok" if result["p95"] <= target else "**over**"
        print(
            f"| {label} | `{path}` | {result['p50']:.1f} | {result['p95']:.1f} | {result['max']:.1f} | "
            f"{len(queries)} | {sql_ms:.1f} | {result['p95'] / ref:.0f} | {target} | {verdict} |",
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
    parser = arguments(__doc__.splitlines()[0])
    parser.add_argument(
        "--opinions", type=int, default=1_000_000, help="opinions to hold (default 1,000,000)"
    )
    parser.add_argument(
        "--only",
        default="",
        help="measure only the requests whose label contains one of these comma-separated texts",
    )
    args = parser.parse_args()
    prepare("province")
    missing = args.opinions - Opinion.objects.count()
    if missing > 0:
        generate(missing)
    year = clock.today().year
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM opinions_opinionterm")
        terms = cursor.fetchone()[0]
    header(
        f"{Opinion.objects.count():,} opinions ({Opinion.objects.filter(year=year).count():,} in {year}), "
        f"{terms:,} term rows",
        args,
    )
    wanted = args.only.split(",")
    report([case for case in cases(year) if any(text in case[0] for text in wanted)], args)


if __name__ == "__main__":
    main()
