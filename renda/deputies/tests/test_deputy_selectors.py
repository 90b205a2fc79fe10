import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from renda.deputies.choices import Sector
from renda.deputies.models import Deputy
from renda.deputies.selectors import (
    deputies_for_list,
    deputy_history,
    deputy_phone_for,
    deputy_profile,
    deputy_search,
    groups_visible_to,
)
from renda.deputies.services import deputy_update
from renda.deputies.tests.factories import ActivityFactory, DeputyFactory, DeputyGroupFactory
from renda.org.tests.factories import TownshipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def names():
    for name in ("张三", "张三丰", "李四", "赵六"):
        DeputyFactory(name=name)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("zs", {"张三", "张三丰"}),
        ("ZS", {"张三", "张三丰"}),
        ("zhangsan", {"张三", "张三丰"}),
        ("zhang san", {"张三", "张三丰"}),
        ("zsf", {"张三丰"}),
        ("张", {"张三", "张三丰"}),
        ("三丰", {"张三丰"}),
        ("ls", {"李四"}),
        ("", {"张三", "张三丰", "李四", "赵六"}),
        ("wang", set()),
    ],
)
def test_search_by_name_initials_and_full_pinyin(names, query, expected):
    assert {d.name for d in deputy_search(Deputy.objects.all(), query)} == expected


def test_anonymous_sees_no_deputies_and_no_groups():
    DeputyFactory()
    DeputyGroupFactory()
    assert not deputies_for_list(AnonymousUser()).exists()
    assert not groups_visible_to(AnonymousUser()).exists()


def test_phone_is_masked_without_the_permission(clerk, unit_user, deputy_user):
    deputy = DeputyFactory(phone="13812345678")
    assert deputy_phone_for(clerk, deputy) == "13812345678"
    assert deputy_phone_for(unit_user, deputy) == "138****5678"
    assert deputy_phone_for(deputy_user, deputy) == "138****5678"
    own = deputy_user.deputy
    assert deputy_phone_for(deputy_user, own) == own.phone


def test_history_names_field_old_and_new_value_and_who(clerk, unit_user):
    old_township, new_township = TownshipFactory(name="城关镇"), TownshipFactory(name="东关乡")
    deputy = DeputyFactory(sector=Sector.FARMER, township=old_township, phone="13812345678")
    changes = {"sector": Sector.WORKER, "township": new_township, "phone": "13987654321"}
    deputy_update(deputy=deputy, expected_version=1, changes=changes, actor=clerk)

    newest, created = deputy_history(deputy, show_phone=True)
    assert created.created and not newest.created
    assert newest.who == clerk.display_name
    shown = {(c.label, c.old, c.new) for c in newest.changes}
    assert shown == {
        ("界别（代表结构）", "农民", "工人"),
        ("所在乡镇（街道）", "城关镇", "东关乡"),
        ("手机号", "13812345678", "13987654321"),
    }
    masked = deputy_history(deputy, show_phone=False)[0]
    assert ("手机号", "138****5678", "139****4321") in {(c.label, c.old, c.new) for c in masked.changes}


def test_history_is_limited_and_skips_saves_without_changes(clerk):
    deputy = DeputyFactory(title="")
    for version, title in enumerate(["甲", "甲", "乙", "丙"], start=1):
        deputy_update(deputy=deputy, expected_version=version, changes={"title": title}, actor=clerk)
    entries = deputy_history(deputy, show_phone=False)
    assert [e.changes[0].new for e in entries if not e.created] == ["丙", "乙", "甲"]
    assert len(deputy_history(deputy, show_phone=False, limit=2)) == 2


def test_profile_gathers_the_page(unit_user):
    deputy = DeputyFactory(phone="13812345678")
    group = DeputyGroupFactory()
    group.members.add(deputy)
    activity = ActivityFactory()
    activity.deputies.add(deputy)
    profile = deputy_profile(unit_user, deputy.pk)
    assert profile.phone == "138****5678"
    assert profile.groups == [group]
    assert profile.activities == [activity]
    assert not profile.can_edit


def test_profile_of_unknown_deputy_is_404(clerk):
    with pytest.raises(Http404):
        deputy_profile(clerk, 999999)
    with pytest.raises(Http404):
        deputy_profile(AnonymousUser(), DeputyFactory().pk)
