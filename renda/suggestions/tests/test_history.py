"""Learning the lead unit from the county's own history: historical suggestions imported from a sheet (bad rows
all named, nothing partial), their lead units proposed with the reason 相似历史建议, and the proposal-taken rate
per year recorded when the office assigns."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from renda.org.tests.factories import HandlingUnitFactory
from renda.suggestions import services, similarity
from renda.suggestions.models import Assignment, HistoricalSuggestion, HistoricalSuggestionTerm, Suggestion
from renda.suggestions.tests.test_similarity import ROAD_REWORDED, make
from renda.suggestions.tests.test_views_assign import rows_data

pytestmark = pytest.mark.django_db

HEADERS = ["年度", "标题", "内容", "主办单位"]
GOOD = [
    [
        2021,
        "关于硬化新民村通组公路的建议",
        "新民村通组公路为泥结石路面，雨季泥泞，车辆无法通行，建议硬化。",
        "县交通运输局",
    ],
    [2022, "关于修缮县城中小学校舍的建议", "部分学校校舍老旧，建议安排资金修缮。", "教育局"],
    [2023, "关于解决坪寨村安全饮水的建议", "", "大方县水务局"],
]


@pytest.fixture
def units(db):
    return {
        "transport": HandlingUnitFactory(name="县交通运输局", short_name="交通运输局"),
        "education": HandlingUnitFactory(name="县教育局"),
        "water": HandlingUnitFactory(name="县水务局"),
    }


def sheet(rows, headers=HEADERS) -> SimpleUploadedFile:
    workbook = Workbook()
    workbook.active.append(headers)
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("历史建议2021-2023.xlsx", buffer.getvalue())


def test_history_import_matches_units_and_every_bad_row_is_named_nothing_partial(
    client, office, deputy, units
):
    url = reverse("suggestions:history_import")
    client.force_login(deputy)
    assert client.get(url).status_code in (403, 404)
    client.force_login(office)
    template = client.get(reverse("suggestions:history_import_template"))
    header = [cell.value for cell in next(load_workbook(io.BytesIO(template.content)).active.iter_rows())]
    assert header == HEADERS
    bad = [
        *GOOD,
        ["二〇二二", "关于路灯的建议", "", "县交通运输局"],  # row 5: year
        [2022, "", "", "县教育局"],  # row 6: title
        [2022, "关于农村电网改造的建议", "", "县供电局"],  # row 7: no such unit
        [2021, "关于硬化新民村通组公路的建议", "", "县交通运输局"],  # row 8: repeats row 2
    ]
    page = client.post(url, {"file": sheet(bad)}).content.decode()
    assert "未导入任何建议" in page
    for expected in ("第5行「年度」", "第6行「标题」", "第7行「主办单位」：没有找到承办单位“县供电局”"):
        assert expected in page
    assert not HistoricalSuggestion.objects.exists()
    page = client.post(url, {"file": sheet([*GOOD, GOOD[0]])}).content.decode()
    assert "第5行「标题」：与第2行重复" in page and not HistoricalSuggestion.objects.exists()

    response = client.post(url, {"file": sheet(GOOD)})
    assert response.status_code == 302
    imported = {h.title: h for h in HistoricalSuggestion.objects.all()}
    assert [imported[row[1]].unit for row in GOOD] == [units["transport"], units["education"], units["water"]]
    assert imported[GOOD[2][1]].unit_name == "大方县水务局"
    assert imported[GOOD[0][1]].source == "历史建议2021-2023.xlsx"
    assert HistoricalSuggestionTerm.objects.filter(historical=imported[GOOD[0][1]], term="公路").exists()
    page = client.get(url).content.decode()
    assert "2023年" in page and "2021年" in page
    # imported again: every row is already there
    page = client.post(url, {"file": sheet(GOOD)}).content.decode()
    assert "第2行「标题」：2021年的这件建议已导入" in page
    assert HistoricalSuggestion.objects.count() == 3
    # the history is not counted as suggestions
    assert not Suggestion.objects.exists()


def test_history_import_command(tmp_path, office, units):
    good, bad = tmp_path / "good.xlsx", tmp_path / "bad.xlsx"
    good.write_bytes(sheet(GOOD).read())
    bad.write_bytes(sheet([*GOOD, [2022, "关于农村电网改造的建议", "", "县供电局"]]).read())
    with pytest.raises(CommandError, match="第5行「主办单位」"):
        call_command("suggestion_history_import", str(bad), user=office.username)
    assert not HistoricalSuggestion.objects.exists()
    out = io.StringIO()
    call_command("suggestion_history_import", str(good), user=office.username, stdout=out)
    assert "已导入 3 件历史建议" in out.getvalue()


def test_unit_matcher_names_an_ambiguous_unit(units):
    assert similarity.UnitMatcher().match("交通局") == units["transport"]  # the lexicon's department
    HandlingUnitFactory(name="县公路管理局")
    matcher = similarity.UnitMatcher()
    assert matcher.match("交通运输局") == units["transport"]  # the short name
    with pytest.raises(ValidationError, match="“交通局”对应多个承办单位"):
        matcher.match("交通局")


def test_historical_suggestions_feed_the_proposal_with_their_reason(
    office, other_deputy, units, django_assert_num_queries
):
    services.historical_suggestions_import(
        rows=[
            (
                2,
                {
                    "year": 2021,
                    "title": GOOD[0][1],
                    "content": GOOD[0][2],
                    "unit_name": "交通局",
                    "unit": units["water"],
                },
            )
        ],
        source="",
        actor=office,
    )
    new = make(other_deputy, ROAD_REWORDED)
    # term counts, neighbours (none), historical neighbours, their units, keywords, units (no lead shares asked)
    with django_assert_num_queries(6):
        first = similarity.recommend_units(new, use_lexicon=False, prior=False)[0]
    assert first.unit == units["water"]  # only the imported history says so
    assert first.history_count == 1 and first.similar_count == 0
    assert first.reasons == [f"相似历史建议：2021年《{GOOD[0][1]}》等1件由该单位主办"]
    # an inactive unit is never proposed from history either
    units["water"].active = False
    units["water"].save()
    assert units["water"] not in [r.unit for r in similarity.recommend_units(new, use_lexicon=False)]


def test_proposal_taken_rate_per_year_counts_first_and_top_three(client, office, deputy, units):
    today = timezone.localdate()
    cases = [
        services.suggestion_accept(suggestion=make(deputy, ROAD_REWORDED), actor=office) for _ in range(4)
    ]
    proposed = [units["transport"].pk, units["water"].pk, units["education"].pk]
    extra = HandlingUnitFactory(name="县审计局")
    for case, lead in zip(cases[:3], [units["transport"], units["education"], extra], strict=True):
        services.suggestion_assign(suggestion=case, on=today, lead=lead, proposed=proposed, actor=office)
    services.suggestion_assign(suggestion=cases[3], on=today, lead=units["transport"], actor=office)
    assert sorted(Assignment.objects.values_list("proposed_rank", flat=True), key=str) == [0, 1, 3, None]
    [row] = similarity.proposal_taken_by_year()
    assert (row.year, row.assigned, row.first, row.top_three) == (cases[0].year, 3, 1, 2)
    client.force_login(office)
    page = client.get(reverse("suggestions:keywords")).content.decode()
    assert "推荐主办单位采纳情况" in page and "33.3%" in page and "66.7%" in page
    # the assignment page records the proposals it showed
    fresh = services.suggestion_accept(suggestion=make(deputy, ROAD_REWORDED), actor=office)
    first = similarity.recommend_units(fresh)[0].unit
    client.post(
        reverse("suggestions:assign"),
        rows_data([fresh], {fresh.pk: {"pick": "on", "lead": first.pk}}),
    )
    assert Assignment.objects.get(suggestion=fresh).proposed_rank == 1


def test_the_api_records_the_proposal_taken_as_the_page_does(office, deputy, units):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(office)
    one, two = (
        services.suggestion_accept(suggestion=make(deputy, ROAD_REWORDED), actor=office) for _ in range(2)
    )
    second = similarity.recommend_units(one)[1].unit
    answer = api.post(f"/api/v1/suggestions/{one.pk}/assign/", {"lead": second.pk}, format="json")
    assert answer.status_code == 200, answer.content
    assert Assignment.objects.get(suggestion=one).proposed_rank == 2
    first = similarity.recommend_units(two)[0].unit
    answer = api.post(
        "/api/v1/suggestions/assign-batch/",
        {"meeting_name": "交办会", "items": [{"suggestion": two.pk, "lead": first.pk}]},
        format="json",
    )
    assert answer.status_code == 201, answer.content
    assert Assignment.objects.get(suggestion=two).proposed_rank == 1
