"""ECharts options of the statistics pages and the dashboard, built on the server from the figures of
statistics.py; templates put each option in a JSON script tag and core/charts.js draws it (no inline code)."""

from dataclasses import dataclass
from typing import Any

from renda.opinions.selectors import YearBoard
from renda.suggestions.statistics import Dashboard, Rate, Statistics, UnitFigures


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    option: dict
    height: int = 320  # pixels; horizontal bar charts grow with their number of rows


def rows_height(rows: int, series: int = 1) -> int:
    """Enough height for a horizontal bar chart to keep every label readable."""
    return max(320, 80 + rows * (12 + 10 * series))


def percent(rate: Rate) -> float | None:
    return round(rate.numerator * 100 / rate.denominator, 1) if rate.denominator else None


def bar(
    labels: list[str], series: list[tuple[str, list]], *, horizontal: bool = False, line: str = ""
) -> dict:
    """Bars per label, one colour per series (the series named `line` drawn as a line)."""
    category: dict[str, Any] = {
        "type": "category",
        "data": labels,
        "axisLabel": {"interval": 0, "rotate": 0 if horizontal else 30},
    }
    if horizontal:
        category["inverse"] = True  # the first label on top
    value = {"type": "value", "minInterval": 1}
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {"bottom": 0},
        "grid": {"left": 8, "right": 16, "top": 16, "bottom": 40, "containLabel": True},
        "xAxis": value if horizontal else category,
        "yAxis": category if horizontal else value,
        "series": [
            {"name": name, "type": "line" if name == line else "bar", "data": data} for name, data in series
        ],
    }


def pie(name: str, data: list[tuple[str, int]]) -> dict:
    return {
        "tooltip": {"trigger": "item", "formatter": "{b}：{c}件（{d}%）"},
        "legend": {"type": "scroll", "bottom": 0},
        "series": [
            {
                "name": name,
                "type": "pie",
                "radius": ["35%", "62%"],
                "data": [{"name": label, "value": value} for label, value in data if value],
            }
        ],
    }


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


def opinion_charts(board: YearBoard) -> list[Chart]:
    """The citizens' opinions of the year on the dashboard: by state, by channel, and the townships with most."""
    names = [place.name for place in board.townships]
    return [
        Chart("chart-opinion-states", "群众意见办理状态", pie("办理状态", board.by_state)),
        Chart("chart-opinion-channels", "群众意见来源", pie("来源", board.by_channel)),
        Chart(
            "chart-opinion-townships",
            f"收集群众意见最多的{len(names)}个乡镇（街道）" if names else "各乡镇（街道）群众意见",
            bar(
                names,
                [
                    ("收集意见建议", [p.collected for p in board.townships]),
                    ("推动解决", [p.resolved for p in board.townships]),
                ],
                horizontal=True,
            ),
            rows_height(len(names), 2),
        ),
    ]
