"""Statistics, the unit ranking and the dashboard, for the office and the committee members (with their
Excel exports)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from renda.core.export import sheets_response, xlsx_response
from renda.core.registry import platforms
from renda.core.roles import can
from renda.core.rules import rule
from renda.suggestions import charts, statistics
from renda.suggestions.forms import StatsScopeForm, YearForm
from renda.suggestions.views.common import _require
from renda.suggestions.workflows import READ_ALL

GROUP_HEADERS = [
    "提出", "立案", "交办", "已答复", "按期答复", "超期未答复", "已解决", "解决率", "满意", "基本满意", "不满意",
    "未反馈", "满意率",
]  # fmt: skip


def _group_row(group: statistics.Figures) -> list:
    return [
        group.label, group.submitted, group.registered, group.assigned, group.replied, group.replied_on_time,
        group.overdue, group.resolved, str(group.resolution_rate), group.satisfied, group.basically_satisfied,
        group.dissatisfied, group.no_feedback, str(group.satisfaction_rate),
    ]  # fmt: skip


def _unit_headers(categories) -> list[str]:
    return [
        "承办单位", "主办、分办", "会办、协办", "已答复", "答复率", "按期答复", "按期答复率", "超期未答复",
        *(f"{c.code}类" for c in categories), "已解决", "解决率", "满意", "基本满意", "不满意", "未反馈", "满意率",
    ]  # fmt: skip


def _unit_row(unit: statistics.UnitFigures) -> list:
    return [
        unit.name, unit.assigned, unit.supporting, unit.replied, str(unit.reply_rate), unit.replied_on_time,
        str(unit.on_time_rate), unit.overdue, *(n for _, n in unit.by_category), unit.resolved,
        str(unit.resolution_rate), unit.satisfied, unit.basically_satisfied, unit.dissatisfied, unit.no_feedback,
        str(unit.satisfaction_rate),
    ]  # fmt: skip


def _statistics_sheets(stats: statistics.Statistics) -> list:
    figures, fund = stats.figures, stats.fund
    counts = [
        ("提出", figures.submitted), ("立案", figures.registered), ("不予立案", figures.rejected),
        ("并案", figures.merged), ("交办", figures.assigned), ("已答复", figures.replied),
        ("按期答复", figures.replied_on_time), ("超期未答复", figures.overdue), ("已解决", figures.resolved),
        ("满意", figures.satisfied), ("基本满意", figures.basically_satisfied), ("不满意", figures.dissatisfied),
        ("未反馈", figures.no_feedback),
    ]  # fmt: skip
    rates = [
        ("办理答复率", figures.reply_rate), ("按期答复率", figures.on_time_rate),
        ("解决率", figures.resolution_rate), ("满意率", figures.satisfaction_rate),
    ]  # fmt: skip
    totals = [
        *((label, n, None, None) for label, n in counts),
        *((label, r.numerator, r.denominator, str(r)) for label, r in rates),
        ("专项资金（元）", fund.amount, None, None),
        ("安排到项目（元）", fund.allocated, None, None),
        ("项目（个）", fund.projects, None, None),
        ("惠及群众（人次）", fund.beneficiaries, None, None),
        (stats.sentence, None, None, None),
        (fund.sentence, None, None, None),
    ]
    return [
        ("总体", [stats.scope.label, "件数（分子）", "分母", "比率"], totals),
        ("按分类", ["分类", *GROUP_HEADERS], [_group_row(g) for g in stats.by_category]),
        ("按乡镇", ["乡镇（街道）", *GROUP_HEADERS], [_group_row(g) for g in stats.by_township]),
        (
            "按承办单位",
            _unit_headers(stats.categories),
            [_unit_row(u) for u in [*stats.units, stats.unit_total]],
        ),
    ]


def _satisfaction_hint() -> str:
    satisfied = "满意＋基本满意" if rule("satisfaction_includes_basic") else "满意"
    return f"{satisfied} ÷ 已评价，未反馈不计"


def _scope_form(request: HttpRequest) -> StatsScopeForm:
    _require(request.user, READ_ALL)
    return StatsScopeForm(request.GET or None, initial={"year": timezone.localdate().year})


@login_required
def stats(request: HttpRequest) -> HttpResponse:
    """统计: totals, rates, breakdowns by category, township and unit for a session, a year or a date range."""
    form = _scope_form(request)
    data = statistics.suggestion_statistics(form.scope())
    if request.GET.get("export") == "xlsx":
        return sheets_response(f"代表建议办理统计（{data.scope.label}）", _statistics_sheets(data))
    context = {
        "form": form,
        "stats": data,
        "charts": charts.statistics_charts(data),
        "satisfaction_hint": _satisfaction_hint(),
    }
    return render(request, "suggestions/stats.html", context)


RANKING_HEADERS = [
    "排名",
    "承办单位",
    "得分",
    "主办、分办",
    "答复率",
    "按期答复率",
    "解决率",
    "满意率",
    "超期未答复",
]


@login_required
def ranking(request: HttpRequest) -> HttpResponse:
    """办理质效排名 of the handling units, with its score's weights."""
    form = _scope_form(request)
    scope = form.scope()
    units = statistics.unit_ranking(scope)
    if request.GET.get("export") == "xlsx":
        rows = [
            [u.rank, u.name, float(u.score or 0), u.assigned, str(u.reply_rate), str(u.on_time_rate),
             str(u.resolution_rate), str(u.satisfaction_rate), u.overdue]
            for u in units
        ]  # fmt: skip
        return xlsx_response(f"办理质效排名（{scope.label}）", RANKING_HEADERS, rows)
    weights = [(label, rule(name)) for _, name, label in statistics.SCORE_WEIGHTS]
    context = {
        "form": form,
        "scope": scope,
        "units": units,
        "weights": weights,
        "prior": rule("ranking_prior_cases"),
        "chart": charts.ranking_chart(units),
        "chart_height": charts.rows_height(len(units)),
    }
    return render(request, "suggestions/ranking.html", context)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """驾驶舱: the year at a glance for the office and the chairpersons — the suggestions, then each area's
    section (its platform's `dashboard`) for those who may read that area."""
    _require(request.user, READ_ALL)
    form = YearForm(request.GET or None, initial={"year": timezone.localdate().year})
    board = statistics.dashboard(form.chosen_year())
    context = {"form": form, "board": board, "charts": charts.dashboard_charts(board)}
    context["sections"] = [
        {"template": section.template, "figures": section.figures(board.year)}
        for section in platforms().dashboard
        if can(request.user, section.capability)
    ]
    return render(request, "suggestions/dashboard.html", context)
