"""Splitting a draft into chapters and articles (款 and 项) and aligning two versions article by article."""

import io

import docx

from renda.legislation import text
from renda.legislation.tests.conftest import TEXT


def test_chinese_numerals():
    assert [text.cn_number(n) for n in ["一", "十", "十五", "二十", "一百二十三", "一百零五", "12"]] == [
        1, 10, 15, 20, 123, 105, 12,
    ]  # fmt: skip


def test_split_recognises_chapters_articles_paragraphs_and_items():
    parsed = text.split(TEXT)
    assert [a.number for a in parsed.articles] == [1, 2, 3, 4]
    assert parsed.preamble == "中华人民共和国治安管理处罚法（修订草案）"
    assert [a.chapter for a in parsed.articles] == ["第一章 总则"] * 2 + ["第二章 处罚的种类和适用"] * 2
    assert [kind for kind, _ in text.clauses(parsed.articles[2].text)] == ["款", "项", "项", "项", "款"]


def test_split_reads_a_docx():
    document = docx.Document()
    for line in TEXT.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    assert [a.number for a in text.split(text.docx_text(buffer.getvalue())).articles] == [1, 2, 3, 4]


def test_align_marks_moved_changed_new_and_deleted():
    old = [
        "甲条的内容一二三四五六七八九十",
        "乙条的内容子丑寅卯辰巳午未",
        "丙条的内容春夏秋冬东南西北",
        "丁条的内容金木水火土",
    ]
    new = [old[0], old[2], old[1], "丁条的内容金木水火土日月", "全新的条文与旧文毫不相干"]
    matches, deleted = text.align(old, new)
    assert [(m.old, m.kind) for m in matches] == [
        (0, "same"),
        (2, "same"),
        (1, "moved"),
        (3, "changed"),
        (None, "new"),
    ]
    assert deleted == []
    matches, deleted = text.align(old, [old[1], old[3]])
    assert deleted == [0, 2]
    assert [m.kind for m in matches] == ["same", "same"]
