"""The API's helpers for viewsets of records (core.api.validated, core.api.viewset_schema, core.viewsets): a
request's input validated before any service runs, a service's refusals as 400 and 409, and the schema they give
a viewset. Tried on a small viewset of notes, so no area's rules are in the way."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from drf_spectacular.generators import SchemaGenerator
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.routers import SimpleRouter
from rest_framework.test import APIRequestFactory, force_authenticate

from renda.accounts.models import User
from renda.core.api import VERSION_REQUIRED, VersionedSerializer, service_call, validated, viewset_schema
from renda.core.services import StaleEditError
from renda.core.viewsets import EditableRecordViewSet, RecordViewSet
from renda.org.models import Township

CLERK = User(username="clerk")


class NoteSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    text = serializers.CharField(max_length=10)
    version = serializers.IntegerField(read_only=True)


class NoteWriteSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=10)

    def validate_text(self, text: str) -> str:
        if text == self.context.get("forbidden"):
            raise serializers.ValidationError("此内容不可用。", code="forbidden")
        return text


class NoteUpdateSerializer(VersionedSerializer, NoteWriteSerializer):
    pass


class Notes:
    """Stands in for an area's services: records every call, refuses as a service does."""

    def __init__(self) -> None:
        self.note = SimpleNamespace(pk=1, id=1, text="原文", version=3)
        self.calls: list[dict] = []

    def create(self, *, data, actor):
        self.calls.append({"data": dict(data), "actor": actor})
        if data["text"] == "重复":
            raise ValidationError({"text": ValidationError("已有相同的便签。", code="duplicate")})
        return SimpleNamespace(pk=2, id=2, text=data["text"], version=1)

    def update(self, *, note, changes, actor, expected_version=None):
        self.calls.append(
            {"note": note, "changes": dict(changes), "actor": actor, "version": expected_version}
        )
        if expected_version is not None and expected_version != note.version:
            raise StaleEditError("该记录已被他人修改，请重新读取后再修改。", code="stale_version")
        note.text, note.version = changes.get("text", note.text), note.version + 1
        return note


def _viewset(notes: Notes, update_serializer: type[serializers.Serializer]):
    class NoteViewSet(EditableRecordViewSet):
        serializer_class = NoteSerializer
        permission_classes = [AllowAny]

        def get_object(self):
            return notes.note

        def create(self, request, *args, **kwargs):
            data = validated(self, NoteWriteSerializer, context={"forbidden": "禁用"}).validated_data
            return self.created(service_call(notes.create, data=data, actor=request.user))

        def update(self, request, *args, partial: bool = False, **kwargs):
            return self.update_record(
                update_serializer, notes.update, partial=partial, note=self.get_object()
            )

    return NoteViewSet


def _send(viewset, method: str, body: dict):
    factory = APIRequestFactory()
    path = "/notes/" if method == "post" else "/notes/1/"
    request = getattr(factory, method)(path, body, format="json")
    force_authenticate(request, user=CLERK)
    actions = {"post": "create", "put": "update", "patch": "partial_update"}
    kwargs = {} if method == "post" else {"pk": 1}
    return viewset.as_view({method: actions[method]})(request, **kwargs)


# ---------------------------------------------------------------- validated, created


def test_a_valid_create_calls_the_service_once_and_answers_201_with_the_read_serializer():
    notes = Notes()
    response = _send(_viewset(notes, NoteUpdateSerializer), "post", {"text": "新便签"})
    assert response.status_code == 201
    assert response.data == {"id": 2, "text": "新便签", "version": 1}
    assert notes.calls == [{"data": {"text": "新便签"}, "actor": CLERK}]


def test_invalid_input_is_a_400_keyed_by_field_and_no_service_runs():
    notes = Notes()
    response = _send(_viewset(notes, NoteUpdateSerializer), "post", {"text": "太长了" * 5})
    assert response.status_code == 400
    assert list(response.data) == ["code", "text", "codes"]
    assert response.data["codes"] == {"text": ["max_length"]}
    assert notes.calls == []


def test_validated_adds_its_context_to_the_views():
    notes = Notes()
    response = _send(_viewset(notes, NoteUpdateSerializer), "post", {"text": "禁用"})
    assert response.status_code == 400
    assert response.data["text"] == ["此内容不可用。"]
    assert response.data["code"] == "forbidden"
    assert notes.calls == []


def test_a_services_validation_error_is_a_400_naming_its_field():
    response = _send(_viewset(Notes(), NoteUpdateSerializer), "post", {"text": "重复"})
    assert response.status_code == 400
    assert response.data["text"] == ["已有相同的便签。"]
    assert response.data["code"] == "duplicate"


# ---------------------------------------------------------------- update_record


def test_a_versioned_patch_passes_the_version_read_and_only_the_changed_fields():
    notes = Notes()
    response = _send(_viewset(notes, NoteUpdateSerializer), "patch", {"text": "改后", "version": 3})
    assert response.status_code == 200, response.data
    assert response.data == {"id": 1, "text": "改后", "version": 4}
    assert notes.calls == [{"note": notes.note, "changes": {"text": "改后"}, "actor": CLERK, "version": 3}]


def test_a_stale_version_is_a_409_and_nothing_changes():
    notes = Notes()
    response = _send(_viewset(notes, NoteUpdateSerializer), "put", {"text": "改后", "version": 2})
    assert response.status_code == 409
    assert response.data["code"] == "stale_version"
    assert (notes.note.text, notes.note.version) == ("原文", 3)


def test_a_versioned_patch_without_the_version_is_a_400_and_no_service_runs():
    notes = Notes()
    response = _send(_viewset(notes, NoteUpdateSerializer), "patch", {"text": "改后"})
    assert response.status_code == 400
    assert response.data["version"] == [VERSION_REQUIRED]
    assert notes.calls == []


def test_an_unversioned_update_passes_no_version_and_a_put_needs_every_field():
    notes = Notes()
    viewset = _viewset(notes, NoteWriteSerializer)
    assert _send(viewset, "put", {}).status_code == 400
    response = _send(viewset, "patch", {})
    assert response.status_code == 200
    assert notes.calls == [{"note": notes.note, "changes": {}, "actor": CLERK, "version": None}]


# ---------------------------------------------------------------- viewset_schema


@viewset_schema(
    "便签",
    create=NoteWriteSerializer,
    update=NoteUpdateSerializer,
    summaries={"list": "便签列表"},
    descriptions={"update": "只改内容。"},
)
class VersionedNoteViewSet(EditableRecordViewSet):
    queryset = Township.objects.none()
    serializer_class = NoteSerializer

    def create(self, request, *args, **kwargs):
        raise NotImplementedError


@viewset_schema("草稿", update=NoteWriteSerializer)
class DraftViewSet(EditableRecordViewSet):
    queryset = Township.objects.none()
    serializer_class = NoteSerializer


@viewset_schema("记录", create=NoteWriteSerializer)
class ReadOnlyNoteViewSet(RecordViewSet):
    queryset = Township.objects.none()
    serializer_class = NoteSerializer

    def create(self, request, *args, **kwargs):
        raise NotImplementedError


@pytest.fixture(scope="module")
def paths() -> dict:
    router = SimpleRouter()
    router.register("notes", VersionedNoteViewSet, basename="note")
    router.register("drafts", DraftViewSet, basename="draft")
    router.register("records", ReadOnlyNoteViewSet, basename="record")
    return SchemaGenerator(patterns=router.urls).get_schema(request=None, public=True)["paths"]


def _ref(response: dict) -> str:
    return response["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]


def test_the_schema_names_each_operation_after_the_noun(paths):
    summaries = {
        (path, method): operation["summary"]
        for path in ("/notes/", "/notes/{id}/")
        for method, operation in paths[path].items()
    }
    assert summaries == {
        ("/notes/", "get"): "便签列表",
        ("/notes/", "post"): "新增便签",
        ("/notes/{id}/", "get"): "便签详情",
        ("/notes/{id}/", "put"): "修改便签",
        ("/notes/{id}/", "patch"): "修改便签（部分字段）",
    }


def test_the_schema_gives_writes_their_request_and_the_read_serializer_as_answer(paths):
    created = paths["/notes/"]["post"]
    assert _ref(created["requestBody"]) == "NoteWriteRequest"
    assert set(created["responses"]) == {"201"}
    assert _ref(created["responses"]["201"]) == "Note"
    for method in ("put", "patch"):
        operation = paths["/notes/{id}/"][method]
        assert operation["description"] == "只改内容。"
        assert _ref(operation["requestBody"]).endswith("NoteUpdateRequest")
        assert _ref(operation["responses"]["200"]) == "Note"


def test_only_a_versioned_update_answers_409(paths):
    assert "409" in paths["/notes/{id}/"]["patch"]["responses"]
    assert "409" in paths["/notes/{id}/"]["put"]["responses"]
    assert "409" not in paths["/drafts/{id}/"]["patch"]["responses"]
    assert "post" not in paths["/drafts/"]


def test_a_viewset_without_update_offers_no_put_or_patch(paths):
    assert set(paths["/records/{id}/"]) == {"get"}
    assert paths["/records/"]["post"]["summary"] == "新增记录"
