"""Declared reminders (core.reminders): sent through notify with their key, so a tick run twice sends once."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from renda.core import registry
from renda.core.models import Notification
from renda.core.registry import Platform, TickJob, build
from renda.core.reminders import Reminder, reminders_send

pytestmark = pytest.mark.django_db

D = datetime.date


def users_named(prefix: str):
    return lambda today: get_user_model().objects.filter(username__startswith=prefix).order_by("pk")


WELCOME = Reminder(
    name="welcome",
    due=users_named("new-"),
    recipients=lambda user: [user],
    title=lambda user: f"欢迎，{user.username}",
    body=lambda user: "请完善个人信息。",
    url=lambda user: "/accounts/profile/",
    key=lambda user: f"welcome:{user.pk}",
)


@pytest.fixture
def newcomers(make_user):
    return [make_user(), make_user()]


@pytest.fixture
def named(newcomers):
    for number, user in enumerate(newcomers):
        user.username = f"new-{number}"
        user.email = f"new{number}@example.org"
        user.save()
    return newcomers


def test_a_reminder_sends_to_each_row_s_recipients_once(
    named, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send([WELCOME], today=D(2026, 3, 8)) == {"welcome": 2}
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send([WELCOME], today=D(2026, 3, 9)) == {"welcome": 0}
    messages = Notification.objects.filter(key__startswith="welcome:").order_by("recipient_id")
    assert [(m.recipient_id, m.title, m.body, m.url) for m in messages] == [
        (user.pk, f"欢迎，{user.username}", "请完善个人信息。", "/accounts/profile/") for user in named
    ]
    assert len(mailoutbox) == 2


def test_a_new_row_is_reminded_on_a_later_run_the_others_not_again(named, make_user):
    reminders_send([WELCOME], today=D(2026, 3, 8))
    later = make_user()
    later.username = "new-later"
    later.save()
    assert reminders_send([WELCOME], today=D(2026, 3, 9)) == {"welcome": 1}
    assert Notification.objects.filter(recipient=later, key=f"welcome:{later.pk}").count() == 1


def test_nothing_due_nothing_sent(newcomers):
    assert reminders_send([WELCOME], today=D(2026, 3, 8)) == {"welcome": 0}
    assert not Notification.objects.exists()


def test_an_uncounted_reminder_is_sent_but_not_reported(named):
    quiet = Reminder(
        name="quiet",
        counted=False,
        due=users_named("new-"),
        recipients=lambda user: [user],
        title=lambda user: "提示",
        key=lambda user: f"quiet:{user.pk}",
    )
    assert reminders_send([quiet], today=D(2026, 3, 8)) == {}
    assert Notification.objects.filter(key__startswith="quiet:", body="", url="").count() == 2


def test_a_reminder_without_a_key_is_refused(named):
    keyless = Reminder(
        name="keyless",
        due=users_named("new-"),
        recipients=lambda user: [user],
        title=lambda user: "提示",
        key=lambda user: "",
    )
    with pytest.raises(ValueError, match="没有键"):
        reminders_send([keyless], today=D(2026, 3, 8))


def mark(*, today):
    return {"marked": 1}


def test_the_tick_runs_declared_reminders_in_their_job_idempotently(named, monkeypatch):
    job = TickJob(steps=[mark, WELCOME])
    monkeypatch.setattr(registry, "_registry", build([Platform(tick_jobs=[job], app_module="renda.test")]))
    first, second = io.StringIO(), io.StringIO()
    call_command("renda_tick", "--date", "2026-03-08", stdout=first)
    call_command("renda_tick", "--date", "2026-03-08", stdout=second)
    assert first.getvalue().strip() == "renda.test：marked 1，welcome 2"
    assert second.getvalue().strip() == "renda.test：marked 1，welcome 0"
    assert Notification.objects.filter(key__startswith="welcome:").count() == 2


def test_the_reminders_of_one_job_have_distinct_names():
    """Counts merge by name within a job's line, so two reminders of one job never share one."""
    for _, job in registry.platforms().tick_jobs:
        names = [step.name for step in job.steps if isinstance(step, Reminder)]
        assert len(names) == len(set(names)), names
