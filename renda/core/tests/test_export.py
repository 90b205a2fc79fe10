"""Excel export writes text as text: no characters a worksheet cannot hold, no formulas from user text."""

import io
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from renda.core.export import sheets_bytes, workbook_bytes

INJECTIONS = [
    '=HYPERLINK("http://example.com","点击")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "#N/A",
]


def cells(content: bytes) -> list[list]:
    sheet = load_workbook(io.BytesIO(content)).active
    return [list(row) for row in sheet.iter_rows()]


def test_control_characters_do_not_break_the_export():
    content = workbook_bytes("建议", ["标题\x01"], [["关于\x0b修路\x01的建议"], ["正常"]])

    rows = cells(content)
    assert [[c.value for c in row] for row in rows] == [["标题"], ["关于\n修路的建议"], ["正常"]]


@pytest.mark.parametrize("text", INJECTIONS)
def test_text_that_looks_like_a_formula_is_exported_as_text(text):
    content = workbook_bytes("代表", ["职业"], [[text]])

    cell = cells(content)[1][0]
    assert cell.data_type == "s"
    assert cell.value in (text, text.replace("\r", "\n"))  # XML may read a carriage return as a line feed
    assert cell.quotePrefix
    sheet_xml = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml


def test_numbers_dates_and_plain_text_keep_their_types():
    import datetime

    content = sheets_bytes([("统计", ["名称", "件数", "日期"], [["交通", 12, datetime.date(2024, 3, 8)]])])

    name, count, date = cells(content)[1]
    assert (name.data_type, name.value, name.quotePrefix) == ("s", "交通", False)
    assert (count.data_type, count.value) == ("n", 12)
    assert date.value.date() == datetime.date(2024, 3, 8)


@pytest.mark.django_db
def test_a_deputy_s_occupation_reaches_the_clerk_s_export_as_text(client, clerk):
    from renda.deputies.tests.factories import DeputyFactory

    DeputyFactory(name="张三", occupation='=HYPERLINK("http://example.com","简历")')
    client.force_login(clerk)

    response = client.get(reverse("deputies:deputy_list"), {"export": "xlsx"})

    rows = cells(response.content)
    column = [c.value for c in rows[0]].index("工作单位及职务")
    cell = rows[1][column]
    assert (cell.data_type, cell.value) == ("s", '=HYPERLINK("http://example.com","简历")')
