"""Deputies, their constituencies, delegations and groups; liaison stations, reception days and duty activities."""

from django.db import models
from simple_history.models import HistoricalRecords

from renda.core.formats import cn_date
from renda.core.models import TimeStampedModel, VersionedModel
from renda.deputies.choices import (
    ETHNICITY_CHOICES,
    ActivityKind,
    Affiliation,
    DeputyStatus,
    Education,
    Gender,
    GroupKind,
    Level,
    ModelLevel,
    Sector,
    StationKind,
)


class Constituency(TimeStampedModel):
    """选区 / 选举单位."""

    term = models.ForeignKey(
        "org.Term", on_delete=models.PROTECT, related_name="constituencies", verbose_name="届次"
    )
    name = models.CharField("名称", max_length=80)
    township = models.ForeignKey(
        "org.Township",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="constituencies",
        verbose_name="乡镇（街道）",
    )
    seats = models.PositiveSmallIntegerField("应选名额", default=1)

    class Meta:
        verbose_name = verbose_name_plural = "选区"
        ordering = ["township__order", "name"]
        constraints = [models.UniqueConstraint(fields=["term", "name"], name="constituency_unique_name")]

    def __str__(self) -> str:
        return self.name


class LiaisonStation(VersionedModel):
    """代表联络站 / 联络室 / 代表之家 / 网上联络站."""

    name = models.CharField("名称", max_length=80, unique=True)
    kind = models.CharField("类型", max_length=20, choices=StationKind.choices, db_index=True)
    township = models.ForeignKey(
        "org.Township",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stations",
        verbose_name="乡镇（街道）",
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rooms",
        verbose_name="上级联络站",
    )
    address = models.CharField("地址", max_length=200, blank=True)
    opening_hours = models.CharField("开放时间", max_length=100, blank=True)
    contact_phone = models.CharField("联系电话", max_length=30, blank=True)
    is_model = models.BooleanField("示范站", default=False)
    model_level = models.CharField("示范等级", max_length=20, choices=ModelLevel.choices, blank=True)
    active = models.BooleanField("在用", default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "代表联络站"
        ordering = ["township__order", "kind", "name"]

    def __str__(self) -> str:
        return self.name


class Deputy(VersionedModel):
    """A deputy (人大代表). One record per person; `terms` lists the terms they served in."""

    name = models.CharField("姓名", max_length=30, db_index=True)
    name_initials = models.CharField("姓名拼音首字母", max_length=30, db_index=True, editable=False)
    name_pinyin = models.CharField("姓名全拼", max_length=120, db_index=True, editable=False)
    gender = models.CharField("性别", max_length=10, choices=Gender.choices)
    ethnicity = models.CharField("民族", max_length=10, choices=ETHNICITY_CHOICES, default="汉族")
    birth_date = models.DateField("出生日期", null=True, blank=True)
    affiliation = models.CharField(
        "政治面貌", max_length=20, choices=Affiliation.choices, default=Affiliation.MASSES
    )
    education = models.CharField("学历", max_length=20, choices=Education.choices, blank=True)
    occupation = models.CharField("工作单位及职务", max_length=120, blank=True)
    title = models.CharField("职称", max_length=50, blank=True)
    sector = models.CharField("界别（代表结构）", max_length=20, choices=Sector.choices, db_index=True)
    is_grassroots = models.BooleanField("基层代表", default=False, help_text="一线工人、农民和专业技术人员")
    level = models.CharField(
        "代表层级", max_length=20, choices=Level.choices, default=Level.COUNTY, db_index=True
    )
    terms = models.ManyToManyField("org.Term", related_name="deputies", verbose_name="任职届次")
    township = models.ForeignKey(
        "org.Township",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deputies",
        verbose_name="所在乡镇（街道）",
    )
    constituency = models.ForeignKey(
        Constituency,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deputies",
        verbose_name="选区",
    )
    station = models.ForeignKey(
        LiaisonStation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deputies",
        verbose_name="进驻联络站",
    )
    phone = models.CharField("手机号", max_length=20, blank=True)
    status = models.CharField(
        "状态", max_length=20, choices=DeputyStatus.choices, default=DeputyStatus.ACTIVE, db_index=True
    )
    status_date = models.DateField("状态变更日期", null=True, blank=True)
    status_reason = models.CharField("状态变更原因", max_length=200, blank=True)
    history = HistoricalRecords(excluded_fields=["name_initials", "name_pinyin", "version", "updated_at"])

    class Meta:
        verbose_name = verbose_name_plural = "代表"
        ordering = ["name_pinyin", "pk"]
        permissions = [
            ("view_deputy_phone", "可查看代表完整手机号"),
            ("import_deputies", "可批量导入代表"),
        ]
        indexes = [models.Index(fields=["township", "level", "status"], name="deputy_township_level_status")]

    def __str__(self) -> str:
        return self.name


class Delegation(TimeStampedModel):
    """代表团 at a congress session (usually one per township)."""

    term = models.ForeignKey(
        "org.Term", on_delete=models.PROTECT, related_name="delegations", verbose_name="届次"
    )
    name = models.CharField("名称", max_length=80)
    township = models.ForeignKey(
        "org.Township",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="delegations",
        verbose_name="乡镇（街道）",
    )
    leader = models.ForeignKey(
        Deputy, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="团长"
    )
    members = models.ManyToManyField(Deputy, related_name="delegations", blank=True, verbose_name="成员")

    class Meta:
        verbose_name = verbose_name_plural = "代表团"
        ordering = ["township__order", "name"]
        constraints = [models.UniqueConstraint(fields=["term", "name"], name="delegation_unique_name")]

    def __str__(self) -> str:
        return self.name


class DeputyGroup(TimeStampedModel):
    """代表小组: a standing group of deputies, by township or by field."""

    name = models.CharField("名称", max_length=80, unique=True)
    kind = models.CharField("类型", max_length=20, choices=GroupKind.choices, default=GroupKind.TOWNSHIP)
    township = models.ForeignKey(
        "org.Township",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deputy_groups",
        verbose_name="乡镇（街道）",
    )
    leader = models.ForeignKey(
        Deputy, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="组长"
    )
    members = models.ManyToManyField(Deputy, related_name="groups", blank=True, verbose_name="成员")

    class Meta:
        verbose_name = verbose_name_plural = "代表小组"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ReceptionDay(TimeStampedModel):
    """接待日: deputies on duty receive citizens at a station; announced in advance (rule reception_notice_days)."""

    station = models.ForeignKey(
        LiaisonStation, on_delete=models.PROTECT, related_name="reception_days", verbose_name="联络站"
    )
    date = models.DateField("接待日期", db_index=True)
    start_time = models.TimeField("开始时间")
    end_time = models.TimeField("结束时间")
    topic = models.CharField("接待主题", max_length=120, blank=True)
    deputies = models.ManyToManyField(Deputy, related_name="reception_days", verbose_name="接待代表")
    announced_at = models.DateTimeField("公告时间")
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="登记人"
    )

    class Meta:
        verbose_name = verbose_name_plural = "接待日"
        ordering = ["-date", "start_time"]

    def __str__(self) -> str:
        return f"{self.station} {cn_date(self.date)}"


class Activity(TimeStampedModel):
    """履职活动: a recorded duty activity of one or more deputies."""

    kind = models.CharField("活动类型", max_length=30, choices=ActivityKind.choices, db_index=True)
    title = models.CharField("活动名称", max_length=120)
    date = models.DateField("日期", db_index=True)
    place = models.CharField("地点", max_length=120, blank=True)
    summary = models.TextField("内容摘要", blank=True)
    deputies = models.ManyToManyField(Deputy, related_name="activities", verbose_name="参加代表")
    station = models.ForeignKey(
        LiaisonStation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name="联络站",
    )
    reception_day = models.OneToOneField(
        ReceptionDay,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activity",
        verbose_name="对应接待日",
    )
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="登记人"
    )

    class Meta:
        verbose_name = verbose_name_plural = "履职活动"
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return self.title
