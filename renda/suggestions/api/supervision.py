"""Closing a case after coordination, and key supervision with its notes, in the API."""

from django.utils import timezone
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from renda.core.api import DateField, action_schema, service_call, visible
from renda.org.selectors import memberships_visible_to
from renda.suggestions import selectors, services
from renda.suggestions.api.common import (
    SuggestionActions,
)
from renda.suggestions.api.serializers import (
    KeySupervisionSerializer,
    SuggestionSerializer,
    SupervisionNoteSerializer,
)
from renda.suggestions.models import SupervisionNote
from renda.suggestions.workflows import BY_OFFICE


class OutcomeSerializer(serializers.Serializer):
    outcome = serializers.CharField()


class KeySupervisionInputSerializer(serializers.Serializer):
    decided_on = DateField(default=timezone.localdate, help_text="主任会议决定日期，默认今天")
    leader = visible(memberships_visible_to, help_text="领衔督办的主任或副主任（常委会组成人员编号）")
    decision = serializers.CharField(required=False, default="", allow_blank=True)


class SupervisionNoteInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=SupervisionNote.Kind.choices)
    date = DateField(default=timezone.localdate, help_text="督办日期，默认今天")
    text = serializers.CharField()


class SupervisionActions(SuggestionActions):
    """Closing a case after coordination, and key supervision with its notes (the office)."""

    @action_schema("协调处理后办结", OutcomeSerializer, SuggestionSerializer)
    @action(detail=True, methods=["post"], url_path="coordination-close")
    def coordination_close(self, request, pk=None):
        suggestion = self._move("close_coordination")
        outcome = self.validated(OutcomeSerializer)["outcome"]
        return self._done(
            service_call(
                services.coordination_close, suggestion=suggestion, outcome=outcome, actor=request.user
            )
        )

    @action_schema("列为重点督办", KeySupervisionInputSerializer, KeySupervisionSerializer, 201)
    @action(detail=True, methods=["post"], url_path="key-supervision")
    def key_supervision(self, request, pk=None):
        suggestion = self._move("supervise")
        data = self.validated(KeySupervisionInputSerializer)
        supervision = service_call(
            services.key_supervision_select, suggestion=suggestion, actor=request.user, **data
        )
        return Response(KeySupervisionSerializer(supervision).data, status=status.HTTP_201_CREATED)

    @action_schema("登记督办情况", SupervisionNoteInputSerializer, SupervisionNoteSerializer, 201)
    @action(detail=True, methods=["post"], url_path="key-supervision/notes")
    def supervision_notes(self, request, pk=None):
        supervision = selectors.key_supervision_of(self.get_object())
        BY_OFFICE.require(request.user)
        data = self.validated(SupervisionNoteInputSerializer)
        note = service_call(
            services.supervision_note_add, supervision=supervision, actor=request.user, **data
        )
        return Response(SupervisionNoteSerializer(note).data, status=status.HTTP_201_CREATED)
