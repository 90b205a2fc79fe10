"""A county of nine deputies, its congress session (convened on DAY), two units and the office."""

import datetime
from decimal import Decimal

import pytest

from renda.accounts.models import User
from renda.core import clock
from renda.core.roles import Role
from renda.deputies.tests.factories import DeputyFactory
from renda.livelihood import services
from renda.meetings import services as meetings
from renda.meetings.models import MeetingKind
from renda.org.tests.factories import (
    CommitteeOfficeFactory,
    CongressSessionFactory,
    HandlingUnitFactory,
    TermFactory,
)
from renda.voting import services as voting
from renda.voting.models import VoteOption

DAY = datetime.date(2026, 1, 20)  # the congress session
YEAR = 2026


def at(day: datetime.date):
    return clock.at(datetime.datetime.combine(day, datetime.time(10), tzinfo=datetime.UTC))


@pytest.fixture
def term(db):
    return TermFactory()


@pytest.fixture
def deputies(term):
    people = DeputyFactory.create_batch(9)
    term.deputies.add(*people)
    return people


@pytest.fixture
def office(make_user):
    return make_user(Role.CLERK, office=CommitteeOfficeFactory(name="办公室"))


@pytest.fixture
def units(db):
    return [HandlingUnitFactory(name="县住建局"), HandlingUnitFactory(name="县教育局")]


@pytest.fixture
def unit_user(make_user, units):
    return make_user(Role.UNIT, handling_unit=units[0])


@pytest.fixture
def congress(term, deputies, office):
    with at(DAY - datetime.timedelta(days=30)):
        return meetings.meeting_create(
            kind=MeetingKind.CONGRESS, term=term, congress_session=CongressSessionFactory(term=term), date=DAY,
            actor=office,
        )  # fmt: skip


def candidate(ballot, office, unit, name, cost="1000000", milestones=None):
    return services.candidate_add(
        ballot=ballot,
        name=name,
        cost=Decimal(cost),
        funding_source="县级财政",
        unit=unit,
        planned_completion=datetime.date(YEAR, 12, 31),
        milestones=milestones
        or [("完成招标", datetime.date(YEAR, 4, 30), 20), ("主体完工", datetime.date(YEAR, 9, 30), 80)],
        actor=office,
    )


@pytest.fixture
def ballot(congress, office, units):
    """2 of 3 candidates, submitted 10 days before the session."""
    with at(DAY - datetime.timedelta(days=20)):
        ballot = services.ballot_create(
            year=YEAR, seats=2, candidates_count=3, meeting=congress, actor=office
        )
        candidate(ballot, office, units[0], "老旧小区改造", "3000000")
        candidate(ballot, office, units[1], "学校食堂提升", "1000000")
        candidate(ballot, office, units[0], "农村公路养护", "2000000")
    with at(DAY - datetime.timedelta(days=10)):
        return services.ballot_submit(ballot=ballot, actor=office)


def convene(congress, deputies, office, present=7):
    with at(DAY):
        meeting = meetings.meeting_convene(meeting=congress, actor=office)
        for deputy in deputies[:present]:
            meetings.attendance_sign_in(meeting=meeting, deputy=deputy, actor=office)
    return meeting


def cast_all(event, deputies, make_user, choices):
    """choices: one list of option labels per deputy (in order)."""
    options = {o.label: o.pk for o in VoteOption.objects.filter(event=event)}
    for deputy, labels in zip(deputies, choices, strict=False):
        user = User.objects.filter(deputy=deputy).first() or make_user(Role.DEPUTY, deputy=deputy)
        voting.ballot_cast(
            event=event, deputy=deputy, choice=[options[label] for label in labels], actor=user
        )


def run_ballot(ballot, congress, deputies, office, make_user, choices, present=7):
    convene(congress, deputies, office, present)
    with at(DAY):
        event = services.ballot_vote_create(ballot=ballot, method="secret", actor=office)
        voting.vote_open(event=event, actor=office)
        cast_all(event, deputies, make_user, choices)
        voting.vote_close(event=event, actor=office)
    ballot.refresh_from_db()
    return ballot
