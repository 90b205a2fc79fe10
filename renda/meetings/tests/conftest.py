import datetime

import pytest

from renda.core import clock
from renda.core.roles import Role
from renda.deputies.tests.factories import DeputyFactory
from renda.meetings import services
from renda.meetings.models import MeetingKind
from renda.org.models import CommitteeMembership
from renda.org.tests.factories import CommitteeMembershipFactory, TermFactory

DAY = datetime.date(2026, 3, 20)


@pytest.fixture
def term(db):
    return TermFactory()


@pytest.fixture
def committee(term):
    """A standing committee of 25: a chairperson, three vice-chairpersons and 21 members."""
    positions = [CommitteeMembership.Position.CHAIR] + [CommitteeMembership.Position.VICE_CHAIR] * 3
    positions += [CommitteeMembership.Position.MEMBER] * 21
    return [CommitteeMembershipFactory(term=term, position=p).deputy for p in positions]


@pytest.fixture
def office(make_user):
    from renda.org.tests.factories import CommitteeOfficeFactory

    return make_user(Role.CLERK, office=CommitteeOfficeFactory(name="办公室"))


@pytest.fixture
def member_user(make_user, committee):
    return make_user(Role.MEMBER, Role.DEPUTY, deputy=committee[5])


@pytest.fixture
def meeting(term, committee, office):
    with clock.at(datetime.datetime(2026, 2, 1, 9, tzinfo=datetime.UTC)):
        return services.meeting_create(
            kind=MeetingKind.STANDING,
            term=term,
            date=DAY,
            place="县人大常委会会议室",
            presider=committee[0],
            actor=office,
        )


def sign_in(meeting, deputies, actor):
    for deputy in deputies:
        services.attendance_sign_in(meeting=meeting, deputy=deputy, actor=actor)


__all__ = ["DeputyFactory"]
