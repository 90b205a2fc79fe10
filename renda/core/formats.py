"""Formatting at the edge, one function per kind of value, used by pages (through the template filters of
core/templatetags/renda.py), service messages, reports and exports alike.

- dates as 2024年3月8日 (no zero padding), times of day added for a datetime in local time;
- percentages from a numerator and a denominator as the reports write them: 82.6%, 100%, — when there is
  nothing to divide (house rule 11: rates are stored as the two counts and formatted here)."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone


def cn_date(value: datetime.date | datetime.datetime | None, *, time: bool = True) -> str:
    """2024年3月8日; a datetime is read in local time and also gives its time of day, 2024年3月8日 14:05,
    unless `time` is False; '' for no date."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        if time:
            return f"{value.year}年{value.month}月{value.day}日 {value:%H:%M}"
    return f"{value.year}年{value.month}月{value.day}日"


def cn_month(value: datetime.date | None) -> str:
    """2024年3月 (a month's report); '' for no date."""
    return f"{value.year}年{value.month}月" if value else ""


def percent(numerator: int | Decimal, denominator: int | Decimal) -> str:
    """82.6%, 100%, 98%: one decimal rounded half up, none when it rounds to a whole number; — when the
    denominator is zero or missing."""
    if not denominator:
        return "—"
    value = (Decimal(numerator) * 100 / Decimal(denominator)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return f"{value.normalize():f}%"
