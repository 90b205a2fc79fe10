"""The API's lists: filters of the registry, and a fixed number of queries whatever the number of rows
(house rule 10). Every count includes the token lookup and the user's roles."""

import datetime

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from renda.casework import services as casework
from renda.casework.models import AssignmentRole
from renda.suggestions import services
from renda.suggestions.tests import flow
from renda.suggestions.tests.factories import SuggestionFactory

pytestmark = pytest.mark.django_db

SUGGESTIONS = "/api/v1/suggestions/"


def client_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content.decode()
    return [row["id"] for row in response.json()["results"]]


def test_registry_filters(deputy, other_deputy, office, officer, other_officer):
    mine = flow.assigned(office, deputy, lead=officer.handling_unit, title="关于修缮校舍的建议")
    theirs = flow.assigned(office, other_deputy, lead=other_officer.handling_unit)
    waiting = flow.submitted(deputy)
    client = client_for(office)

    assert set(ids(client.get(SUGGESTIONS, {"state": "handling"}))) == {mine.pk, theirs.pk}
    assert ids(client.get(SUGGESTIONS, {"unit": officer.handling_unit_id})) == [mine.pk]
    assert set(ids(client.get(SUGGESTIONS, {"lead_deputy": deputy.deputy_id}))) == {mine.pk, waiting.pk}
    assert ids(client.get(SUGGESTIONS, {"q": "校舍"})) == [mine.pk]
    assert ids(client.get(SUGGESTIONS, {"q": mine.number})) == [mine.pk]
    assert ids(
        client.get(SUGGESTIONS, {"year": mine.year, "timing": "between_sessions", "is_overdue": "false"})
    )
    assert ids(client.get(SUGGESTIONS, {"is_overdue": "true"})) == []
    assert ids(client.get(SUGGESTIONS, {"category": mine.category_id, "state": "submitted"})) == [waiting.pk]
    assert client.get(SUGGESTIONS, {"state": "no-such-state"}).status_code == 400
    assert ids(client.get(SUGGESTIONS, {"state": "handling", "ordering": "-accepted_at"})) == [
        theirs.pk,
        mine.pk,
    ]


def test_list_rows_carry_their_units_and_key_supervision_flag(deputy, office, officer, other_officer):
    split = flow.assigned(
        office, deputy, assign={"split": [officer.handling_unit, other_officer.handling_unit]}
    )
    row = client_for(office).get(SUGGESTIONS).json()["results"][0]
    assert row["id"] == split.pk and row["is_key"] is False
    assert [(unit["unit"]["id"], unit["role"]) for unit in row["units"]] == [
        (officer.handling_unit_id, AssignmentRole.SPLIT),
        (other_officer.handling_unit_id, AssignmentRole.SPLIT),
    ]


def counted(django_assert_num_queries, client, url: str, queries: int, rows: int) -> None:
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200, response.content.decode()
    body = response.json()
    assert len(body["results"] if isinstance(body, dict) else body) == rows


def test_registry_list_query_count_is_fixed(django_assert_num_queries, deputy, office, officer):
    client = client_for(office)
    flow.assigned(office, deputy, lead=officer.handling_unit)
    counted(django_assert_num_queries, client, SUGGESTIONS, 5, 1)
    for _ in range(3):
        flow.assigned(office, deputy, lead=officer.handling_unit)
    counted(django_assert_num_queries, client, SUGGESTIONS, 5, 4)


def test_unit_todo_query_count_is_fixed(django_assert_num_queries, deputy, office, officer):
    client = client_for(officer)
    flow.assigned(office, deputy, lead=officer.handling_unit)
    counted(django_assert_num_queries, client, f"{SUGGESTIONS}assignments/", 4, 1)
    for _ in range(3):
        flow.assigned(office, deputy, lead=officer.handling_unit)
    counted(django_assert_num_queries, client, f"{SUGGESTIONS}assignments/", 4, 4)


def test_public_replies_query_count_is_fixed(
    django_assert_num_queries, deputy, other_deputy, office, officer
):
    client = APIClient()
    flow.replied(office, deputy, officer)
    counted(django_assert_num_queries, client, f"{SUGGESTIONS}public-replies/", 5, 1)
    for _ in range(3):
        draft = SuggestionFactory(lead_deputy=deputy.deputy, entered_by=office)  # a paper suggestion
        services.cosigners_invite(
            suggestion=draft, deputies=[other_deputy.deputy], actor=office, confirmed=True
        )
        services.suggestion_submit(suggestion=draft, actor=deputy)
        services.suggestion_accept(suggestion=draft, actor=office)
        services.suggestion_assign(
            suggestion=draft, lead=officer.handling_unit, on=datetime.date.today(), actor=office
        )
        flow.answer(flow.assignment_of(draft, officer), officer, publishable=True)
    counted(django_assert_num_queries, client, f"{SUGGESTIONS}public-replies/", 5, 4)


def test_commitments_and_reassignment_requests_query_counts_are_fixed(
    django_assert_num_queries, deputy, office, officer
):
    unit, clerk = client_for(officer), client_for(office)

    def one_more():
        handling = flow.assigned(office, deputy, lead=officer.handling_unit)
        flow.answer(
            flow.assignment_of(handling, officer),
            officer,
            category=flow.category_b(),
            commitments=[("完成道路硬化", datetime.date(2027, 6, 30))],
        )
        requested = flow.assigned(office, deputy, lead=officer.handling_unit)
        casework.request_reassignment(
            assignment=flow.assignment_of(requested, officer), reason="不属本单位职责", actor=officer
        )

    one_more()
    counted(django_assert_num_queries, unit, f"{SUGGESTIONS}commitments/", 5, 1)
    counted(django_assert_num_queries, clerk, f"{SUGGESTIONS}reassignment-requests/", 4, 1)
    one_more()
    one_more()
    counted(django_assert_num_queries, unit, f"{SUGGESTIONS}commitments/", 5, 3)
    counted(django_assert_num_queries, clerk, f"{SUGGESTIONS}reassignment-requests/", 4, 3)


def test_timeline_and_configurable_lists_query_counts_are_fixed(django_assert_num_queries, deputy, office):
    client = client_for(office)
    draft = SuggestionFactory(lead_deputy=deputy.deputy, entered_by=office)  # the office's too: a paper one
    counted(django_assert_num_queries, client, f"{SUGGESTIONS}{draft.pk}/events/", 4, 0)
    services.suggestion_submit(suggestion=draft, actor=deputy)
    services.suggestion_accept(suggestion=draft, actor=office)
    counted(django_assert_num_queries, client, f"{SUGGESTIONS}{draft.pk}/events/", 4, 2)
    flow.category_a()
    flow.category_b()
    counted(django_assert_num_queries, client, f"{SUGGESTIONS}result-categories/", 2, 2)
