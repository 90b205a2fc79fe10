"""Fixtures of appointments: the standing committee of 25 and its meeting (from the meetings' fixtures), a post
with its nominator, a nominee, and `chain(...)` which takes an appointment through the real services."""

import datetime

import pytest

from renda.accounts.models import User
from renda.appointments import services
from renda.appointments.models import AppointmentKind, Nominator, PostKind
from renda.core import clock
from renda.core.roles import Role
from renda.meetings import services as meetings
from renda.meetings.tests.conftest import committee, meeting, member_user, office, sign_in, term  # noqa: F401
from renda.voting import services as voting
from renda.voting.models import NO, YES

DAY = datetime.date(2026, 3, 20)  # the meeting's date (meetings' fixture)


def at(day: datetime.date, hour: int = 9):
    return clock.at(datetime.datetime(day.year, day.month, day.day, hour, tzinfo=datetime.UTC))


@pytest.fixture
def post(office):
    return services.post_create(name="县教育局局长", organ="县教育局", kind=PostKind.DEPT_HEAD, actor=office)


@pytest.fixture
def person(office):
    return services.person_create(name="王建国", gender="male", birth_month="1975.04", actor=office)


def nominate(term, person, post, office, kind=AppointmentKind.APPOINT, **extra):
    nominator = extra.pop("nominator", Nominator.GOVERNMENT_HEAD)
    with at(datetime.date(2026, 3, 1)):
        return services.appointment_nominate(
            term=term, kind=kind, person=person, post=post, nominator=nominator, actor=office, **extra
        )


def to_vote(appointment, meeting, committee, office, *, present=13, score=85):
    """Exam (appointments), agenda, papers on time, the meeting convened with `present` members signed in,
    statement, deliberation, the vote created and opened. Returns (appointment, vote)."""
    with at(datetime.date(2026, 3, 5)):
        if appointment.kind == AppointmentKind.APPOINT and appointment.exam is None:
            services.exam_record(
                appointment=appointment, taken_on=datetime.date(2026, 3, 5), score=score, actor=office
            )
        appointment = services.appointment_schedule(appointment=appointment, meeting=meeting, actor=office)
        appointment = services.appointment_papers_send(appointment=appointment, actor=office)
    with at(DAY):
        meeting.refresh_from_db()
        if meeting.state == "planned":
            meetings.meeting_convene(meeting=meeting, actor=office)
            sign_in(meeting, committee[:present], office)
        appointment.refresh_from_db()
        if appointment.kind == AppointmentKind.APPOINT:
            appointment = services.appointment_statement(
                appointment=appointment, summary="供职发言", actor=office
            )
        appointment = services.appointment_deliberate(appointment=appointment, summary="同意", actor=office)
        event = services.appointment_vote_create(appointment=appointment, actor=office)
        event = voting.vote_open(event=event, actor=office)
    return appointment, event


def cast(event, deputies, make_user, choice=YES):
    with at(DAY, 10):
        for deputy in deputies:
            voter = User.objects.filter(deputy=deputy).first() or make_user(Role.MEMBER, deputy=deputy)
            voting.ballot_cast(event=event, deputy=deputy, choice=choice, actor=voter)


def close(event, office):
    with at(DAY, 11):
        voting.vote_close(event=event, actor=office)


__all__ = ["NO", "YES", "committee", "meeting", "member_user", "office", "sign_in", "term"]
