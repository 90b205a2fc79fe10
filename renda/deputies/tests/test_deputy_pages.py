import pytest
from django.urls import reverse

from renda.deputies.choices import DeputyStatus, Gender, Level, Sector
from renda.deputies.models import Deputy
from renda.deputies.services import deputy_update
from renda.deputies.tests.factories import ActivityFactory, DeputyFactory, DeputyGroupFactory
from renda.org.tests.factories import TermFactory

pytestmark = pytest.mark.django_db


def detail_url(deputy):
    return reverse("deputies:deputy_detail", args=[deputy.pk])


def edit_url(deputy):
    return reverse("deputies:deputy_edit", args=[deputy.pk])


def office_form_data(deputy, **changes):
    data = {
        "name": deputy.name,
        "gender": deputy.gender,
        "ethnicity": deputy.ethnicity,
        "birth_date": "1975-05-01",
        "affiliation": deputy.affiliation,
        "education": "",
        "occupation": deputy.occupation,
        "title": deputy.title,
        "sector": deputy.sector,
        "level": deputy.level,
        "township": deputy.township_id or "",
        "terms": [TermFactory().pk],
        "phone": deputy.phone,
        "version": deputy.version,
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("name", ["deputy_detail", "deputy_edit", "deputy_status"])
def test_anonymous_is_sent_to_login(client, name):
    deputy = DeputyFactory()
    response = client.get(reverse(f"deputies:{name}", args=[deputy.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_detail_shows_memberships_activities_and_history(client, clerk):
    deputy = DeputyFactory(name="张三", occupation="某村党支部书记")
    group = DeputyGroupFactory(name="财经代表小组")
    group.members.add(deputy)
    activity = ActivityFactory(title="视察农村公路建设")
    activity.deputies.add(deputy)
    deputy_update(deputy=deputy, expected_version=1, changes={"occupation": "某镇农技站站长"}, actor=clerk)
    client.force_login(clerk)
    body = client.get(detail_url(deputy)).content.decode()
    for text in (
        "张三",
        "财经代表小组",
        "视察农村公路建设",
        "工作单位及职务：某村党支部书记 → 某镇农技站站长",
        clerk.display_name,
    ):
        assert text in body
    assert deputy.phone in body
    assert "d-print-none" in body


def test_detail_masks_phone_for_unit_officer(client, unit_user):
    deputy = DeputyFactory(phone="13812345678")
    client.force_login(unit_user)
    body = client.get(detail_url(deputy)).content.decode()
    assert "138****5678" in body and "13812345678" not in body
    assert edit_url(deputy) not in body


def test_detail_of_unknown_deputy_is_404(client, clerk):
    client.force_login(clerk)
    assert client.get(reverse("deputies:deputy_detail", args=[999999])).status_code == 404


def test_clerk_creates_a_deputy(client, clerk):
    term = TermFactory()
    client.force_login(clerk)
    data = {
        "name": "王小明",
        "gender": Gender.FEMALE,
        "ethnicity": "苗族",
        "birth_date": "1980-02-03",
        "affiliation": "masses",
        "sector": Sector.PROFESSIONAL,
        "level": Level.COUNTY,
        "terms": [term.pk],
        "phone": "13900001111",
    }
    response = client.post(reverse("deputies:deputy_create"), data)
    deputy = Deputy.objects.get(name="王小明")
    assert response.status_code == 302 and response.url == detail_url(deputy)
    assert deputy.name_initials == "wxm"
    assert list(deputy.terms.all()) == [term]


def test_create_shows_chinese_errors_beside_fields(client, clerk):
    client.force_login(clerk)
    response = client.post(reverse("deputies:deputy_create"), {"name": "", "phone": "12345"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "该字段是必填项。" in body
    assert "请填写11位手机号" in body
    assert not Deputy.objects.exists()


def test_create_is_forbidden_without_permission(client, deputy_user):
    client.force_login(deputy_user)
    assert client.get(reverse("deputies:deputy_create")).status_code == 403


def test_clerk_edits_every_field_and_history_records_it(client, clerk):
    deputy = DeputyFactory(sector=Sector.FARMER)
    client.force_login(clerk)
    response = client.post(edit_url(deputy), office_form_data(deputy, sector=Sector.WORKER))
    assert response.status_code == 302
    deputy.refresh_from_db()
    assert (deputy.sector, deputy.version) == (Sector.WORKER, 2)
    assert deputy.history.latest().history_user == clerk


def test_stale_form_is_rejected_with_a_message_on_the_form(client, clerk):
    deputy = DeputyFactory(occupation="甲")
    stale = office_form_data(deputy, occupation="丙")
    deputy_update(deputy=deputy, expected_version=1, changes={"occupation": "乙"}, actor=clerk)
    client.force_login(clerk)
    response = client.post(edit_url(deputy), stale)
    assert response.status_code == 200
    assert "该记录已被他人修改" in response.content.decode()
    deputy.refresh_from_db()
    assert deputy.occupation == "乙"


def test_deputy_gets_the_self_edit_form_for_own_record(client, deputy_user):
    own = deputy_user.deputy
    client.force_login(deputy_user)
    form = client.get(edit_url(own)).context["form"]
    assert set(form.fields) == {"phone", "occupation", "title", "version"}
    response = client.post(
        edit_url(own),
        {
            "phone": "13911112222",
            "occupation": "某合作社理事长",
            "title": "",
            "sector": "worker",
            "version": 1,
        },
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert (own.phone, own.occupation, own.sector) == ("13911112222", "某合作社理事长", Sector.FARMER)


def test_deputy_cannot_edit_another_deputy(client, deputy_user):
    other = DeputyFactory()
    client.force_login(deputy_user)
    assert client.get(edit_url(other)).status_code == 403
    assert client.post(edit_url(other), {"phone": "13911112222", "version": 1}).status_code == 403


def test_unit_officer_cannot_edit(client, unit_user):
    client.force_login(unit_user)
    assert client.get(edit_url(DeputyFactory())).status_code == 403


def test_clerk_changes_status(client, clerk):
    deputy = DeputyFactory()
    client.force_login(clerk)
    data = {
        "status": DeputyStatus.DECEASED,
        "status_date": "2024-06-01",
        "status_reason": "病故",
        "version": 1,
    }
    response = client.post(reverse("deputies:deputy_status", args=[deputy.pk]), data)
    assert response.status_code == 302
    deputy.refresh_from_db()
    assert (deputy.status, deputy.status_reason) == (DeputyStatus.DECEASED, "病故")


def test_status_form_shows_service_errors_beside_fields(client, clerk):
    deputy = DeputyFactory()
    client.force_login(clerk)
    data = {"status": DeputyStatus.ACTIVE, "status_date": "2024-06-01", "status_reason": "更正", "version": 1}
    response = client.post(reverse("deputies:deputy_status", args=[deputy.pk]), data)
    assert response.status_code == 200
    assert "代表当前已是“在任”状态。" in response.content.decode()


def test_deputy_cannot_change_status(client, deputy_user):
    client.force_login(deputy_user)
    assert client.get(reverse("deputies:deputy_status", args=[deputy_user.deputy.pk])).status_code == 403
