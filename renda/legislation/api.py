"""The legislative outreach in the API: every step of the pages through the same selectors and services (404
outside what the user sees, 403 for who may not, 409 for a state that does not allow it).

/api/v1/legislation/drafts/ (list, create, detail with the articles of the current version, versions, open,
close, comments, symposiums, opinions, report, report-document, final, conclude), /api/v1/legislation/comments/,
/api/v1/legislation/opinions/<id>/adopt/, /api/v1/legislation/work/, /api/v1/legislation/statistics/, and the
public /api/v1/public/legislation/drafts/ with its comment (no account)."""

from typing import Any

from django.http import Http404, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from renda.core import clock
from renda.core.api import ERRORS, AvailableActionsMixin, InputMixin, action_schema, service_call, visible
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
from renda.deputies.models import Deputy, LiaisonStation
from renda.legislation import docx, selectors, services
from renda.legislation.models import (
    Adoption,
    ArticleText,
    Channel,
    Comment,
    ConsolidatedOpinion,
    Draft,
    DraftArticle,
    DraftLevel,
    Liaison,
    OutreachWork,
    WorkKind,
)
from renda.legislation.workflows import COMMENT, DRAFT_FLOW, KEEP, MANAGE, READ

READ_ERRORS = {404: ERRORS[404]}


def _require(user: Any, capability: str) -> None:
    if not can(user, capability):
        raise exceptions.NotFound("没有找到。")


def _stations(user: Any) -> Any:
    return LiaisonStation.objects.filter(active=True)


def _deputies(user: Any) -> Any:
    return Deputy.objects.all()


def _liaisons(user: Any) -> Any:
    return selectors.liaisons_visible_to(user).filter(active=True)


class ArticleTextSerializer(serializers.ModelSerializer):
    class Meta:
        model = ArticleText
        fields = ["id", "article", "position", "number", "chapter", "text", "change", "previous_number"]


class CommentSerializer(serializers.ModelSerializer):
    """A comment as the office, its deputy or its station sees it (the contact only for the office)."""

    contact = serializers.SerializerMethodField()

    class Meta:
        model = Comment
        fields = ["id", "draft", "article", "version", "channel", "content", "author_name", "contact", "deputy",
                  "station", "symposium", "merged_into", "opinion", "created_at"]  # fmt: skip

    def get_contact(self, comment: Comment) -> str:
        return comment.contact if can(self.context["request"].user, MANAGE) else ""


class OpinionSerializer(serializers.ModelSerializer):
    source_count = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = ConsolidatedOpinion
        fields = ["id", "draft", "article", "text", "reason", "adoption", "adoption_note", "source_count"]


class DraftSerializer(AvailableActionsMixin, serializers.ModelSerializer):
    flow = DRAFT_FLOW

    class Meta:
        model = Draft
        fields = ["id", "title", "issuing_body", "level", "received_on", "report_due", "state", "opens_on",
                  "closes_on", "internal_due", "stations", "deputies", "liaisons", "others", "reported_on", "passed_on",
                  "version", "available_actions"]  # fmt: skip


class VersionSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    label = serializers.CharField()  # type: ignore[assignment]  # named like Field.label
    final = serializers.BooleanField()
    texts = ArticleTextSerializer(many=True)
    deleted = serializers.ListField(
        child=serializers.IntegerField(), help_text="上一版本中被删除的条文（条文id）"
    )


class DraftDetailSerializer(DraftSerializer):
    versions = serializers.SerializerMethodField()
    opinions = serializers.SerializerMethodField()

    class Meta(DraftSerializer.Meta):
        fields = [*DraftSerializer.Meta.fields, "versions", "opinions"]

    @extend_schema_field(VersionSerializer(many=True))
    def get_versions(self, draft: Draft) -> Any:
        return [
            VersionSerializer(
                {
                    "number": v.number,
                    "label": v.label,
                    "final": v.final,
                    "texts": v.texts.order_by("position"),
                    "deleted": [t.article_id for t in services.deleted_articles(v)],
                }
            ).data
            for v in draft.versions.order_by("number")
        ]

    @extend_schema_field(OpinionSerializer(many=True))
    def get_opinions(self, draft: Draft) -> Any:
        return OpinionSerializer(selectors.opinions_of(draft), many=True).data


class DraftCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    issuing_body = serializers.CharField(max_length=100)
    level = serializers.ChoiceField(choices=DraftLevel.choices)
    received_on = serializers.DateField()
    report_due = serializers.DateField()
    text = serializers.CharField(help_text="草案全文：每条以“第一条”等开头另起一行")
    label = serializers.CharField(max_length=50, required=False, default="征求意见稿")  # type: ignore[assignment]


class VersionCreateSerializer(serializers.Serializer):
    label = serializers.CharField(max_length=50)  # type: ignore[assignment]  # the version's name
    text = serializers.CharField()


class OpenSerializer(serializers.Serializer):
    opens_on = serializers.DateField()
    closes_on = serializers.DateField(help_text="公开征求意见不少于30日（两端计入）")
    internal_due = serializers.DateField(required=False, allow_null=True, default=None)
    stations = visible(_stations, many=True, required=False, default=list)
    deputies = visible(_deputies, many=True, required=False, default=list)
    liaisons = visible(
        _liaisons, many=True, required=False, default=list, help_text="征求意见的信息员、联络员和专家（名册）"
    )
    others = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="名册以外的征求对象"
    )


def _articles_of(user: Any) -> Any:
    return DraftArticle.objects.filter(draft__in=selectors.drafts_visible_to(user))


class CommentCreateSerializer(serializers.Serializer):
    article = visible(
        _articles_of, required=False, allow_null=True, default=None, help_text="不填为对草案整体"
    )
    channel = serializers.ChoiceField(
        choices=[c for c in Channel.choices if c[0] not in (Channel.PUBLIC, Channel.SYMPOSIUM)]
    )
    content = serializers.CharField()
    author_name = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    contact = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")


class SymposiumCommentSerializer(serializers.Serializer):
    article = visible(_articles_of, required=False, allow_null=True, default=None)
    content = serializers.CharField()


class SymposiumCreateSerializer(serializers.Serializer):
    held_on = serializers.DateField()
    place = serializers.CharField(max_length=100)
    station = visible(_stations, required=False, allow_null=True, default=None)
    attendees = serializers.CharField()
    attendee_count = serializers.IntegerField(min_value=0, max_value=10000, default=0)
    minutes = serializers.CharField(required=False, allow_blank=True, default="")
    comments = SymposiumCommentSerializer(many=True, required=False, default=list)


def _comments_of(user: Any) -> Any:
    return selectors.comments_visible_to(user)


class OpinionCreateSerializer(serializers.Serializer):
    article = visible(_articles_of, required=False, allow_null=True, default=None)
    text = serializers.CharField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    comments = visible(_comments_of, many=True, required=False, default=list)


class CommentMergeSerializer(serializers.Serializer):
    into = visible(_comments_of)


class ReportSerializer(serializers.Serializer):
    reported_on = serializers.DateField()


class FinalSerializer(serializers.Serializer):
    passed_on = serializers.DateField()
    text = serializers.CharField()


class AdoptSerializer(serializers.Serializer):
    adoption = serializers.ChoiceField(choices=[c for c in Adoption.choices if c[0] != Adoption.PENDING])
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class DraftViewSet(InputMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    lookup_value_regex = "[0-9]+"
    queryset = Draft.objects.none()
    serializer_class = DraftSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return selectors.drafts_visible_to(self.request.user).prefetch_related("stations", "deputies")

    def get_object(self) -> Draft:
        draft = selectors.drafts_visible_to(self.request.user).filter(pk=self.kwargs["pk"]).first()
        if draft is None:
            raise Http404("没有找到。")
        return draft

    def _done(self, draft: Draft, code: int = status.HTTP_200_OK) -> Response:
        draft = self.get_queryset().get(pk=draft.pk)
        return Response(DraftDetailSerializer(draft, context=self.get_serializer_context()).data, status=code)

    def _move(self, name: str) -> Draft:
        draft = self.get_object()
        DRAFT_FLOW.refuse(draft, name, actor=self.request.user)
        return draft

    @extend_schema(summary="法规草案征求意见", responses={200: DraftSerializer(many=True)})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary="草案详情：各版本条文（含与上一版本的变化）、整理意见",
        responses={200: DraftDetailSerializer, **READ_ERRORS},
    )
    def retrieve(self, request, pk=None):
        return self._done(self.get_object())

    @action_schema("登记草案（自动拆分章、条）", DraftCreateSerializer, DraftDetailSerializer, 201)
    def create(self, request):
        if not can(request.user, MANAGE):
            raise exceptions.PermissionDenied("只有人大常委会工作机构可以登记草案。")
        draft = service_call(
            services.draft_receive, **self.validated(DraftCreateSerializer), actor=request.user
        )
        return self._done(draft, status.HTTP_201_CREATED)

    @action_schema(
        "上传新版本（与上一版本逐条对照，意见仍在原条文上）",
        VersionCreateSerializer,
        DraftDetailSerializer,
        201,
    )
    @action(detail=True, methods=["post"])
    def versions(self, request, pk=None):
        draft = self._move("revise")
        service_call(
            services.version_add, draft=draft, actor=request.user, **self.validated(VersionCreateSerializer)
        )
        return self._done(draft, status.HTTP_201_CREATED)

    @action_schema("发布征求意见（公开征求意见不少于30日）", OpenSerializer, DraftDetailSerializer)
    @action(detail=True, methods=["post"])
    def open(self, request, pk=None):
        draft = self._move("open")
        return self._done(
            service_call(
                services.draft_open, draft=draft, actor=request.user, **self.validated(OpenSerializer)
            )
        )

    @action_schema("结束征求意见", None, DraftDetailSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        draft = self._move("close")
        return self._done(service_call(services.draft_close, draft=draft, actor=request.user))

    @action_schema(
        "提出意见（代表本人，联络站、工作机构登记）", CommentCreateSerializer, CommentSerializer, 201
    )
    @action(detail=True, methods=["post"])
    def comments(self, request, pk=None):
        draft = self.get_object()
        if not (can(request.user, COMMENT) or can(request.user, MANAGE)):
            raise exceptions.PermissionDenied("您不能提出立法意见。")
        comment = service_call(
            services.comment_add, draft=draft, actor=request.user, **self.validated(CommentCreateSerializer)
        )
        return Response(CommentSerializer(comment, context=self.get_serializer_context()).data, status=201)

    @action_schema("登记座谈会及其意见", SymposiumCreateSerializer, DraftDetailSerializer, 201)
    @action(detail=True, methods=["post"])
    def symposiums(self, request, pk=None):
        draft = self.get_object()
        if not (can(request.user, KEEP) or can(request.user, MANAGE)):
            raise exceptions.PermissionDenied("只有联络站管理员或人大常委会工作机构可以登记座谈会。")
        data = dict(self.validated(SymposiumCreateSerializer))
        data["comments"] = [(row["article"], row["content"]) for row in data["comments"]]
        service_call(services.symposium_record, draft=draft, actor=request.user, **data)
        return self._done(draft, status.HTTP_201_CREATED)

    @action_schema("整理意见（采纳建议）及其所依据的意见", OpinionCreateSerializer, OpinionSerializer, 201)
    @action(detail=True, methods=["post"])
    def opinions(self, request, pk=None):
        draft = self._move("sort")
        opinion = service_call(
            services.opinion_write, draft=draft, actor=request.user, **self.validated(OpinionCreateSerializer)
        )
        return Response(OpinionSerializer(opinion).data, status=201)

    @action_schema("记录报送上级人大", ReportSerializer, DraftDetailSerializer)
    @action(detail=True, methods=["post"])
    def report(self, request, pk=None):
        draft = self._move("report")
        return self._done(
            service_call(
                services.draft_report, draft=draft, actor=request.user, **self.validated(ReportSerializer)
            )
        )

    @extend_schema(
        summary="报送材料（Word）",
        responses={
            (
                200,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ): OpenApiTypes.BINARY,
            **READ_ERRORS,
        },
    )
    @action(detail=True, methods=["get"], url_path="report-document")
    def report_document(self, request, pk=None):
        _require(request.user, MANAGE)
        draft = self.get_object()
        response = HttpResponse(
            docx.report(draft),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''legislation-report-{draft.pk}.docx"
        return response

    @action_schema("录入通过文本（与报送版本逐条对照）", FinalSerializer, DraftDetailSerializer)
    @action(detail=True, methods=["post"])
    def final(self, request, pk=None):
        draft = self._move("final")
        service_call(
            services.final_text_add, draft=draft, actor=request.user, **self.validated(FinalSerializer)
        )
        return self._done(draft)

    @action_schema("反馈采纳情况（通知提出意见的代表和联络站）", None, DraftDetailSerializer)
    @action(detail=True, methods=["post"])
    def conclude(self, request, pk=None):
        draft = self._move("conclude")
        return self._done(service_call(services.draft_conclude, draft=draft, actor=request.user))


class CommentViewSet(InputMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    lookup_value_regex = "[0-9]+"
    queryset = Comment.objects.none()
    serializer_class = CommentSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        comments = selectors.comments_visible_to(self.request.user)
        draft = self.request.query_params.get("draft", "")
        return comments.filter(draft_id=int(draft)) if draft.isdigit() else comments

    @extend_schema(
        summary="立法意见（工作机构全部，代表本人的，联络站本站的）",
        parameters=[OpenApiParameter("draft", int, description="草案")],
        responses={200: CommentSerializer(many=True)},
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="立法意见详情", responses={200: CommentSerializer, **READ_ERRORS})
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    @action_schema("合并重复意见", CommentMergeSerializer, CommentSerializer)
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        comment = self.get_object()
        DRAFT_FLOW.refuse(comment.draft, "sort", actor=request.user)
        data = self.validated(CommentMergeSerializer)
        comment = service_call(services.comment_merge, comment=comment, actor=request.user, **data)
        return Response(CommentSerializer(comment, context=self.get_serializer_context()).data)


class StructureSerializer(serializers.Serializer):
    """A version's articles after a correction, and the draft's version to send with the next one."""

    version = serializers.IntegerField(help_text="草案的版本号（下次校正时原样带回）")
    texts = ArticleTextSerializer(many=True)


class ArticleCorrectSerializer(serializers.Serializer):
    number = serializers.IntegerField(min_value=1, max_value=9999)
    chapter = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    text = serializers.CharField()
    version = serializers.IntegerField(min_value=1, help_text="读取草案时的版本号；已被他人修改时返回 409")


def _comments_on_articles(user: Any) -> Any:
    return selectors.comments_visible_to(user)


class ArticleSplitSerializer(serializers.Serializer):
    at = serializers.IntegerField(min_value=2, help_text="从第几段（款、项，从1数起）起成为新的一条")
    number = serializers.IntegerField(
        min_value=1, max_value=9999, required=False, allow_null=True, default=None,
        help_text="新条文的条号；不填时取该段开头的“第X条”，没有则为本条条号加一",
    )  # fmt: skip
    move_comments = visible(
        _comments_on_articles, many=True, required=False, default=list, help_text="随新条文移动的意见"
    )
    version = serializers.IntegerField(min_value=1, help_text="读取草案时的版本号；已被他人修改时返回 409")


class ArticleMergeSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, help_text="读取草案时的版本号；已被他人修改时返回 409")


class ArticleViewSet(InputMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Corrections by hand of the automatic split (the office): an article's text in one version."""

    lookup_value_regex = "[0-9]+"
    queryset = ArticleText.objects.none()
    serializer_class = ArticleTextSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        if not can(self.request.user, MANAGE):
            return ArticleText.objects.none()
        return ArticleText.objects.filter(
            version__draft__in=selectors.drafts_visible_to(self.request.user)
        ).select_related("version__draft")

    def _refused(self) -> ArticleText:
        row = self.get_object()
        DRAFT_FLOW.refuse(row.version.draft, "correct", actor=self.request.user)
        return row

    def _structure(self, row: ArticleText) -> Response:
        draft = Draft.objects.get(pk=row.version.draft_id)
        return Response(
            StructureSerializer(
                {"version": draft.version, "texts": row.version.texts.order_by("position")}
            ).data
        )

    @extend_schema(summary="条文（某一版本中）", responses={200: ArticleTextSerializer, **READ_ERRORS})
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    @action_schema("校正条文（条号、章、内容）", ArticleCorrectSerializer, StructureSerializer)
    @action(detail=True, methods=["post"])
    def correct(self, request, pk=None):
        row = self._refused()
        data = dict(self.validated(ArticleCorrectSerializer))
        data["expected_version"] = data.pop("version")
        return self._structure(
            service_call(services.article_correct, text_row=row, actor=request.user, **data)
        )

    @action_schema("拆分条文（意见留在原条，可选择移到新条）", ArticleSplitSerializer, StructureSerializer)
    @action(detail=True, methods=["post"])
    def split(self, request, pk=None):
        row = self._refused()
        data = dict(self.validated(ArticleSplitSerializer))
        data["expected_version"] = data.pop("version")
        return self._structure(service_call(services.article_split, text_row=row, actor=request.user, **data))

    @action_schema("并入上一条（意见随之移动）", ArticleMergeSerializer, StructureSerializer)
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        row = self._refused()
        expected = self.validated(ArticleMergeSerializer)["version"]
        return self._structure(
            service_call(services.article_merge, text_row=row, expected_version=expected, actor=request.user)
        )


class OpinionViewSet(InputMixin, viewsets.GenericViewSet):
    lookup_value_regex = "[0-9]+"
    queryset = ConsolidatedOpinion.objects.none()
    serializer_class = OpinionSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return ConsolidatedOpinion.objects.filter(draft__in=selectors.drafts_visible_to(self.request.user))

    @action_schema("记录采纳情况", AdoptSerializer, OpinionSerializer)
    @action(detail=True, methods=["post"])
    def adopt(self, request, pk=None):
        opinion = self.get_object()
        DRAFT_FLOW.refuse(opinion.draft, "adopt", actor=request.user)
        data = self.validated(AdoptSerializer)
        return Response(
            OpinionSerializer(
                service_call(services.opinion_adoption_record, opinion=opinion, actor=request.user, **data)
            ).data
        )


class WorkSerializer(serializers.ModelSerializer):
    class Meta:
        model = OutreachWork
        fields = ["id", "station", "kind", "held_on", "title", "count", "note", "attendees"]


class WorkCreateSerializer(serializers.Serializer):
    station = visible(
        _stations, required=False, allow_null=True, default=None, help_text="联络站管理员不填，为本站"
    )
    kind = serializers.ChoiceField(choices=WorkKind.choices)
    held_on = serializers.DateField()
    title = serializers.CharField(max_length=120)
    count = serializers.IntegerField(min_value=1, max_value=100000, default=1)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    attendees = visible(
        _liaisons, many=True, required=False, default=list, help_text="参加培训的信息员、联络员（名册）"
    )


class LiaisonSerializer(serializers.ModelSerializer):
    """A 信息员, 联络员 or expert; the phone only for the office and the keeper of their station, masked else."""

    phone = serializers.SerializerMethodField(help_text="联系电话（无权查看时为掩码）")

    class Meta:
        model = Liaison
        fields = ["id", "name", "role", "station", "expertise", "organisation", "phone", "active", "version"]

    def get_phone(self, liaison: Liaison) -> str:
        return selectors.liaison_phone(self.context["request"].user, liaison)


class LiaisonViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    lookup_value_regex = "[0-9]+"
    queryset = Liaison.objects.none()
    serializer_class = LiaisonSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return selectors.liaisons_visible_to(self.request.user)

    @extend_schema(
        summary="信息员、联络员和专家（联络站管理员为本站的）", responses={200: LiaisonSerializer(many=True)}
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="信息员、联络员或专家", responses={200: LiaisonSerializer, **READ_ERRORS})
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


class WorkViewSet(InputMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    queryset = OutreachWork.objects.none()
    serializer_class = WorkSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return selectors.work_visible_to(self.request.user)

    @extend_schema(
        summary="联系点工作：培训、普法宣传、矛盾纠纷调处", responses={200: WorkSerializer(many=True)}
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @action_schema("登记联系点工作", WorkCreateSerializer, WorkSerializer, 201)
    def create(self, request):
        if not (can(request.user, MANAGE) or can(request.user, KEEP)):
            raise exceptions.PermissionDenied("只有联络站管理员或人大常委会工作机构可以登记。")
        work = service_call(
            services.outreach_work_record, actor=request.user, **self.validated(WorkCreateSerializer)
        )
        return Response(WorkSerializer(work).data, status=201)


class LegislationStatisticsSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    drafts = serializers.IntegerField(help_text="法律法规草案（部）")
    comments = serializers.IntegerField(help_text="收集意见建议（条）")
    comments_reported = serializers.IntegerField(help_text="归入报送意见的（条）")
    comments_adopted = serializers.IntegerField(help_text="被采纳的（条）")
    opinions = serializers.IntegerField(help_text="整理意见（条）")
    reported = serializers.IntegerField()
    adopted = serializers.IntegerField(help_text="被采纳（含部分采纳）的整理意见（条）")
    liaisons = serializers.IntegerField(help_text="在册信息员、联络员（人）")
    trained = serializers.IntegerField(help_text="本年参加培训的在册信息员、联络员（人）")
    experts = serializers.IntegerField(help_text="在册专家（人）")
    sentence = serializers.CharField()


class StatisticsView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="基层立法联系点年度统计",
        parameters=[OpenApiParameter("year", int, description="年度，默认今年")],
        responses={200: LegislationStatisticsSerializer},
    )
    def get(self, request):
        _require(request.user, READ)
        year = request.query_params.get("year", "")
        return Response(
            LegislationStatisticsSerializer(
                selectors.year_figures(int(year) if year.isdigit() else clock.today().year)
            ).data
        )


class PublicDraftSerializer(serializers.ModelSerializer):
    comment_count = serializers.IntegerField()
    adopted_count = serializers.IntegerField(help_text="X条意见被采纳（已反馈的草案）")
    texts = serializers.SerializerMethodField()
    challenge = serializers.SerializerMethodField(help_text="提交意见时原样带回；两小时内有效")
    question = serializers.SerializerMethodField(help_text="验证问题，提交时在 answer 中回答")

    class Meta:
        model = Draft
        fields = ["id", "title", "issuing_body", "level", "state", "opens_on", "closes_on", "comment_count",
                  "adopted_count", "texts", "challenge", "question"]  # fmt: skip

    @extend_schema_field(ArticleTextSerializer(many=True))
    def get_texts(self, draft: Draft) -> Any:
        return ArticleTextSerializer(
            services.current_version(draft).texts.order_by("position"), many=True
        ).data

    def _challenge(self) -> tuple[int, int]:
        if "challenge" not in self.context:
            self.context["challenge"] = new_question()
        return self.context["challenge"]

    def get_challenge(self, draft: Draft) -> str:
        return sign_challenge(*self._challenge())

    def get_question(self, draft: Draft) -> str:
        return question(*self._challenge())


class PublicCommentSerializer(serializers.Serializer):
    article = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="条文id；不填为对草案整体"
    )
    content = serializers.CharField(max_length=3000)
    author_name = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    contact = serializers.CharField(
        max_length=30, required=False, allow_blank=True, default="", help_text="不公开"
    )
    challenge = serializers.CharField()
    answer = serializers.IntegerField()
    website = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="请勿填写（留空）"
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("website"):
            raise serializers.ValidationError(NOT_A_PERSON, code="robot")
        if not answered_right(attrs["challenge"], attrs["answer"]):
            raise serializers.ValidationError({"answer": [WRONG_ANSWER]}, code="wrong_answer")
        return attrs


class PublicAcceptedSerializer(serializers.Serializer):
    received = serializers.BooleanField()
    tracking_code = serializers.CharField(help_text="查询码：凭它查询意见是否被报送和采纳")


class PublicStatusSerializer(serializers.Serializer):
    """What the contributor reads by tracking code: no name, contact or content."""

    tracking_code = serializers.CharField(source="code")
    draft = serializers.IntegerField(source="draft.pk")
    draft_title = serializers.CharField(source="draft.title")
    article = serializers.CharField(help_text="第N条，或对草案整体")
    submitted_on = serializers.DateField()
    stage = serializers.CharField(help_text="草案进度")
    in_report = serializers.BooleanField(help_text="是否写入报送上级人大的意见")
    reported_on = serializers.DateField(allow_null=True)
    adoption = serializers.CharField(help_text="采纳、部分采纳、未采纳；尚未反馈时为空")
    explanation = serializers.CharField()


class PublicView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]


class PublicDraftList(PublicView):
    @extend_schema(
        summary="法规草案征求意见（无需登录）：条文、收到意见数、被采纳数",
        auth=[],
        responses=PublicDraftSerializer(many=True),
    )
    def get(self, request):
        return Response(PublicDraftSerializer(selectors.public_drafts(), many=True, context={}).data)


class PublicCommentView(InputMixin, PublicView):
    def get_serializer_context(self) -> dict:
        return {"request": self.request}

    @extend_schema(
        summary="对草案提出意见（无需登录；须回答验证问题，同一来源每小时限5条；联系方式不公开）",
        auth=[], request=PublicCommentSerializer,
        responses={201: PublicAcceptedSerializer, 400: ERRORS[400], 404: ERRORS[404]},
    )  # fmt: skip
    def post(self, request, pk: int):
        draft = selectors.public_drafts().filter(pk=pk).first()
        if draft is None:
            raise Http404("没有找到。")
        data = dict(self.validated(PublicCommentSerializer))
        article_id = data.pop("article")
        article = draft.articles.filter(pk=article_id).first() if article_id else None
        if article_id and article is None:
            raise serializers.ValidationError({"article": ["该条文不属于本草案。"]})
        for key in CHECK_FIELDS:
            data.pop(key)
        comment = service_call(
            services.comment_submit_public, draft=draft, article=article,
            client_hash=client_hash(request.META.get("REMOTE_ADDR", "")), **data,
        )  # fmt: skip
        return Response({"received": True, "tracking_code": comment.tracking_code}, status=201)


class PublicCommentStatusView(PublicView):
    @extend_schema(
        summary="按查询码查询网上意见是否写入报送意见、是否被采纳（无需登录；不含个人信息）",
        auth=[], responses={200: PublicStatusSerializer, 404: ERRORS[404]},
    )  # fmt: skip
    def get(self, request, code: str):
        status_ = selectors.comment_status(code)
        if status_ is None:
            raise Http404("没有找到该查询码。")
        return Response(PublicStatusSerializer(status_).data)
