"""ECharts options built on the server from figures the database computed; templates put each option in a JSON
script tag (core/_charts.html) and core/charts.js draws it (no inline code). Any area's charts use these."""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    option: dict
    height: int = 320  # pixels; horizontal bar charts grow with their number of rows


def rows_height(rows: int, series: int = 1) -> int:
    """Enough height for a horizontal bar chart to keep every label readable."""
    return max(320, 80 + rows * (12 + 10 * series))


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


def pie(name: str, data: list[tuple[str, int]], unit: str = "件") -> dict:
    return {
        "tooltip": {"trigger": "item", "formatter": f"{{b}}：{{c}}{unit}（{{d}}%）"},
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
