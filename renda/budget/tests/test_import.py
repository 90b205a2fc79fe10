"""Importing the finance bureau's exports: CSV, Excel and Parquet; all or nothing with every bad row named; a
re-import replaces its period exactly; adjustments only in the statutory cases; the reserve fund checked."""

import datetime
import io

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import Workbook

from renda.budget import services
from renda.budget.models import Adjustment, BudgetImport, ClassCode
from renda.budget.tests.conftest import YEAR

pytestmark = pytest.mark.django_db

HEADER = (
    "支付凭证号,支付日期,单位代码,单位名称,项目代码,功能分类科目,经济分类科目,收款人,收款人类型,支付金额\n"
)
GOOD = [
    f"P1,{YEAR}-01-05,D1,县教育局,X1,2050202,30201,某文具公司,单位,1200.50\n",
    f"P2,{YEAR}-02-06,D1,县教育局,X1,2050202,30201,某文具公司,单位,300\n",
    f"P3,{YEAR}-03-07,D2,县卫生健康局,X2,2100302,30305,张某,个人,80.05\n",
]


def _csv(*lines: str) -> bytes:
    return (HEADER + "".join(lines)).encode()


def _import(clerk, source, fmt="csv", dataset="payments", year=YEAR):
    return services.data_import(
        dataset=dataset, year=year, source=source, fmt=fmt, file_name=f"x.{fmt}", actor=clerk
    )


def test_classification_codes_are_loaded_with_their_names():
    """政府收支分类科目: functional, economic and revenue codes with names, from the migration."""
    assert ClassCode.objects.get(scheme="function", code="2050202").name == "小学教育"
    assert ClassCode.objects.get(scheme="economic", code="30217").name == "公务接待费"
    assert ClassCode.objects.get(scheme="function", code="227").name == "预备费"


def test_a_csv_import_converts_yuan_to_fen_and_derives_month_and_day(store, clerk):
    done = _import(clerk, _csv(*GOOD))
    assert done.result == BudgetImport.Result.DONE and done.rows == 3
    rows = store.table("payments").order_by("pay_id").to_pyarrow().to_pylist()
    assert [r["amount"] for r in rows] == [120050, 30000, 8005]
    assert rows[0]["month"] == 1 and rows[2]["payee_kind"] == "individual"
    assert rows[0]["day"] == (datetime.date(YEAR, 1, 5) - datetime.date(1970, 1, 1)).days


def test_bad_rows_are_all_named_and_nothing_is_imported(store, clerk):
    """Every bad row named (line, column, reason); a file with one bad row imports nothing."""
    _import(clerk, _csv(*GOOD))
    bad = _csv(
        GOOD[0],
        f"P9,{YEAR}-02-30,D1,县教育局,X1,9999999,30201,某公司,外单位,12.345\n",
        f"P8,{YEAR - 1}-12-31,,县教育局,X1,2050202,30201,某公司,单位,10\n",
    )
    done = _import(clerk, bad)
    assert done.result == BudgetImport.Result.REFUSED
    errors = done.errors.splitlines()
    assert "第3行 支付日期：不是日期（YYYY-MM-DD）" in errors
    assert "第3行 功能分类科目：不是政府收支分类科目中的编码" in errors
    assert "第3行 收款人类型：应为单位、个人" in errors
    assert "第3行 支付金额：不是金额（元，最多两位小数）" in errors
    assert f"第4行 支付日期：不在{YEAR}年度内" in errors and "第4行 单位代码：不能为空" in errors
    assert done.error_count == 6
    assert store.count("payments") == 3  # the earlier import, untouched


def test_a_reimport_replaces_its_period_exactly(store, clerk):
    """A re-import of a year replaces that year's rows, and only those."""
    _import(clerk, _csv(*GOOD))
    other = _csv(GOOD[0].replace(str(YEAR), str(YEAR + 1)))
    _import(clerk, other, year=YEAR + 1)
    done = _import(clerk, _csv(GOOD[1]))
    assert done.replaced == 3 and done.rows == 1
    assert store.count("payments", year=YEAR) == 1
    assert store.count("payments", year=YEAR + 1) == 1


def test_excel_and_parquet_imports(store, clerk):
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER.strip().split(","))
    for line in GOOD:
        values = line.strip().split(",")
        values[1] = datetime.date.fromisoformat(values[1])
        values[-1] = float(values[-1])
        ws.append(values)
    buffer = io.BytesIO()
    wb.save(buffer)
    assert _import(clerk, buffer.getvalue(), "xlsx").rows == 3
    table = pacsv.read_csv(io.BytesIO(_csv(*GOOD)), convert_options=pacsv.ConvertOptions(
        column_types={"单位代码": pa.string(), "功能分类科目": pa.string(), "经济分类科目": pa.string()}))  # fmt: skip
    out = io.BytesIO()
    pq.write_table(table, out)
    done = _import(clerk, out.getvalue(), "parquet")
    assert done.rows == 3 and done.replaced == 3
    assert store.count("payments") == 3


def test_only_the_office_imports(store, member):
    with pytest.raises(PermissionDenied):
        _import(member, _csv(*GOOD))


ALLOC_HEADER = "单位代码,单位名称,项目代码,项目名称,功能分类科目,经济分类科目,指标金额\n"


def test_reserve_fund_is_checked_on_import(store, clerk):
    """预算法 Art. 40: the reserve fund 1–3 % of spending, checked on each import of the allocations."""
    lines = ALLOC_HEADER + "D1,县教育局,X1,小学,2050202,30201,10000\nD0,县财政局,YBF,预备费,227,39999,500\n"
    done = _import(clerk, lines.encode(), dataset="allocations")
    assert "不在1%至3%之间" in done.notes  # 500 / 10,500 = 4.8 %
    lines = ALLOC_HEADER + "D1,县教育局,X1,小学,2050202,30201,10000\nD0,县财政局,YBF,预备费,227,39999,200\n"
    assert _import(clerk, lines.encode(), dataset="allocations").notes == ""


def test_budget_adjustment_only_in_the_four_statutory_cases(store, clerk):
    """预算法 Art. 67: adjustments that change total spending are refused until an adjustment of that case is
    recorded; an adjustment outside the four cases cannot be recorded."""
    lines = ALLOC_HEADER + "D1,县教育局,X1,小学,2050202,30201,500\n"
    refused = _import(clerk, lines.encode(), dataset="adjustments")
    assert refused.result == BudgetImport.Result.REFUSED and "预算法第六十七条" in refused.errors
    with pytest.raises(Exception, match="四种情形"):
        services.adjustment_record(year=YEAR, case="other", amount=1, approved_on=datetime.date(YEAR, 8, 1),
                                   description="x", actor=clerk)  # fmt: skip
    services.adjustment_record(year=YEAR, case=Adjustment.Case.TOTAL, amount=50000,
                               approved_on=datetime.date(YEAR, 8, 1), description="增加教育支出", actor=clerk)  # fmt: skip
    assert _import(clerk, lines.encode(), dataset="adjustments").result == BudgetImport.Result.DONE
    assert store.count("allocations", kind="adjust") == 1


@pytest.mark.parametrize(
    ("fmt", "content", "says"),
    [
        ("csv", "支付凭证号,支付日期\n".encode("gbk"), "UTF-8编码"),
        ("xlsx", b"not a workbook", "Excel工作簿"),
        ("parquet", b"PAR1 not parquet", "Parquet文件"),
    ],
)
def test_an_unreadable_file_is_refused_in_chinese(store, clerk, fmt, content, says):
    done = _import(clerk, content, fmt)
    assert done.result == BudgetImport.Result.REFUSED and says in done.errors
