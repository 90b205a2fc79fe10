"""The demo county's meetings (renda.meetings): the current term's standing-committee meetings about every two
months and a Council of Chairpersons before each, played through the services under `clock.at(...)`.

Each standing-committee meeting has two or three agenda items (a special work report, a draft resolution or
decision, appointments — played by renda/demo/appointments.py, person by person), its papers filed by the office (now and then after the due date, flagged late), most
members signed in (some on leave, a few absent), an invited deputy attending (列席) now and then, and its
resolution or decision put to a named vote (记名表决) and its appointments to a secret one (无记名表决) through
renda.voting: each member present casts their own ballot from their account (mostly 赞成), the vote closes, its
result settles on the item and the resolution is adopted and numbered, the votes of a meeting chained in one
record. One resolution fails (`FAILS_AT`): that meeting had barely a quorum, and with one 反对 and one member not
voting, 赞成 is not more than half of all members though most of those voting said yes ("…未通过"). The next
meeting, planned two weeks after today, waits with papers still missing and a leave request to approve. Deterministic: everything follows
`random.Random(seed)`. Not generated at the province scale used by bench/.
"""

import datetime
import random

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from renda.accounts.models import User
from renda.appointments.models import Appointment
from renda.core import clock
from renda.core.calendar import add_months, is_workday
from renda.core.roles import Role
from renda.demo import appointments as demo_appointments
from renda.demo import committees as demo_committees
from renda.demo import oversight as demo_oversight
from renda.demo import vocab
from renda.deputies.models import Deputy, Level
from renda.meetings import selectors, services
from renda.meetings.models import ItemKind, Meeting, MeetingKind, ResolutionKind
from renda.org.models import CommitteeMembership, Term
from renda.voting import services as voting
from renda.voting.models import VoteEvent

FAILS_AT = 5  # the standing-committee meeting (counted from the term's first) whose resolution fails

REPORTS = [
    "县人民政府关于财政预算执行情况的报告",
    "县人民政府关于乡村振兴工作情况的报告",
    "县人民法院关于行政审判工作情况的报告",
    "县人民检察院关于公益诉讼工作情况的报告",
    "县人民政府关于生态环境保护工作情况的报告",
    "县人民政府关于义务教育均衡发展情况的报告",
    "县人民政府关于审计查出问题整改情况的报告",
    "县人民政府关于国有资产管理情况的报告",
]
RESOLUTIONS = [
    (ResolutionKind.RESOLUTION, "关于开展法治宣传教育的决议"),
    (ResolutionKind.DECISION, "关于批准县本级财政决算的决定"),
    (ResolutionKind.DECISION, "关于召开县第十八届人民代表大会下一次会议的决定"),
    (ResolutionKind.RESOLUTION, "关于加强生态环境保护的决议"),
    (ResolutionKind.DECISION, "关于批准预算调整方案的决定"),
]


def _at(day: datetime.date, hour: int = 9):
    return clock.at(
        datetime.datetime.combine(day, datetime.time(hour), tzinfo=timezone.get_default_timezone())
    )


def _workday(day: datetime.date) -> datetime.date:
    while not is_workday(day):
        day += datetime.timedelta(days=1)
    return day


def _workday_before(day: datetime.date) -> datetime.date:
    while not is_workday(day):
        day -= datetime.timedelta(days=1)
    return day


def demo_meetings(*, scale, seed: int, today: datetime.date) -> dict[str, int]:
    from renda.demo.services import SCALES

    if scale != SCALES["county"]:
        return {}
    rng = random.Random(seed)
    office = User.objects.get(username="clerk")
    invited = Deputy.objects.get(user__username="deputy")
    term = Term.objects.get(is_current=True)
    counts = {"会议": 0, "决议决定": 0, "表决": 0, "任免事项": 0}
    accounts = _Accounts()
    demo_appointments.setup(office=office, term=term, seed=seed + 1)  # its own generator: ours draws the same
    oversight = demo_oversight.Oversight(office=office, seed=seed + 2, today=today)  # its own generator too
    month, last = 1, term.start_date
    while True:
        day = _workday(add_months(term.start_date, month) + datetime.timedelta(days=rng.randrange(0, 12)))
        # at least once every two months (地方组织法; selectors.standing_committee_gap), whatever today is
        day = min(day, _workday_before(add_months(last, 2) - datetime.timedelta(days=1)))
        upcoming = day > today
        if upcoming:
            day = _workday(today + datetime.timedelta(days=14))
        _council(rng, office, term, day - datetime.timedelta(days=21), today)
        _standing(rng, office, invited, term, day, today, counts, accounts, oversight)
        counts["会议"] += 2
        if upcoming:
            counts["述职述法评议"] = demo_appointments.appraisals(office=office, today=today)
            oversight.catch_up(today)
            counts.update(oversight.counts)
            counts.update(_committees(office, term, today, accounts, seed=seed + 3))
            return counts
        month, last = month + 2, day


def _committees(office, term, today, accounts, *, seed: int) -> dict[str, int]:
    """The special committees' members and a term of their meetings (renda/demo/committees.py), with a
    generator of their own."""
    rng = random.Random(seed)
    seats = demo_committees.seat_members(rng=rng, office=office, term=term, today=today)
    counts = demo_committees.play_meetings(
        rng=rng,
        office=office,
        term=term,
        today=today,
        at=_at,
        vote=lambda item: _vote(rng, office, accounts, item, VoteEvent.Method.NAMED),
    )
    return {"专门委员会组成人员": seats, **counts}


class _Accounts:
    """The members' accounts they cast their ballots from, without a usable password: the account a member has
    (the demo's "member"), else one as the services' history names them (deputy001, … in the order of the
    county's deputies; replay.Accounts), in the standing committee members' group."""

    def __init__(self) -> None:
        self.users = {u.deputy_id: u for u in User.objects.filter(deputy__isnull=False)}
        county = Deputy.objects.filter(level=Level.COUNTY).order_by("pk").values_list("pk", flat=True)
        self.index = {pk: n for n, pk in enumerate(county, start=1)}
        self.group = Group.objects.get(name=Role.MEMBER)
        self.deputy_group = Group.objects.get(name=Role.DEPUTY)
        self.seated = set(CommitteeMembership.objects.values_list("deputy", flat=True))

    def of(self, deputy: Deputy) -> User:
        if deputy.pk not in self.users:
            user = User.objects.create_user(
                f"deputy{self.index[deputy.pk]:03d}", password=None, full_name=deputy.name, deputy=deputy
            )
            # a special committee's member who is not on the standing committee votes as a deputy
            user.groups.add(self.group if deputy.pk in self.seated else self.deputy_group)
            self.users[deputy.pk] = user
        return self.users[deputy.pk]


def _choices(rng: random.Random, voters: list[Deputy], entitled: int, fails: bool) -> dict[Deputy, str]:
    """Each voter's choice ("" for one who does not vote): mostly 赞成, now and then 弃权, 反对 or none, and
    always more than half of all members in favour; where the vote is to fail, one 反对 and one not voting."""
    if fails:
        no, silent = rng.sample(voters, 2)
        return {d: "no" if d == no else "" if d == silent else "yes" for d in voters}
    choices = {d: rng.choices(["yes", "abstain", "no", ""], weights=[90, 5, 3, 2])[0] for d in voters}
    for deputy in voters:
        if sum(c == "yes" for c in choices.values()) * 2 > entitled:
            break
        choices[deputy] = "yes"
    return choices


def _vote(rng, office, accounts, item, method: str, fails: bool = False) -> VoteEvent:
    """The item's vote through the services: created and opened from the meeting, each member present casting
    their own ballot, closed (the result settles on the item)."""
    event = services.item_vote_create(item=item, method=method, actor=office)
    event = services.item_vote_open(event=event, actor=office)
    voters = list(Deputy.objects.filter(voters__event=event).order_by("pk"))
    for deputy, choice in _choices(rng, voters, event.entitled, fails).items():
        if choice:
            voting.ballot_cast(event=event, deputy=deputy, choice=choice, actor=accounts.of(deputy))
    return voting.vote_close(event=event, actor=office)


def _title(rng: random.Random) -> str:
    return rng.choice(REPORTS)


def _council(rng, office, term, day, today) -> None:
    """The Council of Chairpersons settles the agenda three weeks before."""
    day = _workday(day)
    with _at(day - datetime.timedelta(days=3)):
        council = services.meeting_create(
            kind=MeetingKind.CHAIRPERSONS, term=term, date=day, place="县人大常委会第一会议室", actor=office
        )
        services.agenda_item_add(
            meeting=council, kind=ItemKind.OTHER, title="研究常委会会议议程", actor=office
        )
    if day > today:
        return
    with _at(day):
        council = services.meeting_convene(meeting=council, actor=office)
        services.attendance_sign_in_many(
            meeting=council, deputies=list(selectors.body_members(council)), actor=office
        )
        services.meeting_close(meeting=council, actor=office)


def _standing(rng, office, invited, term, day, today, counts, accounts, oversight) -> Meeting:
    members = list(selectors.body_members_on(term, MeetingKind.STANDING, day).order_by("pk"))
    chair = members[0]
    with _at(day - datetime.timedelta(days=30)):
        meeting = services.meeting_create(
            kind=MeetingKind.STANDING,
            term=term,
            date=day,
            place="县人大常委会会议室",
            presider=chair,
            actor=office,
        )
        report = services.agenda_item_add(
            meeting=meeting,
            kind=ItemKind.WORK_REPORT,
            title=_title(rng),
            reporter="县人民政府分管负责人",
            actor=office,
        )
        kind, title = rng.choice(RESOLUTIONS)
        draft_item = services.agenda_item_add(
            meeting=meeting, kind=ItemKind.RESOLUTION, title=title, actor=office
        )
        items = [report, draft_item]
        if rng.random() < 0.5:
            items.append(
                services.agenda_item_add(
                    meeting=meeting, kind=ItemKind.APPOINTMENT, title="人事任免事项", actor=office
                )
            )
        services.resolution_draft(
            item=draft_item, kind=kind, title=title, text=f"{title}（草案）全文。", actor=office
        )
        oversight.planned(meeting=meeting, report=report)  # this year's plan item heard as the work report
    planned = []
    if len(items) > 2:  # the nominations for the 人事任免 item (renda/demo/appointments.py)
        done = Appointment.objects.exclude(meeting=None).values("meeting").distinct().count()
        planned = demo_appointments.plan(meeting=meeting, k=done, office=office, today=today)
        counts["任免事项"] += len(planned)
    for item in items:
        for paper in item.papers.all():
            late = rng.random() < 0.1
            filed = paper.due_date + datetime.timedelta(days=2 if late else -rng.randrange(0, 3))
            if filed > today:
                continue  # still missing: the office's to-do
            with _at(filed, 15):
                services.paper_submit(
                    paper=paper, upload=SimpleUploadedFile(f"{item.title}.pdf", vocab.PDF), actor=office
                )
    # the next meeting's leave requests leave the demo member out: they ask for leave themself, for the office
    member = User.objects.get(username="member") if day > today else None
    on_leave = rng.sample([d for d in members[1:] if member is None or d != member.deputy], 2)
    fails = counts["会议"] // 2 + 1 == FAILS_AT
    if (
        fails
    ):  # the failing vote's meeting has barely a quorum: all but a bare majority of the members on leave
        rest = [d for d in members[1:] if d not in on_leave]
        on_leave += rng.sample(rest, len(members) - (len(members) // 2 + 1) - len(on_leave))
    with _at(day - datetime.timedelta(days=3)):
        for deputy in on_leave:
            services.leave_request(meeting=meeting, deputy=deputy, reason="因公出差", actor=office)
    if member is not None:
        if member.deputy is not None:
            with _at(today):  # the demo member asks for leave; the office has it to approve
                services.leave_request(meeting=meeting, deputy=member.deputy, reason="外出学习", actor=member)
        return meeting
    with _at(day, 8):
        if rng.random() < 0.4:
            services.attendee_add(meeting=meeting, deputy=invited, organisation="基层人大代表", actor=office)
        services.attendee_add(
            meeting=meeting, name="县人民政府办公室主任", organisation="县人民政府", actor=office
        )
        meeting = services.meeting_convene(meeting=meeting, actor=office)
        came = [d for d in members if d not in on_leave and (fails or rng.random() >= 0.06)]
        services.attendance_sign_in_many(meeting=meeting, deputies=came, actor=office)
    with _at(day, 11):
        services.item_record(
            item=report, remarks="组成人员对报告进行了审议，提出了意见和建议。", result="审议", actor=office
        )
        oversight.convened(meeting=meeting, account=accounts.of)  # deliberation, satisfaction votes
        _vote(rng, office, accounts, draft_item, VoteEvent.Method.NAMED, fails=fails)
        counts["决议决定"] += not fails
        counts["表决"] += 1
        if planned:  # the appointments, person by person; the first vote draws from `rng` as the item's did
            counts["表决"] += demo_appointments.play(
                meeting=meeting,
                planned=planned,
                office=office,
                account=accounts.of,
                first_choices=lambda voters, entitled: _choices(rng, voters, entitled, False),
                today=today,
            )
        counts["表决"] += demo_appointments.rate_year(
            meeting=meeting, office=office, account=accounts.of, today=today
        )
        return services.meeting_close(meeting=meeting, actor=office)
