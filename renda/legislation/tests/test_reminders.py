"""The office's reminders before a consultation's internal deadline and the end of its public window."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from renda.core.models import Notification
from renda.legislation import services
from renda.legislation.platform import PLATFORM
from renda.legislation.tests.conftest import CLOSE, OPEN, at

INTERNAL = datetime.date(2026, 3, 20)  # a Friday; 3 working days before it is Tuesday 17 March


@pytest.fixture
def with_internal_due(draft, clerk, keeper):
    with at(OPEN):
        return services.draft_open(
            draft=draft, opens_on=OPEN, closes_on=CLOSE, internal_due=INTERNAL, stations=[keeper.station],
            actor=clerk,
        )  # fmt: skip


def _tick_on(day: datetime.date) -> dict[str, int]:
    """The area's daily job as renda_tick runs it, on a frozen date."""
    with time_machine.travel(
        datetime.datetime.combine(day, datetime.time(6), tzinfo=datetime.UTC), tick=False
    ):
        (job,) = PLATFORM.tick_jobs
        return job.run(today=timezone.localdate())


def test_office_reminded_working_days_before_the_internal_deadline(with_internal_due, clerk, keeper):
    assert _tick_on(datetime.date(2026, 3, 16))["legislation_internal_due"] == 0  # 4 working days ahead
    assert _tick_on(datetime.date(2026, 3, 17))["legislation_internal_due"] == 1
    assert _tick_on(datetime.date(2026, 3, 18))["legislation_internal_due"] == 0  # sent once
    (note,) = Notification.objects.filter(key__startswith="legislation-internal-due")
    assert note.recipient == clerk and "2026年3月20日" in note.body
    assert not Notification.objects.filter(recipient=keeper, key__startswith="legislation-")


def test_office_reminded_before_the_consultation_ends_counting_working_days(with_internal_due, clerk):
    # CLOSE is Wednesday 1 April: three working days before it is Friday 27 March (the weekend not counted).
    assert _tick_on(datetime.date(2026, 3, 26))["legislation_closing"] == 0
    assert _tick_on(datetime.date(2026, 3, 27))["legislation_closing"] == 1
    assert _tick_on(datetime.date(2026, 3, 30))["legislation_closing"] == 0
    assert Notification.objects.get(key__startswith="legislation-closing").recipient == clerk


def test_remind_days_is_a_setting(with_internal_due, settings):
    settings.RENDA_RULE_OVERRIDES = {"legislation_remind_days": 5}
    assert (
        _tick_on(datetime.date(2026, 3, 13))["legislation_internal_due"] == 1
    )  # Friday: 5 working days ahead


def test_no_reminder_once_the_consultation_is_closed(with_internal_due, clerk):
    with at(datetime.date(2026, 3, 16)):
        services.draft_close(draft=with_internal_due, actor=clerk)
    assert _tick_on(datetime.date(2026, 3, 17))["legislation_internal_due"] == 0
