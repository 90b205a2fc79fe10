"""A survey's findings as rows that feed the problem list, and a work appraisal's ratings per rater counted in the
database: through the services, the pages, the API and the Excel export."""

import datetime
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from renda.deputies.tests.factories import DeputyFactory
from renda.oversight import selectors, services
from renda.oversight.models import ItemKind, ItemState, RaterKind, Rating
from renda.oversight.tests.conftest import DAY, adopted, at
from renda.oversight.workflows import ITEM_FLOW


def _scheduled(plan, office, meeting, kind, title, body, **extra):
    plan.refresh_from_db()
    if plan.state == "draft":
        adopted(plan, office)
    with at(datetime.date(2026, 2, 3)):
        item = services.item_add(
            plan=plan, kind=kind, title=title, body=body, planned_month=3, actor=office, **extra
        )
        findings = []
        if kind == ItemKind.SURVEY:
            findings = [
                services.finding_add(
                    item=item,
                    text="养老机构床位空置率高",
                    evidence="走访5家养老院，入住率不足40%",
                    suggestion="推动医养结合",
                    actor=office,
                ),  # fmt: skip
                services.finding_add(item=item, text="居家养老服务覆盖面窄", actor=office),
            ]
    with at(datetime.date(2026, 2, 5)):
        item = services.item_schedule(item=item, meeting=meeting, actor=office)
    return item, findings


def test_survey_findings_are_rows_that_feed_the_problem_list(term, committee, meeting, office, plan, body):
    """专题调研: each finding a row (the finding, the place or evidence, the suggestion); the rows chosen at the
    deliberation head the problem list, each linked to its problem; other rows stay findings only."""
    item, (first, second) = _scheduled(plan, office, meeting, ItemKind.SURVEY, "居家养老服务专题调研", body)
    assert [(f.order, f.evidence, f.suggestion) for f in item.finding_rows.all()] == [
        (1, "走访5家养老院，入住率不足40%", "推动医养结合"),
        (2, "", ""),
    ]
    with pytest.raises(ValidationError) as blank:
        services.finding_add(item=item, text=" ", actor=office)
    assert "text" in blank.value.message_dict
    work_report = plan.items.get(kind=ItemKind.WORK_REPORT)
    assert not ITEM_FLOW.may(office, work_report, "finding")  # findings belong to field work
    other = services.item_add(
        plan=plan, kind=ItemKind.VISIT, title="视察农村公路", body=body, planned_month=4, actor=office
    )
    elsewhere = services.finding_add(item=other, text="路面破损", actor=office)
    with at(DAY):
        with pytest.raises(ValidationError) as foreign:
            services.item_deliberate(item=item, from_findings=[elsewhere], actor=office)
        assert "from_findings" in foreign.value.message_dict
        item = services.item_deliberate(
            item=item, problems=["会上提出：专业护理人员短缺"], from_findings=[first], actor=office
        )
    assert item.state == ItemState.DELIBERATED
    assert list(item.problems.values_list("order", "text")) == [
        (1, "养老机构床位空置率高"),
        (2, "会上提出：专业护理人员短缺"),
    ]
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.problem.order == 1 and second.problem is None
    assert not ITEM_FLOW.may(office, item, "finding")  # heard: the field work is over


def test_appraisal_ratings_per_rater_from_members_and_invited_deputies_counted_in_the_database(
    term, committee, meeting, office, plan, body
):
    """工作评议: members of the standing committee and the deputies invited rate the body 满意/基本满意/不满意, one
    row each (entered again, replaced); anyone else is refused beside the field; the result is counted in the
    database."""
    invited, outsider = DeputyFactory(), DeputyFactory()
    item, _ = _scheduled(
        plan,
        office,
        meeting,
        ItemKind.APPRAISAL,
        "对县市场监管局的工作评议",
        body,
        invited_deputies=[invited],
    )
    with at(DAY):
        for deputy, rating in zip(
            committee[:6],
            [Rating.SATISFIED] * 3 + [Rating.BASICALLY_SATISFIED, Rating.DISSATISFIED, Rating.DISSATISFIED],
            strict=True,
        ):
            services.appraisal_rating_record(item=item, rater=deputy, rating=rating, actor=office)
        row = services.appraisal_rating_record(
            item=item, rater=invited, rating=Rating.SATISFIED, actor=office
        )
        assert row.rater_kind == RaterKind.INVITED
        services.appraisal_rating_record(  # corrected: replaces the earlier row
            item=item, rater=committee[5], rating=Rating.BASICALLY_SATISFIED, actor=office
        )
        with pytest.raises(ValidationError) as refused:
            services.appraisal_rating_record(item=item, rater=outsider, rating=Rating.SATISFIED, actor=office)
        assert "rater" in refused.value.message_dict
        with pytest.raises(ValidationError) as bad:
            services.appraisal_rating_record(item=item, rater=invited, rating="excellent", actor=office)
        assert "rating" in bad.value.message_dict
    result = selectors.appraisal_result(item)
    assert (result.satisfied, result.basically_satisfied, result.dissatisfied) == (4, 2, 1)
    assert (result.raters, result.members, result.invited) == (7, 6, 1)
    assert result.text.startswith("参加测评7人（常委会组成人员6人、受邀代表1人），满意4票")
    assert item.events.filter(action="登记评议测评").count() == 8
    work_report = plan.items.get(kind=ItemKind.WORK_REPORT)
    assert not ITEM_FLOW.may(office, work_report, "appraise")


def test_findings_and_ratings_in_the_pages_the_api_and_excel(
    client, term, committee, meeting, office, plan, body
):
    survey, _ = _scheduled(plan, office, meeting, ItemKind.SURVEY, "农村饮水调研", body)
    appraisal, _ = _scheduled(plan, office, meeting, ItemKind.APPRAISAL, "对县水务局的工作评议", body)
    client.force_login(office)
    with at(DAY):
        response = client.post(
            f"/oversight/items/{survey.pk}/findings/new/", {"text": "", "evidence": "甲村"}
        )
        assert response.status_code == 200 and "必填" in response.content.decode()  # beside the field
        response = client.post(
            f"/oversight/items/{survey.pk}/findings/new/",
            {"text": "管网老化", "evidence": "3个乡镇", "suggestion": "分年改造"},
        )
        assert response.status_code == 302
        page = client.get(f"/oversight/items/{survey.pk}/deliberate/").content.decode()
        assert "列入问题清单的调研发现" in page and "管网老化" in page
        row = survey.finding_rows.get(text__startswith="管网老化")
        response = client.post(
            f"/oversight/items/{survey.pk}/deliberate/", {"from_findings": [row.pk], "problems": ""}
        )
        assert response.status_code == 302
        assert list(survey.problems.values_list("text", flat=True)) == ["管网老化"]
        assert "已列入（第1条）" in client.get(f"/oversight/items/{survey.pk}/").content.decode()
        response = client.post(
            f"/oversight/items/{appraisal.pk}/ratings/new/", {"rater": committee[0].pk, "rating": "satisfied"}
        )
        assert response.status_code == 302
        api = APIClient()
        api.force_authenticate(office)
        response = api.post(
            f"/api/v1/oversight-items/{appraisal.pk}/ratings/",
            {"rater": committee[1].pk, "rating": "dissatisfied"},
            format="json",
        )
        assert response.status_code == 200, response.content
        assert response.json()["appraisal"]["satisfied"] == 1 and response.json()["appraisal"]["raters"] == 2
        assert {r["rating"] for r in response.json()["ratings"]} == {"satisfied", "dissatisfied"}
        outsider = DeputyFactory()
        response = api.post(
            f"/api/v1/oversight-items/{appraisal.pk}/ratings/",
            {"rater": outsider.pk, "rating": "satisfied"},
            format="json",
        )
        assert response.status_code == 400 and "rater" in response.json()
        response = api.post(
            f"/api/v1/oversight-items/{appraisal.pk}/findings/", {"text": "无关"}, format="json"
        )
        assert response.status_code == 409  # an appraisal has no field work
        detail = api.get(f"/api/v1/oversight-items/{survey.pk}/").json()
        rows = {r["text"]: r["problem"] for r in detail["finding_rows"]}
        assert rows == {
            "养老机构床位空置率高": None,
            "居家养老服务覆盖面窄": None,
            "管网老化": survey.problems.get().pk,
        }
    page = client.get(f"/oversight/items/{appraisal.pk}/").content.decode()
    assert "参加测评2人（常委会组成人员2人、受邀代表0人），满意1票，基本满意0票，不满意1票" in page
    export = client.get("/oversight/?year=2026&export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    columns = [header.index(name) for name in ("评议测评：满意", "评议测评：基本满意", "评议测评：不满意")]
    line = next(r for r in rows[1:] if r[header.index("监督事项")] == "对县水务局的工作评议")
    assert [line[c] for c in columns] == [1, 0, 1]
