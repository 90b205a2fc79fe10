"""Writes of the deputies API: status changes, groups and delegations, liaison stations and their deputies,
activities and reception days recorded as held, each through one deputies.services function with the same
permissions, rules and visibility as the pages."""

import datetime
import zoneinfo

import pytest
from rest_framework.test import APIClient

from renda.core.roles import Role
from renda.deputies import selectors
from renda.deputies.choices import ActivityKind, DeputyStatus
from renda.deputies.models import Activity, Delegation, Deputy, DeputyGroup, LiaisonStation
from renda.deputies.tests.factories import (
    ActivityFactory,
    DelegationFactory,
    DeputyFactory,
    DeputyGroupFactory,
    LiaisonStationFactory,
    ReceptionDayFactory,
)
from renda.org.tests.factories import TermFactory, TownshipFactory

pytestmark = pytest.mark.django_db

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
TODAY = datetime.date(2024, 3, 8)
DEPUTIES = "/api/v1/deputies/"
GROUPS = "/api/v1/deputy-groups/"
DELEGATIONS = "/api/v1/delegations/"
STATIONS = "/api/v1/stations/"
RECEPTIONS = "/api/v1/reception-days/"
ACTIVITIES = "/api/v1/activities/"
OUTSIDERS = [Role.MEMBER, Role.DEPUTY, Role.UNIT]


def messages(response) -> dict:
    """A refused write's messages by field, without its error codes (core.api.exception_handler)."""
    body = response.json()
    assert isinstance(body.pop("code"), str) and body.pop("codes")
    return body


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(datetime.datetime(2024, 3, 8, 10, 0, tzinfo=SHANGHAI), tick=False)


@pytest.fixture
def api():
    return APIClient()


def as_user(api, user):
    api.force_authenticate(user)
    return api


# ---------------------------------------------------------------- who may write

WRITES = [
    ("post", f"{DEPUTIES}{{deputy}}/status/"),
    ("post", GROUPS),
    ("patch", f"{GROUPS}{{group}}/"),
    ("post", DELEGATIONS),
    ("patch", f"{DELEGATIONS}{{delegation}}/"),
    ("post", STATIONS),
    ("patch", f"{STATIONS}{{station}}/"),
    ("post", f"{STATIONS}{{station}}/deputies-assign/"),
    ("post", f"{RECEPTIONS}{{reception_day}}/record/"),
    ("post", ACTIVITIES),
    ("patch", f"{ACTIVITIES}{{activity}}/"),
]


@pytest.fixture
def records():
    station = LiaisonStationFactory()
    return {
        "deputy": DeputyFactory().pk,
        "group": DeputyGroupFactory().pk,
        "delegation": DelegationFactory().pk,
        "station": station.pk,
        "reception_day": ReceptionDayFactory(station=station, date=TODAY).pk,
        "activity": ActivityFactory(station=station).pk,
    }


@pytest.mark.parametrize("method, url", WRITES)
def test_anonymous_writes_are_401(api, records, method, url):
    assert getattr(api, method)(url.format(**records), {}, format="json").status_code == 401


@pytest.mark.parametrize("role", OUTSIDERS)
@pytest.mark.parametrize("method, url", WRITES)
def test_deputies_units_and_members_may_not_write(api, make_user, records, role, method, url):
    user = make_user(role, deputy=Deputy.objects.get(pk=records["deputy"]) if role == Role.DEPUTY else None)

    response = getattr(as_user(api, user), method)(url.format(**records), {}, format="json")

    assert response.status_code == 403


# ---------------------------------------------------------------- deputy status


def status_change(**overrides):
    return {
        "status": "resigned",
        "status_date": "2024-03-01",
        "status_reason": "因工作调动辞去代表职务",
        "version": 1,
        **overrides,
    }


def test_clerk_records_that_a_deputy_resigned(api, clerk):
    deputy = DeputyFactory()

    response = as_user(api, clerk).post(f"{DEPUTIES}{deputy.pk}/status/", status_change(), format="json")

    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["version"]) == ("resigned", 2)
    deputy.refresh_from_db()
    assert (deputy.status, deputy.status_date) == (DeputyStatus.RESIGNED, datetime.date(2024, 3, 1))
    assert deputy.history.first().history_user == clerk


def test_a_status_the_deputy_already_has_is_refused_beside_the_field(api, clerk):
    deputy = DeputyFactory()

    response = as_user(api, clerk).post(
        f"{DEPUTIES}{deputy.pk}/status/", status_change(status="active"), format="json"
    )

    assert response.status_code == 400
    assert messages(response) == {"status": ["代表当前已是“在任”状态。"]}


def test_a_stale_status_change_is_409(api, clerk):
    deputy = DeputyFactory()
    url = f"{DEPUTIES}{deputy.pk}/status/"
    as_user(api, clerk).post(url, status_change(), format="json")

    stale = api.post(url, status_change(status="deceased"), format="json")

    assert stale.status_code == 409
    assert (
        stale.json()["detail"] == "该记录已被他人修改（当前为第2版，您编辑的是第1版），请刷新页面后重新修改。"
    )
    deputy.refresh_from_db()
    assert deputy.status == DeputyStatus.RESIGNED


def test_a_status_change_needs_the_version_read(api, clerk):
    deputy = DeputyFactory()
    data = status_change()
    del data["version"]

    response = as_user(api, clerk).post(f"{DEPUTIES}{deputy.pk}/status/", data, format="json")

    assert response.status_code == 400
    assert list(messages(response)) == ["version"]


def test_status_of_a_deputy_outside_the_selector_is_404(api, clerk, monkeypatch):
    deputy = DeputyFactory()
    monkeypatch.setattr(selectors, "deputies_visible_to", lambda user: Deputy.objects.none())

    response = as_user(api, clerk).post(f"{DEPUTIES}{deputy.pk}/status/", status_change(), format="json")

    assert response.status_code == 404


# ---------------------------------------------------------------- groups and delegations


def test_clerk_creates_a_group_with_member_ids(api, clerk):
    deputies = DeputyFactory.create_batch(3)
    data = {
        "name": "财经代表小组",
        "kind": "field",
        "leader": deputies[0].pk,
        "members": [d.pk for d in deputies],
    }

    response = as_user(api, clerk).post(GROUPS, data, format="json")

    assert response.status_code == 201, response.content
    assert response.json()["member_count"] == 3
    assert set(response.json()["members"]) == {deputy.pk for deputy in deputies}
    assert set(DeputyGroup.objects.get(name="财经代表小组").members.all()) == set(deputies)


def test_a_group_leader_must_be_a_member(api, clerk):
    leader, member = DeputyFactory(name="王芳"), DeputyFactory()

    response = as_user(api, clerk).post(
        GROUPS, {"name": "教育代表小组", "leader": leader.pk, "members": [member.pk]}, format="json"
    )

    assert response.status_code == 400
    assert messages(response) == {"members": ["组长王芳须为成员之一。"]}
    assert not DeputyGroup.objects.exists()


def test_renaming_a_group_keeps_its_members_and_new_ids_replace_them(api, clerk):
    group, old, new = DeputyGroupFactory(), DeputyFactory(), DeputyFactory()
    group.members.set([old])
    url = f"{GROUPS}{group.pk}/"
    as_user(api, clerk)

    renamed = api.patch(url, {"name": "城关代表小组"}, format="json")
    replaced = api.patch(url, {"members": [new.pk]}, format="json")

    assert renamed.status_code == 200, renamed.content
    assert renamed.json()["members"] == [old.pk]
    assert replaced.json()["members"] == [new.pk]
    assert replaced.json()["name"] == "城关代表小组"


def test_a_group_outside_the_selector_is_404(api, clerk, monkeypatch):
    group = DeputyGroupFactory()
    monkeypatch.setattr(selectors, "groups_visible_to", lambda user: DeputyGroup.objects.none())

    assert (
        as_user(api, clerk).patch(f"{GROUPS}{group.pk}/", {"name": "改名"}, format="json").status_code == 404
    )


def test_clerk_creates_and_changes_a_delegation(api, clerk):
    term, township = TermFactory(), TownshipFactory()
    head, other = DeputyFactory(), DeputyFactory()
    as_user(api, clerk)

    created = api.post(
        DELEGATIONS,
        {"term": term.pk, "name": "城关代表团", "township": township.pk, "members": [head.pk, other.pk]},
        format="json",
    )
    changed = api.patch(f"{DELEGATIONS}{created.json()['id']}/", {"leader": head.pk}, format="json")

    assert created.status_code == 201, created.content
    assert created.json()["member_count"] == 2
    assert changed.status_code == 200, changed.content
    assert Delegation.objects.get().leader == head


def test_a_delegation_leader_must_stay_a_member(api, clerk):
    delegation, head = DelegationFactory(), DeputyFactory(name="李强")
    delegation.members.set([head])

    response = as_user(api, clerk).patch(
        f"{DELEGATIONS}{delegation.pk}/", {"leader": head.pk, "members": []}, format="json"
    )

    assert response.status_code == 400
    assert messages(response) == {"members": ["团长李强须为成员之一。"]}
    assert list(delegation.members.all()) == [head]


def test_a_delegation_name_is_unique_in_the_term(api, clerk):
    existing = DelegationFactory(name="城关代表团")

    response = as_user(api, clerk).post(
        DELEGATIONS, {"term": existing.term_id, "name": "城关代表团"}, format="json"
    )

    assert response.status_code == 400
    assert messages(response) == {"non_field_errors": ["包含 届次 和 名称 的 代表团 已经存在。"]}


# ---------------------------------------------------------------- liaison stations


def test_clerk_adds_a_village_room_under_a_township_station(api, clerk):
    main = LiaisonStationFactory()
    data = {"name": "河坝村代表联络室", "kind": "village_room", "parent": main.pk}

    response = as_user(api, clerk).post(STATIONS, data, format="json")

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["township"], body["deputy_count"], body["version"]) == (main.township_id, 0, 1)
    assert LiaisonStation.objects.get(name="河坝村代表联络室").history.get().history_user == clerk


def test_a_village_room_needs_a_parent_station(api, clerk):
    response = as_user(api, clerk).post(
        STATIONS, {"name": "河坝村代表联络室", "kind": "village_room"}, format="json"
    )

    assert response.status_code == 400
    assert messages(response) == {"parent": ["村/社区代表联络室应隶属于一个乡镇/街道代表联络站。"]}


def test_keeper_may_not_add_or_change_stations(api, keeper):
    as_user(api, keeper)

    created = api.post(STATIONS, {"name": "新站", "kind": "online"}, format="json")
    changed = api.patch(f"{STATIONS}{keeper.station_id}/", {"address": "新地址", "version": 1}, format="json")

    assert (created.status_code, changed.status_code) == (403, 403)
    assert changed.json()["detail"] == "只有人大机关工作人员可以管理联络站。"


def test_clerk_changes_a_station_with_the_version_read(api, clerk):
    station = LiaisonStationFactory()

    response = as_user(api, clerk).patch(
        f"{STATIONS}{station.pk}/", {"is_model": True, "model_level": "county", "version": 1}, format="json"
    )

    assert response.status_code == 200, response.content
    assert (response.json()["model_level"], response.json()["version"]) == ("county", 2)


def test_a_model_station_needs_its_level(api, clerk):
    station = LiaisonStationFactory()

    response = as_user(api, clerk).patch(
        f"{STATIONS}{station.pk}/", {"is_model": True, "version": 1}, format="json"
    )

    assert response.status_code == 400
    assert messages(response) == {"model_level": ["示范站请选择示范等级。"]}


def test_a_stale_station_change_is_409(api, clerk):
    station = LiaisonStationFactory(address="旧地址")
    url = f"{STATIONS}{station.pk}/"
    as_user(api, clerk).patch(url, {"address": "人民路2号", "version": 1}, format="json")

    stale = api.patch(url, {"address": "人民路3号", "version": 1}, format="json")
    unversioned = api.patch(url, {"address": "人民路3号"}, format="json")

    assert stale.status_code == 409
    assert unversioned.status_code == 400
    assert messages(unversioned) == {"version": ["请提供读取记录时的版本号（version）。"]}
    station.refresh_from_db()
    assert station.address == "人民路2号"


def test_a_station_outside_the_selector_is_404(api, clerk, monkeypatch):
    station = LiaisonStationFactory()
    monkeypatch.setattr(selectors, "stations_visible_to", lambda user: LiaisonStation.objects.none())
    as_user(api, clerk)

    assert (
        api.patch(f"{STATIONS}{station.pk}/", {"address": "x", "version": 1}, format="json").status_code
        == 404
    )
    assert (
        api.post(f"{STATIONS}{station.pk}/deputies-assign/", {"deputies": []}, format="json").status_code
        == 404
    )


def test_clerk_assigns_deputies_to_a_station(api, clerk):
    station = LiaisonStationFactory()
    leaving = DeputyFactory(station=station, township=station.township)
    moving = DeputyFactory(
        station=LiaisonStationFactory(township=station.township), township=station.township
    )
    joining = DeputyFactory(township=station.township)

    response = as_user(api, clerk).post(
        f"{STATIONS}{station.pk}/deputies-assign/", {"deputies": [moving.pk, joining.pk]}, format="json"
    )

    assert response.status_code == 200, response.content
    assert response.json()["deputy_count"] == 2
    assert set(station.deputies.all()) == {moving, joining}
    leaving.refresh_from_db()
    assert (leaving.station, leaving.version) == (None, 2)


def test_only_deputies_in_office_of_the_station_township_are_assigned(api, clerk):
    station = LiaisonStationFactory()
    elsewhere = DeputyFactory(township=TownshipFactory())
    resigned = DeputyFactory(township=station.township, status=DeputyStatus.RESIGNED)
    as_user(api, clerk)

    for deputy in (elsewhere, resigned):
        response = api.post(
            f"{STATIONS}{station.pk}/deputies-assign/", {"deputies": [deputy.pk]}, format="json"
        )
        assert response.status_code == 400
        assert list(messages(response)) == ["deputies"]
    assert not station.deputies.exists()


# ---------------------------------------------------------------- activities: keepers limited to their station


def activity(station, deputies, **overrides):
    return {
        "kind": "visit",
        "title": "视察农村公路建设",
        "date": "2024-03-05",
        "station": station.pk if station else None,
        "deputies": [deputy.pk for deputy in deputies],
        **overrides,
    }


def test_clerk_records_an_activity_without_a_station(api, clerk):
    deputies = DeputyFactory.create_batch(2)

    response = as_user(api, clerk).post(ACTIVITIES, activity(None, deputies), format="json")

    assert response.status_code == 201, response.content
    assert set(response.json()["deputies"]) == {deputy.pk for deputy in deputies}
    assert Activity.objects.get().created_by == clerk


def test_keeper_records_an_activity_of_their_station(api, keeper):
    response = as_user(api, keeper).post(
        ACTIVITIES, activity(keeper.station, [DeputyFactory()]), format="json"
    )

    assert response.status_code == 201, response.content
    assert response.json()["station"] == keeper.station_id


@pytest.mark.parametrize("elsewhere", [True, False])
def test_keeper_may_not_record_for_another_station_or_none(api, keeper, elsewhere):
    station = LiaisonStationFactory() if elsewhere else None

    response = as_user(api, keeper).post(ACTIVITIES, activity(station, [DeputyFactory()]), format="json")

    assert response.status_code == 403
    assert response.json()["detail"] == "只能登记本人管理的联络站的履职活动。"
    assert not Activity.objects.exists()


def test_an_activity_needs_a_deputy(api, clerk):
    response = as_user(api, clerk).post(ACTIVITIES, activity(None, []), format="json")

    assert response.status_code == 400
    assert messages(response) == {"deputies": ["请至少选择一名参加代表。"]}


def test_a_deputy_no_longer_in_office_is_not_added_but_stays_on_an_old_activity(api, clerk):
    resigned = DeputyFactory(status=DeputyStatus.RESIGNED)
    old = ActivityFactory()
    old.deputies.set([resigned])
    as_user(api, clerk)

    created = api.post(ACTIVITIES, activity(None, [resigned]), format="json")
    changed = api.patch(
        f"{ACTIVITIES}{old.pk}/", {"title": "调研乡村教育", "deputies": [resigned.pk]}, format="json"
    )

    assert created.status_code == 400
    assert list(messages(created)) == ["deputies"]
    assert changed.status_code == 200, changed.content
    assert changed.json()["deputies"] == [resigned.pk]


def test_keeper_changes_an_activity_of_their_station(api, keeper):
    own = ActivityFactory(station=keeper.station)

    response = as_user(api, keeper).patch(f"{ACTIVITIES}{own.pk}/", {"summary": "走访5个村"}, format="json")

    assert response.status_code == 200, response.content
    own.refresh_from_db()
    assert own.summary == "走访5个村"


def test_keeper_does_not_find_another_stations_activity(api, keeper):
    other = ActivityFactory(station=LiaisonStationFactory(), title="视察")

    response = as_user(api, keeper).patch(f"{ACTIVITIES}{other.pk}/", {"title": "改名"}, format="json")

    assert response.status_code == 404
    other.refresh_from_db()
    assert other.title == "视察"


def test_keeper_may_not_move_an_activity_to_another_station(api, keeper):
    own = ActivityFactory(station=keeper.station)

    response = as_user(api, keeper).patch(
        f"{ACTIVITIES}{own.pk}/", {"station": LiaisonStationFactory().pk}, format="json"
    )

    assert response.status_code == 403
    own.refresh_from_db()
    assert own.station == keeper.station


# ---------------------------------------------------------------- reception days recorded as held


def test_keeper_records_a_reception_day_as_held(api, keeper):
    deputies = DeputyFactory.create_batch(2)
    reception_day = ReceptionDayFactory(station=keeper.station, date=TODAY, deputies=deputies)

    response = as_user(api, keeper).post(
        f"{RECEPTIONS}{reception_day.pk}/record/", {"summary": "接待群众12人，反映问题5件"}, format="json"
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["kind"], body["date"], body["reception_day"]) == (
        ActivityKind.RECEPTION,
        "2024-03-08",
        reception_day.pk,
    )
    assert set(body["deputies"]) == {deputy.pk for deputy in deputies}
    assert as_user(api, keeper).get(f"{RECEPTIONS}{reception_day.pk}/").json()["activity"] == body["id"]


def test_a_reception_day_is_recorded_once_and_not_before_it_comes(api, clerk):
    held = ReceptionDayFactory(date=TODAY - datetime.timedelta(days=1), deputies=[DeputyFactory()])
    coming = ReceptionDayFactory(date=TODAY + datetime.timedelta(days=1), deputies=[DeputyFactory()])
    as_user(api, clerk)
    api.post(f"{RECEPTIONS}{held.pk}/record/", {"summary": "接待群众8人"}, format="json")

    again = api.post(f"{RECEPTIONS}{held.pk}/record/", {"summary": "接待群众8人"}, format="json")
    early = api.post(f"{RECEPTIONS}{coming.pk}/record/", {"summary": "接待群众8人"}, format="json")

    assert again.status_code == 400
    assert messages(again) == {"non_field_errors": ["该接待日已登记为已接待。"]}
    assert early.status_code == 400
    assert messages(early) == {"non_field_errors": ["接待日尚未到来，不能登记为已接待。"]}
    assert Activity.objects.count() == 1


def test_a_reception_record_needs_a_summary(api, clerk):
    reception_day = ReceptionDayFactory(date=TODAY, deputies=[DeputyFactory()])

    response = as_user(api, clerk).post(
        f"{RECEPTIONS}{reception_day.pk}/record/", {"summary": ""}, format="json"
    )

    assert response.status_code == 400
    assert list(messages(response)) == ["summary"]


def test_keeper_does_not_find_another_stations_reception_day(api, keeper):
    other = ReceptionDayFactory(station=LiaisonStationFactory(), date=TODAY, deputies=[DeputyFactory()])

    response = as_user(api, keeper).post(
        f"{RECEPTIONS}{other.pk}/record/", {"summary": "接待群众8人"}, format="json"
    )

    assert response.status_code == 404
    assert not Activity.objects.exists()
