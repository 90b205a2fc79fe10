"""The deputies' evaluation of the replies in the API."""

from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from renda.core.api import action_schema, service_call
from renda.suggestions import services
from renda.suggestions.api.common import (
    RATINGS,
    SuggestionActions,
)
from renda.suggestions.api.serializers import EvaluationSerializer
from renda.suggestions.models import Evaluation
from renda.suggestions.workflows import SUGGESTION_FLOW


class EvaluationInputSerializer(serializers.Serializer):
    rating = serializers.ChoiceField(choices=RATINGS)
    attitude = serializers.ChoiceField(
        choices=RATINGS, required=False, default="", help_text="分别评价时必填"
    )
    result = serializers.ChoiceField(choices=RATINGS, required=False, default="", help_text="分别评价时必填")
    comment = serializers.CharField(required=False, default="", allow_blank=True)


class EvaluationActions(SuggestionActions):
    """The deputies' evaluation of the replies."""

    @action_schema("代表评价办理情况", EvaluationInputSerializer, EvaluationSerializer, 201)
    @action(detail=True, methods=["post"])
    def evaluations(self, request, pk=None):
        suggestion = self.get_object()
        # Who may evaluate and the state are refused before the input is read; a deputy who evaluated this
        # round already is told so by the service.
        deputy_id = request.user.deputy_id
        evaluated = (
            deputy_id is not None
            and Evaluation.objects.filter(
                suggestion=suggestion, deputy_id=deputy_id, round=suggestion.round
            ).exists()
        )
        if not evaluated:
            SUGGESTION_FLOW.refuse(suggestion, "evaluate", actor=request.user)
        data = self.validated(EvaluationInputSerializer)
        evaluation = service_call(
            services.evaluation_submit, suggestion=suggestion, actor=request.user, **data
        )
        return Response(EvaluationSerializer(evaluation).data, status=status.HTTP_201_CREATED)
