"""Duty records as a REST API: a deputy's year and the ranking (reads); self-reported entries and their decision,
reports to voters and their ratings (writes); a voter's ballot by its QR token (no account).

Reads go through the selectors (what the user may not see is a 404); each action validates its input and calls
one service, whose rule errors come back as 400 with the Chinese messages keyed by field and a `code`, a move the
current state does not allow as 409 (invalid_transition), missing rights as 403 and a stale version as 409
(core.api.service_call and core.api.exception_handler). As on the pages, a user who may not make a move (or
schedule, or report an entry), or a move the state does not allow, is refused before the input is read. Records
with a workflow carry `available_actions`."""

from typing import Any

import django_filters
from django.http import FileResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import exceptions, generics, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from renda.core.api import (
    AvailableActionsMixin,
    DateField,
    ErrorSerializer,
    VersionedSerializer,
    service_call,
    visible,
)
from renda.core.roles import can
from renda.core.uploads import open_stored
from renda.deputies.selectors import ALL, LEVEL_CHOICES, deputies_visible_to, stations_visible_to
from renda.deputies.selectors import OWN as OWN_LEVEL
from renda.duties import selectors, services
from renda.duties.figures import FIGURES
from renda.duties.forms import YearFilter
from renda.duties.models import DutyEntry, DutyReport, EntryKind, EntryState, ReportState, VoterRating
from renda.duties.workflows import ENTRY_FLOW, KEEP, MANAGE, OWN, REPORT_FLOW

ERRORS = {
    400: OpenApiResponse(
        description="输入不符合要求或不符合规则：按字段列出中文说明，另有 code（第一条说明的错误代码）和 codes"
    ),
    401: OpenApiResponse(ErrorSerializer, description="未登录（code: not_authenticated）"),
    403: OpenApiResponse(ErrorSerializer, description="无权进行此操作（code: permission_denied）"),
    404: OpenApiResponse(ErrorSerializer, description="没有找到，或无权查看（code: not_found）"),
    409: OpenApiResponse(
        description="当前状态不能进行此操作（code: invalid_transition），或记录已被他人修改（code: stale_version）"
    ),
}
READ_ERRORS = {code: ERRORS[code] for code in (400, 401, 403, 404)}


def _year(request) -> int:
    """`?year=`: a year from 2000 to 2099, this year when absent."""
    from renda.core import clock

    values = request.query_params.getlist("year")
    if not values or values == [""]:
        return clock.today().year
    if len(values) > 1 or not values[0].isdigit() or not 2000 <= int(values[0]) <= 2099:
        raise exceptions.ValidationError({"year": ["年度须为2000至2099之间的整数。"]}, code="invalid")
    return int(values[0])


YEAR = OpenApiParameter("year", int, description="年度（2000—2099），默认今年", required=False)


# ---------------------------------------------------------------- a deputy's year, the ranking


class DutyFigureSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="项目标识，如 suggestions、activity_visit、reports")
    label = serializers.CharField(help_text="项目名称，如 领衔提出建议")  # type: ignore[assignment]  # named like Field.label
    unit = serializers.CharField(help_text="单位：件、次、条")
    count = serializers.IntegerField()
    each = serializers.IntegerField(help_text="每单位积分（本地设定）")
    points = serializers.IntegerField()


class DutyDeputyRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class DutyRecordSerializer(serializers.Serializer):
    deputy = DutyDeputyRefSerializer()
    year = serializers.IntegerField()
    points = serializers.IntegerField(help_text="本年度履职积分")
    rank = serializers.IntegerField(
        source="standing.rank", allow_null=True, help_text="在同层级在任代表中的名次"
    )
    ranked = serializers.IntegerField(source="standing.ranked", help_text="同层级在任代表人数")
    figures = DutyFigureSerializer(many=True)


class RecordView(APIView):
    """A deputy's year: every figure with its count and points, the total and the rank. The office and members
    read every deputy's, a deputy their own; anyone else's is a 404."""

    @extend_schema(
        summary="代表年度履职档案",
        parameters=[YEAR],
        responses={200: DutyRecordSerializer, **READ_ERRORS},
    )
    def get(self, request, pk: int):
        deputy = selectors.record_deputy_for(request.user, pk)
        record = selectors.duty_record(deputy, _year(request))
        return Response(DutyRecordSerializer(record).data)


CountsSerializer = type(
    "DutyCountsSerializer",
    (serializers.Serializer,),
    {
        figure.key: serializers.IntegerField(help_text=f"{figure.label}（{figure.unit}）")
        for figure in FIGURES
    },
)


class DutyRankingRowSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    id = serializers.IntegerField()
    name = serializers.CharField()
    township = serializers.CharField(source="township.name", default=None, allow_null=True)
    points = serializers.IntegerField()
    counts = CountsSerializer(source="*")


RANKED_LEVELS = [value for value, _ in LEVEL_CHOICES if value != ALL]


class RankingView(generics.ListAPIView):
    """The deputies in office of one level by points in a year (the office and committee members)."""

    serializer_class = DutyRankingRowSerializer
    filter_backends: list = []

    def get_queryset(self):
        if not selectors.can_read_ranking(self.request.user):
            raise exceptions.PermissionDenied("只有代表工作机构和常委会组成人员可以查看积分排名。")
        level = self.request.query_params.get("level") or OWN_LEVEL
        if level not in RANKED_LEVELS:
            raise exceptions.ValidationError({"level": ["代表层级不正确。"]}, code="invalid_choice")
        return selectors.ranking(_year(self.request), level=level, user=self.request.user)

    @extend_schema(
        summary="代表履职积分排名",
        parameters=[
            YEAR,
            OpenApiParameter(
                "level",
                str,
                enum=RANKED_LEVELS,
                description="代表层级：own 本级（本人所在的人大，默认）、county 县级、township 乡级、resident 驻地上级代表",
                required=False,
            ),
        ],
        responses={200: DutyRankingRowSerializer(many=True), **READ_ERRORS},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


# ---------------------------------------------------------------- self-reported entries


class DutyEntrySerializer(AvailableActionsMixin, serializers.ModelSerializer):
    """One serializer for the entry as it is read, reported (POST, multipart with `proof`) and corrected (PATCH
    with the `version` read)."""

    flow = ENTRY_FLOW
    deputy = visible(
        deputies_visible_to,
        required=False,
        help_text="代表（代表工作机构代为填报时必填；代表本人填报时省略）",
    )
    deputy_name = serializers.CharField(source="deputy.name", read_only=True)
    kind = serializers.ChoiceField(choices=EntryKind.choices)
    date = DateField(help_text="履职日期，不晚于今天")
    proof = serializers.FileField(write_only=True, help_text="证明材料：JPG、PNG、PDF或DOCX，不超过20MB")
    proof_url = serializers.SerializerMethodField(help_text="证明材料下载地址")
    state_label = serializers.CharField(source="get_state_display", read_only=True)

    class Meta:
        model = DutyEntry
        fields = [
            "id", "deputy", "deputy_name", "kind", "title", "date", "year", "description", "proof", "proof_name",
            "proof_url", "state", "state_label", "decided_at", "decision_note", "version", "available_actions",
        ]  # fmt: skip
        read_only_fields = ["year", "proof_name", "state", "decided_at", "decision_note", "version"]

    def get_proof_url(self, entry: DutyEntry) -> str:
        return reverse("duty-entry-proof", args=[entry.pk])


class DutyEntryUpdateSerializer(VersionedSerializer, DutyEntrySerializer):
    """A correction (PATCH): the version read is required."""


class DutyNoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="", help_text="认定意见（可不填）")


class DutyReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text="理由")


class EntryFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=EntryState.choices, help_text="状态")
    year = YearFilter(field_name="year", help_text="年度（2000—2099）")
    deputy = django_filters.NumberFilter(field_name="deputy_id", help_text="代表")

    class Meta:
        model = DutyEntry
        fields: list[str] = []


def action_schema(summary: str, request, response, code: int = 200):
    return extend_schema(summary=summary, request=request, responses={code: response, **ERRORS})


class InputMixin(generics.GenericAPIView):
    def validated(self, serializer_class, **kwargs) -> dict:
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context(), **kwargs)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


class EntryViewSet(InputMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Entries a deputy reports themself: the office and members read all, a deputy their own."""

    lookup_value_regex = "[0-9]+"
    queryset = DutyEntry.objects.none()  # rows come from the selectors
    serializer_class = DutyEntrySerializer
    filterset_class = EntryFilter
    ordering_fields = ["date", "created_at"]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        return (
            selectors.entries_visible_to(self.request.user).select_related("deputy").order_by("-date", "-pk")
        )

    def get_object(self) -> DutyEntry:
        return selectors.entry_for(self.request.user, self.kwargs["pk"])

    def _move(self, move: str) -> DutyEntry:
        """The entry, if the user may make `move` on it now: refused (403, 409) before the input is read."""
        entry = self.get_object()
        ENTRY_FLOW.refuse(entry, move, actor=self.request.user)
        return entry

    def _done(self, entry: DutyEntry, code: int = status.HTTP_200_OK) -> Response:
        return Response(DutyEntrySerializer(entry, context=self.get_serializer_context()).data, status=code)

    @extend_schema(summary="履职自报事项列表", responses={200: DutyEntrySerializer(many=True), **READ_ERRORS})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="履职自报事项详情", responses={200: DutyEntrySerializer, **READ_ERRORS})
    def retrieve(self, request, pk=None):
        return self._done(self.get_object())

    @extend_schema(
        summary="填报履职事项（附证明材料）",
        request={"multipart/form-data": DutyEntrySerializer},
        responses={201: DutyEntrySerializer, **ERRORS},
    )
    def create(self, request):
        user = request.user
        if not (can(user, MANAGE) or (can(user, OWN) and user.deputy_id)):
            raise exceptions.PermissionDenied("只有代表本人或代表工作机构可以填报履职事项。")
        data = dict(self.validated(DutyEntrySerializer))
        deputy = data.pop("deputy", None)
        if deputy is None:
            if can(request.user, MANAGE) or request.user.deputy_id is None:
                raise serializers.ValidationError({"deputy": ["请选择代表。"]}, code="required")
            deputy = request.user.deputy
        entry = service_call(services.duty_entry_submit, deputy=deputy, actor=request.user, **data)
        return self._done(entry, status.HTTP_201_CREATED)

    @extend_schema(
        summary="修改待认定的履职事项（须提供 version）",
        request={
            "multipart/form-data": DutyEntryUpdateSerializer(partial=True),
            "application/json": DutyEntryUpdateSerializer(partial=True),
        },
        responses={200: DutyEntrySerializer, **ERRORS},
    )
    def partial_update(self, request, pk=None):
        entry = self._move("edit")
        data = dict(self.validated(DutyEntryUpdateSerializer, partial=True))
        version = data.pop("version")
        if "deputy" in data:
            raise serializers.ValidationError({"deputy": ["不能更改填报的代表。"]}, code="invalid")
        entry = service_call(
            services.duty_entry_update,
            entry=entry,
            expected_version=version,
            changes=data,
            actor=request.user,
        )
        return self._done(entry)

    @action_schema("认定", DutyNoteSerializer, DutyEntrySerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        entry = self._move("approve")
        note = self.validated(DutyNoteSerializer)["note"]
        return self._done(
            service_call(services.duty_entry_approve, entry=entry, note=note, actor=request.user)
        )

    @action_schema("不予认定", DutyReasonSerializer, DutyEntrySerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        entry = self._move("reject")
        reason = self.validated(DutyReasonSerializer)["reason"]
        return self._done(
            service_call(services.duty_entry_reject, entry=entry, reason=reason, actor=request.user)
        )

    @action_schema("撤回", None, DutyEntrySerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._done(
            service_call(services.duty_entry_withdraw, entry=self.get_object(), actor=request.user)
        )

    @extend_schema(
        summary="下载证明材料",
        responses={
            (200, "application/octet-stream"): OpenApiTypes.BINARY,
            (200, "image/png"): OpenApiTypes.BINARY,
            (200, "image/jpeg"): OpenApiTypes.BINARY,
            (200, "application/pdf"): OpenApiTypes.BINARY,
            (
                200,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ): OpenApiTypes.BINARY,
            401: ERRORS[401],
            404: ERRORS[404],
        },
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def proof(self, request, pk=None):
        entry = self.get_object()
        return FileResponse(open_stored(entry.proof), as_attachment=True, filename=entry.proof_name)


# ---------------------------------------------------------------- reports to voters


class DutyReportResultSerializer(serializers.Serializer):
    satisfied = serializers.IntegerField(help_text="满意")
    basically_satisfied = serializers.IntegerField(help_text="基本满意")
    dissatisfied = serializers.IntegerField(help_text="不满意")
    rated = serializers.IntegerField(help_text="评议票总数（满意率的分母）")
    approving = serializers.IntegerField(help_text="满意率的分子（满意，及按本地规则计入的基本满意）")
    ballots_issued = serializers.IntegerField(help_text="已生成的现场评议码")
    ballots_cast = serializers.IntegerField(help_text="已使用的现场评议码")


class DutyReportSerializer(AvailableActionsMixin, serializers.ModelSerializer):
    """One serializer for the report as it is read, scheduled (POST) and changed (PATCH with `version`)."""

    flow = REPORT_FLOW
    station = visible(stations_visible_to, help_text="联络站")
    station_name = serializers.CharField(source="station.name", read_only=True)
    deputies = visible(deputies_visible_to, many=True, help_text="述职代表")
    date = DateField(help_text="述职日期")
    title = serializers.CharField(max_length=120, required=False, allow_blank=True, help_text="名称，可不填")
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    result = serializers.SerializerMethodField(help_text="评议结果")

    class Meta:
        model = DutyReport
        fields = [
            "id", "title", "date", "place", "station", "station_name", "deputies", "state", "state_label",
            "voters_present", "report_text", "result", "version", "available_actions",
        ]  # fmt: skip
        read_only_fields = ["state", "voters_present", "report_text", "version"]

    @extend_schema_field(DutyReportResultSerializer)
    def get_result(self, report: DutyReport) -> dict[str, Any]:
        annotated = hasattr(report, "cast_satisfied")  # a list row (selectors.reports_with_results)
        result = selectors.result_of_annotated(report) if annotated else selectors.report_result(report)
        return {
            "satisfied": result.satisfied,
            "basically_satisfied": result.basically_satisfied,
            "dissatisfied": result.dissatisfied,
            "rated": result.rated,
            "approving": result.approving,
            "ballots_issued": result.ballots_issued,
            "ballots_cast": result.ballots_cast,
        }


class DutyReportUpdateSerializer(VersionedSerializer, DutyReportSerializer):
    """A change of the schedule (PATCH): the version read is required."""


class DutyReportHoldSerializer(serializers.Serializer):
    voters_present = serializers.IntegerField(min_value=1, help_text="到会选民人数")
    report_text = serializers.CharField(help_text="述职报告")


class DutyReportRatingsSerializer(serializers.Serializer):
    satisfied = serializers.IntegerField(min_value=0, help_text="满意（纸质票）")
    basically_satisfied = serializers.IntegerField(min_value=0, help_text="基本满意（纸质票）")
    dissatisfied = serializers.IntegerField(min_value=0, help_text="不满意（纸质票）")


class DutyBallotsSerializer(serializers.Serializer):
    count = serializers.IntegerField(min_value=1, max_value=services.MAX_BALLOTS, help_text="生成个数")


class DutyBallotIssuedSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="一次性评议码")
    url = serializers.CharField(help_text="评议页面地址（制成二维码分发给选民）")


class ReportFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=ReportState.choices, help_text="状态")
    year = YearFilter(field_name="date", lookup_expr="year", help_text="年度（2000—2099）")
    station = django_filters.NumberFilter(field_name="station_id", help_text="联络站")

    class Meta:
        model = DutyReport
        fields: list[str] = []


class ReportViewSet(InputMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Reports to voters: the office and members read all, a keeper their station's, a deputy their own."""

    lookup_value_regex = "[0-9]+"
    queryset = DutyReport.objects.none()  # rows come from the selectors
    serializer_class = DutyReportSerializer
    filterset_class = ReportFilter
    ordering_fields = ["date", "created_at"]

    def get_queryset(self):
        return (
            selectors.reports_with_results(selectors.reports_visible_to(self.request.user))
            .select_related("station")
            .prefetch_related("deputies")
            .order_by("-date", "-pk")
        )

    def get_object(self) -> DutyReport:
        return selectors.report_for(self.request.user, self.kwargs["pk"])

    def _move(self, move: str) -> DutyReport:
        """The report, if the user may make `move` on it now: refused (403, 409) before the input is read."""
        report = self.get_object()
        REPORT_FLOW.refuse(report, move, actor=self.request.user)
        return report

    def _done(self, report: DutyReport, code: int = status.HTTP_200_OK) -> Response:
        return Response(DutyReportSerializer(report, context=self.get_serializer_context()).data, status=code)

    @extend_schema(summary="代表述职列表", responses={200: DutyReportSerializer(many=True), **READ_ERRORS})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="代表述职详情（含评议结果）", responses={200: DutyReportSerializer, **READ_ERRORS})
    def retrieve(self, request, pk=None):
        return self._done(self.get_object())

    @action_schema("安排代表述职", DutyReportSerializer, DutyReportSerializer, 201)
    def create(self, request):
        if not (can(request.user, MANAGE) or can(request.user, KEEP)):
            raise exceptions.PermissionDenied("只有联络站管理员或代表工作机构可以安排代表述职。")
        data = dict(self.validated(DutyReportSerializer))
        report = service_call(services.duty_report_schedule, actor=request.user, **data)
        return self._done(report, status.HTTP_201_CREATED)

    @action_schema(
        "修改述职安排（须提供 version）", DutyReportUpdateSerializer(partial=True), DutyReportSerializer
    )
    def partial_update(self, request, pk=None):
        report = self._move("edit")
        data = dict(self.validated(DutyReportUpdateSerializer, partial=True))
        version = data.pop("version")
        if "station" in data:
            raise serializers.ValidationError(
                {"station": ["不能更改联络站，请取消后重新安排。"]}, code="invalid"
            )
        report = service_call(
            services.duty_report_update,
            report=report,
            expected_version=version,
            changes=data,
            actor=request.user,
        )
        return self._done(report)

    @action_schema("取消述职", DutyReasonSerializer, DutyReportSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        report = self._move("cancel")
        reason = self.validated(DutyReasonSerializer)["reason"]
        return self._done(
            service_call(services.duty_report_cancel, report=report, reason=reason, actor=request.user)
        )

    @action_schema("登记述职情况（到会人数、述职报告）", DutyReportHoldSerializer, DutyReportSerializer)
    @action(detail=True, methods=["post"])
    def hold(self, request, pk=None):
        report = self._move("hold")
        data = self.validated(DutyReportHoldSerializer)
        return self._done(service_call(services.duty_report_hold, report=report, actor=request.user, **data))

    @action_schema("录入纸质评议票（替换上次录入）", DutyReportRatingsSerializer, DutyReportSerializer)
    @action(detail=True, methods=["post"])
    def ratings(self, request, pk=None):
        report = self._move("enter_ratings")
        data = self.validated(DutyReportRatingsSerializer)
        return self._done(
            service_call(services.duty_report_ratings_enter, report=report, actor=request.user, **data)
        )

    @action_schema(
        "生成现场评议码（每个只能使用一次）",
        DutyBallotsSerializer,
        DutyBallotIssuedSerializer(many=True),
        201,
    )
    @action(detail=True, methods=["post"])
    def ballots(self, request, pk=None):
        report = self._move("issue_ballots")
        count = self.validated(DutyBallotsSerializer)["count"]
        issued = service_call(
            services.duty_report_ballots_issue, report=report, count=count, actor=request.user
        )
        rows = [
            {"token": b.token, "url": request.build_absolute_uri(reverse("duties:rate", args=[b.token]))}
            for b in issued
        ]
        return Response(DutyBallotIssuedSerializer(rows, many=True).data, status=status.HTTP_201_CREATED)

    @action_schema("结束评议", None, DutyReportSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self._done(
            service_call(services.duty_report_close, report=self.get_object(), actor=request.user)
        )


# ---------------------------------------------------------------- a voter's ballot, without an account


class DutyBallotCastSerializer(serializers.Serializer):
    rating = serializers.ChoiceField(choices=VoterRating.choices, help_text="满意、基本满意或不满意")


class DutyBallotCastDoneSerializer(serializers.Serializer):
    rating = serializers.ChoiceField(choices=VoterRating.choices)
    cast_at = serializers.DateTimeField()


class BallotCastView(APIView):
    """A voter rates a report through the token of their slip: once per token, while the report is open for
    rating. No account; a token already used is a 400 (code ballot_used), a report no longer open a 409."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        summary="选民现场评议（凭一次性评议码，无需登录）",
        auth=[],
        request=DutyBallotCastSerializer,
        responses={200: DutyBallotCastDoneSerializer, 400: ERRORS[400], 404: ERRORS[404], 409: ERRORS[409]},
    )
    def post(self, request, token: str):
        ballot = selectors.ballot_by_token(token)
        if ballot is None:
            raise exceptions.NotFound("评议码无效。")
        serializer = DutyBallotCastSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        cast = service_call(
            services.ballot_cast, token=ballot.token, rating=serializer.validated_data["rating"]
        )
        return Response(DutyBallotCastDoneSerializer(cast).data)
