"""What the API's sections share: the ratings a deputy gives, id fields looked up among visible records, the
error responses of the schema, deprecated aliases, validated input, and the base of SuggestionViewSet's
parts."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.response import Response

from renda.core.api import ErrorSerializer, VisiblePrimaryKeyField
from renda.deputies.choices import DeputyStatus
from renda.deputies.selectors import deputies_visible_to
from renda.suggestions import selectors
from renda.suggestions.api.serializers import SuggestionSerializer
from renda.suggestions.models import Rating, Suggestion

RATINGS = [
    (rating.value, rating.label)
    for rating in (Rating.SATISFIED, Rating.BASICALLY_SATISFIED, Rating.DISSATISFIED)
]


def visible(visible_to, **kwargs) -> VisiblePrimaryKeyField:
    """An id field looked up among the records `visible_to(user)` returns."""
    return VisiblePrimaryKeyField(visible_to=visible_to, pk_field=serializers.IntegerField(), **kwargs)


def serving_deputies(user):
    return deputies_visible_to(user).filter(status=DeputyStatus.ACTIVE)


ERRORS = {
    400: OpenApiResponse(
        description="输入不符合要求或不符合办理规则：按字段列出中文说明，另有 code（第一条说明的错误代码，"
        "如 required、contact_required）和 codes（与说明同样结构的各条代码）"
    ),
    403: OpenApiResponse(ErrorSerializer, description="无权进行此操作（code: permission_denied）"),
    404: OpenApiResponse(ErrorSerializer, description="没有找到，或无权查看（code: not_found）"),
    409: OpenApiResponse(
        description="当前状态不能进行此操作：按字段列出中文说明，code 为 invalid_transition"
    ),
}


def action_schema(summary: str, request, response, code: int = 200):
    return extend_schema(summary=summary, request=request, responses={code: response, **ERRORS})


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


class InputMixin(generics.GenericAPIView):
    def validated(self, serializer_class, **kwargs) -> dict:
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context(), **kwargs)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


class SuggestionActions(InputMixin):
    """What the parts of SuggestionViewSet share (the section modules add its actions): the rows from
    the selectors, one suggestion looked up by id, and the answer of a write."""

    def get_queryset(self):
        return selectors.suggestion_list_for(self.request.user)

    def get_object(self) -> Suggestion:
        return selectors.suggestion_get_for_user(self.request.user, self.kwargs["pk"])

    def _done(self, suggestion: Suggestion, code: int = status.HTTP_200_OK) -> Response:
        return Response(SuggestionSerializer(suggestion).data, status=code)
