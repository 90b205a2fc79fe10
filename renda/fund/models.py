"""代表建议专项资金: money a year's budget sets aside for small projects arising from deputies' suggestions,
and the projects paid from it.

The tables kept the names they had when the fund was part of the suggestions app (migration 0001 adopts them
without touching the database)."""

from django.db import models
from simple_history.models import HistoricalRecords

from renda.core.models import VersionedModel


class SuggestionFund(VersionedModel):
    """代表建议专项资金: money a year's budget sets aside for small projects arising from deputies' suggestions."""

    year = models.PositiveSmallIntegerField("年度", db_index=True)
    name = models.CharField("名称", max_length=100)
    amount = models.DecimalField("资金总额（元）", max_digits=14, decimal_places=2)
    note = models.TextField("说明", blank=True)
    history = HistoricalRecords(
        excluded_fields=["version", "updated_at"], table_name="suggestions_historicalsuggestionfund"
    )

    class Meta:
        db_table = "suggestions_suggestionfund"
        verbose_name = verbose_name_plural = "代表建议专项资金"
        ordering = ["-year", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "name"],
                name="fund_unique_name",
                violation_error_message="同一年度已有同名的专项资金。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}年{self.name}"


class FundProject(VersionedModel):
    """A project paid from a suggestion fund to carry out one or more suggestions (代表意见建议项目)."""

    class Status(models.TextChoices):
        PLANNED = "planned", "已立项"  # approved, work not started
        IN_PROGRESS = "in_progress", "实施中"
        COMPLETED = "completed", "已完成"  # completed_on is set

    fund = models.ForeignKey(
        SuggestionFund, on_delete=models.PROTECT, related_name="projects", verbose_name="专项资金"
    )
    name = models.CharField("项目名称", max_length=200)
    suggestions = models.ManyToManyField(
        "suggestions.Suggestion",
        blank=True,
        related_name="fund_projects",
        verbose_name="相关建议",
        db_table="suggestions_fundproject_suggestions",
    )
    unit = models.ForeignKey(
        "org.HandlingUnit", on_delete=models.PROTECT, related_name="fund_projects", verbose_name="实施单位"
    )
    amount = models.DecimalField("安排资金（元）", max_digits=14, decimal_places=2)
    status = models.CharField(
        "状态", max_length=20, choices=Status.choices, default=Status.PLANNED, db_index=True
    )
    beneficiaries = models.PositiveIntegerField("惠及群众（人次）", default=0)
    completed_on = models.DateField("完成日期", null=True, blank=True)
    history = HistoricalRecords(
        excluded_fields=["version", "updated_at"], table_name="suggestions_historicalfundproject"
    )

    class Meta:
        db_table = "suggestions_fundproject"
        verbose_name = verbose_name_plural = "专项资金项目"
        ordering = ["fund", "pk"]

    def __str__(self) -> str:
        return self.name
