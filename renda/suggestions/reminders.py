"""The suggestions workflow's reminders (core.reminders), sent by its daily tick job (platform.py) in this order:
the handling chain's four (renda.casework.reminders, for the suggestion's CaseKind) and the suggestion's own.

Keys name the row, so a reminder goes out once per row, however often the tick runs."""

from renda.casework.reminders import assignment_reminders
from renda.casework.services import unit_users
from renda.core.formats import cn_date
from renda.core.reminders import Reminder
from renda.suggestions.models import (
    Commitment,
    State,
    Suggestion,
)
from renda.suggestions.services.common import case_url
from renda.suggestions.workflows import CASES, office_users

COMMITMENT_DUE = Reminder(
    name="commitments",
    due=lambda today: Commitment.objects.filter(status=Commitment.Status.OPEN, due__lte=today).select_related(
        "reply__assignment__suggestion"
    ),
    recipients=lambda c: unit_users(c.reply.assignment.unit_id),
    title=lambda c: f"承诺事项到期，请报告进展：{c.reply.assignment.suggestion.title}",
    body=lambda c: c.description,
    url=lambda c: case_url(c.reply.assignment.suggestion),
    key=lambda c: f"commitment:{c.pk}:{c.year}",
)

UNASSIGNED = Reminder(
    name="unassigned",
    due=lambda today: Suggestion.objects.filter(state=State.ACCEPTED, assignment_due__lt=today),
    recipients=lambda s: office_users(),
    title=lambda s: f"建议逾期未交办：{s.number} {s.title}",
    body=lambda s: f"应于{cn_date(s.assignment_due)}前交办。",
    url=case_url,
    key=lambda s: f"assignment-due:{s.pk}",
)

OVERDUE, DUE_SOON, CONTACT_LATE, JOINT_OPINION_LATE = assignment_reminders(CASES)
REMINDERS = [OVERDUE, DUE_SOON, COMMITMENT_DUE, UNASSIGNED, CONTACT_LATE, JOINT_OPINION_LATE]
