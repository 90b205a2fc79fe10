"""基层立法联系点: drafts of laws and regulations sent down for comment (国家, 省, 市), the consultation the office
opens on them through the stations, the comments gathered (public page, deputies, stations, symposiums,
questionnaires), the consolidated opinions reported upward, and which of them the passed law adopted. States and
rules: docs/workflows/legislation.md.

- `Draft`: one draft law or regulation and its consultation; its texts are `DraftVersion`s;
- `DraftArticle`: one article of the draft across its versions — comments and opinions hang on it, so they stay
  on their article when a new version arrives; `ArticleText` is its text (number, chapter) in one version;
- `Comment` (立法意见), `Symposium` (座谈会), `ConsolidatedOpinion` (采纳建议, reported upward, then adopted or not);
- `OutreachWork`: the stations' trainings, legal publicity and mediations;
- `Liaison`: the 信息员, 联络员 and experts the office asks, each a record (phone kept private)."""

from django.conf import settings
from django.db import models
from django.db.models import TextChoices

from renda.core.models import TimeStampedModel, VersionedModel, WorkflowEvent


class DraftLevel(models.TextChoices):
    NATIONAL = "national", "全国人大常委会"
    PROVINCE = "province", "省人大常委会"
    CITY = "city", "市人大常委会"


class DraftState(models.TextChoices):
    RECEIVED = "received", "已收到"  # received from above; the consultation is not open yet
    CONSULTING = "consulting", "征求意见中"  # the consultation is open (its window opens_on…closes_on)
    SORTING = "sorting", "整理中"  # the window closed; the office sorts comments and writes the opinions
    REPORTED = "reported", "已报送"  # the report went to the upper congress (reported_on)
    CONCLUDED = (
        "concluded",
        "已反馈",
    )  # the law passed; which opinions it adopted is recorded, contributors told


class LiaisonRole(TextChoices):
    INFORMANT = "informant", "信息员"  # collects comments for a station or outreach room
    LIAISON = "liaison", "联络员"  # keeps a station's contact with the outreach office
    EXPERT = "expert", "专家"  # asked for a field of expertise (lawyers, scholars, practitioners)


class Liaison(VersionedModel):
    """A 信息员, 联络员 or expert of the legislative outreach (GLOSSARY `Liaison`); their phone is personal
    information: shown only to the office and to the keeper of their station, masked to everyone else."""

    name = models.CharField("姓名", max_length=50)
    role = models.CharField("身份", max_length=20, choices=LiaisonRole.choices, db_index=True)
    station = models.ForeignKey(
        "deputies.LiaisonStation", on_delete=models.PROTECT, null=True, blank=True, related_name="liaisons",
        verbose_name="所在联络站（室）",
    )  # fmt: skip
    expertise = models.CharField("专业领域", max_length=100, blank=True)
    organisation = models.CharField("工作单位", max_length=100, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)  # personal information: masked
    active = models.BooleanField("在册", default=True)
    note = models.TextField("备注", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "信息员、联络员和专家"
        ordering = ["role", "name", "pk"]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_role_display()}）"


class Draft(VersionedModel):
    """A draft law or regulation received for comment (法规草案征求意见稿) and its consultation."""

    title = models.CharField("草案名称", max_length=200)
    issuing_body = models.CharField("征求意见机关", max_length=100)
    level = models.CharField("层级", max_length=20, choices=DraftLevel.choices, db_index=True)
    received_on = models.DateField("收到日期")
    report_due = models.DateField("报送截止日期", help_text="向上级人大报送意见的期限")
    state = models.CharField(
        "状态", max_length=20, choices=DraftState.choices, default=DraftState.RECEIVED, db_index=True
    )
    opens_on = models.DateField("征求意见开始日期", null=True, blank=True)
    closes_on = models.DateField("征求意见截止日期", null=True, blank=True)
    internal_due = models.DateField(
        "内部截止日期", null=True, blank=True, help_text="联络站、代表报送意见的内部期限，可早于公开截止日期"
    )
    stations = models.ManyToManyField(
        "deputies.LiaisonStation", blank=True, related_name="drafts", verbose_name="征求意见的联络站（室）"
    )
    deputies = models.ManyToManyField(
        "deputies.Deputy", blank=True, related_name="drafts", verbose_name="征求意见的代表"
    )
    liaisons = models.ManyToManyField(
        Liaison, blank=True, related_name="drafts", verbose_name="征求意见的信息员、联络员和专家"
    )
    others = models.TextField(
        "其他征求对象", blank=True, help_text="部门等（信息员、联络员、专家从名册中选择）"
    )
    reported_on = models.DateField("报送日期", null=True, blank=True)
    passed_on = models.DateField("通过日期", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="登记人",
    )

    class Meta:
        verbose_name = verbose_name_plural = "法规草案"
        ordering = ["-received_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class DraftEvent(WorkflowEvent):
    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="events", verbose_name="草案")

    class Meta(WorkflowEvent.Meta):
        verbose_name = verbose_name_plural = "草案记录"


class DraftVersion(TimeStampedModel):
    """One text of the draft: the first received, a later one (二审稿), or the text as passed (`final`)."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="versions", verbose_name="草案")
    number = models.PositiveSmallIntegerField("版本号")
    label = models.CharField("版本名称", max_length=50, help_text="如：征求意见稿、二次审议稿、通过文本")
    final = models.BooleanField("通过文本", default=False)
    preamble = models.TextField("标题与目录", blank=True)
    text = models.TextField("全文")

    class Meta:
        verbose_name = verbose_name_plural = "草案版本"
        ordering = ["draft", "number"]
        constraints = [models.UniqueConstraint(fields=["draft", "number"], name="legislation_version_unique")]

    def __str__(self) -> str:
        return f"{self.draft}（{self.label}）"


class DraftArticle(models.Model):
    """One article of a draft across its versions (条): comments and opinions are on it, never on one text."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="articles", verbose_name="草案")

    class Meta:
        verbose_name = verbose_name_plural = "草案条文"
        ordering = ["pk"]

    def __str__(self) -> str:
        """Its number in the latest version that has it (versions are numbered in the order they are made)."""
        texts = list(self.texts.all())  # prefetched by the lists (selectors.comments_visible_to)
        return max(texts, key=lambda t: t.version_id).heading if texts else f"条文{self.pk}"


class ArticleChange(models.TextChoices):
    SAME = "same", "未修改"
    CHANGED = "changed", "修改"
    MOVED = "moved", "移动"
    NEW = "new", "新增"


class ArticleText(models.Model):
    """An article's text in one version, with how it changed from the previous version."""

    version = models.ForeignKey(
        DraftVersion, on_delete=models.CASCADE, related_name="texts", verbose_name="版本"
    )
    article = models.ForeignKey(
        DraftArticle, on_delete=models.CASCADE, related_name="texts", verbose_name="条文"
    )
    position = models.PositiveSmallIntegerField("顺序")
    number = models.PositiveSmallIntegerField("条号")
    chapter = models.CharField("章", max_length=100, blank=True)
    text = models.TextField("条文内容")
    change = models.CharField(
        "与上一版本相比", max_length=10, choices=ArticleChange.choices, default=ArticleChange.NEW
    )
    previous_number = models.PositiveSmallIntegerField("上一版本条号", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "条文内容"
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "article"], name="legislation_text_unique"),
        ]

    def __str__(self) -> str:
        return self.heading

    @property
    def heading(self) -> str:
        return f"第{self.number}条"


class Symposium(TimeStampedModel):
    """座谈会: a meeting a station held on the draft; its comments are entered with it."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="symposiums", verbose_name="草案")
    station = models.ForeignKey(
        "deputies.LiaisonStation", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="联络站（室）",
    )  # fmt: skip
    held_on = models.DateField("日期")
    place = models.CharField("地点", max_length=100)
    attendees = models.TextField("参加人员")
    attendee_count = models.PositiveSmallIntegerField("参加人数", default=0)
    minutes = models.TextField("会议纪要", blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="登记人",
    )

    class Meta:
        verbose_name = verbose_name_plural = "立法座谈会"
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.place}座谈会"


class Channel(models.TextChoices):
    PUBLIC = "public", "网上征求意见"  # the public page, no account
    DEPUTY = "deputy", "人大代表"
    STATION = "station", "联络站（信息员）"
    SYMPOSIUM = "symposium", "座谈会"
    QUESTIONNAIRE = "questionnaire", "问卷调查"
    DEPARTMENT = "department", "部门、专家"


class Adoption(models.TextChoices):
    PENDING = "pending", "待反馈"
    FULL = "full", "采纳"
    PARTLY = "partly", "部分采纳"
    NOT = "not", "未采纳"


class ConsolidatedOpinion(TimeStampedModel):
    """采纳建议: the office's opinion on an article (or the whole draft), written from the comments behind it,
    reported upward, then adopted by the passed law or not."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="opinions", verbose_name="草案")
    article = models.ForeignKey(
        DraftArticle,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opinions",
        verbose_name="条文",
    )
    text = models.TextField("修改意见")
    reason = models.TextField("理由", blank=True)
    adoption = models.CharField(
        "采纳情况", max_length=10, choices=Adoption.choices, default=Adoption.PENDING, db_index=True
    )
    adoption_note = models.CharField("采纳说明", max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "整理意见"
        ordering = ["draft", "pk"]

    def __str__(self) -> str:
        return self.text[:30]


class Comment(TimeStampedModel):
    """立法意见: one comment on the draft or on one of its articles, with its source."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="comments", verbose_name="草案")
    article = models.ForeignKey(
        DraftArticle,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name="条文",
    )  # none: on the whole draft
    version = models.ForeignKey(
        DraftVersion, on_delete=models.PROTECT, related_name="+", verbose_name="针对版本"
    )
    channel = models.CharField("来源", max_length=20, choices=Channel.choices, db_index=True)
    content = models.TextField("意见内容")
    author_name = models.CharField("提出人", max_length=50, blank=True)
    contact = models.CharField("联系方式", max_length=50, blank=True)  # personal information: never published
    deputy = models.ForeignKey(
        "deputies.Deputy", on_delete=models.PROTECT, null=True, blank=True, related_name="legislative_comments",
        verbose_name="代表",
    )  # fmt: skip
    station = models.ForeignKey(
        "deputies.LiaisonStation", on_delete=models.PROTECT, null=True, blank=True,
        related_name="legislative_comments", verbose_name="联络站（室）",
    )  # fmt: skip
    symposium = models.ForeignKey(
        Symposium,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name="座谈会",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name="登记人",
    )  # fmt: skip
    tracking_code = models.CharField(
        "查询码", max_length=8, unique=True, null=True, blank=True, editable=False
    )  # a public comment's: the contributor looks up whether it went into the report and was adopted
    client_hash = models.CharField(
        "来源标识", max_length=16, blank=True, db_index=True, editable=False
    )  # the public page's: a keyed hash of the address (core.human), to limit submissions
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name="合并到",
    )
    opinion = models.ForeignKey(
        ConsolidatedOpinion, on_delete=models.SET_NULL, null=True, blank=True, related_name="comments",
        verbose_name="归入意见",
    )  # fmt: skip

    class Meta:
        verbose_name = verbose_name_plural = "立法意见"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.content[:30]


class WorkKind(models.TextChoices):
    TRAINING = "training", "信息员、联络员培训"
    PUBLICITY = "publicity", "普法宣传"
    MEDIATION = "mediation", "参与矛盾纠纷调处"


class OutreachWork(TimeStampedModel):
    """A station's outreach work: a training of its 信息员/联络员, a legal publicity event, or disputes mediated."""

    station = models.ForeignKey(
        "deputies.LiaisonStation",
        on_delete=models.PROTECT,
        related_name="outreach_work",
        verbose_name="联络站（室）",
    )
    kind = models.CharField("类别", max_length=20, choices=WorkKind.choices, db_index=True)
    held_on = models.DateField("日期", db_index=True)
    title = models.CharField("名称", max_length=120)
    count = models.PositiveIntegerField("人数或件次", default=1, help_text="培训、宣传的参加人数；调处的件次")
    note = models.TextField("说明", blank=True)
    attendees = models.ManyToManyField(
        Liaison, blank=True, related_name="trainings", verbose_name="参加培训的信息员、联络员"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="登记人",
    )

    class Meta:
        verbose_name = verbose_name_plural = "联系点工作"
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return self.title
