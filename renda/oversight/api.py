"""The oversight API: every step of the pages, through the same selectors and services (404 outside what the
user sees, 403 for who may not, 409 for a state that does not allow it)."""

from typing import Any

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from renda.casework import services as casework
from renda.core import clock
from renda.core.api import ERRORS, AvailableActionsMixin, DateField, InputMixin, action_schema, service_call
from renda.core.roles import can
from renda.deputies.models import Deputy
from renda.meetings.models import Meeting
from renda.org.models import CommitteeOffice, HandlingUnit
from renda.oversight import docx, selectors, services
from renda.oversight.models import (
    AppraisalRating,
    DeliberationOpinionAssignment,
    FilingDocument,
    Finding,
    InquiryQuestion,
    Interpellation,
    ItemKind,
    OversightItem,
    OversightPlan,
    Problem,
    Rating,
    Rectification,
    SatisfactionVote,
)
from renda.oversight.workflows import (
    FILING_FLOW,
    INTERPELLATION_FLOW,
    ITEM_FLOW,
    MANAGE,
    PLAN_FLOW,
    READ,
)

READ_ERRORS = {404: ERRORS[404]}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# ------------------------------------------------------------------ serializers


class OversightPlanSerializer(AvailableActionsMixin, serializers.ModelSerializer):
    flow = PLAN_FLOW

    class Meta:
        model = OversightPlan
        fields = [
            "id",
            "year",
            "title",
            "state",
            "council_meeting",
            "adopted_on",
            "published_on",
            "available_actions",
        ]


class OversightProblemSerializer(serializers.ModelSerializer):
    class Meta:
        model = Problem
        fields = ["id", "order", "text"]


class OversightRectificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Rectification
        fields = [
            "id", "item", "problem", "measure", "responsible_person", "due", "state", "done_note", "done_on",
            "closed_on",
        ]  # fmt: skip


class InquiryQuestionSerializer(serializers.ModelSerializer):
    class Meta:
        model = InquiryQuestion
        fields = ["id", "order", "asker", "question", "answerer", "answer", "follow_up"]


class OversightFindingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Finding
        fields = ["id", "order", "text", "evidence", "suggestion", "problem"]


class OversightAppraisalRatingSerializer(serializers.ModelSerializer):
    rater_name = serializers.CharField(source="rater.name", read_only=True)

    class Meta:
        model = AppraisalRating
        fields = ["rater", "rater_name", "rater_kind", "rating"]


class OversightAppraisalResultSerializer(serializers.Serializer):
    satisfied = serializers.IntegerField(help_text="满意")
    basically_satisfied = serializers.IntegerField(help_text="基本满意")
    dissatisfied = serializers.IntegerField(help_text="不满意")
    raters = serializers.IntegerField(help_text="参加测评人数（分母）")
    members = serializers.IntegerField(help_text="其中常委会组成人员")
    invited = serializers.IntegerField(help_text="其中受邀代表")
    text = serializers.CharField()


class SatisfactionVoteSerializer(serializers.ModelSerializer):
    class Meta:
        model = SatisfactionVote
        fields = [
            "round", "meeting", "vote", "satisfied", "basically_satisfied", "dissatisfied", "voted", "entitled",
            "passed",
        ]  # fmt: skip


class DeliberationOpinionReplySerializer(serializers.Serializer):
    round = serializers.IntegerField(read_only=True)
    text = serializers.CharField(read_only=True, help_text="研究处理情况报告")
    signer = serializers.CharField(read_only=True)
    sent_at = serializers.DateTimeField(read_only=True)
    on_time = serializers.BooleanField(read_only=True)


class DeliberationOpinionAssignmentSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    replies = DeliberationOpinionReplySerializer(many=True, read_only=True)

    class Meta:
        model = DeliberationOpinionAssignment
        fields = [
            "id",
            "unit",
            "unit_name",
            "role",
            "state",
            "assigned_on",
            "due",
            "answered_late",
            "replies",
        ]


class DeliberationOpinionReplyInputSerializer(serializers.Serializer):
    report = serializers.CharField(help_text="研究处理情况报告")
    signer = serializers.CharField(max_length=30)


class OversightItemSerializer(AvailableActionsMixin, serializers.ModelSerializer):
    flow = ITEM_FLOW
    year = serializers.IntegerField(source="plan.year", read_only=True)
    body_name = serializers.CharField(source="body.name", read_only=True)
    problems = OversightProblemSerializer(many=True, read_only=True)
    questions = serializers.SerializerMethodField()
    rectifications = OversightRectificationSerializer(many=True, read_only=True)
    satisfaction_votes = SatisfactionVoteSerializer(many=True, read_only=True)
    finding_rows = OversightFindingSerializer(many=True, read_only=True)
    ratings = OversightAppraisalRatingSerializer(many=True, read_only=True)
    appraisal = serializers.SerializerMethodField()
    assignments = DeliberationOpinionAssignmentSerializer(many=True, read_only=True)

    class Meta:
        model = OversightItem
        fields = [
            "id", "plan", "year", "kind", "title", "body", "body_name", "committee", "planned_month",
            "members", "invited_deputies", "added_after_adoption", "state", "meeting", "agenda_item", "articles_checked",
            "places_visited",
            "questionnaires",
            "questions",
            "findings",
            "heard_on", "opinion", "opinion_due", "opinion_sent_on", "opinion_late", "report_due",
            "audit_report_due", "handling_report", "reported_on", "report_late", "rounds", "result", "follow_up",
            "published_on", "closed_on", "problems", "rectifications", "satisfaction_votes", "finding_rows",
            "ratings", "appraisal", "assignments", "available_actions",
        ]  # fmt: skip

    @extend_schema_field(OversightAppraisalResultSerializer)
    def get_appraisal(self, item: OversightItem) -> dict:
        result = selectors.appraisal_result(item)
        return dict(OversightAppraisalResultSerializer({**result.__dict__, "text": result.text}).data)

    @extend_schema_field(InquiryQuestionSerializer(many=True))
    def get_questions(self, item: OversightItem) -> list:
        return list(InquiryQuestionSerializer(item.questions.all(), many=True).data)


class OversightItemListSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="plan.year", read_only=True)
    body_name = serializers.CharField(source="body.name", read_only=True)

    class Meta:
        model = OversightItem
        fields = [
            "id",
            "plan",
            "year",
            "kind",
            "title",
            "body",
            "body_name",
            "planned_month",
            "state",
            "report_due",
        ]


class OversightPlanCreateSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    title = serializers.CharField(required=False, allow_blank=True, default="")


class OversightPlanAdoptSerializer(serializers.Serializer):
    council_meeting = serializers.PrimaryKeyRelatedField(
        queryset=Meeting.objects.all(), required=False, allow_null=True
    )
    adopted_on = DateField(required=False, allow_null=True)


class OversightItemAddSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ItemKind.choices)
    title = serializers.CharField(max_length=200)
    body = serializers.PrimaryKeyRelatedField(queryset=HandlingUnit.objects.all())
    committee = serializers.PrimaryKeyRelatedField(
        queryset=CommitteeOffice.objects.all(), required=False, allow_null=True
    )
    planned_month = serializers.IntegerField(min_value=1, max_value=12)
    members = serializers.PrimaryKeyRelatedField(queryset=Deputy.objects.all(), many=True, required=False)
    invited_deputies = serializers.PrimaryKeyRelatedField(
        queryset=Deputy.objects.all(), many=True, required=False
    )


class OversightMeetingSerializer(serializers.Serializer):
    meeting = serializers.PrimaryKeyRelatedField(queryset=Meeting.objects.all())


class OversightInspectSerializer(serializers.Serializer):
    articles_checked = serializers.CharField(required=False, allow_blank=True, default="")
    places_visited = serializers.CharField(required=False, allow_blank=True, default="")
    questionnaires = serializers.IntegerField(
        min_value=0, max_value=1_000_000, required=False, allow_null=True
    )
    findings = serializers.CharField(required=False, allow_blank=True, default="")


class InquiryQuestionInputSerializer(serializers.Serializer):
    asker = serializers.PrimaryKeyRelatedField(queryset=Deputy.objects.all())
    question = serializers.CharField()
    answerer = serializers.CharField(max_length=100)
    answer = serializers.CharField(required=False, allow_blank=True, default="")
    follow_up = serializers.BooleanField(required=False, default=False)


class OversightDeliberateSerializer(serializers.Serializer):
    problems = serializers.ListField(
        child=serializers.CharField(max_length=2000), required=False, default=list
    )
    findings = serializers.CharField(required=False, allow_blank=True, default="")
    from_findings = serializers.ListField(
        child=serializers.IntegerField(), required=False, default=list,
        help_text="列入问题清单的调研发现 id（finding_rows），列在问题清单前面",
    )  # fmt: skip


class OversightFindingInputSerializer(serializers.Serializer):
    text = serializers.CharField()
    evidence = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    suggestion = serializers.CharField(required=False, allow_blank=True, default="")


class OversightAppraisalRatingInputSerializer(serializers.Serializer):
    rater = serializers.PrimaryKeyRelatedField(queryset=Deputy.objects.all())
    rating = serializers.ChoiceField(choices=Rating.choices)


class DeliberationOpinionSerializer(serializers.Serializer):
    opinion = serializers.CharField()


class OversightRectificationAddSerializer(serializers.Serializer):
    problem = serializers.IntegerField(required=False, allow_null=True, help_text="问题清单中的问题 id")
    measure = serializers.CharField()
    responsible_person = serializers.CharField(max_length=50)
    due = DateField()


class HandlingReportSerializer(serializers.Serializer):
    report = serializers.CharField()
    signer = serializers.CharField(
        max_length=30, required=False, default="", help_text="签发人：工作机构据纸质报告代为登记时必填"
    )


class OversightNoteSerializer(serializers.Serializer):
    note = serializers.CharField()


class SatisfactionVoteRefSerializer(serializers.Serializer):
    vote = serializers.IntegerField(help_text="表决（/api/v1/voting/votes/），开始、投票、结束在表决接口")


# ------------------------------------------------------------------ plans


class PlanViewSet(InputMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """年度监督工作计划: drafted, adopted by the Council of Chairpersons, published; changes recorded."""

    lookup_value_regex = "[0-9]+"
    queryset = OversightPlan.objects.none()
    serializer_class = OversightPlanSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return selectors.plans_visible_to(self.request.user).order_by("-year")

    def get_object(self) -> OversightPlan:
        return selectors.plan_get_for_user(self.request.user, self.kwargs["pk"])

    def _done(self, plan: OversightPlan, code: int = status.HTTP_200_OK) -> Response:
        plan = selectors.plan_get_for_user(self.request.user, plan.pk)
        return Response(
            OversightPlanSerializer(plan, context=self.get_serializer_context()).data, status=code
        )

    @extend_schema(summary="年度监督工作计划列表", responses={200: OversightPlanSerializer(many=True)})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="年度监督工作计划详情", responses={200: OversightPlanSerializer, **READ_ERRORS})
    def retrieve(self, request, pk=None):
        return self._done(self.get_object())

    @action_schema("编制年度监督工作计划", OversightPlanCreateSerializer, OversightPlanSerializer, 201)
    def create(self, request):
        if not can(request.user, MANAGE):
            raise exceptions.PermissionDenied("只有人大常委会工作机构可以编制监督计划。")
        data = self.validated(OversightPlanCreateSerializer)
        return self._done(
            service_call(services.plan_create, **data, actor=request.user), status.HTTP_201_CREATED
        )

    @action_schema("主任会议通过（监督法第六十三条）", OversightPlanAdoptSerializer, OversightPlanSerializer)
    @action(detail=True, methods=["post"])
    def adopt(self, request, pk=None):
        plan = self.get_object()
        PLAN_FLOW.refuse(plan, "adopt", actor=request.user)
        data = self.validated(OversightPlanAdoptSerializer)
        return self._done(service_call(services.plan_adopt, plan=plan, **data, actor=request.user))

    @action_schema("公布计划", None, OversightPlanSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        plan = self.get_object()
        return self._done(service_call(services.plan_publish, plan=plan, actor=request.user))

    @action_schema(
        "增加监督事项（计划通过后记为计划调整）", OversightItemAddSerializer, OversightItemSerializer, 201
    )
    @action(detail=True, methods=["post"])
    def items(self, request, pk=None):
        plan = self.get_object()
        PLAN_FLOW.refuse(plan, "edit" if plan.state == "draft" else "change", actor=request.user)
        data = self.validated(OversightItemAddSerializer)
        item = service_call(services.item_add, plan=plan, **data, actor=request.user)
        return Response(
            OversightItemSerializer(item, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )


# ------------------------------------------------------------------ items


class ItemViewSet(InputMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """监督事项 and their closed loop: meeting, problem list, opinions, rectification list, handling report,
    satisfaction vote, follow-up, closing; publication."""

    lookup_value_regex = "[0-9]+"
    queryset = OversightItem.objects.none()
    serializer_class = OversightItemListSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        rows = selectors.items_visible_to(self.request.user).order_by("-plan__year", "planned_month", "pk")
        year = self.request.query_params.get("year", "")
        return rows.filter(plan__year=int(year)) if year.isdigit() else rows

    def get_object(self) -> OversightItem:
        return selectors.item_get_for_user(self.request.user, self.kwargs["pk"])

    def _done(self, item: OversightItem, code: int = status.HTTP_200_OK) -> Response:
        item = selectors.item_get_for_user(self.request.user, item.pk)
        return Response(
            OversightItemSerializer(item, context=self.get_serializer_context()).data, status=code
        )

    def _step(self, name: str, serializer_class: Any, service: Any, **extra: Any) -> Response:
        item = self.get_object()
        ITEM_FLOW.refuse(item, name, actor=self.request.user)
        data = self.validated(serializer_class) if serializer_class else {}
        return self._done(service_call(service, item=item, **data, **extra, actor=self.request.user))

    @extend_schema(summary="监督事项列表（?year=）", responses={200: OversightItemListSerializer(many=True)})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary="监督事项详情：问题清单、整改清单、满意度测评",
        responses={200: OversightItemSerializer, **READ_ERRORS},
    )
    def retrieve(self, request, pk=None):
        return self._done(self.get_object())

    @action_schema("列入常委会会议议程", OversightMeetingSerializer, OversightItemSerializer)
    @action(detail=True, methods=["post"])
    def schedule(self, request, pk=None):
        return self._step("schedule", OversightMeetingSerializer, services.item_schedule)

    @action_schema("登记检查、视察、调研情况", OversightInspectSerializer, OversightItemSerializer)
    @action(detail=True, methods=["post"])
    def inspect(self, request, pk=None):
        return self._step("inspect", OversightInspectSerializer, services.item_inspect)

    @action_schema("登记询问和答询（含现场追问）", InquiryQuestionInputSerializer, OversightItemSerializer)
    @action(detail=True, methods=["post"])
    def questions(self, request, pk=None):
        item = self.get_object()
        ITEM_FLOW.refuse(item, "question", actor=request.user)
        data = self.validated(InquiryQuestionInputSerializer)
        service_call(services.question_record, item=item, **data, actor=request.user)
        return self._done(item)

    @action_schema("审议并列出问题清单", OversightDeliberateSerializer, OversightItemSerializer)
    @action(detail=True, methods=["post"])
    def deliberate(self, request, pk=None):
        item = self.get_object()
        ITEM_FLOW.refuse(item, "deliberate", actor=request.user)
        data = dict(self.validated(OversightDeliberateSerializer))
        ids = data.pop("from_findings")
        rows = {row.pk: row for row in item.finding_rows.filter(pk__in=ids, problem__isnull=True)}
        if set(ids) - set(rows):
            raise serializers.ValidationError({"from_findings": "调研发现不属于该监督事项或已列入问题清单。"})
        chosen = [rows[pk] for pk in dict.fromkeys(ids)]
        return self._done(
            service_call(
                services.item_deliberate, item=item, **data, from_findings=chosen, actor=request.user
            )
        )

    @action_schema(
        "登记调研发现（发现的问题、地点或依据、建议）",
        OversightFindingInputSerializer,
        OversightItemSerializer,
    )
    @action(detail=True, methods=["post"])
    def findings(self, request, pk=None):
        item = self.get_object()
        ITEM_FLOW.refuse(item, "finding", actor=request.user)
        data = self.validated(OversightFindingInputSerializer)
        service_call(services.finding_add, item=item, **data, actor=request.user)
        return self._done(item)

    @action_schema(
        "登记工作评议测评（一名评议人：满意、基本满意、不满意）",
        OversightAppraisalRatingInputSerializer,
        OversightItemSerializer,
    )
    @action(detail=True, methods=["post"])
    def ratings(self, request, pk=None):
        item = self.get_object()
        ITEM_FLOW.refuse(item, "appraise", actor=request.user)
        data = self.validated(OversightAppraisalRatingInputSerializer)
        service_call(services.appraisal_rating_record, item=item, **data, actor=request.user)
        return self._done(item)

    @action_schema("交办审议意见", DeliberationOpinionSerializer, OversightItemSerializer)
    @action(detail=True, methods=["post"])
    def opinions(self, request, pk=None):
        return self._step("send_opinions", DeliberationOpinionSerializer, services.item_send_opinions)

    @action_schema(
        "报送整改清单（一条整改措施及责任人）",
        OversightRectificationAddSerializer,
        OversightRectificationSerializer,
        201,
    )
    @action(detail=True, methods=["post"])
    def rectifications(self, request, pk=None):
        item = self.get_object()
        ITEM_FLOW.refuse(item, "rectification_add", actor=request.user)
        data = dict(self.validated(OversightRectificationAddSerializer))
        problem_id = data.pop("problem", None)
        problem = None
        if problem_id is not None:
            problem = item.problems.filter(pk=problem_id).first()
            if problem is None:
                raise serializers.ValidationError({"problem": "问题不属于该监督事项。"})
        row = service_call(services.rectification_add, item=item, problem=problem, **data, actor=request.user)
        return Response(OversightRectificationSerializer(row).data, status=status.HTTP_201_CREATED)

    @action_schema("报送研究处理情况报告", HandlingReportSerializer, OversightItemSerializer)
    @action(detail=True, methods=["post"])
    def report(self, request, pk=None):
        return self._step("report", HandlingReportSerializer, services.item_report)

    def _assignment(self) -> DeliberationOpinionAssignment:
        """The item's deliberation opinion as assigned to the user's own body; anyone else: 403."""
        assignment = selectors.item_opinion_assignment(self.request.user, self.get_object())
        if assignment is None:
            raise exceptions.PermissionDenied("只有被监督单位可以办理审议意见。")
        return assignment

    @action_schema("被监督单位签收审议意见", None, OversightItemSerializer)
    @action(detail=True, methods=["post"], url_path="sign-for")
    def sign_for(self, request, pk=None):
        assignment = self._assignment()
        service_call(casework.sign_for, assignment=assignment, actor=request.user)
        return self._done(assignment.item)

    @action_schema(
        "被监督单位答复：报送研究处理情况报告",
        DeliberationOpinionReplyInputSerializer,
        OversightItemSerializer,
    )
    @action(detail=True, methods=["post"])
    def reply(self, request, pk=None):
        assignment = self._assignment()
        data = self.validated(DeliberationOpinionReplyInputSerializer)
        service_call(services.opinion_reply, assignment=assignment, actor=request.user, **data)
        return self._done(assignment.item)

    @action_schema(
        "提付满意度测评（无记名：满意、基本满意、不满意）",
        OversightMeetingSerializer,
        SatisfactionVoteRefSerializer,
        201,
    )
    @action(detail=True, methods=["post"])
    def rate(self, request, pk=None):
        item = self.get_object()
        ITEM_FLOW.refuse(item, "rate", actor=request.user)
        data = self.validated(OversightMeetingSerializer)
        event = service_call(services.item_vote_create, item=item, **data, actor=request.user)
        return Response({"vote": event.pk}, status=status.HTTP_201_CREATED)

    @action_schema("跟踪监督（回头看）", OversightNoteSerializer, OversightItemSerializer)
    @action(detail=True, methods=["post"], url_path="follow-up")
    def follow_up(self, request, pk=None):
        return self._step("follow_up", OversightNoteSerializer, services.item_follow_up)

    @action_schema("向代表通报并公开（监督法第十七条）", None, OversightItemSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        return self._step("publish", None, services.item_publish)


class RectificationViewSet(InputMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """整改清单 across items: the body reports each done, the office closes it (销号)."""

    lookup_value_regex = "[0-9]+"
    queryset = Rectification.objects.none()
    serializer_class = OversightRectificationSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return selectors.rectifications_visible_to(self.request.user).order_by("due", "pk")

    def get_object(self) -> Rectification:
        return selectors.rectification_get_for_user(self.request.user, self.kwargs["pk"])

    @extend_schema(summary="整改清单", responses={200: OversightRectificationSerializer(many=True)})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="整改事项详情", responses={200: OversightRectificationSerializer, **READ_ERRORS})
    def retrieve(self, request, pk=None):
        return Response(OversightRectificationSerializer(self.get_object()).data)

    @action_schema("报告整改完成", OversightNoteSerializer, OversightRectificationSerializer)
    @action(detail=True, methods=["post"])
    def done(self, request, pk=None):
        row = self.get_object()
        ITEM_FLOW.refuse(row.item, "rectification_done", actor=request.user)
        data = self.validated(OversightNoteSerializer)
        return Response(
            OversightRectificationSerializer(
                service_call(services.rectification_done, rectification=row, **data, actor=request.user)
            ).data
        )

    @action_schema("销号", None, OversightRectificationSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        row = self.get_object()
        ITEM_FLOW.refuse(row.item, "rectification_close", actor=request.user)
        return Response(
            OversightRectificationSerializer(
                service_call(services.rectification_close, rectification=row, actor=request.user)
            ).data
        )


# ------------------------------------------------------------------ board


class OversightBoardRowSerializer(serializers.Serializer):
    name = serializers.CharField()
    open = serializers.IntegerField()
    overdue = serializers.IntegerField()
    closed = serializers.IntegerField()


class OversightBoardSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    sentence = serializers.CharField(help_text="听取和审议专项工作报告X个，开展执法检查X次……")
    filing_report = serializers.CharField(help_text="备案审查工作情况：接收报备X件（逾期X件），审查X件……")
    stages = serializers.DictField(child=serializers.IntegerField())
    rectifications = serializers.DictField(child=serializers.IntegerField())
    rectifications_overdue = serializers.IntegerField()
    per_committee = OversightBoardRowSerializer(many=True)
    per_body = OversightBoardRowSerializer(many=True)


class BoardView(APIView):
    """The chairpersons' board and the year's figures in the seeds' words."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="监督看板：各环节事项、超期、整改事项（?year=）", responses={200: OversightBoardSerializer}
    )
    def get(self, request):
        if not can(request.user, READ):
            raise exceptions.PermissionDenied("无权查看监督看板。")
        year_text = request.query_params.get("year", "")
        year = (
            int(year_text) if year_text.isdigit() and 2000 <= int(year_text) <= 2100 else clock.today().year
        )
        board = selectors.board(year)
        data = {
            "year": year,
            "sentence": selectors.year_figures(year).sentence,
            "filing_report": selectors.filing_report(year).sentence,
            "stages": dict(board["stages"]),
            "rectifications": dict(board["rectification_states"]),
            "rectifications_overdue": board["rectifications_overdue"],
            "per_committee": board["per_committee"],
            "per_body": board["per_body"],
        }
        return Response(OversightBoardSerializer(data).data)


# ------------------------------------------------------------------ interpellations


class InterpellationSerializer(AvailableActionsMixin, serializers.ModelSerializer):
    flow = INTERPELLATION_FLOW

    class Meta:
        model = Interpellation
        fields = [
            "id", "title", "content", "body", "filers", "filed_on", "state", "meeting", "answer", "answer_rounds",
            "dissatisfied", "available_actions",
        ]  # fmt: skip


class InterpellationFileSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    content = serializers.CharField()
    body = serializers.PrimaryKeyRelatedField(queryset=HandlingUnit.objects.all())
    filers = serializers.PrimaryKeyRelatedField(queryset=Deputy.objects.all(), many=True)


class InterpellationAnswerSerializer(serializers.Serializer):
    answer = serializers.CharField()


class InterpellationAssessSerializer(serializers.Serializer):
    dissatisfied = serializers.IntegerField(min_value=0, max_value=1000, help_text="对答复不满意的提案人数")


class InterpellationViewSet(InputMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """质询案: filed by ≥3 members, answered at a meeting, answered again when most filers are dissatisfied."""

    lookup_value_regex = "[0-9]+"
    queryset = Interpellation.objects.none()
    serializer_class = InterpellationSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return selectors.interpellations_visible_to(self.request.user).prefetch_related("filers")

    def get_object(self) -> Interpellation:
        return selectors.interpellation_get_for_user(self.request.user, self.kwargs["pk"])

    def _done(self, q: Interpellation, code: int = status.HTTP_200_OK) -> Response:
        q = selectors.interpellation_get_for_user(self.request.user, q.pk)
        return Response(InterpellationSerializer(q, context=self.get_serializer_context()).data, status=code)

    @extend_schema(summary="质询案列表", responses={200: InterpellationSerializer(many=True)})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="质询案详情", responses={200: InterpellationSerializer, **READ_ERRORS})
    def retrieve(self, request, pk=None):
        return self._done(self.get_object())

    @action_schema(
        "提出质询案（常委会组成人员三人以上联名）",
        InterpellationFileSerializer,
        InterpellationSerializer,
        201,
    )
    def create(self, request):
        if not selectors.may_file_interpellation(request.user):
            raise exceptions.PermissionDenied("质询案由常委会组成人员联名提出。")
        data = self.validated(InterpellationFileSerializer)
        return self._done(
            service_call(services.interpellation_file, **data, actor=request.user), status.HTTP_201_CREATED
        )

    @action_schema("交付答复", OversightMeetingSerializer, InterpellationSerializer)
    @action(detail=True, methods=["post"])
    def schedule(self, request, pk=None):
        q = self.get_object()
        INTERPELLATION_FLOW.refuse(q, "schedule", actor=request.user)
        data = self.validated(OversightMeetingSerializer)
        return self._done(
            service_call(services.interpellation_schedule, interpellation=q, **data, actor=request.user)
        )

    @action_schema("答复（或再次答复）", InterpellationAnswerSerializer, InterpellationSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        q = self.get_object()
        INTERPELLATION_FLOW.refuse(
            q, "answer_again" if q.state == "reanswer" else "answer", actor=request.user
        )
        data = self.validated(InterpellationAnswerSerializer)
        return self._done(
            service_call(services.interpellation_answer, interpellation=q, **data, actor=request.user)
        )

    @action_schema(
        "登记提案人对答复的意见（过半数不满意则再次答复）",
        InterpellationAssessSerializer,
        InterpellationSerializer,
    )
    @action(detail=True, methods=["post"])
    def assess(self, request, pk=None):
        q = self.get_object()
        INTERPELLATION_FLOW.refuse(q, "close", actor=request.user)
        data = self.validated(InterpellationAssessSerializer)
        return self._done(
            service_call(services.interpellation_assess, interpellation=q, **data, actor=request.user)
        )


# ------------------------------------------------------------------ filing review


class FilingSerializer(AvailableActionsMixin, serializers.ModelSerializer):
    flow = FILING_FLOW

    class Meta:
        model = FilingDocument
        fields = [
            "id", "title", "number", "issuer", "published_on", "filed_on", "filing_due", "filed_late", "state",
            "requested_by", "review_note", "reviewed_on", "correction_note", "available_actions",
        ]  # fmt: skip


class FilingRegisterSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    number = serializers.CharField(max_length=60)
    issuer = serializers.PrimaryKeyRelatedField(queryset=HandlingUnit.objects.all())
    published_on = DateField()
    filed_on = DateField()


class FilingReviewSerializer(serializers.Serializer):
    requested_by = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")


class FilingDecideSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=list(services.FILING_OUTCOMES.items()))
    note = serializers.CharField(required=False, allow_blank=True, default="")


class FilingViewSet(InputMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """规范性文件备案审查: filed (late ones flagged), reviewed, lawful / corrected / revoked."""

    lookup_value_regex = "[0-9]+"
    queryset = FilingDocument.objects.none()
    serializer_class = FilingSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return selectors.filings_visible_to(self.request.user)

    def get_object(self) -> FilingDocument:
        return selectors.filing_get_for_user(self.request.user, self.kwargs["pk"])

    def _done(self, d: FilingDocument, code: int = status.HTTP_200_OK) -> Response:
        d = selectors.filing_get_for_user(self.request.user, d.pk)
        return Response(FilingSerializer(d, context=self.get_serializer_context()).data, status=code)

    @extend_schema(summary="备案审查文件列表", responses={200: FilingSerializer(many=True)})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="备案审查文件详情", responses={200: FilingSerializer, **READ_ERRORS})
    def retrieve(self, request, pk=None):
        return self._done(self.get_object())

    @extend_schema(
        summary="备案审查工作情况报告（Word，?year=）",
        parameters=[OpenApiParameter("year", int, description="年度，默认今年")],
        responses={(200, DOCX): OpenApiTypes.BINARY, 403: ERRORS[403]},
    )
    @action(detail=False, methods=["get"])
    def report(self, request):
        if not can(request.user, READ):
            raise exceptions.PermissionDenied("无权查看备案审查工作情况报告。")
        text = request.query_params.get("year", "")
        year = int(text) if text.isdigit() and 2000 <= int(text) <= 2100 else clock.today().year
        response = HttpResponse(
            docx.filing_report(year, issuer=selectors.standing_committee_name()), content_type=DOCX
        )
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''filing-review-report-{year}.docx"
        return response

    @action_schema("登记备案", FilingRegisterSerializer, FilingSerializer, 201)
    def create(self, request):
        if not can(request.user, MANAGE):
            raise exceptions.PermissionDenied("只有人大常委会工作机构可以登记备案。")
        data = self.validated(FilingRegisterSerializer)
        return self._done(
            service_call(services.filing_register, **data, actor=request.user), status.HTTP_201_CREATED
        )

    @action_schema("审查（主动或依申请）", FilingReviewSerializer, FilingSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        d = self.get_object()
        FILING_FLOW.refuse(d, "review", actor=request.user)
        data = self.validated(FilingReviewSerializer)
        return self._done(service_call(services.filing_review, document=d, **data, actor=request.user))

    @action_schema("审查结论：合法、要求纠正或撤销", FilingDecideSerializer, FilingSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        d = self.get_object()
        if not can(request.user, MANAGE):
            raise exceptions.PermissionDenied("只有人大常委会工作机构可以进行此操作。")
        data = self.validated(FilingDecideSerializer)
        FILING_FLOW.refuse(d, data["outcome"], actor=request.user)
        return self._done(service_call(services.filing_decide, document=d, **data, actor=request.user))

    @action_schema("登记纠正情况", OversightNoteSerializer, FilingSerializer)
    @action(detail=True, methods=["post"])
    def corrected(self, request, pk=None):
        d = self.get_object()
        FILING_FLOW.refuse(d, "corrected", actor=request.user)
        data = self.validated(OversightNoteSerializer)
        return self._done(service_call(services.filing_corrected, document=d, **data, actor=request.user))
