"""Citizens' opinions' reminders (core.reminders), sent by the daily tick (platform.py) in this order: the
departments' four from casework, then the station's own — forwarding late, the citizen not yet asked."""

import datetime

from renda.casework.reminders import assignment_reminders
from renda.core.formats import cn_date
from renda.core.reminders import Reminder
from renda.core.rules import rule
from renda.opinions.models import Opinion, State
from renda.opinions.services import _url, keepers
from renda.opinions.workflows import CASES

FORWARD_LATE = Reminder(
    name="forward_late",
    due=lambda today: Opinion.objects.filter(state=State.RECEIVED, forward_due__lt=today),
    recipients=keepers,
    title=lambda o: f"群众意见逾期未处理：{o.title}",
    body=lambda o: f"应于{cn_date(o.forward_due)}前转办或处理。",
    url=_url,
    key=lambda o: f"opinion-forward:{o.pk}",
)


def _follow_up_due(today: datetime.date):
    """Answered (or told) more than opinion_follow_up_days ago, and the citizen not yet asked."""
    since = today - datetime.timedelta(days=rule("opinion_follow_up_days"))
    return Opinion.objects.filter(state__in=[State.ANSWERED, State.INFORMED], answered_on__lt=since)


FOLLOW_UP = Reminder(
    name="follow_up",
    due=_follow_up_due,
    recipients=keepers,
    title=lambda o: f"请回访群众：{o.title}",
    body=lambda o: f"部门已于{cn_date(o.answered_on)}答复，尚未回访群众是否解决。",
    url=_url,
    key=lambda o: f"opinion-follow-up:{o.pk}:{o.round}",
)

REMINDERS = [*assignment_reminders(CASES), FORWARD_LATE, FOLLOW_UP]
