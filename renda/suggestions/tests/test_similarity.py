"""Near-duplicate detection (similarity.py): a reworded copy is found, an unrelated suggestion sharing only the
boilerplate (建议、加快、问题 …) is ignored; the window of years, the threshold rule, drafts, visibility; the
term index kept by the services; the review page and the API."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from renda.core.roles import Role, user_roles
from renda.suggestions import services, similarity
from renda.suggestions.models import State, SuggestionTerm, SuggestionTermStat
from renda.suggestions.tests import flow

pytestmark = pytest.mark.django_db

ROAD = (
    "关于加快羊场镇新民村通组公路硬化的建议",
    "羊场镇新民村通组公路全长约6公里，至今仍为泥结石路面。雨季道路泥泞，车辆无法通行，学生上学和农产品外运"
    "十分困难。建议将新民村通组公路纳入年度硬化计划，并在雨季前修好路基排水沟。",
)
ROAD_REWORDED = (
    "关于尽快硬化新民村通组公路的建议",
    "我在走访选民时了解到，羊场镇新民村的通组公路约6公里一直是泥结石路面，一到雨季就泥泞不堪，车辆无法通行，"
    "孩子上学、农产品运输都很不便。希望将该通组公路列入年度硬化计划，在雨季前修建路基排水沟。",
)
SCHOOLS = (  # shares 关于、加快、解决、问题、建议、群众 with ROAD, nothing it is about
    "关于加快解决县城学校大班额问题的建议",
    "近年来县城学校学位紧张，大班额问题突出，群众反映强烈。建议加快新建中小学校，尽快解决大班额问题，"
    "加强教师队伍建设。",
)


def make(deputy_user, text: tuple[str, str], *, submit: bool = True, **fields):
    """A suggestion written through the services (so its terms are indexed), submitted unless told not to."""
    title, content = text
    suggestion = services.suggestion_create(
        lead_deputy=deputy_user.deputy, title=title, content=content, actor=deputy_user, **fields
    )
    if submit:
        suggestion = services.suggestion_submit(suggestion=suggestion, actor=deputy_user)
    return suggestion


def similar_ids(user, suggestion) -> list[int]:
    return [item.suggestion.pk for item in similarity.similar_suggestions(user, suggestion)]


# ---------------------------------------------------------------- the measure


def test_term_vector_drops_boilerplate_single_characters_and_numbers():
    vector = similarity.term_vector(*SCHOOLS)
    assert vector, "a suggestion about something has terms"
    assert not set(vector) & {"建议", "加快", "问题", "解决", "关于", "群众", "加强"}
    assert all(len(term) > 1 and not term.isdigit() for term in vector)
    assert "大班额" in vector
    assert sum(w * w for w in vector.values()) == pytest.approx(1.0)
    assert len(similarity.term_vector(*ROAD)) <= similarity.TOP_TERMS


def test_a_text_of_boilerplate_only_has_no_terms():
    assert similarity.term_vector("关于加快解决问题的建议", "建议加快解决，希望尽快。") == {}


def test_duplicate_detection_finds_a_reworded_copy_and_ignores_an_unrelated_one_sharing_common_words(
    office, deputy, other_deputy
):
    original = make(deputy, ROAD)
    copy = make(other_deputy, ROAD_REWORDED)
    unrelated = make(other_deputy, SCHOOLS)
    found = similarity.similar_suggestions(office, original)
    assert [item.suggestion for item in found] == [copy]
    assert found[0].percent >= 55
    assert unrelated.pk not in similar_ids(office, original)
    assert similar_ids(office, unrelated) == []


def test_the_threshold_is_the_rule_duplicate_threshold_percent(settings, office, deputy, other_deputy):
    original = make(deputy, ROAD)
    copy = make(other_deputy, ROAD_REWORDED)
    score = similarity.similar_suggestions(office, original)[0].percent
    settings.RENDA_RULE_OVERRIDES = {"duplicate_threshold_percent": score + 1}
    assert similar_ids(office, original) == []
    settings.RENDA_RULE_OVERRIDES = {"duplicate_threshold_percent": score}
    assert similar_ids(office, original) == [copy.pk]


def test_same_session_and_the_last_three_years_only(office, deputy, other_deputy):
    original = flow.submitted(deputy, title=ROAD[0], content=ROAD[1], year=2026)
    by_year = {
        year: flow.submitted(other_deputy, title=ROAD_REWORDED[0], content=ROAD_REWORDED[1], year=year)
        for year in (2022, 2023, 2026, 2027)
    }
    assert similarity.terms_rebuild() == 5
    assert set(similar_ids(office, original)) == {by_year[2023].pk, by_year[2026].pk}


def test_drafts_are_not_compared(office, deputy, other_deputy):
    original = make(deputy, ROAD)
    make(other_deputy, ROAD_REWORDED, submit=False)
    assert similar_ids(office, original) == []


def test_a_deputy_sees_only_similar_suggestions_visible_to_them(office, deputy, other_deputy, make_user):
    from renda.deputies.tests.factories import DeputyFactory

    third = make_user(Role.DEPUTY, deputy=DeputyFactory())
    original = make(deputy, ROAD)
    copy = make(other_deputy, ROAD_REWORDED)
    assert similar_ids(deputy, original) == []  # the other deputy's suggestion is not public
    assert similar_ids(other_deputy, copy) == []
    assert similar_ids(office, copy) == [original.pk]
    assert similar_ids(third, original) == []


def test_the_services_keep_the_term_index(deputy):
    suggestion = make(deputy, SCHOOLS, submit=False)
    terms = set(SuggestionTerm.objects.filter(suggestion=suggestion).values_list("term", flat=True))
    assert "大班额" in terms
    assert set(SuggestionTerm.objects.filter(suggestion=suggestion).values_list("year", flat=True)) == {
        suggestion.year
    }
    services.suggestion_update(
        suggestion=suggestion,
        expected_version=suggestion.version,
        changes={"title": ROAD[0], "content": ROAD[1]},
        actor=deputy,
    )
    terms = set(SuggestionTerm.objects.filter(suggestion=suggestion).values_list("term", flat=True))
    assert "大班额" not in terms
    assert {"硬化", "排水沟"} <= terms


def test_paper_suggestions_entered_by_the_office_are_indexed(office, deputy):
    suggestion = services.suggestion_enter(
        lead_deputy=deputy.deputy, cosigners=[], title=ROAD[0], content=ROAD[1], actor=office
    )
    assert SuggestionTerm.objects.filter(suggestion=suggestion, term="硬化").exists()


def test_lookup_takes_two_queries_whatever_the_number_of_suggestions(
    office, deputy, other_deputy, django_assert_num_queries
):
    original = make(deputy, ROAD)
    make(other_deputy, ROAD_REWORDED)
    user_roles(office)  # read once per request
    with django_assert_num_queries(3):  # term counts, scores, suggestions
        assert len(similarity.similar_suggestions(office, original)) == 1
    for _ in range(5):
        make(other_deputy, ROAD_REWORDED)
    similarity.term_stats_refresh()
    with django_assert_num_queries(3):
        assert len(similarity.similar_suggestions(office, original)) == 6


def test_candidates_come_from_the_rarest_terms_within_the_budget(monkeypatch):
    SuggestionTermStat.objects.bulk_create(
        [
            SuggestionTermStat(term="公路", documents=30_000),
            SuggestionTermStat(term="硬化", documents=9_000),
            SuggestionTermStat(term="新民", documents=12),
        ]
    )
    vector = {"公路": 0.6, "硬化": 0.5, "新民": 0.4, "排水沟": 0.3, "箐口": 0.3}
    assert similarity._rarest(vector) == ["排水沟", "箐口", "新民", "硬化", "公路"]  # uncounted terms first
    monkeypatch.setattr(similarity, "CANDIDATE_BUDGET", 20_000)
    assert similarity._rarest(vector) == ["排水沟", "箐口", "新民", "硬化"]
    monkeypatch.setattr(similarity, "CANDIDATE_BUDGET", 100)
    assert similarity._rarest(vector) == ["排水沟", "箐口", "新民"]
    assert similarity._rarest({"公路": 1.0}) == ["公路"]  # always at least one


def test_a_copy_is_found_though_its_common_words_are_left_out(monkeypatch, office, deputy, other_deputy):
    original = make(deputy, ROAD)
    copy = make(other_deputy, ROAD_REWORDED)
    shared = set(similarity.term_vector(*ROAD)) & set(similarity.term_vector(*ROAD_REWORDED))
    SuggestionTermStat.objects.bulk_create(
        [SuggestionTermStat(term=term, documents=50_000) for term in sorted(shared) if term != "新民"]
    )
    monkeypatch.setattr(similarity, "CANDIDATE_BUDGET", 100)
    chosen = set(similarity._rarest(similarity.term_vector(*ROAD)))
    assert chosen & shared == {"新民"}
    found = similarity.similar_suggestions(office, original)
    assert [item.suggestion for item in found] == [copy]
    assert found[0].percent >= 55  # scored on the whole vectors


def test_terms_are_recounted_daily_by_renda_tick(deputy, other_deputy):
    make(deputy, ROAD)
    make(other_deputy, ROAD_REWORDED)
    out = io.StringIO()
    call_command("renda_tick", stdout=out)
    assert "renda.suggestions：terms " in out.getvalue()
    assert SuggestionTermStat.objects.get(term="排水沟").documents == 2
    call_command("renda_tick", stdout=io.StringIO())
    assert SuggestionTermStat.objects.get(term="排水沟").documents == 2


def test_rebuild_command_indexes_suggestions_loaded_without_the_services(deputy):
    loaded = flow.draft(deputy, title=ROAD[0], content=ROAD[1])
    assert not SuggestionTerm.objects.filter(suggestion=loaded).exists()
    out = io.StringIO()
    call_command("suggestion_terms_rebuild", "--missing", stdout=out)
    assert "已索引 1 件建议" in out.getvalue()
    assert SuggestionTerm.objects.filter(suggestion=loaded, term="硬化").exists()
    assert SuggestionTermStat.objects.filter(term="硬化").exists()


# ---------------------------------------------------------------- differences and merging


def test_text_diff_shows_the_differing_passages():
    segments = similarity.text_diff(
        "新民村通组公路约6公里，至今仍为泥结石路面。", "新民村通组公路约6公里，已经硬化。"
    )
    assert [s.kind for s in segments] == ["same", "this", "other", "same"]
    assert segments[0].text == "新民村通组公路约6公里，"
    assert "泥结石路面" in segments[1].text
    assert "已经" in segments[2].text
    long_same = "雨季道路泥泞车辆无法通行学生上学和农产品外运十分困难" * 3
    shortened = similarity.text_diff(f"甲方{long_same}乙方", f"丙方{long_same}丁方")
    same = next(s for s in shortened if s.kind == "same")
    assert "……" in same.text and len(same.text) < len(long_same)


def test_merge_target_keeps_the_accepted_one_else_the_earlier(office, deputy, other_deputy):
    first = make(deputy, ROAD)
    second = make(other_deputy, ROAD_REWORDED)
    assert similarity.merge_target(second, first) == (first, second)
    second = services.suggestion_accept(suggestion=second, actor=office)
    assert similarity.merge_target(first, second) == (second, first)
    third = flow.assigned(office, deputy, lead=None, assign={"split": [_unit()]})
    assert similarity.merge_target(first, third) is None


def _unit():
    from renda.org.tests.factories import HandlingUnitFactory

    return HandlingUnitFactory()


# ---------------------------------------------------------------- pages


def test_review_page_loads_the_similar_suggestions_panel(client, office, deputy):
    suggestion = make(deputy, ROAD)
    client.force_login(office)
    page = client.get(reverse("suggestions:detail", args=[suggestion.pk])).content.decode()
    assert reverse("suggestions:similar", args=[suggestion.pk]) in page
    assert reverse("suggestions:recommended_units", args=[suggestion.pk]) not in page  # not accepted yet
    client.force_login(deputy)
    page = client.get(reverse("suggestions:detail", args=[suggestion.pk])).content.decode()
    assert reverse("suggestions:similar", args=[suggestion.pk]) not in page


def test_similar_page_shows_score_differences_and_the_merge_button(client, office, deputy, other_deputy):
    original = make(deputy, ROAD)
    copy = make(other_deputy, ROAD_REWORDED)
    make(other_deputy, SCHOOLS)
    client.force_login(office)
    url = reverse("suggestions:similar", args=[copy.pk])
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert ROAD[0] in page and SCHOOLS[0] not in page
    assert "相似度" in page and "<del" in page and "<ins" in page
    assert f"{reverse('suggestions:merge', args=[original.pk])}?others={copy.pk}" in page
    partial = client.get(url, headers={"HX-Request": "true"})
    assert "<html" not in partial.content.decode() and ROAD[0] in partial.content.decode()
    assert "HX-Request" in partial["Vary"]


def test_merge_page_preselects_the_similar_suggestion(client, office, deputy, other_deputy):
    original = make(deputy, ROAD)
    copy = make(other_deputy, ROAD_REWORDED)
    client.force_login(office)
    page = client.get(f"{reverse('suggestions:merge', args=[original.pk])}?others={copy.pk}").content.decode()
    assert f'value="{copy.pk}"' in page
    assert "checked" in page.split(f'value="{copy.pk}"')[1].split(">")[0]


def test_similar_page_is_for_the_office_only(client, deputy):
    suggestion = make(deputy, ROAD)
    client.force_login(deputy)
    assert client.get(reverse("suggestions:similar", args=[suggestion.pk])).status_code == 404


# ---------------------------------------------------------------- API


def test_api_similar(client, office, deputy, other_deputy):
    original = make(deputy, ROAD)
    copy = make(other_deputy, ROAD_REWORDED)
    client.force_login(office)
    data = client.get(f"/api/v1/suggestions/{original.pk}/similar/").json()
    assert data["threshold"] == 55
    [item] = data["results"]
    assert item["id"] == copy.pk and item["score"] >= 55 and item["state"] == State.SUBMITTED
    assert {segment["kind"] for segment in item["diff"]} == {"same", "this", "other"}


def test_api_similar_respects_visibility(client, deputy, other_deputy):
    original = make(deputy, ROAD)
    copy = make(other_deputy, ROAD_REWORDED)
    client.force_login(deputy)
    assert client.get(f"/api/v1/suggestions/{original.pk}/similar/").json()["results"] == []
    assert client.get(f"/api/v1/suggestions/{copy.pk}/similar/").status_code == 404
    client.logout()
    assert client.get(f"/api/v1/suggestions/{original.pk}/similar/").status_code in {401, 403}
