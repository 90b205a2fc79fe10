"""Assignment in the API: one case or an assignment meeting (交办会), and the reassignment requests the office
decides."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from renda.core.api import DateField, action_schema, service_call, visible
from renda.org.selectors import handling_units_visible_to
from renda.suggestions import selectors, services
from renda.suggestions.api.common import (
    SuggestionActions,
)
from renda.suggestions.api.serializers import (
    MeetingSerializer,
    ReassignmentRequestSerializer,
    SuggestionSerializer,
)
from renda.suggestions.similarity import proposed_leads
from renda.suggestions.workflows import BY_OFFICE


class UnitsSerializer(serializers.Serializer):
    lead = visible(handling_units_visible_to, required=False, allow_null=True, default=None)
    joint = visible(handling_units_visible_to, many=True, required=False, default=list)
    assisting = visible(handling_units_visible_to, many=True, required=False, default=list)
    split = visible(handling_units_visible_to, many=True, required=False, default=list)
    is_complex = serializers.BooleanField(default=False, help_text="涉及面广、处理难度大：答复期限6个月")


class AssignSerializer(UnitsSerializer):
    on = DateField(default=timezone.localdate, help_text="交办日期，默认今天")


class BatchItemSerializer(UnitsSerializer):
    suggestion = visible(selectors.suggestions_visible_to)


class BatchAssignSerializer(serializers.Serializer):
    meeting_name = serializers.CharField(max_length=100)
    on = DateField(default=timezone.localdate, help_text="交办日期，默认今天")
    items = BatchItemSerializer(many=True)


class ReassignDecideSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    new_unit = visible(handling_units_visible_to, required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, default="", allow_blank=True)


class AssignActions(SuggestionActions):
    """Assignment by the office: one case, or many at an assignment meeting (交办会)."""

    @action_schema("交办（主办、会办、协办，或分办）", AssignSerializer, SuggestionSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        suggestion = self.get_object()
        data = self.validated(AssignSerializer)
        return self._done(
            service_call(
                services.suggestion_assign,
                suggestion=suggestion,
                actor=request.user,
                proposed=proposed_leads(suggestion) if data.get("lead") else None,
                **data,
            )
        )

    @action_schema("交办会：批量交办（全部成功或全部不交办）", BatchAssignSerializer, MeetingSerializer, 201)
    @action(
        detail=False, methods=["post"], url_path="assign-batch", filter_backends=[], pagination_class=None
    )
    def assign_batch(self, request):
        BY_OFFICE.require(request.user)  # before the items are read
        data = self.validated(BatchAssignSerializer)
        for item in data["items"]:  # the proposals, as on the page, for the proposal-taken rate
            item["proposed"] = proposed_leads(item["suggestion"]) if item.get("lead") else None
        try:
            meeting = service_call(services.suggestions_assign_batch, actor=request.user, **data)
        except serializers.ValidationError as error:
            raise serializers.ValidationError(batch_errors(error.detail)) from error
        return Response(MeetingSerializer(meeting).data, status=status.HTTP_201_CREATED)


def batch_errors(detail: dict | list) -> dict | list:
    """The batch service keys an item's errors by its position in digits: report them under "items"."""
    if not isinstance(detail, dict):
        return detail
    items = {key: value for key, value in detail.items() if key.isdigit()}
    rest = {key: value for key, value in detail.items() if not key.isdigit()}
    return {**rest, "items": items} if items else rest


class ReassignmentRequestListView(generics.ListAPIView):
    """Open reassignment requests: every one for the office, its own for a handling unit."""

    serializer_class = ReassignmentRequestSerializer
    filter_backends: list = []

    def get_queryset(self):
        return selectors.reassignment_requests_for(self.request.user).select_related(
            "suggestion__lead_deputy"
        )

    @extend_schema(summary="调整申请")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
