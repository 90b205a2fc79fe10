"""Recommending the lead unit (similarity.recommend_units): learned from the lead units of similar past
suggestions plus the editable keyword table, top three with reasons, never an inactive unit; the keyword pages
and services; the assignment page and the API."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from renda.casework import services as casework
from renda.org.models import HandlingUnit
from renda.org.tests.factories import HandlingUnitFactory
from renda.suggestions import services, similarity
from renda.suggestions.models import UnitKeyword
from renda.suggestions.tests.test_similarity import ROAD, ROAD_REWORDED, SCHOOLS, make

pytestmark = pytest.mark.django_db

ROAD_OTHER_VILLAGE = (
    "关于六龙镇箐口村通组公路硬化的建议",
    "六龙镇箐口村通组公路全长约4公里，仍为泥结石路面，雨季泥泞，车辆无法通行。建议纳入通组公路硬化计划。",
)
WATER = (
    "关于解决猫场镇坪寨村安全饮水的建议",
    "坪寨村群众饮用山泉水，旱季水源断流，蓄水池渗漏。建议新建集中供水蓄水池并铺设入户管网。",
)


@pytest.fixture
def units(db):
    return {
        "transport": HandlingUnitFactory(name="县交通运输局"),
        "education": HandlingUnitFactory(name="县教育局"),
        "water": HandlingUnitFactory(name="县水务局"),
    }


def led(office, deputy, text, unit):
    """A suggestion of this deployment's history: submitted, accepted and assigned to `unit` as lead unit."""
    suggestion = services.suggestion_accept(suggestion=make(deputy, text), actor=office)
    return services.suggestion_assign(suggestion=suggestion, on=timezone.localdate(), lead=unit, actor=office)


def names(recommendations) -> list[str]:
    return [item.unit.name for item in recommendations]


def similar_reason(item) -> str:
    return next(reason for reason in item.reasons if reason.startswith("相似建议"))


def test_recommends_the_lead_unit_of_similar_past_suggestions_with_the_reason(
    office, deputy, other_deputy, units
):
    led(office, deputy, ROAD, units["transport"])
    led(office, deputy, ROAD_OTHER_VILLAGE, units["transport"])
    led(office, deputy, SCHOOLS, units["education"])
    new = make(other_deputy, ROAD_REWORDED)
    first = similarity.recommend_units(new, use_lexicon=False, prior=False)[0]
    assert first.unit == units["transport"]
    assert first.similar_count == 2
    assert first.reasons == [similar_reason(first)]
    assert similar_reason(first).startswith("相似建议：") and similar_reason(first).endswith(
        "等2件由该单位主办"
    )
    assert "第001号" in similar_reason(first) or "第002号" in similar_reason(first)


def test_recommends_from_the_keyword_table(office, other_deputy, units):
    services.unit_keyword_create(keyword="饮水", unit=units["water"], weight=5, actor=office)
    services.unit_keyword_create(keyword="大班额", unit=units["education"], weight=5, actor=office)
    first = similarity.recommend_units(make(other_deputy, WATER), use_lexicon=False)[0]
    assert first.unit == units["water"]
    assert first.keywords == ["饮水"]
    assert first.reasons == ["关键词：饮水"]


def test_history_and_keywords_add_up_best_first_three(office, deputy, other_deputy, units):
    led(office, deputy, ROAD, units["transport"])
    extra = HandlingUnitFactory(name="县自然资源局")
    services.unit_keyword_create(keyword="公路", unit=units["education"], weight=2, actor=office)
    services.unit_keyword_create(keyword="雨季", unit=units["water"], weight=3, actor=office)
    services.unit_keyword_create(keyword="排水沟", unit=extra, weight=1, actor=office)
    services.unit_keyword_create(keyword="硬化", unit=units["transport"], weight=4, actor=office)
    recommendations = similarity.recommend_units(
        make(other_deputy, ROAD_REWORDED), use_lexicon=False, prior=False
    )
    assert names(recommendations) == ["县交通运输局", "县水务局", "县教育局"]
    assert recommendations[0].reasons[0] == "关键词：硬化"
    assert recommendations[0].reasons[1].endswith("等1件由该单位主办")
    assert len(similarity.recommend_units(make(other_deputy, ROAD_REWORDED), limit=5)) == 4  # every unit


def test_recommendation_never_proposes_an_inactive_unit(office, deputy, other_deputy, units):
    led(office, deputy, ROAD, units["transport"])
    services.unit_keyword_create(keyword="公路", unit=units["transport"], weight=10, actor=office)
    services.unit_keyword_create(keyword="公路", unit=units["water"], weight=1, actor=office)
    HandlingUnit.objects.filter(pk=units["transport"].pk).update(active=False)
    recommendations = similarity.recommend_units(make(other_deputy, ROAD_REWORDED))
    assert units["transport"] not in [item.unit for item in recommendations]
    assert names(recommendations) == ["县水务局", "县教育局"]


def test_an_inactive_keyword_switches_its_word_off_for_its_unit(office, other_deputy, units):
    """Rule: the office's keyword table overrides the shipped lexicon — an inactive row is "not this unit's"."""
    first = similarity.recommend_units(make(other_deputy, WATER))[0]
    assert first.unit == units["water"] and "安全饮水" in first.keywords
    keyword = services.unit_keyword_create(keyword="安全饮水", unit=units["water"], weight=5, actor=office)
    services.unit_keyword_update(unit_keyword=keyword, changes={"active": False}, actor=office)
    first = similarity.recommend_units(make(other_deputy, WATER))[0]
    assert first.unit == units["water"] and "安全饮水" not in first.keywords  # 供水、蓄水池 … still say water


def test_a_unit_that_handed_the_suggestion_on_is_not_credited(
    office, deputy, other_deputy, officer, other_officer
):
    """The unit that asked for reassignment (withdrawn) was the wrong unit; its replacement led the case."""
    suggestion = led(office, deputy, ROAD, other_officer.handling_unit)
    assignment = suggestion.assignments.get()
    casework.request_reassignment(assignment=assignment, reason="不属于本单位职责", actor=other_officer)
    services.reassignment_decide(
        assignment=assignment, approve=True, new_unit=officer.handling_unit, actor=office
    )
    recommendations = similarity.recommend_units(make(other_deputy, ROAD_REWORDED), use_lexicon=False)
    assert [item.unit.name for item in recommendations if item.similar_count] == ["县交通运输局"]


def test_history_is_taken_from_the_years_given(office, deputy, other_deputy, units):
    led(office, deputy, ROAD, units["transport"])
    new = make(other_deputy, ROAD_REWORDED)
    this_year = new.year
    before = similarity.recommend_units(new, years=(this_year - 3, this_year - 1))
    assert len(before) == 3 and not any(item.similar_count for item in before)
    assert before[0].unit == units["transport"]  # from the lexicon: 通组公路、硬化
    assert similarity.recommend_units(new, years=(this_year, this_year))[0].similar_count == 1


def test_recommendation_takes_seven_queries_whatever_the_history(
    office, deputy, other_deputy, units, django_assert_num_queries
):
    led(office, deputy, ROAD, units["transport"])
    services.unit_keyword_create(keyword="公路", unit=units["water"], weight=1, actor=office)
    new = make(other_deputy, ROAD_REWORDED)
    # term counts, neighbours, historical neighbours (none imported), their lead units, keywords, units,
    # lead shares
    with django_assert_num_queries(7):
        assert len(similarity.recommend_units(new)) == 3
    for text, unit in [(ROAD_OTHER_VILLAGE, "transport"), (ROAD, "education"), (ROAD, "water")]:
        led(office, deputy, text, units[unit])
    similarity.term_stats_refresh()
    with django_assert_num_queries(7):
        assert len(similarity.recommend_units(new)) == 3


# ---------------------------------------------------------------- keyword services


def test_only_the_office_edits_keywords(deputy, units):
    with pytest.raises(PermissionDenied):
        services.unit_keyword_create(keyword="饮水", unit=units["water"], weight=5, actor=deputy)


def test_a_keyword_is_not_given_twice_to_one_unit_nor_to_an_inactive_unit(office, units):
    services.unit_keyword_create(keyword="饮水", unit=units["water"], weight=5, actor=office)
    with pytest.raises(ValidationError) as error:
        services.unit_keyword_create(keyword=" 饮水 ", unit=units["water"], weight=3, actor=office)
    assert error.value.message_dict["keyword"] == ["「县水务局」已有关键词「饮水」。"]
    services.unit_keyword_create(keyword="饮水", unit=units["transport"], weight=1, actor=office)
    stopped = HandlingUnitFactory(name="县老干局", active=False)
    with pytest.raises(ValidationError, match="承办单位已停用"):
        services.unit_keyword_create(keyword="老干部", unit=stopped, weight=5, actor=office)
    with pytest.raises(ValidationError) as error:
        services.unit_keyword_create(keyword="水库", unit=units["water"], weight=11, actor=office)
    assert "weight" in error.value.message_dict


def test_a_keyword_of_a_stopped_unit_can_still_be_switched_off(office, units):
    keyword = services.unit_keyword_create(keyword="饮水", unit=units["water"], weight=5, actor=office)
    HandlingUnit.objects.filter(pk=units["water"].pk).update(active=False)
    keyword.refresh_from_db()
    updated = services.unit_keyword_update(
        unit_keyword=keyword, changes={"unit": keyword.unit, "active": False, "weight": 5}, actor=office
    )
    assert updated.active is False


# ---------------------------------------------------------------- pages


def test_assignment_page_loads_the_recommended_units_of_each_row(client, office, deputy, units):
    accepted = [
        services.suggestion_accept(suggestion=make(deputy, text), actor=office) for text in (ROAD, WATER)
    ]
    client.force_login(office)
    page = client.get(reverse("suggestions:assign")).content.decode()
    for suggestion in accepted:
        assert f'hx-get="{reverse("suggestions:recommended_units", args=[suggestion.pk])}"' in page


def test_recommended_units_page_and_partial(client, office, deputy, other_deputy, units):
    led(office, deputy, ROAD, units["transport"])
    new = services.suggestion_accept(suggestion=make(other_deputy, ROAD_REWORDED), actor=office)
    client.force_login(office)
    detail = client.get(reverse("suggestions:detail", args=[new.pk])).content.decode()
    url = reverse("suggestions:recommended_units", args=[new.pk])
    assert url in detail
    page = client.get(url).content.decode()
    assert "县交通运输局" in page and "等1件由该单位主办" in page and "关键词：" in page
    partial = client.get(url, headers={"HX-Request": "true"})
    assert "<html" not in partial.content.decode() and "县交通运输局" in partial.content.decode()
    assert "HX-Request" in partial["Vary"]
    client.force_login(deputy)
    assert client.get(url).status_code == 404


def test_keyword_list_filters_sorts_and_exports(client, office, units, django_assert_num_queries):
    services.unit_keyword_create(keyword="饮水", unit=units["water"], weight=5, actor=office)
    services.unit_keyword_create(keyword="公路", unit=units["transport"], weight=8, actor=office)
    client.force_login(office)
    url = reverse("suggestions:keywords")
    page = client.get(url, {"unit": units["water"].pk}).content.decode()
    assert "饮水" in page and "公路" not in page
    page = client.get(url, {"sort": "-weight"}).content.decode()
    assert page.index("公路") < page.index("饮水")
    response = client.get(url, {"export": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    # session, user, roles, unread messages, the proposal-taken rates, count, the unit filter's options, rows
    with django_assert_num_queries(8):
        client.get(url)
    for index in range(10):
        services.unit_keyword_create(
            keyword=f"关键词{index}", unit=units["education"], weight=1, actor=office
        )
    with django_assert_num_queries(8):
        client.get(url)


def test_keyword_pages_are_for_the_office(client, deputy, office, units):
    keyword = services.unit_keyword_create(keyword="饮水", unit=units["water"], weight=5, actor=office)
    client.force_login(deputy)
    for url in (
        reverse("suggestions:keywords"),
        reverse("suggestions:keyword_create"),
        reverse("suggestions:keyword_edit", args=[keyword.pk]),
    ):
        assert client.get(url).status_code == 404


def test_create_and_edit_a_keyword_in_pages(client, office, units):
    HandlingUnitFactory(name="县老干局", active=False)
    client.force_login(office)
    form = client.get(reverse("suggestions:keyword_create")).content.decode()
    assert "县水务局" in form and "县老干局" not in form
    data = {"keyword": "饮水", "unit": units["water"].pk, "weight": 6, "active": "on"}
    response = client.post(reverse("suggestions:keyword_create"), data)
    assert response.status_code == 302
    keyword = UnitKeyword.objects.get()
    assert (keyword.keyword, keyword.unit, keyword.weight, keyword.active) == (
        "饮水",
        units["water"],
        6,
        True,
    )
    again = client.post(reverse("suggestions:keyword_create"), data).content.decode()
    assert "「县水务局」已有关键词「饮水」。" in again
    wrong = client.post(reverse("suggestions:keyword_create"), {**data, "weight": 0}).content.decode()
    assert "确保该值大于或等于1" in wrong
    edit = reverse("suggestions:keyword_edit", args=[keyword.pk])
    response = client.post(edit, {"keyword": "安全饮水", "unit": units["water"].pk, "weight": 9})
    assert response.status_code == 302
    keyword.refresh_from_db()
    assert (keyword.keyword, keyword.weight, keyword.active) == ("安全饮水", 9, False)
    HandlingUnit.objects.filter(pk=units["water"].pk).update(active=False)
    assert "县水务局" in client.get(edit).content.decode()  # its own unit stays selectable


# ---------------------------------------------------------------- API


def test_api_recommended_units(client, office, deputy, other_deputy, units):
    led(office, deputy, ROAD, units["transport"])
    services.unit_keyword_create(keyword="硬化", unit=units["transport"], weight=4, actor=office)
    new = make(other_deputy, ROAD_REWORDED)
    client.force_login(office)
    item, *others = client.get(f"/api/v1/suggestions/{new.pk}/recommended-units/").json()
    assert len(others) == 2
    assert item["unit"] == {"id": units["transport"].pk, "name": "县交通运输局"}
    assert item["similar_count"] == 1 and item["keywords"][:2] == ["通组公路", "硬化"]  # lexicon + table
    assert item["reasons"][0].startswith("关键词：通组公路、硬化")
    assert item["reasons"][1].endswith("等1件由该单位主办")
    client.force_login(other_deputy)
    assert client.get(f"/api/v1/suggestions/{new.pk}/recommended-units/").status_code == 403
    client.force_login(deputy)
    assert client.get(f"/api/v1/suggestions/{new.pk}/recommended-units/").status_code == 404
