"""The API's shared contract (renda.core.api): every error carries a stable `code` beside its message, lists
honour `page_size` up to 200 and refuse malformed `page`/`page_size` and junk booleans, and the user's in-app
inbox is in the API."""

import pytest
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.test import APIClient, APIRequestFactory

from renda.core.api import exception_handler
from renda.core.models import Notification
from renda.core.roles import Role
from renda.deputies.tests.factories import DeputyFactory
from renda.suggestions.tests.factories import SuggestionFactory

pytestmark = pytest.mark.django_db

INBOX = "/api/v1/notifications/"
SUGGESTIONS = "/api/v1/suggestions/"


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def deputy(make_user):
    return make_user(Role.DEPUTY, deputy=DeputyFactory())


def messages(user, count: int, *, read: int = 0) -> list[Notification]:
    from django.utils import timezone

    return Notification.objects.bulk_create(
        Notification(recipient=user, title=f"消息{n}", read_at=timezone.now() if n < read else None)
        for n in range(count)
    )


# ---------------------------------------------------------------- every error has a code


def test_refused_requests_carry_detail_and_code(deputy, make_user):
    other = SuggestionFactory()
    own = SuggestionFactory(lead_deputy=deputy.deputy, entered_by=deputy)
    client = client_for(deputy)
    cases = [
        (APIClient().get(SUGGESTIONS), 401, "not_authenticated"),
        (client.get(f"{SUGGESTIONS}{other.pk}/"), 404, "not_found"),
        (client.get(f"{SUGGESTIONS}{own.pk}/register/"), 405, "method_not_allowed"),
        (client.post(f"{SUGGESTIONS}{own.pk}/register/"), 403, "permission_denied"),
        (
            client.patch(f"{SUGGESTIONS}{own.pk}/", "{", content_type="application/json"),
            400,
            "parse_error",
        ),
        (
            client.patch(
                f"{SUGGESTIONS}{own.pk}/", {"version": own.version + 5, "title": "新"}, format="json"
            ),
            409,
            "stale_version",
        ),
    ]
    for response, status, code in cases:
        body = response.json()
        assert (response.status_code, body["code"]) == (status, code), body
        assert set(body) == {"detail", "code"} and body["detail"]


def test_invalid_input_keeps_its_messages_by_field_with_their_codes(make_user):
    clerk = make_user(Role.CLERK)
    response = client_for(clerk).post(SUGGESTIONS, {"title": "x" * 201}, format="json")
    body = response.json()
    assert response.status_code == 400
    assert body["content"] == ["该字段是必填项。"]
    assert body["codes"] == {"title": ["max_length"], "content": ["required"]}
    assert body["code"] == "max_length"  # the first error's


def test_a_field_named_code_keeps_its_messages_and_the_codes_say_why(clerk):
    from renda.org.tests.factories import JurisdictionFactory

    jurisdiction = JurisdictionFactory()
    response = client_for(clerk).patch(
        f"/api/v1/jurisdictions/{jurisdiction.pk}/",
        {"code": "52", "version": jurisdiction.version},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == ["行政区划代码应为6位数字。"]
    assert response.json()["codes"] == {"code": ["invalid"]}


@pytest.mark.parametrize(
    ("raised", "status", "expected"),
    [
        (
            DjangoValidationError("当前状态为「草稿」，不能立案。", code="invalid_transition"),
            409,
            {
                "non_field_errors": ["当前状态为「草稿」，不能立案。"],
                "code": "invalid_transition",
                "codes": {"non_field_errors": ["invalid_transition"]},
            },
        ),
        (
            DjangoValidationError({"date": DjangoValidationError("联系日期不能晚于今天。", code="future")}),
            400,
            {"date": ["联系日期不能晚于今天。"], "code": "future", "codes": {"date": ["future"]}},
        ),
        (
            exceptions.ValidationError("请先签收。"),
            400,
            {
                "non_field_errors": ["请先签收。"],
                "code": "invalid",
                "codes": {"non_field_errors": ["invalid"]},
            },
        ),
        (
            exceptions.ValidationError(
                {"items": {1: ["当前状态为「草稿」，不能交办。"]}}, code="invalid_transition"
            ),
            409,
            {
                "items": {1: ["当前状态为「草稿」，不能交办。"]},
                "code": "invalid_transition",
                "codes": {"items": {1: ["invalid_transition"]}},
            },
        ),
    ],
)
def test_the_handler_converts_rule_errors_wherever_they_are_raised(raised, status, expected):
    request = APIRequestFactory().get("/api/v1/")
    response = exception_handler(raised, {"request": request, "view": None})
    assert (response.status_code, response.data) == (status, expected)


def test_unknown_exceptions_are_left_to_django():
    assert exception_handler(RuntimeError("boom"), {}) is None


# ---------------------------------------------------------------- pages


def test_page_size_is_honoured_up_to_200(deputy):
    messages(deputy, 230)
    client = client_for(deputy)
    for asked, got in ((None, 50), ("10", 10), ("200", 200), ("500", 200)):
        body = client.get(INBOX, {"page_size": asked} if asked else {}).json()
        assert (body["count"], len(body["results"])) == (230, got), asked
        assert body["count_estimated"] is False  # exact up to 10,000 rows (core.listing.ListPaginator)
    assert len(client.get(INBOX, {"page_size": 100, "page": 3}).json()["results"]) == 30


def test_an_api_list_above_the_bound_says_its_count_is_an_estimate_on_postgresql(deputy, monkeypatch):
    from django.db import connection

    from renda.core.listing import ListPaginator

    messages(deputy, 12)
    monkeypatch.setattr(ListPaginator, "EXACT_UP_TO", 5)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE core_notification")
    body = client_for(deputy).get(INBOX, {"page_size": 10}).json()
    assert len(body["results"]) == 10
    if connection.vendor == "postgresql":
        assert body["count_estimated"] is True and body["count"] >= 6
    else:
        assert (body["count"], body["count_estimated"]) == (12, False)


@pytest.mark.parametrize(
    "query",
    ["page_size=0", "page_size=-1", "page_size=abc", "page=0", "page=abc", "page=1&page=2", "page=last"],
)
def test_malformed_page_parameters_are_a_400_naming_them(deputy, query):
    messages(deputy, 3)
    response = client_for(deputy).get(f"{INBOX}?{query}")
    assert response.status_code == 400, response.content.decode()
    name = query.split("=")[0]
    assert list(response.json()) == ["code", name, "codes"]


def test_a_page_past_the_last_is_a_404(deputy):
    messages(deputy, 3)
    response = client_for(deputy).get(INBOX, {"page": 2})
    assert (response.status_code, response.json()["code"]) == (404, "not_found")


def test_the_schema_documents_the_page_parameters(admin_user):
    schema = client_for(admin_user).get("/api/schema/", {"format": "json"}).json()
    parameters = {p["name"]: p for p in schema["paths"][SUGGESTIONS]["get"]["parameters"]}
    assert parameters["page"]["schema"] == {"type": "integer", "minimum": 1}
    assert parameters["page_size"]["schema"] == {"type": "integer", "minimum": 1}
    assert "200" in parameters["page_size"]["description"]


# ---------------------------------------------------------------- filters


@pytest.mark.parametrize("value", ["junk", "yes", "TRUE", "2"])
def test_junk_booleans_are_a_400_naming_the_filter(deputy, value):
    for url, name in ((INBOX, "unread"), (SUGGESTIONS, "is_overdue"), (SUGGESTIONS, "key")):
        response = client_for(deputy).get(url, {name: value})
        assert response.status_code == 400, (url, name)
        assert response.json()[name] == ["请填写 true 或 false。"]
        assert response.json()["code"] == "invalid_choice"


def test_booleans_true_false_and_empty_are_read(deputy):
    messages(deputy, 5, read=2)
    client = client_for(deputy)
    counts = {value: client.get(INBOX, {"unread": value}).json()["count"] for value in ("true", "false", "")}
    assert counts == {"true": 3, "false": 2, "": 5}
    assert client.get(INBOX, {"unread": "True"}).json()["count"] == 3


def test_a_filter_given_twice_is_a_400(deputy):
    response = client_for(deputy).get(f"{SUGGESTIONS}?state=draft&state=submitted")
    assert response.status_code == 400
    assert list(response.json()) == ["code", "state", "codes"]


# ---------------------------------------------------------------- the inbox


def test_the_inbox_lists_the_users_own_messages_newest_first(deputy, make_user):
    first, second = messages(deputy, 2)
    messages(make_user(Role.DEPUTY, deputy=DeputyFactory()), 4)
    rows = client_for(deputy).get(INBOX).json()["results"]
    assert [row["id"] for row in rows] == [second.pk, first.pk]
    assert set(rows[0]) == {"id", "title", "body", "url", "created_at", "read_at", "unread"}
    assert rows[0]["unread"] is True and rows[0]["read_at"] is None


def test_marking_one_message_read_and_then_all(deputy, make_user):
    one, two, three = messages(deputy, 3)
    theirs = messages(make_user(Role.DEPUTY, deputy=DeputyFactory()), 1)[0]
    client = client_for(deputy)

    read = client.post(f"{INBOX}{one.pk}/read/")
    assert read.status_code == 200
    assert (read.json()["id"], read.json()["unread"]) == (one.pk, False) and read.json()["read_at"]
    assert client.post(f"{INBOX}{one.pk}/read/").status_code == 200  # again: no change, no error
    refused = client.post(f"{INBOX}{theirs.pk}/read/")
    assert (refused.status_code, refused.json()["code"]) == (404, "not_found")
    theirs.refresh_from_db()
    assert theirs.read_at is None

    assert client.post(f"{INBOX}read-all/").json() == {"marked": 2}
    assert client.get(INBOX, {"unread": "true"}).json()["count"] == 0
    assert APIClient().get(INBOX).status_code == 401
