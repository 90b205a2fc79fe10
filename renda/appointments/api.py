"""The appointments API: every step of the pages, through the same selectors and services (404 outside what
the user sees, 403 for who may not, 409 for a state that does not allow it)."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, generics, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from renda.appointments import selectors, services
from renda.appointments.models import (
    Appointment,
    AppointmentKind,
    Appraisal,
    Holding,
    Nominator,
    Person,
    Post,
    PostKind,
)
from renda.appointments.workflows import APPOINTMENT_FLOW, APPRAISAL_FLOW, MANAGE
from renda.core.api import (
    ERRORS,
    AvailableActionsMixin,
    DateField,
    InputMixin,
    VersionedSerializer,
    action_schema,
    service_call,
    validated,
    versioned_changes,
)
from renda.core.roles import can
from renda.deputies.models import Deputy
from renda.meetings.models import Meeting
from renda.org.models import Term

READ_ERRORS = {404: ERRORS[404]}


class AppointmentSerializer(AvailableActionsMixin, serializers.ModelSerializer):
    flow = APPOINTMENT_FLOW
    title = serializers.CharField(read_only=True)
    person_name = serializers.CharField(source="person.name", read_only=True)
    post_name = serializers.CharField(source="post.name", read_only=True)
    letter_code = serializers.CharField(read_only=True)
    exam_score = serializers.SerializerMethodField(help_text="任前法律知识考试成绩（表决后仅机关可见）")
    vote = serializers.SerializerMethodField(help_text="最近一次表决（/api/v1/voting/votes/）")

    class Meta:
        model = Appointment
        fields = [
            "id",
            "title",
            "term",
            "kind",
            "person",
            "person_name",
            "post",
            "post_name",
            "nominator",
            "nominated_on",
            "state",
            "exam_score",
            "meeting",
            "papers_due",
            "papers_sent_on",
            "papers_late",
            "statement_on",
            "deliberated_on",
            "vote",
            "result",
            "decided_on",
            "announced_on",
            "letter_code",
            "letter_signed_by",
            "oath_on",
            "oath_presider",
            "oath_witnesses",
            "published_on",
            "available_actions",
        ]

    def get_exam_score(self, appointment: Appointment) -> int | None:
        if appointment.exam is None or not selectors.may_see_papers(
            self.context["request"].user, appointment
        ):
            return None
        return appointment.exam.score

    def get_vote(self, appointment: Appointment) -> int | None:
        event = services.appointment_votes(appointment).first()
        return event.pk if event else None


class NominateSerializer(serializers.Serializer):
    term = serializers.PrimaryKeyRelatedField(queryset=Term.objects.all())
    kind = serializers.ChoiceField(choices=AppointmentKind.choices)
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all())
    post = serializers.PrimaryKeyRelatedField(queryset=Post.objects.all())
    nominator = serializers.ChoiceField(choices=Nominator.choices)
    nominated_on = DateField(required=False, allow_null=True, default=None)
    letter = serializers.FileField(required=False, allow_null=True, default=None)
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    filers = serializers.PrimaryKeyRelatedField(
        queryset=Deputy.objects.all(), many=True, required=False, default=list
    )


class ExamSerializer(serializers.Serializer):
    taken_on = DateField()
    score = serializers.IntegerField(min_value=0, max_value=100)
    paper = serializers.FileField(required=False, allow_null=True, default=None)


class ScheduleSerializer(serializers.Serializer):
    meeting = serializers.PrimaryKeyRelatedField(queryset=Meeting.objects.all())


class SummarySerializer(serializers.Serializer):
    summary = serializers.CharField()


class VoteSerializer(serializers.Serializer):
    method = serializers.ChoiceField(
        choices=[("secret", "无记名表决"), ("named", "记名表决")],
        required=False,
        allow_blank=True,
        default="",
    )


class VoteRefSerializer(serializers.Serializer):
    vote = serializers.IntegerField(help_text="表决（/api/v1/voting/votes/），开始、投票、结束在表决接口")


class OathSerializer(serializers.Serializer):
    oath_on = DateField()
    presider = serializers.CharField(max_length=50)
    witnesses = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class WithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField()


class AppointmentViewSet(InputMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Appointments the user may see, and every step of one."""

    lookup_value_regex = "[0-9]+"
    queryset = Appointment.objects.none()  # rows come from the selectors
    serializer_class = AppointmentSerializer
    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        return selectors.appointments_visible_to(self.request.user).order_by("-nominated_on", "-pk")

    def get_object(self) -> Appointment:
        return selectors.appointment_get_for_user(self.request.user, self.kwargs["pk"])

    def _done(self, appointment: Appointment, code: int = status.HTTP_200_OK) -> Response:
        appointment = selectors.appointment_get_for_user(self.request.user, appointment.pk)
        return Response(
            AppointmentSerializer(appointment, context=self.get_serializer_context()).data, status=code
        )

    @extend_schema(summary="任免事项列表", responses={200: AppointmentSerializer(many=True), **READ_ERRORS})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="任免事项详情", responses={200: AppointmentSerializer, **READ_ERRORS})
    def retrieve(self, request, pk=None):
        return self._done(self.get_object())

    @action_schema("提请任免", NominateSerializer, AppointmentSerializer, 201)
    def create(self, request):
        if not can(request.user, MANAGE):
            raise exceptions.PermissionDenied("只有常委会办事机构可以登记任免事项。")
        data = self.validated(NominateSerializer)
        appointment = service_call(services.appointment_nominate, **data, actor=request.user)
        return self._done(appointment, status.HTTP_201_CREATED)

    def _step(self, name: str, service: Any, serializer_class: Any = None, **extra: Any) -> Response:
        appointment = self.get_object()
        APPOINTMENT_FLOW.refuse(appointment, name, actor=self.request.user)
        data = self.validated(serializer_class) if serializer_class else {}
        service_call(service, appointment=appointment, **data, **extra, actor=self.request.user)
        return self._done(appointment)

    @action_schema("登记任前法律知识考试", ExamSerializer, AppointmentSerializer)
    @action(detail=True, methods=["post"])
    def exam(self, request, pk=None):
        return self._step("exam", services.exam_record, ExamSerializer)

    @action_schema("列入常委会会议议程", ScheduleSerializer, AppointmentSerializer)
    @action(detail=True, methods=["post"])
    def schedule(self, request, pk=None):
        return self._step("schedule", services.appointment_schedule, ScheduleSerializer)

    @action_schema("材料送组成人员", None, AppointmentSerializer)
    @action(detail=True, methods=["post"])
    def papers(self, request, pk=None):
        return self._step("papers", services.appointment_papers_send)

    @action_schema("供职发言", SummarySerializer, AppointmentSerializer)
    @action(detail=True, methods=["post"])
    def statement(self, request, pk=None):
        return self._step("statement", services.appointment_statement, SummarySerializer)

    @action_schema("审议", SummarySerializer, AppointmentSerializer)
    @action(detail=True, methods=["post"])
    def deliberate(self, request, pk=None):
        return self._step("deliberate", services.appointment_deliberate, SummarySerializer)

    @action_schema("提付表决（逐人表决）", VoteSerializer, VoteRefSerializer, 201)
    @action(detail=True, methods=["post"])
    def vote(self, request, pk=None):
        appointment = self.get_object()
        APPOINTMENT_FLOW.refuse(appointment, "vote", actor=request.user)
        data = self.validated(VoteSerializer)
        event = service_call(
            services.appointment_vote_create, appointment=appointment, **data, actor=request.user
        )
        return Response({"vote": event.pk}, status=status.HTTP_201_CREATED)

    @action_schema("当场宣布", None, AppointmentSerializer)
    @action(detail=True, methods=["post"])
    def announce(self, request, pk=None):
        return self._step("announce", services.appointment_announce)

    @action_schema("颁发任命书（编号，主任签署）", None, AppointmentSerializer)
    @action(detail=True, methods=["post"])
    def letter(self, request, pk=None):
        return self._step("letter", services.appointment_letter_issue)

    @action_schema("宪法宣誓", OathSerializer, AppointmentSerializer)
    @action(detail=True, methods=["post"])
    def oath(self, request, pk=None):
        return self._step("oath", services.appointment_oath, OathSerializer)

    @action_schema("公告", None, AppointmentSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        return self._step("publish", services.appointment_publish)

    @action_schema("撤回", WithdrawSerializer, AppointmentSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._step("withdraw", services.appointment_withdraw, WithdrawSerializer)


class PostSerializer(serializers.ModelSerializer):
    class Meta:
        model = Post
        fields = ["id", "name", "organ", "kind", "order", "seats", "active", "version"]


class PostInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    organ = serializers.CharField(max_length=80)
    kind = serializers.ChoiceField(choices=PostKind.choices)
    order = serializers.IntegerField(required=False, default=0, min_value=0, max_value=32767)
    seats = serializers.IntegerField(required=False, default=1, min_value=1, max_value=99, help_text="职数")


class PostEditSerializer(VersionedSerializer):
    name = serializers.CharField(max_length=100, required=False)
    organ = serializers.CharField(max_length=80, required=False)
    kind = serializers.ChoiceField(choices=PostKind.choices, required=False)
    order = serializers.IntegerField(required=False, min_value=0, max_value=32767)
    seats = serializers.IntegerField(required=False, min_value=1, max_value=99, help_text="职数")
    active = serializers.BooleanField(required=False)


class PostViewSet(InputMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    lookup_value_regex = "[0-9]+"
    queryset = Post.objects.none()
    serializer_class = PostSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return selectors.posts_visible_to(self.request.user).order_by("order", "pk")

    @extend_schema(summary="任免职务列表", responses={200: PostSerializer(many=True)})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="职务详情", responses={200: PostSerializer, **READ_ERRORS})
    def retrieve(self, request, pk=None):
        return Response(PostSerializer(selectors.post_get_for_user(request.user, pk)).data)

    @action_schema("登记职务", PostInputSerializer, PostSerializer, 201)
    def create(self, request):
        if not can(request.user, MANAGE):
            raise exceptions.PermissionDenied("只有常委会办事机构可以登记职务。")
        post = service_call(services.post_create, **self.validated(PostInputSerializer), actor=request.user)
        return Response(PostSerializer(post).data, status=status.HTTP_201_CREATED)

    @action_schema("修改职务（须带读取时的版本号）", PostEditSerializer, PostSerializer)
    def partial_update(self, request, pk=None):
        post = selectors.post_get_for_user(request.user, pk)
        if not can(request.user, MANAGE):
            raise exceptions.PermissionDenied("只有常委会办事机构可以修改职务。")
        version, changes = versioned_changes(validated(self, PostEditSerializer, partial=True))
        post = service_call(
            services.post_update, post=post, expected_version=version, changes=changes, actor=request.user
        )
        return Response(PostSerializer(post).data)


class PersonSerializer(serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = ["id", "name", "gender", "birth_month", "current_job", "version"]


class PersonInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50)
    gender = serializers.ChoiceField(
        choices=Person.Gender.choices, required=False, allow_blank=True, default=""
    )
    birth_month = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
    current_job = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    resume = serializers.FileField(required=False, allow_null=True, default=None)


class PersonCreateView(InputMixin, generics.GenericAPIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    serializer_class = PersonInputSerializer

    @action_schema("登记任免对象", PersonInputSerializer, PersonSerializer, 201)
    def post(self, request):
        if not can(request.user, MANAGE):
            raise exceptions.PermissionDenied("只有常委会办事机构可以登记任免对象。")
        person = service_call(
            services.person_create, **self.validated(PersonInputSerializer), actor=request.user
        )
        return Response(PersonSerializer(person).data, status=status.HTTP_201_CREATED)


class PersonEditSerializer(VersionedSerializer):
    name = serializers.CharField(max_length=50, required=False)
    gender = serializers.ChoiceField(choices=Person.Gender.choices, required=False, allow_blank=True)
    birth_month = serializers.CharField(max_length=10, required=False, allow_blank=True)
    current_job = serializers.CharField(max_length=150, required=False, allow_blank=True)


class PersonDetailView(generics.GenericAPIView):
    """One person's particulars, for the office (others: 404, as the résumé's holder is not theirs to see)."""

    permission_classes = [IsAuthenticated]
    serializer_class = PersonSerializer

    def _person(self, pk) -> Person:
        if not can(self.request.user, MANAGE):
            raise exceptions.NotFound()
        return generics.get_object_or_404(Person, pk=pk)

    @extend_schema(summary="任免对象详情", responses={200: PersonSerializer, **READ_ERRORS})
    def get(self, request, pk=None):
        return Response(PersonSerializer(self._person(pk)).data)

    @action_schema("更正任免对象信息（须带读取时的版本号）", PersonEditSerializer, PersonSerializer)
    def patch(self, request, pk=None):
        person = self._person(pk)
        version, changes = versioned_changes(validated(self, PersonEditSerializer, partial=True))
        person = service_call(
            services.person_update,
            person=person,
            expected_version=version,
            changes=changes,
            actor=request.user,
        )
        return Response(PersonSerializer(person).data)


class HoldingSerializer(serializers.ModelSerializer):
    post_name = serializers.CharField(source="post.name", read_only=True)
    person_name = serializers.CharField(source="person.name", read_only=True)

    class Meta:
        model = Holding
        fields = [
            "id",
            "post",
            "post_name",
            "person",
            "person_name",
            "start_date",
            "end_date",
            "appointed_by",
            "ended_by",
        ]


class HoldingListView(generics.ListAPIView):
    """The current office-holders (?history=1: every holding)."""

    permission_classes = [IsAuthenticated]
    serializer_class = HoldingSerializer

    def get_queryset(self):
        rows = selectors.holdings_visible_to(self.request.user).order_by(
            "post__order", "post", "-start_date", "-pk"
        )
        return rows if self.request.query_params.get("history") else rows.filter(end_date__isnull=True)

    @extend_schema(summary="在任人员")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class AppointmentFiguresSerializer(serializers.Serializer):
    period = serializers.CharField(source="label", help_text="年度或届次")
    appoint = serializers.IntegerField(help_text="任命")
    remove = serializers.IntegerField(help_text="免职")
    resign = serializers.IntegerField(help_text="接受辞职")
    dismiss = serializers.IntegerField(help_text="撤职")
    total = serializers.IntegerField(help_text="任免人次")
    text = serializers.CharField()


class StatisticsView(APIView):
    """任免国家机关工作人员X人次 by year and kind."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="任免统计：各年度任免人次", responses={200: AppointmentFiguresSerializer(many=True)}
    )
    def get(self, request):
        if not (can(request.user, MANAGE) or can(request.user, "appointments.read")):
            raise exceptions.PermissionDenied("无权查看任免统计。")
        return Response(AppointmentFiguresSerializer(selectors.figures_by_year(), many=True).data)


class PublicAppointmentSerializer(serializers.ModelSerializer):
    """What is public: the name, the post and the decision."""

    person_name = serializers.CharField(source="person.name")
    post_name = serializers.CharField(source="post.name")
    title = serializers.CharField()

    class Meta:
        model = Appointment
        fields = ["id", "title", "kind", "person_name", "post_name", "decided_on", "published_on"]


class PublicAppointmentListView(generics.ListAPIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []
    serializer_class = PublicAppointmentSerializer

    def get_queryset(self):
        return selectors.appointments_public().order_by("-decided_on", "-pk")

    @extend_schema(summary="任免公告（公开）")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class AppraisalSerializer(AvailableActionsMixin, serializers.ModelSerializer):
    flow = APPRAISAL_FLOW
    person_name = serializers.CharField(source="holding.person.name", read_only=True)
    post_name = serializers.CharField(source="holding.post.name", read_only=True)

    class Meta:
        model = Appraisal
        fields = [
            "id",
            "year",
            "holding",
            "person_name",
            "post_name",
            "state",
            "report",
            "reported_on",
            "meeting",
            "result",
            "satisfied",
            "basically_satisfied",
            "dissatisfied",
            "entitled",
            "follow_up",
            "followed_up_on",
            "available_actions",
        ]


class AppraisalPlanSerializer(serializers.Serializer):
    holding = serializers.PrimaryKeyRelatedField(queryset=Holding.objects.filter(end_date__isnull=True))
    year = serializers.IntegerField(min_value=2000, max_value=2100)


class AppraisalReportSerializer(serializers.Serializer):
    report = serializers.CharField()


class FollowUpSerializer(serializers.Serializer):
    note = serializers.CharField()


class AppraisalViewSet(InputMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """述职述法评议: the officials appraised, their reports, the members' secret rating and the follow-up."""

    lookup_value_regex = "[0-9]+"
    queryset = Appraisal.objects.none()
    serializer_class = AppraisalSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return selectors.appraisals_visible_to(self.request.user).order_by("-year", "pk")

    def get_object(self) -> Appraisal:
        return selectors.appraisal_get_for_user(self.request.user, self.kwargs["pk"])

    def _done(self, appraisal: Appraisal, code: int = status.HTTP_200_OK) -> Response:
        appraisal = selectors.appraisal_get_for_user(self.request.user, appraisal.pk)
        return Response(
            AppraisalSerializer(appraisal, context=self.get_serializer_context()).data, status=code
        )

    @extend_schema(summary="述职述法评议列表", responses={200: AppraisalSerializer(many=True)})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="述职述法评议详情", responses={200: AppraisalSerializer, **READ_ERRORS})
    def retrieve(self, request, pk=None):
        return self._done(self.get_object())

    @action_schema("列入述职述法评议", AppraisalPlanSerializer, AppraisalSerializer, 201)
    def create(self, request):
        if not can(request.user, MANAGE):
            raise exceptions.PermissionDenied("只有常委会办事机构可以安排述职述法评议。")
        data = self.validated(AppraisalPlanSerializer)
        return self._done(
            service_call(services.appraisal_plan, **data, actor=request.user), status.HTTP_201_CREATED
        )

    @action_schema("述职述法", AppraisalReportSerializer, AppraisalSerializer)
    @action(detail=True, methods=["post"])
    def report(self, request, pk=None):
        appraisal = self.get_object()
        APPRAISAL_FLOW.refuse(appraisal, "report", actor=request.user)
        data = self.validated(AppraisalReportSerializer)
        return self._done(
            service_call(services.appraisal_report, appraisal=appraisal, **data, actor=request.user)
        )

    @action_schema("提付测评（无记名：满意、基本满意、不满意）", ScheduleSerializer, VoteRefSerializer, 201)
    @action(detail=True, methods=["post"])
    def rate(self, request, pk=None):
        appraisal = self.get_object()
        APPRAISAL_FLOW.refuse(appraisal, "rate", actor=request.user)
        data = self.validated(ScheduleSerializer)
        event = service_call(services.appraisal_vote_create, appraisal=appraisal, **data, actor=request.user)
        return Response({"vote": event.pk}, status=status.HTTP_201_CREATED)

    @action_schema("整改报告", FollowUpSerializer, AppraisalSerializer)
    @action(detail=True, methods=["post"], url_path="follow-up")
    def follow_up(self, request, pk=None):
        appraisal = self.get_object()
        APPRAISAL_FLOW.refuse(appraisal, "follow_up", actor=request.user)
        data = self.validated(FollowUpSerializer)
        return self._done(
            service_call(services.appraisal_follow_up, appraisal=appraisal, **data, actor=request.user)
        )
