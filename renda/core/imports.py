"""Excel import: read the first sheet of an .xlsx file into rows keyed by their Chinese headers, and validate
every row with a form whose field labels are those headers.

Errors name the row and column as users see them in Excel (“第5行「性别」：…”), so a whole file can be
corrected at once. Importers validate every row first and write nothing unless all rows are valid.

A workbook is a zip of XML and can be a decompression bomb (millions of empty rows, one huge shared string, a
declared dimension of a million rows). Reading is bounded before and while it happens: the unzipped size of the
file (the sizes the zip declares are the most it yields), then in openpyxl's read-only streaming mode the
sheet's rows, the header's columns and each cell's length (settings IMPORT_MAX_*).
"""

import datetime
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpResponse
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from renda.core.export import xlsx_response


@dataclass(frozen=True)
class SheetRow:
    number: int  # the row number Excel shows (the header is row 1)
    values: dict[str, Any]  # header → cell value


def read_xlsx(file, *, required_headers: Iterable[str] = (), max_rows: int | None = None) -> list[SheetRow]:
    """The non-blank rows under the header row of the first sheet. Raises ValidationError in Chinese."""
    max_rows = max_rows or settings.IMPORT_MAX_ROWS
    _check_unzipped_size(file)
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise ValidationError(UNREADABLE) from exc
    try:
        sheet = workbook.worksheets[0]
        headers = _headers(sheet)
        missing = [header for header in required_headers if header not in headers]
        if missing:
            raise ValidationError(f"第1行表头缺少：{'、'.join(missing)}。请下载并使用导入模板。")
        # Rows are read up to one past the limit, whatever dimension the sheet declares.
        lines = sheet.iter_rows(
            min_row=2, max_row=max_rows + 2, max_col=max(len(headers), 1), values_only=True
        )
        rows = []
        for number, line in enumerate(lines, start=2):
            if number > max_rows + 1:
                raise ValidationError(f"一次最多导入{max_rows}行，请分批导入（表格末尾如有空行，请删除）。")
            values = {
                str(header): _cell(value, number, header)
                for header, value in zip(headers, line, strict=False)
                if header
            }
            if all(value == "" for value in values.values()):
                continue
            rows.append(SheetRow(number, values))
    finally:
        workbook.close()
    if not rows:
        raise ValidationError("文件中没有数据行。")
    return rows


UNREADABLE = "无法读取该文件，请上传 Excel 工作簿（.xlsx）。"


def _check_unzipped_size(file) -> None:
    """Refuse a workbook whose parts unzip to more than IMPORT_MAX_UNZIPPED_BYTES, before reading any of them."""
    limit = settings.IMPORT_MAX_UNZIPPED_BYTES
    try:
        with zipfile.ZipFile(file) as archive:
            size = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ValidationError(UNREADABLE) from exc
    finally:
        file.seek(0)
    if size > limit:
        raise ValidationError(
            f"文件解压后超过{limit // (1024 * 1024)}MB，内容过多，请删除多余的行、列或分批导入。"
        )


def _headers(sheet) -> list[Any]:
    """The header row, refused if it names more than IMPORT_MAX_COLUMNS columns."""
    limit = settings.IMPORT_MAX_COLUMNS
    line = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
    headers = [_cell(value, 1, "") for value in line]
    while headers and headers[-1] == "":
        headers.pop()
    if len(headers) > limit:
        raise ValidationError(f"第1行表头超过{limit}列，请只保留需要导入的列。")
    return headers


def _cell(value: Any, number: int, header: Any) -> Any:
    """Blank cells become "", text is stripped, whole numbers lose their ".0", midnight datetimes become dates.
    Text longer than IMPORT_MAX_CELL_CHARS is refused, naming its row and column."""
    if value is None:
        return ""
    if isinstance(value, str):
        limit = settings.IMPORT_MAX_CELL_CHARS
        if len(value) > limit:
            column = f"「{header}」" if header else ""
            raise ValidationError(f"第{number}行{column}：内容超过{limit}个字符。")
        return value.strip()
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def headers_of(form_class: type[forms.Form], *, required_only: bool = False) -> list[str]:
    """The sheet headers a row form reads: its field labels, in field order."""
    return [
        str(field.label) for field in form_class.base_fields.values() if field.required or not required_only
    ]


def validate_rows(
    rows: Sequence[SheetRow], form_class: type[forms.Form], **form_kwargs: Any
) -> tuple[list[tuple[SheetRow, dict[str, Any]]], list[str]]:
    """Validate each row with `form_class`; returns the valid rows with their cleaned data, and one Chinese
    message per bad cell, in row order."""
    names_by_header = {str(field.label): name for name, field in form_class.base_fields.items()}
    valid: list[tuple[SheetRow, dict[str, Any]]] = []
    errors: list[str] = []
    for row in rows:
        data = {name: row.values.get(header, "") for header, name in names_by_header.items()}
        form = form_class(data=data, **form_kwargs)
        if form.is_valid():
            valid.append((row, form.cleaned_data))
        else:
            errors.extend(row_errors(row.number, form))
    return valid, errors


def row_errors(number: int, form: forms.BaseForm) -> Iterator[str]:
    for name, messages in form.errors.items():
        column = "" if name == NON_FIELD_ERRORS else f"「{form.fields[name].label}」"
        for message in messages:
            yield f"第{number}行{column}：{message}"


def template_response(
    filename: str, form_class: type[forms.Form], example: Mapping[str, Any]
) -> HttpResponse:
    """An .xlsx import template: the header row and one example row (`example` is keyed by field name)."""
    return xlsx_response(
        filename, headers_of(form_class), [[example.get(name, "") for name in form_class.base_fields]]
    )
