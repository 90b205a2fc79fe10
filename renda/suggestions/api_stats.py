"""Statistics, the unit ranking, the dashboard and the suggestion fund in the API (statistics.py).

Statistics are read by the office and the committee members (others get 403); the scope is given as on the
pages: ?session=, else ?start=&end=, else ?year= (this year by default). Rates come as numerator and
denominator, with the percentage as the reports write it. Funds are read by the same users; writes call one
service each (fund_create, fund_update, fund_project_create, fund_project_update), stale versions give 409."""

from typing import cast

import django_filters
from django.core.exceptions import PermissionDenied
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import generics, mixins, serializers, status, viewsets
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter
from rest_framework.views import APIView

from renda.core.api import (
    STALE_RESPONSE,
    VersionedSerializer,
    VisiblePrimaryKeyField,
    service_call,
    versioned_changes,
)
from renda.org.selectors import handling_units_visible_to
from renda.suggestions import selectors, services, statistics
from renda.suggestions.forms import FundFilter, StatsScopeForm, YearForm
from renda.suggestions.models import FundProject, SuggestionFund

# ---------------------------------------------------------------- figures


class RateSerializer(serializers.Serializer):
    numerator = serializers.IntegerField(help_text="分子")
    denominator = serializers.IntegerField(help_text="分母")
    percent = serializers.CharField(source="*", help_text="百分比，如 82.6%、100%；分母为0时为 —")


class CountsMixin(serializers.Serializer):
    satisfied = serializers.IntegerField(help_text="领衔代表最后一次评价为满意")
    basically_satisfied = serializers.IntegerField()
    dissatisfied = serializers.IntegerField()
    no_feedback = serializers.IntegerField(help_text="未反馈（不计入满意率）")
    evaluated = serializers.IntegerField(help_text="已评价：满意、基本满意、不满意")
    reply_rate = RateSerializer(help_text="办理答复率：已答复 ÷ 交办")
    on_time_rate = RateSerializer(help_text="按期答复率：无超期答复的已答复 ÷ 交办")
    satisfaction_rate = RateSerializer(help_text="满意率：（满意＋基本满意）÷ 已评价")


class FiguresSerializer(CountsMixin):
    """Counts and rates of a scope or of one of its groups. Read straight from the attributes rather than
    field by field, which would take DRF some 60 ms for a province's 1,000 townships (the result is the same:
    test_api_figures_read_as_drf_would)."""

    label = serializers.CharField()  # type: ignore[assignment]  # named like Field.label
    submitted = serializers.IntegerField(help_text="提出（草稿以外）")
    registered = serializers.IntegerField(help_text="立案")
    rejected = serializers.IntegerField(help_text="不予立案")
    merged = serializers.IntegerField(help_text="并案")
    assigned = serializers.IntegerField(help_text="交办")
    replied = serializers.IntegerField(help_text="已答复（至少一次）")
    replied_on_time = serializers.IntegerField(help_text="已答复且各轮答复均未超期")
    overdue = serializers.IntegerField(help_text="办理中且已过答复期限")
    resolved = serializers.IntegerField(help_text="最终答复均属计入解决率的办理结果分类")
    resolution_rate = RateSerializer(help_text="解决率：已解决 ÷ 立案")

    def to_representation(self, figures: statistics.Figures) -> dict:
        data = {}
        for name, field in self.fields.items():
            value = getattr(figures, name)
            if isinstance(field, RateSerializer):
                value = {
                    "numerator": value.numerator,
                    "denominator": value.denominator,
                    "percent": str(value),
                }
            data[name] = value
        return data


class CategoryCountSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # named like Field.label
    count = serializers.IntegerField()


class UnitFiguresSerializer(CountsMixin):
    unit = serializers.IntegerField(source="unit_id", allow_null=True, help_text="承办单位 id；合计行为 null")
    name = serializers.CharField()
    assigned = serializers.IntegerField(help_text="作为主办或分办单位的交办")
    supporting = serializers.IntegerField(help_text="作为会办或协办单位的交办")
    replied = serializers.IntegerField()
    replied_on_time = serializers.IntegerField()
    overdue = serializers.IntegerField(help_text="未答复且已过期限")
    resolved = serializers.IntegerField()
    resolution_rate = RateSerializer(help_text="解决率：已解决 ÷ 主办、分办")
    by_category = serializers.SerializerMethodField(help_text="按最终一轮答复的办理结果分类")

    @extend_schema_field(CategoryCountSerializer(many=True))
    def get_by_category(self, unit: statistics.UnitFigures) -> list[dict]:
        return [{"code": c.code, "label": c.label, "count": n} for c, n in unit.by_category]


class RankedUnitSerializer(UnitFiguresSerializer):
    rank = serializers.IntegerField(help_text="名次，得分相同并列")
    score = serializers.DecimalField(max_digits=4, decimal_places=1, help_text="办理质效得分（0–100）")


class FundFiguresSerializer(serializers.Serializer):
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, help_text="专项资金总额（元）")
    allocated = serializers.DecimalField(max_digits=14, decimal_places=2, help_text="安排到项目（元）")
    balance = serializers.DecimalField(max_digits=14, decimal_places=2, help_text="余额（元）")
    projects = serializers.IntegerField()
    completed = serializers.IntegerField()
    beneficiaries = serializers.IntegerField(help_text="惠及群众（人次）")
    sentence = serializers.CharField(
        help_text="如：用好用活代表建议办理资金628万元，推动办理代表意见建议项目28个，惠及群众5.87万人次"
    )


class ScopeSerializer(serializers.Serializer):
    label = serializers.CharField(help_text="如：十八届二次会议、2024年、2024年1月1日至2024年6月30日")  # type: ignore[assignment]  # named like Field.label
    session = serializers.IntegerField(source="session.pk", allow_null=True, default=None)
    year = serializers.IntegerField(allow_null=True)
    start = serializers.DateField(allow_null=True)
    end = serializers.DateField(allow_null=True)


class StatisticsSerializer(serializers.Serializer):
    scope = ScopeSerializer()
    sentence = serializers.CharField(
        help_text="如：十八届二次会议提出的92件代表建议，已经解决或基本解决的有76件，占82.6%……"
    )
    figures = FiguresSerializer()
    by_category = FiguresSerializer(many=True, help_text="按一级分类")
    by_township = FiguresSerializer(many=True, help_text="按领衔代表所在乡镇（街道）")
    units = UnitFiguresSerializer(many=True)
    unit_total = UnitFiguresSerializer()
    fund = FundFiguresSerializer()


class MonthSerializer(serializers.Serializer):
    month = serializers.IntegerField()
    submitted = serializers.IntegerField(help_text="当月提出")
    closed = serializers.IntegerField(help_text="当月办结")


class DashboardSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    figures = FiguresSerializer()
    by_category = FiguresSerializer(many=True)
    overdue_units = RankedUnitSerializer(many=True, help_text="有超期未答复建议的承办单位，多者在前")
    units = RankedUnitSerializer(many=True, help_text="办理质效排名")
    months = serializers.SerializerMethodField()
    fund = FundFiguresSerializer()

    @extend_schema_field(MonthSerializer(many=True))
    def get_months(self, board: statistics.Dashboard) -> list[dict]:
        return [{"month": m, "submitted": s, "closed": c} for m, s, c in board.months]


SCOPE_PARAMETERS = [
    OpenApiParameter("session", OpenApiTypes.INT, description="人代会会议 id（优先）"),
    OpenApiParameter("start", OpenApiTypes.DATE, description="起始日期（与 end 同时给出时按提交日期统计）"),
    OpenApiParameter("end", OpenApiTypes.DATE, description="截止日期"),
    OpenApiParameter("year", OpenApiTypes.INT, description="年度（默认本年）"),
]


class StatisticsReaderMixin:
    def check_reader(self, request) -> None:
        if not statistics.can_read_statistics(request.user):
            raise PermissionDenied("只有机关工作人员和常委会组成人员可以查看统计。")

    def scope(self, request) -> statistics.Scope:
        self.check_reader(request)
        form = StatsScopeForm(request.query_params)
        if not form.is_valid():
            raise serializers.ValidationError(cast(dict, form.errors))  # field → messages
        return form.scope()


class StatisticsView(StatisticsReaderMixin, APIView):
    @extend_schema(
        summary="建议办理统计（会议、年度或日期范围）",
        parameters=SCOPE_PARAMETERS,
        responses=StatisticsSerializer,
    )
    def get(self, request) -> Response:
        return Response(StatisticsSerializer(statistics.suggestion_statistics(self.scope(request))).data)


class RankingView(StatisticsReaderMixin, APIView):
    @extend_schema(
        summary="承办单位办理质效排名", parameters=SCOPE_PARAMETERS, responses=RankedUnitSerializer(many=True)
    )
    def get(self, request) -> Response:
        return Response(RankedUnitSerializer(statistics.unit_ranking(self.scope(request)), many=True).data)


class DashboardView(StatisticsReaderMixin, APIView):
    @extend_schema(
        summary="建议办理驾驶舱（年度概览）",
        parameters=[OpenApiParameter("year", OpenApiTypes.INT, description="年度（默认本年）")],
        responses=DashboardSerializer,
    )
    def get(self, request) -> Response:
        self.check_reader(request)
        form = YearForm(request.query_params)
        if not form.is_valid():
            raise serializers.ValidationError(cast(dict, form.errors))  # field → messages
        return Response(DashboardSerializer(statistics.dashboard(form.chosen_year())).data)


# ---------------------------------------------------------------- suggestion fund


class FundSerializer(serializers.ModelSerializer):
    allocated = serializers.DecimalField(
        max_digits=14, decimal_places=2, read_only=True, help_text="安排到项目（元）"
    )
    project_count = serializers.IntegerField(read_only=True)
    completed_count = serializers.IntegerField(read_only=True)
    beneficiaries = serializers.IntegerField(read_only=True, help_text="惠及群众（人次）")

    class Meta:
        model = SuggestionFund
        fields = ["id", "year", "name", "amount", "note", "allocated", "project_count", "completed_count",
                  "beneficiaries", "version"]  # fmt: skip
        read_only_fields = ["version"]


class FundWriteSerializer(serializers.ModelSerializer):
    class Meta:
        model = SuggestionFund
        fields = sorted(services.FUND_FIELDS)
        validators: list = []  # the service checks the unique name per year, with its Chinese message


class FundUpdateSerializer(VersionedSerializer, FundWriteSerializer):
    class Meta(FundWriteSerializer.Meta):
        fields = [*FundWriteSerializer.Meta.fields, "version"]


class FundProjectSerializer(serializers.ModelSerializer):
    class Meta:
        model = FundProject
        fields = ["id", "fund", "name", "suggestions", "unit", "amount", "status", "beneficiaries", "completed_on",
                  "version"]  # fmt: skip
        read_only_fields = fields


class FundProjectWriteSerializer(serializers.ModelSerializer):
    suggestions = VisiblePrimaryKeyField(
        visible_to=selectors.suggestions_visible_to, many=True, required=False, label="相关建议"
    )
    unit = VisiblePrimaryKeyField(visible_to=handling_units_visible_to, label="实施单位")

    class Meta:
        model = FundProject
        fields = sorted(services.FUND_PROJECT_FIELDS)


class FundProjectCreateSerializer(FundProjectWriteSerializer):
    fund = VisiblePrimaryKeyField(visible_to=statistics.funds_visible_to, label="专项资金")

    class Meta(FundProjectWriteSerializer.Meta):
        fields = ["fund", *FundProjectWriteSerializer.Meta.fields]


class FundProjectUpdateSerializer(VersionedSerializer, FundProjectWriteSerializer):
    class Meta(FundProjectWriteSerializer.Meta):
        fields = [*FundProjectWriteSerializer.Meta.fields, "version"]


class FundProjectApiFilter(django_filters.FilterSet):
    fund = django_filters.NumberFilter(label="专项资金")
    status = django_filters.ChoiceFilter(label="状态", choices=FundProject.Status.choices)

    class Meta:
        model = FundProject
        fields: list[str] = []


class VersionedUpdateMixin(generics.GenericAPIView):
    """PUT and PATCH with the `version` read (409 when stale), through one service."""

    update_serializer_class: type[serializers.Serializer]

    def run_update(self, instance, changes: dict, version: int):
        raise NotImplementedError

    def update(self, request, *args, partial: bool = False, **kwargs):
        instance = self.get_object()
        serializer = self.update_serializer_class(
            instance, data=request.data, partial=partial, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        version, changes = versioned_changes(serializer)
        return Response(self.get_serializer(self.run_update(instance, changes, version)).data)

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)


def _write_schema(summary: str, request, response):
    return extend_schema(summary=summary, request=request, responses={200: response, 409: STALE_RESPONSE})


@extend_schema_view(
    list=extend_schema(summary="代表建议专项资金"),
    retrieve=extend_schema(summary="专项资金详情"),
    create=extend_schema(
        summary="新增专项资金", request=FundWriteSerializer, responses={201: FundSerializer}
    ),
    update=_write_schema("修改专项资金", FundUpdateSerializer, FundSerializer),
    partial_update=_write_schema("修改专项资金（部分字段）", FundUpdateSerializer, FundSerializer),
)
class FundViewSet(
    VersionedUpdateMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = FundSerializer
    update_serializer_class = FundUpdateSerializer
    filterset_class = FundFilter
    ordering_fields = ["year", "amount", "allocated"]
    lookup_value_regex = "[0-9]+"
    queryset = SuggestionFund.objects.none()  # rows come from the selectors

    def get_queryset(self):
        return statistics.funds_for_list(self.request.user).order_by("-year", "name", "pk")

    def get_object(self) -> SuggestionFund:
        return statistics.fund_get_for_user(self.request.user, self.kwargs["pk"])

    def create(self, request, *args, **kwargs):
        serializer = FundWriteSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        fund = service_call(services.fund_create, actor=request.user, **serializer.validated_data)
        fund = statistics.fund_get_for_user(request.user, fund.pk)
        return Response(self.get_serializer(fund).data, status=status.HTTP_201_CREATED)

    def run_update(self, instance, changes: dict, version: int):
        fund = service_call(
            services.fund_update,
            fund=instance,
            expected_version=version,
            changes=changes,
            actor=self.request.user,
        )
        return statistics.fund_get_for_user(self.request.user, fund.pk)


@extend_schema_view(
    list=extend_schema(summary="专项资金项目"),
    retrieve=extend_schema(summary="专项资金项目详情"),
    create=extend_schema(
        summary="新增专项资金项目",
        request=FundProjectCreateSerializer,
        responses={201: FundProjectSerializer},
    ),
    update=_write_schema("修改专项资金项目", FundProjectUpdateSerializer, FundProjectSerializer),
    partial_update=_write_schema(
        "修改专项资金项目（部分字段）", FundProjectUpdateSerializer, FundProjectSerializer
    ),
)
class FundProjectViewSet(
    VersionedUpdateMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = FundProjectSerializer
    update_serializer_class = FundProjectUpdateSerializer
    filterset_class = FundProjectApiFilter
    ordering_fields = ["amount", "beneficiaries", "completed_on"]
    lookup_value_regex = "[0-9]+"
    queryset = FundProject.objects.none()

    def get_queryset(self):
        return (
            statistics.fund_projects_visible_to(self.request.user)
            .prefetch_related("suggestions")
            .order_by("pk")
        )

    def get_object(self) -> FundProject:
        return statistics.fund_project_get_for_user(self.request.user, self.kwargs["pk"])

    def create(self, request, *args, **kwargs):
        serializer = FundProjectCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        project = service_call(services.fund_project_create, actor=request.user, **serializer.validated_data)
        return Response(self.get_serializer(project).data, status=status.HTTP_201_CREATED)

    def run_update(self, instance, changes: dict, version: int):
        return service_call(
            services.fund_project_update,
            project=instance,
            expected_version=version,
            changes=changes,
            actor=self.request.user,
        )


router = SimpleRouter()
router.register("suggestions/funds", FundViewSet, basename="suggestion-fund")
router.register("suggestions/fund-projects", FundProjectViewSet, basename="suggestion-fund-project")

urlpatterns = [
    path("suggestions/statistics/", StatisticsView.as_view(), name="suggestion-statistics"),
    path("suggestions/ranking/", RankingView.as_view(), name="suggestion-ranking"),
    path("suggestions/dashboard/", DashboardView.as_view(), name="suggestion-dashboard"),
    *router.urls,
]
