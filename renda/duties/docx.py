"""A deputy's yearly duty record (履职档案) as a printable Word document, built with python-docx the way the
reply letter is (renda/suggestions/docx.py): 仿宋 runs, a centred title, then the record's parts."""

import io
from collections.abc import Sequence

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from renda.core import clock
from renda.core.docx import HEADING, paragraph, table
from renda.core.formats import cn_date
from renda.duties.selectors import DutyRecord, result_of_annotated


def _section(document, title: str, lines: Sequence[str], empty: str = "无。") -> None:
    paragraph(document, title, size=16, font=HEADING)
    for line in lines or [empty]:
        paragraph(document, line, size=14)


def record_document(record: DutyRecord, *, congress_name: str) -> bytes:
    """履职档案: basic information, the year's figures and points, then what each figure counts."""
    deputy = record.deputy
    document = Document()
    paragraph(
        document,
        f"{congress_name}代表履职档案",
        size=22,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        bold=True,
        font=HEADING,
    )
    paragraph(document, f"（{record.year}年度）", size=16, align=WD_ALIGN_PARAGRAPH.CENTER)
    delegations = "、".join(d.name for d in record.delegations) or "—"
    paragraph(document, "一、基本情况", size=16, font=HEADING)
    table(
        document,
        [
            ["姓名", deputy.name, "性别", deputy.get_gender_display()],
            ["民族", deputy.ethnicity, "政治面貌", deputy.get_affiliation_display()],
            ["代表层级", deputy.get_level_display(), "所在乡镇（街道）", str(deputy.township or "—")],
            ["选区", str(deputy.constituency or "—"), "代表团", delegations],
            ["工作单位及职务", deputy.occupation or "—", "进驻联络站", str(deputy.station or "—")],
        ],
        header=False,
    )
    paragraph(document, "二、履职情况统计", size=16, font=HEADING)
    rows = [["项目", "数量", "每项积分", "积分"]]
    rows += [[f.label, f"{f.count}{f.unit}", str(f.each), str(f.points)] for f in record.figures if f.count]
    rows.append(["合计", "", "", str(record.points)])
    table(document, rows)
    standing = record.standing
    if standing.rank is not None:
        paragraph(
            document,
            f"本年度履职积分{record.points}分，在{standing.ranked}名在任{deputy.get_level_display()}代表中排第{standing.rank}名。",
        )
    _section(
        document,
        "三、提出建议议案",
        [f"领衔：{s.number} {s.title}".replace("： ", "：") for s in record.led]
        + [
            f"附议：{s.number} {s.title}（领衔代表{s.lead_deputy.name}）".replace("： ", "：")
            for s in record.cosigned
        ],
    )
    _section(
        document,
        "四、进站接待选民",
        [f"{cn_date(day.date)} {day.station.name}" for day in record.reception_days_done],
    )
    _section(
        document,
        "五、参加履职活动",
        [
            *(
                f"{cn_date(m.date)} {'出席' if m.present else '列席'}常委会会议：{m.title}"
                for m in record.meetings
            ),
            *(f"{cn_date(a.date)} {a.get_kind_display()}：{a.title}" for a in record.activities),
        ],
    )
    _section(
        document,
        "六、收集群众意见",
        [f"{cn_date(o.received_on)} {o.title}（{o.get_state_display()}）" for o in record.opinions],
    )
    _section(
        document,
        "七、向选民述职",
        [
            f"{cn_date(r.date)} {r.place}，到会选民{r.voters_present or 0}人，满意率{result_of_annotated(r).rate}"
            for r in record.reports
            if r.state in ("held", "closed")
        ],
    )
    _section(
        document,
        "八、自报履职事项（已认定）",
        [
            f"{cn_date(e.date)} {e.get_kind_display()}：{e.title}"
            for e in record.entries
            if e.state == "approved"
        ],
    )
    paragraph(document, f"{congress_name}常务委员会", align=WD_ALIGN_PARAGRAPH.RIGHT)
    paragraph(document, f"制表日期：{cn_date(clock.today())}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
