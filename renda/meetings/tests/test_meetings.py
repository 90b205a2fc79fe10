"""Meetings: bodies and their members, numbering, attendance and the quorum, papers' due dates, resolutions."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import override_settings

from renda.core import clock
from renda.core.models import Notification
from renda.core.roles import Role
from renda.deputies.tests.factories import DeputyFactory
from renda.meetings import selectors, services
from renda.meetings.models import (
    AttendanceStatus,
    ItemKind,
    MeetingKind,
    MeetingState,
    PaperStage,
    ResolutionKind,
    ResolutionState,
)
from renda.meetings.platform import STANDING_COMMITTEE_GAP, office_steps
from renda.meetings.tests.conftest import DAY, sign_in
from renda.org.tests.factories import CongressSessionFactory

PDF = b"%PDF-1.4 paper"


def at(day: datetime.date, hour: int = 9):
    return clock.at(datetime.datetime(day.year, day.month, day.day, hour, tzinfo=datetime.UTC))


def test_standing_committee_meetings_numbered_within_the_term(meeting, term, office):
    assert meeting.title == "第十八届人大常委会第一次会议"
    second = services.meeting_create(kind=MeetingKind.STANDING, term=term, date=DAY, actor=office)
    council = services.meeting_create(kind=MeetingKind.CHAIRPERSONS, term=term, date=DAY, actor=office)
    assert second.title == "第十八届人大常委会第二次会议"
    assert council.title == "第十八届人大常委会第一次主任会议"
    assert meeting.events.get().action == "登记"


def test_members_of_each_body_come_from_the_registry(meeting, term, committee, office):
    assert set(selectors.body_members(meeting)) == set(committee)
    council = services.meeting_create(kind=MeetingKind.CHAIRPERSONS, term=term, date=DAY, actor=office)
    assert set(selectors.body_members(council)) == set(committee[:4])
    session = CongressSessionFactory(term=term)
    deputies = DeputyFactory.create_batch(3)
    term.deputies.add(*deputies)
    congress = services.meeting_create(
        kind=MeetingKind.CONGRESS, term=term, congress_session=session, date=DAY, actor=office
    )
    assert set(selectors.body_members(congress)) == set(deputies)
    assert congress.title == str(session)


def test_standing_committee_quorum_is_a_majority_of_all_members(meeting, committee, office):
    """【国】 地方组织法: a standing-committee meeting needs a majority of ALL members present (25 → 13)."""
    services.meeting_convene(meeting=meeting, actor=office)
    services.leave_request(meeting=meeting, deputy=committee[-1], reason="出差", actor=office)
    sign_in(meeting, committee[:12], office)
    q = selectors.quorum(meeting)
    assert (q.members, q.present, q.on_leave, q.needed, q.met) == (25, 12, 1, 13, False)
    assert q.text == "应到25人，实到12人，请假1人，缺席12人，不足法定人数"
    sign_in(meeting, committee[12:13], office)
    assert selectors.quorum(meeting).met


def test_congress_quorum_is_two_thirds_of_deputies(term, office):
    """【国】 地方组织法: a congress session needs at least two thirds of the deputies present (30 → 20)."""
    deputies = DeputyFactory.create_batch(30)
    term.deputies.add(*deputies)
    congress = services.meeting_create(
        kind=MeetingKind.CONGRESS,
        term=term,
        congress_session=CongressSessionFactory(term=term),
        date=DAY,
        actor=office,
    )
    services.meeting_convene(meeting=congress, actor=office)
    sign_in(congress, deputies[:19], office)
    assert (selectors.quorum(congress).needed, selectors.quorum(congress).met) == (20, False)
    sign_in(congress, deputies[19:20], office)
    assert selectors.quorum(congress).met
    assert selectors.quorum_needed(MeetingKind.CONGRESS, 31) == 21


def test_members_sign_in_themselves_and_ask_for_leave(meeting, committee, office, member_user, make_user):
    with pytest.raises(ValidationError):  # not yet convened
        services.attendance_sign_in(meeting=meeting, deputy=member_user.deputy, actor=member_user)
    request = services.leave_request(
        meeting=meeting, deputy=member_user.deputy, reason="住院", actor=member_user
    )
    assert request.status == AttendanceStatus.LEAVE_REQUESTED
    assert any("请假待批准" in item.title for item in office_steps(office))
    assert (
        services.leave_decide(attendance=request, approve=True, actor=office).status == AttendanceStatus.LEAVE
    )
    services.meeting_convene(meeting=meeting, actor=office)
    with pytest.raises(PermissionDenied):  # only for themself
        services.attendance_sign_in(meeting=meeting, deputy=committee[0], actor=member_user)
    outsider = DeputyFactory()
    with pytest.raises(ValidationError):
        services.attendance_sign_in(meeting=meeting, deputy=outsider, actor=office)
    present = services.attendance_sign_in(meeting=meeting, deputy=member_user.deputy, actor=member_user)
    assert present.status == AttendanceStatus.PRESENT  # came after all
    meeting = services.meeting_close(meeting=meeting, actor=office)
    sheet = {row.deputy.pk: row.status for row in selectors.attendance_sheet(meeting)}
    assert sheet[member_user.deputy.pk] == "出席" and sheet[committee[0].pk] == "缺席"


def test_work_report_papers_due_by_supervision_law_art_15(meeting, office, committee):
    """【国】 监督法 Art. 15: special work reports reach the committee 20, the standing committee 10 and the
    members 7 days before the meeting; a paper filed later is flagged, and the office sees what is missing."""
    item = services.agenda_item_add(
        meeting=meeting, kind=ItemKind.WORK_REPORT, title="关于县人民政府财政工作情况的报告", actor=office
    )
    due = {p.stage: p.due_date for p in item.papers.all()}
    assert due == {
        PaperStage.COMMITTEE: DAY - datetime.timedelta(days=20),
        PaperStage.STANDING: DAY - datetime.timedelta(days=10),
        PaperStage.MEMBERS: DAY - datetime.timedelta(days=7),
    }
    assert selectors.papers_missing().count() == 3
    committee_paper = item.papers.get(stage=PaperStage.COMMITTEE)
    with at(DAY - datetime.timedelta(days=21)):
        on_time = services.paper_submit(
            paper=committee_paper, upload=SimpleUploadedFile("报告.pdf", PDF), actor=office
        )
    assert not on_time.late
    members_paper = item.papers.get(stage=PaperStage.MEMBERS)
    with at(DAY - datetime.timedelta(days=5)):
        late = services.paper_submit(
            paper=members_paper, upload=SimpleUploadedFile("报告.pdf", PDF), actor=office
        )
    assert late.late
    assert list(selectors.papers_missing()) == [item.papers.get(stage=PaperStage.STANDING)]
    with pytest.raises(ValidationError):
        services.paper_submit(
            paper=item.papers.get(stage=PaperStage.STANDING),
            upload=SimpleUploadedFile("报告.pdf", b"not a pdf"),
            actor=office,
        )


def test_paper_days_for_other_kinds_are_local_rules(meeting, office):
    """【地】 appointment papers 7 days ahead by default, 10 under the 重庆 preset; other kinds one stage."""
    item = services.agenda_item_add(
        meeting=meeting, kind=ItemKind.APPOINTMENT, title="人事任免事项", actor=office
    )
    assert [(p.stage, p.due_date) for p in item.papers.all()] == [
        (PaperStage.MEMBERS, DAY - datetime.timedelta(days=7))
    ]
    with override_settings(RENDA_RULE_PRESET="重庆"):
        other = services.agenda_item_add(
            meeting=meeting, kind=ItemKind.APPOINTMENT, title="任免", actor=office
        )
    assert other.papers.get().due_date == DAY - datetime.timedelta(days=10)
    assert other.order == 2


def test_the_office_sees_who_opened_what(meeting, office, member_user):
    item = services.agenda_item_add(meeting=meeting, kind=ItemKind.OTHER, title="其他事项", actor=office)
    paper = services.paper_submit(
        paper=item.papers.get(), upload=SimpleUploadedFile("a.pdf", PDF), actor=office
    )
    assert list(selectors.papers_to_read(member_user)) == [paper]
    services.paper_open(paper=paper, actor=member_user)
    read = services.paper_open(paper=paper, actor=member_user)
    assert read.times == 2 and read.user == member_user
    assert list(selectors.papers_to_read(member_user)) == []


def test_no_vote_without_quorum_and_resolutions_numbered_per_year(meeting, committee, office, term):
    item = services.agenda_item_add(
        meeting=meeting, kind=ItemKind.RESOLUTION, title="法治宣传教育", actor=office
    )
    draft = services.resolution_draft(
        item=item,
        kind=ResolutionKind.RESOLUTION,
        title="关于开展法治宣传教育的决议",
        text="为……",
        actor=office,
    )
    with pytest.raises(ValidationError):  # not convened
        services.resolution_adopt(resolution=draft, result="通过", actor=office)
    services.meeting_convene(meeting=meeting, actor=office)
    sign_in(meeting, committee[:10], office)
    with pytest.raises(ValidationError) as refused:
        services.resolution_adopt(resolution=draft, result="通过", actor=office)
    assert refused.value.code == "no_quorum"
    sign_in(meeting, committee[10:20], office)
    result = "应到25人，实到20人，赞成20票，反对0票，弃权0票，通过"
    adopted = services.resolution_adopt(resolution=draft, result=result, actor=office)
    assert (adopted.state, adopted.year, adopted.number, adopted.code) == (
        ResolutionState.ADOPTED,
        2026,
        1,
        "2026年第1号",
    )
    item.refresh_from_db()
    assert item.result == result
    second_item = services.agenda_item_add(
        meeting=meeting, kind=ItemKind.RESOLUTION, title="决定", actor=office
    )
    second = services.resolution_draft(
        item=second_item, kind=ResolutionKind.DECISION, title="决定", text="…", actor=office
    )
    assert services.resolution_adopt(resolution=second, result=result, actor=office).number == 2
    assert list(selectors.resolutions_public(2026)) == [second, adopted]
    assert (
        selectors.year_figures(2026).text
        == "召开常委会会议1次，主任会议0次，听取和审议工作报告0个，作出决议决定2项"
    )


def test_standing_committee_meets_at_least_every_two_months(meeting, office, term):
    """【国】 地方组织法: the standing committee meets at least once every two months — warned by the tick
    (once) and on the office's to-do list."""
    services.meeting_convene(meeting=meeting, actor=office)
    services.meeting_close(meeting=meeting, actor=office)
    assert selectors.standing_committee_gap(DAY + datetime.timedelta(days=60)) is None
    late = datetime.date(2026, 5, 21)
    assert STANDING_COMMITTEE_GAP.send(today=late) == 1
    assert STANDING_COMMITTEE_GAP.send(today=late) == 0
    assert Notification.objects.get(recipient=office).title == "常委会已超过两个月未举行会议"
    with at(late):
        assert any("两个月未举行" in item.title for item in office_steps(office))


def test_meetings_hidden_from_those_outside(meeting, make_user, member_user):
    deputy = make_user(Role.DEPUTY, deputy=DeputyFactory())
    unit = make_user(Role.UNIT)
    for user in (deputy, unit):
        with pytest.raises(Http404):
            selectors.meeting_get_for_user(user, meeting.pk)
    assert selectors.meeting_get_for_user(member_user, meeting.pk) == meeting
    services.attendee_add(meeting=meeting, deputy=deputy.deputy, actor=make_user(Role.CLERK))
    assert selectors.meeting_get_for_user(deputy, meeting.pk) == meeting  # invited to attend (列席)
    assert meeting.state == MeetingState.PLANNED
