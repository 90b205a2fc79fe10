"""Fixtures of oversight: the standing committee of 25 and its meeting (the meetings' fixtures), a body overseen
with its officer, the year's plan, and helpers that take an item through the real services on past dates."""

import datetime

import pytest

from renda.accounts.models import User
from renda.core import clock
from renda.core.roles import Role
from renda.meetings import services as meetings
from renda.meetings.models import MeetingKind
from renda.meetings.tests.conftest import committee, meeting, member_user, office, sign_in, term  # noqa: F401
from renda.org.tests.factories import CommitteeOfficeFactory, HandlingUnitFactory
from renda.oversight import services
from renda.oversight.models import ItemKind
from renda.voting import services as voting
from renda.voting.models import VoteOption

DAY = datetime.date(2026, 3, 20)  # the meeting's date (meetings' fixture), a Friday


def at(day: datetime.date, hour: int = 9):
    return clock.at(datetime.datetime(day.year, day.month, day.day, hour, tzinfo=datetime.UTC))


@pytest.fixture
def body(db):
    return HandlingUnitFactory(name="县生态环境局")


@pytest.fixture
def body_user(make_user, body):
    return make_user(Role.UNIT, handling_unit=body)


@pytest.fixture
def plan(office, body, committee):
    with at(datetime.date(2026, 1, 10)):
        plan = services.plan_create(year=2026, actor=office)
        services.item_add(
            plan=plan, kind=ItemKind.WORK_REPORT, title="关于全县生态环境保护工作情况的报告", body=body,
            committee=CommitteeOfficeFactory(name="城建环保工委"), planned_month=3, members=committee[4:7],
            actor=office,
        )  # fmt: skip
    return plan


def adopted(plan, office):
    with at(datetime.date(2026, 1, 15)):
        return services.plan_adopt(plan=plan, adopted_on=datetime.date(2026, 1, 15), actor=office)


def heard(plan, meeting, committee, office, problems=("问题一", "问题二")):
    """The plan adopted, its first item scheduled, the meeting convened with 20 members, deliberated."""
    if plan.state == "draft":
        adopted(plan, office)
    item = plan.items.first()
    with at(datetime.date(2026, 2, 5)):
        item = services.item_schedule(item=item, meeting=meeting, actor=office)
    with at(DAY):
        meetings.meeting_convene(meeting=meeting, actor=office)
        sign_in(meeting, committee[:20], office)
        item = services.item_deliberate(item=item, problems=list(problems), findings="检查发现", actor=office)
    return item


def second_meeting(term, committee, office, day=datetime.date(2026, 6, 19)):
    with at(datetime.date(2026, 5, 1)):
        m = meetings.meeting_create(
            kind=MeetingKind.STANDING,
            term=term,
            date=day,
            place="会议室",
            presider=committee[0],
            actor=office,
        )
    with at(day):
        m = meetings.meeting_convene(meeting=m, actor=office)
        sign_in(m, committee[:20], office)
    return m


def rate(item, meeting, committee, office, make_user, choices, day=datetime.date(2026, 6, 19)):
    """The satisfaction vote at `meeting`: `choices` maps 满意/基本满意/不满意 to how many members choose it."""
    meeting.refresh_from_db()
    with at(day):
        event = services.item_vote_create(item=item, meeting=meeting, actor=office)
        event = voting.vote_open(event=event, actor=office)
    codes = {o.label: o.pk for o in VoteOption.objects.filter(event=event)}
    start = 0
    with at(day, 10):
        for label, n in choices.items():
            for deputy in committee[start : start + n]:
                voter = User.objects.filter(deputy=deputy).first() or make_user(Role.MEMBER, deputy=deputy)
                voting.ballot_cast(event=event, deputy=deputy, choice=[codes[label]], actor=voter)
            start += n
    with at(day, 11):
        voting.vote_close(event=event, actor=office)
    item.refresh_from_db()
    return item


__all__ = ["committee", "meeting", "member_user", "office", "sign_in", "term"]
