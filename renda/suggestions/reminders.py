"""The suggestions workflow's reminders (core.reminders), sent by its daily tick job (platform.py) in this order.

Keys name the row, and the round for reply deadlines, so a reminder goes out once per row (per round), however
often the tick runs."""

import datetime

from django.db.models import QuerySet

from renda.core.formats import cn_date
from renda.core.reminders import Reminder
from renda.core.rules import rule
from renda.suggestions.models import (
    ANSWERING_ROLES,
    OPEN_STATES,
    Assignment,
    AssignmentRole,
    AssignmentState,
    Commitment,
    State,
    Suggestion,
)
from renda.suggestions.services import _url, office_users, unit_users


def answering() -> QuerySet[Assignment]:
    """Open lead or split assignments of suggestions being (re)handled: the ones that owe a reply."""
    return Assignment.objects.filter(
        role__in=ANSWERING_ROLES,
        state__in=OPEN_STATES,
        suggestion__state__in=[State.HANDLING, State.REHANDLING],
    ).select_related("suggestion", "unit")


def _soon(today: datetime.date) -> datetime.date:
    return today + datetime.timedelta(days=rule("due_soon_days"))


REPLY_OVERDUE = Reminder(
    name="overdue",
    counted=False,  # the tick counts the cases it marks overdue under this name, not the messages
    due=lambda today: answering().filter(due__lt=today),
    recipients=lambda a: unit_users(a.unit_id) + office_users(),
    title=lambda a: f"建议答复已超期：{a.suggestion.title}",
    body=lambda a: f"{a.unit.name}，答复期限{cn_date(a.due)}。",
    url=lambda a: _url(a.suggestion),
    key=lambda a: f"overdue:{a.pk}:{a.suggestion.round}",
)

REPLY_DUE_SOON = Reminder(
    name="due_soon",
    due=lambda today: answering().filter(due__gte=today, due__lte=_soon(today)),
    recipients=lambda a: unit_users(a.unit_id),
    title=lambda a: f"建议答复即将到期：{a.suggestion.title}",
    body=lambda a: f"答复期限{cn_date(a.due)}。",
    url=lambda a: _url(a.suggestion),
    key=lambda a: f"due-soon:{a.pk}:{a.suggestion.round}",
)

COMMITMENT_DUE = Reminder(
    name="commitments",
    due=lambda today: Commitment.objects.filter(status=Commitment.Status.OPEN, due__lte=today).select_related(
        "reply__assignment__suggestion"
    ),
    recipients=lambda c: unit_users(c.reply.assignment.unit_id),
    title=lambda c: f"承诺事项到期，请报告进展：{c.reply.assignment.suggestion.title}",
    body=lambda c: c.description,
    url=lambda c: _url(c.reply.assignment.suggestion),
    key=lambda c: f"commitment:{c.pk}:{c.year}",
)

UNASSIGNED = Reminder(
    name="unassigned",
    due=lambda today: Suggestion.objects.filter(state=State.ACCEPTED, assignment_due__lt=today),
    recipients=lambda s: office_users(),
    title=lambda s: f"建议逾期未交办：{s.number} {s.title}",
    body=lambda s: f"应于{cn_date(s.assignment_due)}前交办。",
    url=_url,
    key=lambda s: f"assignment-due:{s.pk}",
)

CONTACT_LATE = Reminder(
    name="contact",
    due=lambda today: answering().filter(contact_deadline__lt=today, contacts__isnull=True),
    recipients=lambda a: unit_users(a.unit_id),
    title=lambda a: f"尚未联系代表：{a.suggestion.title}",
    body=lambda a: f"应于{cn_date(a.contact_deadline)}前与代表联系沟通（代表法第51条）。",
    url=lambda a: _url(a.suggestion),
    key=lambda a: f"contact:{a.pk}",
)

JOINT_OPINION_LATE = Reminder(
    name="joint_opinion",
    due=lambda today: Assignment.objects.filter(
        role=AssignmentRole.JOINT,
        state__in=[AssignmentState.ASSIGNED, AssignmentState.ACCEPTED],
        opinion_due__lt=today,
        suggestion__state__in=[State.HANDLING, State.REHANDLING],
    ).select_related("suggestion"),
    recipients=lambda a: unit_users(a.unit_id),
    title=lambda a: f"会办意见已超期：{a.suggestion.title}",
    body=lambda a: f"应于{cn_date(a.opinion_due)}前向主办单位提出会办意见。",
    url=lambda a: _url(a.suggestion),
    key=lambda a: f"joint-opinion:{a.pk}",
)

REMINDERS = [REPLY_OVERDUE, REPLY_DUE_SOON, COMMITMENT_DUE, UNASSIGNED, CONTACT_LATE, JOINT_OPINION_LATE]
