"""The year's figures of meetings (the sentence of the work report, the dashboard) and members' attendance rates:
every member listed, the denominator only the meetings held while they were a member, leave apart."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from renda.core.roles import Role
from renda.meetings import selectors, services
from renda.meetings.models import ItemKind, MeetingKind, ResolutionKind
from renda.meetings.tests.conftest import DAY, sign_in
from renda.org.models import CommitteeMembership
from renda.org.tests.factories import CommitteeMembershipFactory

JUNE = datetime.date(2026, 6, 10)


@pytest.fixture
def year(meeting, term, committee, office):
    """Two standing-committee meetings, closed; a member leaves after the first and another joins before the
    second; a work report and an adopted decision at the first; a Council of Chairpersons held; a planned standing
    meeting with a work report not yet held (counted nowhere)."""
    leaver, on_leave = committee[24], committee[15]
    CommitteeMembership.objects.filter(deputy=leaver).update(end_date=datetime.date(2026, 4, 30))
    newcomer = CommitteeMembershipFactory(term=term, start_date=datetime.date(2026, 5, 1)).deputy
    services.agenda_item_add(
        meeting=meeting, kind=ItemKind.WORK_REPORT, title="县政府关于…的报告", actor=office
    )
    item = services.agenda_item_add(meeting=meeting, kind=ItemKind.RESOLUTION, title="决定", actor=office)
    services.leave_request(meeting=meeting, deputy=on_leave, reason="出差", actor=office)
    services.meeting_convene(meeting=meeting, actor=office)
    sign_in(meeting, committee[:15], office)
    draft = services.resolution_draft(
        item=item, kind=ResolutionKind.DECISION, title="决定", text="…", actor=office
    )
    services.resolution_adopt(resolution=draft, result="通过", actor=office)
    services.meeting_close(meeting=meeting, actor=office)

    june = services.meeting_create(kind=MeetingKind.STANDING, term=term, date=JUNE, actor=office)
    services.meeting_convene(meeting=june, actor=office)
    sign_in(june, [*committee[:15], newcomer], office)
    services.meeting_close(meeting=june, actor=office)

    council = services.meeting_create(kind=MeetingKind.CHAIRPERSONS, term=term, date=DAY, actor=office)
    services.meeting_convene(meeting=council, actor=office)
    planned = services.meeting_create(kind=MeetingKind.STANDING, term=term, date=JUNE, actor=office)
    services.agenda_item_add(meeting=planned, kind=ItemKind.WORK_REPORT, title="尚未审议的报告", actor=office)
    return {"leaver": leaver, "on_leave": on_leave, "newcomer": newcomer, "never": committee[20]}


def test_attendance_rate_counts_every_member_against_the_meetings_held_while_a_member(year, committee):
    with CaptureQueriesContext(connection) as queries:
        rates = {row.deputy_id: row for row in selectors.attendance_rates(2026)}
    assert len(queries) == 1
    assert len(rates) == 26  # the 25 and the newcomer, who never came or not
    seen = {
        name: (rates[d.pk].present, rates[d.pk].held, rates[d.pk].on_leave, rates[d.pk].absent)
        for name, d in year.items()
    }
    assert seen == {
        "leaver": (0, 1, 0, 1),  # only the March meeting fell in their seat
        "on_leave": (0, 2, 1, 1),  # excused in March (shown apart), absent in June
        "newcomer": (1, 1, 0, 0),  # only the June meeting counts
        "never": (0, 2, 0, 2),  # never came: listed with 0
    }
    assert (rates[committee[0].pk].present, rates[committee[0].pk].held) == (2, 2)
    assert selectors.attendance_rates(2025) == []


def test_year_figures_sentence_counts_held_meetings_reports_and_resolutions(year, client, make_user):
    with CaptureQueriesContext(connection) as queries:
        figures = selectors.year_figures(2026)
    assert len(queries) == 3
    assert figures.text == "召开常委会会议2次，主任会议1次，听取和审议工作报告1个，作出决议决定1项"
    assert (
        selectors.year_figures(2025).text
        == "召开常委会会议0次，主任会议0次，听取和审议工作报告0个，作出决议决定0项"
    )
    client.force_login(make_user(Role.CLERK))
    page = client.get("/suggestions/dashboard/?year=2026").content.decode()
    assert "2026年召开常委会会议2次，主任会议1次，听取和审议工作报告1个，作出决议决定1项。" in page
    client.force_login(make_user(Role.UNIT))
    assert "召开常委会会议" not in client.get("/suggestions/dashboard/?year=2026").content.decode()
