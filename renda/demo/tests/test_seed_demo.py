"""`manage.py seed_demo` at county scale: the county looks like 大方县, the demo accounts work, --if-empty."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from renda.accounts.models import User
from renda.core.roles import Role, user_roles
from renda.core.rules import rule
from renda.demo.services import DEMO_PASSWORD
from renda.deputies.choices import ActivityKind, DeputyStatus, Level, Sector, StationKind
from renda.deputies.models import Activity, Delegation, Deputy, DeputyGroup, LiaisonStation, ReceptionDay
from renda.org.models import CommitteeMembership, CommitteeOffice, HandlingUnit, Jurisdiction, Term, Township


@pytest.fixture
def county(demo) -> str:
    """What `seed_demo --if-empty` printed when it seeded the empty database: the demo county the session shares
    (renda/conftest.py), rolled back at the session's end."""
    return demo.output


def model_counts() -> dict[str, int]:
    models = [
        Jurisdiction,
        Township,
        Term,
        Deputy,
        LiaisonStation,
        HandlingUnit,
        CommitteeMembership,
        ReceptionDay,
        Activity,
        User,
    ]
    return {model.__name__: model.objects.count() for model in models}


def test_the_county_has_the_size_of_dafang(county, db):
    assert Jurisdiction.objects.get().code == "520521"
    assert Township.objects.count() == 29
    assert Term.objects.get(is_current=True).number == 18
    assert Term.objects.filter(number=17, is_current=False).exists()
    assert Deputy.objects.count() == 2050
    assert Deputy.objects.filter(level=Level.COUNTY).count() == 250
    assert Deputy.objects.filter(level=Level.TOWNSHIP).count() == 1800
    assert not Deputy.objects.filter(level=Level.TOWNSHIP, township__kind=Township.Kind.STREET).exists()
    assert Delegation.objects.count() == 29
    assert DeputyGroup.objects.filter(name__in=["财经组", "农业组"]).count() == 2
    assert 55 <= HandlingUnit.objects.count() <= 65
    assert HandlingUnit.objects.filter(name="县交通运输局").exists()
    assert HandlingUnit.objects.filter(kind=HandlingUnit.Kind.TOWNSHIP).count() == 29
    assert CommitteeOffice.objects.get(handles_deputies_affairs=True).short_name == "代表工委"


def test_stations_cover_every_township(county, db):
    stations = LiaisonStation.objects
    assert stations.filter(kind=StationKind.TOWNSHIP_STATION).count() == 29
    assert stations.filter(kind=StationKind.TOWNSHIP_STATION).values("township").distinct().count() == 29
    assert (
        stations.filter(kind=StationKind.VILLAGE_ROOM, parent__kind=StationKind.TOWNSHIP_STATION).count()
        == 115
    )
    assert stations.filter(kind=StationKind.VILLAGE_ROOM, parent__township=F("township")).count() == 115
    assert stations.filter(kind=StationKind.INDUSTRY_STATION).count() == 1
    assert stations.filter(kind=StationKind.ONLINE).count() == 1
    assert stations.filter(is_model=True).count() == 10
    # a 示范 station or room always has serving deputies
    serving = Deputy.objects.filter(station=OuterRef("pk"), status=DeputyStatus.ACTIVE)
    assert not stations.filter(is_model=True).exclude(Exists(serving)).exists()
    assert not stations.exclude(kind=StationKind.ONLINE).filter(Q(address="") | Q(opening_hours="")).exists()
    assert not Deputy.objects.filter(station=None).exists()


def test_standing_committee(county, db):
    members = CommitteeMembership.objects.filter(term__is_current=True)
    assert members.count() == 30
    assert members.filter(position=CommitteeMembership.Position.CHAIR).count() == 1
    assert members.filter(position=CommitteeMembership.Position.VICE_CHAIR).count() == 5
    assert members.values("deputy").distinct().count() == 30
    assert not members.exclude(deputy__level=Level.COUNTY, deputy__status=DeputyStatus.ACTIVE).exists()


def test_composition_is_plausible(county, db):
    totals = Deputy.objects.aggregate(
        all=Count("pk"),
        women=Count("pk", filter=Q(gender="female")),
        minorities=Count("pk", filter=~Q(ethnicity="汉族")),
        county=Count("pk", filter=Q(level=Level.COUNTY)),
        county_officials=Count("pk", filter=Q(level=Level.COUNTY, sector=Sector.OFFICIAL)),
        inconsistent=Count(
            "pk",
            filter=Q(is_grassroots=True) & ~Q(sector__in=[Sector.WORKER, Sector.FARMER, Sector.PROFESSIONAL])
            | Q(is_grassroots=False, sector__in=[Sector.WORKER, Sector.FARMER, Sector.PROFESSIONAL]),
        ),
    )
    assert 0.25 <= totals["women"] / totals["all"] <= 0.35
    assert 0.30 <= totals["minorities"] / totals["all"] <= 0.40
    assert totals["county_officials"] / totals["county"] <= 0.25
    assert totals["inconsistent"] == 0
    births = Deputy.objects.exclude(birth_date=None).values_list("birth_date", flat=True)
    assert min(births) >= datetime.date(2021 - 60, 1, 1) and max(births) <= datetime.date(2021 - 25, 12, 31)
    assert not Deputy.objects.exclude(phone__regex=r"^1[3-9][0-9]{9}$").exists()


def test_status_changes_carry_date_and_reason(county, db):
    left = Deputy.objects.exclude(status=DeputyStatus.ACTIVE)
    assert 10 <= left.count() <= 60
    assert set(left.values_list("status", flat=True).distinct()) == {
        DeputyStatus.RESIGNED,
        DeputyStatus.DECEASED,
    }
    assert not left.filter(Q(status_date=None) | Q(status_reason="")).exists()
    assert not Deputy.objects.filter(status=DeputyStatus.ACTIVE).exclude(status_reason="").exists()


def test_reception_days_past_and_announced_ahead(county, db):
    """Rule reception_notice_days: every reception day was announced at least that many days before."""
    today = timezone.localdate()
    days = ReceptionDay.objects.all()
    assert days.filter(date__lt=today).count() > 300
    assert days.filter(date__gt=today).count() >= 29
    notice = datetime.timedelta(days=rule("reception_notice_days"))
    for date, announced in days.values_list("date", "announced_at"):
        assert date - timezone.localtime(announced).date() >= notice
        assert timezone.localtime(announced).date() < today
    assert not days.filter(deputies=None).exists()
    held = Activity.objects.filter(kind=ActivityKind.RECEPTION)
    assert held.count() == days.filter(date__lt=today).count()
    assert (
        Activity.objects.exclude(kind=ActivityKind.RECEPTION)
        .filter(date__gte=today - datetime.timedelta(days=366))
        .count()
        == 400
    )


@pytest.mark.parametrize("username,role", [(role.value, role) for role in Role])
def test_demo_accounts_log_in_with_their_role(county, db, client, username, role):
    response = client.post(reverse("accounts:login"), {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    user = User.objects.get(username=username)
    assert client.session["_auth_user_id"] == str(user.pk)
    assert role in user_roles(user)


def test_demo_accounts_are_linked(county, db):
    users = {
        user.username: user
        for user in User.objects.select_related("office", "deputy", "handling_unit", "station")
    }
    assert users["admin"].is_superuser
    assert users["clerk"].office.short_name == "代表工委"
    assert CommitteeMembership.objects.filter(deputy=users["member"].deputy, term__is_current=True).exists()
    assert users["deputy"].deputy.level == Level.COUNTY
    assert not CommitteeMembership.objects.filter(deputy=users["deputy"].deputy).exists()
    assert users["unit"].handling_unit.name == "县交通运输局"
    assert users["keeper"].station.kind == StationKind.TOWNSHIP_STATION


def test_if_empty_leaves_a_populated_database_alone(county, db):
    assert "密码均为 renda-demo" in county
    assert "群众意见：" in county  # demo_seed plays the opinions after the suggestions
    before = model_counts()
    out = io.StringIO()
    call_command("seed_demo", "--if-empty", stdout=out)
    assert model_counts() == before
    assert "不生成演示数据" in out.getvalue()


def test_without_if_empty_a_populated_database_is_refused(county, db):
    with pytest.raises(CommandError, match="已有行政区数据"):
        call_command("seed_demo", stdout=io.StringIO())


def test_a_term_of_meetings(county, db):
    """The term's standing-committee meetings about every two months (no gap the daily warning would report),
    each with a quorum and its resolution numbered within the year; the next meeting planned with papers still
    missing and a leave request to approve."""
    from renda.meetings import selectors
    from renda.meetings.models import Meeting, MeetingKind, MeetingState, Resolution, ResolutionState

    today = timezone.localdate()
    held = Meeting.objects.filter(kind=MeetingKind.STANDING, state=MeetingState.CLOSED).order_by("date")
    assert held.count() >= 25 and selectors.standing_committee_gap(today) is None
    assert held.first().title == "第十八届人大常委会第一次会议"
    assert all(selectors.quorum(meeting).met for meeting in held[:3])
    adopted = Resolution.objects.filter(state=ResolutionState.ADOPTED, year=today.year).order_by("number")
    assert [r.number for r in adopted] == list(range(1, adopted.count() + 1))
    upcoming = Meeting.objects.get(kind=MeetingKind.STANDING, state=MeetingState.PLANNED)
    assert selectors.papers_missing().filter(item__meeting=upcoming).exists()
    assert upcoming.attendances.filter(status="leave_requested", deputy__user__username="member").exists()

    # 表决: each resolution by a named vote, each appointment by a secret one, every ballot cast by the member's
    # own account; every meeting's record chain holds; exactly the planned resolution failed, for lack of a
    # majority of all members though most of those voting said yes
    from django.contrib.contenttypes.models import ContentType

    from renda.appointments.models import Appointment
    from renda.demo.meetings import FAILS_AT
    from renda.meetings.models import AgendaItem, ItemKind
    from renda.voting import services as voting
    from renda.voting.models import Ballot, State, VoteEvent, VoteRecord

    items = AgendaItem.objects.filter(meeting__in=held)
    item_votes = VoteEvent.objects.filter(
        subject_type=ContentType.objects.get_for_model(AgendaItem), subject_id__in=items.values("pk")
    )
    nominees = Appointment.objects.filter(meeting__in=held)  # voted person by person (renda.appointments)
    person_votes = VoteEvent.objects.filter(
        subject_type=ContentType.objects.get_for_model(Appointment), subject_id__in=nominees.values("pk")
    )
    votes = item_votes | person_votes
    assert item_votes.count() == items.filter(kind=ItemKind.RESOLUTION).count()
    assert person_votes.count() == nominees.count() > 0
    assert set(nominees.values_list("item__kind", flat=True)) == {ItemKind.APPOINTMENT}
    assert all(v.state == State.CLOSED for v in votes)
    kinds = dict(items.values_list("pk", "kind"))
    assert {(kinds[v.subject_id], v.method) for v in item_votes} == {(ItemKind.RESOLUTION, "named")}
    assert set(person_votes.values_list("method", flat=True)) == {"secret"}
    assert Ballot.objects.filter(voter__event__in=votes).count() > 20 * held.count() // 2
    assert User.objects.filter(deputy__voters__event__in=votes).distinct().count() >= 20
    chains = set(VoteRecord.objects.filter(event__in=votes).values_list("chain_key", flat=True))
    assert chains == {f"meeting:{pk}" for pk in held.values_list("pk", flat=True)}
    assert all(voting.verify_chain(key) == [] for key in chains)
    call_command("verify_votes", stdout=io.StringIO())
    failed = Resolution.objects.filter(state=ResolutionState.FAILED)
    assert failed.count() == 1
    resolution = failed.get()
    assert resolution.item.meeting == held[FAILS_AT - 1] and resolution.number is None
    assert resolution.result.endswith("未通过") and resolution.item.result == resolution.result
    result = voting.vote_result(VoteEvent.objects.get(subject_id=resolution.item_id, method="named"))
    quorum = selectors.quorum(resolution.item.meeting)
    assert quorum.met and quorum.present == quorum.needed and result.count("yes") * 2 <= quorum.members
    assert result.count("yes") * 2 > result.voted and result.not_voted == 1  # most of those voting said yes
    passed = Resolution.objects.filter(item__meeting__in=held).exclude(pk=resolution.pk)
    assert all(r.state == ResolutionState.ADOPTED and not r.result.endswith("未通过") for r in passed)


def test_the_demo_s_special_committees_have_members_and_a_term_of_meetings(county, db):
    """专门委员会 (renda/demo/committees.py): each special committee with 5–9 members seated today from the
    deputies, most of them not on the standing committee, one 主任委员; one member of the first committee left
    halfway and is not counted at its later meetings. Each committee met a few times every year of the term, each
    meeting closed with a quorum of all its members and attendance only from its seats on the day; some meetings
    put an item to a named vote, its record chain intact."""
    from django.contrib.contenttypes.models import ContentType

    from renda.meetings import selectors
    from renda.meetings.models import AgendaItem, Attendance, Meeting, MeetingKind, MeetingState
    from renda.org.models import CommitteeOfficeMembership
    from renda.voting import services as voting
    from renda.voting.models import VoteEvent

    today = timezone.localdate()
    term = Term.objects.get(is_current=True)
    committees = CommitteeOffice.objects.filter(kind=CommitteeOffice.Kind.SPECIAL)
    assert committees.count() >= 2
    standing = set(CommitteeMembership.objects.filter(term=term).values_list("deputy", flat=True))
    for committee in committees:
        seated = CommitteeOfficeMembership.objects.filter(office=committee, term=term, end_date=None)
        assert 5 <= seated.count() <= 9
        assert seated.filter(position="chair").count() == 1
        outside = seated.exclude(deputy__in=standing).count()
        assert outside * 2 > seated.count()  # most members are deputies off the standing committee
        assert all(s.deputy.terms.filter(pk=term.pk).exists() for s in seated)
    left = CommitteeOfficeMembership.objects.get(end_date__isnull=False)
    held = Meeting.objects.filter(kind=MeetingKind.COMMITTEE, state=MeetingState.CLOSED).order_by("date")
    later = held.filter(office=left.office, date__gt=left.end_date)
    assert later.exists() and all(left.deputy not in selectors.body_members(m) for m in later)
    for committee in committees:
        for year in range(term.start_date.year + 1, today.year):  # the whole years of the term
            assert 2 <= held.filter(office=committee, date__year=year).count() <= 4
    assert held.first().title.startswith("第十八届人大") and "委员会第一次会议" in held.first().title
    for meeting in held:
        quorum = selectors.quorum(meeting)
        assert 5 <= quorum.members <= 9 and quorum.met
        members = set(selectors.body_members(meeting).values_list("pk", flat=True))
        assert set(Attendance.objects.filter(meeting=meeting).values_list("deputy", flat=True)) <= members
        assert meeting.items.count() >= 1
    votes = VoteEvent.objects.filter(
        subject_type=ContentType.objects.get_for_model(AgendaItem),
        subject_id__in=AgendaItem.objects.filter(meeting__in=held).values("pk"),
    )
    assert votes.count() >= 3 and set(votes.values_list("method", flat=True)) == {"named"}
    for event in votes:
        result = voting.vote_result(event)
        meeting = AgendaItem.objects.get(pk=event.subject_id).meeting
        assert event.state == "closed" and event.entitled == selectors.quorum(meeting).members
        assert result.passed and voting.verify_chain(f"meeting:{meeting.pk}") == []


def test_the_demo_term_of_appointments(county, db):
    """人事任免 (renda/demo/appointments.py): a term of decisions through the services, one rejected nominee, one
    resignation, the oaths; letters numbered within the year; every decision opened or closed a holding."""
    from renda.appointments import selectors
    from renda.appointments.models import Appointment, AppointmentKind, AppointmentState, Holding
    from renda.core import clock

    rows = Appointment.objects.all()
    assert rows.filter(state=AppointmentState.REJECTED).count() == 1
    assert rows.filter(kind=AppointmentKind.RESIGN, state=AppointmentState.PUBLISHED).count() == 1
    appointed = rows.filter(kind=AppointmentKind.APPOINT, state=AppointmentState.PUBLISHED)
    assert appointed.count() >= 3
    assert all(a.oath_on == a.decided_on and a.letter_number for a in appointed)
    numbers = sorted(rows.filter(letter_year=clock.today().year).values_list("letter_number", flat=True))
    assert numbers == list(range(1, len(numbers) + 1))
    # this year's 述职述法评议: three department heads, the first reported
    from renda.appointments.models import Appraisal

    appraisals = Appraisal.objects.filter(year=clock.today().year)
    assert appraisals.count() == 3 and appraisals.filter(state="reported").count() == 1
    # last year's, rated at its autumn meeting: one passed, one failed and rectified
    rated = Appraisal.objects.filter(year=clock.today().year - 1)
    assert sorted(rated.values_list("state", flat=True)) == ["followed_up", "passed"]
    assert all(a.entitled and a.satisfied + a.basically_satisfied + a.dissatisfied for a in rated)
    # the nominations came with their letters, the nominees with their résumés
    assert all(a.letter for a in rows) and all(a.person.resume for a in rows)
    # every appointment adopted started a holding; every removal ended one
    for a in rows.filter(state__in=selectors.DECIDED):
        field = "appointed_by" if a.kind == AppointmentKind.APPOINT else "ended_by"
        assert Holding.objects.filter(**{field: a}).count() == 1


def test_the_year_s_figure_matches_the_demo_s_decisions(county, db):
    """任免国家机关工作人员X人次: the decisions adopted in a year, counted from the votes that passed."""
    from django.contrib.contenttypes.models import ContentType

    from renda.appointments import selectors
    from renda.appointments.models import Appointment
    from renda.voting import services as voting
    from renda.voting.models import VoteEvent

    kind = ContentType.objects.get_for_model(Appointment)
    for year in {
        d.year for d in Appointment.objects.exclude(decided_on=None).values_list("decided_on", flat=True)
    }:
        passed = [
            e
            for e in VoteEvent.objects.filter(subject_type=kind, state="closed", closed_at__year=year)
            if voting.vote_result(e).passed
        ]
        assert selectors.year_figures(year).total == len(passed) > 0
    assert (
        sum(f.total for f in selectors.figures_by_year())
        == Appointment.objects.filter(state__in=selectors.DECIDED).count()
    )


def test_the_demo_s_livelihood_projects(county, db):
    """Two years of projects by the deputies' ballot: adopted, reported on month by month (every third report with
    a site photo), inspected by deputies (findings answered by the units), one lagging this year, one rated 不满意
    last year."""
    from renda.core import clock
    from renda.livelihood.models import LivelihoodProject, ProgressReport, Rating

    this_year = clock.today().year
    years = set(LivelihoodProject.objects.values_list("year", flat=True))
    assert {this_year - 1, this_year} <= years
    assert LivelihoodProject.objects.filter(year=this_year, lagging=True).exists()
    assert LivelihoodProject.objects.filter(year=this_year - 1, rating=Rating.DISSATISFIED).exists()
    # the links to oversight: the lagging project's inquiry is an item of this year's plan, on a meeting's agenda
    # when the plan is adopted; the 不满意 project is carried into the next year's plan as a follow-up
    lagging = LivelihoodProject.objects.get(year=this_year, lagging=True)
    assert lagging.oversight_inquiry is not None and lagging.oversight_inquiry.kind == "inquiry"
    assert lagging.oversight_inquiry.plan.year == this_year
    unsatisfactory = LivelihoodProject.objects.get(year=this_year - 1, rating=Rating.DISSATISFIED)
    assert unsatisfactory.oversight_follow_up is not None
    assert unsatisfactory.oversight_follow_up.plan.year == this_year
    # deputies' inspections: last year's findings all closed; this year's in every state
    from renda.livelihood.models import Finding

    findings = Finding.objects.filter(inspection__project__year=this_year)
    assert set(findings.values_list("state", flat=True)) == {"open", "handling", "answered", "closed"}
    last = Finding.objects.filter(inspection__project__year=this_year - 1)
    assert last.exists() and set(last.values_list("state", flat=True)) == {"closed"}
    photos = ProgressReport.objects.exclude(photo="")
    assert photos.exists() and all(p.photo.name.endswith(".png") for p in photos)
    assert photos.count() < ProgressReport.objects.count()


def test_the_demo_year_of_oversight(county, db):
    """监督工作 (renda/demo/oversight.py): this year's plan adopted and published with a change recorded; items
    heard at this year's meetings through the services; a satisfaction vote that fails and is re-run on the same
    item, which passes; rectification lists with closed and open items; the board and the figures agree; the
    daily reminders are idempotent."""
    from renda.core import clock
    from renda.core.reminders import reminders_send
    from renda.oversight import selectors
    from renda.oversight.models import OversightItem, OversightPlan, Rectification, SatisfactionVote
    from renda.oversight.platform import OPINIONS_LATE, RECTIFICATION_LATE

    today = clock.today()
    plan = OversightPlan.objects.get(year=today.year)
    if today < datetime.date(today.year, 7, 1):
        pytest.skip("early in the year the demo's plan has few items heard yet")
    assert plan.state == "published" and plan.events.filter(action="调整计划").exists()
    states = set(OversightItem.objects.filter(plan=plan).values_list("state", flat=True))
    assert {"planned", "closed"} <= states and len(states) >= 4
    failed = SatisfactionVote.objects.filter(passed=False).first()
    assert failed is not None
    assert SatisfactionVote.objects.filter(item=failed.item, round=failed.round + 1, passed=True).exists()
    # the body's second report came on paper, entered by the office
    second = failed.item.events.get(action="报送研究处理情况报告", note__startswith=f"第{failed.round + 1}次")
    assert second.note.endswith("（据纸质材料代为登记）")
    rows = Rectification.objects.filter(item__plan=plan)
    assert rows.filter(state="closed").exists() and rows.exclude(state="closed").exists()
    figures = selectors.year_figures(today.year)
    taken = SatisfactionVote.objects.filter(passed__isnull=False)  # one is put to the vote, not yet taken
    assert figures.votes == taken.count() and figures.votes_failed >= 1
    assert sum(n for _, n in selectors.board(today.year)["stages"]) == plan.items.count()
    first = reminders_send([OPINIONS_LATE, RECTIFICATION_LATE], today=today)
    assert reminders_send([OPINIONS_LATE, RECTIFICATION_LATE], today=today) == {name: 0 for name in first}


def test_the_demo_s_sent_deliberation_opinions_are_on_the_bodies_to_do(county, db):
    """审议意见 as cases (renda/casework) in the demo: every item whose opinions were sent has its assignment to its
    body, made by the same service; those rectifying (or after a failed vote) are open, due with the handling report,
    on the body's officers' 工作台; the others are answered with one reply per report."""
    from renda.accounts.models import User
    from renda.casework.models import OPEN_STATES
    from renda.core import clock
    from renda.core.roles import Role
    from renda.core.todos import todos_for
    from renda.oversight.models import ItemState, OversightItem

    today = clock.today()
    if today < datetime.date(today.year, 7, 1):
        pytest.skip("early in the year the demo's plan has few items heard yet")
    sent = OversightItem.objects.filter(opinion_sent_on__isnull=False)
    assert sent.exists()
    for item in sent:
        [assignment] = item.assignments.all()
        assert assignment.unit_id == item.body_id and assignment.replies.count() == item.rounds
        if item.state in (ItemState.OPINIONS_SENT, ItemState.FAILED):
            assert assignment.state in OPEN_STATES and assignment.due == item.report_due
            officers = User.objects.filter(handling_unit=item.body_id, groups__name=Role.UNIT, is_active=True)
            assert officers.exists()
            for officer in officers:
                assert any(
                    t.source == "审议意见" and t.url == item.get_absolute_url() for t in todos_for(officer)
                )
        else:
            assert assignment.state == "replied"
    assert sent.filter(state=ItemState.OPINIONS_SENT).exists()


def test_the_demo_plan_has_an_item_in_every_stage_of_the_loop(county, db):
    """监督工作 as of today: the demo's plan has items in every stage of the loop, from planned and on the next
    meeting's agenda through deliberated, rectifying, reported, being rated and failed to follow-up and closed (the
    last meeting before today fixes the stages the year would not otherwise show, renda/demo/oversight.py); a
    survey's findings are rows, some carried into its problem list; a work appraisal is rated by members and
    invited deputies, counted in the database."""
    from renda.core import clock
    from renda.oversight import selectors
    from renda.oversight.models import Finding, ItemKind, ItemState, OversightItem, OversightPlan

    today = clock.today()
    if today < datetime.date(today.year, 7, 1):
        pytest.skip("early in the year the demo's plan has few items heard yet")
    plan = OversightPlan.objects.get(year=today.year)
    items = OversightItem.objects.filter(plan=plan)
    assert set(items.values_list("state", flat=True)) == set(ItemState.values)
    rating = items.get(state=ItemState.RATING).satisfaction_votes.get(passed__isnull=True)
    assert rating.vote.state == "prepared"
    assert dict(selectors.board(today.year)["stages"])["测评未通过"] >= 1
    rows = Finding.objects.filter(item__plan=plan, item__heard_on__isnull=False)
    if today >= datetime.date(today.year, 9, 1):  # the survey and the appraisal heard by then
        assert rows.filter(problem__isnull=False).exists() and rows.filter(problem__isnull=True).exists()
        assert all(row.problem.text == row.text for row in rows.filter(problem__isnull=False))
    appraisal = items.get(kind=ItemKind.APPRAISAL)
    if today >= datetime.date(today.year, 9, 1):
        result = selectors.appraisal_result(appraisal)
        assert result.members > 0 and result.invited == appraisal.invited_deputies.count() > 0
        assert result.satisfied + result.basically_satisfied + result.dissatisfied == result.raters
