"""Excel export: a write-only workbook streamed from any iterable of rows.

Every export goes through `sheets_bytes`, which writes text as text: characters a worksheet cannot hold are
removed, and text that Excel would take for a formula (=, +, -, @, tab, carriage return at the start) or an error
code is written as a string cell marked with a quote prefix, so it stays text even when the cell is edited
(OWASP "CSV injection").
"""

import io
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, Cell
from openpyxl.styles import Font

from renda.core.text import clean_text

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Column = tuple[str, Callable[[Any], Any]]  # (header, getter)
Sheet = tuple[str, Sequence[str], Iterable[Sequence[Any]]]  # (title, headers, rows)

FORMULA_STARTS = frozenset("=+-@\t\r")


def workbook_bytes(title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    return sheets_bytes([(title, headers, rows)])


def sheets_bytes(sheets: Sequence[Sheet]) -> bytes:
    """A workbook with one sheet per (title, headers, rows), headers in bold."""
    workbook = Workbook(write_only=True)
    for title, headers, rows in sheets:
        sheet = workbook.create_sheet(title[:31])
        header_cells = []
        for header in headers:
            cell = _cell(sheet, header)
            if not isinstance(cell, Cell):
                cell = WriteOnlyCell(sheet, value=cell)
            cell.font = Font(bold=True)
            header_cells.append(cell)
        sheet.append(header_cells)
        for row in rows:
            sheet.append([_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(sheet, value: Any) -> Any:
    """`value` as openpyxl should write it: text cleaned, and text that looks like a formula kept as text."""
    if not isinstance(value, str):
        return value
    value = clean_text(value)
    if value[:1] not in FORMULA_STARTS and value not in ERROR_CODES:
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"  # openpyxl takes "=…" for a formula and "#N/A" for an error
    cell.quotePrefix = True  # Excel keeps it text when the cell is edited
    return cell


def xlsx_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> HttpResponse:
    return _attachment(filename, workbook_bytes(filename, headers, rows))


def sheets_response(filename: str, sheets: Sequence[Sheet]) -> HttpResponse:
    """An Excel download with several sheets (e.g. a statistics report: totals, breakdowns)."""
    return _attachment(filename, sheets_bytes(sheets))


def _attachment(filename: str, content: bytes) -> HttpResponse:
    stamped = f"{filename}-{timezone.localdate():%Y%m%d}.xlsx"
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = (
        content_disposition_header(as_attachment=True, filename=stamped) or "attachment"
    )
    return response


def export_queryset(filename: str, columns: Sequence[Column], objects: Iterable[Any]) -> HttpResponse:
    return xlsx_response(filename, [h for h, _ in columns], ([get(o) for _, get in columns] for o in objects))
