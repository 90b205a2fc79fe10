"""Reads of the legislative outreach: what each user may see, and the figures (computed in the database)."""

import datetime
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from renda.core.roles import can
from renda.legislation.models import (
    Adoption,
    ArticleText,
    Comment,
    ConsolidatedOpinion,
    Draft,
    DraftState,
    DraftVersion,
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
            trainings=Count("pk", filter=Q(kind=WorkKind.TRAINING)),
            publicity=Count("pk", filter=Q(kind=WorkKind.PUBLICITY)),
            mediations=Sum("count", filter=Q(kind=WorkKind.MEDIATION)),
        )
        .order_by("station__name")
    )
    figures["sentence"] = (
        f"围绕{figures['drafts']}部法律法规草案，收集报送意见建议{figures['comments']}条，"
        f"{figures['comments_adopted']}条被采纳"
    )
    return figures
