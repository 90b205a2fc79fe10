import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from renda.accounts.models import User
from renda.deputies import selectors
from renda.deputies.choices import DeputyStatus, Level, Sector
from renda.deputies.models import Deputy
from renda.deputies.tests.factories import DeputyFactory, DeputyGroupFactory, LiaisonStationFactory
from renda.org.tests.factories import TermFactory, TownshipFactory

pytestmark = pytest.mark.django_db

DEPUTIES = "/api/v1/deputies/"


@pytest.fixture
def api():
    return APIClient()


def as_user(api, user):
    api.force_authenticate(user)
    return api


def names(response):
    assert response.status_code == 200, response.content
    return [row["name"] for row in response.json()["results"]]


# ---------------------------------------------------------------- list and filters (the page's DeputyFilter)


def test_deputies_listed_filtered_by_township(api, clerk):
    dafang, huangni = TownshipFactory(name="大方镇"), TownshipFactory(name="黄泥塘镇")
    DeputyFactory(name="张三", township=dafang)
    DeputyFactory(name="李四", township=dafang)
    DeputyFactory(name="王五", township=huangni)

    response = as_user(api, clerk).get(DEPUTIES, {"township": dafang.pk})

    assert names(response) == ["李四", "张三"]
    assert response.json()["count"] == 2
    assert {row["township_name"] for row in response.json()["results"]} == {"大方镇"}


def test_deputies_searched_by_pinyin_initials_or_name(api, member):
    DeputyFactory(name="张三")
    DeputyFactory(name="李四")
    as_user(api, member)

    assert names(api.get(DEPUTIES, {"q": "zs"})) == ["张三"]
    assert names(api.get(DEPUTIES, {"q": "李"})) == ["李四"]


def test_deputies_filtered_by_level_sector_status_group_station_and_term(api, member):
    group, station, term = DeputyGroupFactory(), LiaisonStationFactory(), TermFactory()
    wanted = DeputyFactory(name="张三", level=Level.TOWNSHIP, sector=Sector.WORKER, station=station)
    wanted.groups.add(group)
    wanted.terms.add(term)
    DeputyFactory(name="李四", status=DeputyStatus.RESIGNED)
    as_user(api, member)

    for query in (
        {"level": "township"},
        {"level": "all", "sector": "worker"},
        {"level": "all", "status": "active"},
        {"level": "all", "group": group.pk},
        {"level": "all", "station": station.pk},
        {"level": "all", "term": term.pk},
    ):
        assert names(api.get(DEPUTIES, query)) == ["张三"], query


def test_default_scope_serving_deputies_of_the_users_congress_in_the_api_as_on_the_page(api, member):
    DeputyFactory(name="张三")
    DeputyFactory(name="李四", level=Level.TOWNSHIP)
    DeputyFactory(name="王五", status=DeputyStatus.RESIGNED)
    as_user(api, member)

    assert names(api.get(DEPUTIES)) == ["张三"]
    assert names(api.get(DEPUTIES, {"level": "township"})) == ["李四"]
    assert names(api.get(DEPUTIES, {"status": "ended"})) == ["王五"]
    assert names(api.get(DEPUTIES, {"level": "all", "status": "all"})) == ["李四", "王五", "张三"]


def test_an_invalid_filter_value_is_a_400(api, member):
    assert as_user(api, member).get(DEPUTIES, {"level": "galaxy"}).status_code == 400


def test_deputy_list_query_count_does_not_grow_with_rows(api, clerk, django_assert_num_queries):
    term = TermFactory()
    for deputy in DeputyFactory.create_batch(3, station=LiaisonStationFactory()):
        deputy.terms.add(term)
    as_user(api, User.objects.get(pk=clerk.pk))  # as in a real request: permissions not cached yet
    with CaptureQueriesContext(connection) as few:
        api.get(DEPUTIES)
    for deputy in DeputyFactory.create_batch(20, station=LiaisonStationFactory()):
        deputy.terms.add(term)
    as_user(api, User.objects.get(pk=clerk.pk))

    with django_assert_num_queries(len(few.captured_queries)):
        assert len(api.get(DEPUTIES).json()["results"]) == 23


# ---------------------------------------------------------------- phones masked unless selectors.can_view_phone


def test_phone_is_masked_for_a_unit_officer_and_full_for_a_clerk(api, unit_user, clerk):
    deputy = DeputyFactory(phone="13812345678")
    url = f"{DEPUTIES}{deputy.pk}/"

    assert as_user(api, unit_user).get(url).json()["phone"] == "138****5678"
    assert as_user(api, unit_user).get(DEPUTIES).json()["results"][0]["phone"] == "138****5678"
    assert as_user(api, clerk).get(url).json()["phone"] == "13812345678"


def test_a_deputy_sees_their_own_phone(api, deputy_user):
    deputy = deputy_user.deputy

    assert as_user(api, deputy_user).get(f"{DEPUTIES}{deputy.pk}/").json()["phone"] == deputy.phone


# ---------------------------------------------------------------- visibility through the selector


def test_a_deputy_outside_the_selector_is_404_and_not_listed(api, member, monkeypatch):
    shown, hidden = DeputyFactory(name="张三"), DeputyFactory(name="李四")
    monkeypatch.setattr(selectors, "deputies_visible_to", lambda user: Deputy.objects.filter(pk=shown.pk))
    as_user(api, member)

    assert names(api.get(DEPUTIES)) == ["张三"]
    assert api.get(f"{DEPUTIES}{hidden.pk}/").status_code == 404
    assert (
        api.patch(f"{DEPUTIES}{hidden.pk}/", {"title": "x", "version": 1}, format="json").status_code == 404
    )


def test_anonymous_detail_is_401(api):
    assert api.get(f"{DEPUTIES}{DeputyFactory().pk}/").status_code == 401


# ---------------------------------------------------------------- create and update through deputies.services


def test_clerk_registers_a_deputy(api, clerk):
    township, term = TownshipFactory(), TermFactory()
    data = {
        "name": "赵六",
        "gender": "female",
        "sector": "farmer",
        "terms": [term.pk],
        "township": township.pk,
        "phone": "13900001111",
    }

    response = as_user(api, clerk).post(DEPUTIES, data, format="json")

    assert response.status_code == 201, response.content
    deputy = Deputy.objects.get(name="赵六")
    assert deputy.name_initials == "zl"
    assert list(deputy.terms.all()) == [term]
    assert response.json()["terms"] == [term.pk]
    assert response.json()["phone"] == "13900001111"


def test_deputy_registration_errors_are_chinese_beside_the_field(api, clerk):
    response = as_user(api, clerk).post(DEPUTIES, {"name": "赵六", "phone": "123"}, format="json")

    assert response.status_code == 400
    body = response.json()
    assert body["phone"] == ["请填写11位手机号，或带区号的固定电话（如 0857-1234567）。"]
    assert body["gender"] == ["该字段是必填项。"]


def test_a_unit_officer_cannot_register_deputies(api, unit_user):
    response = as_user(api, unit_user).post(DEPUTIES, {"name": "赵六"}, format="json")

    assert response.status_code == 403
    assert not Deputy.objects.filter(name="赵六").exists()


def test_clerk_updates_a_deputy_with_the_version_read(api, clerk):
    deputy = DeputyFactory(name="张三")

    response = as_user(api, clerk).patch(
        f"{DEPUTIES}{deputy.pk}/", {"name": "张珊", "version": 1}, format="json"
    )

    assert response.status_code == 200, response.content
    assert response.json()["version"] == 2
    assert response.json()["name_initials"] == "zs"
    deputy.refresh_from_db()
    assert deputy.name == "张珊"


def test_stale_deputy_update_is_409_with_a_chinese_message(api, clerk):
    deputy = DeputyFactory(occupation="农民")
    url = f"{DEPUTIES}{deputy.pk}/"
    as_user(api, clerk).patch(url, {"occupation": "村党支部书记", "version": 1}, format="json")

    stale = api.patch(url, {"occupation": "种植大户", "version": 1}, format="json")

    assert stale.status_code == 409
    assert (
        stale.json()["detail"] == "该记录已被他人修改（当前为第2版，您编辑的是第1版），请刷新页面后重新修改。"
    )
    deputy.refresh_from_db()
    assert deputy.occupation == "村党支部书记"


def test_a_deputy_updates_their_own_contact_details(api, deputy_user):
    deputy = deputy_user.deputy

    response = as_user(api, deputy_user).patch(
        f"{DEPUTIES}{deputy.pk}/", {"phone": "13700002222", "title": "农艺师", "version": 1}, format="json"
    )

    assert response.status_code == 200, response.content
    deputy.refresh_from_db()
    assert (deputy.phone, deputy.title) == ("13700002222", "农艺师")


def test_a_deputy_cannot_change_other_fields_of_their_record(api, deputy_user):
    deputy = deputy_user.deputy

    response = as_user(api, deputy_user).patch(
        f"{DEPUTIES}{deputy.pk}/", {"sector": "worker", "version": 1}, format="json"
    )

    assert response.status_code == 403
    assert response.json()["detail"] == "代表本人只能修改自己的手机号、工作单位及职务、职称。"
    deputy.refresh_from_db()
    assert deputy.sector == Sector.FARMER


def test_a_deputy_cannot_update_another_deputy(api, deputy_user):
    other = DeputyFactory()

    response = as_user(api, deputy_user).patch(
        f"{DEPUTIES}{other.pk}/", {"phone": "13700002222", "version": 1}, format="json"
    )

    assert response.status_code == 403
    other.refresh_from_db()
    assert other.phone != "13700002222"
