"""The reminder of reports to voters (core.reminders), sent by the daily tick (platform.py): a deputy in office
who has not reported to their voters as often as rule duty_reports_per_term asks is reminded once a term, when
no more than rule duty_report_reminder_months months of the term remain."""

import datetime

from django.db.models import QuerySet

from renda.accounts.models import User
from renda.core.calendar import add_months
from renda.core.formats import cn_date
from renda.core.reminders import Reminder
from renda.core.rules import rule
from renda.deputies.models import Deputy
from renda.duties.selectors import deputies_owing_reports, term_span
from renda.org.selectors import term_current


def _owing(today: datetime.date) -> QuerySet[Deputy]:
    term = term_current()
    if term is None:
        return Deputy.objects.none()
    end = term_span(term)[1]
    if not add_months(today, rule("duty_report_reminder_months")) >= end >= today:
        return Deputy.objects.none()
    return deputies_owing_reports(term).filter(user__is_active=True).order_by("pk")


def _body(deputy: Deputy) -> str:
    term = term_current()
    end = cn_date(term_span(term)[1]) if term else ""
    return f"本届任期至{end}。按规定，代表每届任期内至少向原选区选民述职{rule('duty_reports_per_term')}次，请与联络站商定述职时间。"


def _key(deputy: Deputy) -> str:
    term = term_current()
    return f"duty-report-owed:{term.pk if term else 0}:{deputy.pk}"


REPORT_OWED = Reminder(
    name="report_owed",
    due=_owing,
    recipients=lambda deputy: User.objects.filter(deputy=deputy, is_active=True),
    title=lambda deputy: "本届尚未向选民述职",
    body=_body,
    url=lambda deputy: "/duties/mine/",
    key=_key,
)

REMINDERS = [REPORT_OWED]
