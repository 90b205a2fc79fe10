import datetime
import io

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from renda.deputies.choices import Affiliation, Education, Gender, Level, Sector
from renda.deputies.models import Deputy
from renda.deputies.selectors import deputy_composition, years_before
from renda.deputies.tests.factories import DeputyFactory
from renda.org.tests.factories import TermFactory, TownshipFactory

pytestmark = pytest.mark.django_db
URL = reverse("deputies:composition")
TODAY = datetime.date(2025, 6, 15)


@pytest.fixture
def county():
    """Six deputies of the 18th term around the age-band boundaries, and one township deputy of another term."""
    term = TermFactory()
    town = TownshipFactory(name="城关镇")
    people = [
        # name, gender, ethnicity, birth date, sector, education, grassroots, affiliation
        ("甲", Gender.MALE, "汉族", datetime.date(1990, 6, 16), Sector.FARMER, Education.BACHELOR, True, Affiliation.CPC),
        ("乙", Gender.MALE, "汉族", datetime.date(1989, 6, 16), Sector.FARMER, Education.BACHELOR, True, Affiliation.CPC),
        ("丙", Gender.FEMALE, "苗族", datetime.date(1989, 6, 15), Sector.WORKER, Education.POSTGRADUATE, True, Affiliation.MASSES),
        ("丁", Gender.MALE, "汉族", datetime.date(1959, 6, 16), Sector.OFFICIAL, Education.BACHELOR, False, Affiliation.CPC),
        ("戊", Gender.FEMALE, "回族", datetime.date(1959, 6, 15), Sector.OFFICIAL, "", False, Affiliation.CDL),
        ("己", Gender.MALE, "汉族", None, Sector.PROFESSIONAL, Education.JUNIOR_COLLEGE, False, Affiliation.CPC),
    ]  # fmt: skip
    for name, gender, ethnicity, birth, sector, education, grassroots, affiliation in people:
        deputy = DeputyFactory(
            name=name, gender=gender, ethnicity=ethnicity, birth_date=birth, sector=sector, education=education,
            is_grassroots=grassroots, affiliation=affiliation, township=town,
        )  # fmt: skip
        deputy.terms.add(term)
    other = DeputyFactory(name="庚", level=Level.TOWNSHIP, gender=Gender.FEMALE)
    other.terms.add(TermFactory(number=17, is_current=False))
    return term, town


def table(breakdowns, key):
    return {share.label: share.count for share in next(b for b in breakdowns if b.key == key).shares}


@time_machine.travel(TODAY)
def test_counts_by_every_dimension(county):
    term, _ = county
    total, breakdowns = deputy_composition(Deputy.objects.filter(terms=term))
    assert total == 6
    assert table(breakdowns, "gender") == {"男": 4, "女": 2}
    assert table(breakdowns, "ethnicity") == {"汉族": 4, "回族": 1, "苗族": 1}
    assert table(breakdowns, "age_band") == {
        "35岁及以下": 2, "36至45岁": 1, "46至55岁": 0, "56至65岁": 1, "66岁及以上": 1, "未填": 1
    }  # fmt: skip
    assert table(breakdowns, "sector")["党政领导干部"] == 2
    assert table(breakdowns, "sector")["解放军和武警"] == 0
    assert table(breakdowns, "education") == {
        "研究生": 1, "大学本科": 3, "大学专科": 1, "中专或高中": 0, "初中及以下": 0, "未填": 1
    }  # fmt: skip
    assert table(breakdowns, "is_grassroots") == {"基层代表": 3, "非基层代表": 3}
    assert table(breakdowns, "affiliation") == {"中共党员": 4, "民盟": 1, "群众": 1}
    assert [b.key for b in breakdowns][:3] == ["gender", "ethnicity", "age_band"]


def test_years_before_handles_29_february():
    assert years_before(datetime.date(2024, 2, 29), 35) == datetime.date(1989, 2, 28)
    assert years_before(datetime.date(2024, 2, 29), 36) == datetime.date(1988, 2, 29)


@time_machine.travel(TODAY)
def test_page_filters_shows_tables_and_chart_data(client, member, county):
    term, town = county
    client.force_login(member)
    response = client.get(URL)
    assert response.context["total"] == 6  # the default scope: serving county deputies
    assert "共 <strong>6</strong> 名在任县级代表" in response.content.decode()
    assert client.get(URL, {"level": "all"}).context["total"] == 7
    response = client.get(URL, {"term": term.pk, "level": Level.COUNTY, "township": town.pk})
    body = response.content.decode()
    assert response.context["total"] == 6
    assert 'id="chart-gender" type="application/json"' in body
    assert 'data-chart="chart-age_band"' in body
    assert "66.7%" in body  # 4 of 6 are men
    assert "<script>" not in body.replace('<script src="', "")


@time_machine.travel(TODAY)
def test_export_lists_every_category_with_its_share(client, clerk, county):
    term, _ = county
    client.force_login(clerk)
    response = client.get(URL, {"term": term.pk, "export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0] == ("项目", "类别", "人数", "占比")
    assert rows[1] == ("代表总数", "在任县级代表", 6, None)
    assert ("性别", "女", 2, "33.3%") in rows
    assert ("年龄", "36至45岁", 1, "16.7%") in rows


def test_query_count_is_the_same_for_5_and_30_rows(client, clerk, django_assert_num_queries):
    DeputyFactory.create_batch(5)
    client.force_login(clerk)
    with CaptureQueriesContext(connection) as five:
        client.get(URL)
    DeputyFactory.create_batch(25)
    with django_assert_num_queries(len(five)):
        assert client.get(URL).context["total"] == 30


def test_anonymous_is_sent_to_login(client):
    assert client.get(URL).status_code == 302
