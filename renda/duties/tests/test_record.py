"""A deputy's duty record assembled from what the other areas' services left in the database: the counts, the
points and the rank, in a fixed number of queries; who may read it; the printed record."""

import datetime
import io

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from docx import Document

from renda.duties import selectors
from renda.duties.docx import record_document
from renda.duties.tests import world
from renda.duties.tests.conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def year(time_machine, deputy, colleague, keeper, office):
    world.make_year(
        time_machine=time_machine, now=TODAY, deputy=deputy, colleague=colleague, keeper=keeper, office=office
    )
    time_machine.move_to(TODAY, tick=False)
    return 2025


def test_the_record_counts_what_the_areas_recorded_this_year_and_nothing_else(deputy, year):
    record = selectors.duty_record(deputy.deputy, year)
    counts = {figure.key: figure.count for figure in record.figures}
    assert {key: counts[key] for key in world.EXPECTED} == world.EXPECTED
    assert sum(counts.values()) == sum(world.EXPECTED.values())  # every other figure is zero
    assert record.points == world.EXPECTED_POINTS


def test_the_record_lists_what_it_counts(deputy, year):
    record = selectors.duty_record(deputy.deputy, year)
    assert {s.title for s in record.led} == {
        "关于加快北街路灯改造的建议",
        "关于增设北街公交站点的建议",
        "关于制定城区停车管理办法的议案",
    }
    assert [s.title for s in record.cosigned] == ["关于改造北街农贸市场的建议"]
    assert [str(day.date) for day in record.reception_days_done] == ["2025-03-10"]
    assert [str(day.date) for day in record.reception_days_upcoming] == ["2025-06-20"]
    assert [a.title for a in record.activities] == ["视察农村公路建设", "调研养老服务"]
    assert [(str(m.date), m.present, m.invited) for m in record.meetings] == [
        ("2025-03-20", True, False),
        ("2025-05-15", False, True),
    ]
    assert len(record.opinions) == 2 and len(record.entries) == 3
    assert [r.state for r in record.reports] == ["closed", "scheduled"]


def test_the_colleague_counts_the_shared_reception_day_and_visit_but_not_the_deputy_s_own(colleague, year):
    record = selectors.duty_record(colleague.deputy, year)
    counts = {figure.key: figure.count for figure in record.figures if figure.count}
    assert counts == {"suggestions": 2, "receptions": 1, "activity_visit": 1, "meetings_attendee": 1}
    # the colleague's filed suggestions: the co-signed one and the one the deputy declined to co-sign


def test_the_rank_is_one_plus_the_deputies_with_more_points(deputy, colleague, year):
    assert selectors.duty_record(deputy.deputy, year).standing.rank == 1
    standing = selectors.duty_record(colleague.deputy, year).standing
    assert (standing.rank, standing.ranked) == (2, 2)
    ranked = list(selectors.ranking(year))
    assert [(d.name, d.rank, d.points) for d in ranked] == [
        ("王秀英", 1, world.EXPECTED_POINTS),
        ("李建国", 2, 2 * 3 + 2 + 2 + 2),
    ]


def test_equal_points_share_a_rank(deputy, colleague):
    assert [d.rank for d in selectors.ranking(2025)] == [1, 1]
    assert selectors.duty_record(colleague.deputy, 2025).standing.rank == 1


def test_a_record_and_the_ranking_take_a_fixed_number_of_queries_whatever_the_rows(
    deputy, colleague, keeper, office, time_machine
):
    with CaptureQueriesContext(connection) as empty_record:
        selectors.duty_record(deputy.deputy, 2025)
    with CaptureQueriesContext(connection) as empty_ranking:
        list(selectors.ranking(2025))
    world.make_year(
        time_machine=time_machine, now=TODAY, deputy=deputy, colleague=colleague, keeper=keeper, office=office
    )
    from renda.deputies.tests.factories import DeputyFactory

    DeputyFactory.create_batch(5)
    with CaptureQueriesContext(connection) as full_record:
        selectors.duty_record(deputy.deputy, 2025)
    with CaptureQueriesContext(connection) as full_ranking:
        assert len(list(selectors.ranking(2025))) == 7
    assert len(full_record) == len(empty_record) <= 12
    # every figure grouped by deputy, the deputies' order by name, and the page's deputies
    assert len(full_ranking) == len(empty_ranking) == 3


def test_a_deputy_reads_only_their_own_record_the_office_and_members_every_one(
    deputy, colleague, office, committee_member, keeper, officer
):
    assert selectors.record_deputy_for(deputy, deputy.deputy.pk) == deputy.deputy
    for user in (deputy, keeper, officer):
        with pytest.raises(Http404):
            selectors.record_deputy_for(user, colleague.deputy.pk)
    for user in (office, committee_member):
        assert selectors.record_deputy_for(user, colleague.deputy.pk) == colleague.deputy


def test_the_printed_record_opens_and_names_the_deputy_and_the_figures(deputy, year):
    record = selectors.duty_record(deputy.deputy, year, entries_all=False)
    document = Document(io.BytesIO(record_document(record, congress_name="大方县人民代表大会")))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "大方县人民代表大会代表履职档案" in text and "（2025年度）" in text
    assert "王秀英" in cells and "城关镇北街社区党委书记" in cells
    assert ["领衔提出建议", "2件", "3", "6"] == cells[
        cells.index("领衔提出建议") : cells.index("领衔提出建议") + 4
    ]
    assert "合计" in cells and str(world.EXPECTED_POINTS) in cells
    assert "在2名在任县级代表中排第1名" in text
    assert "领衔：" in text and "关于增设北街公交站点的建议" in text
    assert "走访北街选民" in text and "宣讲" not in text  # approved entries only
    assert "13912345678" not in text + "".join(cells)


def test_rule_duty_meetings_are_the_one_source_of_standing_committee_attendance(deputy, year, office):
    """代表法: a deputy invited to 列席 a standing-committee meeting is credited in their duty record, counted from
    the meeting's 列席 list (and a member's 出席 from its attendance), closed meetings of the year only; the
    activity kind 列席常委会会议 is no longer taken for new activities nor counted, so nothing counts twice."""
    from django.core.exceptions import ValidationError

    from renda.deputies import services as deputies
    from renda.deputies.choices import ActivityKind

    counts = {f.key: f.count for f in selectors.duty_record(deputy.deputy, year).figures}
    assert (counts["meetings_present"], counts["meetings_attendee"]) == (1, 1)
    assert "activity_attend_committee" not in counts
    with pytest.raises(ValidationError) as refused:
        deputies.activity_create(
            data={"kind": ActivityKind.ATTEND_COMMITTEE, "title": "列席", "date": datetime.date(2025, 6, 1),
                  "deputies": [deputy.deputy]},
            actor=office,
        )  # fmt: skip
    assert "会议的列席人员" in refused.value.message_dict["kind"][0]
    visit = deputies.activity_create(
        data={"kind": ActivityKind.VISIT, "title": "视察", "date": datetime.date(2025, 6, 1),
              "deputies": [deputy.deputy]},
        actor=office,
    )  # fmt: skip
    with pytest.raises(ValidationError):
        deputies.activity_update(
            activity=visit, changes={"kind": ActivityKind.ATTEND_COMMITTEE}, actor=office
        )
