"""What the budget supervision adds to the platform (core.registry): capabilities, the alert thresholds and
switches as local rules, menu, to-dos, the daily job (alerts as of today, the publication reminder), the
inquiries as a kind of case and the dashboard section."""

from typing import Any

from renda.budget import selectors, services
from renda.budget.models import AlertState
from renda.budget.store import store_exists
from renda.budget.workflows import CASES, HANDLE, MANAGE, READ
from renda.core.navigation import NavArea, NavLink
from renda.core.registry import DashboardSection, Platform, TickJob
from renda.core.reminders import Reminder
from renda.core.roles import Role, can
from renda.core.rules import Rule
from renda.core.todos import TodoItem

CAPABILITIES = {
    MANAGE: "预算联网监督：导入财政数据、核查预警、发出函询、登记预算日程",
    READ: "查阅预算执行、预警和预算日程",
    HANDLE: "答复预算预警函询",
}

SOURCE = "各地预算联网监督预警规则（实践）"
RULES = {
    "budget_year_end_on": Rule("启用：年底突击花钱（1启用，0停用）", 1, "开关", SOURCE),
    "budget_year_end_pct": Rule("年底突击花钱：12月支出占全年超过", 50, "%", "广东等地做法"),
    "budget_idle_on": Rule("启用：项目整季度无支出", 1, "开关", SOURCE),
    "budget_over_on": Rule("启用：超指标支付", 1, "开关", SOURCE),
    "budget_no_allocation_on": Rule("启用：无指标支付", 1, "开关", SOURCE),
    "budget_large_on": Rule("启用：大额支付", 1, "开关", SOURCE),
    "budget_large_payment": Rule("大额支付：单笔达到", 5_000_000, "元", SOURCE),
    "budget_individual_on": Rule("启用：向个人大额支付", 1, "开关", SOURCE),
    "budget_individual_payment": Rule("向个人支付：单笔达到", 50_000, "元", SOURCE),
    "budget_split_on": Rule("启用：疑似拆分支付", 1, "开关", SOURCE),
    "budget_split_threshold": Rule("拆分支付：限额（如政府采购限额）", 1_000_000, "元", SOURCE),
    "budget_split_margin_pct": Rule("拆分支付：低于限额不超过", 10, "%", SOURCE),
    "budget_split_window_days": Rule("拆分支付：间隔不超过", 30, "自然日", SOURCE),
    "budget_duplicate_on": Rule("启用：疑似重复支付", 1, "开关", SOURCE),
    "budget_sangong_on": Rule("启用：三公经费超预算或高于上年", 1, "开关", SOURCE),
    "budget_behind_on": Rule("启用：执行进度明显滞后", 1, "开关", SOURCE),
    "budget_behind_pp": Rule("执行进度滞后：低于序时进度超过", 20, "百分点", SOURCE),
    "budget_debt_on": Rule("启用：债务余额超限额", 1, "开关", SOURCE),
    "budget_answer_working_days": Rule("预警函询答复期限", 15, "工作日", SOURCE),
}
PRESETS: dict[str, dict[str, int]] = {}  # no province's values are on record; a deployment sets its own


def _office_alerts(user: Any) -> list[TodoItem]:
    if not can(user, MANAGE):
        return []
    count = selectors.Alert.objects.filter(state=AlertState.NEW).count()
    if not count:
        return []
    return [TodoItem(f"{count}条预算预警待核查", "/budget/alerts/?state=new", "预算监督")]


def _office_answered(user: Any) -> list[TodoItem]:
    if not can(user, MANAGE):
        return []
    count = selectors.Alert.objects.filter(state=AlertState.ANSWERED).count()
    if not count:
        return []
    return [TodoItem(f"{count}条预警函询已答复，待办结", "/budget/alerts/?state=answered", "预算监督")]


def _alerts_today(*, today: Any) -> dict[str, int]:
    counts = {"raised": 0, "seen": 0, "gone": 0}
    if not store_exists():  # nothing imported yet
        return {"budget_alerts_raised": 0}
    years = [y for y in selectors.store_years() if y in (today.year, today.year - 1)]
    for year in years:
        for key, value in services.alerts_refresh(year=year, as_of=today).items():
            counts[key] += value
    return {"budget_alerts_raised": counts["raised"]}


PUBLICATION_LATE = Reminder(
    name="budget_publication_late",
    due=services.publication_due,
    recipients=lambda milestone: services.CASES.office_users(),
    title=lambda milestone: f"{milestone.year}年预算批准已超过20日，尚未登记公开（预算法第十四条）",
    url=lambda milestone: "/budget/calendar/",
    key=lambda milestone: f"budget-publication:{milestone.year}",
)

PLATFORM = Platform(
    dashboard=[DashboardSection("budget/dashboard_section.html", selectors.year_figures, READ, order=58)],
    todos=[_office_alerts, _office_answered],
    tick_jobs=[TickJob(steps=[_alerts_today, PUBLICATION_LATE])],
    navigation=[
        NavArea(
            "预算监督",
            [
                NavLink("预算执行", "budget:execution", capability=READ),
                NavLink("收入执行", "budget:revenue", capability=READ),
                NavLink("政府债务", "budget:debt", capability=READ),
                NavLink("预警", "budget:alerts", capability=READ),
                NavLink("数据导入", "budget:imports", capability=READ),
                NavLink("预算日程", "budget:calendar", capability=READ),
            ],
            order=58,
        )
    ],
    rules=RULES,
    presets=PRESETS,
    capabilities=CAPABILITIES,
    grants={Role.CLERK: [MANAGE, READ], Role.MEMBER: [READ], Role.UNIT: [HANDLE]},
    case_kinds=[CASES],
)
