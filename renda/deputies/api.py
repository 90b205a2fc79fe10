"""API of deputies, groups, delegations, liaison stations, reception days and activities. Reads go through
deputies.selectors (the same visibility and list filters as the pages), writes through deputies.services."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import DjangoModelPermissions
from rest_framework.response import Response

from renda.core.api import (
    STALE_RESPONSE,
    VersionedSerializer,
    VisiblePrimaryKeyField,
    service_call,
    versioned_changes,
)
from renda.deputies import selectors, services
from renda.deputies.choices import DeputyStatus, StationKind
from renda.deputies.forms import (
    PHONE_VALIDATOR,
    ActivityFilter,
    DelegationFilter,
    DeputyFilter,
    DeputyForm,
    GroupFilter,
    ReceptionDayFilter,
    StationFilter,
)
from renda.deputies.models import Activity, Delegation, Deputy, DeputyGroup, LiaisonStation, ReceptionDay
from renda.org.selectors import terms_visible_to, townships_visible_to

# ---------------------------------------------------------------- deputies

DEPUTY_FIELDS = DeputyForm.Meta.fields


class DeputySerializer(serializers.ModelSerializer):
    township_name = serializers.CharField(source="township.name", read_only=True, default=None)
    phone = serializers.SerializerMethodField(help_text="无权查看完整号码时为掩码，如 138****5678")

    class Meta:
        model = Deputy
        fields = [
            "id",
            "name_initials",
            *DEPUTY_FIELDS,
            "township_name",
            "status",
            "status_date",
            "status_reason",
            "version",
        ]

    def get_phone(self, deputy: Deputy) -> str:
        return selectors.deputy_phone_for(self.context["request"].user, deputy)


class DeputyWriteSerializer(serializers.ModelSerializer):
    terms = VisiblePrimaryKeyField(visible_to=terms_visible_to, many=True, required=False, label="任职届次")
    township = VisiblePrimaryKeyField(
        visible_to=townships_visible_to, allow_null=True, required=False, label="所在乡镇（街道）"
    )
    station = VisiblePrimaryKeyField(
        visible_to=selectors.stations_visible_to, allow_null=True, required=False, label="进驻联络站"
    )
    phone = serializers.CharField(
        label="手机号", max_length=20, required=False, allow_blank=True, validators=[PHONE_VALIDATOR]
    )

    class Meta:
        model = Deputy
        fields = DEPUTY_FIELDS


class DeputyUpdateSerializer(VersionedSerializer, DeputyWriteSerializer):
    class Meta(DeputyWriteSerializer.Meta):
        fields = [*DEPUTY_FIELDS, "version"]


class DeputyPermissions(DjangoModelPermissions):
    """Registering a deputy needs deputies.add_deputy. Whether a record may be changed is decided per record
    (selectors.can_edit_deputy), and which fields by services.deputy_update."""

    perms_map = {**DjangoModelPermissions.perms_map, "PUT": [], "PATCH": []}


@extend_schema_view(
    list=extend_schema(summary="代表名册"),
    retrieve=extend_schema(summary="代表详情"),
    create=extend_schema(
        summary="新增代表", request=DeputyWriteSerializer, responses={201: DeputySerializer}
    ),
    update=extend_schema(
        summary="修改代表信息",
        description="机关工作人员可改全部字段；代表本人只能改自己的手机号、工作单位及职务、职称。",
        request=DeputyUpdateSerializer,
        responses={200: DeputySerializer, 409: STALE_RESPONSE},
    ),
    partial_update=extend_schema(
        summary="修改代表信息（部分字段）",
        description="机关工作人员可改全部字段；代表本人只能改自己的手机号、工作单位及职务、职称。",
        request=DeputyUpdateSerializer,
        responses={200: DeputySerializer, 409: STALE_RESPONSE},
    ),
)
class DeputyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = DeputySerializer
    permission_classes = [DeputyPermissions]
    filterset_class = DeputyFilter
    ordering_fields = ["name_pinyin", "birth_date", "township__order", "updated_at"]

    def get_queryset(self):
        return selectors.deputies_for_list(self.request.user).prefetch_related("terms")

    def create(self, request, *args, **kwargs):
        serializer = DeputyWriteSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        deputy = service_call(services.deputy_create, data=serializer.validated_data, actor=request.user)
        return Response(self.get_serializer(deputy).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, partial: bool = False, **kwargs):
        deputy = self.get_object()
        if not selectors.can_edit_deputy(request.user, deputy):
            raise PermissionDenied("代表只能修改本人的信息。")
        serializer = DeputyUpdateSerializer(
            deputy, data=request.data, partial=partial, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        version, changes = versioned_changes(serializer)
        deputy = service_call(
            services.deputy_update,
            deputy=deputy,
            expected_version=version,
            changes=changes,
            actor=request.user,
        )
        return Response(self.get_serializer(deputy).data)

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)


# ---------------------------------------------------------------- groups and delegations


def _member_ids():
    return Prefetch("members", queryset=Deputy.objects.only("pk").order_by("name_pinyin", "pk"))


class DeputyGroupSerializer(serializers.ModelSerializer):
    member_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = DeputyGroup
        fields = ["id", "name", "kind", "township", "leader", "member_count", "members"]


@extend_schema_view(list=extend_schema(summary="代表小组"), retrieve=extend_schema(summary="代表小组详情"))
class DeputyGroupViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = DeputyGroupSerializer
    filterset_class = GroupFilter
    ordering_fields = ["name"]

    def get_queryset(self):
        return selectors.groups_for_list(self.request.user).prefetch_related(_member_ids())


class DelegationSerializer(serializers.ModelSerializer):
    member_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Delegation
        fields = ["id", "term", "name", "township", "leader", "member_count", "members"]


@extend_schema_view(list=extend_schema(summary="代表团"), retrieve=extend_schema(summary="代表团详情"))
class DelegationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = DelegationSerializer
    filterset_class = DelegationFilter
    ordering_fields = ["name", "township__order"]

    def get_queryset(self):
        return selectors.delegations_for_list(self.request.user).prefetch_related(_member_ids())


# ---------------------------------------------------------------- liaison stations, reception days, activities


class StationSerializer(serializers.ModelSerializer):
    deputy_count = serializers.IntegerField(read_only=True, help_text="进驻代表人数")

    class Meta:
        model = LiaisonStation
        fields = ["id", *services.STATION_FIELDS, "deputy_count", "version"]


class StationKindCountSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=StationKind.choices)
    label = serializers.CharField()
    count = serializers.IntegerField()


@extend_schema_view(
    list=extend_schema(summary="代表联络站"),
    retrieve=extend_schema(summary="代表联络站详情"),
    summary=extend_schema(
        summary="各类联络站数量",
        description="按类型统计联络站数量，可用与列表相同的筛选条件（如 township）。",
        responses=StationKindCountSerializer(many=True),
    ),
)
class StationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = StationSerializer
    filterset_class = StationFilter
    ordering_fields = ["name", "kind", "township__order"]

    def get_queryset(self):
        return selectors.station_list_for(self.request.user)

    @action(detail=False, pagination_class=None)
    def summary(self, request):
        stations = self.filter_queryset(selectors.stations_visible_to(request.user))
        counts = selectors.station_counts_by_kind(stations)
        return Response([{"kind": kind, "label": label, "count": count} for kind, label, count in counts])


class ReceptionDaySerializer(serializers.ModelSerializer):
    activity = serializers.SerializerMethodField(help_text="登记为已接待后对应的履职活动；尚未登记时为空")

    class Meta:
        model = ReceptionDay
        fields = [
            "id",
            "station",
            "date",
            "start_time",
            "end_time",
            "topic",
            "deputies",
            "announced_at",
            "activity",
        ]

    def get_activity(self, reception_day: ReceptionDay) -> int | None:
        activity = getattr(reception_day, "activity", None)
        return activity.pk if activity else None


class ReceptionDayCreateSerializer(serializers.ModelSerializer):
    station = VisiblePrimaryKeyField(visible_to=selectors.stations_visible_to, label="联络站")
    deputies = VisiblePrimaryKeyField(
        visible_to=lambda user: selectors.deputies_visible_to(user).filter(status=DeputyStatus.ACTIVE),
        many=True,
        label="接待代表",
    )

    class Meta:
        model = ReceptionDay
        fields = ["station", "date", "start_time", "end_time", "topic", "deputies"]


@extend_schema_view(
    list=extend_schema(summary="接待日"),
    retrieve=extend_schema(summary="接待日详情"),
    create=extend_schema(
        summary="公告接待日",
        description="接待日至少提前若干天公告（规则 reception_notice_days，默认3天）；联络站管理员只能为本站安排。",
        request=ReceptionDayCreateSerializer,
        responses={201: ReceptionDaySerializer},
    ),
)
class ReceptionDayViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ReceptionDaySerializer
    permission_classes = [DjangoModelPermissions]
    filterset_class = ReceptionDayFilter
    ordering_fields = ["date", "start_time"]

    def get_queryset(self):
        return selectors.reception_day_list_for(self.request.user)

    def create(self, request, *args, **kwargs):
        serializer = ReceptionDayCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = {"topic": "", **serializer.validated_data}
        reception_day = service_call(services.reception_day_announce, **data, actor=request.user)
        return Response(self.get_serializer(reception_day).data, status=status.HTTP_201_CREATED)


class ActivitySerializer(serializers.ModelSerializer):
    class Meta:
        model = Activity
        fields = ["id", *services.ACTIVITY_FIELDS, "deputies", "reception_day"]


@extend_schema_view(list=extend_schema(summary="履职活动"), retrieve=extend_schema(summary="履职活动详情"))
class ActivityViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ActivitySerializer
    filterset_class = ActivityFilter
    ordering_fields = ["date", "kind", "title"]

    def get_queryset(self):
        return selectors.activity_list_for(self.request.user)
