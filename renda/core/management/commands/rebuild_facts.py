"""Recompute the kept counts (core.facts) from their rows: after a bulk import or a restore from an older
archive, or to check them (`--check` compares without writing and fails when they differ)."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from renda.core.registry import platforms


class Command(BaseCommand):
    help = "按业务数据重新计算统计数（core.facts）；--check 只比对不写入，不一致时返回非零。"

    def add_arguments(self, parser):
        parser.add_argument("names", nargs="*", help="只重算这些统计（默认全部）")
        parser.add_argument("--check", action="store_true", help="只比对保存的统计数与重新计算的结果")

    def handle(self, *args, names, check, **options):
        tallies = [tally for tally in platforms().tallies if not names or tally.name in names]
        unknown = set(names) - {tally.name for tally in tallies}
        if unknown:
            raise CommandError(f"没有这些统计：{'、'.join(sorted(unknown))}")
        differing = []
        for tally in tallies:
            started = time.monotonic()
            if check:
                kept = tally.snapshot()
                with transaction.atomic():
                    tally.rebuild()
                    rebuilt = tally.snapshot()
                    transaction.set_rollback(True)
                if kept != rebuilt:
                    differing.append(tally.name)
                state = "一致" if kept == rebuilt else "不一致"
                self.stdout.write(
                    f"{tally.name}：{state}（{len(rebuilt):,} 行，{time.monotonic() - started:.1f} 秒）"
                )
            else:
                rows = tally.rebuild()
                self.stdout.write(f"{tally.name}：{rows:,} 行（{time.monotonic() - started:.1f} 秒）")
        if differing:
            raise CommandError(f"统计数与业务数据不一致：{'、'.join(differing)}；请运行 rebuild_facts 重算。")
