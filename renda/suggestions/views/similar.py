"""Near-duplicate suggestions, recommended lead units and the keyword table behind them, for the office."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers

from renda.accounts.http import AuthenticatedHttpRequest
from renda.core.forms import form_page
from renda.core.imports import template_response
from renda.core.rules import rule
from renda.suggestions import services, similarity
from renda.suggestions.forms import (
    HISTORY_IMPORT_EXAMPLE,
    HistoryImportForm,
    HistoryImportRowForm,
    UnitKeywordFilter,
    UnitKeywordForm,
)
from renda.suggestions.views.common import RoleListView, _form_page, _office_suggestion, _posted, _require
from renda.suggestions.workflows import MANAGE


def _page_or_partial(request: AuthenticatedHttpRequest, template: str, context: dict) -> HttpResponse:
    """The full page, or its `results` partial for htmx (the detail and assignment pages load it)."""
    response = render(request, f"{template}#results" if request.htmx else template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


@login_required
def similar(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """相似建议: the most similar suggestions of the same session and the last three years, with their score,
    the differing passages and, while both may still be merged, a button to merge them."""
    suggestion = _office_suggestion(request, pk)
    items = [
        {
            "similar": item,
            "diff": similarity.text_diff(suggestion.content, item.suggestion.content),
            "merge": similarity.merge_target(suggestion, item.suggestion),
        }
        for item in similarity.similar_suggestions(request.user, suggestion)
    ]
    context = {"suggestion": suggestion, "items": items, "threshold": rule("duplicate_threshold_percent")}
    return _page_or_partial(request, "suggestions/similar.html", context)


@login_required
def recommended_units(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """推荐主办单位: the top three lead units with their reasons; the clerk decides."""
    suggestion = _office_suggestion(request, pk)
    context = {"suggestion": suggestion, "recommendations": similarity.recommend_units(suggestion)}
    return _page_or_partial(request, "suggestions/recommended_units.html", context)


class UnitKeywordListView(RoleListView):
    """承办单位关键词: the editable keyword → unit hints of the recommendations."""

    capability = MANAGE
    template_name = "suggestions/keywords.html"
    filterset_class = UnitKeywordFilter
    sort_fields = {"keyword": ["keyword"], "unit": ["unit__name"], "weight": ["weight"]}
    default_sort = "keyword"
    export_filename = "承办单位关键词"
    export_columns = (
        ("关键词", lambda k: k.keyword),
        ("承办单位", lambda k: k.unit.name),
        ("权重", lambda k: k.weight),
        ("在用", lambda k: "是" if k.active else "否"),
    )

    def get_base_queryset(self):
        return similarity.unit_keywords_visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not getattr(self.request, "htmx", False):
            context["taken"] = similarity.proposal_taken_by_year()
        return context


@login_required
def history_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    """导入历史建议: past years' suggestions with their lead units, for the proposals to learn from; all rows
    or none, every bad row named."""
    _require(request.user, MANAGE)
    form = HistoryImportForm(request.POST or None, request.FILES or None)
    return form_page(
        request,
        form,
        save=lambda: services.historical_suggestions_import(
            rows=form.cleaned_data["rows"], source=form.source, actor=request.user
        ),
        success=lambda count: f"已导入{count}件历史建议。",
        next_url="suggestions:history_import",
        template="suggestions/history_import.html",
        context={"years": similarity.historical_counts_by_year()},
    )


@login_required
def history_import_template(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(request.user, MANAGE)
    return template_response("历史建议导入模板", HistoryImportRowForm, HISTORY_IMPORT_EXAMPLE)


@login_required
def unit_keyword_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(request.user, MANAGE)
    return _form_page(
        request,
        UnitKeywordForm(_posted(request)),
        title="新增承办单位关键词",
        call=lambda data: services.unit_keyword_create(actor=request.user, **data),
        success="已新增关键词。",
        next_url=reverse("suggestions:keywords"),
        submit_label="保存",
    )


@login_required
def unit_keyword_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    keyword = similarity.unit_keyword_get_for_user(request.user, pk)
    initial = {field: getattr(keyword, field) for field in ("keyword", "unit", "weight", "active")}
    return _form_page(
        request,
        UnitKeywordForm(_posted(request), initial=initial, unit_id=keyword.unit_id),
        title=f"修改关键词「{keyword.keyword}」",
        call=lambda data: services.unit_keyword_update(
            unit_keyword=keyword, changes=data, actor=request.user
        ),
        success="关键词已保存。",
        next_url=reverse("suggestions:keywords"),
        submit_label="保存",
    )
