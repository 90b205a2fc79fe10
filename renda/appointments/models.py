"""Appointments and removals (人事任免) by the standing committee: the posts it fills, the people nominated,
their legal exams, each decision (任命, 免职, 接受辞职, 撤职) from nomination to publication, and who holds each
post since when by which decision. States and rules: docs/workflows/appointments.md."""

from django.conf import settings
from django.db import models

from renda.core.models import TimeStampedModel, VersionedModel, WorkflowEvent


class PostKind(models.TextChoices):
    DEPT_HEAD = "dept_head", "政府组成部门正职"  # nominated by the head of government (县长)
    DEPT_DEPUTY = "dept_deputy", "政府组成部门副职"  # 副局长 where the standing committee appoints them
    COURT = "court", "人民法院副院长、审判委员会委员、庭长、审判员"  # nominated by the court president
    PROCURATORATE = "procuratorate", "人民检察院副检察长、检察委员会委员、检察员"  # by the chief procurator
    CONGRESS = "congress", "人大专门委员会、工作机构组成人员"  # by the Council of Chairpersons
    OTHER = "other", "其他"


class Nominator(models.TextChoices):
    GOVERNMENT_HEAD = "government_head", "县人民政府县长"
    COURT_PRESIDENT = "court_president", "县人民法院院长"
    CHIEF_PROCURATOR = "chief_procurator", "县人民检察院检察长"
    COUNCIL = "council", "常委会主任会议"
    MEMBERS = "members", "常委会组成人员五分之一以上联名"  # dismissal only (监督法 Art. 61)


class Post(VersionedModel):
    """A post the standing committee fills (e.g. 县教育局局长). Its holder is the open `Holding`; a post
    without one is vacant since the last holding ended (or since it was created)."""

    name = models.CharField("职务名称", max_length=100, unique=True)
    organ = models.CharField("所在机关", max_length=80)
    kind = models.CharField("职务类别", max_length=20, choices=PostKind.choices, db_index=True)
    order = models.PositiveIntegerField("排序", default=0)
    seats = models.PositiveSmallIntegerField(
        "职数", default=1
    )  # how many hold it at once: appointing one more than this ends the longest-serving holding
    active = models.BooleanField("在用", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "任免职务"
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"/appointments/posts/{self.pk}/"


class Person(VersionedModel):
    """A person nominated for, or holding, a post. The résumé is personal: seen by the office and the members
    before the vote only (selectors.may_see_papers)."""

    class Gender(models.TextChoices):
        MALE = "male", "男"
        FEMALE = "female", "女"

    name = models.CharField("姓名", max_length=50)
    name_initials = models.CharField(
        "姓名拼音首字母", max_length=30, blank=True, db_index=True
    )  # 王建国 → wjg
    name_pinyin = models.CharField("姓名拼音", max_length=120, blank=True)
    gender = models.CharField("性别", max_length=10, choices=Gender.choices, blank=True)
    birth_month = models.CharField("出生年月", max_length=10, blank=True)  # 1978.05
    current_job = models.CharField("现任职务", max_length=150, blank=True)
    resume = models.FileField("简历", upload_to="appointments/resumes/%Y/", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "任免对象"
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class LegalExam(TimeStampedModel):
    """A pre-appointment legal exam (任前法律知识考试): passed at the pass mark (a local rule, 60), valid for the
    term in which it was taken."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="exams", verbose_name="考试人")
    term = models.ForeignKey("org.Term", on_delete=models.PROTECT, related_name="+", verbose_name="届次")
    taken_on = models.DateField("考试日期")
    score = models.PositiveSmallIntegerField("成绩")
    passed = models.BooleanField("合格")
    paper = models.FileField("试卷", upload_to="appointments/exams/%Y/", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="登记人",
    )

    class Meta:
        verbose_name = verbose_name_plural = "任前法律知识考试"
        ordering = ["-taken_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.person} {self.score}分"


class AppointmentKind(models.TextChoices):
    APPOINT = "appoint", "任命"
    REMOVE = "remove", "免职"
    RESIGN = "resign", "接受辞职"
    DISMISS = "dismiss", "撤职"


class AppointmentState(models.TextChoices):
    NOMINATED = "nominated", "已提请"  # the nominating letter is in; exam and papers are prepared
    SCHEDULED = (
        "scheduled",
        "已列入议程",
    )  # on a standing-committee meeting; papers to members, 供职发言, 审议
    VOTING = "voting", "表决中"  # the person-by-person vote is created or open
    ADOPTED = "adopted", "已通过"  # decided: announced, letter issued (appointments), the holding changed
    REJECTED = "rejected", "未通过"  # the vote failed (final)
    SWORN = "sworn", "已宣誓"  # an appointee took the constitutional oath
    PUBLISHED = "published", "已公告"  # published on the public site (final)
    WITHDRAWN = "withdrawn", "已撤回"  # the nominator withdrew before the vote (final)


class Appointment(VersionedModel):
    """One decision on one person and one post (任免案, voted person by person)."""

    term = models.ForeignKey("org.Term", on_delete=models.PROTECT, related_name="+", verbose_name="届次")
    kind = models.CharField("任免类别", max_length=20, choices=AppointmentKind.choices, db_index=True)
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="appointments", verbose_name="任免对象"
    )
    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="appointments", verbose_name="职务")
    nominator = models.CharField("提请人", max_length=20, choices=Nominator.choices)
    filers = models.ManyToManyField(
        "deputies.Deputy", blank=True, related_name="+", verbose_name="联名提出的组成人员"
    )
    letter = models.FileField("提请函", upload_to="appointments/letters/%Y/", blank=True)
    reason = models.TextField("提请理由", blank=True)
    nominated_on = models.DateField("提请日期")
    state = models.CharField(
        "状态",
        max_length=20,
        choices=AppointmentState.choices,
        default=AppointmentState.NOMINATED,
        db_index=True,
    )
    exam = models.ForeignKey(
        LegalExam, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="任前考试"
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appointments",
        verbose_name="会议",
    )
    item = models.ForeignKey(
        "meetings.AgendaItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appointments",
        verbose_name="议题",
    )
    papers_due = models.DateField("材料应送达日期", null=True, blank=True, db_index=True)
    papers_sent_on = models.DateField("材料送达日期", null=True, blank=True)
    papers_late = models.BooleanField("材料逾期送达", default=False)
    statement_on = models.DateField("供职发言日期", null=True, blank=True)
    statement = models.TextField("供职发言摘要", blank=True)
    deliberated_on = models.DateField("审议日期", null=True, blank=True)
    deliberation = models.TextField("审议意见摘要", blank=True)
    result = models.CharField("表决结果", max_length=300, blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True, db_index=True)
    announced_on = models.DateField("宣布日期", null=True, blank=True)
    letter_year = models.PositiveSmallIntegerField("任命书年度", null=True, blank=True)
    letter_number = models.PositiveSmallIntegerField("任命书编号", null=True, blank=True)
    letter_signed_by = models.CharField("任命书签署人", max_length=50, blank=True)
    oath_on = models.DateField("宣誓日期", null=True, blank=True)
    oath_presider = models.CharField("监誓人", max_length=50, blank=True)
    oath_witnesses = models.CharField("见证人", max_length=200, blank=True)
    published_on = models.DateField("公告日期", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="登记人",
    )

    class Meta:
        verbose_name = verbose_name_plural = "任免事项"
        ordering = ["-nominated_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["letter_year", "letter_number"], name="appointment_unique_letter_number"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        verb = {
            AppointmentKind.APPOINT: "任命",
            AppointmentKind.REMOVE: "免去",
            AppointmentKind.RESIGN: "接受辞去",
            AppointmentKind.DISMISS: "撤销",
        }[AppointmentKind(self.kind)]
        suffix = "职务" if self.kind != AppointmentKind.APPOINT else ""
        if self.kind == AppointmentKind.APPOINT:
            return f"{verb}{self.person.name}为{self.post.name}"
        return f"{verb}{self.person.name}的{self.post.name}{suffix}"

    @property
    def letter_code(self) -> str:
        return f"任字〔{self.letter_year}〕{self.letter_number}号" if self.letter_number else ""

    def get_absolute_url(self) -> str:
        return f"/appointments/{self.pk}/"


class AppointmentEvent(WorkflowEvent):
    appointment = models.ForeignKey(
        Appointment, on_delete=models.CASCADE, related_name="events", verbose_name="任免事项"
    )

    class Meta(WorkflowEvent.Meta):
        verbose_name = verbose_name_plural = "任免事项记录"


class Holding(TimeStampedModel):
    """Who holds a post, since when, by which decision; ended by a later decision (or by the appointment of a
    successor). The open holding (`end_date` empty) is the current office-holder."""

    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="holdings", verbose_name="职务")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="holdings", verbose_name="任职人"
    )
    start_date = models.DateField("任职日期", db_index=True)
    end_date = models.DateField("离任日期", null=True, blank=True, db_index=True)
    appointed_by = models.ForeignKey(
        Appointment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="任命决定",
    )
    ended_by = models.ForeignKey(
        Appointment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="免职决定",
    )

    class Meta:
        verbose_name = verbose_name_plural = "任职记录"
        ordering = ["post", "-start_date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "person"],
                condition=models.Q(end_date__isnull=True),
                name="holding_unique_open",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.post}"


class AppraisalState(models.TextChoices):
    PLANNED = "planned", "待述职"  # chosen for this year's appraisal (述职述法评议)
    REPORTED = "reported", "已述职"  # the official's report (述职述法报告) is in
    RATING = "rating", "测评中"  # the members' secret rating runs on renda/voting
    PASSED = "passed", "测评通过"  # 满意 and 基本满意 together over half of all members (final)
    FAILED = "failed", "测评未通过"  # the official rectifies and reports on it
    FOLLOWED_UP = "followed_up", "已整改"  # the rectification report is in (final)


class Appraisal(VersionedModel):
    """述职述法评议 of one appointed official (a holding) in one year: the report, the members' secret rating
    (满意/基本满意/不满意, on renda/voting), the result and, when it fails, the rectification."""

    holding = models.ForeignKey(
        Holding, on_delete=models.PROTECT, related_name="appraisals", verbose_name="任职"
    )
    year = models.PositiveSmallIntegerField("年度", db_index=True)
    state = models.CharField(
        "状态", max_length=20, choices=AppraisalState.choices, default=AppraisalState.PLANNED, db_index=True
    )
    report = models.TextField("述职述法报告摘要", blank=True)
    reported_on = models.DateField("述职日期", null=True, blank=True)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appraisals",
        verbose_name="测评会议",
    )
    result = models.CharField("测评结果", max_length=300, blank=True)
    satisfied = models.PositiveIntegerField("满意票", null=True, blank=True)
    basically_satisfied = models.PositiveIntegerField("基本满意票", null=True, blank=True)
    dissatisfied = models.PositiveIntegerField("不满意票", null=True, blank=True)
    entitled = models.PositiveIntegerField("应到人数", null=True, blank=True)
    follow_up = models.TextField("整改情况", blank=True)
    followed_up_on = models.DateField("整改报告日期", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "述职述法评议"
        ordering = ["-year", "pk"]
        constraints = [models.UniqueConstraint(fields=["holding", "year"], name="appraisal_unique_year")]

    def __str__(self) -> str:
        return f"{self.year}年 {self.holding}"

    def get_absolute_url(self) -> str:
        return f"/appointments/appraisals/{self.pk}/"


class AppraisalEvent(WorkflowEvent):
    appraisal = models.ForeignKey(
        Appraisal, on_delete=models.CASCADE, related_name="events", verbose_name="述职述法评议"
    )

    class Meta(WorkflowEvent.Meta):
        verbose_name = verbose_name_plural = "述职述法评议记录"
