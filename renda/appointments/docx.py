"""The letter of appointment (任命书) as a Word document: numbered, signed by the chairperson."""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from renda.appointments.models import Appointment
from renda.core.formats import cn_date
from renda.core.text import clean_text

FONT = "仿宋"


def _paragraph(document, text: str, *, size: int = 16, bold: bool = False, align=None):
    paragraph = document.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    run = paragraph.add_run(clean_text(text))
    run.font.size, run.font.bold, run.font.name = Pt(size), bold, FONT
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    return paragraph


def letter(appointment: Appointment, congress_name: str) -> bytes:
    document = Document()
    _paragraph(document, "任命书", size=26, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(document, appointment.letter_code, size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    meeting = appointment.meeting.title if appointment.meeting else "常务委员会会议"
    day = cn_date(appointment.decided_on) if appointment.decided_on else ""
    _paragraph(
        document,
        f"根据{day}{meeting}的决定，任命{appointment.person.name}为{appointment.post.name}。",
    )
    _paragraph(document, f"{congress_name}常务委员会", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph(document, f"主任  {appointment.letter_signed_by}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph(document, day, align=WD_ALIGN_PARAGRAPH.RIGHT)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
