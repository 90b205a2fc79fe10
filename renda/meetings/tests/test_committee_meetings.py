"""Committee meetings (专门委员会会议): their members, quorum, attendance and visibility come from the registry's
special-committee seats (org.CommitteeOfficeMembership) on the meeting's date, not from the standing committee."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from renda.core import clock
from renda.core.roles import Role
from renda.deputies.tests.factories import DeputyFactory
from renda.meetings import selectors, services
from renda.meetings.models import MeetingKind, MeetingState
from renda.org.models import CommitteeOffice, CommitteeOfficeMembership
from renda.org.tests.factories import CommitteeOfficeFactory, CommitteeOfficeMembershipFactory

DAY = datetime.date(2026, 3, 20)
Position = CommitteeOfficeMembership.Position


@pytest.fixture
def special(db):
    return CommitteeOfficeFactory(
        name="财政经济委员会", short_name="财经委", kind=CommitteeOffice.Kind.SPECIAL
    )


@pytest.fixture
def seats(term, committee, special):
    """财经委 of seven seated on the meeting's day: its chair a vice-chairperson of the standing committee, two
    standing-committee members, four deputies who are not on the standing committee; and around them a member
    who left before the meeting, one seated only after it, and a standing-committee member placed in the
    committee (所在机构) without a seat on it."""
    day_seats = [
        CommitteeOfficeMembershipFactory(
            office=special, term=term, deputy=committee[1], position=Position.CHAIR
        ),
        CommitteeOfficeMembershipFactory(
            office=special, term=term, deputy=committee[6], position=Position.VICE_CHAIR
        ),
        CommitteeOfficeMembershipFactory(office=special, term=term, deputy=committee[7]),
    ]
    day_seats += [CommitteeOfficeMembershipFactory(office=special, term=term) for _ in range(4)]
    left = CommitteeOfficeMembershipFactory(
        office=special, term=term, end_date=DAY - datetime.timedelta(days=1)
    )
    later = CommitteeOfficeMembershipFactory(
        office=special, term=term, start_date=DAY + datetime.timedelta(days=1)
    )
    from renda.org.models import CommitteeMembership

    CommitteeMembership.objects.filter(deputy=committee[8]).update(office=special)
    return {"on_the_day": day_seats, "left": left, "later": later, "placed": committee[8]}


@pytest.fixture
def committee_meeting(term, special, seats, office):
    with clock.at(datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.UTC)):
        return services.meeting_create(
            kind=MeetingKind.COMMITTEE, term=term, office=special, date=DAY, place="第二会议室", actor=office
        )


def test_a_committee_meetings_members_come_from_the_special_committee_registry(committee_meeting, seats):
    """The members of a committee meeting are the committee's seats held on its date: a member whose seat ended
    the day before is not counted, nor one seated the day after, nor a standing-committee member merely placed
    in the committee; deputies who are not on the standing committee are."""
    members = set(selectors.body_members(committee_meeting))
    assert members == {s.deputy for s in seats["on_the_day"]}
    assert seats["left"].deputy not in members and seats["later"].deputy not in members
    assert seats["placed"] not in members
    assert committee_meeting.title == "第十八届人大财政经济委员会第一次会议"


def test_a_committee_meeting_quorum_is_a_majority_of_all_its_members_from_the_registry(
    committee_meeting, seats, office
):
    """【国】 地方组织法 (by the same practice as the standing committee): a majority of ALL the committee's members
    present — 7 seated on the day, so 4; a member who left is not counted among them."""
    meeting = services.meeting_convene(meeting=committee_meeting, actor=office)
    on_the_day = [s.deputy for s in seats["on_the_day"]]
    services.leave_request(meeting=meeting, deputy=on_the_day[-1], reason="出差", actor=office)
    services.attendance_sign_in_many(meeting=meeting, deputies=on_the_day[:3], actor=office)
    quorum = selectors.quorum(meeting)
    assert (quorum.members, quorum.present, quorum.on_leave, quorum.needed, quorum.met) == (7, 3, 1, 4, False)
    services.attendance_sign_in(meeting=meeting, deputy=on_the_day[3], actor=office)
    quorum = selectors.quorum(meeting)
    assert quorum.met and quorum.text == "应到7人，实到4人，请假1人，缺席2人，符合法定人数"


def test_a_member_whose_seat_ended_cannot_sign_in_or_ask_for_leave(committee_meeting, seats, office):
    meeting = services.meeting_convene(meeting=committee_meeting, actor=office)
    for gone in (seats["left"].deputy, seats["placed"]):
        with pytest.raises(ValidationError) as exc:
            services.attendance_sign_in(meeting=meeting, deputy=gone, actor=office)
        assert exc.value.code == "not_member"
        with pytest.raises(ValidationError):
            services.leave_request(meeting=meeting, deputy=gone, reason="出差", actor=office)


def test_the_attendance_sheet_and_rates_of_a_committee_follow_the_seats(committee_meeting, seats, office):
    meeting = services.meeting_convene(meeting=committee_meeting, actor=office)
    on_the_day = [s.deputy for s in seats["on_the_day"]]
    services.attendance_sign_in_many(meeting=meeting, deputies=on_the_day[:5], actor=office)
    meeting = services.meeting_close(meeting=meeting, actor=office)
    sheet = selectors.attendance_sheet(meeting)
    assert {row.deputy for row in sheet} == set(on_the_day)
    assert sorted(row.status for row in sheet) == ["出席"] * 5 + ["缺席"] * 2
    rates = {r.deputy_id: r for r in selectors.attendance_rates(DAY.year, MeetingKind.COMMITTEE)}
    assert set(rates) == {d.pk for d in on_the_day}
    assert (rates[on_the_day[0].pk].present, rates[on_the_day[0].pk].held) == (1, 1)
    assert (rates[on_the_day[6].pk].present, rates[on_the_day[6].pk].held) == (0, 1)


def test_a_committee_vote_counts_all_the_committees_members(committee_meeting, seats, office):
    from renda.voting.models import VoteEvent

    meeting = services.meeting_convene(meeting=committee_meeting, actor=office)
    item = services.agenda_item_add(meeting=meeting, kind="other", title="表决审议意见", actor=office)
    services.attendance_sign_in_many(
        meeting=meeting, deputies=[s.deputy for s in seats["on_the_day"][:4]], actor=office
    )
    event = services.item_vote_create(item=item, method=VoteEvent.Method.NAMED, actor=office)
    assert event.entitled == 7 and event.voters.count() == 4


def test_a_committee_meeting_needs_a_special_committee(term, office, committee):
    working = CommitteeOfficeFactory(name="法制工作委员会", kind=CommitteeOffice.Kind.WORKING)
    with pytest.raises(ValidationError) as exc:
        services.meeting_create(kind=MeetingKind.COMMITTEE, term=term, office=working, date=DAY, actor=office)
    assert "不是专门委员会" in exc.value.message_dict["office"][0]


def test_a_committee_member_off_the_standing_committee_sees_and_signs_in_to_the_meeting(
    client, make_user, committee_meeting, seats, office
):
    """A deputy seated on the committee (not on the standing committee) sees its meeting and signs themself in;
    a deputy of the term without a seat gets a 404."""
    ordinary = seats["on_the_day"][3].deputy
    user = make_user(Role.DEPUTY, deputy=ordinary)
    assert selectors.meetings_visible_to(user).filter(pk=committee_meeting.pk).exists()
    meeting = services.meeting_convene(meeting=committee_meeting, actor=office)
    services.attendance_sign_in(meeting=meeting, deputy=ordinary, actor=user)
    client.force_login(user)
    assert client.get(reverse("meetings:detail", args=[meeting.pk])).status_code == 200
    outsider = DeputyFactory()
    outsider.terms.add(meeting.term)
    nobody = make_user(Role.DEPUTY, deputy=outsider)
    client.force_login(nobody)
    assert client.get(reverse("meetings:detail", args=[meeting.pk])).status_code == 404
    assert meeting.state == MeetingState.CONVENED
