"""Actions are named by what they do: 立案 is /suggestions/{id}/register/, 签收 is
/suggestions/assignments/{id}/sign-for/. The old /accept/ paths (which named two different acts alike) stay one
release as deprecated aliases, marked so in the schema and in their responses. A move the current state does
not allow is a 409 with the code invalid_transition; other rule errors are 400 with their service's code."""

import pytest
from rest_framework.test import APIClient

from renda.suggestions.models import State
from renda.suggestions.tests import flow
from renda.suggestions.tests.factories import SuggestionFactory

pytestmark = pytest.mark.django_db

SUGGESTIONS = "/api/v1/suggestions/"
ASSIGNMENTS = "/api/v1/suggestions/assignments/"


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_register_is_立案_and_accept_its_deprecated_alias(deputy, office):
    clerk = client_for(office)
    first, second = flow.submitted(deputy), flow.submitted(deputy)

    registered = clerk.post(f"{SUGGESTIONS}{first.pk}/register/")
    assert (registered.status_code, registered.json()["state"]) == (200, State.ACCEPTED)
    assert registered.json()["number"]
    assert "Deprecation" not in registered.headers

    old = clerk.post(f"{SUGGESTIONS}{second.pk}/accept/")
    assert (old.status_code, old.json()["state"]) == (200, State.ACCEPTED)
    assert old.headers["Deprecation"] == "true"
    assert old.headers["Link"] == f'</api/v1/suggestions/{second.pk}/register/>; rel="successor-version"'


def test_sign_for_is_签收_and_accept_its_deprecated_alias(deputy, office, officer, other_officer):
    case = flow.assigned(
        office, deputy, assign={"split": [officer.handling_unit, other_officer.handling_unit]}
    )
    mine, theirs = flow.assignment_of(case, officer), flow.assignment_of(case, other_officer)

    signed = client_for(officer).post(f"{ASSIGNMENTS}{mine.pk}/sign-for/")
    assert (signed.status_code, signed.json()["state"]) == (200, "accepted")

    old = client_for(other_officer).post(f"{ASSIGNMENTS}{theirs.pk}/accept/")
    assert (old.status_code, old.json()["state"]) == (200, "accepted")
    assert old.headers["Deprecation"] == "true"
    assert f"/api/v1/suggestions/assignments/{theirs.pk}/sign-for/" in old.headers["Link"]


def test_the_schema_marks_the_old_paths_deprecated_and_the_new_ones_not(admin_user):
    paths = client_for(admin_user).get("/api/schema/", {"format": "json"}).json()["paths"]
    for old, new in (
        ("/api/v1/suggestions/{id}/accept/", "/api/v1/suggestions/{id}/register/"),
        ("/api/v1/suggestions/assignments/{id}/accept/", "/api/v1/suggestions/assignments/{id}/sign-for/"),
    ):
        assert paths[old]["post"]["deprecated"] is True
        assert "deprecated" not in paths[new]["post"]
        assert paths[old]["post"]["responses"]["200"] == paths[new]["post"]["responses"]["200"]
        assert {"400", "403", "404", "409"} <= set(paths[new]["post"]["responses"])


@pytest.mark.parametrize("step", ["register", "accept"])
def test_a_move_the_state_does_not_allow_is_409_invalid_transition(deputy, office, step):
    draft = SuggestionFactory(lead_deputy=deputy.deputy, entered_by=office)  # a draft the office sees
    response = client_for(office).post(f"{SUGGESTIONS}{draft.pk}/{step}/")
    assert response.status_code == 409, response.content.decode()
    body = response.json()
    assert body["code"] == "invalid_transition"
    assert body["codes"] == {"non_field_errors": ["invalid_transition"]}
    assert body["non_field_errors"] == ["当前状态为「草稿」，不能立案。"]


def test_signing_for_twice_is_409(deputy, office, officer):
    assignment = flow.assignment_of(flow.assigned(office, deputy, lead=officer.handling_unit), officer)
    client = client_for(officer)
    assert client.post(f"{ASSIGNMENTS}{assignment.pk}/sign-for/").status_code == 200
    again = client.post(f"{ASSIGNMENTS}{assignment.pk}/sign-for/")
    assert (again.status_code, again.json()["code"]) == (409, "invalid_transition")


def test_a_reply_before_any_contact_is_400_contact_required(deputy, office, officer):
    assignment = flow.assignment_of(flow.assigned(office, deputy, lead=officer.handling_unit), officer)
    client = client_for(officer)
    client.post(f"{ASSIGNMENTS}{assignment.pk}/sign-for/")
    reply = {"result_category": flow.category_a().pk, "text": "已解决", "signer": "李局长"}
    response = client.post(f"{ASSIGNMENTS}{assignment.pk}/reply/", reply, format="json")
    assert (response.status_code, response.json()["code"]) == (400, "contact_required")
    assert response.json()["non_field_errors"][0].startswith("答复前须与代表联系沟通")
