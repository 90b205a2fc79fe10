"""The demo county's special committees (专门委员会) and their meetings, played through the services.

Each special committee gets its members in the registry (org.CommitteeOfficeMembership): its 主任委员 is the
vice-chairperson of the standing committee placed in it, a 副主任委员 from the standing committee's members, and
委员 from the serving county deputies — most of them not on the standing committee (【国】 地方组织法: a special
committee's members are chosen from among the deputies), 6 to 8 in all. Halfway through the term one 委员 of the
first committee leaves and another deputy takes the seat, so the committee's later meetings count the newcomer
and not the one who left.

Each committee meets three times a year (March, June, October) from the term's start to today: two or three agenda
items (a report examined before the standing committee hears it, the year's work plan, an inspection), papers
filed by the office, the members signed in (one now and then on leave, a few absent) — the quorum and attendance
from the registry's seats on the meeting's date — and at about a third of the meetings a named vote (记名表决) on
the committee's report, each member present casting their own ballot. Deterministic: `random.Random(seed)`, a
generator of its own, so the standing committee's meetings draw as before.
"""

import datetime
import random
from collections.abc import Callable

from django.core.files.uploadedfile import SimpleUploadedFile

from renda.accounts.models import User
from renda.core.calendar import add_months, is_workday
from renda.demo import vocab
from renda.deputies.choices import DeputyStatus, Level
from renda.deputies.models import Deputy
from renda.meetings import selectors, services
from renda.meetings.models import ItemKind, MeetingKind
from renda.org import services as org
from renda.org.models import CommitteeMembership, CommitteeOffice, CommitteeOfficeMembership, Term

MONTHS = (3, 6, 10)  # the months a committee meets in

# per committee (by short name): the reports it examines before the standing committee hears them
REPORTS = {
    "法制委": [
        "县人民政府关于法治政府建设情况的报告",
        "县人民法院关于行政审判工作情况的报告",
        "县人民检察院关于公益诉讼工作情况的报告",
        "县人民政府关于规范性文件备案审查情况的报告",
    ],
    "财经委": [
        "县本级财政决算（草案）",
        "县本级预算执行情况的报告",
        "县人民政府关于国有资产管理情况的报告",
        "县人民政府关于审计查出问题整改情况的报告",
    ],
}
OTHER_REPORTS = ["县人民政府关于有关工作情况的报告"]
PLANS = ["研究本委年度工作要点", "研究执法检查工作方案", "研究专题调研工作安排"]


def _workday(day: datetime.date) -> datetime.date:
    while not is_workday(day):
        day += datetime.timedelta(days=1)
    return day


def seat_members(*, rng: random.Random, office: User, term: Term, today: datetime.date) -> int:
    """The special committees' members in the registry, through org.services; returns the seats made."""
    committees = list(CommitteeOffice.objects.filter(kind=CommitteeOffice.Kind.SPECIAL).order_by("order"))
    standing = {
        seat.deputy_id: seat
        for seat in CommitteeMembership.objects.filter(term=term, end_date=None).select_related("office")
    }
    demo_people = set(User.objects.filter(username__in=["deputy", "member"]).values_list("deputy", flat=True))
    serving = [
        d
        for d in Deputy.objects.filter(terms=term, level=Level.COUNTY, status=DeputyStatus.ACTIVE).order_by(
            "pk"
        )
        if d.pk not in demo_people
    ]
    ordinary = [d for d in serving if d.pk not in standing]
    rank_and_file = [d for d in serving if d.pk in standing and standing[d.pk].position == "member"]
    start = min((s.start_date for s in standing.values()), default=term.start_date)
    taken: set[int] = set()
    seats = 0

    def seat(committee, deputy, position, order, day=start):
        nonlocal seats
        taken.add(deputy.pk)
        seats += 1
        return org.committee_office_membership_create(
            office=committee,
            term=term,
            deputy=deputy,
            position=position,
            start_date=day,
            order=order,
            actor=office,
        )

    Position = CommitteeOfficeMembership.Position
    for committee in committees:
        chair = next(
            (standing[pk].deputy for pk in standing if standing[pk].office_id == committee.pk),
            None,
        )
        if chair is None or chair.pk in taken:
            chair = rng.choice([d for d in ordinary if d.pk not in taken])
        seat(committee, chair, Position.CHAIR, 1)
        vice = rng.choice([d for d in rank_and_file if d.pk not in taken])
        seat(committee, vice, Position.VICE_CHAIR, 2)
        pool = [d for d in ordinary if d.pk not in taken]
        for n, deputy in enumerate(rng.sample(pool, rng.randint(4, 6)), start=3):
            seat(committee, deputy, Position.MEMBER, n)
    # halfway through the term a 委员 of the first committee leaves (调离) and another deputy takes the seat
    if committees:
        first = committees[0]
        left = (
            CommitteeOfficeMembership.objects.filter(office=first, position=Position.MEMBER)
            .order_by("order")
            .last()
        )
        day = _workday(add_months(start, 30))
        if left is not None and day < today:
            org.committee_office_membership_end(membership=left, end_date=day, actor=office)
            newcomer = rng.choice([d for d in ordinary if d.pk not in taken])
            seat(first, newcomer, Position.MEMBER, left.order + 1, day + datetime.timedelta(days=1))
    return seats


def play_meetings(
    *,
    rng: random.Random,
    office: User,
    term: Term,
    today: datetime.date,
    at: Callable,
    vote: Callable,
) -> dict[str, int]:
    """Three meetings a year per special committee from the term's start to today, through the services.
    `at(day, hour)` sets the clock; `vote(item)` runs the item's named vote, each member present casting their
    own ballot from their own account (renda/demo/meetings.py)."""
    counts = {"专门委员会会议": 0, "专门委员会表决": 0}
    committees = list(CommitteeOffice.objects.filter(kind=CommitteeOffice.Kind.SPECIAL).order_by("order"))
    for year in range(term.start_date.year, today.year + 1):
        for month in MONTHS:
            for committee in committees:
                day = _workday(datetime.date(year, month, 1) + datetime.timedelta(days=rng.randrange(5, 20)))
                if day <= term.start_date + datetime.timedelta(days=30) or day >= today:
                    continue
                voted = _meeting(rng, office, term, committee, day, at, vote, month)
                counts["专门委员会会议"] += 1
                counts["专门委员会表决"] += voted
    return counts


def _meeting(rng, office, term, committee, day, at, vote, month) -> int:
    members = list(selectors.body_members_on(term, MeetingKind.COMMITTEE, day, committee.pk).order_by("pk"))
    chair = (
        CommitteeOfficeMembership.objects.filter(office=committee, term=term, position="chair", end_date=None)
        .values_list("deputy", flat=True)
        .first()
    )
    with at(day - datetime.timedelta(days=14), 9):
        meeting = services.meeting_create(
            kind=MeetingKind.COMMITTEE,
            term=term,
            office=committee,
            date=day,
            place="县人大常委会第二会议室",
            presider=next((d for d in members if d.pk == chair), None),
            actor=office,
        )
        report_title = rng.choice(REPORTS.get(committee.short_name, OTHER_REPORTS))
        report = services.agenda_item_add(
            meeting=meeting,
            kind=ItemKind.WORK_REPORT,
            title=f"初步审议{report_title}",
            reporter="县人民政府有关部门负责人",
            actor=office,
        )
        items = [report]
        if month == MONTHS[0]:
            items.append(
                services.agenda_item_add(meeting=meeting, kind=ItemKind.OTHER, title=PLANS[0], actor=office)
            )
        elif rng.random() < 0.5:
            items.append(
                services.agenda_item_add(
                    meeting=meeting, kind=ItemKind.OTHER, title=rng.choice(PLANS[1:]), actor=office
                )
            )
        voting_item = None
        if rng.random() < 0.35:
            voting_item = services.agenda_item_add(
                meeting=meeting,
                kind=ItemKind.OTHER,
                title=f"表决{committee.short_name or committee.name}关于{report_title}的审议意见",
                actor=office,
            )
            items.append(voting_item)
    for item in items:
        for paper in item.papers.all():
            filed = paper.due_date - datetime.timedelta(days=rng.randrange(0, 3))
            with at(filed, 15):
                services.paper_submit(
                    paper=paper, upload=SimpleUploadedFile(f"{item.title}.pdf", vocab.PDF), actor=office
                )
    on_leave = rng.sample(members[1:], 1) if rng.random() < 0.4 and len(members) > 1 else []
    with at(day - datetime.timedelta(days=2), 10):
        for deputy in on_leave:
            services.leave_request(meeting=meeting, deputy=deputy, reason="因公外出", actor=office)
    with at(day, 9):
        meeting = services.meeting_convene(meeting=meeting, actor=office)
        came = [d for d in members if d not in on_leave]
        needed = selectors.quorum_needed(MeetingKind.COMMITTEE, len(members))
        absent = [d for d in came if d.pk != chair and rng.random() < 0.08][: max(0, len(came) - needed)]
        came = [d for d in came if d not in absent]
        services.attendance_sign_in_many(meeting=meeting, deputies=came, actor=office)
    with at(day, 11):
        services.item_record(
            item=report,
            remarks="委员们对报告进行了初步审议，提出了修改意见，形成审议意见报告常委会。",
            result="审议",
            actor=office,
        )
        if voting_item is not None:
            vote(voting_item)
        services.meeting_close(meeting=meeting, actor=office)
    return voting_item is not None
