"""The one list-page mechanism: filter, search, sort, paginate, export to Excel, htmx partial.

A list view names a selector (`get_base_queryset`), a django-filter FilterSet (search included as a
`q` filter), the sortable columns and the export columns. The same URL serves the full page and, for
htmx requests, only the template's `results` partial (house rule 8).
"""

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from django.views.generic import ListView

from renda.core.export import Column, export_queryset

EXPORT_LIMIT = 100_000


class HtmxPartialMixin:
    """Render `<template>#<partial_name>` for htmx requests and vary the cache on HX-Request."""

    partial_name = "results"

    def get_template_names(self) -> list[str]:
        names = super().get_template_names()  # type: ignore[misc]
        request = self.request  # type: ignore[attr-defined]
        if getattr(request, "htmx", False) and not request.htmx.boosted:
            return [f"{name}#{self.partial_name}" for name in names]
        return names

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        response = super().render_to_response(context, **kwargs)  # type: ignore[misc]
        patch_vary_headers(response, ("HX-Request",))
        return response


class RendaListView(LoginRequiredMixin, HtmxPartialMixin, ListView):
    filterset_class: Any = None
    filterset: Any = None  # set by get_queryset: a bound FilterSet of filterset_class, if any
    sort_fields: dict[str, Sequence[str]] = {}  # ?sort=key or ?sort=-key → order_by(*fields)
    default_sort = ""
    export_columns: Sequence[Column] = ()
    export_filename = "导出"
    paginate_by = settings.RENDA_PAGE_SIZE

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
