"""What the livelihood projects add to the platform (core.registry): capabilities, local rules, menu, to-dos and
the daily job that flags lagging projects and reminds units of their monthly progress reports."""

from typing import Any

from django.db.models import Count, Q

from renda.casework.reminders import assignment_reminders
from renda.core.navigation import NavArea, NavLink
from renda.core.registry import DashboardSection, Platform, TickJob
from renda.core.reminders import Reminder
from renda.core.roles import Role, can
from renda.core.rules import Rule, rule
from renda.core.todos import TodoItem
from renda.livelihood import selectors, services
from renda.livelihood.workflows import FINDINGS, MANAGE, READ, REPORT

CAPABILITIES = {
    MANAGE: "民生实事项目：编制候选项目、组织票决、测评和询问",
    READ: "查阅民生实事项目、候选项目和票决结果",
    REPORT: "民生实事项目：责任单位报送实施计划和进度",
}

RULES = {
    "livelihood_paper_days": Rule("候选项目材料提前送达代表", 7, "自然日", "各地票决办法"),
    "livelihood_adopt_base": Rule(
        "当选所需过半数的基数（1全体代表，2出席代表，3投票代表）", 1, "选项", "各地票决办法"
    ),
    "livelihood_tie_rule": Rule(
        "末位得票相等时（1另行票决，2投资少者优先，3按候选序号）", 1, "选项", "各地票决办法"
    ),
    "livelihood_report_day": Rule("每月报送上月进度的截止日", 5, "日", "各地票决办法"),
    "livelihood_finding_working_days": Rule(
        "视察发现问题由责任单位答复的期限", 15, "工作日", "各地做法（未证）"
    ),
    "livelihood_rating_base": Rule("测评满意的基数（1投票代表，2全体代表）", 1, "选项", "各地票决办法"),
}


def _unit_reports_due(user: Any) -> list[TodoItem]:
    if not can(user, REPORT) or not user.handling_unit_id:
        return []
    return [
        TodoItem(
            f"报送民生实事项目进度：{project.name}", f"/livelihood/projects/{project.pk}/report/", "民生实事"
        )
        for project in selectors.reports_missing(services.previous_month()).filter(
            unit=user.handling_unit_id
        )[:20]
    ]


def _office_lagging(user: Any) -> list[TodoItem]:
    if not can(user, MANAGE):
        return []
    count = selectors.lagging_projects().count()
    if not count:
        return []
    return [TodoItem(f"{count}个民生实事项目进度滞后", "/livelihood/?lagging=true", "民生实事")]


def _office_findings(user: Any) -> list[TodoItem]:
    if not can(user, MANAGE):
        return []
    counts = selectors.findings_awaiting_office().aggregate(
        open=Count("pk", filter=Q(state="open")), answered=Count("pk", filter=Q(state="answered"))
    )
    steps = (("open", "待交责任单位"), ("answered", "已答复待办结"))
    return [
        TodoItem(f"{counts[state]}个视察发现问题{step}", f"/livelihood/findings/?state={state}", "民生实事")
        for state, step in steps
        if counts[state]
    ]


REPORT_MISSING = Reminder(
    name="livelihood_report_missing",
    due=lambda today: (
        selectors.reports_missing(services.previous_month(today))
        if today.day > rule("livelihood_report_day")
        else selectors.reports_missing(services.previous_month(today)).none()
    ),
    recipients=lambda project: list(selectors.unit_users(project.unit_id)),
    title=lambda project: f"请报送民生实事项目上月进度：{project.name}",
    url=lambda project: f"/livelihood/projects/{project.pk}/report/",
    key=lambda project: f"livelihood-report:{project.pk}:{services.previous_month():%Y-%m}",
)

PLATFORM = Platform(
    dashboard=[DashboardSection("livelihood/dashboard_section.html", selectors.year_figures, READ, order=54)],
    todos=[_unit_reports_due, _office_lagging, _office_findings],
    tick_jobs=[TickJob(steps=[services.lagging_mark, REPORT_MISSING, *assignment_reminders(FINDINGS)])],
    case_kinds=[FINDINGS],
    navigation=[
        NavArea(
            "民生实事",
            [
                NavLink("民生实事项目", "livelihood:list", capability=READ),
                NavLink("候选项目与票决", "livelihood:ballots", capability=READ),
                NavLink("项目建议征集", "livelihood:proposals", capability=READ),
                NavLink("视察发现问题", "livelihood:findings", capability=READ),
                NavLink("统计", "livelihood:statistics", capability=READ),
            ],
            order=54,
        )
    ],
    rules=RULES,
    capabilities=CAPABILITIES,
    grants={
        Role.CLERK: [MANAGE, READ],
        Role.MEMBER: [READ],
        Role.DEPUTY: [READ],
        Role.UNIT: [READ, REPORT],
    },
)
