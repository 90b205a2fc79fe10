"""Working days on the official Chinese calendar (RULES.md: working days follow the official calendar,
including holidays and 调休; unknown years use the admin table, else weekends only with a warning)."""

import datetime

import pytest

from renda.core.calendar import add_months, add_working_days, is_workday, unknown_years, working_days_between
from renda.core.models import CalendarDay

D = datetime.date


def test_add_months_clamps_month_ends():
    assert add_months(D(2024, 1, 31), 3) == D(2024, 4, 30)
    assert add_months(D(2023, 11, 30), 3) == D(2024, 2, 29)
    assert add_months(D(2023, 8, 31), 6) == D(2024, 2, 29)
    assert add_months(D(2024, 3, 15), 12) == D(2025, 3, 15)


@pytest.mark.django_db
def test_national_day_holiday_and_swapped_workday_2026():
    assert not is_workday(D(2026, 10, 1))  # 国庆节
    assert is_workday(D(2026, 10, 10))  # Saturday worked in exchange (调休)
    # From 30 September 2026 the National Day week (1–7 October) is skipped and Saturday 10 October counts.
    assert add_working_days(D(2026, 9, 30), 1) == D(2026, 10, 8)
    assert add_working_days(D(2026, 9, 30), 3) == D(2026, 10, 10)


@pytest.mark.django_db
def test_spring_festival_2025_is_skipped():
    # 春节 2025: 28 January – 4 February off; 26 January (Sunday) and 8 February (Saturday) worked.
    assert add_working_days(D(2025, 1, 27), 1) == D(2025, 2, 5)
    assert is_workday(D(2025, 2, 8))


@pytest.mark.django_db
def test_unknown_year_counts_weekends_only_and_warns():
    assert unknown_years([2026, 2027]) == [2027]
    assert add_working_days(D(2027, 1, 1), 1) == D(2027, 1, 4)  # Friday → Monday, no holiday data


@pytest.mark.django_db
def test_admin_entries_override_and_define_unknown_years():
    CalendarDay.objects.create(date=D(2027, 1, 1), is_workday=False, note="元旦")
    CalendarDay.objects.create(date=D(2027, 1, 4), is_workday=False, note="元旦调休")
    assert unknown_years([2027]) == []
    assert add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 5)


@pytest.mark.django_db
def test_working_days_between():
    assert working_days_between(D(2026, 9, 30), D(2026, 10, 11)) == 3
    assert working_days_between(D(2026, 10, 9), D(2026, 10, 9)) == 0
