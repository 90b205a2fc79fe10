"""The suggestions workflow as a REST API, so that a government OA system can take part in every step.

Reads go through the selectors (anything the user may not see is a 404); each action endpoint validates
its input and calls exactly one service, whose rule errors come back as 400 with the Chinese messages keyed
by field and a machine-readable `code`, a move the current state does not allow as 409 (code
invalid_transition), missing rights as 403 and a stale draft as 409 (core.api.service_call and
core.api.exception_handler). Actions are named by what they do (register 立案, sign-for 签收); the old
`accept` paths remain one release as deprecated aliases."""

import datetime
from typing import Any

import django_filters
from django.http import FileResponse
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import generics, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from renda.core.api import (
    DateField,
    ErrorSerializer,
    FilterBackend,
    VersionedSerializer,
    VisiblePrimaryKeyField,
    service_call,
    versioned_changes,
)
from renda.core.roles import Role, has_role
from renda.core.todos import urgency_of
from renda.core.workflow import Workflow, actions
from renda.deputies.choices import DeputyStatus
from renda.deputies.selectors import delegations_visible_to, deputies_visible_to
from renda.org.selectors import (
    congress_sessions_visible_to,
    handling_units_visible_to,
    memberships_visible_to,
)
from renda.suggestions import selectors, services
from renda.suggestions.docx import reply_letter_file
from renda.suggestions.forms import SearchFilter, SuggestionFilter
from renda.suggestions.models import (
    Assignment,
    Commitment,
    ContactRecord,
    Cosigner,
    Kind,
    PresidiumDecision,
    Rating,
    RefusalReason,
    ResultCategory,
    Suggestion,
    SuggestionCategory,
    SupervisionNote,
    Timing,
)
from renda.suggestions.workflows import ASSIGNMENT_FLOW, SUGGESTION_FLOW

RATINGS = [
    (rating.value, rating.label)
    for rating in (Rating.SATISFIED, Rating.BASICALLY_SATISFIED, Rating.DISSATISFIED)
]


def visible(visible_to, **kwargs) -> VisiblePrimaryKeyField:
    """An id field looked up among the records `visible_to(user)` returns."""
    return VisiblePrimaryKeyField(visible_to=visible_to, pk_field=serializers.IntegerField(), **kwargs)


class SuggestionApiFilter(SuggestionFilter):
    """The registry's filters, with units and lead deputies given by id."""

    unit = django_filters.NumberFilter(label="承办单位", method="by_unit")
    lead_deputy = django_filters.NumberFilter(label="领衔代表")


def serving_deputies(user):
    return deputies_visible_to(user).filter(status=DeputyStatus.ACTIVE)


# ---------------------------------------------------------------- read serializers


class RefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class ResultCategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = ResultCategory
        fields = ["id", "code", "label", "counts_as_resolved", "needs_follow_up"]


class SuggestionCategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = SuggestionCategory
        fields = ["id", "name", "parent"]


class RefusalReasonSerializer(serializers.ModelSerializer):
    class Meta:
        model = RefusalReason
        fields = ["id", "label"]


class AssignmentBriefSerializer(serializers.ModelSerializer):
    unit = RefSerializer()

    class Meta:
        model = Assignment
        fields = ["id", "unit", "role", "state", "due"]


class SuggestionListSerializer(serializers.ModelSerializer):
    lead_deputy = RefSerializer()
    category = RefSerializer(allow_null=True)
    state_label = serializers.CharField(source="get_state_display")
    is_key = serializers.BooleanField(help_text="重点督办")
    units = AssignmentBriefSerializer(many=True, source="current_assignments", help_text="承办单位")

    class Meta:
        model = Suggestion
        fields = [
            "id", "number", "title", "kind", "state", "state_label", "year", "timing", "congress_session",
            "category", "lead_deputy", "submitted_at", "accepted_at", "assigned_on", "reply_due", "round",
            "evaluation_due", "is_overdue", "is_key", "units",
        ]  # fmt: skip


class SuggestionSerializer(serializers.ModelSerializer):
    """A suggestion's own fields, as every write returns them."""

    lead_deputy = RefSerializer()
    category = RefSerializer(allow_null=True)
    state_label = serializers.CharField(source="get_state_display")
    refusal_reason = serializers.CharField(source="refusal_reason.label", allow_null=True)

    class Meta:
        model = Suggestion
        fields = [
            "id", "number", "title", "content", "kind", "state", "state_label", "year", "timing",
            "congress_session", "delegation", "category", "lead_deputy", "version", "submitted_at",
            "accepted_at", "is_complex", "return_reason", "refusal_reason", "refusal_note", "merged_into",
            "assigned_on", "reply_due", "round", "evaluation_due", "is_overdue", "closed_at", "outcome",
        ]  # fmt: skip


class CosignerSerializer(serializers.ModelSerializer):
    deputy = RefSerializer()

    class Meta:
        model = Cosigner
        fields = ["id", "suggestion", "deputy", "status", "responded_at"]


class AttachmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    created_at = serializers.DateTimeField()
    url = serializers.SerializerMethodField(help_text="下载地址")

    def get_url(self, attachment) -> str:
        return reverse("suggestion-attachment-file", args=[attachment.pk])


class ActionSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="动作标识，如 register、sign_for")
    label = serializers.CharField(help_text="动作名称，如 立案、签收")  # type: ignore[assignment]  # named like Field.label


class AvailableActionsMixin(serializers.Serializer):
    """`available_actions`: the moves the requesting user may make now (core.workflow `moves_for`), the same
    list the page shows as buttons."""

    flow: Workflow

    available_actions = serializers.SerializerMethodField(help_text="当前用户现在可以进行的操作")

    @extend_schema_field(ActionSerializer(many=True))
    def get_available_actions(self, obj) -> list[dict[str, str]]:
        return actions(self.flow, self.context["request"].user, obj)


class AssignmentSerializer(AvailableActionsMixin, serializers.ModelSerializer):
    flow = ASSIGNMENT_FLOW
    unit = RefSerializer()

    class Meta:
        model = Assignment
        fields = [
            "id", "suggestion", "unit", "role", "state", "assigned_on", "due", "reassign_deadline",
            "contact_deadline", "opinion_due", "reassign_reason", "opinion", "opinion_sent_at",
            "available_actions",
        ]  # fmt: skip


class ContactSerializer(serializers.ModelSerializer):
    class Meta:
        model = ContactRecord
        fields = ["id", "assignment", "stage", "method", "date", "summary"]


class CommitmentUpdateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    solved = serializers.BooleanField()
    created_at = serializers.DateTimeField()


class CommitmentSerializer(serializers.ModelSerializer):
    updates = CommitmentUpdateSerializer(many=True)

    class Meta:
        model = Commitment
        fields = ["id", "reply", "description", "due", "status", "year", "updates"]


class ReplySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    assignment = serializers.IntegerField(source="assignment_id")
    unit = RefSerializer(source="assignment.unit")
    round = serializers.IntegerField()
    result_category = ResultCategorySerializer()
    text = serializers.CharField()
    signer = serializers.CharField()
    publishable = serializers.BooleanField()
    sent_at = serializers.DateTimeField()
    on_time = serializers.BooleanField()
    letter_url = serializers.SerializerMethodField(help_text="答复函下载地址")
    commitments = CommitmentSerializer(many=True)

    def get_letter_url(self, reply) -> str | None:
        return reverse("suggestion-reply-letter", args=[reply.pk]) if reply.letter else None


class EvaluationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    deputy = RefSerializer()
    round = serializers.IntegerField()
    rating = serializers.ChoiceField(choices=Rating.choices)
    attitude = serializers.CharField()
    result = serializers.CharField()
    comment = serializers.CharField()
    created_at = serializers.DateTimeField()


class SupervisionNoteSerializer(serializers.ModelSerializer):
    class Meta:
        model = SupervisionNote
        fields = ["id", "kind", "date", "text"]


class KeySupervisionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    decided_on = serializers.DateField()
    decision = serializers.CharField()
    leader = serializers.IntegerField(source="leader_id", help_text="领衔督办的常委会组成人员")
    leader_name = serializers.CharField(source="leader.deputy.name")
    notes = SupervisionNoteSerializer(many=True)


class MergedCaseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    title = serializers.CharField()


class SuggestionDetailSerializer(AvailableActionsMixin, SuggestionSerializer):
    """The suggestion with everything its detail page shows except the timeline (see events)."""

    flow = SUGGESTION_FLOW

    cosigners = CosignerSerializer(many=True, source="page.cosigners")
    attachments = AttachmentSerializer(many=True, source="page.attachments")
    assignments = AssignmentSerializer(many=True, source="page.assignments")
    contacts = ContactSerializer(
        many=True, source="page.contacts", help_text="代表工作机构可见全部；承办单位仅可见本单位的联系记录"
    )
    replies = ReplySerializer(many=True, source="page.replies")
    evaluations = EvaluationSerializer(many=True, source="page.evaluations")
    key_supervision = KeySupervisionSerializer(source="page.supervision", allow_null=True)
    merged_cases = MergedCaseSerializer(many=True, source="page.merged_cases")

    class Meta(SuggestionSerializer.Meta):
        fields = [
            *SuggestionSerializer.Meta.fields,
            "cosigners", "attachments", "assignments", "contacts", "replies", "evaluations",
            "key_supervision", "merged_cases", "available_actions",
        ]  # fmt: skip


class EventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    action = serializers.CharField()
    from_state = serializers.CharField()
    to_state = serializers.CharField()
    actor = serializers.CharField(source="actor.display_name", allow_null=True)
    note = serializers.CharField(help_text="联系代表的说明仅代表工作机构和该承办单位可见，其他人为空")
    note_withheld = serializers.SerializerMethodField(help_text="说明因无权查看而未显示")
    created_at = serializers.DateTimeField()

    def get_note_withheld(self, event) -> bool:
        return getattr(event, "note_withheld", False)


class SuggestionBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    title = serializers.CharField()
    state = serializers.CharField()
    lead_deputy = RefSerializer()


class UnitTodoSerializer(AssignmentSerializer):
    """An open assignment of the user's unit, with the deadline that matters to it and its traffic light."""

    suggestion = SuggestionBriefSerializer()
    contact_count = serializers.IntegerField(help_text="已登记的联系代表次数")
    deadline = serializers.SerializerMethodField(help_text="会办单位为会办意见期限，其他为答复期限")
    urgency = serializers.SerializerMethodField(help_text="ok 正常 / soon 临近期限 / overdue 已超期")

    class Meta(AssignmentSerializer.Meta):
        fields = [*AssignmentSerializer.Meta.fields, "contact_count", "deadline", "urgency"]

    @extend_schema_field(serializers.DateField())
    def get_deadline(self, assignment) -> datetime.date:
        return assignment.opinion_due or assignment.due

    @extend_schema_field(serializers.ChoiceField(choices=["ok", "soon", "overdue"]))
    def get_urgency(self, assignment) -> str:
        return urgency_of(assignment.opinion_due or assignment.due)


class ReassignmentRequestSerializer(AssignmentSerializer):
    suggestion = SuggestionBriefSerializer()


class OpenCommitmentSerializer(CommitmentSerializer):
    suggestion = SuggestionBriefSerializer(source="reply.assignment.suggestion")
    result_category = ResultCategorySerializer(source="reply.result_category")

    class Meta(CommitmentSerializer.Meta):
        fields = [*CommitmentSerializer.Meta.fields, "suggestion", "result_category"]


class MeetingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    date = serializers.DateField()


class PublicReplyTextSerializer(serializers.Serializer):
    result_category = serializers.CharField(source="result_category.label")
    text = serializers.CharField()
    sent_at = serializers.DateTimeField()


class PublicAnswerSerializer(serializers.Serializer):
    unit = serializers.CharField(source="unit.name")
    replies = PublicReplyTextSerializer(many=True, source="public_replies")


class PublicSuggestionSerializer(serializers.Serializer):
    """A published reply: the suggestion, its deputies' names and the units' answers, nothing personal."""

    id = serializers.IntegerField()
    number = serializers.CharField()
    title = serializers.CharField()
    content = serializers.CharField()
    year = serializers.IntegerField()
    category = serializers.CharField(source="category.name", allow_null=True)
    deputies = serializers.SerializerMethodField(help_text="领衔代表和附议代表姓名")
    answers = PublicAnswerSerializer(many=True, source="public_assignments")

    def get_deputies(self, suggestion) -> list[str]:
        return [suggestion.lead_deputy.name, *(c.deputy.name for c in suggestion.confirmed_cosigners)]


# ---------------------------------------------------------------- input serializers


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


class PresidiumSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=PresidiumDecision.choices)
    note = serializers.CharField(required=False, default="", allow_blank=True)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField()


class RejectSerializer(serializers.Serializer):
    reason = visible(selectors.refusal_reasons_visible_to)
    note = serializers.CharField(required=False, default="", allow_blank=True)


class MergeSerializer(serializers.Serializer):
    others = visible(selectors.suggestions_visible_to, many=True, help_text="并入本件一并办理的建议")


class UnitsSerializer(serializers.Serializer):
    lead = visible(handling_units_visible_to, required=False, allow_null=True, default=None)
    joint = visible(handling_units_visible_to, many=True, required=False, default=list)
    assisting = visible(handling_units_visible_to, many=True, required=False, default=list)
    split = visible(handling_units_visible_to, many=True, required=False, default=list)
    is_complex = serializers.BooleanField(default=False, help_text="涉及面广、处理难度大：答复期限6个月")


class AssignSerializer(UnitsSerializer):
    on = DateField(default=timezone.localdate, help_text="交办日期，默认今天")


class BatchItemSerializer(UnitsSerializer):
    suggestion = visible(selectors.suggestions_visible_to)


class BatchAssignSerializer(serializers.Serializer):
    meeting_name = serializers.CharField(max_length=100)
    on = DateField(default=timezone.localdate, help_text="交办日期，默认今天")
    items = BatchItemSerializer(many=True)


class ReassignDecideSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    new_unit = visible(handling_units_visible_to, required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, default="", allow_blank=True)


class ContactInputSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=ContactRecord.Stage.choices)
    method = serializers.ChoiceField(choices=ContactRecord.Method.choices)
    date = DateField(default=timezone.localdate, help_text="联系日期，默认今天；不早于交办日期，不晚于今天")
    summary = serializers.CharField()


class OpinionSerializer(serializers.Serializer):
    opinion = serializers.CharField()


class CommitmentInputSerializer(serializers.Serializer):
    description = serializers.CharField(max_length=300)
    due = DateField(help_text="承诺期限，不早于今天")


class ReplyInputSerializer(serializers.Serializer):
    result_category = visible(selectors.result_categories_visible_to)
    text = serializers.CharField()
    signer = serializers.CharField(max_length=30)
    publishable = serializers.BooleanField(default=False, help_text="同意公开答复")
    letter = serializers.FileField(required=False, help_text="答复函，PDF 或 DOCX")
    generate_letter = serializers.BooleanField(
        default=False, help_text="按模板生成答复函（.docx），代替上传的答复函"
    )
    commitments = CommitmentInputSerializer(
        many=True,
        required=False,
        help_text="正在解决或列入计划类须填写；multipart 时写作 commitments[0]description、commitments[0]due",
    )


class EvaluationInputSerializer(serializers.Serializer):
    rating = serializers.ChoiceField(choices=RATINGS)
    attitude = serializers.ChoiceField(
        choices=RATINGS, required=False, default="", help_text="分别评价时必填"
    )
    result = serializers.ChoiceField(choices=RATINGS, required=False, default="", help_text="分别评价时必填")
    comment = serializers.CharField(required=False, default="", allow_blank=True)


class OutcomeSerializer(serializers.Serializer):
    outcome = serializers.CharField()


class KeySupervisionInputSerializer(serializers.Serializer):
    decided_on = DateField(default=timezone.localdate, help_text="主任会议决定日期，默认今天")
    leader = visible(memberships_visible_to, help_text="领衔督办的主任或副主任（常委会组成人员编号）")
    decision = serializers.CharField(required=False, default="", allow_blank=True)


class SupervisionNoteInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=SupervisionNote.Kind.choices)
    date = DateField(default=timezone.localdate, help_text="督办日期，默认今天")
    text = serializers.CharField()


class CommitmentUpdateInputSerializer(serializers.Serializer):
    text = serializers.CharField()
    solved = serializers.BooleanField(default=False)
    raise_to = visible(
        selectors.result_categories_visible_to,
        required=False,
        allow_null=True,
        default=None,
        help_text="问题解决后调整办理结果",
    )


# ---------------------------------------------------------------- views

ERRORS = {
    400: OpenApiResponse(
        description="输入不符合要求或不符合办理规则：按字段列出中文说明，另有 code（第一条说明的错误代码，"
        "如 required、contact_required）和 codes（与说明同样结构的各条代码）"
    ),
    403: OpenApiResponse(ErrorSerializer, description="无权进行此操作（code: permission_denied）"),
    404: OpenApiResponse(ErrorSerializer, description="没有找到，或无权查看（code: not_found）"),
    409: OpenApiResponse(
        description="当前状态不能进行此操作：按字段列出中文说明，code 为 invalid_transition"
    ),
}


def action_schema(summary: str, request, response, code: int = 200):
    return extend_schema(summary=summary, request=request, responses={code: response, **ERRORS})


def deprecated_alias(summary: str, successor: str, response):
    """The schema of an action's old path, kept for one release after the action was renamed."""
    return extend_schema(
        summary=f"{summary}（已弃用，请改用 {successor}）",
        request=None,
        responses={200: response, **ERRORS},
        deprecated=True,
    )


def deprecated(response: Response, successor: str) -> Response:
    """Tell the client of an old path which path replaces it (the Deprecation and Link headers)."""
    response["Deprecation"] = "true"
    response["Link"] = f'<{successor}>; rel="successor-version"'
    return response


class InputMixin(generics.GenericAPIView):
    def validated(self, serializer_class, **kwargs) -> dict:
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context(), **kwargs)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


class SuggestionViewSet(InputMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Suggestions and motions: the registry, drafting, review, assignment, evaluation and supervision."""

    lookup_value_regex = "[0-9]+"
    queryset = Suggestion.objects.none()  # rows come from the selectors
    serializer_class = SuggestionListSerializer
    filterset_class = SuggestionApiFilter
    ordering_fields = ["serial", "submitted_at", "accepted_at", "reply_due", "evaluation_due", "created_at"]

    def get_queryset(self):
        return selectors.suggestion_list_for(self.request.user)

    def get_object(self) -> Suggestion:
        return selectors.suggestion_get_for_user(self.request.user, self.kwargs["pk"])

    def _done(self, suggestion: Suggestion, code: int = status.HTTP_200_OK) -> Response:
        return Response(SuggestionSerializer(suggestion).data, status=code)

    @extend_schema(summary="议案建议列表")
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="议案建议详情", responses={200: SuggestionDetailSerializer, 404: ERRORS[404]})
    def retrieve(self, request, pk=None):
        suggestion = self.get_object()
        detail: Any = suggestion  # the serializer reads the page's parts through `page` (source="page.…")
        detail.page = selectors.suggestion_page(request.user, suggestion)
        return Response(SuggestionDetailSerializer(detail, context={"request": request}).data)

    @action_schema("起草（保存为草稿）", SuggestionCreateSerializer, SuggestionSerializer, 201)
    def create(self, request):
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
        suggestion = self.get_object()
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

    @extend_schema(
        summary="办理记录（时间线）", responses={200: EventSerializer(many=True), 404: ERRORS[404]}
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def events(self, request, pk=None):
        events = selectors.suggestion_events(request.user, self.get_object())
        return Response(EventSerializer(events, many=True).data)

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

    @action_schema("登记主席团对议案的决定", PresidiumSerializer, SuggestionSerializer)
    @action(detail=True, methods=["post"], url_path="presidium-decision")
    def presidium_decision(self, request, pk=None):
        suggestion = self.get_object()
        data = self.validated(PresidiumSerializer)
        return self._done(
            service_call(services.motion_presidium_decide, suggestion=suggestion, actor=request.user, **data)
        )

    @action_schema("立案（编号）", None, SuggestionSerializer)
    @action(detail=True, methods=["post"])
    def register(self, request, pk=None):
        return self._done(
            service_call(services.suggestion_accept, suggestion=self.get_object(), actor=request.user)
        )

    @deprecated_alias("立案", "POST /api/v1/suggestions/{id}/register/", SuggestionSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """The old name of register (立案): one release more, then removed."""
        return deprecated(self.register(request, pk), reverse("suggestion-register", args=[pk]))

    @action_schema("退回修改", ReasonSerializer, SuggestionSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, pk=None):
        suggestion = self.get_object()
        reason = self.validated(ReasonSerializer)["reason"]
        return self._done(
            service_call(services.suggestion_return, suggestion=suggestion, reason=reason, actor=request.user)
        )

    @action_schema("不予立案", RejectSerializer, SuggestionSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        suggestion = self.get_object()
        data = self.validated(RejectSerializer)
        return self._done(
            service_call(services.suggestion_reject, suggestion=suggestion, actor=request.user, **data)
        )

    @action_schema("并案：其他建议并入本件办理", MergeSerializer, SuggestionSerializer)
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        suggestion = self.get_object()
        others = self.validated(MergeSerializer)["others"]
        return self._done(
            service_call(services.suggestions_merge, into=suggestion, others=others, actor=request.user)
        )

    @action_schema("交办（主办、会办、协办，或分办）", AssignSerializer, SuggestionSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        suggestion = self.get_object()
        data = self.validated(AssignSerializer)
        return self._done(
            service_call(services.suggestion_assign, suggestion=suggestion, actor=request.user, **data)
        )

    @action_schema("交办会：批量交办（全部成功或全部不交办）", BatchAssignSerializer, MeetingSerializer, 201)
    @action(
        detail=False, methods=["post"], url_path="assign-batch", filter_backends=[], pagination_class=None
    )
    def assign_batch(self, request):
        data = self.validated(BatchAssignSerializer)
        try:
            meeting = service_call(services.suggestions_assign_batch, actor=request.user, **data)
        except serializers.ValidationError as error:
            raise serializers.ValidationError(batch_errors(error.detail)) from error
        return Response(MeetingSerializer(meeting).data, status=status.HTTP_201_CREATED)

    @action_schema("代表评价办理情况", EvaluationInputSerializer, EvaluationSerializer, 201)
    @action(detail=True, methods=["post"])
    def evaluations(self, request, pk=None):
        suggestion = self.get_object()
        data = self.validated(EvaluationInputSerializer)
        evaluation = service_call(
            services.evaluation_submit, suggestion=suggestion, actor=request.user, **data
        )
        return Response(EvaluationSerializer(evaluation).data, status=status.HTTP_201_CREATED)

    @action_schema("协调处理后办结", OutcomeSerializer, SuggestionSerializer)
    @action(detail=True, methods=["post"], url_path="coordination-close")
    def coordination_close(self, request, pk=None):
        suggestion = self.get_object()
        outcome = self.validated(OutcomeSerializer)["outcome"]
        return self._done(
            service_call(
                services.coordination_close, suggestion=suggestion, outcome=outcome, actor=request.user
            )
        )

    @action_schema("列为重点督办", KeySupervisionInputSerializer, KeySupervisionSerializer, 201)
    @action(detail=True, methods=["post"], url_path="key-supervision")
    def key_supervision(self, request, pk=None):
        suggestion = self.get_object()
        data = self.validated(KeySupervisionInputSerializer)
        supervision = service_call(
            services.key_supervision_select, suggestion=suggestion, actor=request.user, **data
        )
        return Response(KeySupervisionSerializer(supervision).data, status=status.HTTP_201_CREATED)

    @action_schema("登记督办情况", SupervisionNoteInputSerializer, SupervisionNoteSerializer, 201)
    @action(detail=True, methods=["post"], url_path="key-supervision/notes")
    def supervision_notes(self, request, pk=None):
        supervision = selectors.key_supervision_of(self.get_object())
        data = self.validated(SupervisionNoteInputSerializer)
        note = service_call(
            services.supervision_note_add, supervision=supervision, actor=request.user, **data
        )
        return Response(SupervisionNoteSerializer(note).data, status=status.HTTP_201_CREATED)


def batch_errors(detail: dict | list) -> dict | list:
    """The batch service keys an item's errors by its position in digits: report them under "items"."""
    if not isinstance(detail, dict):
        return detail
    items = {key: value for key, value in detail.items() if key.isdigit()}
    rest = {key: value for key, value in detail.items() if not key.isdigit()}
    return {**rest, "items": items} if items else rest


class AssignmentViewSet(InputMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Handling units: their open assignments (the to-do list) and every step of handling."""

    lookup_value_regex = "[0-9]+"
    queryset = Assignment.objects.none()  # rows come from the selectors
    serializer_class = UnitTodoSerializer
    filter_backends: list = []

    def get_queryset(self):
        return selectors.unit_todo(self.request.user).select_related("unit")

    def get_object(self) -> Assignment:
        return selectors.assignment_get_for_user(self.request.user, self.kwargs["pk"])

    def _done(self, assignment: Assignment) -> Response:
        return Response(AssignmentSerializer(assignment, context={"request": self.request}).data)

    @extend_schema(summary="承办单位待办：在办交办及期限、紧急程度")
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @action_schema("签收", None, AssignmentSerializer)
    @action(detail=True, methods=["post"], url_path="sign-for", url_name="sign-for")
    def sign_for(self, request, pk=None):
        return self._done(
            service_call(services.assignment_sign_for, assignment=self.get_object(), actor=request.user)
        )

    @deprecated_alias("签收", "POST /api/v1/suggestions/assignments/{id}/sign-for/", AssignmentSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """The old name of sign-for (签收): one release more, then removed."""
        return deprecated(self.sign_for(request, pk), reverse("suggestion-assignment-sign-for", args=[pk]))

    @action_schema("申请调整承办单位", ReasonSerializer, AssignmentSerializer)
    @action(detail=True, methods=["post"], url_path="reassignment-request")
    def reassignment_request(self, request, pk=None):
        assignment = self.get_object()
        reason = self.validated(ReasonSerializer)["reason"]
        return self._done(
            service_call(
                services.assignment_request_reassignment,
                assignment=assignment,
                reason=reason,
                actor=request.user,
            )
        )

    @action_schema("处理调整申请（同意时返回新交办）", ReassignDecideSerializer, AssignmentSerializer)
    @action(detail=True, methods=["post"], url_path="reassignment-decision")
    def reassignment_decision(self, request, pk=None):
        assignment = self.get_object()
        data = self.validated(ReassignDecideSerializer)
        return self._done(
            service_call(services.reassignment_decide, assignment=assignment, actor=request.user, **data)
        )

    @action_schema("登记联系代表情况", ContactInputSerializer, ContactSerializer, 201)
    @action(detail=True, methods=["post"])
    def contacts(self, request, pk=None):
        assignment = self.get_object()
        data = self.validated(ContactInputSerializer)
        record = service_call(services.contact_record, assignment=assignment, actor=request.user, **data)
        return Response(ContactSerializer(record).data, status=status.HTTP_201_CREATED)

    @action_schema("会办单位向主办单位提交会办意见", OpinionSerializer, AssignmentSerializer)
    @action(detail=True, methods=["post"], url_path="joint-opinion")
    def joint_opinion(self, request, pk=None):
        assignment = self.get_object()
        opinion = self.validated(OpinionSerializer)["opinion"]
        return self._done(
            service_call(
                services.joint_opinion_send, assignment=assignment, opinion=opinion, actor=request.user
            )
        )

    @action_schema(
        "答复（须先联系代表；可上传答复函或按模板生成）", ReplyInputSerializer, ReplySerializer, 201
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser, JSONParser])
    def reply(self, request, pk=None):
        assignment = self.get_object()
        data = dict(self.validated(ReplyInputSerializer))
        commitments = [(item["description"], item["due"]) for item in data.pop("commitments", [])]
        if data.pop("generate_letter"):
            data["letter"] = reply_letter_file(
                assignment=assignment,
                result_category=data["result_category"],
                text=data["text"],
                signer=data["signer"],
            )
        reply = service_call(
            services.reply_send,
            assignment=assignment,
            commitments=commitments,
            actor=request.user,
            **data,
        )
        return Response(ReplySerializer(reply).data, status=status.HTTP_201_CREATED)


class ReassignmentRequestListView(generics.ListAPIView):
    """Open reassignment requests: every one for the office, its own for a handling unit."""

    serializer_class = ReassignmentRequestSerializer
    filter_backends: list = []

    def get_queryset(self):
        return selectors.reassignment_requests_for(self.request.user).select_related(
            "suggestion__lead_deputy"
        )

    @extend_schema(summary="调整申请")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


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
        confirm = self.validated(CosignerRespondSerializer)["confirm"]
        cosigner = service_call(
            services.cosigner_respond, cosigner=cosigner, confirm=confirm, actor=request.user
        )
        return Response(CosignerSerializer(cosigner).data)


class CommitmentViewSet(InputMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Commitments of 'being solved / planned' replies, followed up by the unit until solved."""

    lookup_value_regex = "[0-9]+"
    queryset = Commitment.objects.none()  # rows come from the selectors
    serializer_class = OpenCommitmentSerializer
    filter_backends: list = []

    def get_queryset(self):
        return (
            selectors.unit_commitments(self.request.user)
            .select_related("reply__assignment__suggestion__lead_deputy")
            .prefetch_related("updates")
        )

    def get_object(self) -> Commitment:
        return selectors.commitment_for_unit_user(self.request.user, self.kwargs["pk"])

    @extend_schema(summary="本单位未落实的承诺事项")
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @action_schema("报告承诺事项进展", CommitmentUpdateInputSerializer, CommitmentUpdateSerializer, 201)
    @action(detail=True, methods=["post"])
    def updates(self, request, pk=None):
        commitment = self.get_object()
        data = self.validated(CommitmentUpdateInputSerializer)
        update = service_call(
            services.commitment_update_post, commitment=commitment, actor=request.user, **data
        )
        return Response(CommitmentUpdateSerializer(update).data, status=status.HTTP_201_CREATED)


# The content type of a download, by the extension of the stored file (one services.check_upload allowed).
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}
OCTET_STREAM = "application/octet-stream"  # a stored file of any other extension


def download(stored, filename: str) -> FileResponse:
    """A stored upload as an attachment, with the content type its schema declares."""
    extension = "." + stored.name.rsplit(".", 1)[-1].lower() if "." in stored.name else ""
    content_type = CONTENT_TYPES.get(extension, OCTET_STREAM)
    return FileResponse(stored.open("rb"), as_attachment=True, filename=filename, content_type=content_type)


def file_responses(*extensions: str) -> dict:
    types = sorted({CONTENT_TYPES[extension] for extension in extensions} | {OCTET_STREAM})
    return {**{(200, content_type): OpenApiTypes.BINARY for content_type in types}, 404: ERRORS[404]}


class AttachmentFileView(APIView):
    @extend_schema(summary="下载附件（PDF、DOCX、JPG、PNG）", responses=file_responses(*CONTENT_TYPES))
    def get(self, request, pk):
        attachment = selectors.attachment_get_for_user(request.user, pk)
        return download(attachment.file, attachment.name)


class ReplyLetterView(APIView):
    @extend_schema(summary="下载答复函（PDF、DOCX）", responses=file_responses(".pdf", ".docx"))
    def get(self, request, pk):
        reply = selectors.reply_get_for_user(request.user, pk)
        return download(reply.letter, reply.letter.name.rsplit("/", 1)[-1])


class ReferenceListView(generics.ListAPIView):
    """A configurable list, read by every signed-in user."""

    pagination_class = None
    filter_backends: list = []


@extend_schema(summary="建议分类")
class CategoryListView(ReferenceListView):
    serializer_class = SuggestionCategorySerializer

    def get_queryset(self):
        return selectors.suggestion_categories_visible_to(self.request.user)


@extend_schema(summary="办理结果分类")
class ResultCategoryListView(ReferenceListView):
    serializer_class = ResultCategorySerializer

    def get_queryset(self):
        return selectors.result_categories_visible_to(self.request.user)


@extend_schema(summary="不予立案理由")
class RefusalReasonListView(ReferenceListView):
    serializer_class = RefusalReasonSerializer

    def get_queryset(self):
        return selectors.refusal_reasons_visible_to(self.request.user)


class PublicReplyListView(generics.ListAPIView):
    """Published replies, for everyone without signing in: deputies' names, the suggestion and the answers."""

    serializer_class = PublicSuggestionSerializer
    permission_classes = [AllowAny]
    filter_backends = [FilterBackend]
    filterset_class = SearchFilter

    def get_queryset(self):
        return selectors.public_reply_list().order_by("-year", "serial", "-pk")

    @extend_schema(summary="公开的建议答复（无需登录）")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
