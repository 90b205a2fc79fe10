"""Every versioned write of the API (optimistic locking, core.api.VersionedSerializer) needs the version the
client read: without it a 400 naming the field, never a 500, and the schema says it is required, in a PATCH
too. The list of versioned writes is read from the schema, so a new one cannot be forgotten."""

from decimal import Decimal

import pytest
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from renda.core import clock
from renda.core.api import VERSION_REQUIRED
from renda.core.roles import Role
from renda.deputies.tests.factories import DeputyFactory, LiaisonStationFactory
from renda.fund import services
from renda.org.tests.factories import HandlingUnitFactory, JurisdictionFactory
from renda.suggestions.tests.factories import SuggestionFactory

pytestmark = pytest.mark.django_db


def _fund(admin):
    return services.fund_create(year=2026, name="代表建议专项资金", amount=Decimal("100000"), actor=admin)


def _fund_project(admin):
    return services.fund_project_create(
        fund=_fund(admin),
        name="通组公路硬化",
        unit=HandlingUnitFactory(),
        amount=Decimal("1000"),
        actor=admin,
    )


def _opinion(admin):
    from renda.opinions.services import opinion_take

    return opinion_take(actor=admin, channel="reception", title="北街路灯不亮", content="路灯坏了一个月。")


def _duty_entry(admin):
    """An entry of the administrator's own deputy: only the deputy who reported it corrects it."""
    from renda.deputies.tests.factories import DeputyFactory
    from renda.duties.models import DutyEntry

    admin.deputy = DeputyFactory()
    admin.save(update_fields=["deputy"])
    return DutyEntry.objects.create(
        deputy=admin.deputy, kind="other", title="参加培训", date=clock.today(), year=clock.today().year
    )


def _duty_report(admin):
    from renda.deputies.tests.factories import LiaisonStationFactory
    from renda.duties.models import DutyReport

    return DutyReport.objects.create(
        station=LiaisonStationFactory(), date=clock.today(), place="联络站", title="述职"
    )


def _appointments():
    from renda.appointments import models

    return models


# Each versioned PATCH of the API, and how to make a record for it.
VERSIONED_PATCHES = {
    "/api/v1/deputies/{id}/": lambda admin: DeputyFactory(),
    "/api/v1/stations/{id}/": lambda admin: LiaisonStationFactory(),
    "/api/v1/handling-units/{id}/": lambda admin: HandlingUnitFactory(),
    "/api/v1/jurisdictions/{id}/": lambda admin: JurisdictionFactory(),
    "/api/v1/suggestions/{id}/": lambda admin: SuggestionFactory(entered_by=admin),  # a paper draft
    "/api/v1/suggestions/funds/{id}/": _fund,
    "/api/v1/suggestions/fund-projects/{id}/": _fund_project,
    "/api/v1/opinions/{id}/": _opinion,
    "/api/v1/duties/entries/{id}/": _duty_entry,
    "/api/v1/duties/reports/{id}/": _duty_report,
    "/api/v1/appointment-posts/{id}/": lambda admin: _appointments().Post.objects.create(
        name="县教育局局长", organ="县教育局", kind="dept_head"
    ),
    "/api/v1/appointment-people/{id}/": lambda admin: _appointments().Person.objects.create(name="王建国"),
}


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    with django_db_blocker.unblock():
        return SchemaGenerator().get_schema(request=None, public=True)


def _request_component(schema: dict, operation: dict) -> dict | None:
    content = operation.get("requestBody", {}).get("content", {})
    ref = next(iter(content.values()), {}).get("schema", {}).get("$ref")
    return schema["components"]["schemas"][ref.rsplit("/", 1)[-1]] if ref else None


def _versioned_writes(schema: dict) -> dict[tuple[str, str], dict]:
    writes = {}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            component = _request_component(schema, operation) if method in {"put", "patch", "post"} else None
            if component and "version" in component.get("properties", {}):
                writes[(method, path)] = component
    return writes


def test_every_versioned_patch_is_tested_here(schema):
    patches = sorted(path for method, path in _versioned_writes(schema) if method == "patch")
    assert patches == sorted(VERSIONED_PATCHES)


def test_the_schema_requires_the_version_in_every_versioned_write_patches_included(schema):
    for (method, path), component in _versioned_writes(schema).items():
        assert "version" in component.get("required", []), (method, path)


@pytest.mark.parametrize("path", VERSIONED_PATCHES)
@pytest.mark.parametrize("body", [{}, {"version": None}])
def test_a_patch_without_the_version_is_a_400_naming_the_field(admin_user, path, body):
    record = VERSIONED_PATCHES[path](admin_user)
    client = APIClient()
    client.force_authenticate(admin_user)
    response = client.patch(path.format(id=record.pk), body, format="json")
    assert response.status_code == 400, response.content.decode()
    assert "version" in response.json()
    if not body:
        assert response.json()["version"] == [VERSION_REQUIRED]


def test_a_deputy_patching_their_draft_without_the_version_gets_a_400(make_user):
    deputy = make_user(Role.DEPUTY, deputy=DeputyFactory())
    draft = SuggestionFactory(lead_deputy=deputy.deputy, entered_by=deputy)
    client = APIClient()
    client.force_authenticate(deputy)
    response = client.patch(f"/api/v1/suggestions/{draft.pk}/", {}, format="json")
    assert response.status_code == 400
    assert response.json()["version"] == [VERSION_REQUIRED]
    changed = client.patch(
        f"/api/v1/suggestions/{draft.pk}/", {"title": "改后的标题", "version": draft.version}, format="json"
    )
    assert changed.status_code == 200, changed.content.decode()
    assert changed.json()["title"] == "改后的标题"
