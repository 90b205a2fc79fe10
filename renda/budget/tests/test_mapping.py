"""Saved column mappings: the finance bureau's own headers mapped once per dataset, saved, listed and edited,
applied to every later import (CSV, Excel, Parquet; pages and API); a missing mapped column named in Chinese."""

import io
import json

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from renda.budget import services
from renda.budget.models import BudgetImport, ColumnMapping
from renda.budget.tests.conftest import YEAR

pytestmark = pytest.mark.django_db

# a finance system whose export names its columns its own way
OWN = [
    "凭证编号",
    "日期",
    "预算单位编码",
    "预算单位",
    "项目编码",
    "功能科目",
    "经济科目",
    "收款方",
    "收款方类型",
    "金额（元）",
]
MAPPING = dict(zip(
    ["pay_id", "pay_date", "dept_code", "dept_name", "project_code", "func_code", "econ_code", "payee",
     "payee_kind", "amount"], OWN, strict=True,
))  # fmt: skip
ROWS = [
    ["P1", f"{YEAR}-01-05", "D1", "县教育局", "X1", "2050202", "30201", "某文具公司", "单位", "1200.50"],
    ["P2", f"{YEAR}-02-06", "D1", "县教育局", "X1", "2050202", "30201", "某文具公司", "单位", "300"],
    ["P3", f"{YEAR}-03-07", "D2", "县卫生健康局", "X2", "2100302", "30305", "张某", "个人", "80.05"],
]


def _csv(header=OWN, rows=ROWS) -> bytes:
    return ("\n".join(",".join(r) for r in [header, *rows]) + "\n").encode()


def _import(clerk, source, fmt="csv", **kwargs):
    return services.data_import(
        dataset="payments", year=YEAR, source=source, fmt=fmt, file_name=f"x.{fmt}", actor=clerk, **kwargs
    )


def test_a_saved_mapping_is_applied_to_later_imports(store, clerk):
    """Mapped once (and saved), the finance bureau's own headers import without a mapping the next time."""
    first = _import(clerk, _csv(), mapping=MAPPING, save_mapping=True)
    assert first.result == BudgetImport.Result.DONE and first.rows == 3
    assert ColumnMapping.objects.get(dataset="payments").columns == MAPPING
    again = _import(clerk, _csv(rows=ROWS[:2]))
    assert again.result == BudgetImport.Result.DONE and again.rows == 2 and again.replaced == 3
    rows = store.table("payments").order_by("pay_id").to_pyarrow().to_pylist()
    assert [r["amount"] for r in rows] == [120050, 30000] and rows[0]["dept_name"] == "县教育局"


def test_without_a_mapping_own_headers_are_refused_naming_the_missing_columns(store, clerk):
    done = _import(clerk, _csv())
    assert done.result == BudgetImport.Result.REFUSED
    assert "缺少列：支付凭证号" in done.errors and "缺少列：支付金额" in done.errors


def test_a_missing_mapped_column_is_named(store, clerk):
    """The saved mapping names a column the file lacks: the error names the field and the mapped column."""
    services.mapping_save(dataset="payments", columns=MAPPING, actor=clerk)
    header = ["凭证号码", *OWN[1:]]  # the bureau renamed a column
    done = _import(clerk, _csv(header=header))
    assert done.result == BudgetImport.Result.REFUSED and done.error_count == 1
    assert done.errors == "文件中没有“支付凭证号”对应的列「凭证编号」"
    assert store.count("payments") == 0


def test_a_mapped_field_falls_back_to_its_standard_header(store, clerk):
    """A file with the standard header still imports when a mapping is saved (the mapped column absent)."""
    services.mapping_save(dataset="payments", columns={"pay_id": "凭证编号"}, actor=clerk)
    standard = ["支付凭证号", "支付日期", "单位代码", "单位名称", "项目代码", "功能分类科目", "经济分类科目",
                "收款人", "收款人类型", "支付金额"]  # fmt: skip
    assert _import(clerk, _csv(header=standard)).rows == 3


def test_bad_rows_are_named_through_a_mapping(store, clerk):
    bad = [
        *ROWS[:2],
        ["P3", f"{YEAR}-02-30", "D2", "县卫生健康局", "X2", "2100302", "30305", "张某", "个人", "x"],
    ]
    done = _import(clerk, _csv(rows=bad), mapping=MAPPING)
    assert done.result == BudgetImport.Result.REFUSED
    assert "第4行 支付日期：不是日期（YYYY-MM-DD）" in done.errors.splitlines()
    assert "第4行 支付金额：不是金额（元，最多两位小数）" in done.errors.splitlines()


def test_excel_and_parquet_imports_apply_the_mapping(store, clerk):
    services.mapping_save(dataset="payments", columns=MAPPING, actor=clerk)
    wb = Workbook()
    ws = wb.active
    ws.append(OWN)
    for row in ROWS:
        ws.append([*row[:-1], float(row[-1])])
    buffer = io.BytesIO()
    wb.save(buffer)
    assert _import(clerk, buffer.getvalue(), "xlsx").rows == 3
    table = pacsv.read_csv(io.BytesIO(_csv()), convert_options=pacsv.ConvertOptions(
        column_types={h: pa.string() for h in OWN[:-1]}))  # fmt: skip
    out = io.BytesIO()
    pq.write_table(table, out)
    done = _import(clerk, out.getvalue(), "parquet")
    assert done.result == BudgetImport.Result.DONE and done.rows == 3 and done.replaced == 3


def test_mapping_is_checked_saved_edited_and_removed(clerk, member):
    with pytest.raises(ValidationError, match="不能同时对应"):
        services.mapping_save(dataset="payments", columns={"pay_id": "编号", "payee": "编号"}, actor=clerk)
    with pytest.raises(ValidationError, match="没有字段"):
        services.mapping_save(dataset="revenue", columns={"payee": "收款方"}, actor=clerk)
    with pytest.raises(PermissionDenied):
        services.mapping_save(dataset="payments", columns={"pay_id": "编号"}, actor=member)
    services.mapping_save(dataset="payments", columns={"pay_id": " 编号 ", "payee": ""}, actor=clerk)
    assert services.mapping_of("payments") == {"pay_id": "编号"}
    services.mapping_save(dataset="payments", columns={"pay_id": "凭证编号"}, actor=clerk)
    assert ColumnMapping.objects.get().columns == {"pay_id": "凭证编号"}
    assert services.mapping_save(dataset="payments", columns={"pay_id": ""}, actor=clerk) is None
    assert not ColumnMapping.objects.exists()


def test_import_page_maps_columns_and_saves_the_mapping(client, clerk, store):
    client.force_login(clerk)
    url = reverse("budget:imports")
    partial = client.get(url, {"dataset": "payments"}, headers={"HX-Request": "true"})
    assert partial.status_code == 200 and "“支付凭证号”在文件中的列名" in partial.text
    assert "<table" not in partial.text and "HX-Request" in partial["Vary"]
    data = {"dataset": "payments", "mapped_for": "payments", "year": YEAR, "save_mapping": "on",
            **{f"col_{k}": v for k, v in MAPPING.items()},
            "file": SimpleUploadedFile("支付.csv", _csv(), content_type="text/csv")}  # fmt: skip
    response = client.post(url, data)
    done = BudgetImport.objects.get()
    assert response.status_code == 302 and done.result == BudgetImport.Result.DONE and done.rows == 3
    assert services.mapping_of("payments") == MAPPING
    page = client.get(url, {"dataset": "payments"})
    assert 'value="凭证编号"' in page.text  # the saved mapping prefilled
    listing = client.get(reverse("budget:mappings"))
    assert listing.status_code == 200 and "支付凭证号 ← 「凭证编号」" in listing.text


def test_changing_the_dataset_without_its_mapping_fields_is_refused(client, clerk, store):
    client.force_login(clerk)
    data = {"dataset": "revenue", "mapped_for": "payments", "year": YEAR, "col_pay_id": "凭证编号",
            "file": SimpleUploadedFile("x.csv", _csv(), content_type="text/csv")}  # fmt: skip
    response = client.post(reverse("budget:imports"), data)
    assert response.status_code == 200 and "数据类别已改变" in response.text
    assert "“收入科目”在文件中的列名" in response.text and not BudgetImport.objects.exists()


def test_mapping_edit_page(client, clerk, member):
    client.force_login(clerk)
    url = reverse("budget:mapping_edit") + "?dataset=revenue"
    assert "“收入金额”在文件中的列名" in client.get(url).text
    response = client.post(url, {"col_amount": "本月收入", "col_month": "月"})
    assert response.status_code == 302 and services.mapping_of("revenue") == {
        "month": "月",
        "amount": "本月收入",
    }
    refused = client.post(url, {"col_amount": "月", "col_month": "月"})
    assert refused.status_code == 200 and "不能同时对应" in refused.text
    client.post(url, {})
    assert services.mapping_of("revenue") == {}
    client.force_login(member)
    assert client.get(url).status_code == 404


def test_api_import_accepts_a_mapping(client, clerk, member, store):
    client.force_login(clerk)
    upload = SimpleUploadedFile("支付.csv", _csv(), content_type="text/csv")
    response = client.post("/api/v1/budget/imports/", {
        "dataset": "payments", "year": YEAR, "file": upload, "mapping": json.dumps(MAPPING), "save_mapping": "true",
    })  # fmt: skip
    assert response.status_code == 201, response.content
    assert response.json()["result"] == "done" and response.json()["rows"] == 3
    assert services.mapping_of("payments") == MAPPING
    again = client.post("/api/v1/budget/imports/", {
        "dataset": "payments", "year": YEAR, "file": SimpleUploadedFile("b.csv", _csv(header=["凭证号码", *OWN[1:]])),
    })  # fmt: skip
    assert again.json()["result"] == "refused" and "「凭证编号」" in again.json()["errors"]
    bad = client.post("/api/v1/budget/imports/", {
        "dataset": "payments", "year": YEAR, "file": SimpleUploadedFile("c.csv", _csv()),
        "mapping": json.dumps({"nothing": "x"}),
    })  # fmt: skip
    assert bad.status_code == 400 and "没有字段" in bad.text
    client.force_login(member)
    assert client.post("/api/v1/budget/imports/", {}).status_code == 403
