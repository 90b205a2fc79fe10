"""The organisation: jurisdiction and townships, terms and sessions, the standing committee, its offices,
and the handling units that answer deputies' suggestions."""

from django.core.validators import RegexValidator
from django.db import models
from simple_history.models import HistoricalRecords

from renda.core.models import TimeStampedModel, VersionedModel

CN_DIGITS = "〇一二三四五六七八九"


def cn_number(value: int) -> str:
    """1 → 一, 10 → 十, 18 → 十八, 23 → 二十三 (enough for terms and sessions)."""
    if value < 10:
        return CN_DIGITS[value]
    tens, ones = divmod(value, 10)
    head = "" if tens == 1 else CN_DIGITS[tens]
    return f"{head}十{CN_DIGITS[ones] if ones else ''}"


class Jurisdiction(VersionedModel):
    """The county or district this deployment serves."""

    name = models.CharField("名称", max_length=50)
    code = models.CharField(
        "行政区划代码",
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^\d{6}$", "行政区划代码应为6位数字。")],
    )
    congress_name = models.CharField("人大名称", max_length=80, help_text="如：大方县人民代表大会")
    population = models.PositiveIntegerField("户籍人口", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "行政区"

    def __str__(self) -> str:
        return self.name


class Township(TimeStampedModel):
    class Kind(models.TextChoices):
        TOWN = "town", "镇"
        TOWNSHIP = "township", "乡"
        ETHNIC_TOWNSHIP = "ethnic_township", "民族乡"
        STREET = "street", "街道"

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.PROTECT, related_name="townships", verbose_name="行政区"
    )
    name = models.CharField("名称", max_length=50)
    kind = models.CharField("类型", max_length=20, choices=Kind.choices, default=Kind.TOWN)
    code = models.CharField("区划代码", max_length=12, blank=True)
    order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "乡镇（街道）"
        ordering = ["order", "name"]
        constraints = [models.UniqueConstraint(fields=["jurisdiction", "name"], name="township_unique_name")]

    def __str__(self) -> str:
        return self.name


class Term(TimeStampedModel):
    """届: a five-year term of the congress."""

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.PROTECT, related_name="terms", verbose_name="行政区"
    )
    number = models.PositiveSmallIntegerField("届次")
    start_date = models.DateField("起始日期")
    end_date = models.DateField("届满日期", null=True, blank=True)
    is_current = models.BooleanField("本届", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "届次"
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "number"], name="term_unique_number"),
            models.UniqueConstraint(
                fields=["jurisdiction"], condition=models.Q(is_current=True), name="term_one_current"
            ),
        ]

    def __str__(self) -> str:
        return f"第{cn_number(self.number)}届"


class CongressSession(TimeStampedModel):
    """人代会第N次会议: a plenary session within a term."""

    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="sessions", verbose_name="届次")
    number = models.PositiveSmallIntegerField("会次")
    start_date = models.DateField("开幕日期")
    end_date = models.DateField("闭幕日期", null=True, blank=True)
    place = models.CharField("地点", max_length=100, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "人代会会议"
        ordering = ["-term__number", "-number"]
        constraints = [models.UniqueConstraint(fields=["term", "number"], name="session_unique_number")]

    def __str__(self) -> str:
        return f"{self.term}人民代表大会第{cn_number(self.number)}次会议"

    @property
    def short_name(self) -> str:
        """十八届二次会议, as suggestion numbers use it."""
        return f"{cn_number(self.term.number)}届{cn_number(self.number)}次会议"


class CommitteeOffice(TimeStampedModel):
    """专门委员会 / 工作委员会 / 办公室 of the congress and its standing committee."""

    class Kind(models.TextChoices):
        SPECIAL = "special", "专门委员会"
        WORKING = "working", "工作委员会"
        GENERAL = "general", "办事机构"

    name = models.CharField("名称", max_length=80, unique=True)
    short_name = models.CharField("简称", max_length=20, blank=True)
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    handles_deputies_affairs = models.BooleanField(
        "负责代表工作", default=False, help_text="代表工委（选联工委）"
    )
    order = models.PositiveIntegerField("排序", default=0)
    active = models.BooleanField("在用", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "工作机构"
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class CommitteeMembership(TimeStampedModel):
    """A seat on the standing committee for a period of a term."""

    class Position(models.TextChoices):
        CHAIR = "chair", "主任"
        VICE_CHAIR = "vice_chair", "副主任"
        SECRETARY_GENERAL = "secretary_general", "秘书长"  # not at county level; kept for cities
        MEMBER = "member", "委员"

    term = models.ForeignKey(
        Term, on_delete=models.PROTECT, related_name="committee_memberships", verbose_name="届次"
    )
    deputy = models.ForeignKey(
        "deputies.Deputy", on_delete=models.PROTECT, related_name="committee_memberships", verbose_name="代表"
    )
    position = models.CharField("职务", max_length=20, choices=Position.choices)
    office = models.ForeignKey(
        CommitteeOffice,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name="所在机构",
    )
    start_date = models.DateField("任职日期")
    end_date = models.DateField("离任日期", null=True, blank=True)
    order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "常委会组成人员"
        ordering = ["order", "start_date"]

    def __str__(self) -> str:
        return f"{self.deputy} · {self.get_position_display()}"

    @property
    def is_chairperson(self) -> bool:
        """Member of the Council of Chairpersons (主任会议)."""
        return self.position in {self.Position.CHAIR, self.Position.VICE_CHAIR}


class CommitteeOfficeMembership(TimeStampedModel):
    """A seat on a special committee (专门委员会) for a period of a term. 【国】 地方组织法: the congress chooses a
    special committee's chairperson, vice-chairpersons and members from among its deputies; they need not sit on
    the standing committee. The members of a committee meeting (renda.meetings) are read from these rows."""

    class Position(models.TextChoices):
        CHAIR = "chair", "主任委员"
        VICE_CHAIR = "vice_chair", "副主任委员"
        MEMBER = "member", "委员"

    office = models.ForeignKey(
        CommitteeOffice,
        on_delete=models.PROTECT,
        related_name="office_memberships",
        verbose_name="专门委员会",
    )
    term = models.ForeignKey(
        Term, on_delete=models.PROTECT, related_name="office_memberships", verbose_name="届次"
    )
    deputy = models.ForeignKey(
        "deputies.Deputy", on_delete=models.PROTECT, related_name="office_memberships", verbose_name="代表"
    )
    position = models.CharField("职务", max_length=20, choices=Position.choices, default=Position.MEMBER)
    start_date = models.DateField("任职日期")
    end_date = models.DateField("离任日期", null=True, blank=True)
    order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "专门委员会组成人员"
        ordering = ["office__order", "order", "start_date"]
        indexes = [models.Index(fields=["office", "term", "start_date"], name="office_membership_seat")]

    def __str__(self) -> str:
        return f"{self.deputy} · {self.office.short_name or self.office.name}{self.get_position_display()}"


class HandlingUnit(VersionedModel):
    """承办单位: answers suggestions and carries out rectifications."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", "政府部门"
        COURT = "court", "法院"
        PROCURATORATE = "procuratorate", "检察院"
        SUPERVISORY = "supervisory", "监委"
        TOWNSHIP = "township", "乡镇/街道"
        OTHER = "other", "其他"

    name = models.CharField("名称", max_length=80, unique=True)
    short_name = models.CharField("简称", max_length=30, blank=True)
    kind = models.CharField("类型", max_length=20, choices=Kind.choices, default=Kind.GOVERNMENT)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="上级单位",
    )
    township = models.ForeignKey(
        Township, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="对应乡镇"
    )
    contact_person = models.CharField("联系人", max_length=30, blank=True)
    contact_phone = models.CharField("联系电话", max_length=30, blank=True)
    active = models.BooleanField("在用", default=True)
    order = models.PositiveIntegerField("排序", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "承办单位"
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name
