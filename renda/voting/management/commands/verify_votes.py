"""Verify the record chains of votes: each closed vote's digest against its ballots, its result, its hash and
its link to the record before. Exits with status 1 when a chain is broken."""

import sys

from django.core.management.base import BaseCommand

from renda.voting.models import VoteRecord
from renda.voting.services import verify_chain


class Command(BaseCommand):
    help = "核验表决记录链（哈希链）：票据、结果与记录是否一致。"

    def add_arguments(self, parser):
        parser.add_argument("--chain", help="只核验这一记录链，如 meeting:12")

    def handle(self, *args, chain=None, **options):
        chains = [chain] if chain else sorted(set(VoteRecord.objects.values_list("chain_key", flat=True)))
        broken = False
        for key in chains:
            count = VoteRecord.objects.filter(chain_key=key).count()
            problems = verify_chain(key)
            if problems:
                broken = True
                for problem in problems:
                    self.stdout.write(f"✗ {problem}")
            else:
                self.stdout.write(f"✓ {key}：{count}条记录完好")
        if broken:
            sys.exit(1)
