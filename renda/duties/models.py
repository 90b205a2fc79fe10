"""Deputies' duty records (履职档案, 代表法 Art. 58): what a deputy reports themself (`DutyEntry`, with a proof
the office approves or rejects) and the deputies' reports to voters (`DutyReport`, 述职) with the voters'
ratings (评议): paper tallies the keeper enters and one-time ballots cast through a QR link (`Ballot`).

The rest of a deputy's year is not stored here: selectors.py assembles it from the suggestions, reception days,
activities and opinions already in the database."""

import secrets

from django.conf import settings
from django.db import models

from renda.core.models import VersionedModel, WorkflowEvent


class EntryKind(models.TextChoices):
    CONTACT_VOTERS = "contact_voters", "走访联系选民"
    PUBLICITY = "publicity", "宣传法律法规和政策"
    HIGHER_CONGRESS = "higher_congress", "参加上级人大组织的活动"
    PUBLIC_SERVICE = "public_service", "参与公益和社会服务"
    OTHER = "other", "其他履职"


class EntryState(models.TextChoices):
    SUBMITTED = "submitted", "待审核"  # the deputy reported it with a proof; the office checks it
    APPROVED = "approved", "已认定"  # accepted: counts in the record and the points (final)
    REJECTED = "rejected", "未认定"  # refused with a reason (final)
    WITHDRAWN = "withdrawn", "已撤回"  # taken back by the deputy before the office decided (final)


class DutyEntry(VersionedModel):
    """A duty the deputy reports themself (自报履职事项), with a proof file."""

    deputy = models.ForeignKey(
        "deputies.Deputy", on_delete=models.PROTECT, related_name="duty_entries", verbose_name="代表"
    )
    kind = models.CharField("类别", max_length=20, choices=EntryKind.choices)
    title = models.CharField("事项", max_length=120)
    date = models.DateField("日期")
    year = models.PositiveSmallIntegerField("年度", db_index=True)
    description = models.TextField("情况说明")
    proof = models.FileField("证明材料", upload_to="duties/%Y/")
    proof_name = models.CharField("证明材料文件名", max_length=200)
    state = models.CharField(
        "状态", max_length=20, choices=EntryState.choices, default=EntryState.SUBMITTED, db_index=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="审核人",
    )
    decided_at = models.DateTimeField("审核时间", null=True, blank=True)
    decision_note = models.TextField("审核意见", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="填报人",
    )

    class Meta:
        verbose_name = verbose_name_plural = "履职自报事项"
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["deputy", "year", "state"], name="duty_entry_deputy_year")]

    def __str__(self) -> str:
        return self.title


class DutyEntryEvent(WorkflowEvent):
    entry = models.ForeignKey(DutyEntry, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField("原状态", max_length=20, choices=EntryState.choices, blank=True)
    to_state = models.CharField("新状态", max_length=20, choices=EntryState.choices, blank=True)

    class Meta(WorkflowEvent.Meta):
        verbose_name = verbose_name_plural = "履职自报审核记录"


class ReportState(models.TextChoices):
    SCHEDULED = "scheduled", "已安排"  # date, place, station and deputies set; voters invited
    HELD = "held", "评议中"  # the deputies reported; the voters' ratings are collected
    CLOSED = "closed", "已结束"  # rating closed: the result stands (final)
    CANCELLED = "cancelled", "已取消"  # did not take place (final)


class VoterRating(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASICALLY_SATISFIED = "basically_satisfied", "基本满意"
    DISSATISFIED = "dissatisfied", "不满意"


class DutyReport(VersionedModel):
    """述职: deputies report to the voters at a station, and the voters present rate them (评议)."""

    title = models.CharField("名称", max_length=120)
    date = models.DateField("述职日期", db_index=True)
    place = models.CharField("地点", max_length=120)
    station = models.ForeignKey(
        "deputies.LiaisonStation",
        on_delete=models.PROTECT,
        related_name="duty_reports",
        verbose_name="联络站",
    )
    deputies = models.ManyToManyField("deputies.Deputy", related_name="duty_reports", verbose_name="述职代表")
    state = models.CharField(
        "状态", max_length=20, choices=ReportState.choices, default=ReportState.SCHEDULED, db_index=True
    )
    voters_present = models.PositiveIntegerField("到会选民人数", null=True, blank=True)
    report_text = models.TextField("述职报告", blank=True)
    # Paper ballots counted by the keeper (录入); ballots cast on site through the QR link are `Ballot` rows.
    paper_satisfied = models.PositiveIntegerField("满意（纸质票）", default=0)
    paper_basically_satisfied = models.PositiveIntegerField("基本满意（纸质票）", default=0)
    paper_dissatisfied = models.PositiveIntegerField("不满意（纸质票）", default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="登记人",
    )

    class Meta:
        verbose_name = verbose_name_plural = "代表述职"
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["station", "state", "date"], name="duty_report_station_state")]

    def __str__(self) -> str:
        return self.title


class DutyReportEvent(WorkflowEvent):
    report = models.ForeignKey(DutyReport, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField("原状态", max_length=20, choices=ReportState.choices, blank=True)
    to_state = models.CharField("新状态", max_length=20, choices=ReportState.choices, blank=True)

    class Meta(WorkflowEvent.Meta):
        verbose_name = verbose_name_plural = "代表述职记录"


def new_ballot_token() -> str:
    return secrets.token_urlsafe(16)


class Ballot(models.Model):
    """One voter's rating slip for a report, reached through a QR code: its token works once. It names nobody:
    the slip is handed out on site, not to a person the platform knows."""

    report = models.ForeignKey(
        DutyReport, on_delete=models.CASCADE, related_name="ballots", verbose_name="述职"
    )
    token = models.CharField("评议码", max_length=32, unique=True, default=new_ballot_token, editable=False)
    rating = models.CharField("评议", max_length=20, choices=VoterRating.choices, blank=True)
    issued_at = models.DateTimeField("生成时间")
    cast_at = models.DateTimeField("评议时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "现场评议票"
        ordering = ["pk"]
        indexes = [models.Index(fields=["report", "rating"], name="ballot_report_rating")]

    def __str__(self) -> str:
        return f"{self.report} #{self.pk}"
