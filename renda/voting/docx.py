"""A vote's result sheet (表决结果) as a Word document."""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from renda.core.formats import cn_date
from renda.voting.models import VoteEvent
from renda.voting.results import VoteResult

FONT = "仿宋"


def _line(document, text: str, *, size: int = 16, bold: bool = False, center: bool = False) -> None:
    paragraph = document.add_paragraph()
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = FONT
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)


def result_sheet(
    *, event: VoteEvent, result: VoteResult, ballots: list[tuple[str, list[str]]] | None = None
) -> bytes:
    document = Document()
    _line(document, "表决结果", size=22, bold=True, center=True)
    _line(document, event.title, size=18, bold=True, center=True)
    when = cn_date(event.closed_at.date()) if event.closed_at else ""
    _line(document, f"表决方式：{event.get_method_display()}　通过标准：{event.get_threshold_display()}")
    _line(document, f"表决时间：{when}")
    _line(document, result.text + "。")
    if ballots:
        _line(document, "记名表决名单", bold=True)
        for label, names in ballots:
            _line(document, f"{label}（{len(names)}人）：{'、'.join(names) or '无'}")
    record = getattr(event, "record", None)
    if record is not None:
        _line(document, f"记录链 {record.chain_key} 第{record.position}条，哈希 {record.hash}", size=10)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
