"""Oversight as a closed loop (监督法, 2024). States and rules: docs/workflows/oversight.md.

- `OversightPlan`: the year's oversight plan (年度监督工作计划), adopted by the Council of Chairpersons and
  published (Art. 63); changes after adoption are recorded on its timeline;
- `OversightItem`: one item of the plan (a work report, a law inspection, an inquiry, a survey, a statutory
  yearly report …) and its closed loop: heard at a standing-committee meeting (papers, Art. 15) → problem list →
  deliberation opinions sent to the body → the body's rectification list and handling report → the members'
  satisfaction vote on the voting (failed: rectify and report again) → follow-up → every rectification closed;
- `Problem` (问题清单), `Rectification` (整改清单 with its 责任清单: the person answering for it, closed 销号),
  `SatisfactionVote` (满意度测评, one per round);
- `Interpellation` (质询案): filed by ≥3 members, answered at a meeting, answered again when most filers are
  dissatisfied (Art. 53)."""

from django.db import models

from renda.casework.models import CaseAssignment, CaseContact, CaseReply
from renda.core.models import TimeStampedModel, VersionedModel, WorkflowEvent


class PlanState(models.TextChoices):
    DRAFT = "draft", "编制中"  # the office drafts the year's items
    ADOPTED = "adopted", "主任会议通过"  # adopted by the Council of Chairpersons (recorded)
    PUBLISHED = "published", "已公布"  # published (Art. 63); changes are still recorded as such


class OversightPlan(VersionedModel):
    year = models.PositiveSmallIntegerField("年度", unique=True)
    title = models.CharField("名称", max_length=200)
    state = models.CharField(
        "状态", max_length=20, choices=PlanState.choices, default=PlanState.DRAFT, db_index=True
    )
    council_meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="oversight_plans",
        verbose_name="通过的主任会议",
    )
    adopted_on = models.DateField("通过日期", null=True, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "年度监督工作计划"
        ordering = ["-year"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/oversight/plans/{self.pk}/"


class PlanEvent(WorkflowEvent):
    plan = models.ForeignKey(
        OversightPlan, on_delete=models.CASCADE, related_name="events", verbose_name="计划"
    )

    class Meta(WorkflowEvent.Meta):
        verbose_name = verbose_name_plural = "监督计划记录"


class ItemKind(models.TextChoices):
    WORK_REPORT = "work_report", "专项工作报告"
    LAW_INSPECTION = "law_inspection", "执法检查"
    INQUIRY = "inquiry", "专题询问"
    SURVEY = "survey", "专题调研"
    VISIT = "visit", "视察"
    APPRAISAL = "appraisal", "工作评议"
    SATISFACTION = "satisfaction", "满意度测评"
    PLAN_EXECUTION = "plan_execution", "计划执行情况报告"
    BUDGET_EXECUTION = "budget_execution", "预算执行情况报告"
    FINAL_ACCOUNTS = "final_accounts", "决算报告"
    AUDIT = "audit", "审计工作报告及整改"
    STATE_ASSETS = "state_assets", "国有资产管理情况报告"
    GOVERNMENT_DEBT = "government_debt", "政府债务情况报告"


BUDGET_KINDS = (ItemKind.BUDGET_EXECUTION, ItemKind.FINAL_ACCOUNTS, ItemKind.AUDIT)
REPORT_KINDS = (  # heard as a work report: papers by 监督法 Art. 15
    ItemKind.WORK_REPORT,
    ItemKind.LAW_INSPECTION,
    ItemKind.SURVEY,
    ItemKind.VISIT,
    ItemKind.APPRAISAL,
    ItemKind.SATISFACTION,
    ItemKind.PLAN_EXECUTION,
    ItemKind.BUDGET_EXECUTION,
    ItemKind.FINAL_ACCOUNTS,
    ItemKind.AUDIT,
    ItemKind.STATE_ASSETS,
    ItemKind.GOVERNMENT_DEBT,
)


class ItemState(models.TextChoices):
    PLANNED = "planned", "已列入计划"  # in the year's plan, not yet on a meeting's agenda
    SCHEDULED = "scheduled", "已列入议程"  # on a standing-committee meeting's agenda, papers due (Art. 15)
    DELIBERATED = "deliberated", "已审议"  # heard; the problem list drawn up; opinions due (opinion_due)
    OPINIONS_SENT = "opinions_sent", "整改中"  # opinions sent to the body: rectification list, report due
    REPORTED = "reported", "已报告办理情况"  # the body's handling report is in (report_due)
    RATING = "rating", "满意度测评中"  # the members' secret satisfaction vote runs on renda/voting
    FAILED = "failed", "测评未通过"  # not passed: the body rectifies and reports again
    FOLLOW_UP = "follow_up", "跟踪监督"  # passed: follow-up (回头看) until every rectification is closed
    CLOSED = "closed", "已销号"  # every rectification closed (final)


class OversightItem(VersionedModel):
    plan = models.ForeignKey(
        OversightPlan, on_delete=models.PROTECT, related_name="items", verbose_name="计划"
    )
    kind = models.CharField("监督方式", max_length=20, choices=ItemKind.choices)
    title = models.CharField("监督事项", max_length=200)
    committee = models.ForeignKey(
        "org.CommitteeOffice",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="oversight_items",
        verbose_name="牵头委室",
    )
    body = models.ForeignKey(
        "org.HandlingUnit", on_delete=models.PROTECT, related_name="oversight_items", verbose_name="监督对象"
    )
    planned_month = models.PositiveSmallIntegerField("计划安排月份")
    members = models.ManyToManyField(
        "deputies.Deputy", blank=True, related_name="oversight_items", verbose_name="参加的组成人员"
    )
    invited_deputies = models.ManyToManyField(
        "deputies.Deputy", blank=True, related_name="oversight_invitations", verbose_name="邀请参加的代表"
    )
    added_after_adoption = models.BooleanField("计划调整增加", default=False)
    state = models.CharField(
        "状态", max_length=20, choices=ItemState.choices, default=ItemState.PLANNED, db_index=True
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="oversight_items",
        verbose_name="审议会议",
    )
    agenda_item = models.OneToOneField(
        "meetings.AgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="oversight_item",
        verbose_name="议程",
    )
    articles_checked = models.TextField("检查的法律条款", blank=True)  # law inspection (Arts. 31–37)
    places_visited = models.TextField("检查、视察、调研地点", blank=True)
    questionnaires = models.PositiveIntegerField("回收问卷", null=True, blank=True)
    findings = models.TextField("检查、调研发现", blank=True)
    heard_on = models.DateField("审议日期", null=True, blank=True)
    opinion = models.TextField("审议意见", blank=True)
    opinion_due = models.DateField("审议意见交办期限", null=True, blank=True, db_index=True)
    opinion_sent_on = models.DateField("审议意见交办日期", null=True, blank=True)
    opinion_late = models.BooleanField("审议意见逾期交办", default=False)
    report_due = models.DateField("办理情况报告期限", null=True, blank=True, db_index=True)
    audit_report_due = models.DateField("审计整改情况报告期限", null=True, blank=True)  # Art. 27
    handling_report = models.TextField("研究处理情况报告", blank=True)
    reported_on = models.DateField("报告日期", null=True, blank=True)
    report_late = models.BooleanField("办理情况逾期报告", default=False)
    rounds = models.PositiveSmallIntegerField("报告次数", default=0)
    result = models.CharField("测评结果", max_length=300, blank=True)
    follow_up = models.TextField("跟踪监督情况", blank=True)
    published_on = models.DateField("向代表通报并公开日期", null=True, blank=True)
    closed_on = models.DateField("销号日期", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "监督事项"
        ordering = ["plan", "planned_month", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/oversight/items/{self.pk}/"

    @property
    def year(self) -> int:  # the year its deliberation opinion's assignments count in (casework)
        return self.plan.year


class ItemEvent(WorkflowEvent):
    item = models.ForeignKey(
        OversightItem, on_delete=models.CASCADE, related_name="events", verbose_name="事项"
    )

    class Meta(WorkflowEvent.Meta):
        verbose_name = verbose_name_plural = "监督事项记录"


class DeliberationOpinionAssignment(CaseAssignment):
    """The deliberation opinion (审议意见) handed to the body overseen as a case (renda/casework): on its officers'
    to-do with the handling report's due date; its reply is the handling report (研究处理情况报告)."""

    case_field = "item"

    item = models.ForeignKey(
        OversightItem, on_delete=models.CASCADE, related_name="assignments", verbose_name="监督事项"
    )

    class Meta:
        verbose_name = verbose_name_plural = "审议意见交办"
        ordering = ["item", "role", "pk"]

    def __str__(self) -> str:
        return f"{self.item} → {self.unit}"


class DeliberationOpinionContact(CaseContact):
    assignment = models.ForeignKey(
        DeliberationOpinionAssignment, on_delete=models.CASCADE, related_name="contacts", verbose_name="交办"
    )

    class Meta(CaseContact.Meta):
        verbose_name = verbose_name_plural = "审议意见办理联系记录"


class DeliberationOpinionReply(CaseReply):
    """The body's handling report as its reply, one per round (a failed satisfaction vote opens the next)."""

    assignment = models.ForeignKey(
        DeliberationOpinionAssignment, on_delete=models.PROTECT, related_name="replies", verbose_name="交办"
    )

    class Meta(CaseReply.Meta):
        verbose_name = verbose_name_plural = "审议意见研究处理情况报告"
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "round"], name="deliberation_opinion_reply_one_per_round"
            )
        ]


class Problem(TimeStampedModel):
    """One line of the problem list (问题清单) drawn from the findings and the deliberation."""

    item = models.ForeignKey(
        OversightItem, on_delete=models.CASCADE, related_name="problems", verbose_name="事项"
    )
    order = models.PositiveSmallIntegerField("序号")
    text = models.TextField("问题")

    class Meta:
        verbose_name = verbose_name_plural = "问题清单"
        ordering = ["item", "order"]
        constraints = [
            models.UniqueConstraint(fields=["item", "order"], name="oversight_problem_unique_order")
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.text[:30]}"


class Finding(TimeStampedModel):
    """One row of a survey's, an inspection's or a visit's findings (调研发现): what was found, where or on what
    evidence, and what is suggested; it may be carried into the problem list (问题清单) as the item is heard."""

    item = models.ForeignKey(
        OversightItem, on_delete=models.CASCADE, related_name="finding_rows", verbose_name="事项"
    )
    order = models.PositiveSmallIntegerField("序号")
    text = models.TextField("发现的问题")
    evidence = models.CharField("地点或依据", max_length=300, blank=True)
    suggestion = models.TextField("建议", blank=True)
    problem = models.OneToOneField(
        Problem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="finding",
        verbose_name="列入问题清单",
    )

    class Meta:
        verbose_name = verbose_name_plural = "调研发现"
        ordering = ["item", "order"]
        constraints = [
            models.UniqueConstraint(fields=["item", "order"], name="oversight_finding_unique_order")
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.text[:30]}"


class Rating(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASICALLY_SATISFIED = "basically_satisfied", "基本满意"
    DISSATISFIED = "dissatisfied", "不满意"


class RaterKind(models.TextChoices):
    MEMBER = "member", "常委会组成人员"
    INVITED = "invited", "受邀代表"


class AppraisalRating(TimeStampedModel):
    """One rater's rating in a work appraisal (工作评议): a member of the standing committee or a deputy invited to
    the appraisal rates the body 满意, 基本满意 or 不满意; the result is counted in the database."""

    item = models.ForeignKey(
        OversightItem, on_delete=models.CASCADE, related_name="ratings", verbose_name="事项"
    )
    rater = models.ForeignKey(
        "deputies.Deputy", on_delete=models.PROTECT, related_name="appraisal_ratings", verbose_name="评议人"
    )
    rater_kind = models.CharField("评议人类别", max_length=20, choices=RaterKind.choices)
    rating = models.CharField("评议意见", max_length=20, choices=Rating.choices, db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = "工作评议测评"
        ordering = ["item", "rater_kind", "rater"]
        constraints = [
            models.UniqueConstraint(fields=["item", "rater"], name="oversight_rating_one_per_rater")
        ]

    def __str__(self) -> str:
        return f"{self.rater} {self.get_rating_display()}"


class InquiryQuestion(TimeStampedModel):
    """One question of a special inquiry (专题询问) or of the questioning during deliberation: who asked, who
    answered, and whether it was a follow-up question on the spot (现场追问)."""

    item = models.ForeignKey(
        OversightItem, on_delete=models.CASCADE, related_name="questions", verbose_name="事项"
    )
    order = models.PositiveSmallIntegerField("序号")
    asker = models.ForeignKey(
        "deputies.Deputy", on_delete=models.PROTECT, related_name="inquiry_questions", verbose_name="询问人"
    )
    question = models.TextField("询问")
    answerer = models.CharField("应询人", max_length=100)
    answer = models.TextField("答询", blank=True)
    follow_up = models.BooleanField("现场追问", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "询问和答询"
        ordering = ["item", "order"]
        constraints = [
            models.UniqueConstraint(fields=["item", "order"], name="oversight_question_unique_order")
        ]

    def __str__(self) -> str:
        return self.question[:40]


class RectificationState(models.TextChoices):
    OPEN = "open", "整改中"  # on the body's rectification list
    DONE = "done", "已整改"  # the body reports it done
    CLOSED = "closed", "已销号"  # the office closed it after follow-up (销号)


class Rectification(TimeStampedModel):
    """One line of the body's rectification list (整改清单) with the person answering for it (责任清单)."""

    item = models.ForeignKey(
        OversightItem, on_delete=models.CASCADE, related_name="rectifications", verbose_name="事项"
    )
    problem = models.ForeignKey(
        Problem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rectifications",
        verbose_name="问题",
    )
    measure = models.TextField("整改措施")
    responsible_person = models.CharField("责任人", max_length=50)
    due = models.DateField("完成时限", db_index=True)
    state = models.CharField(
        "状态",
        max_length=20,
        choices=RectificationState.choices,
        default=RectificationState.OPEN,
        db_index=True,
    )
    done_note = models.TextField("整改情况", blank=True)
    done_on = models.DateField("整改完成日期", null=True, blank=True)
    closed_on = models.DateField("销号日期", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "整改清单"
        ordering = ["item", "due", "pk"]

    def __str__(self) -> str:
        return self.measure[:40]


class SatisfactionVote(models.Model):
    """One round of the members' satisfaction vote (满意度测评) on a handling report: secret, on the voting;
    the counts copied here as the vote closes (numerators and the denominator of all members)."""

    item = models.ForeignKey(
        OversightItem, on_delete=models.CASCADE, related_name="satisfaction_votes", verbose_name="事项"
    )
    round = models.PositiveSmallIntegerField("轮次")
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.PROTECT, related_name="satisfaction_votes", verbose_name="会议"
    )
    vote = models.OneToOneField(
        "voting.VoteEvent", on_delete=models.PROTECT, related_name="satisfaction_vote", verbose_name="表决"
    )
    satisfied = models.PositiveIntegerField("满意", default=0)
    basically_satisfied = models.PositiveIntegerField("基本满意", default=0)
    dissatisfied = models.PositiveIntegerField("不满意", default=0)
    voted = models.PositiveIntegerField("投票人数", default=0)
    entitled = models.PositiveIntegerField("全体组成人员", default=0)
    passed = models.BooleanField("通过", null=True)

    class Meta:
        verbose_name = verbose_name_plural = "满意度测评"
        ordering = ["item", "round"]
        constraints = [models.UniqueConstraint(fields=["item", "round"], name="oversight_vote_unique_round")]

    def __str__(self) -> str:
        return f"{self.item} 第{self.round}次测评"


class InterpellationState(models.TextChoices):
    FILED = "filed", "已提出"  # filed by ≥3 members (Art. 53)
    SCHEDULED = "scheduled", "已交付答复"  # the Council of Chairpersons put it to the body, at a meeting
    ANSWERED = "answered", "已答复"  # the body answered at the meeting; the filers say whether satisfied
    REANSWER = "reanswer", "再次答复"  # a majority of the filers dissatisfied: the body answers again
    CLOSED = "closed", "已办结"  # the filers' majority is not dissatisfied (final)


class Interpellation(VersionedModel):
    """质询案: filed jointly by at least three members against a body; answered at a meeting."""

    title = models.CharField("案由", max_length=200)
    content = models.TextField("质询的问题和内容")
    body = models.ForeignKey(
        "org.HandlingUnit", on_delete=models.PROTECT, related_name="interpellations", verbose_name="质询对象"
    )
    filers = models.ManyToManyField("deputies.Deputy", related_name="interpellations", verbose_name="提案人")
    filed_on = models.DateField("提出日期")
    state = models.CharField(
        "状态",
        max_length=20,
        choices=InterpellationState.choices,
        default=InterpellationState.FILED,
        db_index=True,
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interpellations",
        verbose_name="答复会议",
    )
    answer = models.TextField("答复", blank=True)
    answer_rounds = models.PositiveSmallIntegerField("答复次数", default=0)
    dissatisfied = models.PositiveSmallIntegerField("不满意的提案人", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "质询案"
        ordering = ["-filed_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/oversight/interpellations/{self.pk}/"


class InterpellationEvent(WorkflowEvent):
    interpellation = models.ForeignKey(
        Interpellation, on_delete=models.CASCADE, related_name="events", verbose_name="质询案"
    )

    class Meta(WorkflowEvent.Meta):
        verbose_name = verbose_name_plural = "质询案记录"


class FilingState(models.TextChoices):
    FILED = "filed", "已备案"  # filed with the standing committee (filing_due: late filings flagged)
    REVIEWING = "reviewing", "审查中"  # reviewed actively or on a citizen's request
    LAWFUL = "lawful", "合法"  # no problem found (final)
    CORRECTION = "correction", "要求纠正"  # the issuer is asked to correct it
    CORRECTED = "corrected", "已纠正"  # the issuer corrected it (final)
    REVOKED = "revoked", "已撤销"  # revoked by the standing committee (final)


class FilingDocument(VersionedModel):
    """规范性文件备案审查: a normative document of the government or a township, filed after publication."""

    title = models.CharField("文件名称", max_length=200)
    number = models.CharField("文号", max_length=60)
    issuer = models.ForeignKey(
        "org.HandlingUnit", on_delete=models.PROTECT, related_name="filings", verbose_name="制定机关"
    )
    published_on = models.DateField("公布日期")
    filed_on = models.DateField("报备日期")
    filing_due = models.DateField("报备期限")
    filed_late = models.BooleanField("逾期报备", default=False, db_index=True)
    state = models.CharField(
        "状态", max_length=20, choices=FilingState.choices, default=FilingState.FILED, db_index=True
    )
    requested_by = models.CharField("审查建议人", max_length=100, blank=True)  # blank: reviewed actively
    review_note = models.TextField("审查意见", blank=True)
    reviewed_on = models.DateField("审查日期", null=True, blank=True)
    correction_note = models.TextField("纠正情况", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "规范性文件备案审查"
        ordering = ["-filed_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/oversight/filings/{self.pk}/"


class FilingEvent(WorkflowEvent):
    document = models.ForeignKey(
        FilingDocument, on_delete=models.CASCADE, related_name="events", verbose_name="规范性文件"
    )

    class Meta(WorkflowEvent.Meta):
        verbose_name = verbose_name_plural = "备案审查记录"
