"""Pages of the budget supervision: execution with drill-down (county → department → project → payments),
alerts with their evidence and handling, imports, the budget calendar."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_POST

from renda.budget import importing, selectors, services
from renda.budget.analytics import LEVELS, REVENUE_LEVELS
from renda.budget.forms import (
    AdjustmentForm,
    AlertFilter,
    ConclusionForm,
    DismissForm,
    ImportForm,
    InquireForm,
    MappingForm,
    MilestoneForm,
    ReplyForm,
)
from renda.budget.models import Adjustment, AlertAssignment, Dataset
from renda.budget.rules import RULES
from renda.budget.workflows import ALERT_FLOW, CASES, HANDLE, MANAGE, READ
from renda.core import clock
from renda.core.charts import Chart, bar
from renda.core.export import xlsx_response
from renda.core.forms import form_page, post_action
from renda.core.listing import RendaListView, wants_partial
from renda.core.roles import can
from renda.core.templatetags.renda import rate


def _require(user: Any, *capabilities: str) -> None:
    if not any(can(user, c) for c in capabilities):
        raise Http404("没有找到该页面。")


def _year(request: HttpRequest) -> int:
    """The year asked for, or this year (also for a year no budget can have)."""
    try:
        year = int(request.GET.get("year") or clock.today().year)
    except ValueError:
        return clock.today().year
    return year if 1990 <= year <= 2100 else clock.today().year


def _posted(request: HttpRequest):
    return request.POST if request.method == "POST" else None


def _yuan(fen: int) -> float:
    return round(fen / 100, 2)


# ------------------------------------------------------------------ execution


@login_required
def execution(request: HttpRequest) -> HttpResponse:
    """预算执行: the county by department or function class, a department by project, a project's payments;
    execution rate against time progress (序时进度), month by month; Excel of the table shown."""
    _require(request.user, READ)
    year = _year(request)
    dept = request.GET.get("dept", "")[:30]
    project = request.GET.get("project", "")[:40]
    by = "project" if dept else request.GET.get("by", "dept")
    if by not in LEVELS:
        by = "dept"
    today = clock.today()
    as_of = today if today.year == year else None
    elapsed, days = selectors.time_progress(year, today)
    if project:
        rows, total = selectors.payments(year, dept=dept, project=project)
        if request.GET.get("export") == "xlsx":
            rows, total = selectors.payments(year, dept=dept, project=project, limit=100_000)
            return xlsx_response(
                f"{year}年{project}支付明细",
                ["支付凭证号", "支付日期", "收款人", "收款人类型", "经济分类", "金额（元）"],
                ([r["pay_id"], r["pay_date"], r["payee"], r["payee_kind"], r["econ_code"], _yuan(r["amount"])] for r in rows),
            )  # fmt: skip
        return render(
            request, "budget/payments.html",
            {"year": year, "dept": dept, "project": project, "rows": rows, "total": total},
        )  # fmt: skip
    rows = selectors.execution_rows(year, by, dept=dept)
    totals = selectors.totals(year)
    for row in rows:
        row["behind"] = row["allocated"] > 0 and row["spent"] * days < row["allocated"] * elapsed * 0.8
    if request.GET.get("export") == "xlsx":
        headers = [
            LEVELS[by] + "代码",
            "名称",
            "年初预算（元）",
            "调整（元）",
            "指标合计（元）",
            "支出（元）",
            "执行率",
        ]
        headers += [f"{m}月（元）" for m in range(1, 13)]
        return xlsx_response(
            f"{year}年预算执行（按{LEVELS[by]}）", headers,
            ([r["code"], r["name"], _yuan(r["initial"]), _yuan(r["adjusted"]), _yuan(r["allocated"]),
              _yuan(r["spent"]), rate(r["spent"], r["allocated"]), *[_yuan(v) for v in r["months"]]] for r in rows),
        )  # fmt: skip
    cumulative, running = [], 0
    for value in totals["months"]:
        running += value
        cumulative.append(round(running * 100 / totals["allocated"], 1) if totals["allocated"] else 0)
    progress = [round(min(m, 12) * 100 / 12, 1) for m in range(1, 13)]
    charts = [
        Chart("budget-monthly", f"{year}年逐月支出（万元）", bar(
            [f"{m}月" for m in range(1, 13)], [("支出", [round(v / 1_000_000, 1) for v in totals["months"]])])),
        Chart("budget-progress", "累计执行率与序时进度（%）", bar(
            [f"{m}月" for m in range(1, 13)], [("累计执行率", cumulative), ("序时进度", progress)], line="序时进度")),
    ]  # fmt: skip
    context = {
        "year": year, "by": by, "levels": LEVELS, "dept": dept, "rows": rows, "totals": totals,
        "elapsed": elapsed, "days": days, "as_of": as_of, "charts": charts,
        "dept_name": rows[0].get("dept_name", "") if dept and rows else "",
        "years": selectors.store_years() or [year], "level_label": LEVELS[by],
    }  # fmt: skip
    return render(request, "budget/execution.html", context)


@login_required
def revenue(request: HttpRequest) -> HttpResponse:
    """收入执行: revenue collected against the year's revenue budget and time progress (序时进度), by revenue
    class or item and month by month; Excel of the table."""
    _require(request.user, READ)
    year = _year(request)
    by = request.GET.get("by", "class")
    by = by if by in REVENUE_LEVELS else "class"
    rows = selectors.revenue_rows(year, by)
    elapsed, days = selectors.time_progress(year, clock.today())
    for row in rows:
        row["behind"] = row["budget"] > 0 and row["actual"] * days < row["budget"] * elapsed * 0.8
    if request.GET.get("export") == "xlsx":
        headers = [
            REVENUE_LEVELS[by][0] + "编码",
            "名称",
            "预算数（元）",
            "已收入（元）",
            "完成率",
            "序时进度",
        ]
        headers += [f"{m}月（元）" for m in range(1, 13)]
        return xlsx_response(
            f"{year}年一般公共预算收入执行（按{REVENUE_LEVELS[by][0]}）", headers,
            ([r["code"], r["name"], _yuan(r["budget"]), _yuan(r["actual"]), rate(r["actual"], r["budget"]),
              rate(elapsed, days), *[_yuan(v) for v in r["months"]]] for r in rows),
        )  # fmt: skip
    budget = sum(r["budget"] for r in rows)
    actual = sum(r["actual"] for r in rows)
    monthly = [sum(r["months"][m] for r in rows) for m in range(12)]
    cumulative, running = [], 0
    for value in monthly:
        running += value
        cumulative.append(round(running * 100 / budget, 1) if budget else 0)
    charts = [
        Chart("revenue-monthly", f"{year}年逐月收入（万元）", bar(
            [f"{m}月" for m in range(1, 13)], [("收入", [round(v / 1_000_000, 1) for v in monthly])])),
        Chart("revenue-progress", "累计完成率与序时进度（%）", bar(
            [f"{m}月" for m in range(1, 13)],
            [("累计完成率", cumulative), ("序时进度", [round(m * 100 / 12, 1) for m in range(1, 13)])],
            line="序时进度")),
    ]  # fmt: skip
    context = {
        "year": year, "by": by, "levels": REVENUE_LEVELS, "rows": rows, "budget": budget, "actual": actual,
        "elapsed": elapsed, "days": days, "charts": charts, "years": selectors.store_years() or [year],
        "level_label": REVENUE_LEVELS[by][0],
    }  # fmt: skip
    return render(request, "budget/revenue.html", context)


@login_required
def debt(request: HttpRequest) -> HttpResponse:
    """政府债务: each kind's limit, balance (against the limit and the year before) and new bonds; the alerts
    债务余额超限额; Excel of the table."""
    _require(request.user, READ)
    year = _year(request)
    rows = selectors.debt_rows(year)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            f"{year}年政府债务",
            ["债务类型", "债务限额（元）", "债务余额（元）", "余额占限额", "上年余额（元）", "新增债券（元）", "超限额"],
            ([r["label"], _yuan(r["limit_amount"]), _yuan(r["balance"]), rate(r["balance"], r["limit_amount"]),
              _yuan(r["last_balance"]) if r["last_balance"] is not None else "", _yuan(r["issued"]),
              "是" if r["over"] else "否"] for r in rows),
        )  # fmt: skip
    alerts = selectors.alerts_visible_to(request.user).filter(rule="debt_over_limit", year=year)
    context = {"year": year, "rows": rows, "alerts": alerts, "years": selectors.store_years() or [year]}
    return render(request, "budget/debt.html", context)


# ------------------------------------------------------------------ alerts


class AlertListView(RendaListView):
    """预警: every hit of every rule, filtered by year, rule, state; searched by department, project, payee."""

    template_name = "budget/alerts.html"
    filterset_class = AlertFilter
    sort_fields = {"found": ["found_on"], "amount": ["amount"], "rule": ["rule"]}
    default_sort = "-found"
    export_filename = "预算预警"
    export_columns = (
        ("年度", lambda a: a.year),
        ("预警规则", lambda a: RULES[a.rule].label if a.rule in RULES else a.rule),
        ("单位", lambda a: a.dept_name or a.dept_code),
        ("项目", lambda a: a.project_code),
        ("收款人/类别", lambda a: a.payee),
        ("金额（元）", lambda a: _yuan(a.amount)),
        ("对比数（元）", lambda a: _yuan(a.base)),
        ("笔数", lambda a: a.count),
        ("状态", lambda a: a.get_state_display()),
        ("发现日期", lambda a: a.found_on),
        ("函询单位", lambda a: a.unit.name if a.unit else ""),
        ("答复期限", lambda a: a.due),
    )

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            _require(request.user, READ, MANAGE, HANDLE)
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return selectors.alerts_visible_to(self.request.user).select_related("unit")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(rules=RULES, **kwargs)


def _alert(request: HttpRequest, pk: int):
    return get_object_or_404(selectors.alerts_visible_to(request.user), pk=pk)


@login_required
def alert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    alert = _alert(request, pk)
    rows = [
        {
            "ref": r.get("pay_id") or r.get("project_code") or r.get("dept_code"),
            "date": r.get("pay_date"),
            "year": r.get("year"),
            "who": r.get("payee") or r.get("category") or r.get("project_name") or "",
            "amount": r.get("amount"),
            "budget": r.get("budget"),
            "actual": r.get("actual"),
        }  # fmt: skip
        for r in selectors.evidence(alert)
    ]
    assignments = list(alert.assignments.select_related("unit").prefetch_related("replies"))
    reply_to = next((a for a in assignments if CASES.flow.may(request.user, a, "reply")), None)
    sign_for = next((a for a in assignments if CASES.flow.may(request.user, a, "sign_for")), None)
    context = {
        "alert": alert, "rule": RULES.get(alert.rule), "rows": rows, "events": alert.events.select_related("actor"),
        "moves": {m.name for m in ALERT_FLOW.moves_for(request.user, alert)}, "assignments": assignments,
        "reply_to": reply_to, "sign_for": sign_for,
    }  # fmt: skip
    return render(request, "budget/alert_detail.html", context)


def _alert_form(request, pk: int, move: str, form_class, title: str, save, success: str) -> HttpResponse:
    alert = _alert(request, pk)
    back = reverse("budget:alert", args=[pk])
    try:
        ALERT_FLOW.refuse(alert, move, actor=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
        return redirect(back)
    form = form_class(_posted(request))
    return form_page(
        request, form, save=lambda: save(alert, form.cleaned_data), success=success, next_url=back,
        template="budget/form.html", context={"title": f"{title}：{alert.title}"},
    )  # fmt: skip


@login_required
def alert_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    return _alert_form(request, pk, "dismiss", DismissForm, "核查排除",
        lambda alert, data: services.alert_dismiss(alert=alert, actor=request.user, **data), "预警已排除。")  # fmt: skip


@login_required
def alert_inquire(request: HttpRequest, pk: int) -> HttpResponse:
    return _alert_form(request, pk, "inquire", InquireForm, "函询",
        lambda alert, data: services.alert_inquire(alert=alert, actor=request.user, **data), "函询已发出。")  # fmt: skip


@login_required
def alert_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _alert_form(request, pk, "close", ConclusionForm, "办结",
        lambda alert, data: services.alert_close(alert=alert, actor=request.user, **data), "预警已办结。")  # fmt: skip


@login_required
def alert_escalate(request: HttpRequest, pk: int) -> HttpResponse:
    return _alert_form(request, pk, "escalate", ConclusionForm, "提请跟踪监督",
        lambda alert, data: services.alert_escalate(alert=alert, actor=request.user, **data), "已提请跟踪监督。")  # fmt: skip


@login_required
@require_POST
def alert_sign_for(request: HttpRequest, pk: int) -> HttpResponse:
    alert = _alert(request, pk)
    assignment = AlertAssignment.objects.filter(
        alert=alert, unit=getattr(request.user, "handling_unit_id", None)
    ).first()
    if assignment is None:
        raise Http404
    return post_action(
        request,
        lambda: services.alert_sign_for(assignment=assignment, actor=request.user),
        "已签收。",
        reverse("budget:alert", args=[pk]),
    )


@login_required
def alert_reply(request: HttpRequest, pk: int) -> HttpResponse:
    alert = _alert(request, pk)
    assignment = AlertAssignment.objects.filter(
        alert=alert, unit=getattr(request.user, "handling_unit_id", None)
    ).first()
    if assignment is None:
        raise Http404
    back = reverse("budget:alert", args=[pk])
    try:
        CASES.flow.refuse(assignment, "reply", actor=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
        return redirect(back)
    form = ReplyForm(_posted(request))
    return form_page(
        request, form, save=lambda: services.alert_reply_send(assignment=assignment, actor=request.user, **form.cleaned_data),
        success="答复已提交。", next_url=back, template="budget/form.html", context={"title": f"答复函询：{alert.title}"},
    )  # fmt: skip


# ------------------------------------------------------------------ imports and the calendar


@login_required
def imports(request: HttpRequest) -> HttpResponse:
    """Import a file: its dataset and year, and which of its columns gives each field (prefilled with the
    dataset's saved mapping, saved again when asked). An htmx request for another dataset gets its mapping
    fields alone."""
    _require(request.user, READ, MANAGE)
    if request.method == "POST" and not can(request.user, MANAGE):
        raise PermissionDenied("只有人大常委会预算工作机构可以导入数据。")
    office = can(request.user, MANAGE)
    dataset = (request.POST if request.method == "POST" else request.GET).get("dataset", "")
    dataset = dataset if dataset in Dataset.values else Dataset.ALLOCATIONS
    form = (
        ImportForm(
            _posted(request), request.FILES or None, dataset=dataset, saved=services.mapping_of(dataset)
        )
        if office
        else None
    )
    if form is not None and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            done = services.data_import_start(
                dataset=dataset, year=data["year"], upload=data["file"], fmt=data["fmt"],
                file_name=data["file"].name, actor=request.user, mapping=data["mapping"],
                save_mapping=data["save_mapping"],
            )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(reverse("budget:import", args=[done.pk]))
    template = (
        "budget/imports.html#mapping"
        if wants_partial(request) and form is not None
        else "budget/imports.html"
    )
    recent = selectors.imports_visible_to(request.user)[:50] if not wants_partial(request) else []
    response = render(request, template, {"form": form, "imports": recent, "dataset": dataset})
    patch_vary_headers(response, ("HX-Request",))
    return response


@login_required
def mappings(request: HttpRequest) -> HttpResponse:
    """导入列对应: each dataset's saved mapping (which of the finance bureau's headers gives each field)."""
    _require(request.user, READ, MANAGE)
    saved = {m.dataset: m for m in selectors.mappings_visible_to(request.user)}
    rows = [
        {
            "dataset": value,
            "label": label,
            "saved": saved.get(value),
            "columns": [
                (zh, saved[value].columns.get(col, "")) for col, zh in importing.fields(value).items()
            ]
            if value in saved
            else [],
        }  # fmt: skip
        for value, label in Dataset.choices
    ]
    return render(request, "budget/mappings.html", {"rows": rows, "is_office": can(request.user, MANAGE)})


@login_required
def mapping_edit(request: HttpRequest) -> HttpResponse:
    """Edit the saved mapping of the dataset `?dataset=` (all fields blank: the mapping is removed)."""
    _require(request.user, MANAGE)
    dataset = request.GET.get("dataset") or Dataset.ALLOCATIONS
    if dataset not in Dataset.values:
        raise Http404("没有找到该数据类别。")
    form = MappingForm(_posted(request), dataset=dataset, saved=services.mapping_of(dataset))
    return form_page(
        request, form,
        save=lambda: services.mapping_save(dataset=dataset, columns=form.cleaned_data["columns"], actor=request.user),
        success=lambda m: "列对应已保存，以后导入时自动使用。" if m else "已清除列对应，以后按标准列名导入。",
        next_url="budget:mappings", template="budget/form.html",
        context={"title": f"{Dataset(dataset).label}：导入列对应"},
    )  # fmt: skip


@login_required
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An import: its result and every bad row named; while it runs, its progress (rows checked and written),
    which the page polls (htmx, the `progress` partial) until the import ends and the page reloads."""
    done = get_object_or_404(selectors.imports_visible_to(request.user), pk=pk)
    if wants_partial(request):
        if done.result != done.Result.RUNNING:
            response = HttpResponse(status=204)
            response["HX-Refresh"] = "true"
        else:
            response = render(request, "budget/import_detail.html#progress", {"done": done})
        patch_vary_headers(response, ("HX-Request",))
        return response
    response = render(
        request, "budget/import_detail.html", {"done": done, "errors": done.errors.splitlines()}
    )
    patch_vary_headers(response, ("HX-Request",))
    return response


@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    _require(request.user, READ, MANAGE)
    context = {
        "milestones": selectors.milestones_visible_to(request.user),
        "adjustments": Adjustment.objects.all(),
        "is_office": can(request.user, MANAGE),
    }
    return render(request, "budget/calendar.html", context)


@login_required
def milestone_record(request: HttpRequest) -> HttpResponse:
    _require(request.user, MANAGE)
    form = MilestoneForm(_posted(request))
    return form_page(
        request, form, save=lambda: services.milestone_record(actor=request.user, **form.cleaned_data),
        success=lambda m: "已登记。" if m.on_time else "已登记。注意：不符合法定期限。",
        next_url="budget:calendar", template="budget/form.html", context={"title": "登记预算日程"},
    )  # fmt: skip


@login_required
def adjustment_record(request: HttpRequest) -> HttpResponse:
    _require(request.user, MANAGE)
    form = AdjustmentForm(_posted(request))

    def save():
        data = dict(form.cleaned_data)
        data["amount"] = int(data["amount"] * 100)
        return services.adjustment_record(actor=request.user, **data)

    return form_page(
        request, form, save=save, success="预算调整已登记。", next_url="budget:calendar",
        template="budget/form.html", context={"title": "登记预算调整"},
    )  # fmt: skip
