import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from renda.core.roles import Role
from renda.org.models import HandlingUnit
from renda.org.tests.factories import (
    CommitteeMembershipFactory,
    CommitteeOfficeFactory,
    CongressSessionFactory,
    HandlingUnitFactory,
    JurisdictionFactory,
    TermFactory,
    TownshipFactory,
)

pytestmark = pytest.mark.django_db

UNITS = "/api/v1/handling-units/"


@pytest.fixture
def api():
    return APIClient()


def as_user(api, user):
    api.force_authenticate(user)
    return api


def names(response):
    assert response.status_code == 200, response.content
    return [row["name"] for row in response.json()["results"]]


# ---------------------------------------------------------------- handling units: reads


def test_units_filtered_by_kind_and_active_and_searched(api, member):
    HandlingUnitFactory(name="县交通运输局", short_name="交通局")
    HandlingUnitFactory(name="县教育局", active=False)
    HandlingUnitFactory(name="大方镇人民政府", kind=HandlingUnit.Kind.TOWNSHIP)
    as_user(api, member)

    assert names(api.get(UNITS, {"kind": "township"})) == ["大方镇人民政府"]
    assert names(api.get(UNITS, {"active": "false"})) == ["县教育局"]
    assert names(api.get(UNITS, {"q": "交通局"})) == ["县交通运输局"]


def test_unit_detail_of_a_missing_unit_is_404(api, member):
    assert as_user(api, member).get(f"{UNITS}999999/").status_code == 404


def test_unit_list_query_count_does_not_grow_with_rows(api, member, django_assert_num_queries):
    parent = HandlingUnitFactory()
    HandlingUnitFactory.create_batch(3, parent=parent, township=TownshipFactory())
    as_user(api, member)
    with CaptureQueriesContext(connection) as few:
        api.get(UNITS)
    HandlingUnitFactory.create_batch(20, parent=parent, township=TownshipFactory())

    with django_assert_num_queries(len(few.captured_queries)):
        assert len(api.get(UNITS).json()["results"]) == 24


# ---------------------------------------------------------------- handling units: writes through org.services


def test_clerk_creates_a_unit(api, clerk):
    parent = HandlingUnitFactory(name="县人民政府")
    data = {"name": "县水务局", "kind": "government", "parent": parent.pk, "contact_phone": "0857-1234567"}

    response = as_user(api, clerk).post(UNITS, data, format="json")

    assert response.status_code == 201, response.content
    unit = HandlingUnit.objects.get(name="县水务局")
    assert response.json()["id"] == unit.pk
    assert response.json()["version"] == 1
    assert unit.parent == parent
    assert unit.history.get().history_user == clerk


def test_unit_with_a_bad_phone_is_refused_beside_the_field(api, clerk):
    response = as_user(api, clerk).post(UNITS, {"name": "县水务局", "contact_phone": "12345"}, format="json")

    assert response.status_code == 400
    assert response.json()["contact_phone"] == ["请填写11位手机号，或带区号的固定电话（如 0857-1234567）。"]


@pytest.mark.parametrize("role", [Role.MEMBER, Role.DEPUTY, Role.UNIT])
def test_only_users_with_the_permission_create_units(api, make_user, role):
    response = as_user(api, make_user(role)).post(UNITS, {"name": "县水务局"}, format="json")

    assert response.status_code == 403
    assert not HandlingUnit.objects.filter(name="县水务局").exists()


def test_clerk_updates_a_unit_with_the_version_read(api, clerk):
    unit = HandlingUnitFactory(name="县交通局")

    response = as_user(api, clerk).patch(
        f"{UNITS}{unit.pk}/", {"contact_person": "李明", "version": 1}, format="json"
    )

    assert response.status_code == 200, response.content
    assert response.json()["version"] == 2
    unit.refresh_from_db()
    assert unit.contact_person == "李明"


def test_stale_unit_update_is_409_and_changes_nothing(api, clerk):
    unit = HandlingUnitFactory(name="县交通局")
    as_user(api, clerk).patch(f"{UNITS}{unit.pk}/", {"contact_person": "李明", "version": 1}, format="json")

    stale = api.patch(f"{UNITS}{unit.pk}/", {"contact_person": "王强", "version": 1}, format="json")

    assert stale.status_code == 409
    assert stale.json()["detail"] == (
        "该记录已被他人修改（当前为第2版，您编辑的是第1版），请刷新页面后重新修改。"
    )
    unit.refresh_from_db()
    assert unit.contact_person == "李明"


def test_unit_update_without_version_is_refused(api, clerk):
    unit = HandlingUnitFactory()

    response = as_user(api, clerk).patch(f"{UNITS}{unit.pk}/", {"contact_person": "李明"}, format="json")

    assert response.status_code == 400
    assert response.json()["version"] == ["请提供读取记录时的版本号（version）。"]


def test_unit_cannot_become_its_own_parent(api, clerk):
    parent = HandlingUnitFactory()
    child = HandlingUnitFactory(parent=parent)

    response = as_user(api, clerk).patch(
        f"{UNITS}{parent.pk}/", {"parent": child.pk, "version": 1}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["parent"] == ["上级单位不能是本单位或其下级单位。"]


def test_unit_officer_cannot_update_units(api, unit_user):
    unit = unit_user.handling_unit

    response = as_user(api, unit_user).patch(
        f"{UNITS}{unit.pk}/", {"name": "改名", "version": 1}, format="json"
    )

    assert response.status_code == 403


# ---------------------------------------------------------------- jurisdiction


def test_clerk_updates_the_jurisdiction_and_a_member_may_not(api, clerk, member):
    jurisdiction = JurisdictionFactory()
    url = f"/api/v1/jurisdictions/{jurisdiction.pk}/"

    assert (
        as_user(api, member).patch(url, {"population": 780000, "version": 1}, format="json").status_code
        == 403
    )
    response = as_user(api, clerk).patch(url, {"population": 780000, "version": 1}, format="json")

    assert response.status_code == 200, response.content
    assert response.json()["population"] == 780000
    assert response.json()["version"] == 2


def test_jurisdiction_code_must_be_six_digits(api, clerk):
    jurisdiction = JurisdictionFactory()

    response = as_user(api, clerk).patch(
        f"/api/v1/jurisdictions/{jurisdiction.pk}/", {"code": "５２０５２１", "version": 1}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == ["行政区划代码应为6位数字。"]


# ---------------------------------------------------------------- reference lists


def test_terms_list_counts_sessions_and_members(api, member):
    term = TermFactory()
    CongressSessionFactory.create_batch(2, term=term)
    CommitteeMembershipFactory(term=term)

    row = as_user(api, member).get("/api/v1/terms/").json()["results"][0]

    assert row["name"] == "第十八届"
    assert (row["session_count"], row["membership_count"]) == (2, 1)


def test_sessions_filtered_by_term(api, member):
    term = TermFactory()
    older = TermFactory(number=17, start_date=datetime.date(2016, 12, 28), is_current=False)
    CongressSessionFactory(term=term, number=2)
    CongressSessionFactory(term=older, number=5, start_date=datetime.date(2019, 1, 10))

    response = as_user(api, member).get("/api/v1/congress-sessions/", {"term": term.pk})

    assert names(response) == ["第十八届人民代表大会第二次会议"]


def test_memberships_and_offices_and_townships_are_listed(api, member):
    membership = CommitteeMembershipFactory(office=CommitteeOfficeFactory())
    as_user(api, member)

    rows = api.get("/api/v1/committee-memberships/").json()["results"]
    offices = api.get("/api/v1/committee-offices/").json()["results"]
    townships = api.get("/api/v1/townships/", {"jurisdiction": membership.term.jurisdiction_id}).json()

    assert rows[0]["deputy_name"] == membership.deputy.name
    assert offices[0]["member_count"] == 1
    assert townships["count"] == 1


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/terms/",
        "/api/v1/congress-sessions/",
        "/api/v1/committee-memberships/",
        "/api/v1/committee-offices/",
        "/api/v1/townships/",
    ],
)
def test_reference_lists_query_count_does_not_grow_with_rows(api, member, url, django_assert_num_queries):
    def rows():
        term = TermFactory(number=TermFactory._meta.model.objects.count() + 1, is_current=False)
        CongressSessionFactory(term=term)
        CommitteeMembershipFactory(term=term, office=CommitteeOfficeFactory(name=f"机构{term.number}"))

    rows()
    as_user(api, member)
    with CaptureQueriesContext(connection) as few:
        api.get(url)
    for _ in range(5):
        rows()

    with django_assert_num_queries(len(few.captured_queries)):
        assert api.get(url).status_code == 200
