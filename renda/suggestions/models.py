"""Deputies' motions (议案) and suggestions (建议、批评和意见), from submission to evaluation.

The legal moves of a suggestion and of its assignments to handling units are declared in workflows.py; the
kernel's workflow mechanism (core.workflow) applies them under a row lock and writes a SuggestionEvent."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F
from django.db.models.functions import Coalesce

from renda.casework.models import (
    CaseAssignment,
    CaseContact,
    CaseReply,
)
from renda.core.facts import Tallied
from renda.core.models import TimeStampedModel, VersionedModel, WorkflowEvent


class Kind(models.TextChoices):
    SUGGESTION = "suggestion", "建议"
    MOTION = "motion", "议案"


class Timing(models.TextChoices):
    DURING_SESSION = "during_session", "大会期间"
    BETWEEN_SESSIONS = "between_sessions", "闭会期间"


class State(models.TextChoices):
    DRAFT = "draft", "草稿"  # the lead deputy writes and invites co-signers
    SUBMITTED = "submitted", "待审查"  # awaiting the deputies' affairs office's registration review
    PRESIDIUM_REVIEW = "presidium_review", "待主席团决定"  # a motion awaiting the presidium
    ON_AGENDA = "on_agenda", "列入大会议程"  # a motion the presidium put on the agenda (final here)
    NOT_ACCEPTED = "not_accepted", "不作为议案"  # a motion the presidium did not accept (final)
    RETURNED = "returned", "退回修改"  # back to the lead deputy with a reason
    REJECTED = "rejected", "不予立案"  # refused with a reason from the configurable list (final)
    MERGED = "merged", "已并案"  # handled as part of another case (final)
    ACCEPTED = "accepted", "已立案"  # numbered, awaiting assignment
    HANDLING = "handling", "办理中"  # assigned to handling units, reply due
    REPLIED = "replied", "待评价"  # the reply is sent; signers evaluate
    REHANDLING = "rehandling", "重新办理"  # a signer was dissatisfied: one more round
    COORDINATION = "coordination", "协调处理"  # still dissatisfied: the office convenes deputy and unit
    CLOSED = "closed", "已办结"  # evaluated, or the evaluation window passed (final)


# The legal moves of State and AssignmentState are declared in workflows.py.


class SuggestionCategory(models.Model):
    """Configurable category tree (e.g. 城乡建设 › 交通)."""

    name = models.CharField("名称", max_length=50)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name="上级"
    )
    order = models.PositiveIntegerField("排序", default=0)
    active = models.BooleanField("在用", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "建议分类"
        # The tree in reading order: each top category (by order, name) followed by its own subcategories.
        ordering = [
            Coalesce("parent__order", "order"),
            Coalesce("parent__name", "name"),
            F("parent").asc(nulls_first=True),
            "order",
            "name",
        ]

    def __str__(self) -> str:
        return f"{self.parent.name} › {self.name}" if self.parent is not None else self.name


class ResultCategory(models.Model):
    """办理结果分类 (configurable: A/B/C by default; NPC uses four)."""

    code = models.CharField("代码", max_length=4, unique=True)
    label = models.CharField("名称", max_length=50)
    counts_as_resolved = models.BooleanField("计入解决率", default=False)
    needs_follow_up = models.BooleanField(
        "需跟踪落实", default=False, help_text="正在解决或列入计划：须填写承诺事项和期限"
    )
    order = models.PositiveIntegerField("排序", default=0)
    active = models.BooleanField("在用", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "办理结果分类"
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return f"{self.code}类 {self.label}"


class RefusalReason(models.Model):
    """Configurable reasons for 不予立案 (RULES.md: personal matters, court cases, promotion, accusations)."""

    label = models.CharField("理由", max_length=80, unique=True)
    order = models.PositiveIntegerField("排序", default=0)
    active = models.BooleanField("在用", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "不予立案理由"
        ordering = ["order"]

    def __str__(self) -> str:
        return self.label


class AssignmentMeeting(TimeStampedModel):
    """交办会: many suggestions assigned at once, on one date."""

    name = models.CharField("名称", max_length=100)
    date = models.DateField("日期")

    class Meta:
        verbose_name = verbose_name_plural = "交办会"
        ordering = ["-date"]

    def __str__(self) -> str:
        return self.name


# What the statistics read of each suggestion (statistics.py), carried in the covering indexes below.
FACTS = [
    "id",
    "category",
    "township",
    "answered_late",
    "reply_due",
    "result_category",
    "lead_rating",
    "closed_at",
]


class Suggestion(Tallied, VersionedModel):
    kind = models.CharField("类型", max_length=20, choices=Kind.choices, default=Kind.SUGGESTION)
    title = models.CharField("标题", max_length=200)
    content = models.TextField("内容")
    category = models.ForeignKey(
        SuggestionCategory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="分类",
    )
    timing = models.CharField(
        "提出时间", max_length=20, choices=Timing.choices, default=Timing.BETWEEN_SESSIONS
    )
    congress_session = models.ForeignKey(
        "org.CongressSession",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="suggestions",
        verbose_name="人代会会议",
    )
    lead_deputy = models.ForeignKey(
        "deputies.Deputy", on_delete=models.PROTECT, related_name="led_suggestions", verbose_name="领衔代表"
    )
    # The lead deputy's township when the suggestion was filed: what the statistics group by (a deputy who
    # moves later does not move their past suggestions), kept here so that they need no join to the deputies.
    township = models.ForeignKey(
        "org.Township",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="领衔代表所在乡镇（街道）",
    )
    delegation = models.ForeignKey(
        "deputies.Delegation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="motions",
        verbose_name="提出代表团",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="录入人",
    )
    state = models.CharField("状态", max_length=20, choices=State.choices, default=State.DRAFT, db_index=True)
    year = models.PositiveSmallIntegerField("年度", db_index=True)
    serial = models.PositiveIntegerField("序号", null=True, blank=True)
    number = models.CharField("编号", max_length=40, blank=True, db_index=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    accepted_at = models.DateTimeField("立案时间", null=True, blank=True)
    assignment_due = models.DateField(
        "交办期限", null=True, blank=True, db_index=True, help_text="闭会期间建议收到后交办的期限"
    )
    is_complex = models.BooleanField(
        "涉及面广、处理难度大", default=False, help_text="答复期限为6个月（代表法第51条）"
    )
    return_reason = models.TextField("退回理由", blank=True)
    refusal_reason = models.ForeignKey(
        RefusalReason,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="不予立案理由",
    )
    refusal_note = models.TextField("不予立案说明", blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_cases",
        verbose_name="并入",
    )
    assigned_on = models.DateField("交办日期", null=True, blank=True)
    reply_due = models.DateField("答复期限", null=True, blank=True, db_index=True)
    round = models.PositiveSmallIntegerField("办理轮次", default=1)
    evaluation_due = models.DateField("评价期限", null=True, blank=True, db_index=True)
    is_overdue = models.BooleanField("已超期", default=False, db_index=True)
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)
    outcome = models.TextField("办结说明", blank=True)
    # What the statistics count (statistics.py), kept by the services that change it: the least favourable
    # final result of the answering units, whether any answer was late, the lead deputy's last rating.
    result_category = models.ForeignKey(
        ResultCategory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="办理结果",
    )
    answered_late = models.BooleanField("有超期答复", default=False)
    lead_rating = models.CharField("领衔代表评价", max_length=20, blank=True, help_text="Rating 的值")
    # Kept by reply_send: a unit agreed to publish one of its replies, so the public page shows the case (read
    # without looking through every case's replies).
    reply_published = models.BooleanField("已公开答复", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "议案建议"
        ordering = ["-year", "serial", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["number"], condition=~models.Q(number=""), name="suggestion_unique_number"
            ),
        ]
        indexes = [
            # the statistics of a year, a session or a date range read every fact they count from one of
            # these indexes alone (PostgreSQL; SQLite keeps plain indexes on the same keys)
            models.Index(
                fields=["year", "state"], include=["submitted_at", *FACTS], name="suggestion_year_facts"
            ),
            models.Index(
                fields=["congress_session", "state"],
                include=["submitted_at", *FACTS],
                name="suggestion_session_facts",
            ),
            models.Index(
                fields=["submitted_at"], include=["state", *FACTS], name="suggestion_submitted_facts"
            ),
            # the registry's default order (by number, newest year first): no sort of a year's rows per page
            models.Index(fields=["-year", "serial", "-id"], name="suggestion_number_order"),
            # the public page: the published cases in the same order
            models.Index(
                fields=["-year", "serial", "-id"],
                condition=models.Q(reply_published=True),
                name="suggestion_published_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()


class SuggestionEvent(WorkflowEvent):
    """One move (or noteworthy step) of a suggestion or of one of its assignments: the timeline."""

    suggestion = models.ForeignKey(
        Suggestion, on_delete=models.CASCADE, related_name="events", verbose_name="建议"
    )
    from_state = models.CharField("原状态", max_length=20, choices=State.choices, blank=True)
    to_state = models.CharField("新状态", max_length=20, choices=State.choices, blank=True)

    note_withheld = False  # not a column: selectors.suggestion_events sets it where it hides the note

    class Meta(WorkflowEvent.Meta):
        verbose_name = verbose_name_plural = "建议办理记录"


class Attachment(TimeStampedModel):
    suggestion = models.ForeignKey(
        Suggestion, on_delete=models.CASCADE, related_name="attachments", verbose_name="建议"
    )
    file = models.FileField("文件", upload_to="suggestions/%Y/")
    name = models.CharField("文件名", max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = "附件"


class Cosigner(TimeStampedModel):
    """附议代表: invited by the lead deputy, confirms online."""

    class Status(models.TextChoices):
        INVITED = "invited", "待确认"
        CONFIRMED = "confirmed", "已附议"
        DECLINED = "declined", "已谢绝"

    suggestion = models.ForeignKey(
        Suggestion, on_delete=models.CASCADE, related_name="cosigners", verbose_name="建议"
    )
    deputy = models.ForeignKey(
        "deputies.Deputy", on_delete=models.PROTECT, related_name="cosignings", verbose_name="代表"
    )
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.INVITED)
    responded_at = models.DateTimeField("确认时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "附议代表"
        constraints = [models.UniqueConstraint(fields=["suggestion", "deputy"], name="cosigner_unique")]


class PresidiumDecision(models.TextChoices):
    ON_AGENDA = "on_agenda", "列入大会议程"
    AS_SUGGESTION = "as_suggestion", "作为建议处理"
    NOT_ACCEPTED = "not_accepted", "不作为议案"


class Assignment(Tallied, CaseAssignment):
    case_field = "suggestion"

    suggestion = models.ForeignKey(
        Suggestion, on_delete=models.CASCADE, related_name="assignments", verbose_name="建议"
    )
    meeting = models.ForeignKey(
        AssignmentMeeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name="交办会",
    )
    # Kept for the statistics by reply_send and commitment_update_post: the unit's final result, a late answer.
    result_category = models.ForeignKey(
        ResultCategory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="最终办理结果",
    )
    # Copied from the suggestion so that the units' statistics need no join: the lead deputy's last rating
    # (kept by evaluation_submit and evaluations_expire).
    lead_rating = models.CharField("领衔代表评价", max_length=20, blank=True, help_text="Rating 的值")
    # The place of this (lead) unit among the three proposed when the office assigned the case
    # (similarity.recommend_units): 1–3, 0 when none of them was taken, null when no proposal was recorded.
    proposed_rank = models.PositiveSmallIntegerField("推荐名次", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "交办"
        ordering = ["suggestion", "role", "pk"]
        indexes = [
            models.Index(fields=["unit", "state", "due"], name="assignment_unit_state_due"),
            # the units' statistics of a year from this index alone (PostgreSQL)
            models.Index(
                fields=["year", "unit"],
                include=["role", "state", "due", "result_category", "answered_late", "lead_rating"],
                name="assignment_year_facts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.suggestion} → {self.unit}（{self.get_role_display()}）"


class ContactRecord(CaseContact):
    """A unit's contact with the deputy (代表法 Art. 51: contact the deputy and hear them)."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="contacts", verbose_name="交办"
    )

    class Meta(CaseContact.Meta):
        verbose_name = verbose_name_plural = "联系代表记录"


class Reply(CaseReply):
    """答复 of a lead or split unit, one per round."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.PROTECT, related_name="replies", verbose_name="交办"
    )
    result_category = models.ForeignKey(
        ResultCategory, on_delete=models.PROTECT, related_name="+", verbose_name="办理结果"
    )

    # what the 答复函 carries besides the text (blank on replies sent before the letter had them)
    document_number = models.CharField("文号", max_length=50, blank=True)
    contact_person = models.CharField("联系人", max_length=30, blank=True)
    contact_phone = models.CharField("联系电话", max_length=30, blank=True)
    copy_to = models.CharField("抄送", max_length=300, blank=True)

    class Meta(CaseReply.Meta):
        verbose_name = verbose_name_plural = "答复"
        constraints = [models.UniqueConstraint(fields=["assignment", "round"], name="reply_one_per_round")]

    @property
    def has_letter(self) -> bool:
        """An uploaded or generated letter is stored; a reply with a 文号 but no stored letter (replies
        recorded in bulk) has its letter generated on demand from its fields."""
        return bool(self.letter) or bool(self.document_number)


LETTER_PLACEHOLDERS = {
    "代表姓名": "领衔代表姓名",
    "附议代表": "已附议代表的姓名（以顿号分隔，后加“代表”；无附议代表时为空）",
    "建议编号": "建议编号（未编号时为加引号的标题）",
    "建议标题": "建议标题",
    "建议类别": "“建议”或“议案”",
    "承办单位": "答复的承办单位",
    "办理结果": "办理结果分类，如“A类（已解决或采纳）”",
    "答复日期": "答复日期，如2026年3月8日",
}


class ReplyLetterTemplate(VersionedModel):
    """答复函模板: one per deployment, edited by the deputies' affairs office. It holds every part of the
    letter the unit does not write — heading, salutation, opening, closing, signature and the default 抄送 —
    with {placeholders} (LETTER_PLACEHOLDERS); the unit writes only the body and the reply's own fields."""

    SINGLETON = 1

    heading = models.CharField("标题", max_length=200, default="关于{建议编号}{建议类别}的答复")
    salutation = models.CharField("称呼", max_length=100, default="{代表姓名}代表：")
    opening = models.CharField(
        "开头语", max_length=300, default="您提出的《{建议标题}》收悉。经认真研究，现答复如下："
    )
    closing = models.CharField(
        "结束语", max_length=300, default="感谢您对{承办单位}工作的关心和支持，欢迎继续提出宝贵意见和建议。"
    )
    signature = models.TextField(
        "落款", default="{承办单位}\n{答复日期}", help_text="每行一项，在答复函末尾右对齐"
    )
    copy_to = models.CharField(
        "默认抄送",
        max_length=300,
        default="{附议代表}，县人大常委会代表工作委员会，县人民政府督查室",
        help_text="承办单位答复时可修改",
    )

    class Meta:
        verbose_name = verbose_name_plural = "答复函模板"

    def __str__(self) -> str:
        return "答复函模板"

    @classmethod
    def current(cls) -> "ReplyLetterTemplate":
        """The deployment's template; the defaults (unsaved) until the office first edits it."""
        return cls.objects.filter(pk=cls.SINGLETON).first() or cls(pk=cls.SINGLETON)

    def clean(self) -> None:
        from renda.suggestions.letters import placeholder_errors

        errors = {
            name: message
            for name in ("heading", "salutation", "opening", "closing", "signature", "copy_to")
            if (message := placeholder_errors(getattr(self, name)))
        }
        if errors:
            raise ValidationError(errors)


class Commitment(TimeStampedModel):
    """承诺事项 of a 'being solved / planned' answer, followed up until solved."""

    class Status(models.TextChoices):
        OPEN = "open", "落实中"
        DONE = "done", "已落实"
        ROLLED_OVER = "rolled_over", "结转下年"

    reply = models.ForeignKey(
        Reply, on_delete=models.CASCADE, related_name="commitments", verbose_name="答复"
    )
    description = models.CharField("承诺事项", max_length=300)
    due = models.DateField("承诺期限", db_index=True)
    status = models.CharField(
        "状态", max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    year = models.PositiveSmallIntegerField("跟踪年度")

    class Meta:
        verbose_name = verbose_name_plural = "承诺事项"
        ordering = ["due"]


class CommitmentUpdate(TimeStampedModel):
    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="updates", verbose_name="承诺事项"
    )
    text = models.TextField("进展")
    solved = models.BooleanField("已解决", default=False)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = "承诺进展"
        ordering = ["created_at"]


class Rating(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASICALLY_SATISFIED = "basically_satisfied", "基本满意"
    DISSATISFIED = "dissatisfied", "不满意"
    NO_FEEDBACK = "no_feedback", "未反馈"  # window passed: left out of the satisfaction rate


class Evaluation(TimeStampedModel):
    suggestion = models.ForeignKey(
        Suggestion, on_delete=models.CASCADE, related_name="evaluations", verbose_name="建议"
    )
    deputy = models.ForeignKey(
        "deputies.Deputy", on_delete=models.PROTECT, related_name="evaluations", verbose_name="评价代表"
    )
    round = models.PositiveSmallIntegerField("轮次", default=1)
    rating = models.CharField("总体评价", max_length=20, choices=Rating.choices)
    attitude = models.CharField("办理态度", max_length=20, choices=Rating.choices, blank=True)
    result = models.CharField("办理结果", max_length=20, choices=Rating.choices, blank=True)
    comment = models.TextField("意见", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "代表评价"
        constraints = [
            models.UniqueConstraint(
                fields=["suggestion", "deputy", "round"], name="evaluation_once_per_round"
            )
        ]


class KeySupervision(TimeStampedModel):
    """重点督办 selected by the Council of Chairpersons (代表法 Art. 52)."""

    suggestion = models.OneToOneField(
        Suggestion, on_delete=models.CASCADE, related_name="key_supervision", verbose_name="建议"
    )
    decided_on = models.DateField("主任会议决定日期")
    decision = models.TextField("决定内容", blank=True)
    leader = models.ForeignKey(
        "org.CommitteeMembership", on_delete=models.PROTECT, related_name="+", verbose_name="领衔督办领导"
    )

    class Meta:
        verbose_name = verbose_name_plural = "重点督办"


class SupervisionNote(TimeStampedModel):
    class Kind(models.TextChoices):
        VISIT = "visit", "视察"
        MEETING = "meeting", "督办会"
        PROGRESS = "progress", "进展"

    supervision = models.ForeignKey(
        KeySupervision, on_delete=models.CASCADE, related_name="notes", verbose_name="重点督办"
    )
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    date = models.DateField("日期")
    text = models.TextField("内容")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = "督办记录"
        ordering = ["date", "pk"]


class NumberSequence(models.Model):
    """Last serial used per numbering scope (a congress session, or a year between sessions).
    Locked with SELECT … FOR UPDATE when a suggestion is accepted, so two clerks never share a number."""

    scope = models.CharField("范围", max_length=40, unique=True)
    last = models.PositiveIntegerField("最后序号", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "编号序列"

    def __str__(self) -> str:
        return f"{self.scope}: {self.last}"


class SuggestionTerm(models.Model):
    """One weighted term of a suggestion's TF-IDF vector (similarity.py): the index near-duplicate lookups and
    unit recommendations query, so no request reads other suggestions' texts. `year` is the suggestion's."""

    suggestion = models.ForeignKey(
        Suggestion,
        on_delete=models.CASCADE,
        related_name="terms",
        db_index=False,  # see suggestion_term_vector
    )
    year = models.PositiveSmallIntegerField()
    term = models.CharField(max_length=32)
    weight = models.FloatField()

    class Meta:
        verbose_name = verbose_name_plural = "建议特征词"
        indexes = [
            # candidates: the suggestions of some years that have a term
            models.Index(fields=["term", "year", "suggestion", "weight"], name="suggestion_term_lookup"),
            # scoring candidates: a suggestion's whole vector
            models.Index(fields=["suggestion", "term", "weight"], name="suggestion_term_vector"),
        ]

    def __str__(self) -> str:
        return f"{self.term} {self.weight:.3f}"


class SuggestionTermStat(models.Model):
    """In how many suggestions' vectors a term is, recounted daily (renda_tick): a lookup starts from the
    rarest terms of a suggestion, so a word thousands of suggestions share never makes it read the whole index."""

    term = models.CharField(max_length=32, primary_key=True)
    documents = models.PositiveIntegerField()

    class Meta:
        verbose_name = verbose_name_plural = "特征词文档频数"

    def __str__(self) -> str:
        return f"{self.term} {self.documents}"


class UnitKeyword(TimeStampedModel):
    """关键词 → 承办单位: an editable hint for recommending the lead unit, beside the deployment's history."""

    keyword = models.CharField("关键词", max_length=30)
    unit = models.ForeignKey(
        "org.HandlingUnit", on_delete=models.CASCADE, related_name="keywords", verbose_name="承办单位"
    )
    weight = models.PositiveSmallIntegerField(
        "权重",
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="1–10；10相当于一件完全相同的往年建议由该单位主办",
    )
    active = models.BooleanField("在用", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "承办单位关键词"
        ordering = ["keyword", "unit"]
        constraints = [models.UniqueConstraint(fields=["keyword", "unit"], name="unit_keyword_unique")]

    def __str__(self) -> str:
        return f"{self.keyword} → {self.unit}"


class HistoricalSuggestion(TimeStampedModel):
    """历史建议: a suggestion of the years before the platform, with the unit that led it, imported from the
    county's own lists so that the lead-unit proposals learn from them (similarity.recommend_units). Not a
    Suggestion: no statistics, list or figure counts it."""

    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("标题", max_length=200)
    content = models.TextField("内容", blank=True)
    unit_name = models.CharField("主办单位（原文）", max_length=100)
    unit = models.ForeignKey(
        "org.HandlingUnit",
        on_delete=models.CASCADE,
        related_name="historical_suggestions",
        verbose_name="主办单位",
    )
    source = models.CharField("来源文件", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "历史建议"
        ordering = ["-year", "pk"]

    def __str__(self) -> str:
        return f"{self.year}年 {self.title}"


class HistoricalSuggestionTerm(models.Model):
    """One weighted term of a historical suggestion's vector, as SuggestionTerm is for a suggestion."""

    historical = models.ForeignKey(
        HistoricalSuggestion, on_delete=models.CASCADE, related_name="terms", db_index=False
    )
    year = models.PositiveSmallIntegerField()
    term = models.CharField(max_length=32)
    weight = models.FloatField()

    class Meta:
        verbose_name = verbose_name_plural = "历史建议特征词"
        indexes = [
            models.Index(fields=["term", "year", "historical", "weight"], name="historical_term_lookup"),
            models.Index(fields=["historical", "term", "weight"], name="historical_term_vector"),
        ]

    def __str__(self) -> str:
        return f"{self.term} {self.weight:.3f}"


SUGGESTION_FACT_KEY = ("scope", "grouping", "group", "result")
ASSIGNMENT_FACT_KEY = ("year", "unit", "result")


class SuggestionFact(models.Model):
    """The suggestions' counts kept as they move (core.facts; the tally is in facts.py): per scope (a year,
    "year:2026", or a congress session, "session:7"), per group (a category or the lead deputy's township, 0
    for none) and per final result category (0 for none), how many filed suggestions are in each figure the
    statistics show."""

    KEY = SUGGESTION_FACT_KEY

    scope = models.CharField("范围", max_length=24)
    grouping = models.CharField("分组", max_length=16)
    group = models.IntegerField("分组值", default=0)
    result = models.IntegerField("办理结果分类", default=0)
    submitted = models.IntegerField("提出件数", default=0)
    registered = models.IntegerField("立案件数", default=0)
    rejected = models.IntegerField("不予立案件数", default=0)
    merged = models.IntegerField("并案件数", default=0)
    assigned = models.IntegerField("交办件数", default=0)
    replied = models.IntegerField("答复件数", default=0)
    replied_on_time = models.IntegerField("按期答复件数", default=0)
    satisfied = models.IntegerField("满意件数", default=0)
    basically_satisfied = models.IntegerField("基本满意件数", default=0)
    dissatisfied = models.IntegerField("不满意件数", default=0)
    no_feedback = models.IntegerField("未反馈件数", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "建议统计数"
        constraints = [models.UniqueConstraint(fields=SUGGESTION_FACT_KEY, name="suggestion_fact_key")]

    def __str__(self) -> str:
        return f"{self.scope} {self.grouping}={self.group} 结果={self.result}"


class AssignmentFact(models.Model):
    """The handling units' counts kept as assignments move (core.facts; the tally is in facts.py): per year,
    unit and the assignment's final result category (0 for none)."""

    KEY = ASSIGNMENT_FACT_KEY

    year = models.IntegerField("年度")
    unit = models.IntegerField("承办单位")
    result = models.IntegerField("办理结果分类", default=0)
    assigned = models.IntegerField("主办分办件数", default=0)
    supporting = models.IntegerField("会办协办件数", default=0)
    replied = models.IntegerField("答复件数", default=0)
    replied_on_time = models.IntegerField("按期答复件数", default=0)
    satisfied = models.IntegerField("满意件数", default=0)
    basically_satisfied = models.IntegerField("基本满意件数", default=0)
    dissatisfied = models.IntegerField("不满意件数", default=0)
    no_feedback = models.IntegerField("未反馈件数", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "承办统计数"
        constraints = [models.UniqueConstraint(fields=ASSIGNMENT_FACT_KEY, name="assignment_fact_key")]

    def __str__(self) -> str:
        return f"{self.year} 单位{self.unit} 结果={self.result}"
