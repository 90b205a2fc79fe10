"""What every kind of case handed to a unit shares: its assignments, the unit's contacts and its replies.

A case is anything a standing committee hands to a government department to answer: a deputy's suggestion, a
citizen's opinion forwarded by a liaison station, a deliberation opinion, a budget alert. Each area keeps its
own case model and subclasses these abstract models with a foreign key to it (see kinds.CaseKind), so each
area has its own tables while the handling chain — assign → sign for / reassign → contact → reply — its
deadlines, its to-do list and its traffic lights are written once, here."""

from typing import Any, ClassVar

from django.conf import settings
from django.db import models

from renda.core.models import TimeStampedModel


class AssignmentRole(models.TextChoices):
    LEAD = "lead", "主办"
    JOINT = "joint", "会办"
    ASSISTING = "assisting", "协办"
    SPLIT = "split", "分办"


class AssignmentState(models.TextChoices):
    ASSIGNED = "assigned", "待签收"  # handed to the unit
    ACCEPTED = "accepted", "办理中"  # the unit signed for it
    REASSIGN_REQUESTED = "reassign_requested", "申请调整"  # the unit says it is the wrong unit
    WITHDRAWN = "withdrawn", "已调整"  # reassignment approved: this unit is out (final)
    OPINION_SENT = "opinion_sent", "已提交会办意见"  # a joint unit sent its view to the lead unit
    REPLIED = "replied", "已答复"  # lead or split unit sent its reply


# Lead and split units owe the reply; an assignment is open until it is replied, sent its opinion or withdrawn.
ANSWERING_ROLES = (AssignmentRole.LEAD, AssignmentRole.SPLIT)
OPEN_STATES = (AssignmentState.ASSIGNED, AssignmentState.ACCEPTED, AssignmentState.REASSIGN_REQUESTED)


class CaseAssignment(TimeStampedModel):
    """A case handed to one handling unit. Subclasses add the foreign key to their case, named by
    `case_field`, with related_name "assignments"."""

    case_field: ClassVar[str]

    unit = models.ForeignKey(
        "org.HandlingUnit",
        on_delete=models.PROTECT,
        related_name="%(app_label)s_assignments",
        verbose_name="承办单位",
    )
    role = models.CharField("承办方式", max_length=20, choices=AssignmentRole.choices)
    state = models.CharField(
        "状态",
        max_length=20,
        choices=AssignmentState.choices,
        default=AssignmentState.ASSIGNED,
        db_index=True,
    )
    assigned_on = models.DateField("交办日期")
    due = models.DateField("答复期限", db_index=True)
    reassign_deadline = models.DateField("申请调整截止日")
    contact_deadline = models.DateField("联系代表截止日", null=True, blank=True)
    opinion_due = models.DateField("会办意见期限", null=True, blank=True)
    reassign_reason = models.TextField("申请调整理由", blank=True)
    opinion = models.TextField("会办意见", blank=True)
    opinion_sent_at = models.DateTimeField("会办意见提交时间", null=True, blank=True)
    answered_late = models.BooleanField("有超期答复", default=False)
    # Copied from the case so that the units' statistics need no join: its year (fixed once filed).
    year = models.PositiveSmallIntegerField("年度")

    class Meta:
        abstract = True

    @property
    def case(self) -> Any:
        return getattr(self, self.case_field)

    @property
    def case_id(self) -> int:
        return getattr(self, f"{self.case_field}_id")

    @property
    def answers(self) -> bool:
        """Lead and split units send replies; joint and assisting units support the lead unit."""
        return self.role in ANSWERING_ROLES

    @property
    def deadline(self):
        """The date that matters to the unit: the joint opinion's for a 会办 unit, the reply's otherwise."""
        return self.opinion_due if self.role == AssignmentRole.JOINT and self.opinion_due else self.due


class CaseContact(TimeStampedModel):
    """A unit's contact with whoever raised the case (代表法 Art. 51: contact the deputy and hear them).
    Subclasses add `assignment`, a foreign key with related_name "contacts"."""

    class Stage(models.TextChoices):
        BEFORE = "before", "办前"
        DURING = "during", "办中"
        AFTER = "after", "办后"

    class Method(models.TextChoices):
        PHONE = "phone", "电话"
        MEETING = "meeting", "座谈"
        VISIT = "visit", "走访"
        ONSITE = "onsite", "现场察看"

    stage = models.CharField("阶段", max_length=10, choices=Stage.choices)
    method = models.CharField("方式", max_length=10, choices=Method.choices)
    date = models.DateField("日期")
    summary = models.TextField("情况摘要")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        abstract = True
        ordering = ["date", "pk"]


class CaseReply(TimeStampedModel):
    """答复 of a lead or split unit, one per round. Subclasses add `assignment`, a foreign key with
    related_name "replies", and what their area records of an answer (a result category, say)."""

    round = models.PositiveSmallIntegerField("轮次", default=1)
    text = models.TextField("答复内容")
    letter = models.FileField("答复函", upload_to="replies/%Y/", blank=True)
    signer = models.CharField("签发人", max_length=30)
    publishable = models.BooleanField("同意公开", default=False)
    sent_at = models.DateTimeField("答复时间")
    on_time = models.BooleanField("按期答复", default=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        abstract = True
        ordering = ["round", "pk"]


class DeputyContactView(models.Model):
    """One look at a deputy's contact details by a unit's officer handling a case of theirs (代表法 Art. 51:
    the unit contacts the deputy; 个人信息保护法: who viewed whose personal data, and when)."""

    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="查看人"
    )
    unit = models.ForeignKey(
        "org.HandlingUnit", on_delete=models.PROTECT, related_name="+", verbose_name="承办单位"
    )
    deputy = models.ForeignKey(
        "deputies.Deputy", on_delete=models.PROTECT, related_name="+", verbose_name="代表"
    )
    at = models.DateTimeField("查看时间", db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = "代表联系方式查看记录"
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.viewer} → {self.deputy}"
