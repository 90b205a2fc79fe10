"""The reply letter (答复函) as a Word document, generated from the reply's content."""

import datetime
import io

from django.core.files.base import ContentFile
from django.utils import timezone
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from renda.core.formats import cn_date
from renda.core.text import clean_text
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


def reply_letter(
    *,
    suggestion: Suggestion,
    unit_name: str,
    result_category: ResultCategory,
    text: str,
    signer: str,
    date: datetime.date,
) -> bytes:
    """关于XX号建议的答复: salutation to the lead deputy, body, result category, signer, unit and date."""
    document = Document()
    subject = suggestion.number or f"“{suggestion.title}”"
    kind = suggestion.get_kind_display()
    _paragraph(document, f"关于{subject}{kind}的答复", size=22, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    _paragraph(document, f"{suggestion.lead_deputy.name}代表：")
    _paragraph(document, f"您提出的《{suggestion.title}》收悉，现答复如下：", indent=True)
    for line in text.splitlines():
        if line.strip():
            _paragraph(document, line.strip(), indent=True)
    _paragraph(document, f"办理结果：{result_category.code}类（{result_category.label}）。", indent=True)
    _paragraph(document, "感谢您对我们工作的关心和支持。", indent=True)
    _paragraph(document, f"签发人：{signer}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph(document, unit_name, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph(document, cn_date(date), align=WD_ALIGN_PARAGRAPH.RIGHT)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def reply_letter_file(
    *, assignment: Assignment, result_category: ResultCategory, text: str, signer: str
) -> ContentFile:
    """The 答复函 generated from the template, dated today, as a file to attach to the reply."""
    suggestion = assignment.suggestion
    content = reply_letter(
        suggestion=suggestion,
        unit_name=assignment.unit.name,
        result_category=result_category,
        text=text,
        signer=signer,
        date=timezone.localdate(),
    )
    return ContentFile(content, name=f"答复函-{suggestion.number or suggestion.pk}.docx")
