"""A vote's result sheet (表决结果), as a Word document and as a PDF: the same lines, two renderers."""

import io
from dataclasses import dataclass

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from renda.core.formats import cn_date
from renda.voting.models import VoteEvent
from renda.voting.results import VoteResult

FONT = "仿宋"  # Word's
PDF_FONT = "STSong-Light"  # one of the Adobe Asian fonts every PDF reader supplies: nothing to embed


@dataclass(frozen=True)
class Line:
    text: str
    size: int = 16
    bold: bool = False
    center: bool = False


def result_lines(
    *, event: VoteEvent, result: VoteResult, ballots: list[tuple[str, list[str]]] | None = None
) -> list[Line]:
    """What the sheet says: title, method and threshold, time, the result in the seeds' words, the named list
    (a named vote, for those who may see it) and the tamper-evident record's place and hash."""
    when = cn_date(event.closed_at.date()) if event.closed_at else ""
    lines = [
        Line("表决结果", size=22, bold=True, center=True),
        Line(event.title, size=18, bold=True, center=True),
        Line(f"表决方式：{event.get_method_display()}　通过标准：{event.get_threshold_display()}"),
        Line(f"表决时间：{when}"),
        Line(result.text + "。"),
    ]
    if ballots:
        lines.append(Line("记名表决名单", bold=True))
        lines += [Line(f"{label}（{len(names)}人）：{'、'.join(names) or '无'}") for label, names in ballots]
    record = getattr(event, "record", None)
    if record is not None:
        lines.append(Line(f"记录链 {record.chain_key} 第{record.position}条，哈希 {record.hash}", size=10))
    return lines


def result_docx(lines: list[Line]) -> bytes:
    document = Document()
    for line in lines:
        paragraph = document.add_paragraph()
        if line.center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(line.text)
        run.font.size = Pt(line.size)
        run.font.bold = line.bold
        run.font.name = FONT
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def result_pdf(lines: list[Line], *, title: str) -> bytes:
    """The same lines on A4, wrapped to the width (Chinese wraps between any two characters)."""
    from xml.sax.saxutils import escape

    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate

    if PDF_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))
    buffer = io.BytesIO()
    page = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm, title=title)
    flow: list[Flowable] = []
    for line in lines:
        style = ParagraphStyle(
            "line",
            fontName=PDF_FONT,
            fontSize=line.size * 0.75,  # Word's points are the same; a sheet of 16 pt reads large on A4
            leading=line.size * 1.25,
            alignment=TA_CENTER if line.center else 0,
            wordWrap="CJK",
            spaceAfter=6,
        )
        text = escape(line.text)
        flow.append(Paragraph(f"<b>{text}</b>" if line.bold else text, style))
    page.build(flow)
    return buffer.getvalue()
