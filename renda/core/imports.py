"""Excel import: read the first sheet of an .xlsx file into rows keyed by their Chinese headers, and validate
every row with a form whose field labels are those headers.

Errors name the row and column as users see them in Excel (“第5行「性别」：…”), so a whole file can be
corrected at once. Importers validate every row first and write nothing unless all rows are valid.
"""

import datetime
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpResponse
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from renda.core.export import xlsx_response

MAX_ROWS = 5000


@dataclass(frozen=True)
class SheetRow:
    number: int  # the row number Excel shows (the header is row 1)
    values: dict[str, Any]  # header → cell value


def read_xlsx(file, *, required_headers: Iterable[str] = (), max_rows: int = MAX_ROWS) -> list[SheetRow]:
    """The non-blank rows under the header row of the first sheet. Raises ValidationError in Chinese."""
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise ValidationError("无法读取该文件，请上传 Excel 工作簿（.xlsx）。") from exc
    try:
        lines = workbook.worksheets[0].iter_rows(values_only=True)
        headers = [_cell(value) for value in next(lines, ())]
        missing = [header for header in required_headers if header not in headers]
        if missing:
            raise ValidationError(f"第1行表头缺少：{'、'.join(missing)}。请下载并使用导入模板。")
        rows = []
        for number, line in enumerate(lines, start=2):
            values = {
                str(header): _cell(value) for header, value in zip(headers, line, strict=False) if header
            }
            if all(value == "" for value in values.values()):
                continue
            if len(rows) == max_rows:
                raise ValidationError(f"一次最多导入{max_rows}行，请分批导入。")
            rows.append(SheetRow(number, values))
    finally:
        workbook.close()
    if not rows:
        raise ValidationError("文件中没有数据行。")
    return rows


def _cell(value: Any) -> Any:
    """Blank cells become "", text is stripped, whole numbers lose their ".0", midnight datetimes become dates."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def headers_of(form_class: type[forms.BaseForm], *, required_only: bool = False) -> list[str]:
    """The sheet headers a row form reads: its field labels, in field order."""
    return [
        str(field.label) for field in form_class.base_fields.values() if field.required or not required_only
    ]


def validate_rows(
    rows: Sequence[SheetRow], form_class: type[forms.BaseForm], **form_kwargs: Any
) -> tuple[list[tuple[SheetRow, dict[str, Any]]], list[str]]:
    """Validate each row with `form_class`; returns the valid rows with their cleaned data, and one Chinese
    message per bad cell, in row order."""
    names_by_header = {str(field.label): name for name, field in form_class.base_fields.items()}
    valid, errors = [], []
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
    filename: str, form_class: type[forms.BaseForm], example: Mapping[str, Any]
) -> HttpResponse:
    """An .xlsx import template: the header row and one example row (`example` is keyed by field name)."""
    return xlsx_response(
        filename, headers_of(form_class), [[example.get(name, "") for name in form_class.base_fields]]
    )
