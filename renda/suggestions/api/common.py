"""What the API's sections share: the ratings a deputy gives, deprecated aliases and the base of
SuggestionViewSet's parts (what every area's API shares — id fields among visible records, the schema's error
responses, validated input, available actions — is in core.api)."""

from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.response import Response

from renda.core.api import ERRORS, InputMixin
from renda.deputies.choices import DeputyStatus
from renda.deputies.selectors import deputies_visible_to
from renda.suggestions import selectors
from renda.suggestions.api.serializers import SuggestionSerializer
from renda.suggestions.models import Rating, Suggestion
from renda.suggestions.workflows import SUGGESTION_FLOW

RATINGS = [
    (rating.value, rating.label)
    for rating in (Rating.SATISFIED, Rating.BASICALLY_SATISFIED, Rating.DISSATISFIED)
]


def serving_deputies(user):
    return deputies_visible_to(user).filter(status=DeputyStatus.ACTIVE)


def deprecated_alias(summary: str, successor: str, response):
    """The schema of an action's old path, kept for one release after the action was renamed."""
    return extend_schema(
        summary=f"{summary}（已弃用，请改用 {successor}）",
        request=None,
        responses={200: response, **ERRORS},
        deprecated=True,
    )


def deprecated(response: Response, successor: str) -> Response:
    """Tell the client of an old path which path replaces it (the Deprecation and Link headers)."""
    response["Deprecation"] = "true"
    response["Link"] = f'<{successor}>; rel="successor-version"'
    return response


class SuggestionActions(InputMixin, generics.GenericAPIView):
    """What the parts of SuggestionViewSet share (the section modules add its actions): the rows from
    the selectors, one suggestion looked up by id, and the answer of a write."""

    def get_queryset(self):
        return selectors.suggestion_list_for(self.request.user)

    def get_object(self) -> Suggestion:
        return selectors.suggestion_get_for_user(self.request.user, self.kwargs["pk"])

    def _move(self, move: str) -> Suggestion:
        """The suggestion, if the user may make `move` on it now: refused (403, 409) before the input is read."""
        suggestion = self.get_object()
        SUGGESTION_FLOW.refuse(suggestion, move, actor=self.request.user)
        return suggestion

    def _done(self, suggestion: Suggestion, code: int = status.HTTP_200_OK) -> Response:
        return Response(SuggestionSerializer(suggestion).data, status=code)
