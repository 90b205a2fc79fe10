"""What the legislative outreach adds to the platform (core.registry): capabilities, menu, to-dos, the daily
job closing consultations whose window has passed and reminding the office of the deadlines ahead (reminders.py),
the rule saying how far ahead, and the dashboard section."""

from typing import Any

from renda.core.navigation import NavArea, NavLink
from renda.core.registry import DashboardSection, Platform, TickJob
from renda.core.roles import Role, can
from renda.core.rules import Rule
from renda.core.todos import TodoItem
from renda.legislation import selectors, services
from renda.legislation.models import Draft, DraftState
from renda.legislation.reminders import REMINDERS
from renda.legislation.workflows import COMMENT, KEEP, MANAGE, READ

CAPABILITIES = {
    MANAGE: "基层立法联系点：登记草案、组织征求意见、整理报送和反馈采纳情况",
    READ: "查阅法规草案征求意见和采纳情况",
    COMMENT: "对法规草案提出意见（代表本人、联络站登记）",
    KEEP: "联络站登记立法座谈会和联系点工作",
}


def _office_to_report(user: Any) -> list[TodoItem]:
    if not can(user, MANAGE):
        return []
    return [
        TodoItem(f"整理报送立法意见：{d.title}", f"/legislation/{d.pk}/", "立法联系点", due=d.report_due)
        for d in Draft.objects.filter(state=DraftState.SORTING).order_by("report_due")[:20]
    ]


def _open_for_comment(user: Any) -> list[TodoItem]:
    if can(user, MANAGE) or not can(user, COMMENT):
        return []
    drafts = Draft.objects.filter(state=DraftState.CONSULTING)
    if getattr(user, "station_id", None):
        drafts = drafts.filter(stations=user.station_id)
    elif getattr(user, "deputy_id", None):
        drafts = drafts.filter(deputies=user.deputy_id)
    else:
        return []
    return [
        TodoItem(
            f"对法规草案提出意见：{d.title}",
            f"/legislation/{d.pk}/",
            "立法联系点",
            due=d.internal_due or d.closes_on,
        )
        for d in drafts.distinct()[:20]
    ]


PLATFORM = Platform(
    dashboard=[
        DashboardSection("legislation/dashboard_section.html", selectors.year_figures, READ, order=56)
    ],
    todos=[_office_to_report, _open_for_comment],
    tick_jobs=[TickJob(steps=[services.consultations_expire, *REMINDERS])],
    rules={
        "legislation_remind_days": Rule(
            "征求意见内部截止、公开征求意见结束前提醒（工作日）", 3, "工作日", "平台设置（未证）"
        )
    },
    navigation=[
        NavArea(
            "立法联系点",
            [
                NavLink("法规草案征求意见", "legislation:list", capability=READ),
                NavLink("立法意见", "legislation:comments", capability=READ),
                NavLink("联系点工作", "legislation:work", capability=READ),
                NavLink("信息员和专家", "legislation:liaisons", capability=READ),
                NavLink("统计", "legislation:statistics", capability=READ),
            ],
            order=56,
        )
    ],
    capabilities=CAPABILITIES,
    grants={
        Role.CLERK: [MANAGE, READ],
        Role.MEMBER: [READ],
        Role.DEPUTY: [READ, COMMENT],
        Role.KEEPER: [READ, COMMENT, KEEP],
    },
)
