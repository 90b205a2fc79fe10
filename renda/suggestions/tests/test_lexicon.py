"""The shipped department lexicon (renda/suggestions/data/lexicon.txt) and how proposals are made from it:
the name matcher maps a county's real unit names to departments, place names are discounted, compounds are
found by their parts, a title alone is enough, and there are always three proposals, each with a reason."""

import pytest

from renda.demo import vocab
from renda.org.models import HandlingUnit
from renda.suggestions import similarity
from renda.suggestions.models import Suggestion

pytestmark = pytest.mark.django_db


@pytest.fixture
def county(db):
    """The demo county's handling units (大方县): departments, court and procuratorate, two townships."""
    names = [(name, HandlingUnit.Kind.GOVERNMENT) for name in vocab.DEPARTMENTS]
    names += [(name, kind) for name, _, kind in vocab.JUDICIAL_UNITS]
    names += [("六龙镇人民政府", HandlingUnit.Kind.TOWNSHIP), ("羊场镇人民政府", HandlingUnit.Kind.TOWNSHIP)]
    HandlingUnit.objects.bulk_create(
        HandlingUnit(
            name=name, short_name=name.removeprefix("县").removesuffix("人民政府"), kind=kind, order=i
        )
        for i, (name, kind) in enumerate(names, start=1)
    )
    return {unit.name: unit for unit in HandlingUnit.objects.all()}


def proposals(title: str, content: str = "") -> list[similarity.Recommendation]:
    return similarity.recommend_units(Suggestion(title=title, content=content, year=2026))


def first(title: str) -> str:
    return proposals(title)[0].unit.name


def test_the_lexicon_loads_with_every_department_named_and_worded():
    departments = similarity.lexicon()
    assert {
        "交通运输",
        "水利",
        "教育",
        "卫生健康",
        "公安",
        "住房城乡建设",
        "自然资源",
        "生态环境",
        "农业农村",
    } <= set(departments)
    assert {
        "人力资源社会保障",
        "民政",
        "市场监管",
        "应急管理",
        "文化旅游",
        "财政",
        "发展改革",
        "商务",
        "城市管理",
    } <= set(departments)
    assert {
        "医疗保障",
        "乡村振兴",
        "退役军人",
        "林业",
        "供电公司",
        "自来水公司",
        "法院",
        "检察院",
        "乡镇政府",
    } <= set(departments)
    for department in departments.values():
        assert department.patterns and department.words, department.name
        assert all(weight > 0 for weight in department.words.values())
        assert not department.fallback or department.fallback in departments
    words = set().union(*(department.words for department in departments.values()))
    assert {
        "饮用水",
        "饮水",
        "自来水",
        "高速公路",
        "国道",
        "公路",
        "小学",
        "学校",
        "红绿灯",
        "信号灯",
    } <= words


def test_name_matcher_maps_the_demo_county_units_to_departments(county):
    expected = {
        "县交通运输局": "交通运输",
        "县水务局": "水利",
        "县住房和城乡建设局": "住房城乡建设",
        "县人力资源和社会保障局": "人力资源社会保障",
        "县医疗保障局": "医疗保障",
        "县文体广电旅游局": "文化旅游",
        "县综合行政执法局": "城市管理",
        "毕节市生态环境局大方分局": "生态环境",
        "县市场监督管理局": "市场监管",
        "县工业和信息化局": "工业信息化",
        "县司法局": "司法行政",
        "大方县人民法院": "法院",
        "大方县人民检察院": "检察院",
        "六龙镇人民政府": "乡镇政府",
        "县人民政府办公室": "",  # not 民政 because of 人民政府
        "县审计局": "",
    }
    assert {name: similarity.department_of(name, county[name].kind) for name in expected} == expected
    # other counties' names for the same departments
    assert similarity.department_of("马关县农业农村和科学技术局") == "农业农村"
    assert similarity.department_of("泰顺县水利局") == "水利"
    assert similarity.department_of("岳阳县教育体育局") == "教育"
    assert similarity.department_of("柳林县城市管理服务中心") == "城市管理"
    assert similarity.department_of("国网上海嘉定供电公司") == "供电公司"
    assert similarity.department_of("罗甸县消防救援大队") == "应急管理"
    assert similarity.department_of("湖洋镇人民政府") == "乡镇政府"


def test_never_empty_three_proposals_with_reasons_for_a_title_without_history_or_keywords(county):
    """Rule: the proposal is never empty — three units, each with its reason, even with nothing to go on."""
    items = proposals("关于一件事情的意见")
    assert len(items) == 3
    assert all(item.reasons for item in items)
    assert items[0].reasons == ["暂无依据，供参考"]
    # without history the units that usually lead most suggestions come first (the lexicon's priors)
    assert [item.unit.name for item in items] == ["县交通运输局", "县住房和城乡建设局", "县水务局"]


def test_place_names_are_discounted_and_a_place_name_title_goes_to_its_subject(county):
    """Rule: place names (the county's townships, words ending in 镇/乡/村/组/段 …) weigh little."""
    assert first("浪健段柏油路维修") == "县交通运输局"
    matches = similarity.lexicon_matches("关于桥头镇卫生院建设的建议", places=frozenset({"桥头镇"}))
    assert matches["卫生健康"]["卫生院"] == 4  # 卫生院 weighs 2, twice in the title
    assert matches["交通运输"]["桥"] == pytest.approx(2 * similarity.PLACE_WEIGHT)
    assert similarity.lexicon_matches("解决山塘村群众看病难")["水利"]["山塘"] < 1


def test_compounds_are_found_by_their_parts_and_the_longest_word_wins(county):
    """Rule: sub-word matching — 高速公路 is a road, 小学校 a school, 饮用水 water, 交通安全 the police."""
    assert first("小磨高速公路改扩建") == "县交通运输局"
    assert first("都龙小学校搬迁") == "县教育局"
    assert first("农村饮用水") == "县水务局"
    assert first("路口红绿灯安装") == "县公安局"
    assert first("构建劳动关系监测预警体系") == "县人力资源和社会保障局"
    item = proposals("关于加强农村道路交通安全管理的建议")[0]
    assert item.unit.name == "县公安局" and "交通安全" in item.keywords


def test_a_title_alone_is_enough_and_the_reason_names_the_words(county):
    item = proposals("关于尽快硬化新民村通组公路的建议", content="")[0]
    assert item.unit.name == "县交通运输局"
    assert item.reasons == ["关键词：通组公路、硬化"]


def test_township_words_go_to_the_township_the_text_names(county):
    items = proposals("关于六龙镇集镇院坝硬化的建议")
    township = next(item for item in items if item.unit.name == "六龙镇人民政府")
    assert township.named and "建议涉及本乡镇（街道）" in township.reasons
    assert "羊场镇人民政府" not in [item.unit.name for item in items]


def test_a_department_the_county_lacks_hands_its_words_to_its_fallback(county):
    """The demo county has no power company: 农网改造 goes to the industry and information bureau."""
    item = proposals("关于加快农网改造解决低电压问题的建议")[0]
    assert item.unit.name == "县工业和信息化局" and "农网改造" in item.keywords


def test_a_neutral_phrase_hides_the_department_word_inside_it(county):
    """Rule: phrases of the lexicon's [-] section (宣传教育, 高质量, 健康发展) count for no department, and the
    shorter word inside them (教育, 质量, 健康) is not matched there; it still is elsewhere."""
    assert "-" not in similarity.lexicon()
    assert {"宣传教育", "高质量", "健康发展"} <= similarity.neutral_phrases()
    matches = similarity.lexicon_matches("关于开展长城文物保护宣传教育活动的建议")
    assert "教育" not in matches and "文物保护" in matches["文化旅游"]
    assert "市场监管" not in similarity.lexicon_matches("推动茶产业高质量发展")
    assert "教育" in similarity.lexicon_matches("关于加强学校安全教育的建议")


def test_remit_words_of_city_management_and_forestry(county):
    """城市管理 takes parking, street stalls and municipal facilities; 林业 takes forest areas and fire breaks;
    a road to a scenic spot or an industry (旅游路、产业路) is a road."""
    assert first("关于规范城区停车秩序的建议") == "县综合行政执法局"
    assert first("关于修缮市政设施的建议") == "县综合行政执法局"
    assert first("关于修建林区防火通道的建议") == "县林业局"
    assert first("关于硬化旅游路的建议") == "县交通运输局"
