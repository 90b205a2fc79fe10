"""Excel export: a write-only workbook streamed from any iterable of rows."""

import io
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Column = tuple[str, Callable[[Any], Any]]  # (header, getter)
Sheet = tuple[str, Sequence[str], Iterable[Sequence[Any]]]  # (title, headers, rows)


def workbook_bytes(title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    return sheets_bytes([(title, headers, rows)])


def sheets_bytes(sheets: Sequence[Sheet]) -> bytes:
    """A workbook with one sheet per (title, headers, rows), headers in bold."""
    workbook = Workbook(write_only=True)
    for title, headers, rows in sheets:
        sheet = workbook.create_sheet(title[:31])
        header_cells = []
        for header in headers:
            cell = WriteOnlyCell(sheet, value=header)
            cell.font = Font(bold=True)
            header_cells.append(cell)
        sheet.append(header_cells)
        for row in rows:
            sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> HttpResponse:
    return _attachment(filename, workbook_bytes(filename, headers, rows))


def sheets_response(filename: str, sheets: Sequence[Sheet]) -> HttpResponse:
    """An Excel download with several sheets (e.g. a statistics report: totals, breakdowns)."""
    return _attachment(filename, sheets_bytes(sheets))


def _attachment(filename: str, content: bytes) -> HttpResponse:
    stamped = f"{filename}-{timezone.localdate():%Y%m%d}.xlsx"
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=stamped)
    return response


def export_queryset(filename: str, columns: Sequence[Column], objects: Iterable[Any]) -> HttpResponse:
    return xlsx_response(filename, [h for h, _ in columns], ([get(o) for _, get in columns] for o in objects))
