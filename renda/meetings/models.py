"""Meetings of the congress and its bodies: the meeting, its agenda and papers, attendance and 列席, the
resolutions and decisions adopted on its items. States and rules: docs/workflows/meetings.md."""

from django.conf import settings
from django.db import models

from renda.core.models import TimeStampedModel, VersionedModel, WorkflowEvent
from renda.org.models import cn_number


class MeetingKind(models.TextChoices):
    CONGRESS = "congress", "人民代表大会会议"  # a plenary session (org.CongressSession)
    STANDING = "standing", "常委会会议"  # numbered within the term
    CHAIRPERSONS = "chairpersons", "主任会议"  # the Council of Chairpersons
    COMMITTEE = "committee", "专门委员会会议"  # one CommitteeOffice


class MeetingState(models.TextChoices):
    PLANNED = "planned", "筹备中"  # agenda and papers being prepared
    CONVENED = "convened", "进行中"  # opened: members sign in, items are deliberated and voted
    CLOSED = "closed", "已闭会"  # final: attendance and results are the record


class Meeting(VersionedModel):
    kind = models.CharField("会议类型", max_length=20, choices=MeetingKind.choices, db_index=True)
    term = models.ForeignKey(
        "org.Term", on_delete=models.PROTECT, related_name="meetings", verbose_name="届次"
    )
    congress_session = models.OneToOneField(
        "org.CongressSession",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting",
        verbose_name="人代会会议",
    )
    office = models.ForeignKey(
        "org.CommitteeOffice",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name="专门委员会",
    )
    number = models.PositiveSmallIntegerField("会次", null=True, blank=True)  # within the term and kind
    date = models.DateField("会议日期", db_index=True)
    place = models.CharField("地点", max_length=100, blank=True)
    presider = models.ForeignKey(
        "deputies.Deputy",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="主持人",
    )
    state = models.CharField(
        "状态", max_length=20, choices=MeetingState.choices, default=MeetingState.PLANNED, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="登记人",
    )

    class Meta:
        verbose_name = verbose_name_plural = "会议"
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["term", "kind", "office", "number"], name="meeting_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        """第十八届人大常委会第四十二次会议, 第十八届人大常委会第十二次主任会议, …"""
        if self.kind == MeetingKind.CONGRESS and self.congress_session_id:
            return str(self.congress_session)
        number = f"第{cn_number(self.number)}次" if self.number else ""
        term = f"{self.term}" if self.term_id else ""
        if self.kind == MeetingKind.STANDING:
            return f"{term}人大常委会{number}会议"
        if self.kind == MeetingKind.CHAIRPERSONS:
            return f"{term}人大常委会{number}主任会议"
        if self.kind == MeetingKind.COMMITTEE:
            return f"{term}人大{self.office.name if self.office else ''}{number}会议"
        return f"{term}人民代表大会{number}会议"

    def get_absolute_url(self) -> str:
        return f"/meetings/{self.pk}/"


class MeetingEvent(WorkflowEvent):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="events", verbose_name="会议")

    class Meta(WorkflowEvent.Meta):
        verbose_name = verbose_name_plural = "会议记录"


class ItemKind(models.TextChoices):
    WORK_REPORT = "work_report", "审议工作报告"  # 监督法 Art. 15 paper deadlines
    RESOLUTION = "resolution", "决议草案/决定草案"
    APPOINTMENT = "appointment", "人事任免"
    REGULATION = "regulation", "法规草案"
    INQUIRY = "inquiry", "专题询问"
    OTHER = "other", "其他"


class AgendaItem(VersionedModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items", verbose_name="会议")
    order = models.PositiveSmallIntegerField("序号")
    kind = models.CharField("议题类型", max_length=20, choices=ItemKind.choices)
    title = models.CharField("议题", max_length=200)
    reporter = models.CharField("报告人", max_length=100, blank=True)
    remarks = models.TextField("审议发言摘要", blank=True)  # for the minutes
    result = models.CharField("表决结果", max_length=200, blank=True)  # "应到X人，实到X人，赞成X票…通过"

    class Meta:
        verbose_name = verbose_name_plural = "议程"
        ordering = ["meeting", "order"]
        constraints = [models.UniqueConstraint(fields=["meeting", "order"], name="agenda_item_unique_order")]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class PaperStage(models.TextChoices):
    COMMITTEE = "committee", "送专门委员会（工作机构）"
    STANDING = "standing", "送常委会"
    MEMBERS = "members", "发组成人员"


class Paper(TimeStampedModel):
    """A paper an agenda item needs, due a number of days before the meeting; `file` empty while missing."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="papers", verbose_name="议题")
    stage = models.CharField("送达环节", max_length=20, choices=PaperStage.choices)
    due_date = models.DateField("应送达日期", db_index=True)
    file = models.FileField("文件", upload_to="meetings/papers/%Y/", blank=True)
    submitted_on = models.DateField("送达日期", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="上传人",
    )

    @property
    def late(self) -> bool:
        """逾期送达: filed after its due date (follows from the two dates, so it is never stored)."""
        return self.submitted_on is not None and self.submitted_on > self.due_date

    class Meta:
        verbose_name = verbose_name_plural = "会议材料"
        ordering = ["item", "due_date"]
        constraints = [models.UniqueConstraint(fields=["item", "stage"], name="paper_unique_stage")]

    def __str__(self) -> str:
        return f"{self.item.title}（{self.get_stage_display()}）"


class PaperRead(models.Model):
    """Who opened a paper: the first and last time and how often (the office's read log)."""

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="reads", verbose_name="材料")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name="阅读人"
    )
    first_opened_at = models.DateTimeField("首次打开")
    last_opened_at = models.DateTimeField("最近打开")
    times = models.PositiveIntegerField("打开次数", default=1)

    class Meta:
        verbose_name = verbose_name_plural = "材料阅读记录"
        constraints = [models.UniqueConstraint(fields=["paper", "user"], name="paper_read_unique")]

    def __str__(self) -> str:
        return f"{self.paper} · {self.user}"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "出席"
    LEAVE_REQUESTED = "leave_requested", "请假待批"
    LEAVE = "leave", "请假"
    # 缺席: a member with no row, or whose leave was refused, when the meeting closed


class Attendance(TimeStampedModel):
    """A member's sign-in or leave request; members without a row are absent (缺席)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances", verbose_name="会议"
    )
    deputy = models.ForeignKey(
        "deputies.Deputy", on_delete=models.PROTECT, related_name="+", verbose_name="组成人员"
    )
    status = models.CharField("出席情况", max_length=20, choices=AttendanceStatus.choices)
    signed_in_at = models.DateTimeField("签到时间", null=True, blank=True)
    leave_reason = models.CharField("请假事由", max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="登记人",
    )

    class Meta:
        verbose_name = verbose_name_plural = "出席情况"
        constraints = [models.UniqueConstraint(fields=["meeting", "deputy"], name="attendance_unique_member")]


class Attendee(TimeStampedModel):
    """列席: attends without a vote — an official by name, or an invited deputy (credited in the duty record)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendees", verbose_name="会议"
    )
    deputy = models.ForeignKey(
        "deputies.Deputy",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="代表",
    )
    name = models.CharField("姓名", max_length=50)
    organisation = models.CharField("单位职务", max_length=100, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "列席人员"
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "deputy"],
                condition=models.Q(deputy__isnull=False),
                name="attendee_unique_deputy",
            )
        ]


class ResolutionKind(models.TextChoices):
    RESOLUTION = "resolution", "决议"
    DECISION = "decision", "决定"


class ResolutionState(models.TextChoices):
    DRAFT = "draft", "草案"  # drafted on an agenda item
    ADOPTED = "adopted", "已通过"  # adopted by the item's vote; numbered and published
    FAILED = "failed", "未通过"  # the vote failed


class Resolution(VersionedModel):
    item = models.OneToOneField(
        AgendaItem, on_delete=models.PROTECT, related_name="resolution", verbose_name="议题"
    )
    kind = models.CharField("类型", max_length=20, choices=ResolutionKind.choices)
    title = models.CharField("标题", max_length=200)
    text = models.TextField("正文")
    state = models.CharField(
        "状态", max_length=20, choices=ResolutionState.choices, default=ResolutionState.DRAFT, db_index=True
    )
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    number = models.PositiveSmallIntegerField("编号", null=True, blank=True)  # within the year, on adoption
    adopted_on = models.DateField("通过日期", null=True, blank=True)
    result = models.CharField("表决结果", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "决议决定"
        ordering = ["-year", "-number", "-pk"]
        constraints = [models.UniqueConstraint(fields=["year", "number"], name="resolution_unique_number")]

    def __str__(self) -> str:
        return self.title

    @property
    def code(self) -> str:
        return f"{self.year}年第{self.number}号" if self.number else ""


class ResolutionEvent(WorkflowEvent):
    resolution = models.ForeignKey(
        Resolution, on_delete=models.CASCADE, related_name="events", verbose_name="决议决定"
    )

    class Meta(WorkflowEvent.Meta):
        verbose_name = verbose_name_plural = "决议决定记录"
