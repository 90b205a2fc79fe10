"""Top-1 and top-3 accuracy of the lead-unit recommendation on this database's own history, with a held-out year.

    .venv/bin/python bench/suggestion_accuracy.py [--year 2025] [--sample 2000] [--seed 1]

The held-out year (by default the latest year with lead assignments) plays the part of new suggestions: each of
its suggestions with a lead unit (主办) gets recommendations learned only from the three years before it — the
lead units of similar past suggestions — plus the keyword table as it stands. A hit is the unit that actually led
it ranked first (top-1) or among the first three (top-3); measured again without the keyword table (switched
off in a transaction that is rolled back). For comparison, the baseline always proposes the units that led most
suggestions in those three years. The recommendation includes the shipped department lexicon and the units' recent lead
shares (see bench/suggestion_real.py for the real-title figures). Suggestions without indexed terms (loaded without the services)
are indexed first. Works on any database: DATABASE_URL as for manage.py (default the SQLite file under var/).
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from django.db.models import Count, Max  # noqa: E402

from renda.casework.models import AssignmentRole, AssignmentState  # noqa: E402
from renda.suggestions import similarity  # noqa: E402
from renda.suggestions.models import Assignment, Suggestion, UnitKeyword  # noqa: E402


def lead_assignments():
    return Assignment.objects.filter(role=AssignmentRole.LEAD).exclude(state=AssignmentState.WITHDRAWN)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--year", type=int, help="held-out year (default: the latest with lead assignments)")
    parser.add_argument("--sample", type=int, default=2000, help="at most this many suggestions of that year")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    missing = Suggestion.objects.filter(terms__isnull=True)
    if missing.exists():
        started = time.monotonic()
        count = similarity.terms_rebuild(suggestions=missing)
        print(f"索引特征词：{count:,} 件（{time.monotonic() - started:.0f} 秒）")

    year = args.year or lead_assignments().aggregate(year=Max("suggestion__year"))["year"]
    if year is None:
        sys.exit("数据库中没有交办了主办单位的建议：请先生成演示数据（manage.py seed_demo）。")
    history = (year - similarity.WINDOW_YEARS, year - 1)
    leads = dict(lead_assignments().filter(suggestion__year=year).values_list("suggestion_id", "unit_id"))
    if not leads:
        sys.exit(f"{year}年没有交办了主办单位的建议。")
    picked = sorted(random.Random(args.seed).sample(sorted(leads), min(args.sample, len(leads))))
    past = lead_assignments().filter(suggestion__year__range=history)
    busiest = [
        row["unit_id"] for row in past.values("unit_id").annotate(n=Count("pk")).order_by("-n", "unit_id")[:3]
    ]

    suggestions = list(Suggestion.objects.filter(pk__in=picked).only("pk", "year", "title", "content"))
    n = len(suggestions)
    print(
        f"留出年度 {year}（依据 {history[0]}–{history[1]} 年的 {past.count():,} 件主办记录），"
        f"测试 {n:,} 件（共 {len(leads):,} 件）"
    )
    line("推荐（往年相似建议 + 部门词典 + 关键词表 + 主办占比）", *accuracy(suggestions, leads, history))
    with transaction.atomic():  # the same without the keyword table, undone afterwards
        UnitKeyword.objects.update(active=False)
        line("推荐（不用关键词表）", *accuracy(suggestions, leads, history))
        transaction.set_rollback(True)
    line("基线（主办件数最多的单位）", *baseline(suggestions, leads, busiest), seconds=None)


def accuracy(
    suggestions: list, leads: dict[int, int], history: tuple[int, int]
) -> tuple[int, int, int, float]:
    """(top-1 hits, top-3 hits, count, seconds) of the recommendations against the actual lead units."""
    top1 = top3 = 0
    started = time.monotonic()
    for suggestion in suggestions:
        actual = leads[suggestion.pk]
        ranked = [item.unit.pk for item in similarity.recommend_units(suggestion, years=history)]
        top1 += ranked[:1] == [actual]
        top3 += actual in ranked
    return top1, top3, len(suggestions), time.monotonic() - started


def baseline(suggestions: list, leads: dict[int, int], busiest: list[int]) -> tuple[int, int, int]:
    actual = [leads[suggestion.pk] for suggestion in suggestions]
    return sum(busiest[:1] == [a] for a in actual), sum(a in busiest for a in actual), len(actual)


def line(label: str, top1: int, top3: int, n: int, seconds: float | None = 0.0) -> None:
    timing = f"，每件 {seconds * 1000 / n:.1f} ms" if seconds else ""
    print(f"{label}：前1准确率 {top1 / n:.1%}（{top1}/{n}），前3准确率 {top3 / n:.1%}（{top3}/{n}）{timing}")


if __name__ == "__main__":
    main()
