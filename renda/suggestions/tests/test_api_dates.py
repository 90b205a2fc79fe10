"""Dates entered through the API: outside a plausible range (2000–2099) a 400 beside the field, before any
deadline arithmetic (an assignment dated 9999-12-31 was a 500: its reply deadline fell in year 10000); within
it, the services' windows answer beside the same field, with their code."""

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from renda.suggestions.tests import flow

pytestmark = pytest.mark.django_db

SUGGESTIONS = "/api/v1/suggestions/"
ASSIGNMENTS = "/api/v1/suggestions/assignments/"
OUT_OF_RANGE = "日期应在2000年1月1日至2099年12月31日之间。"


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def out_of_range(response, *path) -> None:
    assert response.status_code == 400, response.content.decode()
    body, codes = response.json(), response.json()["codes"]
    for key in path:
        body, codes = body[key], codes[key]
    assert (body, codes) == ([OUT_OF_RANGE], ["out_of_range"])
    assert response.json()["code"] == "out_of_range"


@pytest.mark.parametrize("on", ["9999-12-31", "1999-12-31", "2100-01-01"])
def test_an_assignment_date_out_of_range_is_a_400_not_a_500(deputy, office, officer, on):
    accepted = flow.accepted(office, deputy)
    clerk = client_for(office)
    units = {"lead": officer.handling_unit_id, "on": on}
    out_of_range(clerk.post(f"{SUGGESTIONS}{accepted.pk}/assign/", units, format="json"), "on")
    batch = {"meeting_name": "交办会", "on": on, "items": [{"suggestion": accepted.pk, **units}]}
    out_of_range(clerk.post(f"{SUGGESTIONS}assign-batch/", batch, format="json"), "on")


def test_contact_dates_out_of_range_and_before_the_assignment(deputy, office, officer):
    assignment = flow.assignment_of(flow.assigned(office, deputy, lead=officer.handling_unit), officer)
    unit = client_for(officer)
    unit.post(f"{ASSIGNMENTS}{assignment.pk}/sign-for/")
    contact = {"stage": "before", "method": "phone", "summary": "电话听取意见"}
    url = f"{ASSIGNMENTS}{assignment.pk}/contacts/"
    out_of_range(unit.post(url, {**contact, "date": "1900-01-01"}, format="json"), "date")
    before = unit.post(
        url, {**contact, "date": "2000-01-01"}, format="json"
    )  # plausible, but the service refuses
    assert before.status_code == 400
    assert list(before.json()["codes"]) == ["date"]
    assert "交办日期" in before.json()["date"][0]
    assert (
        unit.post(url, {**contact, "date": timezone.localdate().isoformat()}, format="json").status_code
        == 201
    )


def test_a_commitment_due_out_of_range_is_named_by_its_place(deputy, office, officer):
    assignment = flow.assignment_of(flow.assigned(office, deputy, lead=officer.handling_unit), officer)
    flow.contact(assignment, officer)
    reply = {
        "result_category": flow.category_b().pk,
        "text": "列入计划",
        "signer": "李局长",
        "commitments": [{"description": "年内完成", "due": "2150-01-01"}],
    }
    response = client_for(officer).post(f"{ASSIGNMENTS}{assignment.pk}/reply/", reply, format="json")
    out_of_range(response, "commitments", "0", "due")  # by position, as DRF keys a list's errors


def test_key_supervision_dates_out_of_range(deputy, office, officer, chairpersons):
    handling = flow.assigned(office, deputy, lead=officer.handling_unit)
    vice, _ = chairpersons
    clerk = client_for(office)
    url = f"{SUGGESTIONS}{handling.pk}/key-supervision/"
    out_of_range(
        clerk.post(url, {"leader": vice.pk, "decided_on": "1999-01-01"}, format="json"), "decided_on"
    )
    assert clerk.post(url, {"leader": vice.pk}, format="json").status_code == 201
    note = {"kind": "visit", "text": "实地督办", "date": "2100-01-01"}
    out_of_range(clerk.post(f"{url}notes/", note, format="json"), "date")
