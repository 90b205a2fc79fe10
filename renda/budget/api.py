"""The budget supervision's REST API: alerts (with their evidence and handling), execution figures, imports."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import exceptions, mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from renda.budget import importing, selectors, services
from renda.budget.analytics import LEVELS
from renda.budget.models import Alert, AlertAssignment, BudgetImport, Dataset
from renda.budget.workflows import ALERT_FLOW, MANAGE, READ
from renda.core import clock
from renda.core.api import (
    ERRORS,
    AvailableActionsMixin,
    InputMixin,
    VisiblePrimaryKeyField,
    action_schema,
    service_call,
)
from renda.core.roles import can
from renda.org.selectors import handling_units_visible_to

READ_ERRORS = {404: ERRORS[404]}


class AlertSerializer(AvailableActionsMixin, serializers.ModelSerializer):
    flow = ALERT_FLOW
    title = serializers.CharField(read_only=True)
    unit_name = serializers.CharField(source="unit.name", default="", read_only=True)

    class Meta:
        model = Alert
        fields = [
            "id", "rule", "title", "key", "year", "dept_code", "dept_name", "project_code", "payee", "amount",
            "base", "count", "state", "found_on", "seen_on", "gone_on", "reason", "unit", "unit_name", "due",
            "conclusion", "available_actions",
        ]  # fmt: skip
        read_only_fields = fields


class EvidenceRowSerializer(serializers.Serializer):
    pay_id = serializers.CharField(required=False)
    pay_date = serializers.DateField(required=False)
    dept_code = serializers.CharField()
    project_code = serializers.CharField(required=False)
    payee = serializers.CharField(required=False)
    amount = serializers.IntegerField(required=False, help_text="分")


class AlertDetailSerializer(AlertSerializer):
    evidence = serializers.SerializerMethodField(help_text="命中预警的数据行（最多200行）")

    class Meta(AlertSerializer.Meta):
        fields = [*AlertSerializer.Meta.fields, "evidence"]
        read_only_fields = fields

    @extend_schema_field(EvidenceRowSerializer(many=True))
    def get_evidence(self, obj: Alert) -> list[dict]:
        return [{k: v for k, v in row.items()} for row in selectors.evidence(obj)]


class DismissSerializer(serializers.Serializer):
    reason = serializers.CharField()


class InquireSerializer(serializers.Serializer):
    unit = VisiblePrimaryKeyField(visible_to=handling_units_visible_to)
    due = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ConclusionSerializer(serializers.Serializer):
    conclusion = serializers.CharField()


class ReplySerializer(serializers.Serializer):
    text = serializers.CharField()
    signer = serializers.CharField(max_length=30)


class AlertViewSet(InputMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    lookup_value_regex = "[0-9]+"
    queryset = Alert.objects.none()
    serializer_class = AlertSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        alerts = (
            selectors.alerts_visible_to(self.request.user).select_related("unit").order_by("-found_on", "-pk")
        )
        params = self.request.query_params
        if (year := params.get("year", "")).isdigit():
            alerts = alerts.filter(year=int(year))
        if rule := params.get("rule"):
            alerts = alerts.filter(rule=rule)
        if state := params.get("state"):
            alerts = alerts.filter(state=state)
        return alerts

    def get_object(self) -> Alert:
        try:
            return selectors.alerts_visible_to(self.request.user).get(pk=self.kwargs["pk"])
        except Alert.DoesNotExist as exc:
            raise exceptions.NotFound("没有找到。") from exc

    def _done(self, alert: Alert) -> Response:
        return Response(AlertSerializer(self.get_object(), context=self.get_serializer_context()).data)

    @extend_schema(
        summary="预算预警",
        parameters=[
            OpenApiParameter("year", int, description="年度"),
            OpenApiParameter("rule", str, description="预警规则"),
            OpenApiParameter("state", str, description="状态"),
        ],
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="预警详情及命中的数据行", responses={200: AlertDetailSerializer, **READ_ERRORS})
    def retrieve(self, request, pk=None):
        return Response(AlertDetailSerializer(self.get_object(), context=self.get_serializer_context()).data)

    @action_schema("核查排除", DismissSerializer, AlertSerializer)
    @action(detail=True, methods=["post"])
    def dismiss(self, request, pk=None):
        alert = self.get_object()
        ALERT_FLOW.refuse(alert, "dismiss", actor=request.user)
        service_call(
            services.alert_dismiss, alert=alert, actor=request.user, **self.validated(DismissSerializer)
        )
        return self._done(alert)

    @action_schema("函询", InquireSerializer, AlertSerializer)
    @action(detail=True, methods=["post"])
    def inquire(self, request, pk=None):
        alert = self.get_object()
        ALERT_FLOW.refuse(alert, "inquire", actor=request.user)
        service_call(
            services.alert_inquire, alert=alert, actor=request.user, **self.validated(InquireSerializer)
        )
        return self._done(alert)

    @action_schema("单位答复函询", ReplySerializer, AlertSerializer)
    @action(detail=True, methods=["post"])
    def reply(self, request, pk=None):
        alert = self.get_object()
        assignment = AlertAssignment.objects.filter(
            alert=alert, unit=getattr(request.user, "handling_unit_id", None)
        ).first()
        if assignment is None:
            raise exceptions.PermissionDenied("只有被函询单位可以答复。")
        service_call(
            services.alert_reply_send,
            assignment=assignment,
            actor=request.user,
            **self.validated(ReplySerializer),
        )
        return self._done(alert)

    @action_schema("办结", ConclusionSerializer, AlertSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        alert = self.get_object()
        ALERT_FLOW.refuse(alert, "close", actor=request.user)
        service_call(
            services.alert_close, alert=alert, actor=request.user, **self.validated(ConclusionSerializer)
        )
        return self._done(alert)

    @action_schema("提请跟踪监督", ConclusionSerializer, AlertSerializer)
    @action(detail=True, methods=["post"])
    def escalate(self, request, pk=None):
        alert = self.get_object()
        ALERT_FLOW.refuse(alert, "escalate", actor=request.user)
        service_call(
            services.alert_escalate, alert=alert, actor=request.user, **self.validated(ConclusionSerializer)
        )
        return self._done(alert)


class ExecutionRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    initial = serializers.IntegerField(help_text="年初预算（分）")
    adjusted = serializers.IntegerField(help_text="调整（分）")
    allocated = serializers.IntegerField(help_text="指标合计（分）")
    spent = serializers.IntegerField(help_text="支出（分）")
    months = serializers.ListField(child=serializers.IntegerField(), help_text="1–12月支出（分）")


class ExecutionSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    by = serializers.CharField()
    time_progress = serializers.ListField(
        child=serializers.IntegerField(), help_text="序时进度：[已过天数, 全年天数]"
    )
    rows = ExecutionRowSerializer(many=True)


class ExecutionView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="预算执行：按单位、项目或功能分类",
        parameters=[
            OpenApiParameter("year", int, description="年度，默认今年"),
            OpenApiParameter(
                "by", str, enum=list(LEVELS), description="dept 单位、project 项目、func 功能分类"
            ),
            OpenApiParameter("dept", str, description="单位代码（按项目时）"),
        ],
        responses={200: ExecutionSerializer, **READ_ERRORS},
    )
    def get(self, request):
        if not can(request.user, READ):
            raise exceptions.NotFound("没有找到。")
        params = request.query_params
        year = int(params["year"]) if params.get("year", "").isdigit() else clock.today().year
        if not 1990 <= year <= 2100:
            raise exceptions.ValidationError({"year": ["年度须在1990至2100之间。"]})
        by = params.get("by", "dept") if params.get("by", "dept") in LEVELS else "dept"
        dept = params.get("dept", "")[:30]
        rows = selectors.execution_rows(year, "project" if dept else by, dept=dept)
        data = {
            "year": year,
            "by": by,
            "time_progress": list(selectors.time_progress(year, clock.today())),
            "rows": rows,
        }
        return Response(ExecutionSerializer(data).data)


class ImportSerializer(serializers.ModelSerializer):
    class Meta:
        model = BudgetImport
        fields = ["id", "dataset", "year", "file_name", "result", "stage", "total", "checked", "written", "rows",
                  "replaced", "error_count", "errors", "notes", "milliseconds", "created_at"]  # fmt: skip
        read_only_fields = fields


class ImportInputSerializer(serializers.Serializer):
    dataset = serializers.ChoiceField(choices=Dataset.choices, help_text="数据类别")
    year = serializers.IntegerField(min_value=2000, max_value=2100, help_text="年度")
    file = serializers.FileField(help_text="财政部门导出的文件：CSV、Excel（.xlsx）或Parquet，金额以元为单位")
    mapping = serializers.JSONField(
        required=False,
        default=None,
        help_text='列对应：{字段: 文件中的列名}，如 {"pay_id": "凭证编号"}；不给出时使用该类数据已保存的列对应',
    )
    save_mapping = serializers.BooleanField(
        required=False, default=False, help_text="保存列对应供以后导入使用"
    )

    def validate_file(self, value):
        ext = value.name.rsplit(".", 1)[-1].lower() if "." in value.name else ""
        if ext not in ("csv", "xlsx", "parquet"):
            raise serializers.ValidationError("请上传CSV、Excel（.xlsx）或Parquet文件。")
        return value

    def validate(self, attrs):
        mapping = attrs.get("mapping")
        if mapping is not None:
            if not isinstance(mapping, dict) or not all(isinstance(v, str) for v in mapping.values()):
                raise serializers.ValidationError({"mapping": ["列对应应为 {字段: 文件中的列名}。"]})
            try:
                attrs["mapping"] = importing.clean_mapping(attrs["dataset"], mapping)
            except ValueError as error:
                raise serializers.ValidationError({"mapping": [str(error)]}) from error
        return attrs


class ImportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, InputMixin, viewsets.GenericViewSet):
    lookup_value_regex = "[0-9]+"
    queryset = BudgetImport.objects.none()
    serializer_class = ImportSerializer
    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        summary="导入一个文件（全部校验通过才导入，替换该年度同类数据）",
        request={"multipart/form-data": ImportInputSerializer},
        responses={201: ImportSerializer, **ERRORS},
        description="结果见 result：done 已导入；refused 未导入（errors 列出每一个错误行）。",
    )
    def create(self, request):
        if not can(request.user, MANAGE):
            raise exceptions.PermissionDenied("只有人大常委会预算工作机构可以导入数据。")
        data = self.validated(ImportInputSerializer)
        upload = data["file"]
        done = service_call(
            services.data_import, dataset=data["dataset"], year=data["year"], source=upload.read(),
            fmt=upload.name.rsplit(".", 1)[-1].lower(), file_name=upload.name, actor=request.user,
            mapping=data["mapping"], save_mapping=data["save_mapping"] and data["mapping"] is not None,
        )  # fmt: skip
        return Response(ImportSerializer(done).data, status=201)

    def get_queryset(self):
        return selectors.imports_visible_to(self.request.user).order_by("-created_at", "-pk")

    @extend_schema(summary="预算数据导入记录")
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="导入记录详情（含错误行）", responses={200: ImportSerializer, **READ_ERRORS})
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)
