"""The year's report of filing review (备案审查工作情况报告) as a Word document, read back: the year's figures and
the documents with problems; downloaded from the filing-review page and the API."""

import datetime
import io

import docx
from rest_framework.test import APIClient

from renda.core.roles import Role
from renda.oversight import services
from renda.oversight.docx import filing_report
from renda.oversight.tests.conftest import at


def _text(content: bytes) -> tuple[str, list[list[list[str]]]]:
    document = docx.Document(io.BytesIO(content))
    text = "\n".join(p.text for p in document.paragraphs)
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    return text, tables


def _year_of_filings(office, body):
    """Five documents filed in 2026 (one late), one in 2025; reviewed actively and on request; lawful,
    corrected, asked to correct, revoked."""
    made = []
    for n, (published, filed) in enumerate(
        [
            (datetime.date(2026, 1, 5), datetime.date(2026, 1, 20)),
            (datetime.date(2026, 2, 1), datetime.date(2026, 4, 1)),  # 59 days: late
            (datetime.date(2026, 3, 1), datetime.date(2026, 3, 10)),
            (datetime.date(2026, 4, 1), datetime.date(2026, 4, 10)),
            (datetime.date(2026, 5, 1), datetime.date(2026, 5, 10)),
            (datetime.date(2025, 5, 1), datetime.date(2025, 5, 10)),
        ]
    ):
        with at(filed):
            made.append(
                services.filing_register(
                    title=f"文件{n + 1}",
                    number=f"大府发〔{published.year}〕{n + 1}号",
                    issuer=body,
                    published_on=published,
                    filed_on=filed,
                    actor=office,
                )  # fmt: skip
            )
    with at(datetime.date(2026, 6, 1)):
        d1, d2, d3, d4, _, _ = made
        services.filing_decide(
            document=services.filing_review(document=d1, actor=office),
            outcome="lawful",
            note="",
            actor=office,
        )
        d2 = services.filing_review(document=d2, requested_by="公民王某", actor=office)
        d2 = services.filing_decide(document=d2, outcome="correct", note="第五条增设行政许可", actor=office)
        services.filing_corrected(document=d2, note="已删除第五条", actor=office)
        d3 = services.filing_review(document=d3, actor=office)
        services.filing_decide(document=d3, outcome="correct", note="罚款数额超出上位法", actor=office)
        d4 = services.filing_review(document=d4, requested_by="县律师协会", actor=office)
        services.filing_decide(document=d4, outcome="revoke", note="违法减损公民权利", actor=office)


def test_the_annual_filing_review_report_is_a_word_document_with_the_year_s_figures(office, body):
    _year_of_filings(office, body)
    text, tables = _text(filing_report(2026))
    assert "2026年度规范性文件备案审查工作情况的报告" in text
    assert "共接收报备规范性文件5件，其中逾期报备1件。审查4件，其中主动审查2件，依申请审查2件。" in text
    assert "合法1件，要求制定机关纠正2件（已纠正1件），撤销1件" in text
    figures = dict(row for row in tables[0][1:])
    assert figures == {
        "接收报备": "5", "逾期报备": "1", "主动审查": "2", "依申请审查": "2", "经审查合法": "1", "要求纠正": "2",
        "其中已纠正": "1", "撤销": "1",
    }  # fmt: skip
    problems = tables[1]
    assert problems[0] == ["序号", "文件名称", "文号", "制定机关", "审查意见", "处理结果"]
    assert [(row[1], row[5]) for row in problems[1:]] == [
        ("文件3", "要求纠正"),
        ("文件2", "已纠正：已删除第五条"),
        ("文件4", "已撤销"),
    ]
    assert [row[1] for row in tables[2][1:]] == ["文件2"]  # the late filing
    empty, tables = _text(filing_report(2024))
    assert "本年度审查未发现需要纠正或撤销的文件。" in empty and "本年度没有逾期报备的文件。" in empty


def test_the_report_is_downloaded_from_the_filing_review_page_and_the_api(client, office, body, make_user):
    _year_of_filings(office, body)
    client.force_login(office)
    page = client.get("/oversight/filings/?year=2026").content.decode()
    assert "/oversight/filings/report.docx?year=2026" in page
    response = client.get("/oversight/filings/report.docx?year=2026")
    assert response.status_code == 200 and response["Content-Type"].endswith("wordprocessingml.document")
    assert "共接收报备规范性文件5件" in _text(response.content)[0]
    api = APIClient()
    api.force_authenticate(make_user(Role.MEMBER))
    response = api.get("/api/v1/filings/report/?year=2026")
    assert response.status_code == 200 and "审查4件" in _text(response.content)[0]
    api.force_authenticate(make_user(Role.UNIT, handling_unit=body))
    assert api.get("/api/v1/filings/report/?year=2026").status_code == 403
