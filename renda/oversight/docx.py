"""The year's report of filing review (备案审查工作情况报告) as a Word document: the year's figures counted in the
database (documents filed, late filings, reviewed actively and on request, outcomes, corrections made), the
documents with problems and the late filings."""

import io
from functools import partial

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from renda.core.docx import HEADING, paragraph, table
from renda.core.formats import cn_date
from renda.oversight import selectors

_paragraph = partial(paragraph, size=16)


def filing_report(year: int, *, issuer: str = "县人大常委会") -> bytes:
    """备案审查工作情况报告 of `year`."""
    figures = selectors.filing_report(year)
    document = Document()
    _paragraph(
        document, f"{issuer}关于{year}年度规范性文件备案审查工作情况的报告", size=22, bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER, font=HEADING,
    )  # fmt: skip
    _paragraph(document, "一、基本情况", font=HEADING)
    _paragraph(
        document,
        f"{year}年，共接收报备规范性文件{figures.filed}件，其中逾期报备{figures.late}件。"
        f"审查{figures.reviewed}件，其中主动审查{figures.active}件，依申请审查{figures.on_request}件。",
    )
    table(
        document,
        [
            ["项目", "件数"],
            ["接收报备", str(figures.filed)],
            ["逾期报备", str(figures.late)],
            ["主动审查", str(figures.active)],
            ["依申请审查", str(figures.on_request)],
            ["经审查合法", str(figures.lawful)],
            ["要求纠正", str(figures.correction)],
            ["其中已纠正", str(figures.corrected)],
            ["撤销", str(figures.revoked)],
        ],
    )
    _paragraph(
        document,
        f"经审查，合法{figures.lawful}件，要求制定机关纠正{figures.correction}件（已纠正{figures.corrected}件），"
        f"撤销{figures.revoked}件。",
    )
    _paragraph(document, "二、审查发现问题的文件", font=HEADING)
    problems = list(selectors.filing_problems(year))
    if problems:
        rows = [["序号", "文件名称", "文号", "制定机关", "审查意见", "处理结果"]]
        for n, d in enumerate(problems, 1):
            outcome = d.get_state_display() + (f"：{d.correction_note}" if d.correction_note else "")
            rows.append([str(n), d.title, d.number, d.issuer.name, d.review_note, outcome])
        table(document, rows)
    else:
        _paragraph(document, "本年度审查未发现需要纠正或撤销的文件。")
    _paragraph(document, "三、逾期报备的文件", font=HEADING)
    late = list(selectors.filings_late(year))
    if late:
        rows = [["序号", "文件名称", "文号", "制定机关", "公布日期", "报备日期", "报备期限"]]
        for n, d in enumerate(late, 1):
            rows.append(
                [
                    str(n), d.title, d.number, d.issuer.name, cn_date(d.published_on), cn_date(d.filed_on),
                    cn_date(d.filing_due),
                ]
            )  # fmt: skip
        table(document, rows)
    else:
        _paragraph(document, "本年度没有逾期报备的文件。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
