"""Reads of the legislative outreach: what each user may see, and the figures (computed in the database)."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from renda.core.privacy import mask_phone
from renda.core.roles import can
from renda.legislation.models import (
    Adoption,
    ArticleText,
    Channel,
    Comment,
    ConsolidatedOpinion,
    Draft,
    DraftState,
    DraftVersion,
    Liaison,
    LiaisonRole,
    OutreachWork,
    WorkKind,
)
from renda.legislation.workflows import COMMENT, KEEP, MANAGE, READ


def drafts_visible_to(user: Any) -> QuerySet[Draft]:
    """Every draft for those who read the area (the office, members, deputies, keepers)."""
    if not can(user, READ):
        return Draft.objects.none()
    return Draft.objects.all()


def drafts_for_list(user: Any) -> QuerySet[Draft]:
    return drafts_visible_to(user).annotate(
        comment_count=Count("comments", distinct=True),
        opinion_count=Count("opinions", distinct=True),
    )


def comments_visible_to(user: Any) -> QuerySet[Comment]:
    """The office sees every comment; a deputy their own; a keeper their station's."""
    comments = Comment.objects.select_related("article", "deputy", "station", "symposium").prefetch_related(
        "article__texts"
    )
    if can(user, MANAGE):
        return comments
    mine = Q(pk__in=[])
    if can(user, COMMENT) and getattr(user, "deputy_id", None):
        mine |= Q(deputy_id=user.deputy_id)
    if can(user, KEEP) and getattr(user, "station_id", None):
        mine |= Q(station_id=user.station_id)
    if user.is_authenticated:
        mine |= Q(entered_by=user)
    return comments.filter(mine)


def public_drafts() -> QuerySet[Draft]:
    """What the public page shows: drafts open for comment and those concluded, with the adoption count."""
    return Draft.objects.filter(
        state__in=[DraftState.CONSULTING, DraftState.REPORTED, DraftState.CONCLUDED, DraftState.SORTING]
    ).annotate(
        comment_count=Count("comments", distinct=True),
        adopted_count=Count(
            "opinions",
            filter=Q(opinions__adoption__in=[Adoption.FULL, Adoption.PARTLY]) & Q(state=DraftState.CONCLUDED),
            distinct=True,
        ),
    )


@dataclass(frozen=True)
class CommentStatus:
    """What a contributor reads by tracking code: the draft, the article, where the comment stands — no name, no
    contact, not the content."""

    code: str
    draft: Draft
    article: str  # 第N条, or 对草案整体
    submitted_on: datetime.date
    stage: str  # 征求意见中 / 整理中 / 已报送 / 已反馈 …
    in_report: bool  # behind a consolidated opinion (itself or the comment it was merged into)
    reported_on: datetime.date | None
    adoption: str  # 采纳 / 部分采纳 / 未采纳 once the draft is concluded, else ""
    explanation: str


def comment_status(code: str) -> CommentStatus | None:
    """A public comment by its tracking code (case-insensitive), or None."""
    code = (code or "").strip().upper()
    if len(code) != 8:
        return None
    comment = (
        Comment.objects.filter(tracking_code=code, channel=Channel.PUBLIC)
        .select_related("draft", "opinion", "merged_into__opinion")
        .prefetch_related("article__texts")
        .first()
    )
    if comment is None:
        return None
    draft = comment.draft
    opinion = comment.opinion or (comment.merged_into.opinion if comment.merged_into else None)
    reported = draft.state in (DraftState.REPORTED, DraftState.CONCLUDED)
    adoption = ""
    if opinion is None:
        explanation = {
            DraftState.CONSULTING: "您的意见已收到，征求意见仍在进行。",
            DraftState.SORTING: "征求意见已结束，工作机构正在整理意见。",
        }.get(draft.state, "您的意见已收到并经研究，未写入报送上级人大的意见。")  # type: ignore[call-overload]
    elif not reported:
        explanation = "您的意见已归入整理意见，待报送上级人大。"
    elif draft.state == DraftState.REPORTED or opinion.adoption == Adoption.PENDING:
        explanation = "您的意见已写入报送上级人大的意见，待法律法规通过后反馈采纳情况。"
    else:
        adoption = opinion.get_adoption_display()
        explanation = f"您的意见已写入报送上级人大的意见，通过的文本{adoption_phrase(opinion.adoption)}。"
    return CommentStatus(
        code=code, draft=draft, article=str(comment.article) if comment.article else "对草案整体",
        submitted_on=timezone.localdate(comment.created_at), stage=draft.get_state_display(), in_report=opinion is not None,
        reported_on=draft.reported_on if opinion is not None and reported else None, adoption=adoption,
        explanation=explanation,
    )  # fmt: skip


def adoption_phrase(adoption: str) -> str:
    return {Adoption.FULL: "采纳了该意见", Adoption.PARTLY: "部分采纳了该意见"}.get(adoption, "未采纳该意见")  # type: ignore[call-overload]


def version_texts(version: DraftVersion, user: Any = None) -> QuerySet[ArticleText]:
    """A version's articles with their comment counts (all versions' comments: they stay on the article)."""
    visible = comments_visible_to(user) if user is not None else Comment.objects.all()
    return (
        version.texts.select_related("article")
        .annotate(
            comment_count=Count("article__comments", filter=Q(article__comments__in=visible), distinct=True)
        )
        .order_by("position")
    )


def opinions_of(draft: Draft) -> QuerySet[ConsolidatedOpinion]:
    return (
        draft.opinions.select_related("article")
        .annotate(
            source_count=Count(
                "comments", distinct=True
            )  # merged duplicates are counted: they follow their comment
        )
        .prefetch_related(Prefetch("article__texts", queryset=ArticleText.objects.select_related("version")))
    )


def text_in(opinion: ConsolidatedOpinion, version: DraftVersion | None) -> ArticleText | None:
    if opinion.article_id is None or version is None:
        return None
    return next((t for t in opinion.article.texts.all() if t.version_id == version.pk), None)  # type: ignore[union-attr]


def reported_version(draft: Draft) -> DraftVersion | None:
    return draft.versions.filter(final=False).order_by("-number").first()


def final_version(draft: Draft) -> DraftVersion | None:
    return draft.versions.filter(final=True).first()


def adoption_hint(
    opinion: ConsolidatedOpinion, reported: DraftVersion | None, final: DraftVersion | None
) -> str:
    """What comparing the article's reported text with the passed text suggests (the office decides)."""
    if final is None or opinion.article_id is None:
        return ""
    before, after = text_in(opinion, reported), text_in(opinion, final)
    if after is None:
        return "该条在通过文本中已删除"
    if before is None or before.text != after.text:
        return "该条在通过文本中有修改"
    return "该条在通过文本中未修改"


def work_visible_to(user: Any) -> QuerySet[OutreachWork]:
    works = OutreachWork.objects.select_related("station")
    if can(user, MANAGE) or can(user, READ) and not getattr(user, "station_id", None):
        return works if can(user, READ) else works.none()
    if can(user, KEEP) and user.station_id:
        return works.filter(station_id=user.station_id)
    return works.none()


def liaisons_visible_to(user: Any) -> QuerySet[Liaison]:
    """The 信息员, 联络员 and experts: every record for the office, members and deputies; a keeper their station's.
    Their phones: liaison_phone_visible."""
    liaisons = Liaison.objects.select_related("station")
    if not can(user, READ):
        return liaisons.none()
    if can(user, MANAGE):
        return liaisons
    if can(user, KEEP) and getattr(user, "station_id", None):
        return liaisons.filter(station_id=user.station_id)
    return liaisons


def liaison_phone_visible(user: Any, liaison: Liaison) -> bool:
    """A liaison's phone is personal information: the office sees it, and the keeper of their station."""
    if can(user, MANAGE):
        return True
    return bool(
        can(user, KEEP) and liaison.station_id and liaison.station_id == getattr(user, "station_id", None)
    )


def liaison_phone(user: Any, liaison: Liaison) -> str:
    return liaison.phone if liaison_phone_visible(user, liaison) else mask_phone(liaison.phone)


def year_figures(year: int) -> dict[str, Any]:
    """The seeds' sentence: 围绕X部法律法规草案，收集报送意见建议X条，X条被采纳; and the stations' work."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    drafts = Draft.objects.filter(received_on__range=(start, end))
    comments = Comment.objects.filter(draft__in=drafts)
    opinions = ConsolidatedOpinion.objects.filter(draft__in=drafts)
    work = OutreachWork.objects.filter(held_on__range=(start, end))
    figures: dict[str, Any] = {
        "year": year,
        "drafts": drafts.count(),
        **comments.aggregate(
            comments=Count("pk"),
            comments_reported=Count("pk", filter=Q(opinion__isnull=False)),
            comments_adopted=Count("pk", filter=Q(opinion__adoption__in=[Adoption.FULL, Adoption.PARTLY])),
        ),
        **opinions.aggregate(
            opinions=Count("pk"),
            reported=Count("pk", filter=Q(draft__reported_on__isnull=False)),
            adopted=Count("pk", filter=Q(adoption__in=[Adoption.FULL, Adoption.PARTLY])),
        ),
        "work": {
            row["kind"]: row for row in work.values("kind").annotate(events=Count("pk"), people=Sum("count"))
        },
    }
    figures["by_station"] = list(
        comments.exclude(station=None)
        .values("station__name")
        .annotate(
            n=Count("pk"),
            adopted=Count("pk", filter=Q(opinion__adoption__in=[Adoption.FULL, Adoption.PARTLY])),
        )
        .order_by("-n", "station__name")
    )
    figures["work_by_station"] = list(
        work.values("station__name")
        .annotate(
            trainings=Count("pk", filter=Q(kind=WorkKind.TRAINING), distinct=True),
            publicity=Count("pk", filter=Q(kind=WorkKind.PUBLICITY), distinct=True),
            mediations=Sum("count", filter=Q(kind=WorkKind.MEDIATION)),
            trained=Count("attendees", filter=Q(kind=WorkKind.TRAINING), distinct=True),
        )
        .order_by("station__name")
    )
    # The 信息员 and 联络员 on record per station, and how many of them a training of the year reached.
    on_record = Liaison.objects.filter(active=True).exclude(role=LiaisonRole.EXPERT).exclude(station=None)
    figures["liaisons_by_station"] = list(
        on_record.values("station__name")
        .annotate(
            informants=Count("pk", filter=Q(role=LiaisonRole.INFORMANT), distinct=True),
            liaisons=Count("pk", filter=Q(role=LiaisonRole.LIAISON), distinct=True),
            trained=Count(
                "pk",
                filter=Q(trainings__kind=WorkKind.TRAINING, trainings__held_on__range=(start, end)),
                distinct=True,
            ),
        )
        .order_by("station__name")
    )
    figures["liaisons"] = on_record.count()
    figures["experts"] = Liaison.objects.filter(active=True, role=LiaisonRole.EXPERT).count()
    figures["trained"] = (
        on_record.filter(trainings__kind=WorkKind.TRAINING, trainings__held_on__range=(start, end))
        .distinct()
        .count()
    )
    figures["sentence"] = (
        f"围绕{figures['drafts']}部法律法规草案，收集报送意见建议{figures['comments']}条，"
        f"{figures['comments_adopted']}条被采纳"
    )
    return figures
