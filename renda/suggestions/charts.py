"""ECharts options of the statistics pages and the dashboard, built on the server from the figures of
statistics.py; templates put each option in a JSON script tag and core/charts.js draws it (no inline code)."""

from renda.core.charts import Chart, bar, pie, rows_height
from renda.suggestions.statistics import Dashboard, Rate, Statistics, UnitFigures


def percent(rate: Rate) -> float | None:
    return round(rate.numerator * 100 / rate.denominator, 1) if rate.denominator else None


def _units(units: list[UnitFigures]) -> dict:
    return bar(
        [u.name for u in units],
        [
            ("主办、分办", [u.assigned for u in units]),
            ("已答复", [u.replied for u in units]),
            ("超期未答复", [u.overdue for u in units]),
        ],
        horizontal=True,
    )


CHART_TOWNSHIPS = 30  # more townships than this (a province's 1,000): the chart shows those with most cases


def statistics_charts(stats: Statistics) -> list[Chart]:
    categories, townships = stats.by_category, stats.by_township
    township_title = "按领衔代表所在乡镇（街道）"
    if len(townships) > CHART_TOWNSHIPS:
        townships = sorted(townships, key=lambda g: -g.registered)[:CHART_TOWNSHIPS]
        township_title += f"：立案最多的{CHART_TOWNSHIPS}个"
    return [
        Chart(
            "chart-categories",
            "按分类",
            bar(
                [g.label for g in categories],
                [("立案", [g.registered for g in categories]), ("已解决", [g.resolved for g in categories])],
            ),
        ),
        Chart(
            "chart-townships",
            township_title,
            bar(
                [g.label for g in townships],
                [("立案", [g.registered for g in townships]), ("已答复", [g.replied for g in townships])],
            ),
        ),
        Chart(
            "chart-results",
            "办理结果（各承办单位最终答复）",
            pie("办理结果", [(f"{c.code}类 {c.label}", n) for c, n in stats.unit_total.by_category]),
        ),
        Chart("chart-units", "各承办单位办理情况", _units(stats.units), rows_height(len(stats.units), 3)),
    ]


def ranking_chart(units: list[UnitFigures]) -> dict:
    return bar([u.name for u in units], [("得分", [float(u.score or 0) for u in units])], horizontal=True)


def dashboard_charts(board: Dashboard) -> list[Chart]:
    months = board.months
    return [
        Chart(
            "chart-months",
            "逐月提出与办结",
            bar(
                [f"{month}月" for month, _, _ in months],
                [("提出", [n for _, n, _ in months]), ("办结", [n for _, _, n in months])],
                line="办结",
            ),
        ),
        Chart("chart-categories", "分类", pie("分类", [(g.label, g.registered) for g in board.by_category])),
        Chart(
            "chart-overdue",
            "超期未答复（按承办单位）",
            bar(
                [u.name for u in board.overdue_units],
                [("超期未答复", [u.overdue for u in board.overdue_units])],
            ),
        ),
        Chart(
            "chart-rates",
            "各承办单位答复率、满意率（%）",
            bar(
                [u.name for u in board.units],
                [
                    ("答复率", [percent(u.reply_rate) for u in board.units]),
                    ("按期答复率", [percent(u.on_time_rate) for u in board.units]),
                    ("满意率", [percent(u.satisfaction_rate) for u in board.units]),
                ],
                horizontal=True,
            ),
            rows_height(len(board.units), 3),
        ),
    ]
