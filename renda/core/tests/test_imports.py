"""Excel import is bounded while it reads: rows, columns, cell length and the unzipped size of the file."""

import io
import time
import zipfile

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from renda.core.imports import read_xlsx

SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"
STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def workbook(*rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rewrite(content: bytes, name: str, change, added: dict[str, str] | None = None) -> bytes:
    """The workbook with the part `name` changed by change(text) -> text, and parts `added`."""
    source, out = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        parts = [(info.filename, source.read(info.filename)) for info in source.infolist()]
        parts += [(part, text.encode()) for part, text in (added or {}).items()]
        for part, data in parts:
            if part == name:
                data = change(data.decode()).encode()
            target.writestr(part, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=1)
    return out.getvalue()


def with_shared_string(text: str) -> bytes:
    """A workbook whose cell A2, under the header 姓名, is `text` in the shared strings table."""
    content = workbook(["姓名"], ["HUGE"])
    content = rewrite(
        content,
        SHEET,
        lambda xml: xml.replace(
            '<c r="A2" t="inlineStr"><is><t>HUGE</t></is></c>', '<c r="A2" t="s"><v>0</v></c>'
        ),
        added={STRINGS: f'<sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><t>{text}</t></si></sst>'},
    )
    override = f'<Override PartName="/{STRINGS}" ContentType="{STRINGS_TYPE}"/></Types>'
    return rewrite(content, "[Content_Types].xml", lambda xml: xml.replace("</Types>", override))


def read(content: bytes):
    started = time.perf_counter()
    try:
        return read_xlsx(io.BytesIO(content))
    finally:
        assert time.perf_counter() - started < 5  # bounded, whatever the file declares


def test_a_plain_workbook_is_read():
    rows = read(workbook(["姓名", "性别"], ["张三", "男"], [None, None], ["李四", None]))

    assert [(row.number, row.values) for row in rows] == [
        (2, {"姓名": "张三", "性别": "男"}),
        (4, {"姓名": "李四", "性别": ""}),
    ]


def test_a_huge_declared_dimension_is_not_read_as_rows_and_columns():
    content = rewrite(
        workbook(["姓名", "性别"], ["张三", "男"]), SHEET, lambda xml: xml.replace("A1:B2", "A1:XFD1048576")
    )

    rows = read(content)

    assert [row.values for row in rows] == [{"姓名": "张三", "性别": "男"}]


def test_many_empty_rows_are_refused_at_the_row_limit(settings):
    empty_rows = "".join(f'<row r="{n}"/>' for n in range(3, 200_000))
    content = rewrite(
        workbook(["姓名"], ["张三"]),
        SHEET,
        lambda xml: xml.replace("</sheetData>", empty_rows + "</sheetData>"),
    )

    with pytest.raises(ValidationError, match=f"一次最多导入{settings.IMPORT_MAX_ROWS}行"):
        read(content)


def test_a_row_far_below_the_data_is_refused_without_reading_the_rows_between(settings):
    last = '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>王五</t></is></c></row>'
    content = rewrite(
        workbook(["姓名"], ["张三"]),
        SHEET,
        lambda xml: xml.replace("A1:A2", "A1:A1048576").replace("</sheetData>", last + "</sheetData>"),
    )

    with pytest.raises(ValidationError, match=f"一次最多导入{settings.IMPORT_MAX_ROWS}行"):
        read(content)


def test_a_huge_shared_string_is_refused_before_it_is_read(settings):
    settings.IMPORT_MAX_UNZIPPED_BYTES = 4 * 1024 * 1024  # the same check as at 64MB, faster to build
    content = with_shared_string("啊" * (settings.IMPORT_MAX_UNZIPPED_BYTES // 3 + 1))  # 3 bytes each
    assert len(content) < 1_000_000  # a small upload

    with pytest.raises(ValidationError, match="文件解压后超过4MB"):
        read(content)


def test_a_shared_string_is_read():
    assert [row.values for row in read(with_shared_string("张三"))] == [{"姓名": "张三"}]


def test_a_cell_longer_than_excel_allows_is_refused_naming_its_row_and_column():
    with pytest.raises(ValidationError, match="第2行「姓名」：内容超过32767个字符"):
        read(with_shared_string("经" * 40_000))


def test_a_header_wider_than_the_column_limit_is_refused(settings):
    content = workbook([f"列{n}" for n in range(settings.IMPORT_MAX_COLUMNS + 1)], ["张三"])

    with pytest.raises(ValidationError, match=f"第1行表头超过{settings.IMPORT_MAX_COLUMNS}列"):
        read(content)


def test_a_file_that_is_not_a_workbook_is_refused():
    with pytest.raises(ValidationError, match="无法读取该文件"):
        read(b"not a zip file")
