"""Handling by the units in the API: their open assignments, signing for (`accept` its deprecated alias),
reassignment requests and decisions, contacts, the joint unit's opinion, the reply, and commitments."""

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from renda.casework import services as casework
from renda.core.api import DateField, InputMixin, action_schema, service_call, visible
from renda.suggestions import selectors, services
from renda.suggestions.api.assignment import ReassignDecideSerializer
from renda.suggestions.api.common import (
    deprecated,
    deprecated_alias,
)
from renda.suggestions.api.review import ReasonSerializer
from renda.suggestions.api.serializers import (
    AssignmentSerializer,
    CommitmentUpdateSerializer,
    ContactSerializer,
    OpenCommitmentSerializer,
    ReplySerializer,
    UnitTodoSerializer,
)
from renda.suggestions.models import Assignment, Commitment, ContactRecord
from renda.suggestions.workflows import ASSIGNMENT_FLOW, BY_UNIT


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
    document_number = serializers.CharField(
        max_length=50, required=False, default="", allow_blank=True, help_text="文号；按模板生成答复函时必填"
    )
    contact_person = serializers.CharField(
        max_length=30,
        required=False,
        default="",
        allow_blank=True,
        help_text="联系人；按模板生成答复函时必填",
    )
    contact_phone = serializers.CharField(
        max_length=30,
        required=False,
        default="",
        allow_blank=True,
        help_text="联系电话；按模板生成答复函时必填",
    )
    copy_to = serializers.CharField(
        max_length=300,
        required=False,
        allow_blank=True,
        help_text="抄送；不填时按答复函模板的默认抄送（代表工作机构、附议代表）",
    )
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

    def _step(self, move: str) -> Assignment:
        """The assignment, if the user may make `move` on it now: refused (403, 409) before the input is read."""
        assignment = self.get_object()
        ASSIGNMENT_FLOW.refuse(assignment, move, actor=self.request.user)
        return assignment

    def _done(self, assignment: Assignment) -> Response:
        return Response(AssignmentSerializer(assignment, context={"request": self.request}).data)

    @extend_schema(summary="承办单位待办：在办交办及期限、紧急程度")
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @action_schema("签收", None, AssignmentSerializer)
    @action(detail=True, methods=["post"], url_path="sign-for", url_name="sign-for")
    def sign_for(self, request, pk=None):
        return self._done(service_call(casework.sign_for, assignment=self.get_object(), actor=request.user))

    @deprecated_alias("签收", "POST /api/v1/suggestions/assignments/{id}/sign-for/", AssignmentSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """The old name of sign-for (签收): one release more, then removed."""
        return deprecated(self.sign_for(request, pk), reverse("suggestion-assignment-sign-for", args=[pk]))

    @action_schema("申请调整承办单位", ReasonSerializer, AssignmentSerializer)
    @action(detail=True, methods=["post"], url_path="reassignment-request")
    def reassignment_request(self, request, pk=None):
        assignment = self._step("request_reassignment")
        reason = self.validated(ReasonSerializer)["reason"]
        return self._done(
            service_call(
                casework.request_reassignment,
                assignment=assignment,
                reason=reason,
                actor=request.user,
            )
        )

    @action_schema("处理调整申请（同意时返回新交办）", ReassignDecideSerializer, AssignmentSerializer)
    @action(detail=True, methods=["post"], url_path="reassignment-decision")
    def reassignment_decision(self, request, pk=None):
        # approving and refusing are the office's, on a request still open: refused as an approval would be
        assignment = self._step("approve_reassignment")
        data = self.validated(ReassignDecideSerializer)
        return self._done(
            service_call(services.reassignment_decide, assignment=assignment, actor=request.user, **data)
        )

    @action_schema("登记联系代表情况", ContactInputSerializer, ContactSerializer, 201)
    @action(detail=True, methods=["post"])
    def contacts(self, request, pk=None):
        assignment = self._step("contact")
        data = self.validated(ContactInputSerializer)
        record = service_call(casework.record_contact, assignment=assignment, actor=request.user, **data)
        return Response(ContactSerializer(record).data, status=status.HTTP_201_CREATED)

    @action_schema("会办单位向主办单位提交会办意见", OpinionSerializer, AssignmentSerializer)
    @action(detail=True, methods=["post"], url_path="joint-opinion")
    def joint_opinion(self, request, pk=None):
        assignment = self._step("send_opinion")
        opinion = self.validated(OpinionSerializer)["opinion"]
        return self._done(
            service_call(casework.send_opinion, assignment=assignment, opinion=opinion, actor=request.user)
        )

    @action_schema(
        "答复（须先联系代表；可上传答复函或按模板生成）", ReplyInputSerializer, ReplySerializer, 201
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser, JSONParser])
    def reply(self, request, pk=None):
        assignment = self.get_object()
        # Only who may answer is checked first: the service names why a joint unit or a state may not.
        BY_UNIT.require(request.user, assignment)
        data = dict(self.validated(ReplyInputSerializer))
        commitments = [(item["description"], item["due"]) for item in data.pop("commitments", [])]
        reply = service_call(
            services.reply_send,
            assignment=assignment,
            commitments=commitments,
            actor=request.user,
            **data,
        )
        return Response(ReplySerializer(reply).data, status=status.HTTP_201_CREATED)


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
