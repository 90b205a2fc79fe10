"""Index the term vectors of suggestions (similarity.py): after loading data without the services, or after
changing how terms are chosen."""

from django.core.management.base import BaseCommand

from renda.suggestions import similarity
from renda.suggestions.models import Suggestion


class Command(BaseCommand):
    help = "重建议案建议的特征词索引（相似建议查找和承办单位推荐使用）。"

    def add_arguments(self, parser):
        parser.add_argument("--missing", action="store_true", help="只索引还没有特征词的建议")

    def handle(self, *args, missing: bool, **options):
        suggestions = Suggestion.objects.filter(terms__isnull=True) if missing else Suggestion.objects.all()
        count = similarity.terms_rebuild(suggestions=suggestions)
        self.stdout.write(self.style.SUCCESS(f"已索引 {count:,} 件建议。"))
