"""Citizens' opinions as a REST API: the stations' and the office's triage, the departments' side of the
handling chain, and the public endpoints a citizen uses without an account.

Reads go through opinions.selectors (an opinion the user may not see is a 404); each action validates its input
and calls one service. Errors follow core.api: a rule of a service is a 400 with Chinese messages keyed by field
and a `code`, a move the state does not allow a 409 (invalid_transition), a stale edit a 409 (stale_version),
missing rights a 403. As on the pages, a user who may not make a move, or a move the state does not allow, is
refused before the input is read.

The citizen's name, phone and address are only ever returned masked (selectors.citizen_of without reveal): the
logged unmasked view is the detail page's. The public endpoints return no personal data at all."""

from typing import Any

from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import exceptions, generics, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from renda.casework import selectors as casework_selectors
from renda.casework import services as casework
from renda.core.api import (
    ERRORS,
    AvailableActionsMixin,
    DateField,
    ErrorSerializer,
    InputMixin,
    RefSerializer,
    VersionedSerializer,
    VisiblePrimaryKeyField,
    action_schema,
    error_codes,
    service_call,
    versioned_changes,
)
from renda.core.human import (
    CHECK_FIELDS,
    NOT_A_PERSON,
    WRONG_ANSWER,
    answered_right,
    client_hash,
    new_question,
    question,
    sign_challenge,
)
from renda.core.roles import can
from renda.core.todos import urgency_of
from renda.deputies.choices import DeputyStatus
from renda.deputies.selectors import deputies_visible_to, stations_visible_to
from renda.opinions import selectors, services
from renda.opinions.forms import OpinionFilter
from renda.opinions.models import (
    Channel,
    InformMethod,
    Opinion,
    OpinionAssignment,
    OpinionEvent,
    OpinionReply,
    RedirectReason,
    Satisfaction,
    State,
)
from renda.opinions.workflows import CASES, COLLECT, IN_HANDLING, KEEP, MANAGE, OPINION_FLOW
from renda.org.selectors import handling_units_visible_to, townships_visible_to
from renda.suggestions.selectors import suggestion_categories_visible_to


def visible(visible_to, **kwargs) -> VisiblePrimaryKeyField:
    """An id field looked up among the records `visible_to(user)` returns."""
    return VisiblePrimaryKeyField(visible_to=visible_to, pk_field=serializers.IntegerField(), **kwargs)


def serving_deputies(user):
    return deputies_visible_to(user).filter(status=DeputyStatus.ACTIVE)


def error_messages(detail: Any) -> list[str]:
    """Every message of a DRF error detail (a list or dict of them), depth first."""
    if isinstance(detail, dict):
        return [message for value in detail.values() for message in error_messages(value)]
    if isinstance(detail, list):
        return [message for value in detail for message in error_messages(value)]
    return [str(detail)]


# ---------------------------------------------------------------- read serializers


class CitizenSerializer(serializers.Serializer):
    """反映人, always masked (张**, 138****5678, ***); empty where not given or erased."""

    name = serializers.CharField(help_text="姓名（遮蔽）")
    phone = serializers.CharField(help_text="联系电话（遮蔽）")
    address = serializers.CharField(help_text="住址（遮蔽）")
    erased = serializers.BooleanField(help_text="个人信息已按保存期限删除")


class PhotoSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class OpinionListSerializer(serializers.ModelSerializer):
    state_label = serializers.CharField(source="get_state_display")
    channel_label = serializers.CharField(source="get_channel_display")
    category = RefSerializer(allow_null=True)
    township = RefSerializer(allow_null=True)
    station = RefSerializer(allow_null=True)

    class Meta:
        model = Opinion
        fields = [
            "id", "tracking_code", "title", "channel", "channel_label", "state", "state_label", "year",
            "received_on", "category", "township", "station", "forward_due", "reply_due", "round",
            "closed_on", "resolved", "satisfaction",
        ]  # fmt: skip


class CitizenOpinionSerializer(OpinionListSerializer):
    """An opinion's own fields, as every write returns them; the citizen masked."""

    deputy = RefSerializer(allow_null=True, help_text="收集代表")
    redirect_reason = serializers.CharField(
        source="redirect_reason.label", default=None, help_text="引导类别"
    )
    citizen = serializers.SerializerMethodField(help_text="反映人（始终遮蔽）")
    photos = PhotoSerializer(many=True)

    class Meta(OpinionListSerializer.Meta):
        fields = [
            *OpinionListSerializer.Meta.fields,
            "content", "village", "deputy", "citizen", "photos", "is_complex", "answer", "redirect_reason",
            "merged_into", "suggestion", "answered_on", "informed_on", "informed_how", "feedback_on", "version",
        ]  # fmt: skip

    @extend_schema_field(CitizenSerializer)
    def get_citizen(self, opinion: Opinion) -> dict[str, Any]:
        citizen = selectors.citizen_of(self.context["request"].user, opinion)  # never revealed here
        return CitizenSerializer(citizen).data


class OpinionReplySerializer(serializers.ModelSerializer):
    unit = RefSerializer(source="assignment.unit")
    has_letter = serializers.SerializerMethodField(help_text="附有答复函")

    class Meta:
        model = OpinionReply
        fields = ["id", "assignment", "unit", "round", "text", "signer", "sent_at", "on_time", "has_letter"]

    def get_has_letter(self, reply: OpinionReply) -> bool:
        return bool(reply.letter)


class OpinionAssignmentSerializer(AvailableActionsMixin, serializers.ModelSerializer):
    """A department's assignment; `opinion` is a joint department's view (会办意见), `available_actions` the
    moves of the handling chain (casework) the user may make now."""

    flow = CASES.flow
    unit = RefSerializer()
    replies = OpinionReplySerializer(many=True)

    class Meta:
        model = OpinionAssignment
        fields = [
            "id", "citizen_opinion", "unit", "role", "state", "assigned_on", "due", "reassign_deadline",
            "opinion_due", "reassign_reason", "opinion", "opinion_sent_at", "replies", "available_actions",
        ]  # fmt: skip


class OpinionEventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    action = serializers.CharField()
    from_state = serializers.CharField()
    to_state = serializers.CharField()
    actor = serializers.CharField(source="actor.display_name", allow_null=True)
    note = serializers.CharField()
    created_at = serializers.DateTimeField()


class CitizenOpinionDetailSerializer(AvailableActionsMixin, CitizenOpinionSerializer):
    """The opinion with its departments' assignments and answers, its timeline and the moves the user may
    make."""

    flow = OPINION_FLOW
    assignments = OpinionAssignmentSerializer(many=True)
    events = OpinionEventSerializer(many=True, help_text="办理记录（时间线）")

    class Meta(CitizenOpinionSerializer.Meta):
        fields = [*CitizenOpinionSerializer.Meta.fields, "assignments", "events", "available_actions"]


class OpinionBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    tracking_code = serializers.CharField()
    title = serializers.CharField()
    state = serializers.ChoiceField(choices=State.choices)


class OpinionTodoSerializer(OpinionAssignmentSerializer):
    """An open assignment of the user's department, with the date that matters to it and its traffic light."""

    citizen_opinion = OpinionBriefSerializer()
    deadline = serializers.DateField(help_text="会办单位为会办意见期限，其他为答复期限")
    urgency = serializers.SerializerMethodField(help_text="ok 正常 / soon 临近期限 / overdue 已超期")

    class Meta(OpinionAssignmentSerializer.Meta):
        fields = [*OpinionAssignmentSerializer.Meta.fields, "deadline", "urgency"]

    @extend_schema_field(serializers.ChoiceField(choices=["ok", "soon", "overdue"]))
    def get_urgency(self, assignment: OpinionAssignment) -> str:
        return urgency_of(assignment.deadline)


class RedirectReasonSerializer(serializers.ModelSerializer):
    class Meta:
        model = RedirectReason
        fields = ["id", "label", "referral"]


# ---------------------------------------------------------------- input serializers


class OpinionTakeSerializer(serializers.Serializer):
    channel = serializers.ChoiceField(choices=[(Channel.RECEPTION, "接待日"), (Channel.VISIT, "走访")])
    title = serializers.CharField(max_length=120, help_text="一句话概括，如：某村通组路破损")
    content = serializers.CharField()
    received_on = DateField(required=False, help_text="收到日期，默认今天；不晚于今天")
    citizen_phone = serializers.CharField(max_length=20, required=False, default="", allow_blank=True)
    citizen_name = serializers.CharField(max_length=30, required=False, default="", allow_blank=True)
    citizen_address = serializers.CharField(max_length=100, required=False, default="", allow_blank=True)
    category = visible(suggestion_categories_visible_to, required=False, allow_null=True)
    township = visible(townships_visible_to, required=False, allow_null=True)
    village = serializers.CharField(max_length=50, required=False, default="", allow_blank=True)
    station = visible(
        stations_visible_to, required=False, allow_null=True, help_text="联络站管理员省略（本站）"
    )
    deputy = visible(serving_deputies, required=False, allow_null=True, help_text="代表本人登记时省略")
    photos = serializers.ListField(
        child=serializers.FileField(), required=False, default=list, help_text="JPG或PNG，最多6张"
    )


class OpinionUpdateSerializer(VersionedSerializer):
    """The fields to change, and the version read (required: without it a 400 naming the field)."""

    title = serializers.CharField(max_length=120)
    content = serializers.CharField()
    category = visible(suggestion_categories_visible_to, allow_null=True)
    township = visible(townships_visible_to, allow_null=True)
    village = serializers.CharField(max_length=50, allow_blank=True)
    is_complex = serializers.BooleanField(help_text="复杂事项：答复期限延长")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, partial=True, **kwargs)


class AnswerSerializer(serializers.Serializer):
    answer = serializers.CharField(help_text="答复内容或处理结果")


class RedirectSerializer(serializers.Serializer):
    reason = visible(selectors.redirect_reasons_visible_to, help_text="引导类别")
    note = serializers.CharField(required=False, default="", allow_blank=True)


class OpinionMergeSerializer(serializers.Serializer):
    others = visible(selectors.opinions_visible_to, many=True, help_text="合并到本件的待处理意见")


class ForwardSerializer(serializers.Serializer):
    lead = visible(handling_units_visible_to, required=False, allow_null=True, default=None)
    joint = visible(handling_units_visible_to, many=True, required=False, default=list)
    assisting = visible(handling_units_visible_to, many=True, required=False, default=list)
    split = visible(handling_units_visible_to, many=True, required=False, default=list)
    is_complex = serializers.BooleanField(default=False, help_text="复杂事项：答复期限延长")


class RaiseSerializer(serializers.Serializer):
    deputy = visible(
        serving_deputies,
        required=False,
        allow_null=True,
        default=None,
        help_text="代表工作机构须选择；代表本人省略（以本人名义）",
    )


class InformSerializer(serializers.Serializer):
    informed_how = serializers.ChoiceField(choices=InformMethod.choices, help_text="告知方式")
    answer = serializers.CharField(
        required=False, default="", allow_blank=True, help_text="告知内容（部门答复摘要）"
    )


class FeedbackSerializer(serializers.Serializer):
    resolved = serializers.BooleanField(help_text="是否解决")
    satisfaction = serializers.ChoiceField(choices=Satisfaction.choices, help_text="是否满意")


class OpinionReplyInputSerializer(serializers.Serializer):
    text = serializers.CharField()
    signer = serializers.CharField(max_length=30)
    letter = serializers.FileField(required=False, help_text="答复函，PDF 或 Word")


class ReassignmentReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text="申请调整的理由")


class JointViewSerializer(serializers.Serializer):
    opinion = serializers.CharField(help_text="会办意见")


class ReassignmentDecisionSerializer(serializers.Serializer):
    approve = serializers.BooleanField(help_text="true 同意调整，false 不同意")
    new_unit = visible(
        handling_units_visible_to, required=False, allow_null=True, default=None, help_text="同意时必填"
    )
    note = serializers.CharField(required=False, default="", allow_blank=True)


# ---------------------------------------------------------------- the opinions

EDIT_CONFLICT = OpenApiResponse(
    description="记录已被他人修改（code: stale_version，返回 detail），或当前状态不能修改（code: invalid_transition）"
)


class OpinionViewSet(InputMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Citizens' opinions: the list and detail as the pages show them, intake, correction and each triage step."""

    lookup_value_regex = "[0-9]+"
    queryset = Opinion.objects.none()  # rows come from the selectors
    serializer_class = OpinionListSerializer
    filterset_class = OpinionFilter
    ordering_fields = ["received_on", "reply_due", "state", "forward_due"]

    def get_queryset(self):
        return selectors.opinions_visible_to(self.request.user).select_related(
            "station", "township", "category"
        )

    def get_object(self) -> Opinion:
        return selectors.opinion_for(self.request.user, self.kwargs["pk"])

    def _done(self, opinion: Opinion, code: int = status.HTTP_200_OK) -> Response:
        return Response(
            CitizenOpinionSerializer(opinion, context=self.get_serializer_context()).data, status=code
        )

    def _triage(self, move: str) -> Opinion:
        opinion = self.get_object()
        OPINION_FLOW.refuse(opinion, move, actor=self.request.user)
        return opinion

    @extend_schema(summary="群众意见列表")
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary="群众意见详情（反映人信息遮蔽）",
        responses={200: CitizenOpinionDetailSerializer, 404: ERRORS[404]},
    )
    def retrieve(self, request, pk=None):
        opinion = self.get_object()
        assignments = OpinionAssignment.objects.select_related("unit", "citizen_opinion").order_by(
            "role", "pk"
        )
        prefetch_related_objects(
            [opinion],
            Prefetch("assignments", queryset=assignments),
            Prefetch(
                "assignments__replies", queryset=OpinionReply.objects.select_related("assignment__unit")
            ),
            Prefetch(
                "events", queryset=OpinionEvent.objects.select_related("actor").order_by("created_at", "pk")
            ),
            "photos",
        )
        return Response(CitizenOpinionDetailSerializer(opinion, context=self.get_serializer_context()).data)

    @extend_schema(
        summary="登记群众意见（接待日、走访）",
        description="联络站管理员登记本站收到的意见；代表以本人名义登记收集的意见；代表工作机构可登记任何意见。",
        request=OpinionTakeSerializer,
        responses={201: CitizenOpinionSerializer, **ERRORS},
    )
    def create(self, request):
        user = request.user
        if not (can(user, MANAGE) or can(user, KEEP) or can(user, COLLECT)):
            raise exceptions.PermissionDenied("只有联络站管理员、代表或代表工作机构可以登记群众意见。")
        data = self.validated(OpinionTakeSerializer)
        opinion = service_call(services.opinion_take, actor=user, **data)
        return self._done(opinion, status.HTTP_201_CREATED)

    @extend_schema(
        summary="修改群众意见（待处理时）",
        request=OpinionUpdateSerializer,
        responses={200: CitizenOpinionSerializer, **ERRORS, 409: EDIT_CONFLICT},
    )
    def partial_update(self, request, pk=None):
        opinion = self._triage("edit")
        serializer = OpinionUpdateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        version, changes = versioned_changes(serializer)
        changes = {name: value for name, value in changes.items() if getattr(opinion, name) != value}
        opinion = service_call(
            services.opinion_update,
            opinion=opinion,
            expected_version=version,
            changes=changes,
            actor=request.user,
        )
        return self._done(opinion)

    @action_schema("当场答复（办结）", AnswerSerializer, CitizenOpinionSerializer)
    @action(detail=True, methods=["post"], url_path="answer-on-spot")
    def answer_on_spot(self, request, pk=None):
        opinion = self._triage("answer_on_spot")
        answer = self.validated(AnswerSerializer)["answer"]
        return self._done(
            service_call(services.opinion_answer_on_spot, opinion=opinion, answer=answer, actor=request.user)
        )

    @action_schema("引导至其他渠道（诉讼、仲裁、复议等）", RedirectSerializer, CitizenOpinionSerializer)
    @action(detail=True, methods=["post"])
    def redirect(self, request, pk=None):
        opinion = self._triage("redirect")
        data = self.validated(RedirectSerializer)
        return self._done(
            service_call(services.opinion_redirect, opinion=opinion, actor=request.user, **data)
        )

    @action_schema("合并相同事项（其他意见并入本件）", OpinionMergeSerializer, CitizenOpinionSerializer)
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        opinion = self._triage("merge")
        others = self.validated(OpinionMergeSerializer)["others"]
        return self._done(
            service_call(services.opinions_merge, into=opinion, others=others, actor=request.user)
        )

    @action_schema("转办（主办、会办、协办，或分办）", ForwardSerializer, CitizenOpinionSerializer)
    @action(detail=True, methods=["post"])
    def forward(self, request, pk=None):
        opinion = self._triage("forward")
        data = self.validated(ForwardSerializer)
        return self._done(service_call(services.opinion_forward, opinion=opinion, actor=request.user, **data))

    @action_schema("转为代表建议（生成建议草稿）", RaiseSerializer, CitizenOpinionSerializer)
    @action(detail=True, methods=["post"], url_path="raise", url_name="raise")
    def raise_(self, request, pk=None):
        opinion = self._triage("raise")
        deputy = self.validated(RaiseSerializer)["deputy"]
        if deputy is None and not can(request.user, MANAGE):
            deputy = request.user.deputy
        if deputy is None:
            raise serializers.ValidationError({"deputy": ["请选择代表。"]}, code="required")
        return self._done(
            service_call(services.opinion_raise, opinion=opinion, deputy=deputy, actor=request.user)
        )

    @action_schema("告知群众（部门答复后）", InformSerializer, CitizenOpinionSerializer)
    @action(detail=True, methods=["post"])
    def inform(self, request, pk=None):
        opinion = self._triage("inform")
        data = self.validated(InformSerializer)
        return self._done(
            service_call(
                services.opinion_inform,
                opinion=opinion,
                how=data["informed_how"],
                answer=data["answer"],
                actor=request.user,
            )
        )

    @action_schema("回访：是否解决、是否满意", FeedbackSerializer, CitizenOpinionSerializer)
    @action(detail=True, methods=["post"])
    def feedback(self, request, pk=None):
        opinion = self._triage("feedback")
        data = self.validated(FeedbackSerializer)
        return self._done(
            service_call(services.opinion_feedback, opinion=opinion, actor=request.user, **data)
        )

    @action_schema("协调处理后办结（转代表工作机构的意见）", AnswerSerializer, CitizenOpinionSerializer)
    @action(detail=True, methods=["post"], url_path="close-escalated")
    def close_escalated(self, request, pk=None):
        opinion = self._triage("close_escalated")
        answer = self.validated(AnswerSerializer)["answer"]
        return self._done(
            service_call(services.opinion_close_escalated, opinion=opinion, answer=answer, actor=request.user)
        )


class RedirectReasonListView(generics.ListAPIView):
    """The redirect categories in use, with the referral text the citizen gets."""

    serializer_class = RedirectReasonSerializer
    pagination_class = None
    filter_backends: list = []

    def get_queryset(self):
        return selectors.redirect_reasons_visible_to(self.request.user)

    @extend_schema(summary="群众意见引导类别")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


# ---------------------------------------------------------------- the departments' side


class OpinionAssignmentViewSet(InputMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Departments: their open assignments of opinions and each step of handling; the office decides their
    requests to be replaced."""

    lookup_value_regex = "[0-9]+"
    queryset = OpinionAssignment.objects.none()  # rows come from the selectors
    serializer_class = OpinionTodoSerializer
    filter_backends: list = []

    def get_queryset(self):
        return (
            casework_selectors.unit_open(CASES, self.request.user)
            .select_related("unit")
            .prefetch_related("replies__assignment__unit")
        )

    def get_object(self) -> OpinionAssignment:
        try:
            return (
                selectors.assignments_visible_to(self.request.user)
                .select_related("citizen_opinion", "unit")
                .get(pk=self.kwargs["pk"])
            )
        except (OpinionAssignment.DoesNotExist, ValueError, TypeError):
            raise Http404("没有找到该转办。") from None

    def _step(self, move: str) -> OpinionAssignment:
        assignment = self.get_object()
        CASES.flow.refuse(assignment, move, actor=self.request.user)
        return assignment

    def _done(self, assignment: OpinionAssignment) -> Response:
        found = (
            OpinionAssignment.objects.select_related("unit", "citizen_opinion")
            .prefetch_related("replies__assignment__unit")
            .get(pk=assignment.pk)
        )
        return Response(OpinionAssignmentSerializer(found, context=self.get_serializer_context()).data)

    @extend_schema(summary="承办单位待办：转办的群众意见及期限、紧急程度")
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="转办详情", responses={200: OpinionAssignmentSerializer, 404: ERRORS[404]})
    def retrieve(self, request, pk=None):
        return self._done(self.get_object())

    @action_schema("签收", None, OpinionAssignmentSerializer)
    @action(detail=True, methods=["post"], url_path="sign-for", url_name="sign-for")
    def sign_for(self, request, pk=None):
        assignment = self._step("sign_for")
        return self._done(service_call(casework.sign_for, assignment=assignment, actor=request.user))

    @action_schema(
        "答复（主办、分办单位；可上传答复函）", OpinionReplyInputSerializer, OpinionReplySerializer, 201
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser, JSONParser])
    def reply(self, request, pk=None):
        assignment = self.get_object()
        # Only who may answer is checked first: the service names why a joint unit or a state may not.
        who = CASES.flow["reply"].who
        if who is not None:
            who.require(request.user, assignment)
        data = self.validated(OpinionReplyInputSerializer)
        reply = service_call(services.opinion_reply_send, assignment=assignment, actor=request.user, **data)
        return Response(
            OpinionReplySerializer(reply, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    @action_schema("申请调整承办单位", ReassignmentReasonSerializer, OpinionAssignmentSerializer)
    @action(detail=True, methods=["post"], url_path="request-reassignment")
    def request_reassignment(self, request, pk=None):
        assignment = self._step("request_reassignment")
        reason = self.validated(ReassignmentReasonSerializer)["reason"]
        return self._done(
            service_call(
                casework.request_reassignment, assignment=assignment, reason=reason, actor=request.user
            )
        )

    @action_schema("会办单位向主办单位提交会办意见", JointViewSerializer, OpinionAssignmentSerializer)
    @action(detail=True, methods=["post"], url_path="send-opinion")
    def send_opinion(self, request, pk=None):
        assignment = self._step("send_opinion")
        opinion = self.validated(JointViewSerializer)["opinion"]
        return self._done(
            service_call(casework.send_opinion, assignment=assignment, opinion=opinion, actor=request.user)
        )

    @action_schema(
        "处理调整申请（代表工作机构；同意时返回新交办）",
        ReassignmentDecisionSerializer,
        OpinionAssignmentSerializer,
    )
    @action(detail=True, methods=["post"], url_path="decide-reassignment")
    def decide_reassignment(self, request, pk=None):
        assignment = self.get_object()
        if not CASES.flow.may(request.user, assignment, "refuse_reassignment"):
            CASES.flow.refuse(assignment, "approve_reassignment", actor=request.user)
        data = self.validated(ReassignmentDecisionSerializer)
        decided = service_call(
            services.opinion_reassignment_decide, assignment=assignment, actor=request.user, **data
        )
        return self._done(decided)


# ---------------------------------------------------------------- the public endpoints (no account)


class PublicEventSerializer(serializers.Serializer):
    action = serializers.CharField(help_text="步骤，如 受理、转办、部门答复")
    date = serializers.SerializerMethodField(help_text="日期")

    @extend_schema_field(serializers.DateField())
    def get_date(self, event: OpinionEvent) -> str:
        return timezone.localdate(event.created_at).isoformat()


class PublicOpinionSerializer(serializers.Serializer):
    """What the citizen reads by tracking code: the matter, its state, the answer and the steps — no name,
    phone, address, department officer or note."""

    tracking_code = serializers.CharField(help_text="查询码")
    title = serializers.CharField()
    state = serializers.ChoiceField(choices=State.choices)
    state_label = serializers.CharField(source="get_state_display")
    received_on = serializers.DateField()
    reply_due = serializers.SerializerMethodField(help_text="转办中时的答复期限")
    answer = serializers.CharField(help_text="答复意见；尚无时为空")
    suggestion_number = serializers.SerializerMethodField(
        help_text="已转为代表建议时建议的编号（未编号时为空字符串）"
    )
    feedback_open = serializers.SerializerMethodField(help_text="可以评价办理结果（POST …/feedback/）")
    events = serializers.SerializerMethodField(help_text="办理步骤")

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_reply_due(self, opinion: Opinion):
        return opinion.reply_due.isoformat() if opinion.reply_due and opinion.state in IN_HANDLING else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_suggestion_number(self, opinion: Opinion) -> str | None:
        return opinion.suggestion.number if opinion.suggestion_id and opinion.suggestion else None

    def get_feedback_open(self, opinion: Opinion) -> bool:
        return opinion.state == State.INFORMED

    @extend_schema_field(PublicEventSerializer(many=True))
    def get_events(self, opinion: Opinion) -> Any:
        events = opinion.events.exclude(action__in=["修改"]).order_by("created_at", "pk")
        return PublicEventSerializer(events, many=True).data


class ChallengeSerializer(serializers.Serializer):
    challenge = serializers.CharField(help_text="提交时原样带回；两小时内有效")
    question = serializers.CharField(help_text="验证问题，提交时在 answer 中回答")
    townships = RefSerializer(many=True, help_text="可选的乡镇（街道）")
    categories = RefSerializer(many=True, help_text="可选的类别")


class PublicSubmitSerializer(serializers.Serializer):
    township = visible(selectors.townships_for_public, help_text="所在乡镇（街道）")
    village = serializers.CharField(max_length=50, required=False, default="", allow_blank=True)
    category = visible(selectors.categories_for_public, required=False, allow_null=True, default=None)
    title = serializers.CharField(max_length=120, help_text="反映事项")
    content = serializers.CharField(help_text="具体内容")
    citizen_name = serializers.CharField(
        max_length=30, required=False, default="", allow_blank=True, help_text="姓名（可不填）"
    )
    citizen_phone = serializers.CharField(max_length=20, help_text="联系电话，仅用于告知办理结果，不公开")
    photos = serializers.ListField(
        child=serializers.FileField(), required=False, default=list, help_text="JPG或PNG，最多6张"
    )
    consent = serializers.BooleanField(help_text="同意联系电话仅用于告知办理结果，办结后按规定期限删除")
    challenge = serializers.CharField(help_text="GET public/opinions/challenge/ 取得")
    answer = serializers.IntegerField(help_text="验证问题的答案")
    website = serializers.CharField(
        required=False, default="", allow_blank=True, help_text="请勿填写（留空）"
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("website"):
            raise serializers.ValidationError(NOT_A_PERSON, code="robot")
        if not answered_right(attrs["challenge"], attrs["answer"]):
            raise serializers.ValidationError({"answer": [WRONG_ANSWER]}, code="wrong_answer")
        return attrs


class PublicFeedbackSerializer(serializers.Serializer):
    phone_tail = serializers.RegexField(
        r"^\d{4}$", help_text="登记的联系电话后四位", error_messages={"invalid": "请填写联系电话后四位数字。"}
    )
    resolved = serializers.BooleanField(help_text="是否解决")
    satisfaction = serializers.ChoiceField(choices=Satisfaction.choices, help_text="是否满意")


PUBLIC_ERRORS = {
    400: ERRORS[400],
    404: OpenApiResponse(ErrorSerializer, description="没有找到该查询码（code: not_found）"),
}


class PublicView(APIView):
    """For everyone, without an account: a stale token or session does not turn it into a 401 or a CSRF
    refusal."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    def _opinion(self, code: str) -> Opinion:
        opinion = selectors.opinion_by_code(code)
        if opinion is None:
            raise Http404("没有找到该查询码，请核对。")
        return opinion


class PublicChallengeView(PublicView):
    @extend_schema(
        summary="网上反映：取得验证问题和可选的乡镇、类别（无需登录）", auth=[], responses=ChallengeSerializer
    )
    def get(self, request):
        a, b = new_question()
        body = {
            "challenge": sign_challenge(a, b),
            "question": question(a, b),
            "townships": selectors.townships_for_public(None),
            "categories": selectors.categories_for_public(None),
        }
        return Response(ChallengeSerializer(body).data)


class PublicSubmitView(PublicView):
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(
        summary="网上反映（无需登录；须回答验证问题，同一来源每小时限5条）",
        auth=[],
        request=PublicSubmitSerializer,
        responses={
            201: PublicOpinionSerializer,
            400: ERRORS[400],
            429: OpenApiResponse(ErrorSerializer, description="提交过于频繁（code: throttled）"),
        },
    )
    def post(self, request):
        serializer = PublicSubmitSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = {k: v for k, v in serializer.validated_data.items() if k not in CHECK_FIELDS}
        try:
            opinion = service_call(
                services.opinion_submit_online,
                client_hash=client_hash(request.META.get("REMOTE_ADDR", "")),
                **data,
            )
        except serializers.ValidationError as error:
            if "throttled" in error_codes(error.get_codes()):  # the per-address limit: 429, not a 400
                raise exceptions.Throttled(detail=error_messages(error.detail)[0]) from error
            raise
        return Response(PublicOpinionSerializer(opinion).data, status=status.HTTP_201_CREATED)


class PublicStatusView(PublicView):
    @extend_schema(
        summary="办理进度查询（按查询码；不含个人信息，无需登录）",
        auth=[],
        responses={200: PublicOpinionSerializer, 404: PUBLIC_ERRORS[404]},
    )
    def get(self, request, code: str):
        return Response(PublicOpinionSerializer(self._opinion(code)).data)


class PublicFeedbackView(PublicView):
    @extend_schema(
        summary="群众评价办理结果（须联系电话后四位，无需登录）",
        auth=[],
        request=PublicFeedbackSerializer,
        responses={
            200: PublicOpinionSerializer,
            **PUBLIC_ERRORS,
            409: OpenApiResponse(description="当前状态不能评价（code: invalid_transition）"),
        },
    )
    def post(self, request, code: str):
        opinion = self._opinion(code)
        serializer = PublicFeedbackSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        opinion = service_call(
            services.opinion_citizen_feedback, opinion=opinion, **serializer.validated_data
        )
        return Response(PublicOpinionSerializer(opinion).data)
