"""The platform's clock: what services, moves and their guards read as "now".

Services never call `timezone.now()` or `timezone.localdate()` for the moment they act at; they call
`clock.now()` / `clock.today()`. Normally that is the real time. Inside `with clock.at(moment):` it is
`moment`, for everything the block does in this thread (or task): so the demo generator and the tests'
casebook replay the real services on past dates — a reply sent in 2025 is dated, checked against its window
and counted as on time or late exactly as if it had been sent then — instead of copying their rules."""

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.utils import timezone

_moment: ContextVar[datetime.datetime | None] = ContextVar("renda_clock", default=None)


def now() -> datetime.datetime:
    return _moment.get() or timezone.now()


def today() -> datetime.date:
    return timezone.localdate(now())


@contextmanager
def at(moment: datetime.datetime | datetime.date) -> Iterator[datetime.datetime]:
    """Let the clock read `moment` (a date means 09:00 local time that day) inside the block."""
    if not isinstance(moment, datetime.datetime):
        moment = datetime.datetime.combine(moment, datetime.time(9))
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    token = _moment.set(moment)
    try:
        yield moment
    finally:
        _moment.reset(token)
