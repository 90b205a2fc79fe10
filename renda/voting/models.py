"""Electronic and paper votes (表决) on any subject: a meeting's agenda item, an appointment, a satisfaction vote,
a livelihood ballot. A vote knows its subject only through a generic relation, so it names no area.

A vote (`VoteEvent`) has its options (`VoteOption`: 赞成/反对/弃权, or candidates) with a counter each, the
members who may vote (`Voter`: one row per member present, with `has_voted`), and:

- for a NAMED vote (记名), one `Ballot` per voter (unique by the database) with its choices (`BallotChoice`);
- for a SECRET vote (无记名), nothing else: a cast sets the voter's `has_voted` and adds one to the chosen
  options' counters in the same transaction; no row records who chose what (see docs/workflows/voting.md);
- for a PAPER vote (纸质), the tellers' counts (`PaperTally`, the counters).

When a vote closes, its result and a digest of its ballots are chained into a `VoteRecord` (sha256 over the
previous record's hash), verified by `manage.py verify_votes`."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from renda.core.models import WorkflowEvent


class State(models.TextChoices):
    PREPARED = "prepared", "待表决"  # created; voters and options fixed
    OPEN = "open", "表决中"  # voters cast their ballots
    CLOSED = "closed", "已结束"  # result fixed and chained into the record (final)


class VoteEvent(models.Model):
    """A vote (表决) on one question or one list of candidates."""

    class Method(models.TextChoices):
        NAMED = "named", "记名表决"
        SECRET = "secret", "无记名表决"
        PAPER = "paper", "纸质票"

    class ChoiceKind(models.TextChoices):
        YES_NO = "yes_no", "赞成/反对/弃权"
        CHOOSE = "choose", "候选人选择"

    class Threshold(models.TextChoices):
        ALL_MAJORITY = "all_majority", "全体组成人员的过半数"
        ALL_TWO_THIRDS = "all_two_thirds", "全体组成人员的三分之二以上"
        PRESENT_MAJORITY = "present_majority", "出席人员的过半数"
        CAST_MAJORITY = "cast_majority", "投票人数的过半数"

    subject_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="事项类型",
    )
    subject_id = models.PositiveBigIntegerField("事项编号", null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    title = models.CharField("表决事项", max_length=300)
    method = models.CharField("表决方式", max_length=10, choices=Method.choices)
    choice_kind = models.CharField("表决类型", max_length=10, choices=ChoiceKind.choices)
    max_choices = models.PositiveSmallIntegerField("最多可选", default=1)
    threshold = models.CharField("通过标准", max_length=20, choices=Threshold.choices)
    entitled = models.PositiveIntegerField(
        "应到人数"
    )  # all members of the body: the base of ALL_* thresholds
    chain_key = models.CharField("记录链", max_length=100, db_index=True)
    allow_change = models.BooleanField("结束前可改票", default=False)
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.PREPARED)
    version = models.PositiveIntegerField("版本", default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="创建人"
    )
    created_at = models.DateTimeField("创建时间")
    opened_at = models.DateTimeField("开始时间", null=True, blank=True)
    closed_at = models.DateTimeField("结束时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "表决"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="vote_subject")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_secret(self) -> bool:
        return self.method == self.Method.SECRET

    @property
    def is_paper(self) -> bool:
        return self.method == self.Method.PAPER


YES, NO, ABSTAIN = "yes", "no", "abstain"
YES_NO_OPTIONS = [(YES, "赞成"), (NO, "反对"), (ABSTAIN, "弃权")]


class VoteOption(models.Model):
    """An option of a vote (赞成/反对/弃权, or a candidate) and its counter. The counter is the only record of a
    secret vote's choices; for a named vote it equals the ballots choosing the option; for a paper vote it is
    the tellers' count."""

    event = models.ForeignKey(
        VoteEvent, on_delete=models.CASCADE, related_name="options", verbose_name="表决"
    )
    code = models.CharField("代码", max_length=20)
    label = models.CharField("选项", max_length=100)
    order = models.PositiveSmallIntegerField("顺序")
    count = models.PositiveIntegerField("票数", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "表决选项"
        ordering = ["event", "order"]
        constraints = [models.UniqueConstraint(fields=["event", "code"], name="vote_option_unique_code")]

    def __str__(self) -> str:
        return self.label


class Voter(models.Model):
    """A member who may vote in this vote (present when it was created), and whether they have voted. No
    timestamp: for a secret vote, when someone voted must not be matched with when a counter changed."""

    event = models.ForeignKey(VoteEvent, on_delete=models.CASCADE, related_name="voters", verbose_name="表决")
    deputy = models.ForeignKey(
        "deputies.Deputy", on_delete=models.PROTECT, related_name="voters", verbose_name="表决人"
    )
    has_voted = models.BooleanField("已表决", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "表决人"
        ordering = ["event", "deputy"]
        constraints = [models.UniqueConstraint(fields=["event", "deputy"], name="voter_unique_deputy")]

    def __str__(self) -> str:
        return str(self.deputy)


class Ballot(models.Model):
    """A named vote's ballot: linked to its voter, one per voter (the database's unique key)."""

    voter = models.OneToOneField(
        Voter, on_delete=models.CASCADE, related_name="ballot", verbose_name="表决人"
    )
    cast_at = models.DateTimeField("表决时间")

    class Meta:
        verbose_name = verbose_name_plural = "记名表决票"

    def __str__(self) -> str:
        return str(self.voter)


class BallotChoice(models.Model):
    """An option chosen on a named ballot (one for 赞成/反对/弃权, up to max_choices candidates)."""

    ballot = models.ForeignKey(
        Ballot, on_delete=models.CASCADE, related_name="choices", verbose_name="表决票"
    )
    option = models.ForeignKey(VoteOption, on_delete=models.PROTECT, related_name="+", verbose_name="选项")

    class Meta:
        verbose_name = verbose_name_plural = "记名表决选择"
        constraints = [models.UniqueConstraint(fields=["ballot", "option"], name="ballot_choice_unique")]

    def __str__(self) -> str:
        return f"{self.ballot}：{self.option}"


class PaperTally(models.Model):
    """The tellers' (计票人) count of a paper vote: ballots issued and returned; the counts are the options'."""

    event = models.OneToOneField(
        VoteEvent, on_delete=models.CASCADE, related_name="tally", verbose_name="表决"
    )
    issued = models.PositiveIntegerField("发出票数")
    returned = models.PositiveIntegerField("收回票数")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="录入人"
    )
    entered_at = models.DateTimeField("录入时间")

    class Meta:
        verbose_name = verbose_name_plural = "纸质票计票"

    def __str__(self) -> str:
        return f"发出{self.issued}张，收回{self.returned}张"


class VoteRecord(models.Model):
    """One closed vote in its record chain (`chain_key`, e.g. one meeting's): its result, the digest of its
    ballots (sorted; for secret and paper votes the counts and who took part), the previous record's hash and
    its own, sha256 over both. Changing a ballot, a count or a record breaks the chain (verify_votes)."""

    chain_key = models.CharField("记录链", max_length=100)
    position = models.PositiveIntegerField("序号")
    event = models.OneToOneField(
        VoteEvent, on_delete=models.PROTECT, related_name="record", verbose_name="表决"
    )
    result = models.TextField("结果")
    digest = models.CharField("票据摘要", max_length=64)
    prev_hash = models.CharField("前一记录哈希", max_length=64)
    hash = models.CharField("哈希", max_length=64)
    created_at = models.DateTimeField("时间")

    class Meta:
        verbose_name = verbose_name_plural = "表决记录"
        ordering = ["chain_key", "position"]
        constraints = [
            models.UniqueConstraint(fields=["chain_key", "position"], name="vote_record_unique_position")
        ]

    def __str__(self) -> str:
        return f"{self.chain_key} #{self.position}"


class VoteLog(WorkflowEvent):
    """The timeline of a vote: created, opened, closed, tally entered."""

    event = models.ForeignKey(VoteEvent, on_delete=models.CASCADE, related_name="log", verbose_name="表决")

    class Meta(WorkflowEvent.Meta):
        verbose_name = verbose_name_plural = "表决记录事项"
