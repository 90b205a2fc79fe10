"""Every read of the suggestion fund (代表建议专项资金): the funds and projects a user may see, a fund's
figures, and the totals of a span of years that the suggestions' statistics and dashboard show
(`fund_figures`, read by renda.suggestions.statistics).

The office and the committee members read the funds (capability fund.read); others get a 404."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.http import Http404

from renda.core.history import HistoryEntry, field_history
from renda.core.roles import can
from renda.fund.models import FundProject, SuggestionFund
from renda.suggestions.models import Suggestion
from renda.suggestions.statistics import REGISTERED, cn_amount


@dataclass(frozen=True)
class FundFigures:
    amount: Decimal  # the funds set aside
    allocated: Decimal  # arranged for projects
    projects: int
    completed: int
    beneficiaries: int  # 惠及群众人次

    @property
    def balance(self) -> Decimal:
        return self.amount - self.allocated

    @property
    def sentence(self) -> str:
        """用好用活代表建议办理资金628万元，推动办理代表意见建议项目28个，惠及群众5.87万人次"""
        return (
            f"用好用活代表建议办理资金{cn_amount(self.allocated, '元')}，"
            f"推动办理代表意见建议项目{self.projects}个，惠及群众{cn_amount(self.beneficiaries, '人次')}"
        )


def fund_figures(first_year: int, last_year: int) -> FundFigures:
    """The funds of the years given and their projects (two queries)."""
    years = Q(year__gte=first_year, year__lte=last_year)
    amount = SuggestionFund.objects.filter(years).aggregate(total=Sum("amount"))["total"]
    projects = FundProject.objects.filter(fund__year__gte=first_year, fund__year__lte=last_year).aggregate(
        allocated=Sum("amount"),
        projects=Count("pk"),
        completed=Count("pk", filter=Q(status=FundProject.Status.COMPLETED)),
        beneficiaries=Sum("beneficiaries"),
    )
    return FundFigures(
        amount=amount or Decimal(0),
        allocated=projects["allocated"] or Decimal(0),
        projects=projects["projects"],
        completed=projects["completed"],
        beneficiaries=projects["beneficiaries"] or 0,
    )


def funds_visible_to(user) -> QuerySet[SuggestionFund]:
    """The office and the committee members read the funds."""
    return SuggestionFund.objects.all() if can(user, "fund.read") else SuggestionFund.objects.none()


def funds_for_list(user) -> QuerySet[SuggestionFund]:
    return funds_visible_to(user).annotate(
        allocated=Coalesce(Sum("projects__amount"), Decimal(0)),
        project_count=Count("projects"),
        completed_count=Count("projects", filter=Q(projects__status=FundProject.Status.COMPLETED)),
        beneficiaries=Coalesce(Sum("projects__beneficiaries"), 0),
    )


def fund_summary(fund: SuggestionFund) -> FundFigures:
    """The figures of one fund read through `funds_for_list`."""
    totals: Any = fund  # the annotations of funds_for_list, which the model does not declare
    return FundFigures(
        amount=fund.amount,
        allocated=totals.allocated,
        projects=totals.project_count,
        completed=totals.completed_count,
        beneficiaries=totals.beneficiaries,
    )


def fund_get_for_user(user, pk) -> SuggestionFund:
    try:
        return funds_for_list(user).get(pk=pk)
    except (SuggestionFund.DoesNotExist, ValueError, TypeError):
        raise Http404("没有找到该专项资金。") from None


def fund_projects(fund: SuggestionFund) -> QuerySet[FundProject]:
    return fund.projects.select_related("unit").prefetch_related("suggestions").order_by("pk")


def fund_projects_visible_to(user) -> QuerySet[FundProject]:
    return FundProject.objects.filter(fund__in=funds_visible_to(user))


def fund_project_get_for_user(user, pk) -> FundProject:
    try:
        return fund_projects_visible_to(user).select_related("fund", "unit").get(pk=pk)
    except (FundProject.DoesNotExist, ValueError, TypeError):
        raise Http404("没有找到该项目。") from None


def fund_project_history(project: FundProject, limit: int = 20) -> list[HistoryEntry]:
    """Who changed which fields of a project, from what to what, and when; newest first."""
    return field_history(project, limit=limit)


def fund_project_candidates(fund: SuggestionFund) -> QuerySet[Suggestion]:
    """Suggestions a project of `fund` may carry out: registered ones of the fund's year and the year before."""
    return Suggestion.objects.filter(state__in=REGISTERED, year__in=[fund.year - 1, fund.year]).order_by(
        "-year", "serial", "pk"
    )
