"""Historical suggestions (历史建议): the county's suggestions of the years before the platform, with their lead
units, imported from a spreadsheet so that the lead-unit proposals learn from them (similarity.py)."""

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from renda.accounts.models import User
from renda.suggestions.models import HistoricalSuggestion
from renda.suggestions.similarity import historical_terms_index
from renda.suggestions.workflows import BY_OFFICE


@transaction.atomic
def historical_suggestions_import(
    *, rows: Sequence[tuple[int, dict[str, Any]]], source: str, actor: User
) -> int:
    """Store validated import rows (row number, cleaned data with `year`, `title`, `content`, `unit_name`,
    `unit`), all or none, and index their terms. A row repeating an earlier row or a suggestion already
    imported (same year and title) is an error naming the row. Returns the number stored."""
    BY_OFFICE.require(actor)
    keys = [(data["year"], data["title"]) for _, data in rows]
    existing = set(
        HistoricalSuggestion.objects.filter(title__in={title for _, title in keys}).values_list(
            "year", "title"
        )
    )
    errors: list[str] = []
    first_row: dict[tuple[int, str], int] = {}
    for (number, _), key in zip(rows, keys, strict=True):
        if key in existing:
            errors.append(f"第{number}行「标题」：{key[0]}年的这件建议已导入。")
        elif key in first_row:
            errors.append(f"第{number}行「标题」：与第{first_row[key]}行重复（年度和标题相同）。")
        first_row.setdefault(key, number)
    if errors:
        raise ValidationError(errors)
    created = HistoricalSuggestion.objects.bulk_create(
        [
            HistoricalSuggestion(
                year=data["year"],
                title=data["title"],
                content=data.get("content", ""),
                unit_name=data["unit_name"],
                unit=data["unit"],
                source=source[:200],
            )
            for _, data in rows
        ]
    )
    historical_terms_index(historical=created)
    return len(created)
