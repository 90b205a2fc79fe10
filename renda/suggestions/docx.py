"""The reply letter (答复函) as a Word document, laid out from its parts (letters.py)."""

import io

from django.core.files.base import ContentFile
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from renda.core import clock
from renda.core.text import clean_text
from renda.suggestions.letters import Letter, letter_build
from renda.suggestions.models import Assignment, ResultCategory, Suggestion

FONT = "仿宋"


def _run_font(run, size: int, bold: bool = False) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = FONT
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)


def _paragraph(document, text: str, *, size: int = 16, align=None, bold: bool = False, indent: bool = False):
    paragraph = document.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(size * 2)
    _run_font(paragraph.add_run(clean_text(text)), size, bold)  # records saved before text was cleaned
    return paragraph


def reply_letter(letter: Letter) -> bytes:
    """The Word file of `letter`: result mark, 文号 and 签发人, heading, salutation, opening, body, closing,
    signature, contact line and 抄送, in the order of the page's preview (suggestions/_letter.html)."""
    document = Document()
    _paragraph(document, letter.category, bold=True)
    top = "　　".join(part for part in (letter.document_number, f"签发人：{letter.signer}") if part)
    _paragraph(document, top, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph(document, letter.heading, size=22, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    _paragraph(document, letter.salutation)
    _paragraph(document, letter.opening, indent=True)
    for line in letter.body:
        _paragraph(document, line, indent=True)
    _paragraph(document, letter.closing, indent=True)
    for line in letter.signature:
        _paragraph(document, line, align=WD_ALIGN_PARAGRAPH.RIGHT)
    if letter.contact:
        _paragraph(document, letter.contact, size=14)
    if letter.copy_to:
        _paragraph(document, f"抄送：{letter.copy_to}。", size=14)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def reply_letter_name(suggestion: Suggestion) -> str:
    return f"答复函-{suggestion.number or suggestion.pk}.docx"


def reply_letter_file(
    *,
    assignment: Assignment,
    result_category: ResultCategory,
    text: str,
    signer: str,
    document_number: str = "",
    contact_person: str = "",
    contact_phone: str = "",
    copy_to: str | None = None,
) -> ContentFile:
    """The 答复函 generated from the template, dated today, as a file to attach to the reply."""
    suggestion = assignment.suggestion
    letter = letter_build(
        suggestion=suggestion,
        unit_name=assignment.unit.name,
        result_category=result_category,
        text=text,
        signer=signer,
        date=clock.today(),
        document_number=document_number,
        contact_person=contact_person,
        contact_phone=contact_phone,
        copy_to=copy_to,
    )
    return ContentFile(reply_letter(letter), name=reply_letter_name(suggestion))
