"""Registration review in the API: register (立案; `accept` its deprecated alias), return, reject, merge, and
the presidium's decision on a motion."""

from django.urls import reverse
from rest_framework import serializers
from rest_framework.decorators import action

from renda.core.api import action_schema, service_call, visible
from renda.suggestions import selectors, services
from renda.suggestions.api.common import (
    SuggestionActions,
    deprecated,
    deprecated_alias,
)
from renda.suggestions.api.serializers import SuggestionSerializer
from renda.suggestions.models import PresidiumDecision


class PresidiumSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=PresidiumDecision.choices)
    note = serializers.CharField(required=False, default="", allow_blank=True)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField()


class RejectSerializer(serializers.Serializer):
    reason = visible(selectors.refusal_reasons_visible_to)
    note = serializers.CharField(required=False, default="", allow_blank=True)


class MergeSerializer(serializers.Serializer):
    others = visible(selectors.suggestions_visible_to, many=True, help_text="并入本件一并办理的建议")


class ReviewActions(SuggestionActions):
    """Registration review by the office, and the presidium's decision on a motion."""

    @action_schema("登记主席团对议案的决定", PresidiumSerializer, SuggestionSerializer)
    @action(detail=True, methods=["post"], url_path="presidium-decision")
    def presidium_decision(self, request, pk=None):
        # the three decisions are the office's on a motion before the presidium: refused as the first would be
        suggestion = self._move("put_on_agenda")
        data = self.validated(PresidiumSerializer)
        return self._done(
            service_call(services.motion_presidium_decide, suggestion=suggestion, actor=request.user, **data)
        )

    @action_schema("立案（编号）", None, SuggestionSerializer)
    @action(detail=True, methods=["post"])
    def register(self, request, pk=None):
        return self._done(
            service_call(services.suggestion_accept, suggestion=self.get_object(), actor=request.user)
        )

    @deprecated_alias("立案", "POST /api/v1/suggestions/{id}/register/", SuggestionSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """The old name of register (立案): one release more, then removed."""
        return deprecated(self.register(request, pk), reverse("suggestion-register", args=[pk]))

    @action_schema("退回修改", ReasonSerializer, SuggestionSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, pk=None):
        suggestion = self._move("return")
        reason = self.validated(ReasonSerializer)["reason"]
        return self._done(
            service_call(services.suggestion_return, suggestion=suggestion, reason=reason, actor=request.user)
        )

    @action_schema("不予立案", RejectSerializer, SuggestionSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        suggestion = self._move("reject")
        data = self.validated(RejectSerializer)
        return self._done(
            service_call(services.suggestion_reject, suggestion=suggestion, actor=request.user, **data)
        )

    @action_schema("并案：其他建议并入本件办理", MergeSerializer, SuggestionSerializer)
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        suggestion = self._move("merge")
        others = self.validated(MergeSerializer)["others"]
        return self._done(
            service_call(services.suggestions_merge, into=suggestion, others=others, actor=request.user)
        )
