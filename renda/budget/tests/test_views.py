"""Pages and API: execution drill-down with Excel, alerts with their evidence, imports, the calendar."""

import datetime

import pytest
from django.urls import reverse

from renda.budget import services
from renda.budget.models import Alert
from renda.budget.tests.conftest import AS_OF, YEAR
from renda.core import clock

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def alerts(loaded):
    with clock.at(datetime.datetime.combine(AS_OF, datetime.time(10), tzinfo=datetime.UTC)):
        services.alerts_refresh(year=YEAR, as_of=AS_OF, store=loaded)
    return Alert.objects.all()


def test_execution_drills_down_from_county_to_payments(client, clerk, loaded):
    client.force_login(clerk)
    url = reverse("budget:execution")
    county = client.get(url, {"year": YEAR})
    assert county.status_code == 200 and "D0001" in county.text and "序时进度" in county.text
    assert "budget-monthly" in county.text  # the ECharts option
    by_func = client.get(url, {"year": YEAR, "by": "func"})
    assert "小学教育" not in by_func.text and "教育支出" in by_func.text  # classes (类) with their names
    dept = client.get(url, {"year": YEAR, "dept": "ZOVER"})
    assert "ZOVER-1" in dept.text
    payments = client.get(url, {"year": YEAR, "dept": "ZOVER", "project": "ZOVER-1"})
    assert payments.status_code == 200 and "ZOVER供应商" in payments.text
    for params in (
        {"year": YEAR},
        {"year": YEAR, "dept": "ZOVER"},
        {"year": YEAR, "dept": "ZOVER", "project": "ZOVER-1"},
    ):
        assert client.get(url, {**params, "export": "xlsx"})["Content-Type"] == XLSX


def test_alert_list_detail_with_evidence_and_export(client, clerk, alerts):
    client.force_login(clerk)
    listing = client.get(reverse("budget:alerts"), {"rule": "split_payment"})
    assert listing.status_code == 200 and "疑似拆分支付" in listing.text
    assert client.get(reverse("budget:alerts"), {"export": "xlsx"})["Content-Type"] == XLSX
    split = alerts.get(rule="split_payment")
    detail = client.get(reverse("budget:alert", args=[split.pk]))
    assert detail.status_code == 200
    assert detail.text.count("某某水利建设公司") >= 3  # the three payments that made it
    assert "函询" in detail.text and "核查排除" in detail.text


def test_dismiss_form_shows_the_error_beside_the_field(client, clerk, alerts):
    client.force_login(clerk)
    alert = alerts.first()
    response = client.post(reverse("budget:alert_dismiss", args=[alert.pk]), {"reason": ""})
    assert response.status_code == 200 and "invalid-feedback" in response.text
    response = client.post(reverse("budget:alert_dismiss", args=[alert.pk]), {"reason": "合同分期付款"})
    assert response.status_code == 302
    assert Alert.objects.get(pk=alert.pk).state == "dismissed"


def test_import_page_names_bad_rows(client, clerk, store):
    client.force_login(clerk)
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = "单位代码,单位名称,项目代码,项目名称,功能分类科目,经济分类科目,指标金额\nD1,县教育局,X1,小学,2050202,30201,abc\n"
    response = client.post(
        reverse("budget:imports"),
        {"dataset": "allocations", "year": YEAR, "file": SimpleUploadedFile("a.csv", bad.encode())},
        follow=True,
    )
    assert "第2行 指标金额：不是金额" in response.text
    assert client.get(reverse("budget:calendar")).status_code == 200


def test_api_alerts_execution_and_imports(client, clerk, member, alerts):
    client.force_login(clerk)
    listing = client.get("/api/v1/budget/alerts/", {"rule": "large_payment"}).json()
    results = listing["results"] if isinstance(listing, dict) else listing
    assert results and results[0]["available_actions"][0]["name"] == "dismiss"
    detail = client.get(f"/api/v1/budget/alerts/{results[0]['id']}/").json()
    assert detail["evidence"][0]["pay_id"] == f"LARGE{YEAR}"
    execution = client.get("/api/v1/budget/execution/", {"year": YEAR}).json()
    assert {row["code"] for row in execution["rows"]} >= {"ZOVER", "D0001"}
    dismissed = client.post(f"/api/v1/budget/alerts/{results[0]['id']}/dismiss/", {"reason": "已核实"},
                            content_type="application/json")  # fmt: skip
    assert dismissed.status_code == 200 and dismissed.json()["state"] == "dismissed"
    client.force_login(member)
    refused = client.post(f"/api/v1/budget/alerts/{results[0]['id']}/close/", {"conclusion": "x"},
                          content_type="application/json")  # fmt: skip
    assert refused.status_code == 403
