"""Every read of oversight that applies visibility or aggregates: what a user sees (the office, the members and
deputies everything; a body its own items; the public the published), the chairpersons' board and the year's
figures in the seeds' words, computed in the database."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from renda.casework import selectors as casework
from renda.core import clock
from renda.core.roles import can
from renda.oversight.models import (
    AppraisalRating,
    DeliberationOpinionAssignment,
    FilingDocument,
    FilingState,
    Interpellation,
    ItemKind,
    ItemState,
    OversightItem,
    OversightPlan,
    PlanState,
    RaterKind,
    Rating,
    Rectification,
    RectificationState,
    SatisfactionVote,
)
from renda.oversight.workflows import MANAGE, OPINIONS, READ, RECTIFY

OPEN_STATES = [s for s in ItemState.values if s != ItemState.CLOSED]


def _reads(user) -> bool:
    return can(user, MANAGE) or can(user, READ)


def plans_visible_to(user) -> QuerySet[OversightPlan]:
    """The office, members and deputies see every plan; a body the published ones."""
    rows = OversightPlan.objects.annotate(item_count=Count("items"))
    if _reads(user):
        return rows
    if can(user, RECTIFY):
        return rows.filter(state=PlanState.PUBLISHED)
    return rows.none()


def items_visible_to(user) -> QuerySet[OversightItem]:
    rows = OversightItem.objects.select_related("plan", "body", "committee", "meeting")
    if _reads(user):
        return rows
    if can(user, RECTIFY) and getattr(user, "handling_unit_id", None):
        return rows.filter(body=user.handling_unit_id)
    return rows.none()


def rectifications_visible_to(user) -> QuerySet[Rectification]:
    rows = Rectification.objects.select_related("item__body", "problem")
    if _reads(user):
        return rows
    if can(user, RECTIFY) and getattr(user, "handling_unit_id", None):
        return rows.filter(item__body=user.handling_unit_id)
    return rows.none()


def interpellations_visible_to(user) -> QuerySet[Interpellation]:
    rows = Interpellation.objects.select_related("body", "meeting")
    if _reads(user):
        return rows
    if can(user, RECTIFY) and getattr(user, "handling_unit_id", None):
        return rows.filter(body=user.handling_unit_id)
    return rows.none()


def filings_visible_to(user) -> QuerySet[FilingDocument]:
    rows = FilingDocument.objects.select_related("issuer")
    if _reads(user):
        return rows
    if can(user, RECTIFY) and getattr(user, "handling_unit_id", None):
        return rows.filter(issuer=user.handling_unit_id)
    return rows.none()


@dataclass(frozen=True)
class AppraisalResult:
    """A work appraisal's ratings counted (工作评议测评): numerators and the denominator of those who rated."""

    satisfied: int
    basically_satisfied: int
    dissatisfied: int
    raters: int
    members: int
    invited: int

    @property
    def text(self) -> str:
        if not self.raters:
            return "尚未测评"
        return (
            f"参加测评{self.raters}人（常委会组成人员{self.members}人、受邀代表{self.invited}人），"
            f"满意{self.satisfied}票，基本满意{self.basically_satisfied}票，不满意{self.dissatisfied}票"
        )


RATING_COUNTS = {
    "satisfied": Count("pk", filter=Q(rating=Rating.SATISFIED)),
    "basically_satisfied": Count("pk", filter=Q(rating=Rating.BASICALLY_SATISFIED)),
    "dissatisfied": Count("pk", filter=Q(rating=Rating.DISSATISFIED)),
    "raters": Count("pk"),
    "members": Count("pk", filter=Q(rater_kind=RaterKind.MEMBER)),
    "invited": Count("pk", filter=Q(rater_kind=RaterKind.INVITED)),
}


def appraisal_result(item: OversightItem) -> AppraisalResult:
    """The item's ratings counted in the database (one query)."""
    return AppraisalResult(**AppraisalRating.objects.filter(item=item).aggregate(**RATING_COUNTS))


def with_appraisal_counts(rows: QuerySet[OversightItem]) -> QuerySet[OversightItem]:
    """Items with their appraisal's counts annotated (`appraisal_satisfied` …), for lists and their Excel."""
    return rows.annotate(
        appraisal_satisfied=Count("ratings", filter=Q(ratings__rating=Rating.SATISFIED), distinct=True),
        appraisal_basically_satisfied=Count(
            "ratings", filter=Q(ratings__rating=Rating.BASICALLY_SATISFIED), distinct=True
        ),
        appraisal_dissatisfied=Count("ratings", filter=Q(ratings__rating=Rating.DISSATISFIED), distinct=True),
    )


def _get(rows: QuerySet, pk: Any, what: str) -> Any:
    try:
        return rows.get(pk=pk)
    except (rows.model.DoesNotExist, ValueError, TypeError):
        raise Http404(f"{what}不存在或无权查看。") from None


def plan_get_for_user(user, pk) -> OversightPlan:
    return _get(plans_visible_to(user), pk, "监督工作计划")


def item_get_for_user(user, pk) -> OversightItem:
    return _get(items_visible_to(user), pk, "监督事项")


def rectification_get_for_user(user, pk) -> Rectification:
    return _get(rectifications_visible_to(user), pk, "整改事项")


def interpellation_get_for_user(user, pk) -> Interpellation:
    return _get(interpellations_visible_to(user), pk, "质询案")


def filing_get_for_user(user, pk) -> FilingDocument:
    return _get(filings_visible_to(user), pk, "规范性文件")


def opinion_assignment_for_unit_user(user, pk) -> DeliberationOpinionAssignment:
    """A deliberation opinion's assignment to the user's own body (a unit's officer), else 404: a unit sees only
    its own assignments, and no one else opens the unit's steps."""
    return casework.unit_assignment(OPINIONS, user, pk, "审议意见交办")


def item_opinion_assignment(user, item: OversightItem) -> DeliberationOpinionAssignment | None:
    """The latest assignment of the item's deliberation opinion to the user's own body (None for anyone else)."""
    unit_id = getattr(user, "handling_unit_id", None) if can(user, RECTIFY) else None
    if not unit_id:
        return None
    return item.assignments.filter(unit=unit_id).select_related("item", "unit").order_by("-pk").first()


def item_assignments(item: OversightItem) -> QuerySet[DeliberationOpinionAssignment]:
    """The item's deliberation-opinion assignments with their replies (the handling reports), for whoever sees
    the item."""
    return item.assignments.select_related("unit").prefetch_related("replies").order_by("pk")


def may_file_interpellation(user) -> bool:
    """The office (entering it for the filers) and the serving members of the standing committee."""
    from renda.org.models import CommitteeMembership

    if can(user, MANAGE):
        return True
    deputy_id = getattr(user, "deputy_id", None)
    if not deputy_id or not can(user, READ):
        return False
    today = clock.today()
    return (
        CommitteeMembership.objects.filter(deputy=deputy_id, start_date__lte=today)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .exists()
    )


def public_items() -> QuerySet[OversightItem]:
    """【国】 Art. 17: what was sent to deputies and published."""
    return OversightItem.objects.filter(published_on__isnull=False).select_related("body", "plan")


def public_plans() -> QuerySet[OversightPlan]:
    """【国】 Art. 63: the published plans."""
    return OversightPlan.objects.filter(state=PlanState.PUBLISHED).prefetch_related("items__body")


# ------------------------------------------------------------------ overdue and the board


def overdue_q(today: datetime.date) -> Q:
    """An item is overdue when its opinions are not sent by opinion_due, or its handling report not in by
    report_due."""
    return Q(state=ItemState.DELIBERATED, opinion_due__lt=today) | Q(
        state__in=[ItemState.OPINIONS_SENT, ItemState.FAILED], report_due__lt=today
    )


def overdue_items(today: datetime.date | None = None) -> QuerySet[OversightItem]:
    return OversightItem.objects.filter(overdue_q(today or clock.today())).select_related("body")


def overdue_rectifications(today: datetime.date | None = None) -> QuerySet[Rectification]:
    return Rectification.objects.filter(state=RectificationState.OPEN, due__lt=today or clock.today())


@dataclass(frozen=True)
class BoardRow:
    name: str
    open: int
    overdue: int
    closed: int


def board(year: int, today: datetime.date | None = None) -> dict[str, Any]:
    """The chairpersons' board: every open item of the year with its stage and what is overdue, per committee and
    per body overseen; every rectification with its state (a few grouped queries)."""
    today = today or clock.today()
    items = OversightItem.objects.filter(plan__year=year)
    counts = dict(
        open=Count("pk", filter=Q(state__in=OPEN_STATES)),
        overdue=Count("pk", filter=overdue_q(today)),
        closed=Count("pk", filter=Q(state=ItemState.CLOSED)),
    )
    per_committee = [
        BoardRow(r["committee__name"] or "未指定", r["open"], r["overdue"], r["closed"])
        for r in items.values("committee__name").annotate(**counts).order_by("committee__name")
    ]
    per_body = [
        BoardRow(r["body__name"], r["open"], r["overdue"], r["closed"])
        for r in items.values("body__name").annotate(**counts).order_by("body__name")
    ]
    stages = {r["state"]: r["n"] for r in items.values("state").annotate(n=Count("pk"))}
    rect = Rectification.objects.filter(item__plan__year=year)
    rect_states = {r["state"]: r["n"] for r in rect.values("state").annotate(n=Count("pk"))}
    return {
        "year": year,
        "stages": [(label, stages.get(value, 0)) for value, label in ItemState.choices],
        "per_committee": per_committee,
        "per_body": per_body,
        "open_items": items.filter(state__in=OPEN_STATES)
        .select_related("body", "committee")
        .annotate(overdue=Count("pk", filter=overdue_q(today)))
        .order_by("planned_month", "pk"),
        "rectification_states": [
            (label, rect_states.get(value, 0)) for value, label in RectificationState.choices
        ],
        "rectifications_overdue": rect.filter(state=RectificationState.OPEN, due__lt=today).count(),
    }


@dataclass(frozen=True)
class YearFigures:
    year: int
    work_reports: int
    inspections: int
    surveys: int
    inquiries: int
    opinions: int
    votes: int
    votes_failed: int
    interpellations: int
    filings: int
    corrected: int

    @property
    def sentence(self) -> str:
        """In the seeds' words."""
        return (
            f"听取和审议专项工作报告{self.work_reports}个，开展执法检查{self.inspections}次、"
            f"专题调研{self.surveys}项、专题询问{self.inquiries}次，作出审议意见{self.opinions}件，"
            f"满意度测评{self.votes}次"
        )


WORK_REPORT_KINDS = [
    k
    for k in ItemKind.values
    if k not in (ItemKind.LAW_INSPECTION, ItemKind.SURVEY, ItemKind.INQUIRY, ItemKind.VISIT)
]


def year_figures(year: int) -> YearFigures:
    """The year's figures in the database (four queries): items heard in the year by kind, opinions sent,
    satisfaction votes held, interpellations and filing reviews."""
    heard = OversightItem.objects.filter(heard_on__year=year).aggregate(
        work_reports=Count("pk", filter=Q(kind__in=WORK_REPORT_KINDS)),
        inspections=Count("pk", filter=Q(kind=ItemKind.LAW_INSPECTION)),
        surveys=Count("pk", filter=Q(kind__in=[ItemKind.SURVEY, ItemKind.VISIT])),
        inquiries=Count("pk", filter=Q(kind=ItemKind.INQUIRY)),
    )
    opinions = OversightItem.objects.filter(opinion_sent_on__year=year).count()
    votes = SatisfactionVote.objects.filter(vote__created_at__year=year, passed__isnull=False).aggregate(
        n=Count("pk"), failed=Count("pk", filter=Q(passed=False))
    )
    filings = FilingDocument.objects.filter(filed_on__year=year).aggregate(
        n=Count("pk"),
        corrected=Count(
            "pk", filter=Q(state__in=[FilingState.CORRECTION, FilingState.CORRECTED, FilingState.REVOKED])
        ),
    )
    return YearFigures(
        year=year,
        work_reports=heard["work_reports"],
        inspections=heard["inspections"],
        surveys=heard["surveys"],
        inquiries=heard["inquiries"],
        opinions=opinions,
        votes=votes["n"],
        votes_failed=votes["failed"],
        interpellations=Interpellation.objects.filter(filed_on__year=year).count(),
        filings=filings["n"],
        corrected=filings["corrected"],
    )


@dataclass(frozen=True)
class FilingReport:
    """The year's report of filing review (备案审查工作情况报告), counted in the database."""

    year: int
    filed: int
    late: int
    reviewed: int
    on_request: int
    lawful: int
    correction: int
    corrected: int
    revoked: int

    @property
    def active(self) -> int:
        """Reviewed on the standing committee's own initiative (主动审查)."""
        return self.reviewed - self.on_request

    @property
    def sentence(self) -> str:
        return (
            f"{self.year}年接收报备规范性文件{self.filed}件（逾期报备{self.late}件），审查{self.reviewed}件"
            f"（依申请审查{self.on_request}件），经审查合法{self.lawful}件，要求纠正{self.correction}件"
            f"（已纠正{self.corrected}件），撤销{self.revoked}件"
        )


def filing_report(year: int) -> FilingReport:
    rows = FilingDocument.objects.filter(filed_on__year=year).aggregate(
        filed=Count("pk"),
        late=Count("pk", filter=Q(filed_late=True)),
        reviewed=Count("pk", filter=~Q(state=FilingState.FILED)),
        on_request=Count("pk", filter=~Q(requested_by="")),
        lawful=Count("pk", filter=Q(state=FilingState.LAWFUL)),
        correction=Count("pk", filter=Q(state__in=[FilingState.CORRECTION, FilingState.CORRECTED])),
        corrected=Count("pk", filter=Q(state=FilingState.CORRECTED)),
        revoked=Count("pk", filter=Q(state=FilingState.REVOKED)),
    )
    return FilingReport(year=year, **rows)


def standing_committee_name() -> str:
    """The standing committee of the current term's congress, for the titles of documents."""
    from renda.org.models import Term

    term = Term.objects.filter(is_current=True).select_related("jurisdiction").order_by("-number").first()
    return f"{term.jurisdiction.congress_name}常务委员会" if term is not None else "人大常委会"


PROBLEM_STATES = [FilingState.CORRECTION, FilingState.CORRECTED, FilingState.REVOKED]


def filing_problems(year: int) -> QuerySet[FilingDocument]:
    """The year's documents with problems: asked to correct (corrected or not yet) or revoked."""
    return (
        FilingDocument.objects.filter(filed_on__year=year, state__in=PROBLEM_STATES)
        .select_related("issuer")
        .order_by("filed_on", "pk")
    )


def filings_late(year: int) -> QuerySet[FilingDocument]:
    return (
        FilingDocument.objects.filter(filed_on__year=year, filed_late=True)
        .select_related("issuer")
        .order_by("filed_on", "pk")
    )


def unit_users(unit_id: int) -> QuerySet[Any]:
    from renda.accounts.models import User

    return User.objects.filter(handling_unit=unit_id, is_active=True)
