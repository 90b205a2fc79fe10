"""The minutes (会议纪要) of a meeting as a Word document: attendance, 列席, agenda with remarks and results,
resolutions."""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from renda.core.formats import cn_date
from renda.core.text import clean_text
from renda.meetings import selectors
from renda.meetings.models import Meeting

FONT = "仿宋"


def _paragraph(document, text: str, *, size: int = 14, bold: bool = False, center: bool = False):
    paragraph = document.add_paragraph()
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(clean_text(text))
    run.font.size, run.font.bold, run.font.name = Pt(size), bold, FONT
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    return paragraph


def minutes(meeting: Meeting) -> bytes:
    document = Document()
    _paragraph(document, f"{meeting.title}纪要", size=20, bold=True, center=True)
    presider = f"，{meeting.presider.name}主持" if meeting.presider else ""
    _paragraph(
        document, f"{cn_date(meeting.date)}，{meeting.title}在{meeting.place or '本会'}举行{presider}。"
    )
    q = selectors.quorum(meeting)
    _paragraph(document, "一、出席情况", bold=True)
    _paragraph(document, f"{q.text}。")
    sheet = selectors.attendance_sheet(meeting)
    for status in ("出席", "请假", "缺席", "未签到", "请假待批"):
        names = "、".join(row.deputy.name for row in sheet if row.status == status)
        if names:
            _paragraph(document, f"{status}：{names}")
    attendees = list(meeting.attendees.all())
    if attendees:
        listed = "、".join(f"{a.name}（{a.organisation}）" if a.organisation else a.name for a in attendees)
        _paragraph(document, f"列席：{listed}")
    _paragraph(document, "二、议程和审议情况", bold=True)
    for item in meeting.items.select_related("resolution").order_by("order"):
        reporter = f"（{item.reporter}）" if item.reporter else ""
        _paragraph(document, f"{item.order}. {item.title}{reporter}", bold=True)
        if item.remarks:
            _paragraph(document, item.remarks)
        if item.result:
            _paragraph(document, f"结果：{item.result}")
        resolution = getattr(item, "resolution", None)
        if resolution is not None and resolution.number:
            _paragraph(document, f"作出《{resolution.title}》（{resolution.code}）。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
