"""Near-duplicate suggestions and recommended lead units in the API (similarity.py). Both read only: the
suggestion must be one the user may see (else 404); similar suggestions are limited to those the user may see;
recommendations are the deputies' affairs office's tool (others get 403)."""

from django.core.exceptions import PermissionDenied
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from renda.core.roles import can
from renda.core.rules import rule
from renda.suggestions import selectors, similarity


class SegmentSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=[("same", "相同"), ("this", "仅本件有"), ("other", "仅相似建议有")], help_text="文字归属"
    )
    text = serializers.CharField()


class SimilarSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="suggestion.pk")
    number = serializers.CharField(source="suggestion.number")
    title = serializers.CharField(source="suggestion.title")
    state = serializers.CharField(source="suggestion.state")
    year = serializers.IntegerField(source="suggestion.year")
    congress_session = serializers.IntegerField(source="suggestion.congress_session_id", allow_null=True)
    lead_deputy = serializers.CharField(source="suggestion.lead_deputy.name")
    score = serializers.IntegerField(source="percent", help_text="相似度（百分数）")
    diff = serializers.SerializerMethodField(help_text="与本件内容的不同之处，按顺序排列的文字片段")

    @extend_schema(responses=SegmentSerializer(many=True))
    def get_diff(self, item: similarity.Similar) -> list[dict]:
        segments = similarity.text_diff(self.context["suggestion"].content, item.suggestion.content)
        return list(SegmentSerializer(segments, many=True).data)


class SimilarListSerializer(serializers.Serializer):
    threshold = serializers.IntegerField(
        help_text="疑似重复的相似度下限（百分数，规则 duplicate_threshold_percent）"
    )
    results = SimilarSerializer(many=True)


class UnitRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class RecommendationSerializer(serializers.Serializer):
    unit = UnitRefSerializer()
    score = serializers.FloatField(help_text="推荐分：相似往年建议的相似度之和加关键词权重×0.1")
    similar_count = serializers.IntegerField(help_text="由该单位主办的相似建议件数")
    keywords = serializers.ListField(child=serializers.CharField(), help_text="命中的该单位关键词")
    reasons = serializers.ListField(child=serializers.CharField(), help_text="推荐理由")


class SimilarSuggestionsView(APIView):
    @extend_schema(summary="相似建议（同次会议及近三年，疑似重复）", responses=SimilarListSerializer)
    def get(self, request, pk: int) -> Response:
        suggestion = selectors.suggestion_get_for_user(request.user, pk)
        items = similarity.similar_suggestions(request.user, suggestion)
        data = {"threshold": rule("duplicate_threshold_percent"), "results": items}
        return Response(SimilarListSerializer(data, context={"suggestion": suggestion}).data)


class RecommendedUnitsView(APIView):
    @extend_schema(
        summary="推荐主办单位（前三名及理由，供代表工作机构参考）",
        responses=RecommendationSerializer(many=True),
    )
    def get(self, request, pk: int) -> Response:
        suggestion = selectors.suggestion_get_for_user(request.user, pk)
        if not can(request.user, "suggestions.manage"):
            raise PermissionDenied("只有代表工作机构可以查看推荐承办单位。")
        recommendations = similarity.recommend_units(suggestion)
        return Response(RecommendationSerializer(recommendations, many=True).data)


urlpatterns = [
    path("suggestions/<int:pk>/similar/", SimilarSuggestionsView.as_view(), name="suggestion-similar"),
    path(
        "suggestions/<int:pk>/recommended-units/",
        RecommendedUnitsView.as_view(),
        name="suggestion-recommended-units",
    ),
]
