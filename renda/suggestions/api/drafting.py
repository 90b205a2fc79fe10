"""Drafting in the API: write, correct, attach, invite co-signers, submit; co-signers answer or are dropped."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from renda.core.api import (
    ERRORS,
    InputMixin,
    VersionedSerializer,
    action_schema,
    service_call,
    versioned_changes,
    visible,
)
from renda.core.roles import Role, has_role
from renda.deputies.selectors import delegations_visible_to
from renda.org.selectors import congress_sessions_visible_to
from renda.suggestions import selectors, services
from renda.suggestions.api.common import (
    SuggestionActions,
    serving_deputies,
)
from renda.suggestions.api.serializers import AttachmentSerializer, CosignerSerializer, SuggestionSerializer
from renda.suggestions.models import Cosigner, Kind, Timing
from renda.suggestions.workflows import BY_INVITED, is_suggestion_office


class DraftSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Kind.choices, default=Kind.SUGGESTION)
    title = serializers.CharField(max_length=200)
    content = serializers.CharField()
    category = visible(selectors.suggestion_categories_visible_to, required=False, allow_null=True)
    timing = serializers.ChoiceField(choices=Timing.choices, default=Timing.BETWEEN_SESSIONS)
    congress_session = visible(
        congress_sessions_visible_to, required=False, allow_null=True, help_text="大会期间提出的须选择"
    )
    delegation = visible(
        delegations_visible_to, required=False, allow_null=True, help_text="议案由代表团提出时选择"
    )


class SuggestionCreateSerializer(DraftSerializer):
    lead_deputy = visible(
        serving_deputies, required=False, help_text="代表工作机构代为录入时必填；代表本人提出时省略"
    )


class SuggestionUpdateSerializer(VersionedSerializer, DraftSerializer):
    """The fields to change, and the version read (required: without it a 400 naming the field)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, partial=True, **kwargs)

    def validate(self, data: dict) -> dict:
        data = super().validate(data)
        if data.get("timing") == Timing.DURING_SESSION and not data.get("congress_session"):
            raise serializers.ValidationError({"congress_session": "大会期间提出的建议须选择人代会会议。"})
        if data.get("timing") == Timing.BETWEEN_SESSIONS:
            data["congress_session"] = None
        if data.get("kind") == Kind.SUGGESTION:
            data["delegation"] = None
        return data


class AttachmentsSerializer(serializers.Serializer):
    files = serializers.ListField(
        child=serializers.FileField(), help_text="PDF、DOCX、JPG、PNG，每个不超过20 MB"
    )


class CosignersInviteSerializer(serializers.Serializer):
    deputies = visible(serving_deputies, many=True)
    confirmed = serializers.BooleanField(default=False, help_text="代表工作机构录入纸质建议时，签名已核对")


class CosignerRespondSerializer(serializers.Serializer):
    confirm = serializers.BooleanField(help_text="true 确认附议，false 谢绝")


class DraftingActions(SuggestionActions):
    """Drafting: write, correct, attach files, invite co-signers, submit."""

    @action_schema("起草（保存为草稿）", SuggestionCreateSerializer, SuggestionSerializer, 201)
    def create(self, request):
        user = request.user
        if not (is_suggestion_office(user) or (has_role(user, Role.DEPUTY) and user.deputy_id)):
            raise exceptions.PermissionDenied("只有代表或代表工作机构可以提出建议。")
        data = dict(self.validated(SuggestionCreateSerializer))
        lead_deputy = data.pop("lead_deputy", None) or (
            request.user.deputy if has_role(request.user, Role.DEPUTY) else None
        )
        if lead_deputy is None:
            raise serializers.ValidationError({"lead_deputy": ["请选择领衔代表。"]})
        suggestion = service_call(
            services.suggestion_create, lead_deputy=lead_deputy, actor=request.user, **data
        )
        return self._done(suggestion, status.HTTP_201_CREATED)

    @extend_schema(
        summary="修改草稿或退回修改的建议",
        request=SuggestionUpdateSerializer,
        responses={200: SuggestionSerializer, 409: OpenApiResponse(description="已被他人修改"), **ERRORS},
    )
    def partial_update(self, request, pk=None):
        suggestion = self._move("edit")
        serializer = SuggestionUpdateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        version, changes = versioned_changes(serializer)
        suggestion = service_call(
            services.suggestion_update,
            suggestion=suggestion,
            expected_version=version,
            changes=changes,
            actor=request.user,
        )
        return self._done(suggestion)

    @action_schema("上传附件", AttachmentsSerializer, AttachmentSerializer(many=True), 201)
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def attachments(self, request, pk=None):
        suggestion = self.get_object()
        files = self.validated(AttachmentsSerializer)["files"]
        added = service_call(services.attachments_add, suggestion=suggestion, files=files, actor=request.user)
        return Response(AttachmentSerializer(added, many=True).data, status=status.HTTP_201_CREATED)

    @action_schema("邀请附议代表", CosignersInviteSerializer, CosignerSerializer(many=True), 201)
    @action(detail=True, methods=["post"])
    def cosigners(self, request, pk=None):
        suggestion = self.get_object()
        data = self.validated(CosignersInviteSerializer)
        invited = service_call(services.cosigners_invite, suggestion=suggestion, actor=request.user, **data)
        return Response(CosignerSerializer(invited, many=True).data, status=status.HTTP_201_CREATED)

    @action_schema("提交（议案须代表团或10名以上代表联名）", None, SuggestionSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._done(
            service_call(services.suggestion_submit, suggestion=self.get_object(), actor=request.user)
        )


class CosignerViewSet(InputMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """Co-signers (附议): the invited deputy answers; the lead deputy drops those who have not confirmed."""

    lookup_value_regex = "[0-9]+"
    queryset = Cosigner.objects.none()  # rows come from the selectors
    serializer_class = CosignerSerializer

    def get_object(self) -> Cosigner:
        return selectors.cosigner_get_for_user(self.request.user, self.kwargs["pk"])

    @extend_schema(summary="移除未确认的附议代表", responses={204: None, **ERRORS})
    def destroy(self, request, pk=None):
        service_call(services.cosigner_drop, cosigner=self.get_object(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @action_schema("确认或谢绝附议", CosignerRespondSerializer, CosignerSerializer)
    @action(detail=True, methods=["post"])
    def respond(self, request, pk=None):
        cosigner = self.get_object()
        BY_INVITED.require(request.user, cosigner)
        confirm = self.validated(CosignerRespondSerializer)["confirm"]
        cosigner = service_call(
            services.cosigner_respond, cosigner=cosigner, confirm=confirm, actor=request.user
        )
        return Response(CosignerSerializer(cosigner).data)
