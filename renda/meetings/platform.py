"""What meetings add to the platform (core.registry): capabilities, local rules for papers, to-dos, the daily
warning when the standing committee has not met for two months, navigation."""

import datetime

from renda.core import clock
from renda.core.formats import cn_date
from renda.core.navigation import NavArea, NavLink
from renda.core.registry import DashboardSection, Platform, TickJob
from renda.core.reminders import Reminder
from renda.core.roles import Role, can, holders
from renda.core.rules import Rule
from renda.core.todos import TodoItem
from renda.meetings import selectors
from renda.meetings.models import Attendance, AttendanceStatus, MeetingState
from renda.meetings.workflows import ATTEND, MANAGE, READ

CAPABILITIES = {
    MANAGE: "管理会议：登记会议、安排议程、上传材料、签到请假、列席、决议决定、会议纪要",
    READ: "查阅全部会议、材料、出席情况和决议决定",
    ATTEND: "参加本人所在机构的会议：本人签到、请假、阅读材料",
}

RULES = {
    "meeting_paper_days_work_report": Rule(
        "其他会议审议工作报告材料提前送达天数", 7, "自然日", "参照监督法第十五条（发组成人员7日）"
    ),
    "meeting_paper_days_resolution": Rule("决议决定草案提前送达天数", 7, "自然日", "各地做法"),
    "meeting_paper_days_appointment": Rule("人事任免材料提前送达天数", 7, "自然日", "各地做法：7至10日"),
    "meeting_paper_days_regulation": Rule("法规草案提前送达天数", 7, "自然日", "各地做法"),
    "meeting_paper_days_inquiry": Rule("专题询问材料提前送达天数", 7, "自然日", "各地做法"),
    "meeting_paper_days_other": Rule("其他议题材料提前送达天数", 3, "自然日", "平台设置"),
}
PRESETS = {"重庆": {"meeting_paper_days_appointment": 10}}


def office_users() -> list:
    return list(holders(MANAGE).filter(groups__name=Role.CLERK))


def office_steps(user) -> list[TodoItem]:
    """The office: papers still missing, leave requests to approve, the standing committee's two-month gap."""
    if not can(user, MANAGE):
        return []
    items = [
        TodoItem(
            f"材料未送达：{paper.item.meeting.title} · {paper.item.title}（{paper.get_stage_display()}）",
            paper.item.meeting.get_absolute_url(),
            "会议",
            due=paper.due_date,
        )
        for paper in selectors.papers_missing()[:20]
    ]
    leaves = Attendance.objects.filter(
        status=AttendanceStatus.LEAVE_REQUESTED,
        meeting__state__in=[MeetingState.PLANNED, MeetingState.CONVENED],
    ).select_related(
        "meeting", "deputy", "meeting__term", "meeting__office", "meeting__congress_session__term"
    )
    items += [
        TodoItem(
            f"请假待批准：{a.deputy.name} · {a.meeting.title}",
            a.meeting.get_absolute_url(),
            "会议",
            due=a.meeting.date,
        )
        for a in leaves[:20]
    ]
    gap = selectors.standing_committee_gap(clock.today())
    if gap is not None:
        items.append(TodoItem("常委会已超过两个月未举行会议", "/meetings/", "会议", due=gap[1]))
    return items


def member_steps(user) -> list[TodoItem]:
    """A member: upcoming meetings and the papers not read yet."""
    if not can(user, ATTEND) or getattr(user, "deputy_id", None) is None:
        return []
    today = clock.today()
    upcoming = selectors.meetings_visible_to(user).filter(state=MeetingState.PLANNED, date__gte=today)
    items = [
        TodoItem(f"参加会议：{m.title}", m.get_absolute_url(), "会议", due=m.date)
        for m in upcoming.order_by("date")[:10]
        if selectors.is_member(m, user.deputy_id)
    ]
    items += [
        TodoItem(
            f"阅读材料：{p.item.title}", p.item.meeting.get_absolute_url(), "会议", due=p.item.meeting.date
        )
        for p in selectors.papers_to_read(user)[:10]
    ]
    return items


def _gap(today: datetime.date) -> list:
    gap = selectors.standing_committee_gap(today)
    return [gap] if gap else []


# 【国】 地方组织法: the standing committee meets at least once every two months.
STANDING_COMMITTEE_GAP = Reminder(
    name="standing_committee_gap",
    due=_gap,
    recipients=lambda gap: office_users(),
    title=lambda gap: "常委会已超过两个月未举行会议",
    body=lambda gap: f"依照地方组织法，常委会每两个月至少举行一次会议；本应于{cn_date(gap[1])}前举行。",
    url=lambda gap: "/meetings/",
    key=lambda gap: f"standing-committee-gap:{gap[0].pk}:{gap[1].isoformat()}",
)

PLATFORM = Platform(
    dashboard=[DashboardSection("meetings/dashboard_section.html", selectors.year_figures, READ, order=48)],
    todos=[office_steps, member_steps],
    tick_jobs=[TickJob(steps=[STANDING_COMMITTEE_GAP])],
    navigation=[
        NavArea(
            "会议",
            [
                NavLink("全部会议", "meetings:list", capability=MANAGE),
                NavLink("我的会议", "meetings:mine", capability=ATTEND),
                NavLink("登记会议", "meetings:create", capability=MANAGE),
                NavLink("会议统计", "meetings:statistics", capability=READ),
                NavLink("决议决定", "public_resolutions"),
            ],
            order=48,
        )
    ],
    rules=RULES,
    presets=PRESETS,
    capabilities=CAPABILITIES,
    grants={
        Role.CLERK: [MANAGE, READ],
        Role.MEMBER: [READ, ATTEND],
        Role.DEPUTY: [ATTEND],
    },
)
