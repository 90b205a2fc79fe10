"""Declared reminders: what is due, to whom, saying what, and the key that makes it once only.

An app declares its reminders (usually in `<app>/reminders.py`) and puts them among the steps of a daily
TickJob in its `platform.py`; renda_tick sends each through core.notifications.notify. Every message carries
the reminder's key, and notify sends a key to a recipient once, so running the tick twice sends nothing twice
(house rule 9).

    CONTACT = Reminder(
        name="contact",
        due=lambda today: Assignment.objects.filter(contact_deadline__lt=today, contacts__isnull=True),
        recipients=lambda assignment: unit_users(assignment.unit_id),
        title=lambda assignment: f"尚未联系代表：{assignment.suggestion.title}",
        body=lambda assignment: f"应于{cn_date(assignment.contact_deadline)}前与代表联系。",
        url=lambda assignment: assignment.suggestion.get_absolute_url(),
        key=lambda assignment: f"contact:{assignment.pk}",
    )
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from renda.core.notifications import notify


def _blank(row: Any) -> str:
    return ""


@dataclass(frozen=True)
class Reminder:
    name: str  # what the tick counts it as ("contact 2")
    due: Callable[[datetime.date], QuerySet | Iterable[Any]]  # the rows it is due for on `today`
    recipients: Callable[[Any], Iterable[Any]]  # the users to remind of one row
    title: Callable[[Any], str]
    key: Callable[[Any], str]  # the same row on a later day gives the same key: sent once
    body: Callable[[Any], str] = _blank
    url: Callable[[Any], str] = _blank
    counted: bool = True  # False: sent but not counted (the tick reports something else under its name)

    def send(self, *, today: datetime.date) -> int:
        """Remind of every row due on `today`; returns how many messages were new."""
        sent = 0
        for row in self.due(today):
            key = self.key(row)
            if not key:
                raise ValueError(f"提醒 {self.name} 的消息没有键，无法保证只发送一次。")
            sent += notify(
                recipients=self.recipients(row),
                title=self.title(row),
                body=self.body(row),
                url=self.url(row),
                key=key,
            )
        return sent


def reminders_send(reminders: Iterable[Reminder], *, today: datetime.date) -> dict[str, int]:
    """Send `reminders` in order; the new messages of each counted one by its name."""
    counts: dict[str, int] = {}
    for reminder in reminders:
        sent = reminder.send(today=today)
        if reminder.counted:
            counts[reminder.name] = counts.get(reminder.name, 0) + sent
    return counts
