"""预算联网监督 (监督法 Art. 30; 预算法): what Django keeps of the budget supervision. The finance bureau's rows
themselves live in the analytical store (store.py), not here. States and rules: docs/workflows/budget.md.

- `ClassCode`: the classification reference tables (政府收支分类科目: 功能分类, 经济分类, 收入分类) with names;
- `ColumnMapping`: a dataset's column mapping — which of the finance bureau's headers gives each field;
- `BudgetImport`: one import of a dataset and year — its rows, what it replaced, or the bad rows it named;
- `Alert`: one hit of an alert rule (预警), found by key so that a handled hit is not raised again; the office
  reviews it (dismiss with a reason, or send the department an inquiry — a kind of case on renda/casework —
  with a deadline), the department answers, the office closes or escalates;
- `Milestone`: the budget calendar (预算法) — the dates the office records and their statutory checks;
- `Adjustment`: a budget adjustment (预算调整) in one of the four statutory cases (预算法 Art. 67)."""

from django.conf import settings
from django.db import models

from renda.casework.models import CaseAssignment, CaseContact, CaseReply
from renda.core.models import TimeStampedModel, VersionedModel, WorkflowEvent


class ClassCode(models.Model):
    class Scheme(models.TextChoices):
        FUNCTION = "function", "支出功能分类"
        ECONOMIC = "economic", "支出经济分类"
        REVENUE = "revenue", "收入分类"

    scheme = models.CharField("分类", max_length=10, choices=Scheme.choices)
    code = models.CharField("科目编码", max_length=12)
    name = models.CharField("科目名称", max_length=60)

    class Meta:
        verbose_name = verbose_name_plural = "政府收支分类科目"
        ordering = ["scheme", "code"]
        constraints = [models.UniqueConstraint(fields=["scheme", "code"], name="budget_class_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def level(self) -> str:
        return {3: "类", 5: "款", 7: "项"}.get(len(self.code), "")


class Dataset(models.TextChoices):
    ALLOCATIONS = "allocations", "预算指标"
    ADJUSTMENTS = "adjustments", "预算调整（指标调整）"
    PAYMENTS = "payments", "国库集中支付"
    REVENUE = "revenue", "一般公共预算收入"
    REVENUE_BUDGET = "revenue_budget", "一般公共预算收入预算"
    DEBT = "debt", "政府债务"
    SANGONG = "sangong", "三公经费"


class ColumnMapping(TimeStampedModel):
    """The finance bureau's own headers for a dataset's fields, set once by the office and applied to every later
    import of that dataset (a field not mapped is read from its standard header)."""

    dataset = models.CharField("数据", max_length=20, choices=Dataset.choices, unique=True)
    columns = models.JSONField("列对应", default=dict)  # field (store column) -> the file's header
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="设置人",
    )

    class Meta:
        verbose_name = verbose_name_plural = "导入列对应"
        ordering = ["dataset"]

    def __str__(self) -> str:
        return f"{self.get_dataset_display()}列对应"


class BudgetImport(TimeStampedModel):
    class Result(models.TextChoices):
        RUNNING = (
            "running",
            "导入中",
        )  # being checked or written in the background (`stage`, `checked`, `written`)
        DONE = "done", "已导入"  # the period was replaced by the file's rows
        REFUSED = (
            "refused",
            "未导入",
        )  # bad rows (or an interrupted import): nothing imported, each named in `errors`

    dataset = models.CharField("数据", max_length=20, choices=Dataset.choices)
    year = models.PositiveSmallIntegerField("年度", db_index=True)
    file_name = models.CharField("文件", max_length=200)
    result = models.CharField("结果", max_length=10, choices=Result.choices)
    rows = models.PositiveIntegerField("导入行数", default=0)
    stage = models.CharField("进度", max_length=40, blank=True)  # what a running import is doing now
    total = models.PositiveIntegerField("文件行数", default=0)  # known once the file is read
    checked = models.PositiveIntegerField("已校验行数", default=0)
    written = models.PositiveIntegerField("已写入行数", default=0)
    replaced = models.PositiveIntegerField("替换原有行数", default=0)
    error_count = models.PositiveIntegerField("错误数", default=0)
    errors = models.TextField("错误行", blank=True)  # one per line: 第N行 列：reason
    notes = models.TextField("校验提示", blank=True)  # e.g. the reserve fund outside 1–3 %
    milliseconds = models.PositiveIntegerField("用时（毫秒）", default=0)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="导入人",
    )

    class Meta:
        verbose_name = verbose_name_plural = "预算数据导入"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.year}年{self.get_dataset_display()}"


class AlertState(models.TextChoices):
    NEW = "new", "待核查"  # raised by a rule on import or the daily run; the office has not reviewed it
    DISMISSED = "dismissed", "已排除"  # reviewed: not a problem, with the reason (final)
    INQUIRING = "inquiring", "函询中"  # sent to the department / finance bureau with a deadline (casework)
    ANSWERED = "answered", "已答复"  # the department answered the inquiry
    CLOSED = "closed", "已办结"  # the office accepts the answer (final)
    ESCALATED = "escalated", "已提请跟踪"  # the answer does not settle it: referred for oversight (final)


class Alert(VersionedModel):
    """One hit of one alert rule; `key` identifies the anomaly across imports (rules.py)."""

    rule = models.CharField("预警规则", max_length=30, db_index=True)
    key = models.CharField("标识", max_length=200, unique=True)
    year = models.PositiveSmallIntegerField("年度", db_index=True)
    dept_code = models.CharField("单位代码", max_length=30, blank=True, db_index=True)
    dept_name = models.CharField("单位名称", max_length=100, blank=True)
    project_code = models.CharField("项目代码", max_length=40, blank=True)
    payee = models.CharField("收款人/类别", max_length=100, blank=True)
    amount = models.BigIntegerField("金额（分）", default=0)
    base = models.BigIntegerField("对比数（分）", default=0)
    count = models.PositiveIntegerField("笔数", default=1)
    state = models.CharField(
        "状态", max_length=20, choices=AlertState.choices, default=AlertState.NEW, db_index=True
    )
    found_on = models.DateField("发现日期", db_index=True)
    seen_on = models.DateField("最近一次命中", null=True, blank=True)
    gone_on = models.DateField("不再命中日期", null=True, blank=True)  # the anomaly vanished on a re-import
    reason = models.TextField("排除理由", blank=True)
    unit = models.ForeignKey(
        "org.HandlingUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_alerts",
        verbose_name="函询单位",
    )
    due = models.DateField("答复期限", null=True, blank=True, db_index=True)
    conclusion = models.TextField("办理结论", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "预算执行预警"
        ordering = ["-found_on", "-pk"]
        indexes = [models.Index(fields=["year", "rule", "state"], name="budget_alert_year_rule")]

    def __str__(self) -> str:
        return f"{self.title}"

    @property
    def title(self) -> str:
        from renda.budget.rules import RULES

        label = RULES[self.rule].label if self.rule in RULES else self.rule
        what = " ".join(x for x in (self.dept_name or self.dept_code, self.project_code, self.payee) if x)
        return f"{label}：{what}" if what else label


class AlertEvent(WorkflowEvent):
    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="events")

    class Meta(WorkflowEvent.Meta):
        verbose_name = verbose_name_plural = "预警办理记录"


class AlertAssignment(CaseAssignment):
    case_field = "alert"

    alert = models.ForeignKey(
        Alert, on_delete=models.CASCADE, related_name="assignments", verbose_name="预警"
    )

    class Meta:
        verbose_name = verbose_name_plural = "预警函询"
        ordering = ["alert", "role", "pk"]

    def __str__(self) -> str:
        return f"{self.alert} → {self.unit}"


class AlertContact(CaseContact):
    assignment = models.ForeignKey(
        AlertAssignment, on_delete=models.CASCADE, related_name="contacts", verbose_name="函询"
    )

    class Meta(CaseContact.Meta):
        verbose_name = verbose_name_plural = "预警函询联系记录"


class AlertReply(CaseReply):
    assignment = models.ForeignKey(
        AlertAssignment, on_delete=models.PROTECT, related_name="replies", verbose_name="函询"
    )

    class Meta(CaseReply.Meta):
        verbose_name = verbose_name_plural = "预警函询答复"
        constraints = [
            models.UniqueConstraint(fields=["assignment", "round"], name="budget_reply_one_per_round")
        ]


class Milestone(TimeStampedModel):
    """A date of the budget calendar (预算法) the office records, with its statutory check."""

    class Kind(models.TextChoices):
        DRAFT = "draft", "预算草案送常委会"  # ≥ 30 days before the congress session opens
        APPROVED = "approved", "人民代表大会批准预算"
        PUBLISHED = "published", "预算公开"  # within 20 days of approval
        MIDYEAR = "midyear", "上半年预算执行情况报告"  # June–September of the year
        FINAL = "final", "决算草案审查批准"  # June–September of the following year

    year = models.PositiveSmallIntegerField("预算年度", db_index=True)
    kind = models.CharField("事项", max_length=20, choices=Kind.choices)
    date = models.DateField("日期")
    reference = models.DateField("对照日期", null=True, blank=True)  # the congress opening, for the draft
    due = models.DateField("法定期限", null=True, blank=True)
    on_time = models.BooleanField("符合法定期限", default=True)
    note = models.TextField("说明", blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="登记人",
    )

    class Meta:
        verbose_name = verbose_name_plural = "预算工作日程"
        ordering = ["year", "date", "pk"]
        constraints = [models.UniqueConstraint(fields=["year", "kind"], name="budget_milestone_once")]

    def __str__(self) -> str:
        return f"{self.year}年{self.get_kind_display()}"


class Adjustment(TimeStampedModel):
    """预算调整 (预算法 Art. 67): only in the four statutory cases, approved by the standing committee."""

    class Case(models.TextChoices):
        TOTAL = "total", "需要增加或者减少预算总支出的"
        FUND = "fund", "需要调入预算稳定调节基金的"
        KEY = "key", "需要调减预算安排的重点支出数额的"
        DEBT = "debt", "需要增加举借债务数额的"

    year = models.PositiveSmallIntegerField("预算年度", db_index=True)
    case = models.CharField("法定情形", max_length=10, choices=Case.choices)
    amount = models.BigIntegerField("调整金额（分）", default=0)
    approved_on = models.DateField("常委会批准日期")
    description = models.TextField("调整说明")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="登记人",
    )

    class Meta:
        verbose_name = verbose_name_plural = "预算调整"
        ordering = ["year", "approved_on", "pk"]

    def __str__(self) -> str:
        return f"{self.year}年{self.get_case_display()}"
