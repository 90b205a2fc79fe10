"""A missing list is never an empty list: a form-encoded body without `deputies` or `members` removes nobody."""

from urllib.parse import urlencode

import pytest
from rest_framework.test import APIClient

from renda.deputies.tests.factories import (
    ActivityFactory,
    DelegationFactory,
    DeputyFactory,
    DeputyGroupFactory,
    LiaisonStationFactory,
)

pytestmark = pytest.mark.django_db

FORM = "application/x-www-form-urlencoded"
REQUIRED = ["该字段是必填项。"]


@pytest.fixture
def api(clerk):
    client = APIClient()
    client.force_authenticate(clerk)
    return client


def form(api, method: str, url: str, data: dict | None = None):
    return getattr(api, method)(url, urlencode(data or {}, doseq=True), content_type=FORM)


def test_an_empty_form_body_does_not_empty_a_station(api):
    station = LiaisonStationFactory()
    deputies = DeputyFactory.create_batch(2, station=station, township=station.township)

    response = form(api, "post", f"/api/v1/stations/{station.pk}/deputies-assign/")

    assert response.status_code == 400
    assert response.json()["deputies"] == REQUIRED
    assert set(station.deputies.all()) == set(deputies)


def test_a_form_body_naming_the_deputies_still_assigns_them(api):
    station = LiaisonStationFactory()
    leaving = DeputyFactory(station=station, township=station.township)
    joining = DeputyFactory(township=station.township)

    response = form(
        api, "post", f"/api/v1/stations/{station.pk}/deputies-assign/", {"deputies": [joining.pk]}
    )

    assert response.status_code == 200, response.json()
    assert list(station.deputies.all()) == [joining]
    leaving.refresh_from_db()
    assert leaving.station is None


@pytest.mark.parametrize(
    ("url", "factory"),
    [("/api/v1/deputy-groups/", DeputyGroupFactory), ("/api/v1/delegations/", DelegationFactory)],
)
def test_a_form_body_without_members_keeps_the_members(api, url, factory):
    record = factory()
    members = DeputyFactory.create_batch(2)
    record.members.set(members)
    fields = {"name": "新名称"} | ({"term": record.term_id} if hasattr(record, "term_id") else {})

    empty = form(api, "put", f"{url}{record.pk}/")
    renamed = form(api, "put", f"{url}{record.pk}/", fields)
    patched = form(api, "patch", f"{url}{record.pk}/", {"name": "又一名称"})

    assert empty.status_code == 400
    assert empty.json()["name"] == REQUIRED
    assert renamed.status_code == 200, renamed.json()
    assert patched.status_code == 200, patched.json()
    assert set(patched.json()["members"]) == {deputy.pk for deputy in members}
    assert set(record.members.all()) == set(members)


def test_a_form_body_without_deputies_does_not_empty_an_activity(api):
    activity = ActivityFactory()
    deputies = DeputyFactory.create_batch(2)
    activity.deputies.set(deputies)

    response = form(
        api,
        "put",
        f"/api/v1/activities/{activity.pk}/",
        {"kind": "visit", "title": "视察", "date": "2024-05-08"},
    )

    assert response.status_code == 400
    assert response.json()["deputies"] == REQUIRED
    assert set(activity.deputies.all()) == set(deputies)
