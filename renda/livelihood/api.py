"""The livelihood projects in the API: every step of the pages through the same selectors and services (404
outside what the user sees, 403 for who may not, 409 for a state that does not allow it).

/api/v1/livelihood/proposals/ (list, create, detail, screen), /api/v1/livelihood/ballots/ (list, create, detail,
candidates, submit, vote, publish), /api/v1/livelihood/projects/ (list, detail, plan, report, complete, follow,
evaluate, carry-over, oversee; inquiry and oversee for a year), /api/v1/livelihood/findings/ (the problems found at inspections: list, detail, forward, sign-for, reply, close,
rehandle; recorded with POST projects/<id>/inspect/), /api/v1/livelihood/statistics/, and the public
/api/v1/public/livelihood/projects/."""

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from renda.casework import services as casework
from renda.core import clock
from renda.core.api import (
    ERRORS,
    AvailableActionsMixin,
    InputMixin,
    VisiblePrimaryKeyField,
    action_schema,
    service_call,
)
from renda.core.roles import can
from renda.deputies.choices import DeputyStatus
from renda.deputies.models import Deputy
from renda.livelihood import selectors, services
from renda.livelihood.models import (
    Finding,
    FindingAssignment,
    LivelihoodProject,
    Milestone,
    ProgressReport,
    ProjectBallot,
    ProjectProposal,
)
from renda.livelihood.workflows import (
    BALLOT_FLOW,
    FINDING_FLOW,
    MANAGE,
    PROJECT_FLOW,
    PROPOSAL_FLOW,
    READ,
)
from renda.meetings.selectors import meetings_visible_to
from renda.org.selectors import handling_units_visible_to

READ_ERRORS = {404: ERRORS[404]}


def _require(user, capability: str) -> None:
    if not can(user, capability):
        raise exceptions.NotFound("没有找到。")


class MilestoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Milestone
        fields = ["id", "title", "due", "percent", "done_on"]


class MilestoneInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    due = serializers.DateField()
    percent = serializers.IntegerField(min_value=1, max_value=100)


def _milestones(rows: list[dict]) -> list[tuple]:
    return [(row["title"], row["due"], row["percent"]) for row in rows]


class ReportSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgressReport
        fields = ["id", "month", "percent", "spent", "problems", "has_photo"]

    has_photo = serializers.SerializerMethodField()

    def get_has_photo(self, report: ProgressReport) -> bool:
        return bool(report.photo)


class ProjectSerializer(AvailableActionsMixin, serializers.ModelSerializer):
    flow = PROJECT_FLOW
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = LivelihoodProject
        fields = ["id", "year", "ballot", "order", "name", "content", "place", "cost", "funding_source", "unit",
                  "unit_name", "responsible_person", "planned_completion", "state", "votes", "rank", "percent",
                  "spent", "lagging", "completed_on", "rating", "carried_from", "inquiry_item", "oversight_inquiry",
                  "oversight_follow_up", "version", "available_actions"]  # fmt: skip


class ProjectDetailSerializer(ProjectSerializer):
    milestones = MilestoneSerializer(many=True, read_only=True)
    reports = ReportSerializer(many=True, read_only=True)

    class Meta(ProjectSerializer.Meta):
        fields = [*ProjectSerializer.Meta.fields, "milestones", "reports"]


class PublicProjectSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = LivelihoodProject
        fields = ["id", "year", "name", "place", "cost", "unit_name", "planned_completion", "state", "votes",
                  "percent", "completed_on", "rating"]  # fmt: skip


class BallotSerializer(AvailableActionsMixin, serializers.ModelSerializer):
    flow = BALLOT_FLOW

    class Meta:
        model = ProjectBallot
        fields = ["id", "year", "title", "seats", "candidates_count", "meeting", "item", "vote", "submitted_on",
                  "papers_late", "result", "state", "published_at", "version", "available_actions"]  # fmt: skip


class BallotDetailSerializer(BallotSerializer):
    projects = ProjectSerializer(many=True, read_only=True)

    class Meta(BallotSerializer.Meta):
        fields = [*BallotSerializer.Meta.fields, "projects"]


class BallotCreateSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    seats = serializers.IntegerField(min_value=1, max_value=100)
    candidates_count = serializers.IntegerField(min_value=2, max_value=200)
    meeting = VisiblePrimaryKeyField(visible_to=meetings_visible_to, required=False, allow_null=True)


class CandidateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    content = serializers.CharField(required=False, allow_blank=True)
    place = serializers.CharField(required=False, allow_blank=True, max_length=200)
    cost = serializers.DecimalField(max_digits=14, decimal_places=2)
    funding_source = serializers.CharField(max_length=200)
    unit = VisiblePrimaryKeyField(visible_to=handling_units_visible_to)
    responsible_person = serializers.CharField(required=False, allow_blank=True, max_length=50)
    planned_completion = serializers.DateField()
    milestones = MilestoneInputSerializer(many=True)


class VoteInputSerializer(serializers.Serializer):
    method = serializers.ChoiceField(choices=[("secret", "无记名电子表决"), ("paper", "纸质票")])


class VoteCreatedSerializer(serializers.Serializer):
    vote = serializers.IntegerField(help_text="表决（/api/v1/voting/votes/<id>/）")


class PlanSerializer(serializers.Serializer):
    responsible_person = serializers.CharField(max_length=50)
    planned_completion = serializers.DateField()
    milestones = MilestoneInputSerializer(many=True)


class ReportInputSerializer(serializers.Serializer):
    month = serializers.DateField()
    percent = serializers.IntegerField(min_value=0, max_value=100)
    spent = serializers.DecimalField(max_digits=14, decimal_places=2)
    problems = serializers.CharField(required=False, allow_blank=True)
    photo = serializers.FileField(required=False, help_text="现场照片：JPG或PNG，不超过20MB")


class CompleteSerializer(serializers.Serializer):
    completed_on = serializers.DateField()


class MeetingInputSerializer(serializers.Serializer):
    meeting = VisiblePrimaryKeyField(visible_to=meetings_visible_to)


class InquiryInputSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    projects = VisiblePrimaryKeyField(
        visible_to=selectors.projects_visible_to, many=True, help_text="推进滞后的项目"
    )
    body = VisiblePrimaryKeyField(
        visible_to=handling_units_visible_to, required=False, allow_null=True,
        help_text="被询问单位；不填则为项目的责任单位（项目分属不同单位时必填）",
    )  # fmt: skip
    planned_month = serializers.IntegerField(min_value=1, max_value=12, required=False)
    invited_deputies = serializers.PrimaryKeyRelatedField(
        queryset=Deputy.objects.filter(status=DeputyStatus.ACTIVE), many=True, required=False,
        help_text="邀请参加的代表；不填则为跟踪这些项目的代表",
    )  # fmt: skip
    title = serializers.CharField(max_length=200, required=False, allow_blank=True)


class OversightItemCreatedSerializer(serializers.Serializer):
    item = serializers.IntegerField(source="pk", help_text="监督事项（/api/v1/oversight-items/<id>/）")
    plan = serializers.IntegerField(source="plan_id", help_text="年度监督工作计划")
    title = serializers.CharField()
    state = serializers.CharField()


class OverseeInputSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100, help_text="测评的年度")


class ProjectEvaluationSerializer(serializers.Serializer):
    vote = serializers.IntegerField(source="vote_id")


class ProposalSerializer(AvailableActionsMixin, serializers.ModelSerializer):
    flow = PROPOSAL_FLOW

    class Meta:
        model = ProjectProposal
        fields = ["id", "year", "source", "title", "content", "place", "beneficiaries", "estimated_cost", "unit",
                  "proposer_name", "state", "reply", "merged_into", "project", "tracking_code",
                  "available_actions"]  # fmt: skip


class ProposalCreateSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    title = serializers.CharField(max_length=200)
    content = serializers.CharField()
    place = serializers.CharField(required=False, allow_blank=True, max_length=200)
    beneficiaries = serializers.CharField(required=False, allow_blank=True, max_length=200)
    estimated_cost = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True
    )
    proposer_name = serializers.CharField(max_length=100)
    proposer_phone = serializers.CharField(required=False, allow_blank=True, max_length=30)


class ScreenSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=["accept", "merge", "decline", "defer"])
    reply = serializers.CharField(required=False, allow_blank=True, default="")
    merged_into = VisiblePrimaryKeyField(
        visible_to=selectors.proposals_visible_to, required=False, allow_null=True
    )
    ballot = VisiblePrimaryKeyField(visible_to=selectors.ballots_visible_to, required=False, allow_null=True)
    unit = VisiblePrimaryKeyField(visible_to=handling_units_visible_to, required=False, allow_null=True)
    cost = serializers.DecimalField(max_digits=14, decimal_places=2, required=False, allow_null=True)


class ProposalViewSet(InputMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    lookup_value_regex = "[0-9]+"
    queryset = ProjectProposal.objects.none()
    serializer_class = ProposalSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return selectors.proposals_visible_to(self.request.user).order_by("-year", "-pk")

    def get_object(self) -> ProjectProposal:
        return selectors.proposal_get_for_user(self.request.user, self.kwargs["pk"])

    def _done(self, proposal: ProjectProposal, code: int = status.HTTP_200_OK) -> Response:
        proposal = selectors.proposal_get_for_user(self.request.user, proposal.pk)
        return Response(ProposalSerializer(proposal, context=self.get_serializer_context()).data, status=code)

    @extend_schema(
        summary="民生实事项目建议（工作机构全部，其他人本人提出的）",
        responses={200: ProposalSerializer(many=True)},
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="项目建议详情", responses={200: ProposalSerializer, **READ_ERRORS})
    def retrieve(self, request, pk=None):
        return self._done(self.get_object())

    @action_schema("提出项目建议", ProposalCreateSerializer, ProposalSerializer, 201)
    def create(self, request):
        _require(request.user, READ)
        proposal = service_call(
            services.proposal_submit, **self.validated(ProposalCreateSerializer), actor=request.user
        )
        return self._done(proposal, status.HTTP_201_CREATED)

    @action_schema("筛选项目建议", ScreenSerializer, ProposalSerializer)
    @action(detail=True, methods=["post"])
    def screen(self, request, pk=None):
        proposal = self.get_object()
        if not can(request.user, MANAGE):
            raise exceptions.PermissionDenied("只有人大常委会工作机构可以进行此操作。")
        data = self.validated(ScreenSerializer)
        PROPOSAL_FLOW.refuse(proposal, data["decision"], actor=request.user)
        return self._done(
            service_call(services.proposal_screen, proposal=proposal, actor=request.user, **data)
        )


class BallotViewSet(InputMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    lookup_value_regex = "[0-9]+"
    queryset = ProjectBallot.objects.none()
    serializer_class = BallotSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return selectors.ballots_visible_to(self.request.user).order_by("-year")

    def get_object(self) -> ProjectBallot:
        return selectors.ballot_get_for_user(self.request.user, self.kwargs["pk"])

    def _done(self, ballot: ProjectBallot, code: int = status.HTTP_200_OK) -> Response:
        ballot = selectors.ballot_get_for_user(self.request.user, ballot.pk)
        return Response(
            BallotDetailSerializer(ballot, context=self.get_serializer_context()).data, status=code
        )

    @extend_schema(summary="民生实事候选项目清单与票决", responses={200: BallotSerializer(many=True)})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary="候选项目清单详情：候选项目、得票与结果",
        responses={200: BallotDetailSerializer, **READ_ERRORS},
    )
    def retrieve(self, request, pk=None):
        return self._done(self.get_object())

    @action_schema("编制候选项目清单（差额：M选N）", BallotCreateSerializer, BallotDetailSerializer, 201)
    def create(self, request):
        if not can(request.user, MANAGE):
            raise exceptions.PermissionDenied("只有人大常委会工作机构可以进行此操作。")
        ballot = service_call(
            services.ballot_create, **self.validated(BallotCreateSerializer), actor=request.user
        )
        return self._done(ballot, status.HTTP_201_CREATED)

    @action_schema("新增候选项目", CandidateSerializer, BallotDetailSerializer)
    @action(detail=True, methods=["post"])
    def candidates(self, request, pk=None):
        ballot = self.get_object()
        BALLOT_FLOW.refuse(ballot, "edit", actor=request.user)
        data = dict(self.validated(CandidateSerializer))
        data["milestones"] = _milestones(data["milestones"])
        service_call(services.candidate_add, ballot=ballot, actor=request.user, **data)
        return self._done(ballot)

    @action_schema("提交代表", None, BallotDetailSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        ballot = self.get_object()
        BALLOT_FLOW.refuse(ballot, "submit", actor=request.user)
        return self._done(service_call(services.ballot_submit, ballot=ballot, actor=request.user))

    @action_schema("在人民代表大会会议上发起票决", VoteInputSerializer, VoteCreatedSerializer, 201)
    @action(detail=True, methods=["post"])
    def vote(self, request, pk=None):
        ballot = self.get_object()
        BALLOT_FLOW.refuse(ballot, "vote", actor=request.user)
        data = self.validated(VoteInputSerializer)
        event = service_call(services.ballot_vote_create, ballot=ballot, actor=request.user, **data)
        return Response({"vote": event.pk}, status=status.HTTP_201_CREATED)

    @action_schema("公布票决结果", None, BallotDetailSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        ballot = self.get_object()
        BALLOT_FLOW.refuse(ballot, "publish", actor=request.user)
        return self._done(service_call(services.ballot_publish, ballot=ballot, actor=request.user))


class InspectionInputSerializer(serializers.Serializer):
    date = serializers.DateField()
    place = serializers.CharField(max_length=200)
    deputies = serializers.PrimaryKeyRelatedField(
        queryset=Deputy.objects.filter(status=DeputyStatus.ACTIVE), many=True, help_text="参加视察的代表"
    )
    summary = serializers.CharField()
    findings = serializers.ListField(
        child=serializers.CharField(), required=False, default=list, help_text="发现的问题，每项一个"
    )


class FindingReplySerializer(serializers.Serializer):
    round = serializers.IntegerField(read_only=True)
    text = serializers.CharField()
    signer = serializers.CharField(max_length=30)
    sent_at = serializers.DateTimeField(read_only=True)
    on_time = serializers.BooleanField(read_only=True)


class FindingAssignmentSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    replies = FindingReplySerializer(many=True, read_only=True)

    class Meta:
        model = FindingAssignment
        fields = ["id", "unit", "unit_name", "state", "assigned_on", "due", "replies"]


class FindingSerializer(AvailableActionsMixin, serializers.ModelSerializer):
    flow = FINDING_FLOW
    project = serializers.IntegerField(source="inspection.project_id", read_only=True)
    project_name = serializers.CharField(source="inspection.project.name", read_only=True)
    inspected_on = serializers.DateField(source="inspection.date", read_only=True)
    assignments = FindingAssignmentSerializer(many=True, read_only=True)

    class Meta:
        model = Finding
        fields = [
            "id", "text", "state", "due", "round", "closing_note", "project", "project_name", "inspected_on",
            "assignments", "available_actions",
        ]  # fmt: skip


class NoteInputSerializer(serializers.Serializer):
    note = serializers.CharField()


class FindingViewSet(InputMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    lookup_value_regex = "[0-9]+"
    queryset = Finding.objects.none()
    serializer_class = FindingSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return (
            selectors.findings_visible_to(self.request.user)
            .select_related("inspection__project")
            .prefetch_related("assignments__unit", "assignments__replies")
            .order_by("-inspection__date", "pk")
        )

    def get_object(self) -> Finding:
        return selectors.finding_get_for_user(self.request.user, self.kwargs["pk"])

    def _done(self, finding: Finding) -> Response:
        finding = self.get_queryset().get(pk=finding.pk)
        return Response(FindingSerializer(finding, context=self.get_serializer_context()).data)

    def _assignment(self) -> FindingAssignment:
        finding = self.get_object()
        unit_id = getattr(self.request.user, "handling_unit_id", None)
        assignment = finding.assignments.filter(unit=unit_id).order_by("-pk").first()
        if assignment is None:
            raise exceptions.PermissionDenied("只有项目的责任单位可以办理。")
        return assignment

    @extend_schema(summary="视察发现问题", responses={200: FindingSerializer(many=True)})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="视察发现问题详情：交办和答复", responses={200: FindingSerializer, **READ_ERRORS})
    def retrieve(self, request, pk=None):
        return self._done(self.get_object())

    @action_schema("交责任单位办理", None, FindingSerializer)
    @action(detail=True, methods=["post"])
    def forward(self, request, pk=None):
        return self._done(
            service_call(services.finding_forward, finding=self.get_object(), actor=request.user)
        )

    @action_schema("责任单位签收", None, FindingSerializer)
    @action(detail=True, methods=["post"], url_path="sign-for")
    def sign_for(self, request, pk=None):
        assignment = self._assignment()
        service_call(casework.sign_for, assignment=assignment, actor=request.user)
        return self._done(assignment.finding)

    @action_schema("责任单位答复", FindingReplySerializer, FindingSerializer)
    @action(detail=True, methods=["post"])
    def reply(self, request, pk=None):
        assignment = self._assignment()
        data = self.validated(FindingReplySerializer)
        service_call(services.finding_reply, assignment=assignment, actor=request.user, **data)
        return self._done(assignment.finding)

    def _move(self, name: str) -> Finding:
        finding = self.get_object()
        FINDING_FLOW.refuse(
            finding, name, actor=self.request.user
        )  # 403, or 409 for the state, before the input
        return finding

    @action_schema("办结", NoteInputSerializer, FindingSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        finding = self._move("close")
        data = self.validated(NoteInputSerializer)
        return self._done(service_call(services.finding_close, finding=finding, actor=request.user, **data))

    @action_schema("退回重办", NoteInputSerializer, FindingSerializer)
    @action(detail=True, methods=["post"])
    def rehandle(self, request, pk=None):
        finding = self._move("rehandle")
        data = self.validated(NoteInputSerializer)
        return self._done(
            service_call(services.finding_rehandle, finding=finding, actor=request.user, **data)
        )


class ProjectViewSet(InputMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    lookup_value_regex = "[0-9]+"
    queryset = LivelihoodProject.objects.none()
    serializer_class = ProjectSerializer
    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        projects = selectors.projects_for_list(self.request.user).order_by("-year", "order", "pk")
        year = self.request.query_params.get("year")
        return projects.filter(year=year) if year and year.isdigit() else projects

    def get_object(self) -> LivelihoodProject:
        return selectors.project_get_for_user(self.request.user, self.kwargs["pk"])

    def _done(self, project: LivelihoodProject, code: int = status.HTTP_200_OK) -> Response:
        project = selectors.project_get_for_user(self.request.user, project.pk)
        return Response(
            ProjectDetailSerializer(project, context=self.get_serializer_context()).data, status=code
        )

    @extend_schema(
        summary="民生实事项目",
        parameters=[OpenApiParameter("year", int, description="年度")],
        responses={200: ProjectSerializer(many=True)},
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary="项目详情：节点、月度进度", responses={200: ProjectDetailSerializer, **READ_ERRORS}
    )
    def retrieve(self, request, pk=None):
        return self._done(self.get_object())

    def _move(self, name: str) -> LivelihoodProject:
        project = self.get_object()
        PROJECT_FLOW.refuse(project, name, actor=self.request.user)
        return project

    @action_schema("实施计划：责任人、完成日期、节点", PlanSerializer, ProjectDetailSerializer)
    @action(detail=True, methods=["post"])
    def plan(self, request, pk=None):
        project = self._move("plan")
        data = dict(self.validated(PlanSerializer))
        data["milestones"] = _milestones(data["milestones"])
        return self._done(
            service_call(services.project_plan_update, project=project, actor=request.user, **data)
        )

    @action_schema("报送月度进度", ReportInputSerializer, ProjectDetailSerializer)
    @action(detail=True, methods=["post"])
    def report(self, request, pk=None):
        project = self._move("report")
        service_call(
            services.progress_report,
            project=project,
            actor=request.user,
            **self.validated(ReportInputSerializer),
        )
        return self._done(project)

    @action_schema("报告完成", CompleteSerializer, ProjectDetailSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        project = self._move("complete")
        data = self.validated(CompleteSerializer)
        return self._done(
            service_call(services.project_complete, project=project, actor=request.user, **data)
        )

    @action_schema("代表跟踪项目", None, ProjectDetailSerializer)
    @action(detail=True, methods=["post"])
    def follow(self, request, pk=None):
        project = self.get_object()
        return self._done(service_call(services.project_follow, project=project, actor=request.user))

    @action_schema("发起年终满意度测评（无记名）", MeetingInputSerializer, ProjectEvaluationSerializer, 201)
    @action(detail=True, methods=["post"])
    def evaluate(self, request, pk=None):
        project = self._move("evaluate")
        data = self.validated(MeetingInputSerializer)
        evaluation = service_call(services.evaluation_create, project=project, actor=request.user, **data)
        return Response({"vote": evaluation.vote_id}, status=status.HTTP_201_CREATED)

    @action_schema("登记代表视察及发现的问题", InspectionInputSerializer, FindingSerializer(many=True), 201)
    @action(detail=True, methods=["post"])
    def inspect(self, request, pk=None):
        project = self.get_object()
        services.inspection_check(project=project, actor=request.user)  # 403 before the input
        inspection = service_call(
            services.inspection_record,
            project=project,
            actor=request.user,
            **self.validated(InspectionInputSerializer),
        )
        findings = (
            FindingViewSet(request=request, format_kwarg=None).get_queryset().filter(inspection=inspection)
        )
        return Response(
            FindingSerializer(findings, many=True, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    @action_schema("结转下一年度", None, ProjectDetailSerializer, 201)
    @action(detail=True, methods=["post"], url_path="carry-over")
    def carry_over(self, request, pk=None):
        project = self.get_object()
        carried = service_call(services.project_carry_over, project=project, actor=request.user)
        return self._done(carried, status.HTTP_201_CREATED)

    @action_schema(
        "推进滞后项目专题询问：列入年度监督工作计划",
        InquiryInputSerializer,
        OversightItemCreatedSerializer,
        201,
    )
    @action(detail=False, methods=["post"])
    def inquiry(self, request):
        _require(request.user, MANAGE)
        data = dict(self.validated(InquiryInputSerializer))
        item = service_call(services.inquiry_start, actor=request.user, **data)
        return Response(OversightItemCreatedSerializer(item).data, status=status.HTTP_201_CREATED)

    @action_schema(
        "测评不满意的项目列入下一年度监督工作计划（跟踪监督）", None, OversightItemCreatedSerializer, 201
    )
    @action(detail=True, methods=["post"])
    def oversee(self, request, pk=None):
        _require(request.user, MANAGE)
        project = self.get_object()
        item = service_call(services.project_oversee, project=project, actor=request.user)
        return Response(OversightItemCreatedSerializer(item).data, status=status.HTTP_201_CREATED)

    @action_schema(
        "该年度测评不满意的项目全部列入下一年度监督工作计划",
        OverseeInputSerializer,
        OversightItemCreatedSerializer(many=True),
        201,
    )
    @action(detail=False, methods=["post"], url_path="oversee-all", url_name="oversee-all")
    def oversee_all(self, request):
        _require(request.user, MANAGE)
        data = self.validated(OverseeInputSerializer)
        items = service_call(services.projects_oversee, actor=request.user, **data)
        return Response(OversightItemCreatedSerializer(items, many=True).data, status=status.HTTP_201_CREATED)


class LivelihoodStatisticsSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    proposals = serializers.IntegerField()
    candidates = serializers.IntegerField()
    adopted = serializers.IntegerField()
    completed = serializers.IntegerField()
    on_time = serializers.IntegerField()
    lagging = serializers.IntegerField()
    cost = serializers.DecimalField(max_digits=16, decimal_places=2)
    spent = serializers.DecimalField(max_digits=16, decimal_places=2)
    satisfied = serializers.IntegerField()
    basically = serializers.IntegerField()
    dissatisfied = serializers.IntegerField()
    sentence = serializers.CharField()


class StatisticsView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="民生实事项目年度统计",
        parameters=[OpenApiParameter("year", int, description="年度，默认今年")],
        responses={200: LivelihoodStatisticsSerializer, **READ_ERRORS},
    )
    def get(self, request):
        _require(request.user, READ)
        year = request.query_params.get("year", "")
        figures = selectors.year_figures(int(year) if year.isdigit() else clock.today().year)
        return Response(LivelihoodStatisticsSerializer(figures).data)


class PublicProjectList(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    @extend_schema(
        summary="公开：已公布的民生实事项目及进度",
        parameters=[OpenApiParameter("year", int, description="年度")],
        responses={200: PublicProjectSerializer(many=True)},
    )
    def get(self, request):
        year = request.query_params.get("year", "")
        projects = selectors.public_projects(int(year) if year.isdigit() else None)
        return Response(PublicProjectSerializer(projects, many=True).data)
