"""The station page for stations as the demo and a fresh install have them, not only as factories make them.

The demo generator creates its stations with bulk_create, so they have no history rows at all; a station
created on a fresh install through the service has exactly one (its creation). Every role that reads
stations opens both pages, the keeper also through the 本联络站 shortcut of the 工作台."""

import pytest
from django.urls import reverse

from renda.core.roles import Role
from renda.deputies.choices import StationKind
from renda.deputies.models import LiaisonStation
from renda.deputies.services import station_create, station_update
from renda.org.tests.factories import TownshipFactory

pytestmark = pytest.mark.django_db

READERS = ["admin_user", "clerk", "member", "deputy_user", "unit_user", "keeper"]


def demo_station() -> LiaisonStation:
    """As renda.demo builds it: bulk_create, which writes no history row."""
    township = TownshipFactory(name="城关镇")
    (station,) = LiaisonStation.objects.bulk_create(
        [
            LiaisonStation(
                name="城关镇人大代表联络站",
                kind=StationKind.TOWNSHIP_STATION,
                township=township,
                address="城关镇人民路8号",
                opening_hours="每月15日 9:00-12:00",
            )
        ]
    )
    assert not station.history.exists()
    return station


def installed_station(actor) -> LiaisonStation:
    """As a clerk creates it on a fresh install: through the service, one history row."""
    station = station_create(
        data={
            "name": "东关乡人大代表联络站",
            "kind": StationKind.TOWNSHIP_STATION,
            "township": TownshipFactory(name="东关乡"),
            "address": "东关乡政府一楼",
            "opening_hours": "工作日 9:00-17:00",
            "active": True,
        },
        actor=actor,
    )
    assert station.history.count() == 1
    return station


@pytest.mark.parametrize("who", READERS)
def test_every_reader_opens_a_demo_station_and_a_fresh_one(request, client, who, make_user):
    office = make_user(Role.CLERK)
    stations = [demo_station(), installed_station(office)]
    client.force_login(request.getfixturevalue(who))
    for station in stations:
        response = client.get(reverse("deputies:station_detail", args=[station.pk]))
        assert response.status_code == 200, station.name
        assert station.name in response.content.decode()


def test_a_demo_station_shows_no_history_and_a_fresh_one_its_creation(client, make_user):
    office = make_user(Role.CLERK, full_name="李文书")
    demo, fresh = demo_station(), installed_station(office)
    client.force_login(office)
    assert client.get(reverse("deputies:station_detail", args=[demo.pk])).context["history"] == []
    (created,) = client.get(reverse("deputies:station_detail", args=[fresh.pk])).context["history"]
    assert created.created and created.who == "李文书"


def test_a_demo_station_edited_later_shows_the_edit_from_then_on(client, make_user):
    office = make_user(Role.CLERK)
    station = demo_station()
    station = station_update(
        station=station, expected_version=1, changes={"opening_hours": "全天"}, actor=office
    )
    station_update(station=station, expected_version=2, changes={"opening_hours": "每周三"}, actor=office)
    client.force_login(office)
    response = client.get(reverse("deputies:station_detail", args=[station.pk]))
    assert response.status_code == 200
    assert "开放时间：全天 → 每周三" in response.content.decode()


@pytest.mark.parametrize("installed", [False, True], ids=["demo", "fresh install"])
def test_the_keepers_own_station_link_opens(client, make_user, installed):
    station = installed_station(make_user(Role.CLERK)) if installed else demo_station()
    keeper = make_user(Role.KEEPER, station=station)
    client.force_login(keeper)
    shortcuts = {s.label: s.url for s in client.get(reverse("home")).context["shortcuts"]}
    response = client.get(shortcuts["本联络站"])
    assert response.status_code == 200
    assert station.name in response.content.decode()
