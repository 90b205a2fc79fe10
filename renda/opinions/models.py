"""Citizens' opinions (群众意见): taken at a station or on a visit, sent in on the public page or imported from a
hotline sheet; triaged, answered on the spot, redirected, merged, raised into a deputy's suggestion or forwarded
to departments (renda.casework), told to the citizen and followed up (回访).

The citizen's name, phone and address are personal information (个人信息保护法): shown masked to everyone but
the keeper who took the opinion and the office (selectors.OpinionView), every unmasked view logged
(PersonalDataView), never published, and erased after the retention period (services.personal_data_purge)."""

import secrets

from django.conf import settings
from django.db import models

from renda.casework.models import CaseAssignment, CaseContact, CaseReply
from renda.core.facts import Tallied
from renda.core.models import TimeStampedModel, VersionedModel, WorkflowEvent


class Channel(models.TextChoices):
    RECEPTION = "reception", "接待日"
    VISIT = "visit", "走访"
    ONLINE = "online", "网上反映"
    HOTLINE = "hotline", "热线导入"


class State(models.TextChoices):
    RECEIVED = "received", "待处理"  # taken in; the station or the office triages it
    HANDLING = "handling", "转办中"  # forwarded to departments (casework)
    ANSWERED = "answered", "待告知"  # every department answered; the station tells the citizen
    INFORMED = "informed", "待回访"  # the citizen has the answer; asked whether it is resolved
    REHANDLING = "rehandling", "重新办理"  # not resolved: back to the departments once
    ESCALATED = "escalated", "转代表工作机构"  # still not resolved: the office takes it up
    CLOSED = "closed", "已办结"  # resolved (or answered on the spot, or closed by the office) (final)
    REDIRECTED = "redirected", "已引导"  # a court, arbitration or review matter: referred (final)
    MERGED = "merged", "已合并"  # the same matter as another opinion (final)
    RAISED = "raised", "已转为代表建议"  # taken up by a deputy as a suggestion (final here)


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASICALLY = "basically_satisfied", "基本满意"
    DISSATISFIED = "dissatisfied", "不满意"


class InformMethod(models.TextChoices):
    PHONE = "phone", "电话"
    SMS = "sms", "短信"
    VISIT = "visit", "上门"
    ONLINE = "online", "网上查询"


# The matters redirected rather than taken (RULES.md): seeded by migration 0002, which keeps its own copy.
DEFAULT_REDIRECT_REASONS = [
    (
        "涉诉事项",
        "属于人民法院审理或执行的事项，请依法向人民法院起诉、上诉或申请再审，人大代表不干预具体案件。",
    ),
    ("仲裁事项", "属于劳动人事争议或民商事仲裁的事项，请向劳动人事争议仲裁委员会或仲裁机构申请仲裁。"),
    ("行政复议事项", "对行政机关的具体行政行为不服，请依法向行政复议机关申请行政复议或提起行政诉讼。"),
]


class RedirectReason(models.Model):
    """Matters not taken as opinions but referred elsewhere (configurable), with the text the citizen gets."""

    label = models.CharField("类别", max_length=50, unique=True)
    referral = models.TextField("引导说明", help_text="告知群众的渠道说明，如：请向县人民法院提起诉讼。")
    order = models.PositiveIntegerField("排序", default=0)
    active = models.BooleanField("在用", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "引导类别"
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.label


CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read out over the phone


def new_tracking_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


# The columns a year's counts read: with them in a covering index those counts never read the table.
FACTS = [
    "id", "received_on", "channel", "township", "station", "category", "resolved", "satisfaction", "reply_due",
]  # fmt: skip


class Opinion(Tallied, VersionedModel):
    tracking_code = models.CharField(
        "查询码", max_length=8, unique=True, default=new_tracking_code, editable=False
    )
    channel = models.CharField("来源", max_length=20, choices=Channel.choices)
    state = models.CharField(
        "状态", max_length=20, choices=State.choices, default=State.RECEIVED, db_index=True
    )
    year = models.PositiveSmallIntegerField("年度", db_index=True)
    received_on = models.DateField("收到日期", db_index=True)
    title = models.CharField("事项", max_length=120)
    content = models.TextField("内容")
    category = models.ForeignKey(
        "suggestions.SuggestionCategory",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opinions",
        verbose_name="类别",
    )
    township = models.ForeignKey(
        "org.Township",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opinions",
        verbose_name="乡镇（街道）",
    )
    village = models.CharField("村（社区）", max_length=50, blank=True)
    station = models.ForeignKey(
        "deputies.LiaisonStation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opinions",
        verbose_name="联络站",
    )
    deputy = models.ForeignKey(
        "deputies.Deputy",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opinions",
        verbose_name="收集代表",
    )
    reception_day = models.ForeignKey(
        "deputies.ReceptionDay",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opinions",
        verbose_name="接待日",
    )
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="登记人",
    )
    # Personal information: masked, logged when shown, erased after the retention period.
    citizen_name = models.CharField("反映人", max_length=30, blank=True)
    citizen_phone = models.CharField("联系电话", max_length=20, blank=True)
    citizen_address = models.CharField("住址", max_length=100, blank=True)
    personal_data_erased_on = models.DateField("个人信息删除日期", null=True, blank=True)
    # A keyed hash of the address an online opinion came from: limits submissions, identifies nobody.
    client_hash = models.CharField("来源标识", max_length=16, blank=True, db_index=True, editable=False)
    # Triage
    is_complex = models.BooleanField("复杂事项", default=False)
    forward_due = models.DateField("转办期限", null=True, blank=True, db_index=True)
    reply_due = models.DateField("答复期限", null=True, blank=True, db_index=True)
    round = models.PositiveSmallIntegerField("办理轮次", default=1)
    answer = models.TextField("答复意见", blank=True, help_text="当场答复或办结时告知群众的内容")
    redirect_reason = models.ForeignKey(
        RedirectReason,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="引导类别",
    )
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged", verbose_name="合并至"
    )
    suggestion = models.ForeignKey(
        "suggestions.Suggestion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opinions",
        verbose_name="转为代表建议",
    )
    # Telling the citizen and asking them afterwards (回访)
    answered_on = models.DateField("部门答复日期", null=True, blank=True)
    informed_on = models.DateField("告知日期", null=True, blank=True)
    informed_how = models.CharField("告知方式", max_length=10, choices=InformMethod.choices, blank=True)
    resolved = models.BooleanField("已解决", null=True, blank=True)
    satisfaction = models.CharField("满意度", max_length=20, choices=Satisfaction.choices, blank=True)
    feedback_on = models.DateField("回访日期", null=True, blank=True)
    # Wrong last-four-digit tries on the public status page; at PHONE_TRIES the page stops accepting them.
    phone_tries = models.PositiveSmallIntegerField("电话核对错误次数", default=0, editable=False)
    closed_on = models.DateField("办结日期", null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = "群众意见"
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(fields=["station", "state", "received_on"], name="opinion_station_state"),
            models.Index(fields=["year", "township", "category"], name="opinion_year_place_topic"),
            # a year's counts (hot topics, the dashboard, the lists' figures) read only this index on PostgreSQL
            models.Index(
                fields=["year", "state"],
                include=[*FACTS],
                name="opinion_year_facts",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class OpinionPhoto(TimeStampedModel):
    opinion = models.ForeignKey(
        Opinion, on_delete=models.CASCADE, related_name="photos", verbose_name="群众意见"
    )
    file = models.FileField("照片", upload_to="opinions/%Y/")
    name = models.CharField("文件名", max_length=200)

    class Meta:
        verbose_name = verbose_name_plural = "意见照片"


class OpinionEvent(WorkflowEvent):
    opinion = models.ForeignKey(Opinion, on_delete=models.CASCADE, related_name="events")

    class Meta(WorkflowEvent.Meta):
        verbose_name = verbose_name_plural = "群众意见办理记录"


class OpinionAssignment(CaseAssignment):
    case_field = "citizen_opinion"  # not "opinion": that is a joint unit's view (CaseAssignment.opinion)

    citizen_opinion = models.ForeignKey(
        Opinion, on_delete=models.CASCADE, related_name="assignments", verbose_name="群众意见"
    )

    class Meta:
        verbose_name = verbose_name_plural = "群众意见转办"
        ordering = ["citizen_opinion", "role", "pk"]
        indexes = [models.Index(fields=["unit", "state", "due"], name="opinion_assignment_unit")]

    def __str__(self) -> str:
        return f"{self.citizen_opinion} → {self.unit}（{self.get_role_display()}）"


class OpinionContact(CaseContact):
    assignment = models.ForeignKey(
        OpinionAssignment, on_delete=models.CASCADE, related_name="contacts", verbose_name="转办"
    )

    class Meta(CaseContact.Meta):
        verbose_name = verbose_name_plural = "联系反映人记录"


class OpinionReply(CaseReply):
    assignment = models.ForeignKey(
        OpinionAssignment, on_delete=models.PROTECT, related_name="replies", verbose_name="转办"
    )

    class Meta(CaseReply.Meta):
        verbose_name = verbose_name_plural = "部门答复"
        constraints = [
            models.UniqueConstraint(fields=["assignment", "round"], name="opinion_reply_one_per_round")
        ]


class PersonalDataView(models.Model):
    """Who saw a citizen's unmasked personal information, and when (个人信息保护法: log who viewed them)."""

    opinion = models.ForeignKey(Opinion, on_delete=models.CASCADE, related_name="personal_data_views")
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    viewed_at = models.DateTimeField("查看时间", auto_now_add=True, db_index=True)
    where = models.CharField("查看位置", max_length=40)

    class Meta:
        verbose_name = verbose_name_plural = "个人信息查看记录"
        ordering = ["-viewed_at"]

    def __str__(self) -> str:
        return f"{self.viewer} {self.where} {self.viewed_at:%Y-%m-%d %H:%M}"


class OpinionTerm(models.Model):
    """An opinion's heaviest terms (suggestions.similarity.term_vector), by month: hot topics and rising terms
    are counted in the database from these rows."""

    opinion = models.ForeignKey(Opinion, on_delete=models.CASCADE, related_name="terms")
    month = models.DateField()  # the first day of the month it was received in
    station = models.ForeignKey(
        "deputies.LiaisonStation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    term = models.CharField(max_length=32)
    weight = models.FloatField()

    class Meta:
        indexes = [
            models.Index(fields=["month", "term"], name="opinion_term_month"),
            models.Index(fields=["station", "month", "term"], name="opinion_term_station_month"),
        ]

    def __str__(self) -> str:
        return self.term


OPINION_FACT_KEY = ("year", "grouping", "group")


class OpinionFact(models.Model):
    """The opinions' counts kept as they move (core.facts; the tally is in renda/opinions/facts.py): per year and
    group — a (state, channel) pair "closed|reception", a place ("t12": township 12, "s7": station 7 without a
    township, "-": neither), a month received "2026-03", a township or a category for hot topics."""

    year = models.IntegerField("年度")
    grouping = models.CharField("分组", max_length=16)
    group = models.CharField("分组值", max_length=64)
    collected = models.IntegerField("收集件数", default=0)
    received = models.IntegerField("接待走访件数", default=0)
    resolved = models.IntegerField("推动解决件数", default=0)
    forwarded = models.IntegerField("转办件数", default=0)
    satisfied = models.IntegerField("满意件数", default=0)
    rated = models.IntegerField("已评价件数", default=0)

    KEY = OPINION_FACT_KEY

    class Meta:
        verbose_name = verbose_name_plural = "群众意见统计数"
        constraints = [models.UniqueConstraint(fields=OPINION_FACT_KEY, name="opinion_fact_key")]

    def __str__(self) -> str:
        return f"{self.year} {self.grouping}={self.group}"
