"""Every read of the livelihood projects that applies visibility or aggregates.

Who sees what: the office (livelihood.manage) everything; committee members and deputies (livelihood.read) the
lists once submitted to them and their projects; a unit its own projects; the public the projects of a published
ballot. Proposals are seen by the office and by whoever proposed them. Anything else is a 404."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.http import Http404

from renda.casework import selectors as casework
from renda.core.calendar import add_months
from renda.core.charts import Chart, pie
from renda.core.roles import can
from renda.livelihood.models import (
    BallotState,
    Finding,
    FindingAssignment,
    FindingState,
    LivelihoodProject,
    ProgressReport,
    ProjectBallot,
    ProjectProposal,
    ProjectState,
    ProposalState,
    Rating,
)
from renda.livelihood.workflows import FINDINGS, MANAGE, READ, REPORT

PUBLIC_STATES = [ProjectState.ADOPTED, ProjectState.COMPLETED]


def _404(what: str):
    return Http404(f"没有找到该{what}。")


def ballots_visible_to(user) -> QuerySet[ProjectBallot]:
    if can(user, MANAGE):
        return ProjectBallot.objects.all()
    if can(user, READ):
        return ProjectBallot.objects.exclude(state=BallotState.DRAFT)
    return ProjectBallot.objects.none()


def ballot_get_for_user(user, pk) -> ProjectBallot:
    try:
        return ballots_visible_to(user).select_related("meeting", "vote").get(pk=pk)
    except (ProjectBallot.DoesNotExist, ValueError, TypeError):
        raise _404("票决") from None


def projects_visible_to(user) -> QuerySet[LivelihoodProject]:
    """The office: every project. Members and deputies: those of the lists submitted to them. A unit's officer
    (who is not also a deputy): their unit's projects of those lists."""
    projects = LivelihoodProject.objects.all()
    if can(user, MANAGE):
        return projects
    if not can(user, READ):
        return projects.none()
    submitted = projects.exclude(ballot__state=BallotState.DRAFT)
    unit_id = getattr(user, "handling_unit_id", None)
    if can(user, REPORT) and unit_id and not getattr(user, "deputy_id", None):
        return submitted.filter(unit=unit_id)
    return submitted


def project_get_for_user(user, pk) -> LivelihoodProject:
    try:
        return (
            projects_visible_to(user)
            .select_related(
                "ballot", "unit", "carried_from", "oversight_inquiry__plan", "oversight_follow_up__plan"
            )
            .get(pk=pk)
        )
    except (LivelihoodProject.DoesNotExist, ValueError, TypeError):
        raise _404("项目") from None


def findings_visible_to(user) -> QuerySet[Finding]:
    """Inspection findings of the projects the user sees (a unit: its own projects')."""
    return Finding.objects.filter(inspection__project__in=projects_visible_to(user))


def finding_get_for_user(user, pk) -> Finding:
    try:
        return findings_visible_to(user).select_related("inspection__project__unit").get(pk=pk)
    except (Finding.DoesNotExist, ValueError, TypeError):
        raise _404("问题") from None


def finding_assignment_for_unit_user(user, pk) -> FindingAssignment:
    """An assignment of a finding to the user's own unit that was not withdrawn, else 404."""
    return casework.unit_assignment(FINDINGS, user, pk)


def findings_awaiting_office() -> QuerySet[Finding]:
    """Findings the office must act on: not yet sent to the unit, or answered and awaiting its review."""
    return Finding.objects.filter(state__in=[FindingState.OPEN, FindingState.ANSWERED])


def projects_for_list(user) -> QuerySet[LivelihoodProject]:
    return projects_visible_to(user).select_related(
        "unit", "ballot", "oversight_inquiry", "oversight_follow_up"
    )


def public_projects(year: int | None = None) -> QuerySet[LivelihoodProject]:
    """The projects of published ballots (and those carried into a year whose ballot is published)."""
    published = ProjectBallot.objects.filter(state=BallotState.PUBLISHED)
    projects = LivelihoodProject.objects.filter(state__in=PUBLIC_STATES).filter(
        Q(ballot__in=published) | Q(ballot__isnull=True, year__in=published.values("year"))
    )
    if year is not None:
        projects = projects.filter(year=year)
    return projects.select_related("unit", "oversight_inquiry", "oversight_follow_up").order_by(
        "rank", "order", "pk"
    )


def public_ballots() -> QuerySet[ProjectBallot]:
    return ProjectBallot.objects.filter(state=BallotState.PUBLISHED).order_by("-year")


def public_report_get(pk) -> ProgressReport:
    """A progress report whose photo the public may see: of a public project."""
    try:
        return ProgressReport.objects.filter(project__in=public_projects()).exclude(photo="").get(pk=pk)
    except (ProgressReport.DoesNotExist, ValueError, TypeError):
        raise _404("照片") from None


def report_get_for_user(user, pk) -> ProgressReport:
    try:
        return (
            ProgressReport.objects.filter(project__in=projects_visible_to(user)).exclude(photo="").get(pk=pk)
        )
    except (ProgressReport.DoesNotExist, ValueError, TypeError):
        raise _404("照片") from None


def latest_photos(projects: QuerySet[LivelihoodProject]) -> dict[int, int]:
    """Each project's latest report with a photo: {project pk: report pk} (one query)."""
    rows = (
        ProgressReport.objects.filter(project__in=projects)
        .exclude(photo="")
        .order_by("project", "-month")
        .values_list("project", "pk")
    )
    photos: dict[int, int] = {}
    for project, report in rows:
        photos.setdefault(project, report)
    return photos


def proposals_visible_to(user) -> QuerySet[ProjectProposal]:
    if can(user, MANAGE):
        return ProjectProposal.objects.all()
    if not getattr(user, "is_authenticated", False):
        return ProjectProposal.objects.none()
    mine = Q(submitted_by=user)
    if getattr(user, "deputy_id", None):
        mine |= Q(deputy=user.deputy_id)
    return ProjectProposal.objects.filter(mine)


def proposal_get_for_user(user, pk) -> ProjectProposal:
    try:
        return proposals_visible_to(user).select_related("unit", "merged_into", "project").get(pk=pk)
    except (ProjectProposal.DoesNotExist, ValueError, TypeError):
        raise _404("项目建议") from None


def proposal_by_code(code: str) -> ProjectProposal:
    """A citizen follows their proposal by its tracking code."""
    try:
        return ProjectProposal.objects.select_related("merged_into").get(
            tracking_code=(code or "").strip().upper()
        )
    except ProjectProposal.DoesNotExist:
        raise _404("项目建议") from None


def lagging_projects() -> QuerySet[LivelihoodProject]:
    return LivelihoodProject.objects.filter(state=ProjectState.ADOPTED, lagging=True)


def inquiry_candidates(year: int) -> QuerySet[LivelihoodProject]:
    """The year's lagging projects under way that are not yet in an inquiry (专题询问)."""
    return LivelihoodProject.objects.filter(
        year=year, state=ProjectState.ADOPTED, lagging=True, oversight_inquiry__isnull=True
    ).order_by("order", "pk")


def oversee_candidates(year: int) -> QuerySet[LivelihoodProject]:
    """The year's projects rated 不满意 not yet carried into next year's oversight plan."""
    return LivelihoodProject.objects.filter(
        year=year, rating=Rating.DISSATISFIED, oversight_follow_up__isnull=True
    ).order_by("order", "pk")


def reports_missing(month: datetime.date) -> QuerySet[LivelihoodProject]:
    """Adopted projects of `month`'s year or earlier without a report for `month`."""
    return (
        LivelihoodProject.objects.filter(state=ProjectState.ADOPTED, year__lte=month.year)
        .exclude(reports__month=month)
        .filter(Q(ballot__isnull=True) | Q(ballot__vote__closed_at__date__lt=add_months(month, 1)))
        .select_related("unit")
        .order_by("pk")
    )


def unit_users(unit_id: int) -> QuerySet:
    from renda.accounts.models import User

    return User.objects.filter(handling_unit=unit_id, is_active=True)


@dataclass(frozen=True)
class YearFigures:
    year: int
    proposals: int
    candidates: int  # on the ballot's list
    adopted: int  # adopted by the ballot or carried over
    completed: int
    on_time: int  # completed by the planned date
    lagging: int
    cost: Decimal  # planned, of the adopted
    spent: Decimal
    satisfied: int
    basically: int
    dissatisfied: int

    @property
    def evaluated(self) -> int:
        return self.satisfied + self.basically + self.dissatisfied

    @property
    def charts(self) -> list[Chart]:
        """The year's projects by progress, and the year-end ratings once made (from the figures above)."""
        going = self.adopted - self.completed - self.lagging
        progress = [("已完成", self.completed), ("实施中", going), ("进度滞后", self.lagging)]
        charts = (
            [Chart("livelihood-progress", "项目进展", pie("项目", progress, unit="个"))]
            if self.adopted
            else []
        )
        if self.evaluated:
            ratings = [("满意", self.satisfied), ("基本满意", self.basically), ("不满意", self.dissatisfied)]
            charts.append(Chart("livelihood-ratings", "年终满意度测评", pie("项目", ratings, unit="个")))
        return charts

    @property
    def sentence(self) -> str:
        return (
            f"{self.year}年征集民生实事项目建议{self.proposals}件，提交代表票决候选项目{self.candidates}个，"
            f"票决产生（含结转）项目{self.adopted}个，已完成{self.completed}个（按期{self.on_time}个），"
            f"计划投资{self.cost / 10000:,.2f}万元，已完成投资{self.spent / 10000:,.2f}万元"
        )


ADOPTED = [ProjectState.ADOPTED, ProjectState.COMPLETED]


def year_figures(year: int) -> YearFigures:
    """The year's figures in the database (two queries)."""
    proposals = ProjectProposal.objects.filter(year=year).count()
    p = LivelihoodProject.objects.filter(year=year).aggregate(
        candidates=Count("pk", filter=Q(ballot__isnull=False)),
        adopted=Count("pk", filter=Q(state__in=ADOPTED)),
        completed=Count("pk", filter=Q(state=ProjectState.COMPLETED)),
        on_time=Count(
            "pk", filter=Q(state=ProjectState.COMPLETED, completed_on__lte=F("planned_completion"))
        ),
        lagging=Count("pk", filter=Q(state=ProjectState.ADOPTED, lagging=True)),
        cost=Sum("cost", filter=Q(state__in=ADOPTED)),
        spent=Sum("spent", filter=Q(state__in=ADOPTED)),
        satisfied=Count("pk", filter=Q(rating=Rating.SATISFIED)),
        basically=Count("pk", filter=Q(rating=Rating.BASICALLY)),
        dissatisfied=Count("pk", filter=Q(rating=Rating.DISSATISFIED)),
    )
    return YearFigures(
        year=year,
        proposals=proposals,
        candidates=p["candidates"],
        adopted=p["adopted"],
        completed=p["completed"],
        on_time=p["on_time"],
        lagging=p["lagging"],
        cost=p["cost"] or Decimal(0),
        spent=p["spent"] or Decimal(0),
        satisfied=p["satisfied"],
        basically=p["basically"],
        dissatisfied=p["dissatisfied"],
    )


def unit_figures(year: int) -> QuerySet[Any]:
    """Per responsible unit: projects, completed, lagging, money, ratings (one query)."""
    return (
        LivelihoodProject.objects.filter(year=year, state__in=ADOPTED)
        .values("unit__name")
        .annotate(
            projects=Count("pk"),
            completed=Count("pk", filter=Q(state=ProjectState.COMPLETED)),
            lagging=Count("pk", filter=Q(lagging=True)),
            cost=Sum("cost"),
            spent=Sum("spent"),
            satisfied=Count("pk", filter=Q(rating=Rating.SATISFIED)),
            basically=Count("pk", filter=Q(rating=Rating.BASICALLY)),
            dissatisfied=Count("pk", filter=Q(rating=Rating.DISSATISFIED)),
        )
        .order_by("unit__name")
    )


def proposals_open() -> QuerySet[ProjectProposal]:
    return ProjectProposal.objects.filter(state=ProposalState.SUBMITTED)
