"""The suggestions' registry (/api/v1/suggestions/) and one suggestion's detail and timeline; its moves come
from the section modules (drafting, review, assignment, evaluation, supervision)."""

from typing import Any

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from renda.core.api import ERRORS
from renda.suggestions import selectors
from renda.suggestions.api.assignment import AssignActions
from renda.suggestions.api.drafting import DraftingActions
from renda.suggestions.api.evaluation import EvaluationActions
from renda.suggestions.api.review import ReviewActions
from renda.suggestions.api.serializers import (
    EventSerializer,
    SuggestionDetailSerializer,
    SuggestionListSerializer,
)
from renda.suggestions.api.supervision import SupervisionActions
from renda.suggestions.forms import SuggestionFilter
from renda.suggestions.models import Suggestion


class SuggestionApiFilter(SuggestionFilter):
    """The registry's filters, with units and lead deputies given by id."""

    unit = django_filters.NumberFilter(label="承办单位", method="by_unit")
    lead_deputy = django_filters.NumberFilter(label="领衔代表")


class SuggestionViewSet(
    DraftingActions,
    ReviewActions,
    AssignActions,
    EvaluationActions,
    SupervisionActions,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """Suggestions and motions: the registry, drafting, review, assignment, evaluation and supervision."""

    lookup_value_regex = "[0-9]+"
    queryset = Suggestion.objects.none()  # rows come from the selectors
    serializer_class = SuggestionListSerializer
    filterset_class = SuggestionApiFilter
    ordering_fields = ["serial", "submitted_at", "accepted_at", "reply_due", "evaluation_due", "created_at"]

    @extend_schema(summary="议案建议列表")
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="议案建议详情", responses={200: SuggestionDetailSerializer, 404: ERRORS[404]})
    def retrieve(self, request, pk=None):
        suggestion = self.get_object()
        detail: Any = suggestion  # the serializer reads the page's parts through `page` (source="page.…")
        detail.page = selectors.suggestion_page(request.user, suggestion)
        return Response(SuggestionDetailSerializer(detail, context={"request": request}).data)

    @extend_schema(
        summary="办理记录（时间线）", responses={200: EventSerializer(many=True), 404: ERRORS[404]}
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def events(self, request, pk=None):
        events = selectors.suggestion_events(request.user, self.get_object())
        return Response(EventSerializer(events, many=True).data)
