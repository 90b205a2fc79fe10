"""Shared pieces of the REST API: calling a service from an API view, and related fields limited to what the
requesting user may see."""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from drf_spectacular import openapi
from drf_spectacular.plumbing import force_instance
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers, status
from rest_framework.exceptions import APIException
from rest_framework.permissions import DjangoModelPermissions
from rest_framework.settings import api_settings

from renda.core.services import StaleEditError


class Conflict(APIException):
    """409: the record changed since the client read it (optimistic locking)."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "该记录已被他人修改，请重新读取后再修改。"
    default_code = "stale_version"


STALE_RESPONSE = OpenApiResponse(description="记录已被他人修改（version 已过期），返回 detail 说明当前版本")


def service_call(service: Callable[..., Any], **kwargs: Any) -> Any:
    """Run a service; its Chinese validation errors become a 400 keyed by field, a stale version a 409.
    PermissionDenied and Http404 are turned into 403 and 404 by DRF itself."""
    try:
        return service(**kwargs)
    except StaleEditError as exc:
        raise Conflict(exc.messages[0]) from exc
    except DjangoValidationError as exc:
        errors = serializers.as_serializer_error(exc)
        if NON_FIELD_ERRORS in errors:  # a model's own checks (unique together…) belong to no single field
            errors[api_settings.NON_FIELD_ERRORS_KEY] = errors.pop(NON_FIELD_ERRORS)
        raise serializers.ValidationError(errors) from exc


class ChangeActionPermissions(DjangoModelPermissions):
    """For a POST action on an existing record (set current, end, record, change status…): the model's change
    permission, where DjangoModelPermissions would ask for the add permission."""

    perms_map = {**DjangoModelPermissions.perms_map, "POST": ["%(app_label)s.change_%(model_name)s"]}


class VisiblePrimaryKeyField(serializers.PrimaryKeyRelatedField):
    """A related record given by id, looked up among those the requesting user may see (a selector
    `<entity>_visible_to(user)`); any other id is answered like a missing one."""

    def __init__(self, *, visible_to: Callable[[Any], QuerySet], **kwargs: Any) -> None:
        self.visible_to = visible_to
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet:
        return self.visible_to(self.context["request"].user)


VERSION_REQUIRED = "请提供读取记录时的版本号（version）。"


class VersionedSerializer(serializers.Serializer):
    """Mixed into an update serializer (whose Meta.fields must list "version"): the version the client read is
    required, even in a PATCH, so a stale edit is refused (409) instead of overwriting newer data."""

    version = serializers.IntegerField(
        min_value=1, help_text="读取记录时的版本号；记录已被他人修改时返回 409"
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if "version" not in attrs:
            raise serializers.ValidationError({"version": [VERSION_REQUIRED]}, code="required")
        return super().validate(attrs)


class AutoSchema(openapi.AutoSchema):
    """The project's OpenAPI schema (REST_FRAMEWORK DEFAULT_SCHEMA_CLASS): as drf-spectacular's, but a
    VersionedSerializer's `version` stays required in a PATCH, as VersionedSerializer.validate requires it."""

    def _map_basic_serializer(self, serializer, direction):
        schema = super()._map_basic_serializer(serializer, direction)
        if (
            direction == "request"
            and isinstance(force_instance(serializer), VersionedSerializer)
            and "version" in schema.get("properties", {})
        ):
            schema["required"] = sorted({*schema.get("required", []), "version"})
        return schema


def versioned_changes(serializer: serializers.Serializer) -> tuple[int, dict[str, Any]]:
    """(expected version, changed fields) of a validated update serializer (a VersionedSerializer). Every
    versioned write takes its version here, so a body without one is a 400 naming the field, never a KeyError."""
    changes = dict(serializer.validated_data)
    if changes.get("version") is None:
        raise serializers.ValidationError({"version": [VERSION_REQUIRED]}, code="required")
    return changes.pop("version"), changes
