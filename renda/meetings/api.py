"""The meetings API: every step of the pages, through the same selectors and services (404 outside what the
user sees, 403 for who may not, 409 for a state that does not allow it)."""

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import exceptions, generics, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from renda.core.api import ERRORS, AvailableActionsMixin, InputMixin, action_schema, service_call
from renda.core.roles import can
from renda.deputies.choices import DeputyStatus
from renda.deputies.models import Deputy
from renda.meetings import selectors, services
from renda.meetings.models import (
    AgendaItem,
    Attendance,
    ItemKind,
    Meeting,
    MeetingKind,
    Paper,
    Resolution,
    ResolutionKind,
)
from renda.meetings.workflows import MANAGE, MEETING_FLOW
from renda.org.models import CommitteeOffice, CongressSession, Term
from renda.voting.models import VoteEvent

READ_ERRORS = {404: ERRORS[404]}


class PaperSerializer(serializers.ModelSerializer):
    submitted = serializers.SerializerMethodField(help_text="是否已送达")
    late = serializers.BooleanField(read_only=True, help_text="逾期送达（送达日期晚于应送达日期）")

    class Meta:
        model = Paper
        fields = ["id", "stage", "due_date", "submitted", "submitted_on", "late"]

    def get_submitted(self, paper: Paper) -> bool:
        return bool(paper.file)


class ResolutionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Resolution
        fields = ["id", "kind", "title", "text", "state", "year", "number", "code", "adopted_on", "result"]


class ItemSerializer(serializers.ModelSerializer):
    papers = PaperSerializer(many=True, read_only=True)
    resolution = serializers.SerializerMethodField()

    class Meta:
        model = AgendaItem
        fields = ["id", "order", "kind", "title", "reporter", "remarks", "result", "papers", "resolution"]

    @extend_schema_field(ResolutionSerializer(allow_null=True))
    def get_resolution(self, item: AgendaItem) -> dict[str, Any] | None:
        resolution = Resolution.objects.filter(item=item).first()
        return ResolutionSerializer(resolution).data if resolution else None


class QuorumSerializer(serializers.Serializer):
    members = serializers.IntegerField(help_text="应到")
    present = serializers.IntegerField(help_text="实到")
    on_leave = serializers.IntegerField(help_text="请假")
    needed = serializers.IntegerField(help_text="法定人数")
    met = serializers.BooleanField(help_text="是否符合法定人数")
    text = serializers.CharField()


class MeetingRecordSerializer(AvailableActionsMixin, serializers.ModelSerializer):
    flow = MEETING_FLOW
    title = serializers.CharField(read_only=True)
    quorum = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = [
            "id",
            "title",
            "kind",
            "term",
            "number",
            "date",
            "place",
            "presider",
            "state",
            "quorum",
            "available_actions",
        ]

    def get_quorum(self, meeting: Meeting) -> dict[str, Any]:
        q = selectors.quorum(meeting)
        return {**QuorumSerializer(q).data}


class MeetingDetailSerializer(MeetingRecordSerializer):
    items = ItemSerializer(many=True, read_only=True)
    attendance = serializers.SerializerMethodField(help_text="组成人员出席情况")

    class Meta(MeetingRecordSerializer.Meta):
        fields = [*MeetingRecordSerializer.Meta.fields, "items", "attendance"]

    def get_attendance(self, meeting: Meeting) -> list[dict[str, Any]]:
        user = self.context["request"].user
        return [
            {"deputy": row.deputy.pk, "name": row.deputy.name, "status": row.status}
            for row in selectors.attendance_sheet(meeting)
            if can(user, MANAGE) or can(user, "meetings.read") or row.deputy.pk == user.deputy_id
        ]


class MeetingCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=MeetingKind.choices)
    term = serializers.PrimaryKeyRelatedField(queryset=Term.objects.all())
    congress_session = serializers.PrimaryKeyRelatedField(
        queryset=CongressSession.objects.all(), required=False, allow_null=True
    )
    office = serializers.PrimaryKeyRelatedField(
        queryset=CommitteeOffice.objects.filter(kind=CommitteeOffice.Kind.SPECIAL),
        required=False,
        allow_null=True,
        help_text="专门委员会会议的委员会",
    )
    date = serializers.DateField()
    place = serializers.CharField(required=False, allow_blank=True, default="")
    presider = serializers.PrimaryKeyRelatedField(
        queryset=Deputy.objects.filter(status=DeputyStatus.ACTIVE), required=False, allow_null=True
    )


class DeputyInputSerializer(serializers.Serializer):
    deputy = serializers.PrimaryKeyRelatedField(
        queryset=Deputy.objects.all(), required=False, allow_null=True, help_text="组成人员（机关代为办理时）"
    )


class LeaveSerializer(DeputyInputSerializer):
    reason = serializers.CharField(help_text="请假事由")


class LeaveDecisionSerializer(serializers.Serializer):
    attendance = serializers.IntegerField(help_text="请假记录")
    approve = serializers.BooleanField()


class ItemInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ItemKind.choices)
    title = serializers.CharField()
    reporter = serializers.CharField(required=False, allow_blank=True, default="")


class ItemRecordSerializer(serializers.Serializer):
    item = serializers.IntegerField()
    remarks = serializers.CharField(allow_blank=True)
    result = serializers.CharField(allow_blank=True)


class AttendeeSerializer(serializers.Serializer):
    deputy = serializers.PrimaryKeyRelatedField(
        queryset=Deputy.objects.all(), required=False, allow_null=True
    )
    name = serializers.CharField(required=False, allow_blank=True, default="")
    organisation = serializers.CharField(required=False, allow_blank=True, default="")


class DraftSerializer(serializers.Serializer):
    item = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=ResolutionKind.choices)
    title = serializers.CharField()
    text = serializers.CharField()


class VoteResultSerializer(serializers.Serializer):
    resolution = serializers.IntegerField()
    adopted = serializers.BooleanField()
    result = serializers.CharField(help_text="应到X人，实到X人，赞成X票……通过")


class PaperUploadSerializer(serializers.Serializer):
    paper = serializers.IntegerField()
    file = serializers.FileField()


class ItemVoteSerializer(serializers.Serializer):
    item = serializers.IntegerField()
    method = serializers.ChoiceField(
        choices=[("named", "记名表决"), ("secret", "无记名表决"), ("paper", "纸质票")]
    )
    two_thirds = serializers.BooleanField(default=False, help_text="须全体组成人员三分之二以上")


class VoteRefSerializer(serializers.Serializer):
    vote = serializers.IntegerField(help_text="表决（/api/v1/voting/votes/）")


def _vote_of(meeting: Meeting, pk: int) -> Any:
    from django.contrib.contenttypes.models import ContentType

    return get_object_or_404(
        VoteEvent,
        pk=pk,
        subject_type=ContentType.objects.get_for_model(AgendaItem),
        subject_id__in=AgendaItem.objects.filter(meeting=meeting).values("pk"),
    )


class MeetingViewSet(InputMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Meetings the user may see, and every step of one."""

    lookup_value_regex = "[0-9]+"
    queryset = Meeting.objects.none()  # rows come from the selectors
    serializer_class = MeetingRecordSerializer
    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        return selectors.meetings_visible_to(self.request.user).order_by("-date", "-pk")

    def get_object(self) -> Meeting:
        return selectors.meeting_get_for_user(self.request.user, self.kwargs["pk"])

    def _done(self, meeting: Meeting, code: int = status.HTTP_200_OK) -> Response:
        meeting = selectors.meeting_get_for_user(self.request.user, meeting.pk)
        return Response(
            MeetingDetailSerializer(meeting, context=self.get_serializer_context()).data, status=code
        )

    def _office(self) -> Meeting:
        if not can(self.request.user, MANAGE):
            raise exceptions.PermissionDenied("只有常委会办事机构可以进行此操作。")
        return self.get_object()

    @extend_schema(summary="会议列表", responses={200: MeetingRecordSerializer(many=True), **READ_ERRORS})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary="会议详情：议程、材料、出席情况、法定人数",
        responses={200: MeetingDetailSerializer, **READ_ERRORS},
    )
    def retrieve(self, request, pk=None):
        return self._done(self.get_object())

    @action_schema("登记会议", MeetingCreateSerializer, MeetingDetailSerializer, 201)
    def create(self, request):
        if not can(request.user, MANAGE):
            raise exceptions.PermissionDenied("只有常委会办事机构可以登记会议。")
        meeting = service_call(
            services.meeting_create, **self.validated(MeetingCreateSerializer), actor=request.user
        )
        return self._done(meeting, status.HTTP_201_CREATED)

    @action_schema("开会", None, MeetingDetailSerializer)
    @action(detail=True, methods=["post"])
    def convene(self, request, pk=None):
        meeting = self.get_object()
        MEETING_FLOW.refuse(meeting, "convene", actor=request.user)
        return self._done(service_call(services.meeting_convene, meeting=meeting, actor=request.user))

    @action_schema("闭会", None, MeetingDetailSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        meeting = self.get_object()
        MEETING_FLOW.refuse(meeting, "close", actor=request.user)
        return self._done(service_call(services.meeting_close, meeting=meeting, actor=request.user))

    def _deputy(self, data: dict) -> Deputy:
        deputy = data.get("deputy") if can(self.request.user, MANAGE) else None
        deputy = deputy or getattr(self.request.user, "deputy", None)
        if deputy is None:
            raise serializers.ValidationError({"deputy": ["请选择组成人员。"]}, code="required")
        return deputy

    @action_schema("签到（本人，或机关代为签到）", DeputyInputSerializer, MeetingDetailSerializer)
    @action(detail=True, methods=["post"], url_path="sign-in")
    def sign_in(self, request, pk=None):
        meeting = self.get_object()
        deputy = self._deputy(self.validated(DeputyInputSerializer))
        service_call(services.attendance_sign_in, meeting=meeting, deputy=deputy, actor=request.user)
        return self._done(meeting)

    @action_schema("请假", LeaveSerializer, MeetingDetailSerializer)
    @action(detail=True, methods=["post"])
    def leave(self, request, pk=None):
        meeting = self.get_object()
        data = self.validated(LeaveSerializer)
        deputy = self._deputy(data)
        service_call(
            services.leave_request, meeting=meeting, deputy=deputy, reason=data["reason"], actor=request.user
        )
        return self._done(meeting)

    @action_schema("批准或不批准请假", LeaveDecisionSerializer, MeetingDetailSerializer)
    @action(detail=True, methods=["post"], url_path="leave-decision")
    def leave_decision(self, request, pk=None):
        meeting = self._office()
        data = self.validated(LeaveDecisionSerializer)
        attendance = get_object_or_404(Attendance, pk=data["attendance"], meeting=meeting)
        service_call(
            services.leave_decide, attendance=attendance, approve=data["approve"], actor=request.user
        )
        return self._done(meeting)

    @action_schema("安排议题", ItemInputSerializer, MeetingDetailSerializer, 201)
    @action(detail=True, methods=["post"])
    def items(self, request, pk=None):
        meeting = self._office()
        service_call(
            services.agenda_item_add,
            meeting=meeting,
            **self.validated(ItemInputSerializer),
            actor=request.user,
        )
        return self._done(meeting, status.HTTP_201_CREATED)

    @action_schema("记录议题审议情况", ItemRecordSerializer, MeetingDetailSerializer)
    @action(detail=True, methods=["post"])
    def record(self, request, pk=None):
        meeting = self._office()
        data = self.validated(ItemRecordSerializer)
        item = get_object_or_404(AgendaItem, pk=data["item"], meeting=meeting)
        service_call(
            services.item_record,
            item=item,
            remarks=data["remarks"],
            result=data["result"],
            actor=request.user,
        )
        return self._done(meeting)

    @action_schema("登记列席人员", AttendeeSerializer, MeetingDetailSerializer, 201)
    @action(detail=True, methods=["post"])
    def attendees(self, request, pk=None):
        meeting = self._office()
        service_call(
            services.attendee_add, meeting=meeting, **self.validated(AttendeeSerializer), actor=request.user
        )
        return self._done(meeting, status.HTTP_201_CREATED)

    @action_schema("上传会议材料", PaperUploadSerializer, MeetingDetailSerializer)
    @action(detail=True, methods=["post"])
    def papers(self, request, pk=None):
        meeting = self._office()
        data = self.validated(PaperUploadSerializer)
        paper = get_object_or_404(Paper, pk=data["paper"], item__meeting=meeting)
        service_call(services.paper_submit, paper=paper, upload=data["file"], actor=request.user)
        return self._done(meeting)

    @action_schema("拟定决议决定草案", DraftSerializer, MeetingDetailSerializer, 201)
    @action(detail=True, methods=["post"])
    def resolutions(self, request, pk=None):
        meeting = self._office()
        data = dict(self.validated(DraftSerializer))
        item = get_object_or_404(AgendaItem, pk=data.pop("item"), meeting=meeting)
        service_call(services.resolution_draft, item=item, **data, actor=request.user)
        return self._done(meeting, status.HTTP_201_CREATED)

    @action_schema("记录决议决定的表决结果", VoteResultSerializer, MeetingDetailSerializer)
    @action(detail=True, methods=["post"], url_path="vote-result")
    def vote_result(self, request, pk=None):
        meeting = self._office()
        data = self.validated(VoteResultSerializer)
        resolution = get_object_or_404(Resolution, pk=data["resolution"], item__meeting=meeting)
        decide = services.resolution_adopt if data["adopted"] else services.resolution_fail
        service_call(decide, resolution=resolution, result=data["result"], actor=request.user)
        return self._done(meeting)

    @action_schema(
        "发起议题表决（应到为全体组成人员，已签到者参加表决）",
        ItemVoteSerializer,
        MeetingDetailSerializer,
        201,
    )
    @action(detail=True, methods=["post"])
    def votes(self, request, pk=None):
        meeting = self._office()
        data = self.validated(ItemVoteSerializer)
        item = get_object_or_404(AgendaItem, pk=data["item"], meeting=meeting)
        service_call(
            services.item_vote_create,
            item=item,
            method=data["method"],
            two_thirds=data["two_thirds"],
            actor=request.user,
        )
        return self._done(meeting, status.HTTP_201_CREATED)

    @action_schema("核对法定人数并开始表决", VoteRefSerializer, MeetingDetailSerializer)
    @action(detail=True, methods=["post"], url_path="vote-open")
    def vote_open(self, request, pk=None):
        meeting = self._office()
        event = _vote_of(meeting, self.validated(VoteRefSerializer)["vote"])
        service_call(services.item_vote_open, event=event, actor=request.user)
        return self._done(meeting)

    @action_schema("将已结束表决的结果记入议题和决议决定", VoteRefSerializer, MeetingDetailSerializer)
    @action(detail=True, methods=["post"], url_path="vote-settle")
    def vote_settle(self, request, pk=None):
        meeting = self._office()
        event = _vote_of(meeting, self.validated(VoteRefSerializer)["vote"])
        service_call(services.item_vote_settle, event=event, actor=request.user)
        return self._done(meeting)


class PublicResolutionListView(generics.ListAPIView):
    """Adopted resolutions and decisions, public."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    serializer_class = ResolutionSerializer

    def get_queryset(self):
        return selectors.resolutions_public().order_by("-year", "-number")

    @extend_schema(summary="决议决定（公开）")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
