"""Query expressions shared by the areas' selectors."""

from django.db.models import Count, IntegerField, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce


def count_of(rows: QuerySet, by: str) -> Coalesce:
    """COUNT of `rows`, already filtered on `by` = an OuterRef to the outer row, as a correlated subquery (0 for
    none). Unlike Count over joins, several of them on one row do not multiply each other's rows."""
    grouped = rows.order_by().values(by).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(grouped, output_field=IntegerField()), Value(0))
