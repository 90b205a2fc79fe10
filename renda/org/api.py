"""API of the organisation. Every signed-in user reads it (org.selectors); the jurisdiction and handling units
are changed through org.services by users holding the permission."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.permissions import DjangoModelPermissions
from rest_framework.response import Response

from renda.core.api import (
    STALE_RESPONSE,
    VersionedSerializer,
    VisiblePrimaryKeyField,
    service_call,
    versioned_changes,
)
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
    permission_classes = [DjangoModelPermissions]

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
        fields = ["id", "jurisdiction", "name", "kind", "code", "order"]


@extend_schema_view(
    list=extend_schema(summary="乡镇（街道）"), retrieve=extend_schema(summary="乡镇（街道）详情")
)
class TownshipViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = TownshipSerializer
    filterset_fields = ["jurisdiction", "kind"]
    ordering_fields = ["order", "name"]

    def get_queryset(self):
        return selectors.townships_visible_to(self.request.user)


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


@extend_schema_view(list=extend_schema(summary="届次"), retrieve=extend_schema(summary="届次详情"))
class TermViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = TermSerializer
    filterset_fields = ["jurisdiction", "is_current"]
    ordering_fields = ["number", "start_date"]

    def get_queryset(self):
        return selectors.terms_for_list(self.request.user)


class CongressSessionSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField(help_text="如：第十八届人民代表大会第二次会议")

    class Meta:
        model = CongressSession
        fields = ["id", "term", "number", "name", "short_name", "start_date", "end_date", "place"]

    def get_name(self, session: CongressSession) -> str:
        return str(session)


@extend_schema_view(
    list=extend_schema(summary="人代会会议"), retrieve=extend_schema(summary="人代会会议详情")
)
class CongressSessionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CongressSessionSerializer
    filterset_fields = ["term"]
    ordering_fields = ["start_date", "number"]

    def get_queryset(self):
        return selectors.congress_sessions_visible_to(self.request.user).select_related("term")


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


@extend_schema_view(
    list=extend_schema(summary="常委会组成人员"), retrieve=extend_schema(summary="常委会组成人员任职详情")
)
class CommitteeMembershipViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CommitteeMembershipSerializer
    filterset_fields = ["term", "deputy", "position", "office"]
    ordering_fields = ["order", "start_date", "end_date"]

    def get_queryset(self):
        return selectors.memberships_visible_to(self.request.user).select_related("deputy")


class CommitteeOfficeSerializer(serializers.ModelSerializer):
    staff_count = serializers.IntegerField(read_only=True, help_text="在用工作人员账号数")
    member_count = serializers.IntegerField(read_only=True, help_text="在任常委会组成人员数")

    class Meta:
        model = CommitteeOffice
        fields = ["id", *services.OFFICE_FIELDS, "staff_count", "member_count"]


@extend_schema_view(list=extend_schema(summary="工作机构"), retrieve=extend_schema(summary="工作机构详情"))
class CommitteeOfficeViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CommitteeOfficeSerializer
    filterset_fields = ["kind", "active"]
    ordering_fields = ["order", "name"]

    def get_queryset(self):
        return selectors.committee_offices_for_list(self.request.user)


# ---------------------------------------------------------------- handling units


class HandlingUnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = HandlingUnit
        fields = ["id", *services.UNIT_FIELDS, "version"]
        read_only_fields = ["version"]


class HandlingUnitWriteSerializer(HandlingUnitSerializer):
    parent = VisiblePrimaryKeyField(
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
    permission_classes = [DjangoModelPermissions]
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
