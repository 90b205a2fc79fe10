"""The one list-page mechanism: filter, search, sort, paginate, export to Excel, htmx partial.

A list view names a selector (`get_base_queryset`), a django-filter FilterSet (search included as a
`q` filter), the sortable columns and the export columns. The same URL serves the full page and, for
htmx requests, only the template's `results` partial (house rule 8).
"""

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import connections
from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.functional import cached_property
from django.views.generic import ListView

from renda.core.export import Column, export_queryset

EXPORT_LIMIT = 100_000


def wants_partial(request: Any) -> bool:
    """An htmx request for a page's results alone (not a boosted link, which wants the whole page)."""
    return bool(getattr(request, "htmx", False)) and not request.htmx.boosted


class HtmxPartialMixin:
    """Render `<template>#<partial_name>` for htmx requests and vary the cache on HX-Request."""

    partial_name = "results"

    def get_template_names(self) -> list[str]:
        names = super().get_template_names()  # type: ignore[misc]
        request = self.request  # type: ignore[attr-defined]
        if wants_partial(request):
            return [f"{name}#{self.partial_name}" for name in names]
        return names

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        response = super().render_to_response(context, **kwargs)  # type: ignore[misc]
        patch_vary_headers(response, ("HX-Request",))
        return response


class ListPaginator(Paginator):
    """Counts rows only up to `EXACT_UP_TO`: a filtered list of a few thousand shows its exact count, while
    the whole of a province's 75,000 suggestions is not counted on every page — on PostgreSQL the planner's
    estimate is shown instead ("约 75,000 条", `estimated`); SQLite, which has no estimate, counts them all.
    With an estimate, a page past the real last one is shown empty rather than refused."""

    EXACT_UP_TO = 10_000
    _estimated = False

    @property
    def estimated(self) -> bool:
        """Whether `count` is the planner's estimate (reading it counts first)."""
        return bool(self.count) and self._estimated

    @cached_property
    def count(self) -> int:
        rows = self.object_list
        if not isinstance(rows, QuerySet):
            return len(rows)
        # Only the ids, unordered: the list's annotations are not computed for counting.
        counted = rows if rows.query.distinct_fields else rows.order_by().values("pk")
        bounded = counted[: self.EXACT_UP_TO + 1].count()  # SELECT COUNT(*) FROM (SELECT id … LIMIT n)
        if bounded <= self.EXACT_UP_TO:
            return bounded
        connection = connections[rows.db]
        if connection.vendor != "postgresql":
            return rows.count()
        sql, params = rows.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
            plan = cursor.fetchone()[0]
        self._estimated = True
        return max(int(plan[0]["Plan"]["Plan Rows"]), bounded)

    def page(self, number: Any) -> Page:
        """As Paginator.page, except that with an estimate the page is never cut at the (estimated) count."""
        number = self.validate_number(number)
        if not self.estimated:
            return super().page(number)
        bottom = (number - 1) * self.per_page
        return Page(self.object_list[bottom : bottom + self.per_page], number, self)

    def validate_number(self, number: Any) -> int:
        if not self.estimated:
            return super().validate_number(number)
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("页码须为整数。") from None
        if number < 1:
            raise EmptyPage("页码须大于 0。")
        return number


class RendaListView(LoginRequiredMixin, HtmxPartialMixin, ListView):
    filterset_class: Any = None
    filterset: Any = None  # set by get_queryset: a bound FilterSet of filterset_class, if any
    sort_fields: dict[str, Sequence[str]] = {}  # ?sort=key or ?sort=-key → order_by(*fields)
    default_sort = ""
    export_columns: Sequence[Column] = ()
    export_filename = "导出"
    paginate_by = settings.RENDA_PAGE_SIZE
    paginator_class = ListPaginator

    def get_base_queryset(self) -> QuerySet:
        """The selector giving what the requesting user may see."""
        raise NotImplementedError

    def get_queryset(self) -> QuerySet:
        queryset = self.get_base_queryset()
        self.filterset = None
        if self.filterset_class is not None:
            self.filterset = self.filterset_class(
                self.request.GET or None, queryset=queryset, request=self.request
            )
            queryset = self.filterset.qs if self.filterset.is_bound else queryset
        return self.sort(queryset)

    def current_sort(self) -> str:
        requested = self.request.GET.get("sort", "")
        return requested if requested.lstrip("-") in self.sort_fields else self.default_sort

    def sort(self, queryset: QuerySet) -> QuerySet:
        key = self.current_sort()
        if not key:
            return queryset
        fields = self.sort_fields[key.lstrip("-")]
        if key.startswith("-"):
            fields = [f[1:] if f.startswith("-") else f"-{f}" for f in fields]
        return queryset.order_by(*fields, "pk" if not key.startswith("-") else "-pk")

    def get_export_columns(self) -> Sequence[Column]:
        """The columns of ?export=xlsx; override where they depend on the request."""
        return self.export_columns

    def get(self, request, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.GET.get("export") == "xlsx" and (columns := self.get_export_columns()):
            queryset = self.get_queryset()[:EXPORT_LIMIT]
            return export_queryset(self.export_filename, columns, queryset)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context["sort"] = self.current_sort()
        context["total"] = (
            context["paginator"].count if context.get("paginator") else len(context["object_list"])
        )
        return context
