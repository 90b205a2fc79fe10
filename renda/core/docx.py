"""The pieces Word documents share (python-docx): runs in 仿宋 with their East Asian font set, paragraphs and
grid tables with a bold header row."""

from collections.abc import Sequence

from docx.oxml.ns import qn
from docx.shared import Pt

from renda.core.text import clean_text

FONT = "仿宋"
HEADING = "黑体"


def run_font(run, size: int, *, bold: bool = False, font: str = FONT) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = font
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def paragraph(document, text: str, *, size: int = 14, align=None, bold: bool = False, font: str = FONT):
    added = document.add_paragraph()
    if align is not None:
        added.alignment = align
    run_font(added.add_run(clean_text(text)), size, bold=bold, font=font)
    return added


def table(document, rows: Sequence[Sequence[str]], *, header: bool = True):
    added = document.add_table(rows=len(rows), cols=len(rows[0]))
    added.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell = added.cell(r, c)
            cell.text = ""
            run_font(cell.paragraphs[0].add_run(clean_text(str(value))), 12, bold=header and r == 0)
    return added
