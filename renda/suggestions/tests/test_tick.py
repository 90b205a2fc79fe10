"""The daily tick (`manage.py renda_tick`): overdue marking, reminders, expired evaluations and the year-end
roll-over of commitments. Running it twice sends nothing twice (house rule 9)."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from renda.core.models import Notification
from renda.suggestions import platform, services
from renda.suggestions.models import Commitment, Rating, State, Suggestion
from renda.suggestions.tests import flow

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def cases(time_machine, deputy, office, officer):
    """On 20 May 2026: one case due 2 June, one due 15 June, and one answered 'being solved' with a
    commitment due 1 June (its evaluation window ends 10 June)."""
    time_machine.move_to(datetime.datetime(2026, 5, 20, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
    late = flow.assigned(office, deputy, lead=officer.handling_unit, on=D(2026, 3, 2))
    soon = flow.assigned(office, deputy, lead=officer.handling_unit, on=D(2026, 3, 15))
    answered = flow.assigned(office, deputy, lead=officer.handling_unit)
    flow.answer(
        flow.assignment_of(answered, officer),
        officer,
        category=flow.category_b(),
        commitments=[("年内完成改造", D(2026, 6, 1))],
    )
    answered.refresh_from_db()
    assert (late.reply_due, soon.reply_due, answered.evaluation_due) == (
        D(2026, 6, 2),
        D(2026, 6, 15),
        D(2026, 6, 10),
    )
    return late, soon, answered


def run(capture, today):
    with capture(execute=True):
        return platform.tick(today=today)


def test_tick_idempotent_running_twice_sends_nothing_twice(
    cases, django_capture_on_commit_callbacks, mailoutbox, office, officer, deputy
):
    late, soon, answered = cases
    before = Notification.objects.count()
    mails_before = len(mailoutbox)

    first = run(django_capture_on_commit_callbacks, D(2026, 6, 12))
    assert first == {
        "overdue": 1,
        "due_soon": 1,
        "commitments": 1,
        "unassigned": 0,
        "contact": 2,
        "joint_opinion": 0,
        "evaluations_closed": 1,
        "rolled_over": 0,
    }
    # overdue → unit and office; due soon → unit; commitment due → unit; two cases never contacted → unit
    assert Notification.objects.count() - before == 6
    assert len(mailoutbox) - mails_before == 6
    assert Notification.objects.filter(recipient=office, title__startswith="代表建议答复已超期").count() == 1
    assert (
        Notification.objects.filter(recipient=officer, title__startswith="代表建议答复即将到期").count() == 1
    )
    assert Notification.objects.filter(recipient=officer, title__startswith="承诺事项到期").count() == 1

    second = run(django_capture_on_commit_callbacks, D(2026, 6, 12))
    assert set(second.values()) == {0}
    assert Notification.objects.count() - before == 6
    assert len(mailoutbox) - mails_before == 6

    states = dict(Suggestion.objects.values_list("pk", "is_overdue"))
    assert states == {late.pk: True, soon.pk: False, answered.pk: False}
    answered.refresh_from_db()
    assert answered.state == State.CLOSED
    assert answered.evaluations.get().rating == Rating.NO_FEEDBACK


def test_tick_overdue_flag_clears_when_the_unit_replies(cases, officer):
    late, _, _ = cases
    platform.tick(today=D(2026, 6, 12))
    flow.answer(flow.assignment_of(late, officer), officer)
    late.refresh_from_db()
    assert (late.state, late.is_overdue) == (State.REPLIED, False)
    assert platform.tick(today=D(2026, 6, 13))["overdue"] == 0
    late.refresh_from_db()
    assert late.is_overdue is False


def test_commitments_roll_over_at_year_end(cases, office, deputy, officer):
    _, _, answered = cases
    other = flow.assigned(office, deputy, lead=officer.handling_unit)
    done = flow.answer(
        flow.assignment_of(other, officer),
        officer,
        category=flow.category_b(),
        commitments=[("已落实事项", D(2026, 9, 30))],
    ).commitments.get()
    services.commitment_update_post(commitment=done, text="已完成", solved=True, actor=officer)
    platform.tick(today=D(2026, 12, 31))
    open_one = Commitment.objects.get(reply__assignment__suggestion=answered)
    assert open_one.year == 2026

    counts = platform.tick(today=D(2027, 1, 4))
    assert counts["rolled_over"] == 1
    open_one.refresh_from_db()
    done.refresh_from_db()
    assert (open_one.year, open_one.status, done.year) == (2027, Commitment.Status.OPEN, 2026)
    assert answered.events.get(action="结转下年").note == "年内完成改造（2026年 → 2027年）"
    assert platform.tick(today=D(2027, 1, 5))["rolled_over"] == 0


def test_rule_assignment_working_days_tick_reminds_the_office_once(time_machine, deputy, office, officer):
    time_machine.move_to(datetime.datetime(2026, 9, 30, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
    waiting = flow.accepted(office, deputy)
    assert waiting.assignment_due == D(2026, 10, 20)  # 10 working days after the National Day week
    assert platform.tick(today=D(2026, 10, 20))["unassigned"] == 0
    assert platform.tick(today=D(2026, 10, 21))["unassigned"] == 1
    assert platform.tick(today=D(2026, 10, 22))["unassigned"] == 0
    reminder = Notification.objects.get(recipient=office, title__startswith="建议逾期未交办")
    assert reminder.body == "应于2026年10月20日前交办。"
    services.suggestion_assign(
        suggestion=waiting, on=D(2026, 10, 23), lead=officer.handling_unit, actor=office
    )
    assert platform.tick(today=D(2026, 10, 23))["unassigned"] == 0


def test_renda_tick_command_runs_the_suggestions_tick(cases):
    out = io.StringIO()
    call_command("renda_tick", "--date", "2026-06-12", stdout=out)
    assert "renda.suggestions：overdue 1，due_soon 1，commitments 1" in out.getvalue()
    out = io.StringIO()
    call_command("renda_tick", "--date", "2026-06-12", stdout=out)
    assert (
        "overdue 0，due_soon 0，commitments 0，unassigned 0，contact 0，joint_opinion 0，evaluations_closed 0"
        in out.getvalue()
    )


def test_rule_contact_working_days_and_joint_opinion_months_tick_reminds_once(
    time_machine, deputy, office, officer, make_user
):
    """RULES.md: contact the deputy within 20 working days (重庆); joint units send their view within 1 month
    (上海, 山东). After those dates the tick reminds the unit once."""
    from renda.core.roles import Role
    from renda.org.tests.factories import HandlingUnitFactory

    time_machine.move_to(datetime.datetime(2026, 3, 2, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
    joint_unit = HandlingUnitFactory()
    joint_officer = make_user(Role.UNIT, handling_unit=joint_unit)
    case = flow.assigned(office, deputy, assign={"lead": officer.handling_unit, "joint": [joint_unit]})
    lead, joint = case.assignments.get(role="lead"), case.assignments.get(role="joint")
    assert lead.contact_deadline == D(2026, 3, 30)  # 20 working days after 2 March
    assert joint.opinion_due == D(2026, 4, 2)

    assert platform.tick(today=D(2026, 3, 30))["contact"] == 0  # the last day still counts
    counts = platform.tick(today=D(2026, 4, 3))
    assert (counts["contact"], counts["joint_opinion"]) == (1, 1)
    assert Notification.objects.filter(recipient=officer, title__startswith="尚未联系代表").count() == 1
    assert (
        Notification.objects.filter(recipient=joint_officer, title__startswith="会办意见已超期").count() == 1
    )
    again = platform.tick(today=D(2026, 4, 4))
    assert (again["contact"], again["joint_opinion"]) == (0, 0)
