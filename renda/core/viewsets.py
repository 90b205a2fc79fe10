"""The base viewsets of the REST API: a model's records listed and shown to those who may see them, written
through services by the subclass's own create, update and actions.

Apart from core.api because REST_FRAMEWORK's settings name core.api's filter and pagination classes, which DRF's
generic views read while they load: a module that defines a viewset when it is imported cannot be the one they
read.

The classes' notes are comments, not docstrings: drf-spectacular takes a viewset's docstring, or else its
nearest base class's, as the description of each of its operations."""

from collections.abc import Callable
from typing import Any

from django.db.models import Model
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from renda.core.api import VersionedSerializer, service_call, validated, versioned_changes
from renda.core.api_permissions import ModelCapabilities


# List and detail of the records `get_queryset` (a selector) lets the user see, with the model's capabilities
# as permissions (ModelCapabilities). A write validates its input (core.api.validated), calls one service
# (core.api.service_call) and answers with `respond` or `created`; the schema is core.api.viewset_schema.
class RecordViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [ModelCapabilities]
    # True: a write answers with the record read again through get_queryset, as the list shows it (its counts).
    respond_as_listed = False

    def respond(self, record: Model, code: int = status.HTTP_200_OK) -> Response:
        """`record` as serializer_class shows it, with status `code`."""
        if self.respond_as_listed:
            record = self.get_queryset().get(pk=record.pk)
        return Response(self.get_serializer(record).data, status=code)

    def created(self, record: Model) -> Response:
        return self.respond(record, status.HTTP_201_CREATED)


# A RecordViewSet whose records are changed with PUT, or with PATCH for some fields: the subclass's
# `update(request, *args, partial=False, **kwargs)` serves both.
class EditableRecordViewSet(RecordViewSet):
    def update(self, request, *args: Any, partial: bool = False, **kwargs: Any) -> Response:
        raise NotImplementedError

    def partial_update(self, request, *args: Any, **kwargs: Any) -> Response:
        return self.update(request, *args, partial=True, **kwargs)

    def update_record(
        self,
        serializer_class: type[serializers.Serializer],
        service: Callable[..., Any],
        *,
        partial: bool,
        **record: Model,
    ) -> Response:
        """Change the one record given by the keyword its service names it with (`township=township`): the
        request validated by `serializer_class` for it, then `service(<name>=record, changes=…, actor=…)`,
        with `expected_version`, the version the client read, where serializer_class is a VersionedSerializer
        (a stale one is a 409). Answers with the record the service returns."""
        [instance] = record.values()
        serializer = validated(self, serializer_class, instance=instance, partial=partial)
        if isinstance(serializer, VersionedSerializer):
            version, changes = versioned_changes(serializer)
            kwargs: dict[str, Any] = {"expected_version": version, "changes": changes}
        else:
            kwargs = {"changes": serializer.validated_data}
        return self.respond(service_call(service, **record, **kwargs, actor=self.request.user))
