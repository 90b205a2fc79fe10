"""The API answers what its OpenAPI schema says: every GET of the suggestions API (and the inbox) on a case
with every part filled in, as every party, validates against the response schema the server publishes —
types, nulls, required keys, formats (dates, times, date-times) — and file downloads answer with a content type
the schema declares."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from jsonschema import Draft4Validator, FormatChecker
from rest_framework.test import APIClient

from renda.core.models import Notification
from renda.suggestions import services
from renda.suggestions.tests import flow
from renda.suggestions.tests.factories import SuggestionFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 test"
RFC3339_TIME = re.compile(r"^\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")

formats = FormatChecker(formats=())


@formats.checks("date-time", raises=ValueError)
def _date_time(value) -> bool:
    if not isinstance(value, str):
        return True
    parsed = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return "T" in value and parsed.tzinfo is not None


@formats.checks("date", raises=ValueError)
def _date(value) -> bool:
    return not isinstance(value, str) or (len(value) == 10 and bool(datetime.date.fromisoformat(value)))


@formats.checks("time")
def _time(value) -> bool:
    return not isinstance(value, str) or bool(RFC3339_TIME.match(value))


def _openapi_to_json_schema(node):
    """OpenAPI 3.0 `nullable` as JSON Schema; everything else is JSON Schema draft 4 already."""
    if isinstance(node, list):
        return [_openapi_to_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _openapi_to_json_schema(value) for key, value in node.items()}
    if node.pop("nullable", False):
        return {"anyOf": [node, {"type": "null"}]}
    return node


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    from drf_spectacular.generators import SchemaGenerator

    with django_db_blocker.unblock():
        document = SchemaGenerator().get_schema(request=None, public=True)
    return _openapi_to_json_schema(document)


def validate(schema: dict, path: str, response, method: str = "get") -> None:
    assert response.status_code == 200, (path, response.content.decode()[:500])
    content = schema["paths"][path][method]["responses"]["200"]["content"]
    response_schema = content["application/json"]["schema"]
    validator = Draft4Validator(
        {**response_schema, "components": schema["components"]}, format_checker=formats
    )
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(response.json())]
    assert not errors, (path, errors[:10])


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def case(deputy, office, officer, chairpersons):
    """A case with an attachment, a contact, a B reply with a commitment and its progress, an evaluation,
    key supervision with a note; a second, bare draft (entered by the office, so both read it); and a message in each inbox."""
    draft = flow.draft(deputy, category=None)
    services.attachments_add(suggestion=draft, files=[SimpleUploadedFile("说明.pdf", PDF)], actor=deputy)
    services.suggestion_submit(suggestion=draft, actor=deputy)
    services.suggestion_accept(suggestion=draft, actor=office)
    services.suggestion_assign(
        suggestion=draft, on=timezone.localdate(), actor=office, lead=officer.handling_unit
    )
    vice, _ = chairpersons
    supervision = services.key_supervision_select(
        suggestion=draft, decided_on=timezone.localdate(), leader=vice, actor=office
    )
    services.supervision_note_add(
        supervision=supervision, kind="visit", date=timezone.localdate(), text="实地督办", actor=office
    )
    assignment = flow.assignment_of(draft, officer)
    flow.contact(assignment, officer)
    assignment.refresh_from_db()
    reply = services.reply_send(
        assignment=assignment,
        result_category=flow.category_b(),
        text="列入明年计划。",
        signer="李局长",
        publishable=True,
        letter=SimpleUploadedFile("答复函.pdf", PDF),
        commitments=[("年内完成硬化", timezone.localdate() + datetime.timedelta(days=90))],
        actor=officer,
    )
    services.commitment_update_post(commitment=reply.commitments.get(), text="已完成设计", actor=officer)
    draft.refresh_from_db()
    services.evaluation_submit(suggestion=draft, rating="satisfied", comment="满意", actor=deputy)
    draft.refresh_from_db()
    for user in (deputy, office, officer):
        Notification.objects.create(recipient=user, title="新消息")
    return {
        "suggestion": draft,
        "bare": SuggestionFactory(lead_deputy=deputy.deputy, entered_by=office, category=None),  # paper
        "attachment": draft.attachments.get(),
        "reply": reply,
    }


@pytest.mark.parametrize("party", ["office", "deputy", "officer", "committee_member"])
def test_every_suggestions_read_answers_as_its_schema_says(request, schema, case, party):
    client = client_for(request.getfixturevalue(party))
    pk = case["suggestion"].pk
    reads = [
        ("/api/v1/suggestions/", "/api/v1/suggestions/"),
        (f"/api/v1/suggestions/{pk}/", "/api/v1/suggestions/{id}/"),
        (f"/api/v1/suggestions/{pk}/events/", "/api/v1/suggestions/{id}/events/"),
        ("/api/v1/suggestions/assignments/", "/api/v1/suggestions/assignments/"),
        ("/api/v1/suggestions/commitments/", "/api/v1/suggestions/commitments/"),
        ("/api/v1/suggestions/reassignment-requests/", "/api/v1/suggestions/reassignment-requests/"),
        ("/api/v1/suggestions/categories/", "/api/v1/suggestions/categories/"),
        ("/api/v1/suggestions/result-categories/", "/api/v1/suggestions/result-categories/"),
        ("/api/v1/suggestions/refusal-reasons/", "/api/v1/suggestions/refusal-reasons/"),
        ("/api/v1/suggestions/public-replies/", "/api/v1/suggestions/public-replies/"),
        ("/api/v1/notifications/", "/api/v1/notifications/"),
    ]
    if party in {"office", "deputy"}:
        reads.append((f"/api/v1/suggestions/{case['bare'].pk}/", "/api/v1/suggestions/{id}/"))
    for url, path in reads:
        validate(schema, path, client.get(url))


def test_the_anonymous_public_replies_answer_as_their_schema_says(schema, case):
    path = "/api/v1/suggestions/public-replies/"
    validate(schema, path, APIClient().get(path))


def test_writes_answer_as_their_schema_says(schema, deputy):
    client = client_for(deputy)
    created = client.post("/api/v1/suggestions/", {"title": "标题", "content": "内容"}, format="json")
    assert created.status_code == 201
    content = schema["paths"]["/api/v1/suggestions/"]["post"]["responses"]["201"]["content"]
    errors = list(
        Draft4Validator(
            {**content["application/json"]["schema"], "components": schema["components"]},
            format_checker=formats,
        ).iter_errors(created.json())
    )
    assert not errors, [e.message for e in errors]


def test_downloads_answer_with_a_content_type_the_schema_declares(schema, case, office):
    client = client_for(office)
    for url, path, expected in (
        (
            f"/api/v1/suggestions/attachments/{case['attachment'].pk}/file/",
            "/api/v1/suggestions/attachments/{id}/file/",
            "application/pdf",
        ),
        (
            f"/api/v1/suggestions/replies/{case['reply'].pk}/letter/",
            "/api/v1/suggestions/replies/{id}/letter/",
            "application/pdf",
        ),
    ):
        response = client.get(url)
        assert response.status_code == 200
        declared = set(schema["paths"][path]["get"]["responses"]["200"]["content"])
        assert response["Content-Type"] == expected
        assert expected in declared, declared
        assert "attachment;" in response["Content-Disposition"]


def test_a_time_of_day_is_declared_as_the_api_writes_it(schema, clerk):
    """DRF writes a time of day without an offset (09:00:00); the schema must not declare RFC 3339's
    `format: time`, which requires one."""
    from renda.deputies.tests.factories import ReceptionDayFactory

    ReceptionDayFactory()
    validate(schema, "/api/v1/reception-days/", client_for(clerk).get("/api/v1/reception-days/"))


def test_a_field_falling_back_to_none_is_documented_nullable(schema, clerk):
    """township_name (source="township.name", default=None) is null for a deputy without a township."""
    from renda.deputies.tests.factories import DeputyFactory

    deputy = DeputyFactory(township=None)
    validate(schema, "/api/v1/deputies/{id}/", client_for(clerk).get(f"/api/v1/deputies/{deputy.pk}/"))
