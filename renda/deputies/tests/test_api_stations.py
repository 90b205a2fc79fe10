import datetime
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from renda.deputies.choices import DeputyStatus, StationKind
from renda.deputies.models import ReceptionDay
from renda.deputies.tests.factories import (
    ActivityFactory,
    DelegationFactory,
    DeputyFactory,
    DeputyGroupFactory,
    LiaisonStationFactory,
    ReceptionDayFactory,
)
from renda.org.tests.factories import TownshipFactory

pytestmark = pytest.mark.django_db

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
TODAY = datetime.date(2024, 3, 8)
RECEPTIONS = "/api/v1/reception-days/"


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


def assert_fixed_query_count(api, url, add_rows, django_assert_num_queries):
    """The same number of queries before and after `add_rows()` adds many more rows."""
    with CaptureQueriesContext(connection) as few:
        assert api.get(url).status_code == 200
    add_rows()
    with django_assert_num_queries(len(few.captured_queries)):
        assert api.get(url).status_code == 200


# ---------------------------------------------------------------- liaison stations


def test_stations_filtered_by_kind_and_township(api, member):
    dafang = TownshipFactory(name="大方镇")
    main = LiaisonStationFactory(name="大方镇代表联络站", township=dafang)
    LiaisonStationFactory(
        name="河坝村代表联络室", kind=StationKind.VILLAGE_ROOM, parent=main, township=dafang
    )
    LiaisonStationFactory(name="黄泥塘镇代表联络站")
    as_user(api, member)

    by_kind = api.get("/api/v1/stations/", {"kind": "village_room"}).json()["results"]
    by_township = api.get("/api/v1/stations/", {"township": dafang.pk}).json()["results"]

    assert [row["name"] for row in by_kind] == ["河坝村代表联络室"]
    assert {row["name"] for row in by_township} == {"大方镇代表联络站", "河坝村代表联络室"}


def test_station_lists_its_deputy_count(api, member):
    station = LiaisonStationFactory()
    DeputyFactory.create_batch(2, station=station)

    row = as_user(api, member).get(f"/api/v1/stations/{station.pk}/").json()

    assert row["deputy_count"] == 2


def test_station_summary_counts_per_kind_with_the_list_filters(api, member):
    dafang = TownshipFactory()
    main = LiaisonStationFactory(township=dafang)
    LiaisonStationFactory.create_batch(2, kind=StationKind.VILLAGE_ROOM, parent=main, township=dafang)
    LiaisonStationFactory(kind=StationKind.ONLINE)
    as_user(api, member)

    everywhere = {row["kind"]: row["count"] for row in api.get("/api/v1/stations/summary/").json()}
    in_dafang = api.get("/api/v1/stations/summary/", {"township": dafang.pk}).json()

    assert everywhere == {
        "township_station": 1,
        "village_room": 2,
        "industry_station": 0,
        "deputies_home": 0,
        "online": 1,
    }
    assert in_dafang[:2] == [
        {"kind": "township_station", "label": "乡镇/街道代表联络站", "count": 1},
        {"kind": "village_room", "label": "村/社区代表联络室", "count": 2},
    ]


def test_station_list_query_count_does_not_grow_with_rows(api, member, django_assert_num_queries):
    def add_rows():
        for station in LiaisonStationFactory.create_batch(10, parent=LiaisonStationFactory()):
            DeputyFactory(station=station)

    add_rows()
    as_user(api, member)
    assert_fixed_query_count(api, "/api/v1/stations/", add_rows, django_assert_num_queries)


# ---------------------------------------------------------------- reception days: 【地】 announced ≥3 days ahead


def announcement(station, days_ahead, deputies):
    return {
        "station": station.pk,
        "date": (TODAY + datetime.timedelta(days=days_ahead)).isoformat(),
        "start_time": "09:00",
        "end_time": "11:30",
        "topic": "听取群众对农村公路建设的意见",
        "deputies": [deputy.pk for deputy in deputies],
    }


def test_reception_notice_days_rule_is_a_400_on_the_date(api, keeper):
    response = as_user(api, keeper).post(
        RECEPTIONS, announcement(keeper.station, 2, [DeputyFactory()]), format="json"
    )

    assert response.status_code == 400
    assert messages(response) == {"date": ["接待日应至少提前3天公告，最早可安排在2024年3月11日。"]}
    assert not ReceptionDay.objects.exists()


def test_keeper_announces_a_reception_day_three_days_ahead(api, keeper):
    deputies = DeputyFactory.create_batch(2)

    response = as_user(api, keeper).post(RECEPTIONS, announcement(keeper.station, 3, deputies), format="json")

    assert response.status_code == 201, response.content
    reception_day = ReceptionDay.objects.get()
    assert reception_day.created_by == keeper
    assert set(response.json()["deputies"]) == {deputy.pk for deputy in deputies}
    assert response.json()["date"] == "2024-03-11"
    assert response.json()["activity"] is None


def test_keeper_cannot_announce_for_another_station(api, keeper):
    other = LiaisonStationFactory()

    response = as_user(api, keeper).post(RECEPTIONS, announcement(other, 5, [DeputyFactory()]), format="json")

    assert response.status_code == 403
    assert response.json()["detail"] == "只能为本人管理的联络站安排接待日。"


def test_a_deputy_cannot_announce_reception_days(api, deputy_user):
    station = LiaisonStationFactory()

    response = as_user(api, deputy_user).post(
        RECEPTIONS, announcement(station, 5, [deputy_user.deputy]), format="json"
    )

    assert response.status_code == 403


def test_a_deputy_no_longer_in_office_cannot_be_on_duty(api, clerk):
    resigned = DeputyFactory(status=DeputyStatus.RESIGNED)

    response = as_user(api, clerk).post(
        RECEPTIONS, announcement(LiaisonStationFactory(), 5, [resigned]), format="json"
    )

    assert response.status_code == 400
    assert list(messages(response)) == ["deputies"]


def test_reception_days_filtered_by_station_and_period(api, member):
    station = LiaisonStationFactory()
    ReceptionDayFactory(station=station, date=TODAY + datetime.timedelta(days=5), deputies=[DeputyFactory()])
    ReceptionDayFactory(station=station, date=TODAY - datetime.timedelta(days=5))
    ReceptionDayFactory(date=TODAY + datetime.timedelta(days=6))
    as_user(api, member)

    rows = api.get(RECEPTIONS, {"station": station.pk, "period": "upcoming"}).json()["results"]

    assert [row["date"] for row in rows] == ["2024-03-13"]


def test_reception_day_list_query_count_does_not_grow_with_rows(api, member, django_assert_num_queries):
    def add_rows():
        for _ in range(8):
            ReceptionDayFactory(deputies=DeputyFactory.create_batch(2))

    add_rows()
    as_user(api, member)
    assert_fixed_query_count(api, RECEPTIONS, add_rows, django_assert_num_queries)


# ---------------------------------------------------------------- groups, delegations, activities


def test_groups_and_delegations_list_their_member_ids(api, member):
    deputies = DeputyFactory.create_batch(3)
    group = DeputyGroupFactory(leader=deputies[0])
    group.members.set(deputies[:2])
    delegation = DelegationFactory()
    delegation.members.set(deputies)
    as_user(api, member)

    group_row = api.get("/api/v1/deputy-groups/").json()["results"][0]
    delegation_row = api.get(f"/api/v1/delegations/{delegation.pk}/").json()

    assert set(group_row["members"]) == {deputy.pk for deputy in deputies[:2]}
    assert (group_row["member_count"], group_row["leader"]) == (2, deputies[0].pk)
    assert set(delegation_row["members"]) == {deputy.pk for deputy in deputies}
    assert delegation_row["member_count"] == 3


@pytest.mark.parametrize("url", ["/api/v1/deputy-groups/", "/api/v1/delegations/"])
def test_group_and_delegation_lists_query_count_does_not_grow_with_rows(
    api, member, url, django_assert_num_queries
):
    def add_rows():
        for _ in range(5):
            DeputyGroupFactory().members.set(DeputyFactory.create_batch(2))
            DelegationFactory(township=TownshipFactory()).members.set(DeputyFactory.create_batch(2))

    add_rows()
    as_user(api, member)
    assert_fixed_query_count(api, url, add_rows, django_assert_num_queries)


def test_activities_searched_by_deputy_pinyin(api, member):
    zhang = DeputyFactory(name="张三")
    ActivityFactory(title="视察农村公路建设").deputies.set([zhang])
    ActivityFactory(title="调研乡村教育").deputies.set([DeputyFactory(name="李四")])

    rows = as_user(api, member).get("/api/v1/activities/", {"q": "zs"}).json()["results"]

    assert [(row["title"], row["deputies"]) for row in rows] == [("视察农村公路建设", [zhang.pk])]


def test_activity_list_query_count_does_not_grow_with_rows(api, member, django_assert_num_queries):
    def add_rows():
        for _ in range(8):
            ActivityFactory(station=LiaisonStationFactory()).deputies.set(DeputyFactory.create_batch(2))

    add_rows()
    as_user(api, member)
    assert_fixed_query_count(api, "/api/v1/activities/", add_rows, django_assert_num_queries)
