"""What appointments add to the platform (core.registry): capabilities, local rules, the office's to-dos, the
daily reminders (the government's two-month window, posts vacant too long), navigation."""

import datetime
from typing import Any

from renda.appointments import selectors
from renda.appointments.models import Appointment, AppointmentState
from renda.appointments.workflows import MANAGE, READ
from renda.core import clock
from renda.core.formats import cn_date
from renda.core.navigation import NavArea, NavLink
from renda.core.registry import DashboardSection, Platform, TickJob
from renda.core.reminders import Reminder
from renda.core.roles import Role, can, holders
from renda.core.rules import Rule
from renda.core.todos import TodoItem
from renda.org.models import Term

CAPABILITIES = {
    MANAGE: "办理人事任免：职务、提请、任前考试、列入议程、表决、任命书、宪法宣誓、公告",
    READ: "查阅任免事项、在任人员和表决前的任免材料",
}

RULES = {
    "appointment_exam_pass_score": Rule("任前法律知识考试合格分数", 60, "分", "各地做法：低于60分为不合格"),
    "appointment_vote_secret": Rule("任免事项无记名表决（1是，0记名）", 1, "", "各地做法：逐人无记名表决"),
    "appointment_rejections_bar": Rule(
        "同一职务本届未获通过几次后不再提请（0为不限）", 2, "次", "重庆：两次未获通过不再提请"
    ),
    "appointment_vacancy_days": Rule("职务空缺提示天数", 90, "自然日", "平台设置（未证）"),
    "appraisal_basic_counts": Rule(
        "述职述法测评：基本满意计入通过票（1是，0只计满意）",
        1,
        "",
        "各地做法：满意和基本满意票超过全体组成人员半数",
    ),
    "appraisal_deputies_rate": Rule(
        "述职述法测评：列席会议的人大代表参加测评（1是，0仅常委会组成人员）",
        1,
        "",
        "各地做法：常委会组成人员和列席会议的人大代表进行满意度测评",
    ),
}
PRESETS = {"重庆": {"appointment_rejections_bar": 2}}

OPEN = [
    AppointmentState.NOMINATED,
    AppointmentState.SCHEDULED,
    AppointmentState.ADOPTED,
    AppointmentState.SWORN,
]


def office_users() -> list:
    return list(holders(MANAGE).filter(groups__name=Role.CLERK))


def office_steps(user) -> list[TodoItem]:
    """The office: the next step of each appointment in hand, the members who lost deputy status, posts
    vacant too long and the government's nomination window."""
    if not can(user, MANAGE):
        return []
    today = clock.today()
    items = []
    for a in Appointment.objects.filter(state__in=OPEN).select_related("person", "post")[:30]:
        step = {
            AppointmentState.NOMINATED: "列入会议议程",
            AppointmentState.SCHEDULED: "送材料、供职发言、审议、表决",
            AppointmentState.ADOPTED: "宣布、颁发任命书、宪法宣誓或公告",
            AppointmentState.SWORN: "公告",
        }[AppointmentState(a.state)]
        items.append(TodoItem(f"{step}：{a.title}", a.get_absolute_url(), "人事任免", due=a.papers_due))
    for seat in selectors.lost_deputy_status_members()[:10]:
        items.append(
            TodoItem(
                f"代表资格已终止，常委会组成人员职务相应终止：{seat.deputy.name}",
                "/appointments/members/",
                "人事任免",
            )
        )
    for post in selectors.vacant_too_long(today, _vacancy_days())[:10]:
        since = cn_date(post.vacant_since)  # type: ignore[attr-defined]
        items.append(TodoItem(f"职务空缺：{post.name}（自{since}）", post.get_absolute_url(), "人事任免"))
    term = Term.objects.filter(is_current=True).first()
    if term and (deadline := selectors.government_nomination_window(term, today)):
        items.append(
            TodoItem(
                "政府组成部门正职尚待提请任命（选举后两个月内）",
                "/appointments/posts/",
                "人事任免",
                due=deadline,
            )
        )
    return items


def _vacancy_days() -> int:
    from renda.core.rules import rule

    return rule("appointment_vacancy_days")


def _vacant(today: datetime.date) -> Any:
    return selectors.vacant_too_long(today, _vacancy_days())


def _window(today: datetime.date) -> list:
    term = Term.objects.filter(is_current=True).first()
    deadline = selectors.government_nomination_window(term, today) if term else None
    return [(term, deadline)] if deadline else []


# 【地】 a post vacant longer than N days is flagged to the office.
POST_VACANT = Reminder(
    name="post_vacant",
    due=_vacant,
    recipients=lambda row: office_users(),
    title=lambda post: f"职务空缺超过{_vacancy_days()}日：{post.name}",
    body=lambda post: f"{post.name}自{cn_date(post.vacant_since)}起空缺。",
    url=lambda post: post.get_absolute_url(),
    key=lambda post: f"post-vacant:{post.pk}:{post.vacant_since.isoformat()}",
)

# 【国】 the new government nominates its department heads within 2 months of its election.
GOVERNMENT_NOMINATION = Reminder(
    name="government_nomination",
    due=_window,
    recipients=lambda row: office_users(),
    title=lambda row: "政府组成部门正职须在选举后两个月内提请任命",
    body=lambda row: f"{row[0]}人民政府应于{cn_date(row[1])}前提请任命政府组成部门正职。",
    url=lambda row: "/appointments/posts/",
    key=lambda row: f"government-nomination:{row[0].pk}",
)

PLATFORM = Platform(
    dashboard=[
        DashboardSection("appointments/dashboard_section.html", selectors.year_figures, READ, order=52)
    ],
    todos=[office_steps],
    tick_jobs=[TickJob(steps=[POST_VACANT, GOVERNMENT_NOMINATION])],
    navigation=[
        NavArea(
            "人事任免",
            [
                NavLink("任免事项", "appointments:list", capability=READ),
                NavLink("提请任免", "appointments:nominate", capability=MANAGE),
                NavLink("在任人员", "appointments:holders", capability=READ),
                NavLink("职务", "appointments:posts", capability=READ),
                NavLink("述职述法评议", "appointments:appraisals", capability=READ),
                NavLink("任免统计", "appointments:statistics", capability=READ),
                NavLink("任免公告", "public_appointments"),
            ],
            order=52,
        )
    ],
    rules=RULES,
    presets=PRESETS,
    capabilities=CAPABILITIES,
    grants={Role.CLERK: [MANAGE, READ], Role.MEMBER: [READ]},
)
