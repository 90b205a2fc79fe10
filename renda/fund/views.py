"""Pages of the suggestion fund (代表建议专项资金): the yearly funds, one fund with its projects, and the office's
forms. Each view validates a form, calls one service or selector and renders; funds a user may not read are a
404. The form pages are the suggestions area's (`suggestions/form.html`)."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from renda.accounts.http import AuthenticatedHttpRequest
from renda.core.export import export_queryset
from renda.core.listing import EXPORT_LIMIT, ListPaginator, wants_partial
from renda.core.roles import can
from renda.fund import selectors, services
from renda.fund.forms import FundEditForm, FundFilter, FundForm, FundProjectEditForm, FundProjectForm
from renda.org.models import HandlingUnit
from renda.org.selectors import handling_units_for_picker
from renda.suggestions.forms import YearForm
from renda.suggestions.views.common import RoleListView, _form_page, _posted, _require

READ, MANAGE = "fund.read", "fund.manage"


class FundListView(RoleListView):
    """专项资金: yearly funds with what their projects were given and whom they served."""

    capability = READ
    template_name = "fund/funds.html"
    filterset_class = FundFilter
    sort_fields = {"year": ["year", "name"], "amount": ["amount"], "allocated": ["allocated"]}
    default_sort = "-year"
    export_filename = "代表建议专项资金"
    export_columns = (
        ("年度", lambda f: f.year),
        ("名称", lambda f: f.name),
        ("资金总额（元）", lambda f: f.amount),
        ("安排到项目（元）", lambda f: f.allocated),
        ("项目（个）", lambda f: f.project_count),
        ("已完成（个）", lambda f: f.completed_count),
        ("惠及群众（人次）", lambda f: f.beneficiaries),
    )

    def get_base_queryset(self):
        return selectors.funds_for_list(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        year = YearForm(self.request.GET or None).chosen_year()
        return super().get_context_data(
            is_office=can(self.request.user, MANAGE),
            year=year,
            year_fund=selectors.fund_figures(year, year),
            **kwargs,
        )


@login_required
def fund_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A fund's figures and its projects, a page at a time (a city's fund may carry tens of thousands); every
    project in Excel with ?export=xlsx."""
    fund = selectors.fund_get_for_user(request.user, pk)
    projects = selectors.fund_projects(fund)
    if request.GET.get("export") == "xlsx":
        return export_queryset(f"{fund}-项目", PROJECT_COLUMNS, projects[:EXPORT_LIMIT])
    paginator = ListPaginator(projects, PROJECTS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "fund": fund,
        "summary": selectors.fund_summary(fund),
        "projects": page.object_list,
        "page_obj": page,
        "paginator": paginator,
        "is_office": can(request.user, MANAGE),
    }
    template = "fund/fund_detail.html#results" if wants_partial(request) else "fund/fund_detail.html"
    return render(request, template, context)


PROJECTS_PER_PAGE = 50
PROJECT_COLUMNS = (
    ("项目名称", lambda p: p.name),
    ("相关建议", lambda p: "；".join(s.number or s.title for s in p.suggestions.all())),
    ("实施单位", lambda p: p.unit.name if p.unit else ""),
    ("安排资金（元）", lambda p: p.amount),
    ("状态", lambda p: p.get_status_display()),
    ("惠及群众（人次）", lambda p: p.beneficiaries),
    ("完成日期", lambda p: p.completed_on),
)


def _fund_fields(data: dict) -> dict:
    return {name: data[name] for name in services.FUND_FIELDS}


@login_required
def fund_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(request.user, MANAGE)
    return _form_page(
        request,
        FundForm(_posted(request), initial={"year": timezone.localdate().year}),
        title="新增代表建议专项资金",
        call=lambda data: services.fund_create(actor=request.user, **_fund_fields(data)),
        success="已新增专项资金。",
        next_url=lambda fund: reverse("fund:detail", args=[fund.pk]),
        cancel_url=reverse("fund:list"),
        submit_label="保存",
    )


@login_required
def fund_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(request.user, MANAGE)
    fund = selectors.fund_get_for_user(request.user, pk)
    initial = {name: getattr(fund, name) for name in services.FUND_FIELDS} | {"version": fund.version}
    return _form_page(
        request,
        FundEditForm(_posted(request), initial=initial),
        title=f"修改{fund}",
        call=lambda data: services.fund_update(
            fund=fund, expected_version=data["version"], changes=_fund_fields(data), actor=request.user
        ),
        success="专项资金已保存。",
        next_url=reverse("fund:detail", args=[fund.pk]),
        submit_label="保存",
    )


def _project_fields(data: dict) -> dict:
    return {name: data[name] for name in services.FUND_PROJECT_FIELDS}


@login_required
def fund_project_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(request.user, MANAGE)
    fund = selectors.fund_get_for_user(request.user, pk)
    form = FundProjectForm(
        _posted(request),
        candidates=selectors.fund_project_candidates(fund),
        units=handling_units_for_picker(request.user),
    )
    return _form_page(
        request,
        form,
        title=f"新增项目：{fund}",
        call=lambda data: services.fund_project_create(
            fund=fund, actor=request.user, **_project_fields(data)
        ),
        success="已新增项目。",
        next_url=reverse("fund:detail", args=[fund.pk]),
        submit_label="保存",
    )


@login_required
def fund_project_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Progress, completion and beneficiaries of a project, with who changed what."""
    _require(request.user, MANAGE)
    project = selectors.fund_project_get_for_user(request.user, pk)
    initial = {name: getattr(project, name) for name in services.FUND_PROJECT_FIELDS - {"suggestions"}}
    initial |= {"suggestions": list(project.suggestions.all()), "version": project.version}
    form = FundProjectEditForm(
        _posted(request),
        initial=initial,
        candidates=selectors.fund_project_candidates(project.fund),
        units=handling_units_for_picker(request.user) | HandlingUnit.objects.filter(pk=project.unit_id),
    )
    return _form_page(
        request,
        form,
        title=f"修改项目：{project.name}",
        call=lambda data: services.fund_project_update(
            project=project,
            expected_version=data["version"],
            changes=_project_fields(data),
            actor=request.user,
        ),
        success="项目已保存。",
        next_url=reverse("fund:detail", args=[project.fund_id]),
        submit_label="保存",
        template="fund/fund_project_form.html",
        context={"history": selectors.fund_project_history(project)},
    )
