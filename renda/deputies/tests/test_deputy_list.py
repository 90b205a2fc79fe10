import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from renda.core.roles import Role
from renda.deputies.choices import DeputyStatus, Level, Sector
from renda.deputies.tests.factories import DeputyFactory, DeputyGroupFactory, LiaisonStationFactory
from renda.org.tests.factories import TermFactory, TownshipFactory

pytestmark = pytest.mark.django_db
URL = reverse("deputies:deputy_list")


def names(response):
    return [d.name for d in response.context["object_list"]]


def sheet_rows(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_search_by_pinyin_initials_and_full_pinyin(client, clerk):
    for name in ("张三", "李四", "张思"):
        DeputyFactory(name=name)
    client.force_login(clerk)
    assert names(client.get(URL, {"q": "zs"})) == ["张三", "张思"]
    assert names(client.get(URL, {"q": "zhangsan"})) == ["张三"]
    assert names(client.get(URL, {"q": "李"})) == ["李四"]


def test_filters(client, clerk):
    township, station, group, term = (
        TownshipFactory(),
        LiaisonStationFactory(),
        DeputyGroupFactory(),
        TermFactory(),
    )
    target = DeputyFactory(
        name="王五", township=township, level=Level.TOWNSHIP, sector=Sector.WORKER, station=station,
        status=DeputyStatus.RESIGNED,
    )  # fmt: skip
    target.terms.add(term)
    group.members.add(target)
    DeputyFactory(name="赵六")
    client.force_login(clerk)
    everyone = {"level": "all", "status": "all"}
    for params in (
        {"township": township.pk},
        {"level": Level.TOWNSHIP},
        {"sector": Sector.WORKER},
        {"group": group.pk},
        {"station": station.pk},
        {"status": DeputyStatus.RESIGNED},
        {"status": "ended"},
        {"term": term.pk},
    ):
        assert names(client.get(URL, everyone | params)) == ["王五"], params


def test_default_scope_serving_deputies_of_the_users_congress_with_the_others_one_choice_away(client, clerk):
    township = TownshipFactory(name="黄泥塘镇")
    DeputyFactory(name="张三")
    DeputyFactory(name="李四", level=Level.TOWNSHIP, township=township)
    DeputyFactory(name="王五", status=DeputyStatus.RESIGNED)
    client.force_login(clerk)

    response = client.get(URL)
    body = response.content.decode()
    assert names(response) == ["张三"]
    assert "共 1 名在任县级代表" in body
    assert '<option value="own" selected>本级（县级）</option>' in body
    assert '<option value="active" selected>在任</option>' in body
    assert names(client.get(URL, {"level": Level.TOWNSHIP})) == ["李四"]
    assert names(client.get(URL, {"status": "ended"})) == ["王五"]
    assert names(client.get(URL, {"level": "all", "status": "all"})) == ["李四", "王五", "张三"]
    assert [row[0] for row in sheet_rows(client.get(URL, {"export": "xlsx"}))] == ["姓名", "张三"]
    township_rows = sheet_rows(client.get(URL, {"export": "xlsx", "level": Level.TOWNSHIP}))
    assert [row[0] for row in township_rows] == ["姓名", "李四"]


def test_a_township_deputys_own_congress_is_their_townships(client, make_user):
    township = TownshipFactory(name="黄泥塘镇")
    own = DeputyFactory(name="李四", level=Level.TOWNSHIP, township=township)
    DeputyFactory(name="赵六", level=Level.TOWNSHIP)  # another township's congress
    DeputyFactory(name="张三")
    client.force_login(make_user(Role.DEPUTY, deputy=own))

    response = client.get(URL)
    assert names(response) == ["李四"]
    assert "本级（黄泥塘镇）" in response.content.decode()
    assert names(client.get(URL, {"level": Level.COUNTY})) == ["张三"]


def test_sort_by_pinyin_birth_date_and_township(client, clerk):
    import datetime

    early, late = TownshipFactory(order=1), TownshipFactory(order=2)
    DeputyFactory(name="赵六", birth_date=datetime.date(1960, 1, 1), township=early)
    DeputyFactory(name="安七", birth_date=datetime.date(1990, 1, 1), township=late)
    client.force_login(clerk)
    assert names(client.get(URL)) == ["安七", "赵六"]
    assert names(client.get(URL, {"sort": "-name"})) == ["赵六", "安七"]
    assert names(client.get(URL, {"sort": "birth_date"})) == ["赵六", "安七"]
    assert names(client.get(URL, {"sort": "township"})) == ["赵六", "安七"]
    assert names(client.get(URL, {"sort": "phone"})) == ["安七", "赵六"]  # not sortable: default order


def test_htmx_request_renders_only_the_results(client, clerk):
    DeputyFactory(name="张三")
    client.force_login(clerk)
    response = client.get(URL, {"q": "zs"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "张三" in body and "<html" not in body and 'id="results"' in body
    assert "HX-Request" in response["Vary"]


def test_unit_officer_sees_masked_phones_in_list_and_export(client, unit_user):
    DeputyFactory(name="张三", phone="13812345678")
    client.force_login(unit_user)
    body = client.get(URL).content.decode()
    assert "138****5678" in body and "13812345678" not in body
    rows = sheet_rows(client.get(URL, {"export": "xlsx"}))
    phone_column = rows[0].index("手机号")
    assert rows[1][phone_column] == "138****5678"


def test_clerk_export_has_full_phones_and_follows_filters(client, clerk):
    DeputyFactory(name="张三", phone="13812345678")
    DeputyFactory(name="李四")
    client.force_login(clerk)
    response = client.get(URL, {"export": "xlsx", "q": "zs"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = sheet_rows(response)
    assert len(rows) == 2
    assert rows[1][0] == "张三" and "13812345678" in rows[1]


def test_query_count_is_the_same_for_5_and_30_rows(client, clerk, django_assert_num_queries):
    def add(rows):
        for _ in range(rows):
            deputy = DeputyFactory(name="张三", station=LiaisonStationFactory())
            deputy.terms.add(TermFactory())

    add(5)
    client.force_login(clerk)
    with CaptureQueriesContext(connection) as five:
        assert len(client.get(URL, {"q": "zs"}).context["object_list"]) == 5
    add(25)
    with django_assert_num_queries(len(five)):
        assert len(client.get(URL, {"q": "zs"}).context["object_list"]) == 25
