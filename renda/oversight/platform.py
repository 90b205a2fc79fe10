"""What oversight adds to the platform (core.registry): capabilities, local rules with their presets, menu,
to-dos of the office and of the bodies overseen, the daily reminders of overdue opinions, handling reports and
rectifications, and the dashboard section."""

from typing import Any

from renda.casework.reminders import assignment_reminders
from renda.core.navigation import NavArea, NavLink
from renda.core.registry import DashboardSection, Platform, TickJob
from renda.core.reminders import Reminder
from renda.core.roles import Role, can
from renda.core.rules import Rule
from renda.core.todos import TodoItem
from renda.oversight import selectors
from renda.oversight.models import (
    ItemState,
    OversightItem,
    Rectification,
    RectificationState,
)
from renda.oversight.workflows import MANAGE, OPINIONS, READ, RECTIFY, office_users

CAPABILITIES = {
    MANAGE: "监督工作：编制监督计划、交办审议意见、组织满意度测评、跟踪销号、质询案和备案审查",
    READ: "查阅监督工作计划、监督事项、整改清单和测评结果",
    RECTIFY: "被监督单位：报送整改清单、整改情况和研究处理情况报告",
}

RULES = {
    "oversight_opinion_days": Rule("审议意见交办期限", 7, "工作日", "浙江7日、河南10日"),
    "oversight_report_months": Rule("审议意见研究处理情况报告期限", 3, "月", "浙江、上海、河南"),
    "oversight_report_months_budget": Rule("预算、决算和审计审议意见办理报告期限", 3, "月", "河南2个月"),
    "oversight_basic_counts": Rule(
        "满意度测评：基本满意计入通过票（1计入，0只计满意）", 1, "选项", "石泉、山西"
    ),
    "oversight_filing_days": Rule("规范性文件公布后报送备案期限", 30, "自然日", "各地备案审查规定"),
}

PRESETS = {
    "浙江": {"oversight_opinion_days": 7, "oversight_report_months": 3, "oversight_report_months_budget": 3},
    "河南": {"oversight_opinion_days": 10, "oversight_report_months": 3, "oversight_report_months_budget": 2},
    "上海": {"oversight_report_months": 3},
}


def _office_steps(user: Any) -> list[TodoItem]:
    """The office: opinions to send, reports to put to the vote, rectifications to close."""
    if not can(user, MANAGE):
        return []
    items: list[TodoItem] = []
    for item in OversightItem.objects.filter(state=ItemState.DELIBERATED).order_by("opinion_due")[:20]:
        items.append(
            TodoItem(f"交办审议意见：{item.title}", item.get_absolute_url(), "监督工作", due=item.opinion_due)
        )
    for item in OversightItem.objects.filter(state=ItemState.REPORTED).order_by("reported_on")[:20]:
        items.append(TodoItem(f"组织满意度测评：{item.title}", item.get_absolute_url(), "监督工作"))
    done = Rectification.objects.filter(
        state=RectificationState.DONE, item__state=ItemState.FOLLOW_UP
    ).count()
    if done:
        items.append(
            TodoItem(f"{done}项整改事项待跟踪销号", "/oversight/rectifications/?state=done", "监督工作")
        )
    return items


def _body_steps(user: Any) -> list[TodoItem]:
    """The body overseen: its rectification list's open measures, due on their dates. The handling reports it owes
    are casework's (审议意见 on the units' to-do, with the suggestions)."""
    if not can(user, RECTIFY) or not user.handling_unit_id:
        return []
    open_rect = Rectification.objects.filter(item__body=user.handling_unit_id, state=RectificationState.OPEN)
    return [
        TodoItem(f"整改：{r.measure[:30]}", r.item.get_absolute_url(), "监督工作", due=r.due)
        for r in open_rect.select_related("item").order_by("due")[:20]
    ]


OPINIONS_LATE = Reminder(
    name="oversight_opinions_late",
    due=lambda today: OversightItem.objects.filter(state=ItemState.DELIBERATED, opinion_due__lt=today),
    recipients=lambda item: office_users(),
    title=lambda item: f"审议意见已超过交办期限：{item.title}",
    url=lambda item: item.get_absolute_url(),
    key=lambda item: f"oversight-opinion:{item.pk}",
)

RECTIFICATION_LATE = Reminder(
    name="oversight_rectification_late",
    due=lambda today: selectors.overdue_rectifications(today).select_related("item"),
    recipients=lambda r: list(selectors.unit_users(r.item.body_id)),
    title=lambda r: f"整改事项已超过完成时限：{r.measure[:30]}",
    url=lambda r: r.item.get_absolute_url(),
    key=lambda r: f"oversight-rectification:{r.pk}",
)

PLATFORM = Platform(
    dashboard=[DashboardSection("oversight/dashboard_section.html", selectors.year_figures, READ, order=46)],
    todos=[_office_steps, _body_steps],
    tick_jobs=[TickJob(steps=[OPINIONS_LATE, RECTIFICATION_LATE, *assignment_reminders(OPINIONS)])],
    case_kinds=[OPINIONS],
    navigation=[
        NavArea(
            "监督工作",
            [
                NavLink("监督事项", "oversight:items", capability=READ),
                NavLink("监督事项与整改", "oversight:items", capability=RECTIFY),
                NavLink("年度监督计划", "oversight:plans", capability=READ),
                NavLink("整改清单", "oversight:rectifications", capability=READ),
                NavLink("整改清单", "oversight:rectifications", capability=RECTIFY),
                NavLink("监督看板", "oversight:board", capability=READ),
                NavLink("质询案", "oversight:interpellations", capability=READ),
                NavLink("备案审查", "oversight:filings", capability=READ),
            ],
            order=46,
        )
    ],
    rules=RULES,
    presets=PRESETS,
    capabilities=CAPABILITIES,
    grants={
        Role.CLERK: [MANAGE, READ],
        Role.MEMBER: [READ],
        Role.DEPUTY: [READ],
        Role.UNIT: [RECTIFY],
    },
)
