"""What oversight adds to the platform (core.registry): capabilities, local rules with their presets, menu,
to-dos of the office and of the bodies overseen, the daily reminders of overdue opinions, handling reports and
rectifications, and the dashboard section."""

from typing import Any

from django.db.models import Exists, OuterRef

from renda.casework.models import OPEN_STATES
from renda.casework.reminders import assignment_reminders
from renda.core.navigation import NavArea, NavLink
from renda.core.registry import DashboardSection, Platform, TickJob
from renda.core.reminders import Reminder
from renda.core.roles import Role, can
from renda.core.rules import Rule
from renda.core.todos import TodoItem
from renda.oversight import selectors
from renda.oversight.models import (
    DeliberationOpinionAssignment,
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


def _unassigned() -> Any:
    """Items in handling whose deliberation opinion has no open assignment (sent before opinions were cases of
    renda/casework): the body's to-do and the overdue reminder keep them here; the others are casework's."""
    owing = DeliberationOpinionAssignment.objects.filter(item=OuterRef("pk"), state__in=OPEN_STATES)
    return OversightItem.objects.filter(state__in=[ItemState.OPINIONS_SENT, ItemState.FAILED]).exclude(
        Exists(owing)
    )


def _body_steps(user: Any) -> list[TodoItem]:
    """The body overseen: its rectification lists, and the handling reports of opinions that are not on the units'
    casework to-do (where 审议意见 are, with the suggestions), due on the working-day calendar."""
    if not can(user, RECTIFY) or not user.handling_unit_id:
        return []
    rows = _unassigned().filter(body=user.handling_unit_id).order_by("report_due")[:20]
    items = [
        TodoItem(
            f"落实审议意见并报送办理情况：{item.title}",
            item.get_absolute_url(),
            "监督工作",
            due=item.report_due,
        )
        for item in rows
    ]
    open_rect = Rectification.objects.filter(item__body=user.handling_unit_id, state=RectificationState.OPEN)
    for r in open_rect.select_related("item").order_by("due")[:20]:
        items.append(TodoItem(f"整改：{r.measure[:30]}", r.item.get_absolute_url(), "监督工作", due=r.due))
    return items


OPINIONS_LATE = Reminder(
    name="oversight_opinions_late",
    due=lambda today: OversightItem.objects.filter(state=ItemState.DELIBERATED, opinion_due__lt=today),
    recipients=lambda item: office_users(),
    title=lambda item: f"审议意见已超过交办期限：{item.title}",
    url=lambda item: item.get_absolute_url(),
    key=lambda item: f"oversight-opinion:{item.pk}",
)

REPORT_LATE = Reminder(
    name="oversight_report_late",
    due=lambda today: _unassigned().filter(report_due__lt=today),  # the others: casework's reminders
    recipients=lambda item: list(selectors.unit_users(item.body_id)) + office_users(),
    title=lambda item: f"审议意见研究处理情况报告已超期：{item.title}",
    url=lambda item: item.get_absolute_url(),
    key=lambda item: f"oversight-report:{item.pk}:{item.rounds}",
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
    tick_jobs=[
        TickJob(steps=[OPINIONS_LATE, REPORT_LATE, RECTIFICATION_LATE, *assignment_reminders(OPINIONS)])
    ],
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
