"""Statistics, the unit ranking and the dashboard in the API (statistics.py).

Statistics are read by the office and the committee members (others get 403); the scope is given as on the
pages: ?session=, else ?start=&end=, else ?year= (this year by default). Rates come as numerator and
denominator, with the percentage as the reports write it. The suggestion fund's totals come with them
(`fund`); the funds and their projects have their own endpoints (renda/fund/api.py)."""

from typing import cast

from django.core.exceptions import PermissionDenied
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from renda.suggestions import statistics
from renda.suggestions.forms import StatsScopeForm, YearForm

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


urlpatterns = [
    path("suggestions/statistics/", StatisticsView.as_view(), name="suggestion-statistics"),
    path("suggestions/ranking/", RankingView.as_view(), name="suggestion-ranking"),
    path("suggestions/dashboard/", DashboardView.as_view(), name="suggestion-dashboard"),
]
