"""To-dos of duty records for the 工作台 (core.todos): the office's entries to decide and deputies who owe a
report to voters; the keeper's reports to record and to close; a deputy's coming reports and what they owe."""

from django.urls import reverse

from renda.core import clock
from renda.core.calendar import add_months
from renda.core.roles import Role, can, has_role
from renda.core.rules import rule
from renda.core.todos import SOON, TodoItem
from renda.deputies.selectors import deputies_in_scope, scope_label
from renda.duties.models import DutyEntry, DutyReport, EntryState, ReportState
from renda.duties.selectors import deputies_owing_reports, owed_by, term_span
from renda.duties.workflows import KEEP, MANAGE, OWN
from renda.org.selectors import term_current

SOURCE = "履职档案"
LIMIT = 20


def office_steps(user) -> list[TodoItem]:
    """For the office: entries waiting for a decision; deputies in office who owe this term's report."""
    if not can(user, MANAGE):
        return []
    items = []
    waiting = DutyEntry.objects.filter(state=EntryState.SUBMITTED).count()
    if waiting:
        items.append(
            TodoItem(
                f"{waiting}项代表履职自报待认定",
                reverse("duties:entry_list") + "?state=submitted",
                SOURCE,
                urgency=SOON,
            )
        )
    term = term_current()
    if term is not None:
        owing = deputies_in_scope(deputies_owing_reports(term), user).count()  # as the list opens
        if owing:
            items.append(
                TodoItem(
                    f"{owing}名{scope_label(user)}本届尚未向选民述职",
                    reverse("duties:owing"),
                    SOURCE,
                    due=term_span(term)[1],
                )
            )
    return items


def station_steps(user) -> list[TodoItem]:
    """For keepers (their station) and the office (all): reports that took place to record, ratings to close."""
    if can(user, MANAGE):
        reports = DutyReport.objects.all()
    elif can(user, KEEP) and user.station_id:
        reports = DutyReport.objects.filter(station_id=user.station_id)
    else:
        return []
    today = clock.today()
    items = [
        TodoItem(
            f"登记述职情况：{report.title}",
            reverse("duties:report_detail", args=[report.pk]),
            SOURCE,
            due=report.date,
        )
        for report in reports.filter(state=ReportState.SCHEDULED, date__lte=today).order_by("date", "pk")[
            :LIMIT
        ]
    ]
    items += [
        TodoItem(
            f"汇总评议并结束：{report.title}",
            reverse("duties:report_detail", args=[report.pk]),
            SOURCE,
            urgency=SOON,
        )
        for report in reports.filter(state=ReportState.HELD).order_by("date", "pk")[:LIMIT]
    ]
    return items


def deputy_steps(user) -> list[TodoItem]:
    """For a deputy, and a standing committee member who is one: their reports to voters to come; in the
    term's last months (rule duty_report_reminder_months), the report they still owe, shown on their workspace
    (a member without the deputy's role: on their record). Reception days are the deputies area's to-dos."""
    own = can(user, OWN)
    if not (getattr(user, "deputy_id", None) and (own or has_role(user, Role.MEMBER))):
        return []
    coming = DutyReport.objects.filter(deputies=user.deputy_id, state=ReportState.SCHEDULED).order_by(
        "date", "pk"
    )
    items = [
        TodoItem(
            f"向选民述职：{report.place}",
            reverse("duties:report_detail", args=[report.pk]),
            SOURCE,
            due=report.date,
        )
        for report in coming[:LIMIT]
    ]
    owed = owed_by(user.deputy)
    if owed.reports_missing and not items and owed.term is not None:
        end = term_span(owed.term)[1]
        if clock.today() <= end <= add_months(clock.today(), rule("duty_report_reminder_months")):
            url = reverse("duties:mine") if own else reverse("duties:record", args=[user.deputy_id])
            items.append(TodoItem(owed.reports_sentence, url, SOURCE, due=end))
    return items
