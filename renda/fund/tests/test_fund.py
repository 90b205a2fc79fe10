"""The suggestion fund (代表建议专项资金): its services and their rules, the totals and the seeds' sentence,
the pages and the API."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from renda.core.services import StaleEditError
from renda.fund import selectors, services
from renda.fund.models import FundProject, SuggestionFund
from renda.org.tests.factories import HandlingUnitFactory
from renda.suggestions import statistics
from renda.suggestions.statistics import Scope
from renda.suggestions.tests import flow

pytestmark = pytest.mark.django_db

COMPLETED = FundProject.Status.COMPLETED
WAN = Decimal(10000)


@pytest.fixture
def fund(office) -> SuggestionFund:
    return services.fund_create(year=2026, name="代表建议专项资金", amount=Decimal("6280000"), actor=office)


@pytest.fixture
def unit():
    return HandlingUnitFactory(name="县交通运输局")


def project(fund, actor, unit, **fields) -> FundProject:
    values = {"name": "通组公路硬化", "amount": Decimal("100000")} | fields
    return services.fund_project_create(fund=fund, unit=unit, actor=actor, **values)


# ---------------------------------------------------------------- services


def test_fund_create_by_the_office_only(office, member):
    with pytest.raises(PermissionDenied):
        services.fund_create(year=2026, name="专项资金", amount=Decimal(1000), actor=member)
    fund = services.fund_create(year=2026, name=" 专项资金 ", amount=Decimal(1000), actor=office)
    assert (fund.name, fund.version, fund.history.count()) == ("专项资金", 1, 1)


def test_fund_amount_positive_and_name_unique_per_year(office, fund):
    with pytest.raises(ValidationError) as error:
        services.fund_create(year=2026, name="另一笔", amount=Decimal(0), actor=office)
    assert error.value.message_dict == {"amount": ["资金总额须大于0。"]}
    with pytest.raises(ValidationError) as error:
        services.fund_create(year=2026, name="代表建议专项资金", amount=Decimal(1), actor=office)
    assert "同一年度已有同名的专项资金。" in error.value.messages
    assert (
        services.fund_create(year=2027, name="代表建议专项资金", amount=Decimal(1), actor=office).year == 2027
    )


def test_project_amounts_stay_within_the_fund(office, unit):
    small = services.fund_create(year=2026, name="小额资金", amount=Decimal("300000"), actor=office)
    first = project(small, office, unit, amount=Decimal("200000"))
    with pytest.raises(ValidationError) as error:
        project(small, office, unit, amount=Decimal("100000.01"))
    assert error.value.message_dict["amount"] == [
        "超出专项资金总额：总额300,000.00元，其他项目已安排200,000.00元。"
    ]
    project(small, office, unit, amount=Decimal("100000"))
    with pytest.raises(ValidationError):  # the project itself is left out of "the others"
        services.fund_project_update(
            project=first, expected_version=1, changes={"amount": Decimal("200000.01")}, actor=office
        )
    with pytest.raises(ValidationError) as error:
        services.fund_update(
            fund=small, expected_version=1, changes={"amount": Decimal("299999")}, actor=office
        )
    assert error.value.message_dict == {"amount": ["资金总额不能少于已安排到项目的300,000.00元。"]}


def test_completion_needs_a_date_not_in_the_future(office, fund, unit):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as error:
        project(fund, office, unit, status=COMPLETED)
    assert error.value.message_dict == {"completed_on": ["已完成的项目须填写完成日期。"]}
    with pytest.raises(ValidationError) as error:
        project(fund, office, unit, status=COMPLETED, completed_on=today + datetime.timedelta(days=1))
    assert error.value.message_dict == {"completed_on": ["完成日期不能晚于今天。"]}
    with pytest.raises(ValidationError) as error:
        project(fund, office, unit, completed_on=today)
    assert error.value.message_dict == {"completed_on": ["项目完成后再填写完成日期。"]}


def test_project_unit_in_use_and_registered_suggestions_only(office, fund, unit, deputy):
    stopped = HandlingUnitFactory(name="县撤并局", active=False)
    draft = flow.draft(deputy)
    with pytest.raises(ValidationError) as error:
        project(fund, office, stopped, suggestions=[draft])
    assert error.value.message_dict == {
        "unit": ["实施单位已停用：县撤并局。"],
        "suggestions": [f"只能关联已立案的建议：{draft.title}。"],
    }
    accepted = flow.accepted(office, deputy)
    assert list(project(fund, office, unit, suggestions=[accepted]).suggestions.all()) == [accepted]


def test_project_update_completes_it_and_refuses_stale_forms(office, fund, unit):
    planned = project(fund, office, unit)
    today = timezone.localdate()
    changes = {"status": COMPLETED, "completed_on": today, "beneficiaries": 1200}
    done = services.fund_project_update(project=planned, expected_version=1, changes=changes, actor=office)
    assert (done.status, done.completed_on, done.beneficiaries, done.version) == (COMPLETED, today, 1200, 2)
    with pytest.raises(StaleEditError):
        services.fund_project_update(
            project=planned, expected_version=1, changes={"name": "旧表单"}, actor=office
        )
    with pytest.raises(ValidationError):
        services.fund_project_update(project=done, expected_version=2, changes={"fund": fund}, actor=office)
    entries = selectors.fund_project_history(done)
    assert [entry.changed for entry in entries] == [["状态", "惠及群众（人次）", "完成日期"], []]


def test_project_keeps_a_unit_stopped_since(office, fund, unit):
    planned = project(fund, office, unit)
    unit.active = False
    unit.save()
    updated = services.fund_project_update(
        project=planned, expected_version=1, changes={"unit": unit, "beneficiaries": 30}, actor=office
    )
    assert updated.beneficiaries == 30


# ---------------------------------------------------------------- totals and the sentence


@pytest.fixture
def projects_2026(office, fund):
    """28 projects sharing the 628万元 (22 of 224,000元, 5 of 225,333.33元, one of 225,333.35元), 20 of them
    completed, 58,700 people served in all; and a fund of 2025 without projects."""
    units = HandlingUnitFactory.create_batch(3)
    amounts = [Decimal("224000")] * 22 + [Decimal("225333.33")] * 5 + [Decimal("225333.35")]
    people = [2000] * 27 + [4700]
    for number, (amount, served) in enumerate(zip(amounts, people, strict=True), start=1):
        status = COMPLETED if number <= 20 else FundProject.Status.IN_PROGRESS
        project(
            fund, office, units[number % 3], name=f"项目{number}", amount=amount, beneficiaries=served, status=status,
            completed_on=timezone.localdate() if status == COMPLETED else None,
        )  # fmt: skip
    services.fund_create(year=2025, name="代表建议专项资金", amount=Decimal("5000000"), actor=office)


def test_fund_totals_and_the_seeds_sentence(projects_2026):
    figures = selectors.fund_figures(2026, 2026)
    assert figures.amount == figures.allocated == Decimal("6280000")
    assert (figures.projects, figures.completed, figures.beneficiaries, figures.balance) == (28, 20, 58700, 0)
    assert (
        figures.sentence
        == "用好用活代表建议办理资金628万元，推动办理代表意见建议项目28个，惠及群众5.87万人次"
    )
    assert selectors.fund_figures(2025, 2026).amount == Decimal("11280000")


def test_the_statistics_of_a_year_carry_its_fund(projects_2026):
    assert statistics.suggestion_statistics(Scope.of_year(2026)).fund.projects == 28
    assert statistics.suggestion_statistics(Scope.of_year(2025)).fund.projects == 0


# ---------------------------------------------------------------- pages

FUNDS = reverse("fund:list")


def test_fund_list_page_export_and_readers(client, projects_2026, member, deputy):
    client.force_login(member)
    response = client.get(FUNDS, {"year": 2026})
    text = response.content.decode()
    assert "2026年：用好用活代表建议办理资金628万元" in text
    assert "新增专项资金" not in text  # members read only
    rows = list(
        load_workbook(io.BytesIO(client.get(FUNDS, {"export": "xlsx"}).content)).active.iter_rows(
            values_only=True
        )
    )
    assert rows[0][:3] == ("年度", "名称", "资金总额（元）")
    assert rows[1][:5] == (2026, "代表建议专项资金", 6280000, 6280000, 28)
    client.force_login(deputy)
    assert client.get(FUNDS).status_code == 404


def test_fund_list_htmx_request_renders_only_the_results(client, member, fund):
    client.force_login(member)
    response = client.get(FUNDS, {"year": 2026}, headers={"HX-Request": "true"})
    assert response.content.decode().lstrip().startswith('<p class="lead">2026年：')
    assert "HX-Request" in response["Vary"]


def test_fund_list_query_count_does_not_grow_with_rows(client, office, django_assert_num_queries):
    client.force_login(office)
    services.fund_create(year=2020, name="资金", amount=WAN, actor=office)
    client.get(FUNDS)
    with CaptureQueriesContext(connection) as few:
        client.get(FUNDS)
    for year in range(2010, 2020):
        services.fund_create(year=year, name="资金", amount=WAN, actor=office)
    with django_assert_num_queries(len(few.captured_queries)):
        assert len(client.get(FUNDS).context["object_list"]) == 11


def test_fund_pages_create_project_and_edit(client, office, fund, unit, deputy):
    client.force_login(office)
    accepted = flow.accepted(office, deputy)
    url = reverse("fund:project_create", args=[fund.pk])
    response = client.post(
        url, {"name": "", "unit": unit.pk, "amount": "0", "status": "planned", "beneficiaries": 0}
    )
    assert "必填项" in response.content.decode()
    form = {
        "name": "村道路灯", "suggestions": [accepted.pk], "unit": unit.pk, "amount": "50000", "status": "planned",
        "beneficiaries": "800",
    }  # fmt: skip
    response = client.post(url, form)
    assert response.status_code == 302
    created = FundProject.objects.get(name="村道路灯")
    detail = client.get(reverse("fund:detail", args=[fund.pk])).content.decode()
    assert "村道路灯" in detail and accepted.number in detail
    edit = reverse("fund:project_edit", args=[created.pk])
    response = client.post(edit, form | {"status": "completed", "completed_on": "", "version": 1})
    assert "已完成的项目须填写完成日期。" in response.content.decode()
    today = timezone.localdate().isoformat()
    assert (
        client.post(edit, form | {"status": "completed", "completed_on": today, "version": 1}).status_code
        == 302
    )
    page = client.get(edit).content.decode()
    assert "修改了状态、完成日期" in page


def test_a_fund_shows_its_projects_a_page_at_a_time_and_exports_them_all(client, office, fund, unit):
    from renda.fund.views import PROJECTS_PER_PAGE

    FundProject.objects.bulk_create(
        FundProject(fund=fund, unit=unit, name=f"项目{n:03d}", amount=Decimal(1000))
        for n in range(PROJECTS_PER_PAGE + 3)
    )
    client.force_login(office)
    url = reverse("fund:detail", args=[fund.pk])
    first = client.get(url)
    assert len(first.context["projects"]) == PROJECTS_PER_PAGE and "项目000" in first.content.decode()
    last = client.get(url, {"page": 2}, headers={"HX-Request": "true"})
    assert [p.name for p in last.context["projects"]] == ["项目050", "项目051", "项目052"]
    assert "<html" not in last.content.decode()  # htmx asks for the table alone
    workbook = load_workbook(io.BytesIO(client.get(url, {"export": "xlsx"}).content))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][0] == "项目名称" and len(rows) == 1 + PROJECTS_PER_PAGE + 3


def test_fund_create_page_errors_beside_the_fields(client, office, fund):
    client.force_login(office)
    response = client.post(
        reverse("fund:create"), {"year": 2026, "name": "代表建议专项资金", "amount": "100"}
    )
    assert "同一年度已有同名的专项资金。" in response.content.decode()


def test_fund_writes_are_for_the_office(client, member, fund):
    client.force_login(member)
    assert client.get(reverse("fund:create")).status_code == 404
    assert client.get(reverse("fund:edit", args=[fund.pk])).status_code == 404
    assert client.get(reverse("fund:detail", args=[fund.pk])).status_code == 200


# ---------------------------------------------------------------- API


def test_api_funds_read_create_and_stale_update(client, office, member, fund, unit):
    client.force_login(member)
    [listed] = client.get(reverse("fund-list")).json()["results"]
    assert (listed["name"], listed["amount"], listed["project_count"]) == (
        "代表建议专项资金",
        "6280000.00",
        0,
    )
    body = {"year": 2027, "name": "专项资金", "amount": "1000000"}
    assert client.post(reverse("fund-list"), body, content_type="application/json").status_code == 403
    client.force_login(office)
    created = client.post(reverse("fund-list"), body, content_type="application/json")
    assert created.status_code == 201
    url = reverse("fund-detail", args=[created.json()["id"]])
    patch = client.patch(url, {"amount": "900000", "version": 1}, content_type="application/json")
    assert (patch.status_code, patch.json()["version"]) == (200, 2)
    assert (
        client.patch(url, {"amount": "1", "version": 1}, content_type="application/json").status_code == 409
    )


def test_api_fund_projects(client, office, fund, unit):
    client.force_login(office)
    body = {"fund": fund.pk, "name": "文化广场", "unit": unit.pk, "amount": "7000000", "status": "planned"}
    response = client.post(reverse("fund-project-list"), body, content_type="application/json")
    assert response.status_code == 400
    assert "超出专项资金总额" in response.json()["amount"][0]
    response = client.post(
        reverse("fund-project-list"), body | {"amount": "70000"}, content_type="application/json"
    )
    assert response.status_code == 201
    url = reverse("fund-project-detail", args=[response.json()["id"]])
    done = {"status": "completed", "completed_on": timezone.localdate().isoformat(), "beneficiaries": 5000}
    response = client.patch(url, done | {"version": 1}, content_type="application/json")
    assert response.json()["status"] == "completed"
    listed = client.get(reverse("fund-project-list"), {"fund": fund.pk}).json()["results"]
    assert [p["beneficiaries"] for p in listed] == [5000]
