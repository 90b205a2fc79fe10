"""The REST API of voting (/api/v1/voting/votes/): list and detail of the votes the user may see, open, close,
cast, the paper tally and the result — the same services and selectors as the pages."""

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from renda.core.api import AvailableActionsMixin, ErrorSerializer, service_call
from renda.voting import selectors, services
from renda.voting.models import VoteEvent, VoteOption
from renda.voting.workflows import VOTE_FLOW

ERRORS = {
    400: OpenApiResponse(description="输入不符合要求或不符合规则：按字段列出中文说明"),
    401: OpenApiResponse(ErrorSerializer, description="未登录（code: not_authenticated）"),
    403: OpenApiResponse(ErrorSerializer, description="无权进行此操作（code: permission_denied）"),
    404: OpenApiResponse(ErrorSerializer, description="没有找到，或无权查看（code: not_found）"),
    409: OpenApiResponse(description="当前状态不能进行此操作（code: invalid_transition）"),
}


class OptionSerializer(serializers.ModelSerializer):
    class Meta:
        model = VoteOption
        fields = ["id", "code", "label"]


class VoteSerializer(AvailableActionsMixin, serializers.ModelSerializer):
    flow = VOTE_FLOW
    options = OptionSerializer(many=True, read_only=True)
    voted = serializers.SerializerMethodField(help_text="已表决人数")
    present = serializers.SerializerMethodField(help_text="实到人数（表决人）")
    i_may_vote = serializers.SerializerMethodField(help_text="当前用户是否为表决人且尚未表决")

    class Meta:
        model = VoteEvent
        fields = [
            "id",
            "title",
            "method",
            "choice_kind",
            "max_choices",
            "threshold",
            "entitled",
            "present",
            "voted",
            "state",
            "chain_key",
            "allow_change",
            "opened_at",
            "closed_at",
            "options",
            "i_may_vote",
            "available_actions",
        ]
        read_only_fields = fields

    def get_voted(self, event) -> int:
        return event.voted if hasattr(event, "voted") else selectors.turnout(event)[0]

    def get_present(self, event) -> int:
        return event.present if hasattr(event, "present") else selectors.turnout(event)[1]

    def get_i_may_vote(self, event) -> bool:
        voter = selectors.voter_of(self.context["request"].user, event)
        return voter is not None and not voter.has_voted and event.state == "open" and not event.is_paper


class CastSerializer(serializers.Serializer):
    choice = serializers.JSONField(help_text="赞成/反对/弃权：yes、no 或 abstain；候选人：候选人 id 的列表")


class TallySerializer(serializers.Serializer):
    issued = serializers.IntegerField(min_value=0, help_text="发出票数")
    returned = serializers.IntegerField(min_value=0, help_text="收回票数")
    counts = serializers.DictField(child=serializers.IntegerField(min_value=0), help_text="各选项代码的票数")


class OptionCountSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    count = serializers.IntegerField()


class ResultSerializer(serializers.Serializer):
    entitled = serializers.IntegerField(help_text="应到")
    present = serializers.IntegerField(help_text="实到")
    voted = serializers.IntegerField(help_text="已表决（纸质票：收回票数）")
    not_voted = serializers.IntegerField(help_text="未表决（未按表决器）")
    counts = OptionCountSerializer(many=True)
    threshold = serializers.CharField()
    base = serializers.IntegerField(help_text="通过标准的计算基数")
    closed = serializers.BooleanField()
    passed = serializers.BooleanField(allow_null=True)
    elected = serializers.ListField(child=serializers.CharField())
    tied = serializers.ListField(child=serializers.CharField(), help_text="得票相等、须另行投票的候选人")
    invalid = serializers.IntegerField()
    text = serializers.CharField()
    ballots = serializers.SerializerMethodField(help_text="记名表决名单（有权查看时）")

    def get_ballots(self, result) -> dict[str, list[str]] | None:
        event = self.context["event"]
        if not selectors.may_see_ballots(self.context["request"].user, event):
            return None
        return dict(selectors.named_ballots(event))


class VoteViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Votes: the office sees all, a voter the votes they may vote in once opened."""

    lookup_value_regex = "[0-9]+"
    queryset = VoteEvent.objects.none()  # rows come from the selectors
    serializer_class = VoteSerializer

    def get_queryset(self):
        return (
            selectors.votes_listed(self.request.user)
            .prefetch_related("options")
            .order_by("-created_at", "-pk")
        )

    def get_object(self) -> VoteEvent:
        return get_object_or_404(selectors.votes_visible_to(self.request.user), pk=self.kwargs["pk"])

    def _validated(self, serializer_class) -> dict[str, Any]:
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def _vote(self, event: VoteEvent) -> Response:
        return Response(VoteSerializer(event, context=self.get_serializer_context()).data)

    @extend_schema(summary="表决列表", responses={200: VoteSerializer(many=True), **ERRORS})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="表决详情", responses={200: VoteSerializer, **ERRORS})
    def retrieve(self, request, pk=None):
        return self._vote(self.get_object())

    @extend_schema(summary="开始表决", request=None, responses={200: VoteSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def open(self, request, pk=None):
        event = self.get_object()
        return self._vote(service_call(services.vote_open, event=event, actor=request.user))

    @extend_schema(summary="结束表决", request=None, responses={200: VoteSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        event = self.get_object()
        return self._vote(service_call(services.vote_close, event=event, actor=request.user))

    @extend_schema(summary="投票（本人）", request=CastSerializer, responses={200: ErrorSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def cast(self, request, pk=None):
        event = self.get_object()
        voter = selectors.voter_of(request.user, event)
        if voter is None:
            raise PermissionDenied("您不是本次表决的表决人。")
        choice = self._validated(CastSerializer)["choice"]
        service_call(
            services.ballot_cast, event=event, deputy=voter.deputy, choice=choice, actor=request.user
        )
        return Response({"detail": "已表决。", "code": "voted"})

    @extend_schema(
        summary="录入纸质票计票结果", request=TallySerializer, responses={200: VoteSerializer, **ERRORS}
    )
    @action(detail=True, methods=["post"])
    def tally(self, request, pk=None):
        event = self.get_object()
        VOTE_FLOW.refuse(event, "tally", actor=request.user)
        data = self._validated(TallySerializer)
        service_call(services.paper_tally_enter, event=event, actor=request.user, **data)
        return self._vote(event)

    @extend_schema(summary="表决结果", responses={200: ResultSerializer, **ERRORS})
    @action(detail=True, methods=["get"])
    def result(self, request, pk=None):
        event = self.get_object()
        context = {**self.get_serializer_context(), "event": event}
        return Response(ResultSerializer(services.vote_result(event), context=context).data)
