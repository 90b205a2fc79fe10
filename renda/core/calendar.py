"""Working days on the official Chinese calendar (holidays and 调休), and month arithmetic.

Order of authority for a date: an administrator's CalendarDay entry, then the `chinese-calendar` package
(which knows 2004–2026 in version 1.11), then weekends only — with a warning for that year."""

import calendar as _calendar
import datetime
from functools import lru_cache

import chinese_calendar

from renda.core.models import CalendarDay


def add_months(start: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, clamped to the month's end: 1月31日 + 3 months = 4月30日."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, _calendar.monthrange(year, month)[1])
    return datetime.date(year, month, day)


@lru_cache(maxsize=64)
def _package_knows(year: int) -> bool:
    try:
        chinese_calendar.is_workday(datetime.date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


def _entries(start: datetime.date, end: datetime.date) -> dict[datetime.date, bool]:
    return dict(CalendarDay.objects.filter(date__range=(start, end)).values_list("date", "is_workday"))


def _is_workday(day: datetime.date, entries: dict[datetime.date, bool]) -> bool:
    if day in entries:
        return entries[day]
    if _package_knows(day.year):
        return chinese_calendar.is_workday(day)
    return day.weekday() < 5


def is_workday(day: datetime.date) -> bool:
    return _is_workday(day, _entries(day, day))


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The `days`-th working day after `start` (the start day itself is not counted)."""
    if days <= 0:
        return start
    # Read the administrator's entries once for a window wide enough for any holiday season.
    entries = _entries(start, start + datetime.timedelta(days=days * 2 + 30))
    current, counted = start, 0
    while counted < days:
        current += datetime.timedelta(days=1)
        if _is_workday(current, entries):
            counted += 1
    return current


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after `start` up to and including `end` (0 when end ≤ start)."""
    if end <= start:
        return 0
    entries = _entries(start, end)
    return sum(
        _is_workday(start + datetime.timedelta(days=offset), entries)
        for offset in range(1, (end - start).days + 1)
    )


def unknown_years(years: list[int]) -> list[int]:
    """Years in which neither the package nor administrators' entries define holidays (warn about these)."""
    entered = {d.year for d in CalendarDay.objects.filter(date__year__in=years).dates("date", "year")}
    return [year for year in years if not _package_knows(year) and year not in entered]
