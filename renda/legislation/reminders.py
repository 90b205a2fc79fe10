"""The legislative outreach's reminders (core.reminders), sent by the daily tick (platform.py): the office is
told `legislation_remind_days` working days ahead (core.calendar) of a consultation's internal deadline for the
stations and deputies and of the end of its public window. A moved date is a new reminder (the key holds it)."""

import datetime

from django.db.models import QuerySet

from renda.core.calendar import add_working_days
from renda.core.formats import cn_date
from renda.core.reminders import Reminder
from renda.core.roles import Role, holders
from renda.core.rules import rule
from renda.legislation.models import Draft, DraftState
from renda.legislation.workflows import MANAGE


def office_users() -> list:
    """The clerks who run the consultations (administrators hold every capability but are not reminded)."""
    return list(holders(MANAGE).filter(groups__name=Role.CLERK))


def _horizon(today: datetime.date) -> datetime.date:
    """The last day a reminder is due for on `today`: `legislation_remind_days` working days ahead."""
    return add_working_days(today, rule("legislation_remind_days"))


def internal_due_soon(today: datetime.date) -> QuerySet[Draft]:
    """Consultations whose internal deadline falls from today to the horizon."""
    return Draft.objects.filter(state=DraftState.CONSULTING, internal_due__range=(today, _horizon(today)))


def closing_soon(today: datetime.date) -> QuerySet[Draft]:
    """Consultations whose public window ends from today to the horizon."""
    return Draft.objects.filter(state=DraftState.CONSULTING, closes_on__range=(today, _horizon(today)))


def _url(draft: Draft) -> str:
    return f"/legislation/{draft.pk}/"


INTERNAL_DUE = Reminder(
    name="legislation_internal_due",
    due=internal_due_soon,
    recipients=lambda draft: office_users(),
    title=lambda draft: f"征求意见内部截止日期将到：{draft.title}",
    body=lambda draft: f"联络站、代表报送意见的内部截止日期为{cn_date(draft.internal_due)}。",
    url=_url,
    key=lambda draft: f"legislation-internal-due:{draft.pk}:{draft.internal_due}",
)

CLOSING = Reminder(
    name="legislation_closing",
    due=closing_soon,
    recipients=lambda draft: office_users(),
    title=lambda draft: f"公开征求意见即将结束：{draft.title}",
    body=lambda draft: f"公开征求意见截止日期为{cn_date(draft.closes_on)}，届满后转入整理。",
    url=_url,
    key=lambda draft: f"legislation-closing:{draft.pk}:{draft.closes_on}",
)

REMINDERS = [INTERNAL_DUE, CLOSING]
