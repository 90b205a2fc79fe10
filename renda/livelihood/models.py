"""民生实事项目代表票决制: the year's livelihood projects, chosen by the deputies' competitive ballot (差额票决) at a
congress session and watched to completion. States and rules: docs/workflows/livelihood.md.

- `ProjectProposal`: a proposal from a citizen, a deputy or a department, screened by the government;
- `ProjectBallot`: the year's candidate list (M candidates for N projects) and its ballot on the meetings' voting;
- `LivelihoodProject`: a candidate on the list, then (adopted) a project with its plan, milestones, monthly
  progress reports, and the deputies' year-end evaluation (`ProjectEvaluation`, a secret vote)."""

from django.conf import settings
from django.db import models

from renda.casework.models import CaseAssignment, CaseContact, CaseReply
from renda.core.models import TimeStampedModel, VersionedModel, WorkflowEvent


class ProposalState(models.TextChoices):
    SUBMITTED = "submitted", "待筛选"  # received, the government has not screened it yet
    CANDIDATE = "candidate", "列为候选项目"  # accepted: it became a candidate on the year's list
    MERGED = "merged", "已合并"  # merged into another proposal (merged_into)
    DECLINED = "declined", "不予采纳"  # declined, with the reason the proposer reads
    DEFERRED = "deferred", "留待以后年度"  # kept for a later year


class ProposalSource(models.TextChoices):
    CITIZEN = "citizen", "群众"
    DEPUTY = "deputy", "人大代表"
    DEPARTMENT = "department", "政府部门"


class ProjectProposal(VersionedModel):
    """A proposed livelihood project (征集民生实事项目), seen by whoever proposed it (the deputy, the department, or
    a citizen with the tracking code)."""

    year = models.PositiveSmallIntegerField("年度", db_index=True)
    source = models.CharField("来源", max_length=20, choices=ProposalSource.choices)
    title = models.CharField("项目名称", max_length=200)
    content = models.TextField("项目内容")
    place = models.CharField("实施地点", max_length=200, blank=True)
    beneficiaries = models.CharField("受益群众", max_length=200, blank=True)
    estimated_cost = models.DecimalField(
        "估算投资（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    unit = models.ForeignKey(
        "org.HandlingUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="livelihood_proposals",
        verbose_name="建议责任单位",
    )
    proposer_name = models.CharField("提出人", max_length=100)
    proposer_phone = models.CharField("联系电话", max_length=30, blank=True)  # personal information: masked
    deputy = models.ForeignKey(
        "deputies.Deputy",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="livelihood_proposals",
        verbose_name="提出代表",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="登记人",
    )
    tracking_code = models.CharField("查询码", max_length=12, unique=True)
    client_hash = models.CharField(
        "来源标识", max_length=16, blank=True, db_index=True, editable=False
    )  # the public page's submissions: a keyed hash of the address (core.human), to limit them
    state = models.CharField(
        "状态", max_length=20, choices=ProposalState.choices, default=ProposalState.SUBMITTED, db_index=True
    )
    reply = models.TextField("筛选意见", blank=True)  # the reason read by the proposer
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged", verbose_name="合并到"
    )
    project = models.ForeignKey(
        "LivelihoodProject",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name="候选项目",
    )

    class Meta:
        verbose_name = verbose_name_plural = "民生实事项目建议"
        ordering = ["-year", "-pk"]

    def __str__(self) -> str:
        return self.title


class ProposalEvent(WorkflowEvent):
    proposal = models.ForeignKey(
        ProjectProposal, on_delete=models.CASCADE, related_name="events", verbose_name="项目建议"
    )

    class Meta(WorkflowEvent.Meta):
        verbose_name = verbose_name_plural = "项目建议记录"


class BallotState(models.TextChoices):
    DRAFT = "draft", "编制中"  # the government's candidate list is being drawn up
    SUBMITTED = "submitted", "已提交代表"  # papers sent to the deputies before the session
    VOTING = "voting", "票决中"  # the vote at the congress session is created (and open)
    DECIDED = "decided", "已票决"  # the vote closed: projects adopted in order of votes
    PUBLISHED = "published", "已公布"  # the result published on the public page


class ProjectBallot(VersionedModel):
    """The year's candidate list and its competitive ballot (差额票决): `seats` (N) of `candidates_count` (M)."""

    year = models.PositiveSmallIntegerField("年度", unique=True)
    title = models.CharField("名称", max_length=200)
    seats = models.PositiveSmallIntegerField("票决产生项目数（N）")
    candidates_count = models.PositiveSmallIntegerField("候选项目数（M）")
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="livelihood_ballots",
        verbose_name="票决会议",
    )
    item = models.OneToOneField(
        "meetings.AgendaItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="livelihood_ballot",
        verbose_name="议程",
    )
    vote = models.OneToOneField(
        "voting.VoteEvent",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="livelihood_ballot",
        verbose_name="表决",
    )
    submitted_on = models.DateField("送达代表日期", null=True, blank=True)
    papers_late = models.BooleanField("材料晚于规定时间送达", default=False)
    result = models.TextField("票决结果", blank=True)  # 应到X人，实到X人，…XX项目得票X票，当选
    state = models.CharField(
        "状态", max_length=20, choices=BallotState.choices, default=BallotState.DRAFT, db_index=True
    )
    published_at = models.DateTimeField("公布时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "民生实事项目票决"
        ordering = ["-year"]

    def __str__(self) -> str:
        return self.title


class BallotEvent(WorkflowEvent):
    ballot = models.ForeignKey(
        ProjectBallot, on_delete=models.CASCADE, related_name="events", verbose_name="票决"
    )

    class Meta(WorkflowEvent.Meta):
        verbose_name = verbose_name_plural = "票决记录"


class ProjectState(models.TextChoices):
    CANDIDATE = "candidate", "候选项目"  # on the candidate list, before the ballot
    ADOPTED = "adopted", "实施中"  # adopted by the ballot (or carried over): being carried out
    NOT_ADOPTED = "not_adopted", "未当选"  # not adopted by the ballot (final)
    COMPLETED = "completed", "已完成"  # the unit reported completion (completed_on)


class Rating(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASICALLY = "basically_satisfied", "基本满意"
    DISSATISFIED = "dissatisfied", "不满意"


class LivelihoodProject(VersionedModel):
    """A livelihood project (民生实事项目): a candidate on the year's list, adopted or not by the ballot, then carried
    out by its unit."""

    year = models.PositiveSmallIntegerField("年度", db_index=True)
    ballot = models.ForeignKey(
        ProjectBallot,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name="票决",
    )  # none for a project carried over from the year before
    order = models.PositiveSmallIntegerField("候选序号", default=0)
    name = models.CharField("项目名称", max_length=200)
    content = models.TextField("建设内容", blank=True)
    place = models.CharField("实施地点", max_length=200, blank=True)
    cost = models.DecimalField("计划投资（元）", max_digits=14, decimal_places=2)
    funding_source = models.CharField("资金来源", max_length=200)
    unit = models.ForeignKey(
        "org.HandlingUnit",
        on_delete=models.PROTECT,
        related_name="livelihood_projects",
        verbose_name="责任单位",
    )
    responsible_person = models.CharField("责任人", max_length=50, blank=True)
    planned_completion = models.DateField("计划完成日期")
    state = models.CharField(
        "状态", max_length=20, choices=ProjectState.choices, default=ProjectState.CANDIDATE, db_index=True
    )
    votes = models.PositiveIntegerField("得票", null=True, blank=True)
    rank = models.PositiveSmallIntegerField("票决名次", null=True, blank=True)
    percent = models.PositiveSmallIntegerField("完成进度（%）", default=0)
    spent = models.DecimalField("已完成投资（元）", max_digits=14, decimal_places=2, default=0)
    lagging = models.BooleanField("进度滞后", default=False, db_index=True)
    completed_on = models.DateField("完成日期", null=True, blank=True)
    rating = models.CharField("年终测评", max_length=20, choices=Rating.choices, blank=True)
    carried_from = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="carried_to",
        verbose_name="上年结转自",
    )
    inquiry_item = models.ForeignKey(
        "meetings.AgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="livelihood_projects",
        verbose_name="专题询问议程",
    )
    oversight_inquiry = models.ForeignKey(
        "oversight.OversightItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="livelihood_inquiry_projects",
        verbose_name="专题询问监督事项",
    )  # the inquiry (专题询问) on this lagging project, an item of the year's oversight plan
    oversight_follow_up = models.ForeignKey(
        "oversight.OversightItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="livelihood_follow_up_projects",
        verbose_name="下年度跟踪监督事项",
    )  # rated 不满意: the follow-up (回头看) item of next year's oversight plan
    followers = models.ManyToManyField(
        "deputies.Deputy", blank=True, related_name="followed_livelihood_projects", verbose_name="跟踪代表"
    )

    class Meta:
        verbose_name = verbose_name_plural = "民生实事项目"
        ordering = ["-year", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["ballot", "order"], name="livelihood_project_unique_order"),
        ]

    def __str__(self) -> str:
        return self.name


class ProjectEvent(WorkflowEvent):
    project = models.ForeignKey(
        LivelihoodProject, on_delete=models.CASCADE, related_name="events", verbose_name="项目"
    )

    class Meta(WorkflowEvent.Meta):
        verbose_name = verbose_name_plural = "项目记录"


class Milestone(models.Model):
    """A step of an adopted project's plan, with its date; done when the unit reports it."""

    project = models.ForeignKey(
        LivelihoodProject, on_delete=models.CASCADE, related_name="milestones", verbose_name="项目"
    )
    title = models.CharField("节点", max_length=200)
    due = models.DateField("计划完成日期", db_index=True)
    percent = models.PositiveSmallIntegerField("应达进度（%）")
    done_on = models.DateField("实际完成日期", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "项目节点"
        ordering = ["project", "due", "pk"]

    def __str__(self) -> str:
        return self.title


class ProgressReport(TimeStampedModel):
    """The unit's monthly progress report (one per project and month)."""

    project = models.ForeignKey(
        LivelihoodProject, on_delete=models.CASCADE, related_name="reports", verbose_name="项目"
    )
    month = models.DateField("月份")  # the first of the month reported on
    percent = models.PositiveSmallIntegerField("完成进度（%）")
    spent = models.DecimalField("累计完成投资（元）", max_digits=14, decimal_places=2)
    problems = models.TextField("存在问题", blank=True)
    photo = models.FileField("现场照片", upload_to="livelihood/photos/%Y/", blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="报送人",
    )

    class Meta:
        verbose_name = verbose_name_plural = "项目进度报告"
        ordering = ["project", "-month"]
        constraints = [
            models.UniqueConstraint(fields=["project", "month"], name="livelihood_report_unique_month"),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.month:%Y-%m}"


class ProjectEvaluation(models.Model):
    """The deputies' year-end evaluation of one project (满意/基本满意/不满意), a secret vote on the voting; its
    counts are copied here when the vote closes (numerators and denominator, never a percentage)."""

    project = models.OneToOneField(
        LivelihoodProject, on_delete=models.CASCADE, related_name="evaluation", verbose_name="项目"
    )
    vote = models.OneToOneField(
        "voting.VoteEvent",
        on_delete=models.PROTECT,
        related_name="livelihood_evaluation",
        verbose_name="表决",
    )
    satisfied = models.PositiveIntegerField("满意", default=0)
    basically_satisfied = models.PositiveIntegerField("基本满意", default=0)
    dissatisfied = models.PositiveIntegerField("不满意", default=0)
    voted = models.PositiveIntegerField("投票人数", default=0)
    settled = models.BooleanField("已计结果", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "项目测评"

    def __str__(self) -> str:
        return f"{self.project}测评"


class Inspection(TimeStampedModel):
    """代表视察: deputies visit a project's site; what they find wrong becomes findings the unit must answer."""

    project = models.ForeignKey(
        LivelihoodProject, on_delete=models.CASCADE, related_name="inspections", verbose_name="项目"
    )
    date = models.DateField("视察日期", db_index=True)
    place = models.CharField("视察地点", max_length=200)
    deputies = models.ManyToManyField(
        "deputies.Deputy", related_name="livelihood_inspections", verbose_name="参加视察的代表"
    )
    summary = models.TextField("视察情况")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="登记人"
    )

    class Meta:
        verbose_name = verbose_name_plural = "代表视察"
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.project.name} · {self.date}"


class FindingState(models.TextChoices):
    OPEN = "open", "待交办"  # found at the inspection, not yet sent to the unit
    HANDLING = "handling", "办理中"  # sent to the project's unit (casework), its answer awaited
    ANSWERED = "answered", "已答复"  # the unit answered; the office reviews
    CLOSED = "closed", "已办结"  # the office closed it (final)


class Finding(VersionedModel):
    """A problem found at an inspection (视察发现的问题), handled by the project's unit as casework."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="findings", verbose_name="视察"
    )
    text = models.TextField("发现的问题")
    state = models.CharField(
        "状态", max_length=20, choices=FindingState.choices, default=FindingState.OPEN, db_index=True
    )
    due = models.DateField("答复期限", null=True, blank=True, db_index=True)
    round = models.PositiveSmallIntegerField("办理轮次", default=1)
    closing_note = models.TextField("办结意见", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "视察发现问题"
        ordering = ["inspection", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return f"视察发现问题：{self.text[:40]}"

    @property
    def year(self) -> int:  # the year its assignments count in (casework)
        return self.inspection.date.year

    def get_absolute_url(self) -> str:
        return f"/livelihood/findings/{self.pk}/"


class FindingEvent(WorkflowEvent):
    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="events", verbose_name="问题")

    class Meta(WorkflowEvent.Meta):
        verbose_name = verbose_name_plural = "视察问题办理记录"


class FindingAssignment(CaseAssignment):
    case_field = "finding"

    finding = models.ForeignKey(
        Finding, on_delete=models.CASCADE, related_name="assignments", verbose_name="视察发现问题"
    )

    class Meta:
        verbose_name = verbose_name_plural = "视察问题交办"
        ordering = ["finding", "role", "pk"]

    def __str__(self) -> str:
        return f"{self.finding} → {self.unit}"


class FindingContact(CaseContact):
    assignment = models.ForeignKey(
        FindingAssignment, on_delete=models.CASCADE, related_name="contacts", verbose_name="交办"
    )

    class Meta(CaseContact.Meta):
        verbose_name = verbose_name_plural = "联系视察代表记录"


class FindingReply(CaseReply):
    assignment = models.ForeignKey(
        FindingAssignment, on_delete=models.PROTECT, related_name="replies", verbose_name="交办"
    )

    class Meta(CaseReply.Meta):
        verbose_name = verbose_name_plural = "视察问题答复"
        constraints = [
            models.UniqueConstraint(fields=["assignment", "round"], name="finding_reply_one_per_round")
        ]
