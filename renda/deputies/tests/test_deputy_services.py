import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from renda.core.services import StaleEditError
from renda.deputies.choices import DeputyStatus, Gender, Sector
from renda.deputies.services import deputy_create, deputy_status_change, deputy_update
from renda.deputies.tests.factories import DeputyFactory
from renda.org.tests.factories import TermFactory, TownshipFactory

pytestmark = pytest.mark.django_db


def test_create_indexes_the_name_and_records_the_actor(clerk):
    term = TermFactory()
    data = {
        "name": "张三",
        "gender": Gender.MALE,
        "ethnicity": "汉族",
        "sector": Sector.FARMER,
        "township": TownshipFactory(),
        "terms": [term],
    }
    deputy = deputy_create(data=data, actor=clerk)
    assert (deputy.name_initials, deputy.name_pinyin) == ("zs", "zhangsan")
    assert list(deputy.terms.all()) == [term]
    assert deputy.history.get().history_user == clerk


def test_create_needs_the_permission(member):
    with pytest.raises(PermissionDenied):
        deputy_create(data={"name": "张三", "gender": Gender.MALE, "sector": Sector.FARMER}, actor=member)


def test_create_validates_the_model(clerk):
    with pytest.raises(ValidationError) as exc:
        deputy_create(data={"name": "张三", "gender": "robot", "sector": Sector.FARMER}, actor=clerk)
    assert "gender" in exc.value.message_dict


def test_update_bumps_version_reindexes_and_records_history(clerk):
    deputy = DeputyFactory(name="张三")
    updated = deputy_update(deputy=deputy, expected_version=1, changes={"name": "李四"}, actor=clerk)
    assert updated.version == 2
    assert (updated.name_initials, updated.name_pinyin) == ("ls", "lisi")
    latest = updated.history.latest()
    assert latest.history_user == clerk
    assert latest.name == "李四"


def test_stale_version_is_rejected_with_a_chinese_message(clerk):
    deputy = DeputyFactory(occupation="甲")
    deputy_update(deputy=deputy, expected_version=1, changes={"occupation": "乙"}, actor=clerk)
    with pytest.raises(StaleEditError) as exc:
        deputy_update(deputy=deputy, expected_version=1, changes={"occupation": "丙"}, actor=clerk)
    assert "已被他人修改" in exc.value.messages[0]
    deputy.refresh_from_db()
    assert deputy.occupation == "乙"


def test_deputy_may_change_own_contact_details(deputy_user):
    deputy = deputy_user.deputy
    updated = deputy_update(
        deputy=deputy,
        expected_version=1,
        changes={"phone": "13900000000", "title": "高级农艺师"},
        actor=deputy_user,
    )
    assert (updated.phone, updated.title) == ("13900000000", "高级农艺师")


def test_deputy_may_not_change_other_fields_of_own_record(deputy_user):
    with pytest.raises(PermissionDenied) as exc:
        deputy_update(
            deputy=deputy_user.deputy,
            expected_version=1,
            changes={"sector": Sector.WORKER},
            actor=deputy_user,
        )
    assert "手机号" in str(exc.value)


def test_deputy_may_not_change_another_deputy(deputy_user):
    other = DeputyFactory()
    with pytest.raises(PermissionDenied):
        deputy_update(deputy=other, expected_version=1, changes={"phone": "13900000000"}, actor=deputy_user)


def test_status_change_records_date_and_reason(clerk):
    deputy = DeputyFactory()
    changed = deputy_status_change(
        deputy=deputy,
        expected_version=1,
        status=DeputyStatus.RESIGNED,
        date=datetime.date(2024, 3, 1),
        reason="因工作调动辞去代表职务",
        actor=clerk,
    )
    assert (changed.status, changed.status_date, changed.version) == (
        DeputyStatus.RESIGNED,
        datetime.date(2024, 3, 1),
        2,
    )
    assert changed.history.latest().history_user == clerk


def test_status_change_needs_a_new_status_a_date_and_a_reason(clerk):
    deputy = DeputyFactory()
    with pytest.raises(ValidationError) as exc:
        deputy_status_change(
            deputy=deputy, expected_version=1, status=DeputyStatus.ACTIVE, date=None, reason=" ", actor=clerk
        )
    assert set(exc.value.message_dict) == {"status", "status_date", "status_reason"}


def test_status_change_is_for_office_staff(deputy_user):
    with pytest.raises(PermissionDenied):
        deputy_status_change(
            deputy=deputy_user.deputy,
            expected_version=1,
            status=DeputyStatus.RESIGNED,
            date=datetime.date(2024, 3, 1),
            reason="辞职",
            actor=deputy_user,
        )
