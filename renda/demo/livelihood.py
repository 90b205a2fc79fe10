"""The demo county's livelihood projects (民生实事项目代表票决制), played through the services under `clock.at(...)`.

The two latest congress sessions of the current term before today each choose the year's projects by a paper
ballot (纸质票, 差额: five of seven candidates, the tellers' counts entered): the county deputies present, most
of them, the projects with most votes adopted when they have more than half of all deputies' votes. The older
year's projects were reported on monthly and completed; at the newer session the deputies rate them (paper,
secret), one is rated 不满意, carried into the newer year and into the newer year's oversight plan (跟踪监督). The newer year's projects report monthly until
today; one (of the demo unit) falls behind its milestones and is flagged, goes to an inquiry (an item of the
year's oversight plan) on the next standing-committee meeting, and the demo deputy follows it (invited to attend). Next year's proposals wait for
screening (a citizen's, the demo deputy's), one was declined and one accepted onto next year's draft list.
Deterministic: everything follows `random.Random(seed)`. Not generated at the province scale used by bench/.
"""

import datetime
import random
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from renda.accounts.models import User
from renda.casework import services as casework
from renda.core import clock
from renda.core.calendar import add_months
from renda.demo import vocab
from renda.deputies.models import Deputy
from renda.livelihood import services
from renda.livelihood.models import LivelihoodProject, ProjectState, Rating
from renda.meetings import selectors as meetings_selectors
from renda.meetings import services as meetings
from renda.meetings.models import Meeting, MeetingKind, MeetingState
from renda.org.models import CongressSession, HandlingUnit, Term
from renda.voting import services as voting

PROJECTS = [
    ("城区老旧小区改造", "县住房和城乡建设局", 3200),
    ("农村饮水安全巩固提升", "县水务局", 1800),
    ("中小学校食堂改造", "县教育局", 900),
    ("乡镇卫生院能力提升", "县卫生健康局", 1500),
    ("农村公路安全生命防护工程", "县交通运输局", 2100),
    ("城区停车泊位建设", "县住房和城乡建设局", 600),
    ("养老服务中心建设", "县民政局", 1200),
]
NEXT = [
    ("城东社区口袋公园", "城东居民区缺少休闲场所", "王红梅", ""),
    ("农村客运班线延伸", "偏远村组出行不便", "", "deputy"),
    ("县城公厕改造", "公厕数量少、设施陈旧", "张建国", ""),
]


def _at(day: datetime.date, hour: int = 9):
    return clock.at(datetime.datetime(day.year, day.month, day.day, hour, tzinfo=datetime.UTC))


def _unit(name: str) -> HandlingUnit:
    unit = HandlingUnit.objects.filter(name=name).first() or HandlingUnit.objects.order_by("pk").first()
    assert unit is not None, "the demo county has handling units"
    return unit


def demo_livelihood(*, scale, seed: int, today: datetime.date) -> dict[str, int]:
    from renda.demo.services import SCALES

    if scale != SCALES["county"]:
        return {}
    rng = random.Random(seed)
    office = User.objects.get(username="clerk")
    term = Term.objects.get(is_current=True)
    sessions = list(
        CongressSession.objects.filter(
            term=term, start_date__lt=today - datetime.timedelta(days=45)
        ).order_by("-start_date")[:2]
    )[::-1]
    counts = {"民生实事项目": 0}
    previous: list[LivelihoodProject] = []
    for index, session in enumerate(sessions):
        newest = index == len(sessions) - 1
        meeting = _session(office, term, session)
        if previous:
            carried = _evaluate(rng, office, meeting, previous)
            if carried is not None:
                counts["民生实事项目"] += 1
        projects = _ballot(rng, office, meeting, session, rng.randrange(2**32))
        counts["民生实事项目"] += 7
        with _at(session.start_date + datetime.timedelta(days=2), 17):
            meetings.meeting_close(meeting=meeting, actor=office)
        end = today if newest else datetime.date(session.start_date.year, 12, 31)
        _implement(rng, office, projects, session.start_date, end, lagging=newest)
        _inspect(office, projects, end, finished=not newest)
        previous = projects
    if sessions:
        _monitor(office, today, sessions[-1].start_date.year)
        _proposals(office, today, sessions[-1].start_date.year + 1)
    return counts


def _session(office: User, term: Term, session: CongressSession) -> Meeting:
    day = session.start_date
    with _at(day - datetime.timedelta(days=30)):
        meeting = meetings.meeting_create(
            kind=MeetingKind.CONGRESS, term=term, congress_session=session, date=day, place=session.place,
            actor=office,
        )  # fmt: skip
    with _at(day, 8):
        meeting = meetings.meeting_convene(meeting=meeting, actor=office)
        members = list(meetings_selectors.body_members(meeting).order_by("pk"))
        present = [d for n, d in enumerate(members) if n % 17 != 5]  # a few absent
        meetings.attendance_sign_in_many(meeting=meeting, deputies=present, actor=office)
    return meeting


def _paper(event, rng: random.Random, weights: list[int]) -> None:
    """The tellers' count: every deputy present returns a ballot; choices spread by `weights` (votes per option,
    already within the ballots returned)."""
    present = event.voters.count()
    codes = list(event.options.order_by("order").values_list("code", flat=True))
    voting.paper_tally_enter(
        event=event, counts=dict(zip(codes, weights, strict=True)), issued=present, returned=present,
        actor=User.objects.get(username="clerk"),
    )  # fmt: skip


def _ballot(rng, office, meeting, session, seed: int) -> list[LivelihoodProject]:
    year = session.start_date.year
    local = random.Random(seed)
    with _at(session.start_date - datetime.timedelta(days=25)):
        ballot = services.ballot_create(year=year, seats=5, candidates_count=7, meeting=meeting, actor=office)
        names = local.sample(PROJECTS, len(PROJECTS))
        for n, (name, unit, wan) in enumerate(names):
            # the demo unit's project is always on the list and adopted (ranked high)
            services.candidate_add(
                ballot=ballot,
                name=f"{year}年{name}",
                content=f"{name}，惠及群众约{local.randrange(2, 30)}千人。",
                place="全县" if n % 2 else "城区",
                cost=Decimal(wan * 10000),
                funding_source=local.choice(["县级财政", "上级补助和县级配套", "地方政府专项债券"]),
                unit=_unit(unit),
                responsible_person=f"{'张王李赵刘陈'[n % 6]}副局长",
                planned_completion=datetime.date(year, 11, 30),
                milestones=[
                    ("完成前期手续和招标", datetime.date(year, 3, 31), 20),
                    ("主体工程过半", datetime.date(year, 6, 30), 50),
                    ("主体完工", datetime.date(year, 9, 30), 85),
                    ("竣工验收", datetime.date(year, 11, 30), 100),
                ],
                actor=office,
            )
    with _at(session.start_date - datetime.timedelta(days=12)):
        ballot = services.ballot_submit(ballot=ballot, actor=office)
    with _at(session.start_date, 15):
        event = services.ballot_vote_create(ballot=ballot, method="paper", actor=office)
        voting.vote_open(event=event, actor=office)
        present = event.voters.count()
        projects = list(ballot.projects.order_by("order"))
        transport = next(n for n, p in enumerate(projects) if p.unit.name == "县交通运输局")
        shares = [0.92, 0.88, 0.81, 0.77, 0.72, 0.35, 0.28]
        local.shuffle(shares)
        top = shares.index(max(shares))
        shares[top], shares[transport] = shares[transport], shares[top]
        voting_counts = [int(present * share) for share in shares]
        _paper(event, rng, voting_counts)
        voting.vote_close(event=event, actor=office)
        services.ballot_publish(ballot=ballot, actor=office)
    return list(LivelihoodProject.objects.filter(ballot=ballot, state=ProjectState.ADOPTED).order_by("rank"))


def _implement(rng, office, projects, start: datetime.date, end: datetime.date, *, lagging: bool) -> None:
    """Monthly reports from February until `end`; in the newest year the demo unit's project falls behind."""
    year = start.year
    for project in projects:
        unit_user = User.objects.filter(handling_unit=project.unit_id, is_active=True).first()
        actor = unit_user or _unit_account(project.unit)
        behind = lagging and project.unit.name == "县交通运输局"
        month = datetime.date(year, 2, 1)
        while add_months(month, 1) <= end and month.year == year:
            report_day = add_months(month, 1) + datetime.timedelta(days=rng.randrange(0, 4))
            if report_day > end:
                break
            progress = (month.month - 1) * (6 if behind else 10) + rng.randrange(0, 4)
            percent = min(progress, 100)
            spent = (project.cost * percent / 100).quantize(Decimal("1"))
            problems = "征地拆迁协调滞后，施工队伍进场晚" if behind and month.month >= 5 else ""
            photo = None
            if month.month % 3 == 0:  # a site photo with every third report
                photo = SimpleUploadedFile(
                    f"{project.name[:20]}施工现场.png", vocab.photo_png(seed=project.pk)
                )
            with _at(report_day, 16):
                services.progress_report(project=project, month=month, percent=percent, spent=spent,
                                         problems=problems, photo=photo, actor=actor)  # fmt: skip
            project.refresh_from_db()
            if percent >= 100:
                with _at(report_day, 17):
                    services.project_complete(project=project, completed_on=report_day - datetime.timedelta(days=3),
                                              actor=actor)  # fmt: skip
                break
            month = add_months(month, 1)
        project.refresh_from_db()
        if not lagging and project.state == ProjectState.ADOPTED:
            with _at(datetime.date(year, 12, 20), 17):
                services.project_complete(
                    project=project, completed_on=datetime.date(year, 12, 18), actor=actor
                )


FINDINGS = [
    ("施工现场围挡破损，夜间缺少警示灯，存在安全隐患", "已更换全部围挡并加装夜间警示灯，安排专人巡查。"),
    ("部分路段排水沟未贯通，雨天积水严重", "已组织施工单位疏通排水沟并新建两处排水口。"),
    ("工程进度公示牌信息未及时更新", "已更新公示牌，每月5日前公布上月进度。"),
    ("施工产生的扬尘影响周边居民，洒水降尘不及时", "已增加洒水频次并覆盖裸露土方。"),
]


def _inspect(office: User, projects: list[LivelihoodProject], end: datetime.date, *, finished: bool) -> None:
    """Deputies inspect two of the year's projects in June (the demo unit's first); each inspection finds two
    problems, sent to the unit, answered and closed — except, this year, one still with the demo unit, one
    answered and waiting for the office, one not yet sent."""
    day = min(datetime.date(end.year, 6, 15), end - datetime.timedelta(days=30))
    demo_unit = User.objects.get(username="unit").handling_unit_id
    adopted = [p for p in projects if p.state in (ProjectState.ADOPTED, ProjectState.COMPLETED)]
    adopted = sorted(adopted, key=lambda p: p.unit_id != demo_unit)[:2]
    stages = ["closed"] * 4 if finished else ["closed", "handling", "answered", "open"]
    for n, project in enumerate(adopted):
        deputies = list(project.followers.all()[:3]) or list(
            Deputy.objects.filter(status="active").order_by("pk")[n * 3 : n * 3 + 3]
        )
        found = FINDINGS[n * 2 : n * 2 + 2]
        with _at(day, 15):
            inspection = services.inspection_record(
                project=project, date=day, place=project.place or "项目现场", deputies=deputies,
                summary=f"代表实地察看了{project.name}施工现场，听取了{project.unit.name}的汇报。",
                findings=[text for text, _ in found], actor=office,
            )  # fmt: skip
        unit_user = User.objects.filter(handling_unit=project.unit_id, is_active=True).first()
        actor = unit_user or _unit_account(project.unit)
        for finding, (_, answer), stage in zip(
            inspection.findings.order_by("pk"), found, stages[n * 2 :], strict=False
        ):
            if stage == "open":
                continue  # not yet sent to the unit
            with _at(day + datetime.timedelta(days=2), 10):
                finding = services.finding_forward(finding=finding, actor=office)
            if stage == "handling":
                continue  # on the unit's 待办
            assignment = finding.assignments.get()
            with _at(day + datetime.timedelta(days=6), 10):
                casework.sign_for(assignment=assignment, actor=actor)
                services.finding_reply(
                    assignment=assignment,
                    text=answer,
                    signer=project.responsible_person or "负责人",
                    actor=actor,
                )
            if stage == "answered":
                continue  # the office to review
            with _at(day + datetime.timedelta(days=12), 10):
                finding.refresh_from_db()
                services.finding_close(finding=finding, note="经代表回访，问题已解决。", actor=office)


def _unit_account(unit: HandlingUnit) -> User:
    from django.contrib.auth.models import Group

    from renda.accounts.services import role_groups_sync_once
    from renda.core.roles import Role

    user = User.objects.create_user(
        f"unit{unit.pk:03d}", password=None, full_name=unit.name, handling_unit=unit
    )
    role_groups_sync_once()  # the groups and their permissions, synced by the demo's first accounts
    user.groups.set(Group.objects.filter(name=Role.UNIT))
    return user


def _evaluate(rng, office, meeting, projects: list[LivelihoodProject]) -> LivelihoodProject | None:
    """The year-end evaluation at the next session: each project rated on paper; the last one 不满意, carried."""
    carried = None
    with _at(meeting.date, 10):
        for n, project in enumerate(projects):
            evaluation = services.evaluation_create(
                project=project, meeting=meeting, method="paper", actor=office
            )
            event = evaluation.vote
            voting.vote_open(event=event, actor=office)
            present = event.voters.count()
            if n == len(projects) - 1:
                weights = [present // 5, present // 5, present - 2 * (present // 5)]  # 不满意
            else:
                satisfied = int(present * (0.55 + rng.random() * 0.3))
                weights = [satisfied, present - satisfied - 2, 2]
            _paper(event, rng, weights)
            voting.vote_close(event=event, actor=office)
            project.refresh_from_db()
            if project.rating == Rating.DISSATISFIED:
                carried = services.project_carry_over(project=project, actor=office)
                services.project_oversee(project=project, actor=office)  # next year's oversight plan
    return carried


def _monitor(office: User, today: datetime.date, year: int) -> None:
    """The demo deputy follows the lagging project; the office starts an inquiry on it (专题询问, an item of the
    year's oversight plan), put on the next standing-committee meeting (the following deputies invited to
    attend)."""
    services.lagging_mark(today=today)
    deputy_user = User.objects.get(username="deputy")
    lagging = LivelihoodProject.objects.filter(year=year, lagging=True).first()
    with _at(today - datetime.timedelta(days=1)):
        for project in LivelihoodProject.objects.filter(year=year, state=ProjectState.ADOPTED).order_by("pk")[
            :2
        ]:
            services.project_follow(project=project, actor=deputy_user)
        if lagging is not None and not lagging.followers.filter(user=deputy_user).exists():
            services.project_follow(project=lagging, actor=deputy_user)
    upcoming = (
        Meeting.objects.filter(kind=MeetingKind.STANDING, state=MeetingState.PLANNED, date__gt=today)
        .order_by("date")
        .first()
    )
    if lagging is not None:
        from renda.oversight import services as oversight

        with _at(today, 10):
            inquiry = services.inquiry_start(year=year, projects=[lagging], actor=office)
            if upcoming is not None and inquiry.plan.state != "draft":  # a draft plan's items wait for it
                oversight.item_schedule(item=inquiry, meeting=upcoming, actor=office)


def _proposals(office: User, today: datetime.date, year: int) -> None:
    deputy_user = User.objects.get(username="deputy")
    deputy = Deputy.objects.get(user=deputy_user)
    made = []
    with _at(today - datetime.timedelta(days=20), 10):
        for title, content, citizen, who in NEXT:
            actor = deputy_user if who == "deputy" else None
            made.append(services.proposal_submit(
                year=year, title=title, content=content, proposer_name=citizen or deputy.name, actor=actor,
                place="县城" if citizen else "", beneficiaries="周边居民",
                proposer_phone="13800000000" if citizen else "",
            ))  # fmt: skip
        ballot = services.ballot_create(year=year, seats=5, candidates_count=7, actor=office)
        services.proposal_screen(proposal=made[2], decision="decline", reply="已列入县城市管理局年度计划，不再列为民生实事项目。",
                                 actor=office)  # fmt: skip
        services.proposal_screen(proposal=made[1], decision="accept", reply="列为候选项目。", ballot=ballot,
                                 unit=_unit("县交通运输局"), cost=Decimal(4500000), actor=office)  # fmt: skip
