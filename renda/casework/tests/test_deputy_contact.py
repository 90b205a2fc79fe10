"""A unit sees the contact details of the deputies on its own open cases (代表法 Art. 51: the unit must contact the
deputy), only those and only while open; each look is logged (个人信息保护法: log who viewed personal data) and
the office reads the log."""

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from renda.casework.models import DeputyContactView
from renda.casework.selectors import deputies_contactable_by
from renda.casework.services import deputy_contact_reveal
from renda.core.roles import Role
from renda.deputies.tests.factories import DeputyFactory
from renda.suggestions import services
from renda.suggestions.tests import flow

pytestmark = pytest.mark.django_db

LEAD_PHONE = "13812345678"
COSIGNER_PHONE = "13998765432"


@pytest.fixture
def case(deputy, office, officer, make_user):
    """A suggestion in handling by `officer`'s unit, with a confirmed co-signer and an invited one who declined."""
    deputy.deputy.phone = LEAD_PHONE
    deputy.deputy.save()
    cosigner = make_user(Role.DEPUTY, deputy=DeputyFactory(phone=COSIGNER_PHONE))
    decliner = make_user(Role.DEPUTY, deputy=DeputyFactory(phone="13700000000"))
    suggestion = flow.draft(deputy)
    invited = services.cosigners_invite(
        suggestion=suggestion, deputies=[cosigner.deputy, decliner.deputy], actor=deputy
    )
    services.cosigner_respond(cosigner=invited[0], confirm=True, actor=cosigner)
    services.cosigner_respond(cosigner=invited[1], confirm=False, actor=decliner)
    suggestion = services.suggestion_submit(suggestion=suggestion, actor=deputy)
    suggestion = services.suggestion_accept(suggestion=suggestion, actor=office)
    from renda.core import clock

    suggestion = services.suggestion_assign(
        suggestion=suggestion, on=clock.today(), actor=office, lead=officer.handling_unit
    )
    return suggestion, cosigner.deputy, decliner.deputy


def test_a_unit_sees_the_lead_deputy_and_confirmed_cosigners_of_its_open_cases(case, deputy, officer):
    _, cosigner, decliner = case
    assert set(deputies_contactable_by(officer)) == {deputy.deputy, cosigner}


def test_another_unit_a_deputy_and_the_office_see_no_deputy(case, other_officer, deputy, office):
    for user in (other_officer, deputy, office):
        assert list(deputies_contactable_by(user)) == []


def test_once_the_case_is_answered_the_unit_no_longer_sees_the_deputies(case, officer):
    suggestion, _, _ = case
    flow.answer(flow.assignment_of(suggestion, officer), officer)
    assert list(deputies_contactable_by(officer)) == []


def test_revealing_logs_who_whose_and_when(case, deputy, officer):
    shown = deputy_contact_reveal(deputy_pk=deputy.deputy.pk, actor=officer)
    assert shown.phone == LEAD_PHONE
    view = DeputyContactView.objects.get()
    assert (view.viewer, view.unit, view.deputy) == (officer, officer.handling_unit, deputy.deputy)
    assert view.at is not None


def test_the_page_masks_and_the_button_shows_and_logs(client, case, deputy, officer):
    client.force_login(officer)
    page = client.get(reverse("casework:deputies"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "138****5678" in html and LEAD_PHONE not in html
    assert "显示联系方式" in html
    assert DeputyContactView.objects.count() == 0
    shown = client.post(
        reverse("casework:deputy_contact", args=[deputy.deputy.pk]), headers={"HX-Request": "true"}
    )
    assert shown.status_code == 200 and LEAD_PHONE in shown.content.decode()
    assert "<html" not in shown.content.decode()  # the partial only
    assert DeputyContactView.objects.filter(viewer=officer, deputy=deputy.deputy).count() == 1


def test_the_suggestion_page_offers_the_unit_its_deputies_masked(
    client, case, deputy, officer, other_officer
):
    suggestion, cosigner, decliner = case
    client.force_login(officer)
    html = client.get(reverse("suggestions:detail", args=[suggestion.pk])).content.decode()
    assert "联系代表" in html and "139****5432" in html and COSIGNER_PHONE not in html
    assert reverse("casework:deputy_contact", args=[decliner.pk]) not in html


def test_a_deputy_not_on_the_unit_s_open_cases_is_a_404_in_pages_and_api(case, officer, other_officer):
    _, _, decliner = case
    stranger = DeputyFactory(phone="13600000000")
    client = APIClient()
    client.force_authenticate(officer)
    for pk in (decliner.pk, stranger.pk):
        assert client.post(f"/api/v1/casework/deputies/{pk}/contact/").status_code == 404
    from django.test import Client

    page = Client()
    page.force_login(officer)
    assert page.post(reverse("casework:deputy_contact", args=[stranger.pk])).status_code == 404
    assert page.get(reverse("casework:deputy_contact", args=[stranger.pk])).status_code == 404
    other = Client()
    other.force_login(other_officer)
    _, cosigner, _ = case
    assert other.post(reverse("casework:deputy_contact", args=[cosigner.pk])).status_code == 404
    assert DeputyContactView.objects.count() == 0


def test_the_api_lists_masked_and_reveals_logged(case, deputy, officer):
    client = APIClient()
    client.force_authenticate(officer)
    listed = client.get("/api/v1/casework/deputies/").json()
    assert {row["name"]: row["phones"][0]["number"] for row in listed}[deputy.deputy.name] == "138****5678"
    shown = client.post(f"/api/v1/casework/deputies/{deputy.deputy.pk}/contact/").json()
    assert shown["phones"] == [{"label": "手机号", "number": LEAD_PHONE}]
    assert DeputyContactView.objects.count() == 1


def test_deputies_and_the_office_may_not_ask_for_contact_details(case, client, deputy, office):
    for user in (deputy, office):
        client.force_login(user)
        assert client.get(reverse("casework:deputies")).status_code == 403
        assert client.post(reverse("casework:deputy_contact", args=[deputy.deputy.pk])).status_code == 403


def test_the_office_reads_filters_and_exports_the_log(client, case, deputy, officer, office, other_officer):
    _, cosigner, _ = case
    deputy_contact_reveal(deputy_pk=deputy.deputy.pk, actor=officer)
    deputy_contact_reveal(deputy_pk=cosigner.pk, actor=officer)
    client.force_login(office)
    url = reverse("casework:contact_views")
    page = client.get(url).content.decode()
    assert page.count("查看了") == 2
    filtered = client.get(url, {"q": cosigner.name}).content.decode()
    assert filtered.count("查看了") == 1
    other_unit = client.get(url, {"unit": other_officer.handling_unit_id}).content.decode()
    assert "没有符合条件的查看记录" in other_unit
    export = client.get(url, {"export": "xlsx"})
    import io

    rows = list(load_workbook(io.BytesIO(export.content)).active.values)
    assert rows[0] == ("查看时间", "承办单位", "查看人", "用户名", "代表")
    assert {row[4] for row in rows[1:]} == {deputy.deputy.name, cosigner.name}
    client.force_login(officer)
    assert client.get(url).status_code == 403
