"""Alerts raised from the rules, their handling on casework, and no alert raised twice."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from renda.budget import selectors, services
from renda.budget.models import Alert, AlertState
from renda.budget.tests.conftest import AS_OF, YEAR
from renda.casework.models import AssignmentState
from renda.core import clock
from renda.core.roles import Role
from renda.org.tests.factories import HandlingUnitFactory

pytestmark = pytest.mark.django_db


def at(day: datetime.date):
    return clock.at(datetime.datetime.combine(day, datetime.time(10), tzinfo=datetime.UTC))


def test_hits_raise_alerts_and_handled_hits_are_not_raised_again(loaded, generated, clerk):
    """A hit raises one alert; the next import's run finds the same keys and raises nothing new, whatever the
    alert's state — a dismissed one included."""
    first = services.alerts_refresh(year=YEAR, as_of=AS_OF, store=loaded)
    planted = sum(len(keys) for keys in generated.planted.values())
    assert first["raised"] == planted == Alert.objects.count()
    alert = Alert.objects.get(rule="large_payment")
    with at(AS_OF):
        services.alert_dismiss(alert=alert, reason="经核实为合同约定的工程进度款。", actor=clerk)
    again = services.alerts_refresh(year=YEAR, as_of=AS_OF + datetime.timedelta(days=1), store=loaded)
    assert again["raised"] == 0 and again["seen"] == planted
    assert Alert.objects.get(pk=alert.pk).state == AlertState.DISMISSED


def test_an_alert_no_longer_hit_is_marked_gone(loaded, clerk):
    services.alerts_refresh(year=YEAR, as_of=AS_OF, store=loaded)
    params = {**services.params()}
    assert params
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(services, "enabled_rules", lambda: ["sangong"])
        result = services.alerts_refresh(year=YEAR, as_of=AS_OF, store=loaded)
    assert result["gone"] == Alert.objects.exclude(rule="sangong").count()


def test_dismissing_needs_a_reason(loaded, clerk):
    services.alerts_refresh(year=YEAR, as_of=AS_OF, store=loaded)
    alert = Alert.objects.first()
    with pytest.raises(ValidationError):
        services.alert_dismiss(alert=alert, reason=" ", actor=clerk)


def test_inquiry_answer_and_close_through_casework(loaded, clerk, make_user):
    """The office sends the alert to the department with a deadline (a casework assignment), the department
    answers, the office closes it or escalates it; each step is on the timeline."""
    with at(AS_OF - datetime.timedelta(days=1)):
        services.alerts_refresh(year=YEAR, as_of=AS_OF, store=loaded)
    unit = HandlingUnitFactory(name="县水利局")
    officer = make_user(Role.UNIT, handling_unit=unit)
    alert = Alert.objects.get(rule="split_payment")
    with at(AS_OF):
        alert = services.alert_inquire(
            alert=alert, unit=unit, due=AS_OF + datetime.timedelta(days=20), actor=clerk
        )
    assert alert.state == AlertState.INQUIRING
    assignment = alert.assignments.get()
    assert assignment.unit == unit and assignment.due == AS_OF + datetime.timedelta(days=20)
    assert list(selectors.alerts_visible_to(officer)) == [alert]
    with at(AS_OF + datetime.timedelta(days=3)):
        assignment = services.alert_sign_for(assignment=assignment, actor=officer)
        services.alert_reply_send(
            assignment=assignment, text="三笔为不同标段的工程款，附合同。", signer="李某", actor=officer
        )
    alert.refresh_from_db()
    assert alert.state == AlertState.ANSWERED
    assert alert.assignments.get().state == AssignmentState.REPLIED
    with pytest.raises(PermissionDenied):
        services.alert_close(alert=alert, conclusion="同意", actor=officer)
    alert = services.alert_escalate(alert=alert, conclusion="标段划分不合理，提请专题审议。", actor=clerk)
    assert alert.state == AlertState.ESCALATED
    actions = [e.action for e in alert.events.all()]
    assert actions[:2] == ["预警生成", "函询"] and actions[-2:] == ["单位答复", "提请跟踪监督"], actions


def test_a_unit_sees_only_the_alerts_sent_to_it(loaded, clerk, make_user):
    services.alerts_refresh(year=YEAR, as_of=AS_OF, store=loaded)
    officer = make_user(Role.UNIT, handling_unit=HandlingUnitFactory())
    assert not selectors.alerts_visible_to(officer).exists()
    assert selectors.alerts_visible_to(clerk).count() == Alert.objects.count()


def test_inquiry_deadline_must_be_later_than_today(loaded, clerk):
    services.alerts_refresh(year=YEAR, as_of=AS_OF, store=loaded)
    with at(AS_OF), pytest.raises(ValidationError):
        services.alert_inquire(
            alert=Alert.objects.first(), unit=HandlingUnitFactory(), due=AS_OF, actor=clerk
        )


def test_the_daily_job_raises_each_alert_once(loaded, generated):
    """renda_tick: the year's rules as of today; running it twice raises nothing the second time."""
    from renda.budget.platform import _alerts_today

    first = _alerts_today(today=datetime.date(YEAR + 1, 1, 10))
    assert first["budget_alerts_raised"] == sum(len(keys) for keys in generated.planted.values())
    assert _alerts_today(today=datetime.date(YEAR + 1, 1, 10))["budget_alerts_raised"] == 0
