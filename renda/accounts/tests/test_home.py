"""The 工作台: every role sees its roles, its own to-dos (and not others') and its shortcuts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from renda.deputies.tests.factories import ActivityFactory, LiaisonStationFactory, ReceptionDayFactory
from renda.org.tests.factories import HandlingUnitFactory, JurisdictionFactory, TermFactory

pytestmark = pytest.mark.django_db

ROLES = ["admin_user", "clerk", "member", "deputy_user", "unit_user", "keeper"]
LABELS = {
    "admin_user": "系统管理员",
    "clerk": "机关工作人员",
    "member": "常委会组成人员",
    "deputy_user": "人大代表",
    "unit_user": "承办单位",
    "keeper": "联络站管理员",
}


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def workbench(client, user):
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response


def titles(response) -> list[str]:
    return [item.title for item in response.context["todos"]]


@pytest.mark.parametrize("who", ROLES)
def test_every_role_gets_its_workbench(client, request, who):
    response = workbench(client, request.getfixturevalue(who))
    page = response.content.decode()
    assert f'<span class="badge text-bg-primary me-1">{LABELS[who]}</span>' in page
    assert response.context["shortcuts"]


def test_anonymous_users_are_sent_to_login(client):
    assert client.get(reverse("home"))["Location"].startswith(reverse("accounts:login"))


@pytest.fixture
def world(keeper, deputy_user):
    """Reception days at the keeper's station (one with the deputy on duty), and elsewhere."""
    other = LiaisonStationFactory(name="别处联络站")
    return {
        "on_duty": ReceptionDayFactory(
            station=keeper.station, date=days(2), topic="听取意见", deputies=[deputy_user.deputy]
        ),
        "later": ReceptionDayFactory(station=keeper.station, date=days(30), topic="", deputies=[]),
        "elsewhere": ReceptionDayFactory(station=other, date=days(3), deputies=[]),
        "unrecorded": ReceptionDayFactory(station=keeper.station, date=days(-4)),
        "recorded": ReceptionDayFactory(station=keeper.station, date=days(-10)),
        "unrecorded_elsewhere": ReceptionDayFactory(station=other, date=days(-4)),
    }


def test_keeper_sees_upcoming_and_unrecorded_reception_days_of_their_station(client, keeper, world):
    ActivityFactory(reception_day=world["recorded"], station=keeper.station)
    todos = workbench(client, keeper).context["todos"]
    record_url = reverse("deputies:reception_record", args=[world["unrecorded"].pk])
    assert [(item.url, item.urgency) for item in todos if item.url == record_url] == [(record_url, "overdue")]
    assert todos[0].url == record_url  # overdue first
    assert [item.due for item in todos] == [days(-4), days(2), days(30)]
    assert [item.urgency for item in todos] == ["overdue", "soon", "ok"]
    assert "听取意见" in todos[1].title


def test_deputy_sees_the_reception_days_they_are_on_duty_for_only(client, deputy_user, world):
    todos = workbench(client, deputy_user).context["todos"]
    assert [(item.due, item.url) for item in todos] == [
        (days(2), reverse("deputies:station_detail", args=[world["on_duty"].station_id]))
    ]


def test_office_staff_see_gaps_in_the_organisation_records(client, clerk):
    response = workbench(client, clerk)
    assert titles(response) == ["尚未设置本级行政区"]
    JurisdictionFactory()
    HandlingUnitFactory(contact_person="")
    HandlingUnitFactory(contact_person="", active=False)
    HandlingUnitFactory(contact_person="王明")
    assert titles(workbench(client, clerk)) == ["尚未设置本届届次", "1个在用承办单位未填写联系人"]
    TermFactory(start_date=timezone.localdate())  # begun today: the standing committee owes no meeting yet
    response = workbench(client, clerk)
    assert titles(response) == ["1个在用承办单位未填写联系人"]
    assert response.context["todos"][0].url == f"{reverse('org:unit_list')}?active=true&no_contact=true"


def test_office_staff_do_not_get_the_stations_reception_days(client, clerk, world):
    TermFactory()
    assert [
        title for title in titles(workbench(client, clerk)) if "接待日" in title or "登记接待" in title
    ] == []


@pytest.mark.parametrize("who", ["member", "unit_user"])
def test_roles_without_to_dos_see_none_of_the_others(client, request, who, world):
    JurisdictionFactory()
    HandlingUnitFactory(contact_person="")
    response = workbench(client, request.getfixturevalue(who))
    assert response.context["todos"] == []
    assert "暂无待办事项。" in response.content.decode()


def test_keeper_and_deputy_do_not_see_office_gaps(client, keeper, deputy_user):
    for user in (keeper, deputy_user):
        assert titles(workbench(client, user)) == []


def test_shortcuts_follow_the_role(client, clerk, keeper, deputy_user, unit_user):
    def labels(user):
        return {shortcut.label: shortcut.url for shortcut in workbench(client, user).context["shortcuts"]}

    assert {"代表名册", "批量导入"} <= set(labels(clerk))
    assert labels(keeper)["本联络站"] == reverse("deputies:station_detail", args=[keeper.station_id])
    assert "批量导入" not in labels(keeper)
    assert labels(deputy_user)["我的代表信息"] == reverse(
        "deputies:deputy_detail", args=[deputy_user.deputy_id]
    )
    assert labels(unit_user)["本单位信息"] == reverse("org:unit_detail", args=[unit_user.handling_unit_id])
    assert "办理待办" in labels(unit_user)
