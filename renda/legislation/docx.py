"""The report to the upper congress (关于《…》的修改意见) as a Word document, in the usual form: per article, the
original text, the opinion, the reason and how many comments are behind it."""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from renda.core.formats import cn_date
from renda.core.text import clean_text
from renda.legislation import selectors
from renda.legislation.models import Draft

FONT = "仿宋"


def _font(run, size: int, bold: bool = False) -> None:
    run.font.size, run.font.bold, run.font.name = Pt(size), bold, FONT
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)


def _paragraph(document, text: str, *, size: int = 14, bold: bool = False, center: bool = False):
    paragraph = document.add_paragraph()
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(paragraph.add_run(clean_text(text)), size, bold)
    return paragraph


def report(draft: Draft, *, sender: str = "") -> bytes:
    """The upward report: a table of the opinions, the article-by-article ones first in article order."""
    version = selectors.reported_version(draft)
    opinions = sorted(
        selectors.opinions_of(draft),
        key=lambda o: (o.article_id is not None, (t.position if (t := selectors.text_in(o, version)) else 0)),
    )
    comments = draft.comments.count()
    document = Document()
    _paragraph(document, f"关于《{draft.title}》的修改意见", size=20, bold=True, center=True)
    _paragraph(document, f"{draft.issuing_body}：")
    window = (
        f"{cn_date(draft.opens_on)}至{cn_date(draft.closes_on)}，"
        if draft.opens_on and draft.closes_on
        else ""
    )
    _paragraph(
        document,
        f"    {window}我们通过基层立法联系点、人大代表和网上征求意见等渠道，对《{draft.title}》广泛征求意见，"
        f"共收集意见建议{comments}条，整理形成修改意见{len(opinions)}条，现报送如下：",
    )
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, title in zip(
        table.rows[0].cells, ["序号", "条文", "修改意见", "理由", "意见来源（条）"], strict=True
    ):
        _font(cell.paragraphs[0].add_run(title), 12, bold=True)
    for number, opinion in enumerate(opinions, 1):
        text = selectors.text_in(opinion, version)
        original = f"{text.heading} {text.text}" if text else "草案整体"
        row = table.add_row().cells
        for cell, value in zip(
            row,
            [str(number), original, opinion.text, opinion.reason, str(getattr(opinion, "source_count", 0))],
            strict=True,
        ):
            _font(cell.paragraphs[0].add_run(clean_text(value)), 12)
    _paragraph(document, "")
    _paragraph(document, sender or "县人大常委会", center=False)
    if draft.reported_on:
        _paragraph(document, cn_date(draft.reported_on))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
