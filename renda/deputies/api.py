"""API of deputies, groups, delegations, liaison stations, reception days and activities. Reads go through
deputies.selectors (the same visibility and list filters as the pages), writes through deputies.services."""

from typing import Any, cast

from django.db.models import Prefetch, Q, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.fields import empty
from rest_framework.permissions import SAFE_METHODS, BasePermission, DjangoModelPermissions
from rest_framework.relations import MANY_RELATION_KWARGS
from rest_framework.response import Response
from rest_framework.utils import html

from renda.core.api import (
    STALE_RESPONSE,
    ChangeActionPermissions,
    VersionedSerializer,
    VisiblePrimaryKeyField,
    service_call,
    validated,
    viewset_schema,
)
from renda.core.api_permissions import ModelCapabilities
from renda.core.roles import is_office_staff
from renda.core.viewsets import EditableRecordViewSet, RecordViewSet
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


class PresentManyRelatedField(serializers.ManyRelatedField):
    """A list of ids that is missing when it is not sent, in form data too: DRF reads a form-encoded body
    without the field as an empty list, so a body without `deputies` or `members` would empty a station, group,
    delegation or activity. A missing required list is a 400; a missing optional one keeps what is there."""

    def get_value(self, dictionary: Any) -> Any:
        if html.is_html_input(dictionary) and self.field_name not in dictionary:
            return empty
        return super().get_value(dictionary)


class VisibleIdsField(VisiblePrimaryKeyField):
    """VisiblePrimaryKeyField whose `many=True` list is a PresentManyRelatedField."""

    @classmethod
    def many_init(cls, *args: Any, **kwargs: Any) -> PresentManyRelatedField:
        list_kwargs = {key: value for key, value in kwargs.items() if key in MANY_RELATION_KWARGS}
        return PresentManyRelatedField(child_relation=cls(*args, **kwargs), **list_kwargs)


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
    terms = VisibleIdsField(visible_to=terms_visible_to, many=True, required=False, label="任职届次")
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


class DeputyStatusSerializer(VersionedSerializer):
    status = serializers.ChoiceField(label="状态", choices=DeputyStatus.choices)
    status_date = serializers.DateField(label="变更日期")
    status_reason = serializers.CharField(
        label="变更原因", max_length=200, help_text="如：因工作调动辞去代表职务"
    )


class DeputyPermissions(ModelCapabilities):
    """Registering a deputy needs deputies.add_deputy. Whether a record may be changed is decided per record
    (selectors.can_edit_deputy), and which fields by services.deputy_update."""

    perms_map = {**DjangoModelPermissions.perms_map, "PUT": [], "PATCH": []}


@viewset_schema(
    "代表",
    create=DeputyWriteSerializer,
    update=DeputyUpdateSerializer,
    summaries={"list": "代表名册", "update": "修改代表信息"},
    descriptions={"update": "机关工作人员可改全部字段；代表本人只能改自己的手机号、工作单位及职务、职称。"},
    status_change=extend_schema(
        summary="变更代表状态",
        description="登记代表辞职、被罢免、终止代表资格或去世（或更正为在任），须填日期和原因。",
        request=DeputyStatusSerializer,
        responses={200: DeputySerializer, 409: STALE_RESPONSE},
    ),
)
class DeputyViewSet(EditableRecordViewSet):
    serializer_class = DeputySerializer
    permission_classes = [DeputyPermissions]
    filterset_class = DeputyFilter
    ordering_fields = ["name_pinyin", "birth_date", "township__order", "updated_at"]

    def get_queryset(self):
        return selectors.deputies_for_list(self.request.user).prefetch_related("terms")

    def filter_queryset(self, queryset):
        """The list starts from the registry's default scope (DeputyFilter: serving deputies of the user's
        congress); a record's own address finds every deputy the user may see, as the page does."""
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def create(self, request, *args, **kwargs):
        data = validated(self, DeputyWriteSerializer).validated_data
        return self.created(service_call(services.deputy_create, data=data, actor=request.user))

    def update(self, request, *args, partial: bool = False, **kwargs):
        deputy = self.get_object()
        if not selectors.can_edit_deputy(request.user, deputy):
            raise PermissionDenied("代表只能修改本人的信息。")
        return self.update_record(
            DeputyUpdateSerializer, services.deputy_update, partial=partial, deputy=deputy
        )

    @action(detail=True, methods=["post"], url_path="status", permission_classes=[ChangeActionPermissions])
    def status_change(self, request, pk=None):
        deputy = self.get_object()
        data = validated(self, DeputyStatusSerializer).validated_data
        deputy = service_call(
            services.deputy_status_change,
            deputy=deputy,
            expected_version=data["version"],
            status=data["status"],
            date=data["status_date"],
            reason=data["status_reason"],
            actor=request.user,
        )
        return self.respond(deputy)


# ---------------------------------------------------------------- groups and delegations


def _member_ids():
    return Prefetch("members", queryset=Deputy.objects.only("pk").order_by("name_pinyin", "pk"))


def _members_field() -> serializers.ManyRelatedField:
    # A related field built with many=True is a ManyRelatedField (RelatedField.__new__); the stubs miss it.
    field = VisibleIdsField(
        visible_to=selectors.deputies_visible_to,
        many=True,
        required=False,
        label="成员",
        help_text="成员代表的 id；修改时不提供则成员不变",
    )
    return cast(serializers.ManyRelatedField, field)


def _leader_field(label: str) -> VisiblePrimaryKeyField:
    return VisiblePrimaryKeyField(
        visible_to=selectors.deputies_visible_to,
        allow_null=True,
        required=False,
        label=label,
        help_text="须为成员之一",
    )


def _township_field() -> VisiblePrimaryKeyField:
    return VisiblePrimaryKeyField(
        visible_to=townships_visible_to, allow_null=True, required=False, label="乡镇（街道）"
    )


def _with_members(serializer: serializers.Serializer, record=None) -> tuple[dict, Any]:
    """(record fields, members) of a validated group or delegation; an update without members keeps them."""
    data = dict(serializer.validated_data)
    members = data.pop("members", [] if record is None else record.members.all())
    return data, members


class DeputyGroupSerializer(serializers.ModelSerializer):
    member_count = serializers.IntegerField(read_only=True, help_text="在任成员人数")

    class Meta:
        model = DeputyGroup
        fields = ["id", "name", "kind", "township", "leader", "member_count", "members"]


class DeputyGroupWriteSerializer(serializers.ModelSerializer):
    township = _township_field()
    leader = _leader_field("组长")
    members = _members_field()

    class Meta:
        model = DeputyGroup
        fields = ["name", "kind", "township", "leader", "members"]


@viewset_schema("代表小组", create=DeputyGroupWriteSerializer, update=DeputyGroupWriteSerializer)
class DeputyGroupViewSet(EditableRecordViewSet):
    serializer_class = DeputyGroupSerializer
    respond_as_listed = True  # with its member count and member ids
    filterset_class = GroupFilter
    ordering_fields = ["name"]

    def get_queryset(self):
        return selectors.groups_for_list(self.request.user).prefetch_related(_member_ids())

    def create(self, request, *args, **kwargs):
        data, members = _with_members(validated(self, DeputyGroupWriteSerializer))
        group = service_call(services.deputy_group_create, data=data, members=members, actor=request.user)
        return self.created(group)

    def update(self, request, *args, partial: bool = False, **kwargs):
        group = self.get_object()
        serializer = validated(self, DeputyGroupWriteSerializer, instance=group, partial=partial)
        data, members = _with_members(serializer, group)
        service_call(
            services.deputy_group_update, group=group, data=data, members=members, actor=request.user
        )
        return self.respond(group)


class DelegationSerializer(serializers.ModelSerializer):
    member_count = serializers.IntegerField(read_only=True, help_text="在任成员人数")

    class Meta:
        model = Delegation
        fields = ["id", "term", "name", "township", "leader", "member_count", "members"]


class DelegationWriteSerializer(serializers.ModelSerializer):
    term = VisiblePrimaryKeyField(visible_to=terms_visible_to, label="届次")
    township = _township_field()
    leader = _leader_field("团长")
    members = _members_field()

    class Meta:
        model = Delegation
        fields = ["term", "name", "township", "leader", "members"]
        validators: list = []  # the name is checked within the term when deputies.services saves


@viewset_schema("代表团", create=DelegationWriteSerializer, update=DelegationWriteSerializer)
class DelegationViewSet(EditableRecordViewSet):
    serializer_class = DelegationSerializer
    respond_as_listed = True  # with its member count and member ids
    filterset_class = DelegationFilter
    ordering_fields = ["name", "township__order"]

    def get_queryset(self):
        return selectors.delegations_for_list(self.request.user).prefetch_related(_member_ids())

    def create(self, request, *args, **kwargs):
        data, members = _with_members(validated(self, DelegationWriteSerializer))
        delegation = service_call(services.delegation_create, data=data, members=members, actor=request.user)
        return self.created(delegation)

    def update(self, request, *args, partial: bool = False, **kwargs):
        delegation = self.get_object()
        serializer = validated(self, DelegationWriteSerializer, instance=delegation, partial=partial)
        data, members = _with_members(serializer, delegation)
        service_call(
            services.delegation_update, delegation=delegation, data=data, members=members, actor=request.user
        )
        return self.respond(delegation)


# ---------------------------------------------------------------- liaison stations, reception days, activities


class StationSerializer(serializers.ModelSerializer):
    deputy_count = serializers.IntegerField(read_only=True, help_text="在任进驻代表人数")

    class Meta:
        model = LiaisonStation
        fields = ["id", *services.STATION_FIELDS, "deputy_count", "version"]


class StationWriteSerializer(serializers.ModelSerializer):
    township = _township_field()
    parent = VisiblePrimaryKeyField(  # type: ignore[assignment]  # a field named like Field.parent (stubs)
        visible_to=selectors.stations_visible_to,
        allow_null=True,
        required=False,
        label="上级联络站",
        help_text="村/社区代表联络室须选择所属的乡镇/街道代表联络站",
    )

    class Meta:
        model = LiaisonStation
        fields = list(services.STATION_FIELDS)


class StationUpdateSerializer(VersionedSerializer, StationWriteSerializer):
    class Meta(StationWriteSerializer.Meta):
        fields = [*services.STATION_FIELDS, "version"]


@extend_schema_field(OpenApiTypes.INT)
class StationCandidateField(VisibleIdsField):
    """A deputy who may be assigned to the station in the context, as the station page offers them: one in
    office from the station's township (any township for a station without one), or one already there."""

    def get_queryset(self) -> QuerySet[Deputy]:
        station = self.context["station"]
        candidates = Q(status=DeputyStatus.ACTIVE)
        if station.township_id:
            candidates &= Q(township_id=station.township_id)
        return super().get_queryset().filter(candidates | Q(station=station))


class StationDeputiesSerializer(serializers.Serializer):
    deputies = StationCandidateField(
        visible_to=selectors.deputies_visible_to,
        many=True,
        label="进驻代表",
        help_text="进驻本站的全部代表的 id：未列出的本站代表移出，来自其他联络站的代表转入本站",
    )


class StationPermissions(BasePermission):
    """Every signed-in user reads stations; only office staff change them, as on the pages."""

    message = "只有人大机关工作人员可以管理联络站。"

    def has_permission(self, request, view) -> bool:
        user = request.user
        return user.is_authenticated and (request.method in SAFE_METHODS or is_office_staff(user))


class StationKindCountSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=StationKind.choices)
    label = serializers.CharField()  # type: ignore[assignment]  # a field named like Field.label (stubs)
    count = serializers.IntegerField()


@viewset_schema(
    "联络站",
    create=StationWriteSerializer,
    update=StationUpdateSerializer,
    summaries={"list": "代表联络站", "retrieve": "代表联络站详情"},
    descriptions={"create": "只有人大机关工作人员可以管理联络站。"},
    summary=extend_schema(
        summary="各类联络站数量",
        description="按类型统计联络站数量，可用与列表相同的筛选条件（如 township）。",
        responses=StationKindCountSerializer(many=True),
    ),
    deputies_assign=extend_schema(
        summary="调整进驻代表",
        description="可选本站所在乡镇（街道）的在任代表；进驻代表的版本号随之更新。",
        request=StationDeputiesSerializer,
        responses={200: StationSerializer},
    ),
)
class StationViewSet(EditableRecordViewSet):
    serializer_class = StationSerializer
    permission_classes = [StationPermissions]
    respond_as_listed = True  # with its deputy count
    filterset_class = StationFilter
    ordering_fields = ["name", "kind", "township__order"]

    def get_queryset(self):
        return selectors.station_list_for(self.request.user)

    def create(self, request, *args, **kwargs):
        data = validated(self, StationWriteSerializer).validated_data
        return self.created(service_call(services.station_create, data=data, actor=request.user))

    def update(self, request, *args, partial: bool = False, **kwargs):
        return self.update_record(
            StationUpdateSerializer, services.station_update, partial=partial, station=self.get_object()
        )

    @action(detail=True, methods=["post"], url_path="deputies-assign")
    def deputies_assign(self, request, pk=None):
        station = self.get_object()
        serializer = validated(self, StationDeputiesSerializer, context={"station": station})
        deputies = serializer.validated_data["deputies"]
        service_call(services.station_deputies_assign, station=station, deputies=deputies, actor=request.user)
        return self.respond(station)

    @action(detail=False, pagination_class=None)
    def summary(self, request):
        stations = self.filter_queryset(selectors.stations_visible_to(request.user))
        counts = selectors.station_counts_by_kind(stations)
        return Response([{"kind": kind, "label": label, "count": count} for kind, label, count in counts])


class ActivitySerializer(serializers.ModelSerializer):
    class Meta:
        model = Activity
        fields = ["id", *services.ACTIVITY_FIELDS, "deputies", "reception_day"]


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


class ReceptionRecordSerializer(serializers.Serializer):
    summary = serializers.CharField(label="接待情况", help_text="接待群众人数、反映的主要问题及处理意见")


class ReceptionDayCreateSerializer(serializers.ModelSerializer):
    station = VisiblePrimaryKeyField(visible_to=selectors.stations_visible_to, label="联络站")
    deputies = VisibleIdsField(
        visible_to=lambda user: selectors.deputies_visible_to(user).filter(status=DeputyStatus.ACTIVE),
        many=True,
        label="接待代表",
    )

    class Meta:
        model = ReceptionDay
        fields = ["station", "date", "start_time", "end_time", "topic", "deputies"]


@viewset_schema(
    "接待日",
    create=ReceptionDayCreateSerializer,
    summaries={"create": "公告接待日"},
    descriptions={
        "create": "接待日至少提前若干天公告（规则 reception_notice_days，默认3天）；联络站管理员只能为本站安排。"
    },
    record=extend_schema(
        summary="登记为已接待",
        description="接待日当天或之后登记一次，生成一条“接待选民”履职活动；联络站管理员只能登记本站的接待日。",
        request=ReceptionRecordSerializer,
        responses={201: ActivitySerializer},
    ),
)
class ReceptionDayViewSet(RecordViewSet):
    serializer_class = ReceptionDaySerializer
    filterset_class = ReceptionDayFilter
    ordering_fields = ["date", "start_time"]

    def get_queryset(self):
        return selectors.reception_day_list_for(self.request.user)

    def create(self, request, *args, **kwargs):
        data = {"topic": "", **validated(self, ReceptionDayCreateSerializer).validated_data}
        return self.created(service_call(services.reception_day_announce, **data, actor=request.user))

    @action(detail=True, methods=["post"], permission_classes=[ChangeActionPermissions])
    def record(self, request, pk=None):
        reception_day = selectors.reception_day_get_for_recording(request.user, pk)
        summary = validated(self, ReceptionRecordSerializer).validated_data["summary"]
        activity = service_call(
            services.reception_day_record, reception_day=reception_day, summary=summary, actor=request.user
        )
        return Response(ActivitySerializer(activity).data, status=status.HTTP_201_CREATED)


class ActivityDeputiesField(VisibleIdsField):
    """A deputy in office or, when an activity is changed, one already taking part (who may have left since)."""

    def get_queryset(self) -> QuerySet[Deputy]:
        activity = self.root.instance
        chosen = Q(status=DeputyStatus.ACTIVE)
        if activity is not None:
            chosen |= Q(pk__in=activity.deputies.values("pk"))
        return super().get_queryset().filter(chosen)


class ActivityWriteSerializer(serializers.ModelSerializer):
    station = VisiblePrimaryKeyField(
        visible_to=selectors.stations_visible_to,
        allow_null=True,
        required=False,
        label="联络站",
        help_text="联络站管理员只能登记本站的活动",
    )
    deputies = ActivityDeputiesField(visible_to=selectors.deputies_visible_to, many=True, label="参加代表")

    class Meta:
        model = Activity
        fields = [*services.ACTIVITY_FIELDS, "deputies"]


@viewset_schema(
    "履职活动",
    create=ActivityWriteSerializer,
    update=ActivityWriteSerializer,
    summaries={"create": "登记履职活动"},
    descriptions={
        "create": "人大机关工作人员可登记任何活动；联络站管理员只能登记本站的活动。",
        "update": "联络站管理员只能修改本站的活动，也不能把活动改到其他联络站。",
    },
)
class ActivityViewSet(EditableRecordViewSet):
    serializer_class = ActivitySerializer
    respond_as_listed = True
    filterset_class = ActivityFilter
    ordering_fields = ["date", "kind", "title"]

    def get_queryset(self):
        return selectors.activity_list_for(self.request.user)

    def create(self, request, *args, **kwargs):
        data = validated(self, ActivityWriteSerializer).validated_data
        return self.created(service_call(services.activity_create, data=data, actor=request.user))

    def update(self, request, *args, partial: bool = False, **kwargs):
        activity = selectors.activity_get_for_edit(request.user, kwargs["pk"])
        return self.update_record(
            ActivityWriteSerializer, services.activity_update, partial=partial, activity=activity
        )
