"""The citizens' opinions of the year as charts (renda.core.charts) on the 驾驶舱."""

from renda.core.charts import Chart, bar, pie, rows_height
from renda.opinions.selectors import YearBoard, year_board


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


def dashboard_figures(year: int) -> dict:
    """The 驾驶舱's opinions section: the year's board and its charts."""
    board = year_board(year)
    return {"board": board, "charts": opinion_charts(board)}
