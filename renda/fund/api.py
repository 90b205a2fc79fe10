"""The suggestion fund (代表建议专项资金) and its projects in the API, at the paths they had in the suggestions
area: /api/v1/suggestions/funds/ and /api/v1/suggestions/fund-projects/.

Funds are read by the office and the committee members (others see an empty list and a 404); writes call one
service each (fund_create, fund_update, fund_project_create, fund_project_update), stale versions give 409."""

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, mixins, serializers, status, viewsets
from rest_framework.response import Response

from renda.core.api import (
    STALE_RESPONSE,
    VersionedSerializer,
    VisiblePrimaryKeyField,
    service_call,
    versioned_changes,
)
from renda.fund import selectors, services
from renda.fund.forms import FundFilter
from renda.fund.models import FundProject, SuggestionFund
from renda.org.selectors import handling_units_visible_to
from renda.suggestions.selectors import suggestions_visible_to


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
        visible_to=suggestions_visible_to, many=True, required=False, label="相关建议"
    )
    unit = VisiblePrimaryKeyField(visible_to=handling_units_visible_to, label="实施单位")

    class Meta:
        model = FundProject
        fields = sorted(services.FUND_PROJECT_FIELDS)


class FundProjectCreateSerializer(FundProjectWriteSerializer):
    fund = VisiblePrimaryKeyField(visible_to=selectors.funds_visible_to, label="专项资金")

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
        return selectors.funds_for_list(self.request.user).order_by("-year", "name", "pk")

    def get_object(self) -> SuggestionFund:
        return selectors.fund_get_for_user(self.request.user, self.kwargs["pk"])

    def create(self, request, *args, **kwargs):
        serializer = FundWriteSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        fund = service_call(services.fund_create, actor=request.user, **serializer.validated_data)
        fund = selectors.fund_get_for_user(request.user, fund.pk)
        return Response(self.get_serializer(fund).data, status=status.HTTP_201_CREATED)

    def run_update(self, instance, changes: dict, version: int):
        fund = service_call(
            services.fund_update,
            fund=instance,
            expected_version=version,
            changes=changes,
            actor=self.request.user,
        )
        return selectors.fund_get_for_user(self.request.user, fund.pk)


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
            selectors.fund_projects_visible_to(self.request.user)
            .prefetch_related("suggestions")
            .order_by("pk")
        )

    def get_object(self) -> FundProject:
        return selectors.fund_project_get_for_user(self.request.user, self.kwargs["pk"])

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
