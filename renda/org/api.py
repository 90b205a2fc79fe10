"""API of the organisation. Every signed-in user reads it (org.selectors); users who can(…) change
it through org.services, one service per write, with the same rules as the pages."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from renda.core.api import (
    STALE_RESPONSE,
    VersionedSerializer,
    VisiblePrimaryKeyField,
    service_call,
    versioned_changes,
)
from renda.core.api_permissions import ChangeActionCapabilities, ModelCapabilities
from renda.deputies.selectors import deputies_visible_to
from renda.org import selectors, services
from renda.org.forms import PHONE_VALIDATOR, HandlingUnitFilter
from renda.org.models import (
    CommitteeMembership,
    CommitteeOffice,
    CongressSession,
    HandlingUnit,
    Jurisdiction,
    Term,
    Township,
)


def _valid(view: viewsets.GenericViewSet, serializer_class, **kwargs) -> serializers.Serializer:
    """`serializer_class` bound to the request's data and validated; a 400 with Chinese errors per field otherwise."""
    serializer = serializer_class(data=view.request.data, context=view.get_serializer_context(), **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer


# ---------------------------------------------------------------- jurisdiction and townships


class JurisdictionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Jurisdiction
        fields = ["id", *services.JURISDICTION_FIELDS, "version"]
        read_only_fields = ["version"]


class JurisdictionUpdateSerializer(VersionedSerializer, JurisdictionSerializer):
    pass


@extend_schema_view(
    list=extend_schema(summary="行政区"),
    retrieve=extend_schema(summary="行政区详情"),
    update=extend_schema(
        summary="修改行政区",
        request=JurisdictionUpdateSerializer,
        responses={200: JurisdictionSerializer, 409: STALE_RESPONSE},
    ),
    partial_update=extend_schema(
        summary="修改行政区（部分字段）",
        request=JurisdictionUpdateSerializer,
        responses={200: JurisdictionSerializer, 409: STALE_RESPONSE},
    ),
)
class JurisdictionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = JurisdictionSerializer
    permission_classes = [ModelCapabilities]

    def get_queryset(self):
        return selectors.jurisdictions_visible_to(self.request.user).order_by("pk")

    def update(self, request, *args, partial: bool = False, **kwargs):
        jurisdiction = self.get_object()
        serializer = JurisdictionUpdateSerializer(
            jurisdiction, data=request.data, partial=partial, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        version, changes = versioned_changes(serializer)
        jurisdiction = service_call(
            services.jurisdiction_update,
            jurisdiction=jurisdiction,
            expected_version=version,
            changes=changes,
            actor=request.user,
        )
        return Response(self.get_serializer(jurisdiction).data)

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)


class TownshipSerializer(serializers.ModelSerializer):
    class Meta:
        model = Township
        fields = ["id", "jurisdiction", *services.TOWNSHIP_FIELDS]


class TownshipUpdateSerializer(serializers.ModelSerializer):
    order = serializers.IntegerField(
        label="排序",
        min_value=0,
        required=False,
        allow_null=True,
        help_text="数字小的排在前面；新增时不填则排在最后",
    )

    class Meta:
        model = Township
        fields = list(services.TOWNSHIP_FIELDS)


class TownshipCreateSerializer(TownshipUpdateSerializer):
    jurisdiction = VisiblePrimaryKeyField(visible_to=selectors.jurisdictions_visible_to, label="行政区")

    class Meta(TownshipUpdateSerializer.Meta):
        fields = ["jurisdiction", *services.TOWNSHIP_FIELDS]
        validators: list = []  # the name is checked within the jurisdiction when org.services saves


@extend_schema_view(
    list=extend_schema(summary="乡镇（街道）"),
    retrieve=extend_schema(summary="乡镇（街道）详情"),
    create=extend_schema(
        summary="新增乡镇（街道）", request=TownshipCreateSerializer, responses={201: TownshipSerializer}
    ),
    update=extend_schema(
        summary="修改乡镇（街道）", request=TownshipUpdateSerializer, responses={200: TownshipSerializer}
    ),
    partial_update=extend_schema(
        summary="修改乡镇（街道）（部分字段）",
        request=TownshipUpdateSerializer,
        responses={200: TownshipSerializer},
    ),
)
class TownshipViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = TownshipSerializer
    permission_classes = [ModelCapabilities]
    filterset_fields = ["jurisdiction", "kind"]
    ordering_fields = ["order", "name"]

    def get_queryset(self):
        return selectors.townships_visible_to(self.request.user)

    def create(self, request, *args, **kwargs):
        data = dict(_valid(self, TownshipCreateSerializer).validated_data)
        jurisdiction = data.pop("jurisdiction")
        township = service_call(
            services.township_create, jurisdiction=jurisdiction, data=data, actor=request.user
        )
        return Response(self.get_serializer(township).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, partial: bool = False, **kwargs):
        township = self.get_object()
        changes = _valid(self, TownshipUpdateSerializer, instance=township, partial=partial).validated_data
        township = service_call(
            services.township_update, township=township, changes=changes, actor=request.user
        )
        return Response(self.get_serializer(township).data)

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)


# ---------------------------------------------------------------- terms and congress sessions


class TermSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField(help_text="如：第十八届")
    session_count = serializers.IntegerField(read_only=True, help_text="人代会会议次数")
    deputy_count = serializers.IntegerField(read_only=True, help_text="本届代表人数")
    membership_count = serializers.IntegerField(read_only=True, help_text="常委会组成人员任职记录数")

    class Meta:
        model = Term
        fields = [
            "id",
            "jurisdiction",
            "number",
            "name",
            "start_date",
            "end_date",
            "is_current",
            "session_count",
            "deputy_count",
            "membership_count",
        ]

    def get_name(self, term: Term) -> str:
        return str(term)


class TermUpdateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Term
        fields = list(services.TERM_FIELDS)


class TermCreateSerializer(TermUpdateSerializer):
    jurisdiction = VisiblePrimaryKeyField(visible_to=selectors.jurisdictions_visible_to, label="行政区")
    is_current = serializers.BooleanField(
        label="设为本届", default=False, help_text="原本届将不再是本届；一个行政区的第一届总是本届"
    )

    class Meta(TermUpdateSerializer.Meta):
        fields = ["jurisdiction", *services.TERM_FIELDS, "is_current"]
        # org.services keeps one current term per jurisdiction and checks the number when it saves
        validators: list = []


@extend_schema_view(
    list=extend_schema(summary="届次"),
    retrieve=extend_schema(summary="届次详情"),
    create=extend_schema(summary="新增届次", request=TermCreateSerializer, responses={201: TermSerializer}),
    update=extend_schema(
        summary="修改届次",
        description="只改届次和起止日期；设为本届用 set-current。",
        request=TermUpdateSerializer,
        responses={200: TermSerializer},
    ),
    partial_update=extend_schema(
        summary="修改届次（部分字段）",
        description="只改届次和起止日期；设为本届用 set-current。",
        request=TermUpdateSerializer,
        responses={200: TermSerializer},
    ),
    set_current=extend_schema(summary="设为本届", request=None, responses={200: TermSerializer}),
)
class TermViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = TermSerializer
    permission_classes = [ModelCapabilities]
    filterset_fields = ["jurisdiction", "is_current"]
    ordering_fields = ["number", "start_date"]

    def get_queryset(self):
        return selectors.terms_for_list(self.request.user)

    def _row(self, term: Term, code: int = status.HTTP_200_OK) -> Response:
        """The term as the list shows it, with its counts."""
        return Response(self.get_serializer(self.get_queryset().get(pk=term.pk)).data, status=code)

    def create(self, request, *args, **kwargs):
        data = _valid(self, TermCreateSerializer).validated_data
        term = service_call(services.term_create, **data, actor=request.user)
        return self._row(term, status.HTTP_201_CREATED)

    def update(self, request, *args, partial: bool = False, **kwargs):
        term = self.get_object()
        changes = _valid(self, TermUpdateSerializer, instance=term, partial=partial).validated_data
        return self._row(service_call(services.term_update, term=term, changes=changes, actor=request.user))

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    @action(
        detail=True, methods=["post"], url_path="set-current", permission_classes=[ChangeActionCapabilities]
    )
    def set_current(self, request, pk=None):
        term = service_call(services.term_set_current, term=self.get_object(), actor=request.user)
        return self._row(term)


class CongressSessionSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField(help_text="如：第十八届人民代表大会第二次会议")

    class Meta:
        model = CongressSession
        fields = ["id", "term", "number", "name", "short_name", "start_date", "end_date", "place"]

    def get_name(self, session: CongressSession) -> str:
        return str(session)


class CongressSessionCreateSerializer(serializers.ModelSerializer):
    term = VisiblePrimaryKeyField(visible_to=selectors.terms_visible_to, label="届次")

    class Meta:
        model = CongressSession
        fields = ["term", "number", "start_date", "end_date", "place"]
        validators: list = []  # the number is checked within the term when org.services saves


@extend_schema_view(
    list=extend_schema(summary="人代会会议"),
    retrieve=extend_schema(summary="人代会会议详情"),
    create=extend_schema(
        summary="新增人代会会议",
        description="开幕日期应在该届任期内。",
        request=CongressSessionCreateSerializer,
        responses={201: CongressSessionSerializer},
    ),
)
class CongressSessionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = CongressSessionSerializer
    permission_classes = [ModelCapabilities]
    filterset_fields = ["term"]
    ordering_fields = ["start_date", "number"]

    def get_queryset(self):
        return selectors.congress_sessions_visible_to(self.request.user).select_related("term")

    def create(self, request, *args, **kwargs):
        data = _valid(self, CongressSessionCreateSerializer).validated_data
        session = service_call(services.congress_session_create, **data, actor=request.user)
        return Response(self.get_serializer(session).data, status=status.HTTP_201_CREATED)


# ---------------------------------------------------------------- standing committee and its offices


class CommitteeMembershipSerializer(serializers.ModelSerializer):
    deputy_name = serializers.CharField(source="deputy.name", read_only=True)

    class Meta:
        model = CommitteeMembership
        fields = [
            "id",
            "term",
            "deputy",
            "deputy_name",
            "position",
            "office",
            "start_date",
            "end_date",
            "order",
        ]


class CommitteeMembershipCreateSerializer(serializers.ModelSerializer):
    term = VisiblePrimaryKeyField(visible_to=selectors.terms_visible_to, label="届次")
    deputy = VisiblePrimaryKeyField(visible_to=deputies_visible_to, label="代表", help_text="须为该届代表")
    office = VisiblePrimaryKeyField(
        visible_to=lambda user: selectors.committee_offices_visible_to(user).filter(active=True),
        allow_null=True,
        required=False,
        label="所在机构",
    )

    class Meta:
        model = CommitteeMembership
        fields = ["term", "deputy", "position", "office", "start_date", "order"]


class MembershipEndSerializer(serializers.Serializer):
    end_date = serializers.DateField(label="离任日期")


@extend_schema_view(
    list=extend_schema(summary="常委会组成人员"),
    retrieve=extend_schema(summary="常委会组成人员任职详情"),
    create=extend_schema(
        summary="登记常委会组成人员",
        description="须为该届代表；同一人同时只有一个在任职务，同时只有一名在任主任。",
        request=CommitteeMembershipCreateSerializer,
        responses={201: CommitteeMembershipSerializer},
    ),
    end=extend_schema(
        summary="登记离任", request=MembershipEndSerializer, responses={200: CommitteeMembershipSerializer}
    ),
)
class CommitteeMembershipViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = CommitteeMembershipSerializer
    permission_classes = [ModelCapabilities]
    filterset_fields = ["term", "deputy", "position", "office"]
    ordering_fields = ["order", "start_date", "end_date"]

    def get_queryset(self):
        return selectors.memberships_visible_to(self.request.user).select_related("deputy")

    def create(self, request, *args, **kwargs):
        data = _valid(self, CommitteeMembershipCreateSerializer).validated_data
        membership = service_call(services.committee_membership_create, **data, actor=request.user)
        return Response(self.get_serializer(membership).data, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"], permission_classes=[ChangeActionCapabilities])
    def end(self, request, pk=None):
        membership = self.get_object()
        end_date = _valid(self, MembershipEndSerializer).validated_data["end_date"]
        membership = service_call(
            services.committee_membership_end, membership=membership, end_date=end_date, actor=request.user
        )
        return Response(self.get_serializer(membership).data)


class CommitteeOfficeSerializer(serializers.ModelSerializer):
    staff_count = serializers.IntegerField(read_only=True, help_text="在用工作人员账号数")
    member_count = serializers.IntegerField(read_only=True, help_text="在任常委会组成人员数")

    class Meta:
        model = CommitteeOffice
        fields = ["id", *services.OFFICE_FIELDS, "staff_count", "member_count"]


class CommitteeOfficeWriteSerializer(serializers.ModelSerializer):
    class Meta:
        model = CommitteeOffice
        fields = list(services.OFFICE_FIELDS)


@extend_schema_view(
    list=extend_schema(summary="工作机构"),
    retrieve=extend_schema(summary="工作机构详情"),
    create=extend_schema(
        summary="新增工作机构",
        request=CommitteeOfficeWriteSerializer,
        responses={201: CommitteeOfficeSerializer},
    ),
    update=extend_schema(
        summary="修改工作机构",
        request=CommitteeOfficeWriteSerializer,
        responses={200: CommitteeOfficeSerializer},
    ),
    partial_update=extend_schema(
        summary="修改工作机构（部分字段）",
        request=CommitteeOfficeWriteSerializer,
        responses={200: CommitteeOfficeSerializer},
    ),
)
class CommitteeOfficeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = CommitteeOfficeSerializer
    permission_classes = [ModelCapabilities]
    filterset_fields = ["kind", "active"]
    ordering_fields = ["order", "name"]

    def get_queryset(self):
        return selectors.committee_offices_for_list(self.request.user)

    def _row(self, office: CommitteeOffice, code: int = status.HTTP_200_OK) -> Response:
        """The office as the list shows it, with its counts."""
        return Response(self.get_serializer(self.get_queryset().get(pk=office.pk)).data, status=code)

    def create(self, request, *args, **kwargs):
        data = _valid(self, CommitteeOfficeWriteSerializer).validated_data
        office = service_call(services.committee_office_create, data=data, actor=request.user)
        return self._row(office, status.HTTP_201_CREATED)

    def update(self, request, *args, partial: bool = False, **kwargs):
        office = self.get_object()
        changes = _valid(
            self, CommitteeOfficeWriteSerializer, instance=office, partial=partial
        ).validated_data
        return self._row(
            service_call(services.committee_office_update, office=office, changes=changes, actor=request.user)
        )

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)


# ---------------------------------------------------------------- handling units


class HandlingUnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = HandlingUnit
        fields = ["id", *services.UNIT_FIELDS, "version"]
        read_only_fields = ["version"]


class HandlingUnitWriteSerializer(HandlingUnitSerializer):
    parent = VisiblePrimaryKeyField(  # type: ignore[assignment]  # a field named like Field.parent (stubs)
        visible_to=selectors.handling_units_visible_to, allow_null=True, required=False, label="上级单位"
    )
    township = VisiblePrimaryKeyField(
        visible_to=selectors.townships_visible_to, allow_null=True, required=False, label="对应乡镇"
    )
    contact_phone = serializers.CharField(
        label="联系电话", max_length=30, required=False, allow_blank=True, validators=[PHONE_VALIDATOR]
    )


class HandlingUnitUpdateSerializer(VersionedSerializer, HandlingUnitWriteSerializer):
    pass


@extend_schema_view(
    list=extend_schema(summary="承办单位"),
    retrieve=extend_schema(summary="承办单位详情"),
    create=extend_schema(
        summary="新增承办单位", request=HandlingUnitWriteSerializer, responses={201: HandlingUnitSerializer}
    ),
    update=extend_schema(
        summary="修改承办单位",
        request=HandlingUnitUpdateSerializer,
        responses={200: HandlingUnitSerializer, 409: STALE_RESPONSE},
    ),
    partial_update=extend_schema(
        summary="修改承办单位（部分字段）",
        request=HandlingUnitUpdateSerializer,
        responses={200: HandlingUnitSerializer, 409: STALE_RESPONSE},
    ),
)
class HandlingUnitViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = HandlingUnitSerializer
    permission_classes = [ModelCapabilities]
    filterset_class = HandlingUnitFilter
    ordering_fields = ["order", "name", "kind"]

    def get_queryset(self):
        return selectors.handling_units_for_list(self.request.user)

    def create(self, request, *args, **kwargs):
        serializer = HandlingUnitWriteSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        unit = service_call(services.handling_unit_create, data=serializer.validated_data, actor=request.user)
        return Response(self.get_serializer(unit).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, partial: bool = False, **kwargs):
        unit = self.get_object()
        serializer = HandlingUnitUpdateSerializer(
            unit, data=request.data, partial=partial, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        version, changes = versioned_changes(serializer)
        unit = service_call(
            services.handling_unit_update,
            unit=unit,
            expected_version=version,
            changes=changes,
            actor=request.user,
        )
        return Response(self.get_serializer(unit).data)

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)
