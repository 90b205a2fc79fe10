"""Top-1 and top-3 accuracy of the lead-unit recommendation on real published suggestions (bench/data/).

    .venv/bin/python bench/suggestion_real.py [--split report|tune|all]

Each row of bench/data/real_suggestions.csv is a real suggestion title with the department that led it. The
title alone (no content) is given to similarity.recommend_units as a new suggestion, against the handling
units of this database — the demo county's (manage.py seed_demo), or, in an empty database, the demo
county's unit list created for the run. A hit is a proposed unit of the right department (the lexicon's
name matcher, similarity.department_of; any township government for 乡镇政府) ranked first (top-1) or among
the first three (top-3). Rows whose department has no unit here are counted and left out.

Measured, each in a transaction that is rolled back:
- cold start: no history, no keyword table, no lead shares — what a county sees on its first day; this is
  the lexicon alone;
- with history: the database's suggestions of the last three years, its keyword table and lead shares;
- the previous method (history and keyword table only, no lexicon, no filling up to three);
- the busiest units: the three units that led most suggestions in those years.
Figures are on the `report` part unless --split says otherwise; tune the method on `tune` only.
"""

import argparse
import csv
import os
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from django.db.models import Max  # noqa: E402

from renda.demo import vocab  # noqa: E402
from renda.org.models import HandlingUnit  # noqa: E402
from renda.suggestions import similarity  # noqa: E402
from renda.suggestions.models import Suggestion, UnitKeyword  # noqa: E402

DATA = Path(__file__).resolve().parent / "data" / "real_suggestions.csv"
DEMO_TOWNSHIPS = ["大方镇", "六龙镇", "猫场镇", "黄泥塘镇", "羊场镇", "理化苗族彝族乡"]


class Rollback(Exception):
    pass


def rows(split: str) -> list[dict]:
    with DATA.open(encoding="utf-8") as f:
        return [row for row in csv.DictReader(f) if split == "all" or row["split"] == split]


def demo_units() -> None:
    """The demo county's handling units, for an empty database (the run is rolled back)."""
    names = [(name, HandlingUnit.Kind.GOVERNMENT) for name in vocab.DEPARTMENTS]
    names += [(name, kind) for name, _, kind in vocab.JUDICIAL_UNITS]
    names += [(f"{t}人民政府", HandlingUnit.Kind.TOWNSHIP) for t in DEMO_TOWNSHIPS]
    HandlingUnit.objects.bulk_create(
        HandlingUnit(name=name, short_name=name.removeprefix("县"), kind=kind, order=i)
        for i, (name, kind) in enumerate(names, start=1)
    )


def truth_units() -> dict[str, set[int]]:
    units: dict[str, set[int]] = {}
    for unit in HandlingUnit.objects.filter(active=True):
        units.setdefault(similarity.department_of(unit.name, unit.kind), set()).add(unit.pk)
    return units


def measure(items: list[dict], year: int, truth: dict[str, set[int]], **options) -> tuple[int, int]:
    only_scored = options.pop("only_scored", False)
    top1 = top3 = 0
    for row in items:
        suggestion = Suggestion(title=row["title"], content="", year=year)
        proposed = similarity.recommend_units(suggestion, **options)
        if only_scored:
            proposed = [item for item in proposed if item.score > 0]
        pks = [item.unit.pk for item in proposed]
        right = truth[row["department"]]
        top1 += bool(pks[:1]) and pks[0] in right
        top3 += any(pk in right for pk in pks[:3])
    return top1, top3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=["report", "tune", "all"], default="report")
    args = parser.parse_args()
    results: list[tuple[str, tuple[int, int] | None]] = []
    try:
        with transaction.atomic():
            if not HandlingUnit.objects.exists():
                demo_units()
            truth = truth_units()
            items = [row for row in rows(args.split) if truth.get(row["department"])]
            skipped = Counter(
                row["department"] for row in rows(args.split) if not truth.get(row["department"])
            )
            latest = Suggestion.objects.aggregate(year=Max("year"))["year"]
            year = (latest or 2025) + 1
            window = (year - 3, year - 1)
            has_history = latest is not None
            if has_history:
                shares = similarity._lead_shares(window)
                busiest = sorted(shares, key=lambda pk: -shares[pk])[:3]
                top1 = sum(bool(busiest) and busiest[0] in truth[row["department"]] for row in items)
                top3 = sum(any(pk in truth[row["department"]] for pk in busiest) for row in items)
                results.append(("busiest three units (history)", (top1, top3)))
                results.append(
                    (
                        "previous method: history + keyword table",
                        measure(
                            items, year, truth, years=window, use_lexicon=False, prior=False, only_scored=True
                        ),
                    )
                )
                results.append(("with history (all sources)", measure(items, year, truth, years=window)))
            UnitKeyword.objects.all().delete()
            results.append(
                (
                    "cold start = the lexicon alone (no history, keyword table or shares)",
                    measure(items, year, truth, history=False, prior=False),
                )
            )
            raise Rollback
    except Rollback:
        pass
    n = len(items)
    print(
        f"真实建议 {args.split} 部分：{n} 件（另 {sum(skipped.values())} 件的部门本库无单位：{dict(skipped)}）"
    )
    print(
        f"单位 {sum(len(v) for v in truth.values())} 个；历史：{'有，' + str(window) if has_history else '无'}"
    )
    print("| method | top-1 | top-3 |\n|---|---|---|")
    for label, (top1, top3) in results:
        print(f"| {label} | {top1 / n:.0%} ({top1}) | {top3 / n:.0%} ({top3}) |")


if __name__ == "__main__":
    main()
