import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from renda.core.roles import Role
from renda.core.services import StaleEditError
from renda.deputies.choices import DeputyStatus, ModelLevel, StationKind
from renda.deputies.models import LiaisonStation
from renda.deputies.selectors import station_counts_by_kind, station_counts_text, stations_visible_to
from renda.deputies.services import station_create, station_deputies_assign, station_update
from renda.deputies.tests.factories import (
    ActivityFactory,
    DeputyFactory,
    LiaisonStationFactory,
    ReceptionDayFactory,
)
from renda.org.tests.factories import TownshipFactory

pytestmark = pytest.mark.django_db


def station_data(**overrides):
    return {
        "name": "城关镇人大代表联络站",
        "kind": StationKind.TOWNSHIP_STATION,
        "township": TownshipFactory(),
        "address": "城关镇人民路8号",
        "opening_hours": "每月15日 9:00-12:00",
        "active": True,
    } | overrides


# ---------------------------------------------------------------- services


def test_create_records_the_actor_in_the_history(clerk):
    station = station_create(data=station_data(), actor=clerk)
    assert station.history.get().history_user == clerk


def test_only_office_staff_create_stations(keeper):
    with pytest.raises(PermissionDenied):
        station_create(data=station_data(), actor=keeper)


def test_a_room_belongs_to_a_township_station_and_takes_its_township(clerk):
    with pytest.raises(ValidationError) as exc:
        station_create(data=station_data(kind=StationKind.VILLAGE_ROOM, township=None), actor=clerk)
    assert "parent" in exc.value.message_dict
    home = LiaisonStationFactory(kind=StationKind.DEPUTIES_HOME)
    with pytest.raises(ValidationError) as exc:
        station_create(data=station_data(kind=StationKind.VILLAGE_ROOM, parent=home), actor=clerk)
    assert "parent" in exc.value.message_dict
    parent = LiaisonStationFactory()
    room = station_create(
        data=station_data(kind=StationKind.VILLAGE_ROOM, township=None, parent=parent), actor=clerk
    )
    assert room.township == parent.township
    with pytest.raises(ValidationError) as exc:
        station_create(
            data=station_data(name="另一个联络室", kind=StationKind.VILLAGE_ROOM, parent=parent), actor=clerk
        )
    assert "township" in exc.value.message_dict


def test_a_model_station_has_a_level(clerk):
    with pytest.raises(ValidationError) as exc:
        station_create(data=station_data(is_model=True), actor=clerk)
    assert "model_level" in exc.value.message_dict
    station = station_create(data=station_data(is_model=True, model_level=ModelLevel.CITY), actor=clerk)
    station = station_update(station=station, expected_version=1, changes={"is_model": False}, actor=clerk)
    assert station.model_level == ""


def test_update_rejects_a_stale_version_and_keeps_field_history(clerk):
    station = LiaisonStationFactory(opening_hours="工作日")
    station = station_update(
        station=station, expected_version=1, changes={"opening_hours": "每周三全天"}, actor=clerk
    )
    assert station.version == 2
    with pytest.raises(StaleEditError):
        station_update(station=station, expected_version=1, changes={"address": "新地址"}, actor=clerk)
    assert station.history.first().history_user == clerk


def test_assign_deputies_adds_removes_and_moves(clerk):
    station = LiaisonStationFactory()
    leaving = DeputyFactory(station=station)
    staying = DeputyFactory(station=station)
    arriving = DeputyFactory(station=LiaisonStationFactory())
    station_deputies_assign(station=station, deputies=[staying, arriving], actor=clerk)
    assert set(station.deputies.all()) == {staying, arriving}
    leaving.refresh_from_db()
    arriving.refresh_from_db()
    assert leaving.station is None
    assert arriving.version == 2
    assert arriving.history.first().history_user == clerk
    assert arriving.history.first().station_id == station.pk
    staying.refresh_from_db()
    assert staying.version == 1


def test_only_office_staff_assign_deputies(keeper):
    with pytest.raises(PermissionDenied):
        station_deputies_assign(station=keeper.station, deputies=[DeputyFactory()], actor=keeper)


# ---------------------------------------------------------------- counts per kind


def test_counts_per_kind_are_phrased_as_work_reports_phrase_them(clerk):
    township_stations = LiaisonStationFactory.create_batch(2)
    for parent in township_stations:
        LiaisonStationFactory(kind=StationKind.VILLAGE_ROOM, parent=parent, township=parent.township)
    LiaisonStationFactory(kind=StationKind.VILLAGE_ROOM, parent=township_stations[0])
    LiaisonStationFactory(kind=StationKind.ONLINE, township=None)
    counts = station_counts_by_kind(stations_visible_to(clerk))
    assert [count for _, _, count in counts] == [2, 3, 0, 0, 1]
    assert station_counts_text(counts) == "乡镇/街道代表联络站2个、村/社区代表联络室3个、网上代表联络站1个"


# ---------------------------------------------------------------- list page


def test_list_shows_the_summary_and_filters(client, member):
    township = TownshipFactory()
    model = LiaisonStationFactory(
        name="城关镇人大代表联络站", township=township, is_model=True, model_level="city"
    )
    room = LiaisonStationFactory(kind=StationKind.VILLAGE_ROOM, parent=model, township=township)
    closed = LiaisonStationFactory(active=False)
    DeputyFactory.create_batch(2, station=model)
    DeputyFactory(station=model, status=DeputyStatus.DECEASED)  # not counted: figures count serving deputies
    client.force_login(member)
    url = reverse("deputies:station_list")
    response = client.get(url)
    assert "乡镇/街道代表联络站2个、村/社区代表联络室1个，共3个。" in response.content.decode()
    assert {s.pk: s.deputy_count for s in response.context["object_list"]}[model.pk] == 2
    assert list(client.get(url, {"kind": StationKind.VILLAGE_ROOM}).context["object_list"]) == [room]
    assert set(client.get(url, {"township": township.pk}).context["object_list"]) == {model, room}
    assert list(client.get(url, {"is_model": "true"}).context["object_list"]) == [model]
    assert list(client.get(url, {"active": "false"}).context["object_list"]) == [closed]
    response = client.get(url, {"q": "城关"})
    assert list(response.context["object_list"]) == [model]
    assert response.context["kind_counts_text"] == "乡镇/街道代表联络站1个"


def test_list_sorts_by_deputy_count(client, member):
    busy = LiaisonStationFactory()
    DeputyFactory.create_batch(3, station=busy)
    quiet = LiaisonStationFactory()
    client.force_login(member)
    response = client.get(reverse("deputies:station_list"), {"sort": "-deputies"})
    assert list(response.context["object_list"]) == [busy, quiet]


def test_list_query_count_does_not_grow_with_rows(client, clerk, django_assert_num_queries):
    def add(count):
        for _ in range(count):
            parent = LiaisonStationFactory()
            DeputyFactory(station=LiaisonStationFactory(kind=StationKind.VILLAGE_ROOM, parent=parent))

    client.force_login(clerk)
    url = reverse("deputies:station_list")
    add(3)
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add(15)
    with django_assert_num_queries(len(few.captured_queries)):
        assert len(client.get(url).context["object_list"]) == 25


def test_list_htmx_request_renders_only_the_results(client, member):
    LiaisonStationFactory()
    client.force_login(member)
    response = client.get(reverse("deputies:station_list"), headers={"HX-Request": "true"})
    assert response.content.decode().lstrip().startswith('<div id="results">')
    assert "HX-Request" in response["Vary"]


def test_export_lists_the_filtered_stations(client, member):
    LiaisonStationFactory(name="城关镇人大代表联络站", is_model=True, model_level="province")
    LiaisonStationFactory(kind=StationKind.ONLINE)
    client.force_login(member)
    response = client.get(reverse("deputies:station_list"), {"export": "xlsx", "is_model": "true"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[0][:2] == ("名称", "类型")
    assert rows[1][:2] == ("城关镇人大代表联络站", "乡镇/街道代表联络站")
    assert rows[1][7] == "省级示范"
    assert len(rows) == 2


# ---------------------------------------------------------------- detail and forms


def test_detail_shows_keepers_deputies_receptions_activities_and_history(client, clerk, keeper, make_user):
    station = keeper.station
    keeper.full_name = "王管理"
    keeper.save()
    make_user(Role.DEPUTY, station=station, full_name="不是管理员")
    deputy = DeputyFactory(name="赵六", station=station)
    today = timezone.localdate()
    ReceptionDayFactory(
        station=station, date=today + datetime.timedelta(days=5), topic="听取教育意见", deputies=[deputy]
    )
    ReceptionDayFactory(station=station, date=today - datetime.timedelta(days=5), topic="去年的接待")
    ActivityFactory(station=station, title="视察乡村道路")
    station_update(station=station, expected_version=1, changes={"opening_hours": "每周三全天"}, actor=clerk)
    client.force_login(keeper)
    response = client.get(reverse("deputies:station_detail", args=[station.pk]))
    body = response.content.decode()
    for text in (
        "王管理",
        "赵六",
        "听取教育意见",
        "视察乡村道路",
        "开放时间：工作日 9:00-17:00 → 每周三全天",
    ):
        assert text in body
    assert "去年的接待" not in body
    assert "不是管理员" not in body
    assert response.context["deputies_form"] is None
    assert response.context["can_manage"]


def test_detail_of_an_unknown_station_is_404(client, member):
    client.force_login(member)
    assert client.get(reverse("deputies:station_detail", args=[999999])).status_code == 404


def test_office_staff_create_and_edit_through_the_forms(client, clerk):
    client.force_login(clerk)
    township = TownshipFactory()
    data = {
        "name": "城关镇人大代表联络站",
        "kind": StationKind.TOWNSHIP_STATION,
        "township": township.pk,
        "active": "on",
    }
    response = client.post(reverse("deputies:station_create"), data)
    station = LiaisonStation.objects.get()
    assert response["Location"] == reverse("deputies:station_detail", args=[station.pk])
    url = reverse("deputies:station_edit", args=[station.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, data | {"version": 1, "is_model": "on"})
    assert response.context["form"].errors["model_level"] == ["示范站请选择示范等级。"]
    assert client.post(url, data | {"version": 1, "address": "人民路1号"}).status_code == 302
    response = client.post(url, data | {"version": 1, "address": "人民路2号"})
    assert "已被他人修改" in response.context["form"].non_field_errors()[0]
    station.refresh_from_db()
    assert (station.address, station.version) == ("人民路1号", 2)


def test_keeper_and_deputy_cannot_create_or_edit_stations(client, keeper, deputy_user):
    for user in (keeper, deputy_user):
        client.force_login(user)
        assert client.get(reverse("deputies:station_create")).status_code == 403
        assert client.get(reverse("deputies:station_edit", args=[keeper.station.pk])).status_code == 403
        response = client.post(reverse("deputies:station_deputies", args=[keeper.station.pk]), {})
        assert response.status_code == 403


def test_office_staff_assign_deputies_from_the_station_page(client, clerk):
    station = LiaisonStationFactory()
    leaving = DeputyFactory(station=station)
    arriving = DeputyFactory(township=station.township)
    client.force_login(clerk)
    detail = client.get(reverse("deputies:station_detail", args=[station.pk]))
    assert set(detail.context["deputies_form"].fields["deputies"].queryset) == {leaving, arriving}
    response = client.post(
        reverse("deputies:station_deputies", args=[station.pk]), {"deputies": [arriving.pk]}
    )
    assert response.status_code == 302
    assert list(station.deputies.all()) == [arriving]


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("deputies:station_list"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
