"""Who sees what through the API: 401 without a token, 404 outside what the selectors let a user see,
403 for a step the user may see but not take; the public reads published replies without signing in."""

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from renda.deputies.models import Deputy
from renda.suggestions import services
from renda.suggestions.models import ContactRecord
from renda.suggestions.tests import flow
from renda.suggestions.tests.factories import RefusalReasonFactory, SuggestionCategoryFactory

pytestmark = pytest.mark.django_db

SUGGESTIONS = "/api/v1/suggestions/"
ASSIGNMENTS = "/api/v1/suggestions/assignments/"
PUBLIC = "/api/v1/suggestions/public-replies/"


def client_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


@pytest.fixture
def cases(deputy, office, officer):
    """A draft and a case in handling, both led by `deputy`; the latter assigned to `officer`'s unit."""
    handling = flow.assigned(office, deputy, lead=officer.handling_unit)
    return {
        "draft": flow.draft(deputy),
        "handling": handling,
        "assignment": flow.assignment_of(handling, officer),
    }


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content.decode()
    return {row["id"] for row in response.json()["results"]}


def test_anonymous_requests_get_401_except_the_public_replies(cases):
    anonymous = APIClient()
    handling, assignment = cases["handling"], cases["assignment"]
    for url in (
        SUGGESTIONS,
        f"{SUGGESTIONS}{handling.pk}/",
        f"{SUGGESTIONS}{handling.pk}/events/",
        ASSIGNMENTS,
        f"{SUGGESTIONS}categories/",
        f"{SUGGESTIONS}commitments/",
    ):
        response = anonymous.get(url)
        assert response.status_code == 401, url
        assert response.headers["WWW-Authenticate"] == "Token"
    assert anonymous.post(f"{SUGGESTIONS}{handling.pk}/accept/").status_code == 401
    assert anonymous.post(f"{ASSIGNMENTS}{assignment.pk}/accept/").status_code == 401
    assert anonymous.get(PUBLIC).status_code == 200


def test_another_deputy_gets_404_for_cases_neither_theirs_nor_public(cases, other_deputy):
    client = client_for(other_deputy)
    assert ids(client.get(SUGGESTIONS)) == set()
    for name in ("draft", "handling"):
        url = f"{SUGGESTIONS}{cases[name].pk}/"
        assert client.get(url).status_code == 404
        assert client.get(f"{url}events/").status_code == 404
        assert client.post(f"{url}submit/").status_code == 404
        assert client.patch(url, {"version": 1, "title": "改"}, format="json").status_code == 404
    assert client.post(f"{ASSIGNMENTS}{cases['assignment'].pk}/accept/").status_code == 404


def test_lead_deputy_sees_own_cases_including_drafts_but_not_the_contact_log(cases, deputy, officer):
    flow.contact(cases["assignment"], officer)
    client = client_for(deputy)
    assert ids(client.get(SUGGESTIONS)) == {cases["draft"].pk, cases["handling"].pk}
    detail = client.get(f"{SUGGESTIONS}{cases['handling'].pk}/").json()
    assert detail["contacts"] == []
    assert [row["unit"]["id"] for row in detail["assignments"]] == [officer.handling_unit_id]


def test_a_unit_sees_its_assignments_only(cases, officer, other_officer):
    own, other = client_for(officer), client_for(other_officer)
    assert ids(own.get(SUGGESTIONS)) == {cases["handling"].pk}
    assert own.get(f"{SUGGESTIONS}{cases['draft'].pk}/").status_code == 404
    assert ids(own.get(ASSIGNMENTS)) == {cases["assignment"].pk}

    assert ids(other.get(SUGGESTIONS)) == set()
    assert ids(other.get(ASSIGNMENTS)) == set()
    assert other.get(f"{SUGGESTIONS}{cases['handling'].pk}/").status_code == 404
    for step in ("accept", "contacts", "reply", "reassignment-request"):
        assert other.post(f"{ASSIGNMENTS}{cases['assignment'].pk}/{step}/").status_code == 404, step


def test_committee_members_read_every_filed_case_but_take_no_steps(cases, committee_member):
    client = client_for(committee_member)
    assert ids(client.get(SUGGESTIONS)) == {cases["handling"].pk}
    assert client.get(f"{SUGGESTIONS}{cases['draft'].pk}/").status_code == 404
    response = client.post(f"{SUGGESTIONS}{cases['handling'].pk}/coordination-close/", {"outcome": "协调"})
    assert response.status_code == 403
    assert response.json()["detail"] == "只有代表工作机构可以进行此操作。"


def test_the_office_sees_everything_but_deputies_drafts_and_units_and_deputies_cannot_act_for_it(
    cases, deputy, office, officer
):
    assert ids(client_for(office).get(SUGGESTIONS)) == {cases["handling"].pk}  # the draft is the deputy's
    submitted = flow.submitted(deputy)
    response = client_for(deputy).post(f"{SUGGESTIONS}{submitted.pk}/accept/")
    assert response.status_code == 403
    assert response.json()["detail"] == "只有代表工作机构可以进行此操作。"
    reply = {"result_category": flow.category_a().pk, "text": "答复", "signer": "王"}
    response = client_for(office).post(f"{ASSIGNMENTS}{cases['assignment'].pk}/reply/", reply, format="json")
    assert response.status_code == 403
    assert response.json()["detail"] == "只有该承办单位可以进行此操作。"


def test_who_may_not_act_is_refused_before_the_input_is_read(
    cases, deputy, other_deputy, office, officer, committee_member
):
    """An empty body from who may not take the step, or for a step the state does not allow, is a 403 or 409,
    not a 400 naming the missing fields; who may take it still gets the 400."""
    handling, assignment, draft = cases["handling"], cases["assignment"], cases["draft"]
    submitted, replied = flow.submitted(deputy), flow.replied(office, deputy, officer)
    services.cosigners_invite(suggestion=draft, deputies=[other_deputy.deputy], actor=deputy)

    def status(user, name, pk=None, method="post"):
        path = reverse(name, args=[pk] if pk else None)
        return getattr(client_for(user), method)(path, {}, format="json").status_code

    for user in (committee_member, officer):
        assert status(user, "suggestion-list") == 403
        assert status(user, "suggestion-assign-batch") == 403
        assert status(user, "suggestion-key-supervision", handling.pk) == 403
        assert status(user, "suggestion-detail", handling.pk, "patch") == 403
    assert status(deputy, "suggestion-detail", handling.pk, "patch") == 409  # theirs, but no longer a draft
    for name in ("suggestion-return", "suggestion-reject", "suggestion-merge"):
        assert status(committee_member, name, submitted.pk) == 403
    assert status(committee_member, "suggestion-coordination-close", handling.pk) == 403
    for user in (office, deputy):
        for name in (
            "suggestion-assignment-contacts",
            "suggestion-assignment-joint-opinion",
            "suggestion-assignment-reassignment-request",
            "suggestion-assignment-reply",
        ):
            assert status(user, name, assignment.pk) == 403
    assert status(officer, "suggestion-assignment-reassignment-decision", assignment.pk) == 403
    for user in (office, officer):
        assert status(user, "suggestion-evaluations", replied.pk) == 403
    assert (
        status(office, "suggestion-cosigner-respond", draft.cosigners.get().pk) == 404
    )  # the deputy's draft
    # who may: the input is read
    assert status(office, "suggestion-return", submitted.pk) == 400
    assert status(officer, "suggestion-assignment-reply", assignment.pk) == 400
    assert status(deputy, "suggestion-evaluations", replied.pk) == 400
    assert status(other_deputy, "suggestion-cosigner-respond", draft.cosigners.get().pk) == 400


def test_the_office_reads_the_contact_log(cases, office, officer):
    flow.contact(cases["assignment"], officer)
    detail = client_for(office).get(f"{SUGGESTIONS}{cases['handling'].pk}/").json()
    assert [row["summary"] for row in detail["contacts"]] == [ContactRecord.objects.get().summary]


def test_public_replies_carry_deputies_names_and_nothing_personal(deputy, office, officer):
    Deputy.objects.filter(pk=deputy.deputy_id).update(phone="13812345678")
    published = flow.replied(office, deputy, officer)
    unpublished = flow.assigned(office, deputy, lead=officer.handling_unit)
    flow.answer(flow.assignment_of(unpublished, officer), officer, publishable=False)

    response = APIClient().get(PUBLIC)

    assert ids(response) == {published.pk}
    row = response.json()["results"][0]
    assert set(row) == {"id", "number", "title", "content", "year", "category", "deputies", "answers"}
    assert row["deputies"] == [deputy.deputy.name]
    assert row["answers"] == [
        {
            "unit": officer.handling_unit.name,
            "replies": [
                {
                    "result_category": "已解决或基本解决",
                    "text": "已纳入年度计划并组织实施。",
                    "sent_at": row["answers"][0]["replies"][0]["sent_at"],
                }
            ],
        }
    ]
    text = response.content.decode()
    assert "13812345678" not in text and "李局长" not in text and deputy.username not in text


def test_public_replies_are_searched_by_title_or_number(deputy, office, officer):
    published = flow.replied(office, deputy, officer)
    assert ids(APIClient().get(PUBLIC, {"q": published.number})) == {published.pk}
    assert ids(APIClient().get(PUBLIC, {"q": "没有这样的标题"})) == set()


def test_configurable_lists_are_read_by_every_signed_in_user(committee_member, officer):
    SuggestionCategoryFactory(name="城乡建设")
    SuggestionCategoryFactory(name="已停用", active=False)
    flow.category_a()
    RefusalReasonFactory()
    for user in (committee_member, officer):
        client = client_for(user)
        assert [row["name"] for row in client.get(f"{SUGGESTIONS}categories/").json()] == ["城乡建设"]
        assert [row["code"] for row in client.get(f"{SUGGESTIONS}result-categories/").json()] == ["A"]
        assert [row["label"] for row in client.get(f"{SUGGESTIONS}refusal-reasons/").json()] == [
            "反映个人或家庭事务"
        ]
    assert APIClient().get(f"{SUGGESTIONS}refusal-reasons/").status_code == 401
