"""API of the organisation. Every signed-in user reads it (org.selectors); users who can(…) change
it through org.services, one service per write, with the same rules as the pages."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action

from renda.core.api import (
    VersionedSerializer,
    VisiblePrimaryKeyField,
    service_call,
    validated,
    viewset_schema,
)
from renda.core.api_permissions import ChangeActionCapabilities
from renda.core.viewsets import EditableRecordViewSet, RecordViewSet
from renda.deputies.selectors import deputies_visible_to
from renda.org import selectors, services
from renda.org.forms import PHONE_VALIDATOR, HandlingUnitFilter
from renda.org.models import (
    CommitteeMembership,
    CommitteeOffice,
    CommitteeOfficeMembership,
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


@viewset_schema("行政区", update=JurisdictionUpdateSerializer)
class JurisdictionViewSet(EditableRecordViewSet):
    serializer_class = JurisdictionSerializer

    def get_queryset(self):
        return selectors.jurisdictions_visible_to(self.request.user).order_by("pk")

    def update(self, request, *args, partial: bool = False, **kwargs):
        return self.update_record(
            JurisdictionUpdateSerializer,
            services.jurisdiction_update,
            partial=partial,
            jurisdiction=self.get_object(),
        )


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


@viewset_schema("乡镇（街道）", create=TownshipCreateSerializer, update=TownshipUpdateSerializer)
class TownshipViewSet(EditableRecordViewSet):
    serializer_class = TownshipSerializer
    filterset_fields = ["jurisdiction", "kind"]
    ordering_fields = ["order", "name"]

    def get_queryset(self):
        return selectors.townships_visible_to(self.request.user)

    def create(self, request, *args, **kwargs):
        data = dict(validated(self, TownshipCreateSerializer).validated_data)
        jurisdiction = data.pop("jurisdiction")
        township = service_call(
            services.township_create, jurisdiction=jurisdiction, data=data, actor=request.user
        )
        return self.created(township)

    def update(self, request, *args, partial: bool = False, **kwargs):
        return self.update_record(
            TownshipUpdateSerializer, services.township_update, partial=partial, township=self.get_object()
        )


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


@viewset_schema(
    "届次",
    create=TermCreateSerializer,
    update=TermUpdateSerializer,
    descriptions={"update": "只改届次和起止日期；设为本届用 set-current。"},
    set_current=extend_schema(summary="设为本届", request=None, responses={200: TermSerializer}),
)
class TermViewSet(EditableRecordViewSet):
    serializer_class = TermSerializer
    respond_as_listed = True  # with its counts
    filterset_fields = ["jurisdiction", "is_current"]
    ordering_fields = ["number", "start_date"]

    def get_queryset(self):
        return selectors.terms_for_list(self.request.user)

    def create(self, request, *args, **kwargs):
        data = validated(self, TermCreateSerializer).validated_data
        return self.created(service_call(services.term_create, **data, actor=request.user))

    def update(self, request, *args, partial: bool = False, **kwargs):
        return self.update_record(
            TermUpdateSerializer, services.term_update, partial=partial, term=self.get_object()
        )

    @action(
        detail=True, methods=["post"], url_path="set-current", permission_classes=[ChangeActionCapabilities]
    )
    def set_current(self, request, pk=None):
        return self.respond(
            service_call(services.term_set_current, term=self.get_object(), actor=request.user)
        )


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


@viewset_schema(
    "人代会会议",
    create=CongressSessionCreateSerializer,
    descriptions={"create": "开幕日期应在该届任期内。"},
)
class CongressSessionViewSet(RecordViewSet):
    serializer_class = CongressSessionSerializer
    filterset_fields = ["term"]
    ordering_fields = ["start_date", "number"]

    def get_queryset(self):
        return selectors.congress_sessions_visible_to(self.request.user).select_related("term")

    def create(self, request, *args, **kwargs):
        data = validated(self, CongressSessionCreateSerializer).validated_data
        return self.created(service_call(services.congress_session_create, **data, actor=request.user))


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


@viewset_schema(
    "常委会组成人员",
    create=CommitteeMembershipCreateSerializer,
    summaries={"retrieve": "常委会组成人员任职详情", "create": "登记常委会组成人员"},
    descriptions={"create": "须为该届代表；同一人同时只有一个在任职务，同时只有一名在任主任。"},
    end=extend_schema(
        summary="登记离任", request=MembershipEndSerializer, responses={200: CommitteeMembershipSerializer}
    ),
)
class CommitteeMembershipViewSet(RecordViewSet):
    serializer_class = CommitteeMembershipSerializer
    filterset_fields = ["term", "deputy", "position", "office"]
    ordering_fields = ["order", "start_date", "end_date"]

    def get_queryset(self):
        return selectors.memberships_visible_to(self.request.user).select_related("deputy")

    def create(self, request, *args, **kwargs):
        data = validated(self, CommitteeMembershipCreateSerializer).validated_data
        return self.created(service_call(services.committee_membership_create, **data, actor=request.user))

    @action(detail=True, methods=["post"], permission_classes=[ChangeActionCapabilities])
    def end(self, request, pk=None):
        membership = self.get_object()
        end_date = validated(self, MembershipEndSerializer).validated_data["end_date"]
        membership = service_call(
            services.committee_membership_end, membership=membership, end_date=end_date, actor=request.user
        )
        return self.respond(membership)


class CommitteeOfficeMembershipSerializer(serializers.ModelSerializer):
    deputy_name = serializers.CharField(source="deputy.name", read_only=True)
    office_name = serializers.CharField(source="office.name", read_only=True)

    class Meta:
        model = CommitteeOfficeMembership
        fields = [
            "id",
            "office",
            "office_name",
            "term",
            "deputy",
            "deputy_name",
            "position",
            "start_date",
            "end_date",
            "order",
        ]


class CommitteeOfficeMembershipCreateSerializer(serializers.ModelSerializer):
    office = VisiblePrimaryKeyField(
        visible_to=selectors.special_committees_for_picker,
        label="专门委员会",
        help_text="须为在用的专门委员会",
    )
    term = VisiblePrimaryKeyField(visible_to=selectors.terms_visible_to, label="届次")
    deputy = VisiblePrimaryKeyField(
        visible_to=deputies_visible_to, label="代表", help_text="须为该届代表，不必是常委会组成人员"
    )

    class Meta:
        model = CommitteeOfficeMembership
        fields = ["office", "term", "deputy", "position", "start_date", "order"]


@viewset_schema(
    "专门委员会组成人员",
    create=CommitteeOfficeMembershipCreateSerializer,
    summaries={"retrieve": "专门委员会组成人员任职详情", "create": "登记专门委员会组成人员"},
    descriptions={
        "create": "须为该届代表；同一人在同一专门委员会同时只有一个在任职务，同时只有一名在任主任委员。"
    },
    end=extend_schema(
        summary="登记离任",
        request=MembershipEndSerializer,
        responses={200: CommitteeOfficeMembershipSerializer},
    ),
)
class CommitteeOfficeMembershipViewSet(RecordViewSet):
    serializer_class = CommitteeOfficeMembershipSerializer
    filterset_fields = ["office", "term", "deputy", "position"]
    ordering_fields = ["order", "start_date", "end_date"]

    def get_queryset(self):
        return selectors.office_memberships_visible_to(self.request.user).select_related("deputy", "office")

    def create(self, request, *args, **kwargs):
        data = validated(self, CommitteeOfficeMembershipCreateSerializer).validated_data
        return self.created(
            service_call(services.committee_office_membership_create, **data, actor=request.user)
        )

    @action(detail=True, methods=["post"], permission_classes=[ChangeActionCapabilities])
    def end(self, request, pk=None):
        membership = self.get_object()
        end_date = validated(self, MembershipEndSerializer).validated_data["end_date"]
        membership = service_call(
            services.committee_office_membership_end,
            membership=membership,
            end_date=end_date,
            actor=request.user,
        )
        return self.respond(membership)


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


@viewset_schema("工作机构", create=CommitteeOfficeWriteSerializer, update=CommitteeOfficeWriteSerializer)
class CommitteeOfficeViewSet(EditableRecordViewSet):
    serializer_class = CommitteeOfficeSerializer
    respond_as_listed = True  # with its counts
    filterset_fields = ["kind", "active"]
    ordering_fields = ["order", "name"]

    def get_queryset(self):
        return selectors.committee_offices_for_list(self.request.user)

    def create(self, request, *args, **kwargs):
        data = validated(self, CommitteeOfficeWriteSerializer).validated_data
        return self.created(service_call(services.committee_office_create, data=data, actor=request.user))

    def update(self, request, *args, partial: bool = False, **kwargs):
        return self.update_record(
            CommitteeOfficeWriteSerializer,
            services.committee_office_update,
            partial=partial,
            office=self.get_object(),
        )


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


@viewset_schema("承办单位", create=HandlingUnitWriteSerializer, update=HandlingUnitUpdateSerializer)
class HandlingUnitViewSet(EditableRecordViewSet):
    serializer_class = HandlingUnitSerializer
    filterset_class = HandlingUnitFilter
    ordering_fields = ["order", "name", "kind"]

    def get_queryset(self):
        return selectors.handling_units_for_list(self.request.user)

    def create(self, request, *args, **kwargs):
        data = validated(self, HandlingUnitWriteSerializer).validated_data
        return self.created(service_call(services.handling_unit_create, data=data, actor=request.user))

    def update(self, request, *args, partial: bool = False, **kwargs):
        return self.update_record(
            HandlingUnitUpdateSerializer,
            services.handling_unit_update,
            partial=partial,
            unit=self.get_object(),
        )
