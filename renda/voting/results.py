"""A vote's result as the law counts it (地方组织法): the threshold's base is all members (应到) for the ALL_*
thresholds — not those present, not those voting — those present (实到) or those who voted for the others.
"三分之二以上" includes two thirds exactly; "过半数" is more than half."""

from dataclasses import dataclass, field

from renda.voting.models import ABSTAIN, NO, YES, VoteEvent

Threshold = VoteEvent.Threshold


def meets(count: int, base: int, threshold: str) -> bool:
    """Whether `count` votes reach `threshold` of `base`."""
    if threshold == Threshold.ALL_TWO_THIRDS:
        return base > 0 and 3 * count >= 2 * base
    return 2 * count > base


@dataclass(frozen=True)
class OptionCount:
    id: int
    code: str
    label: str
    count: int


@dataclass(frozen=True)
class VoteResult:
    entitled: int  # 应到
    present: int  # 实到: the voters of the vote
    voted: int  # ballots cast (electronic) or returned (paper)
    not_voted: int  # 未表决 / 未按表决器
    counts: list[OptionCount]
    threshold: str
    base: int  # the number the threshold is taken of
    closed: bool
    passed: bool | None = None  # a yes/no vote
    elected: list[str] = field(default_factory=list)  # a candidates' vote
    tied: list[str] = field(default_factory=list)  # candidates tied at the last place: elected neither
    invalid: int = 0  # paper ballots returned but void
    text: str = ""

    def count(self, code: str) -> int:
        return next((c.count for c in self.counts if c.code == code), 0)


def compute(
    event: VoteEvent, *, counts: list[OptionCount], present: int, voted: int, invalid: int = 0
) -> VoteResult:
    base = {
        Threshold.ALL_MAJORITY: event.entitled,
        Threshold.ALL_TWO_THIRDS: event.entitled,
        Threshold.PRESENT_MAJORITY: present,
        Threshold.CAST_MAJORITY: voted,
    }[Threshold(event.threshold)]
    common = dict(
        entitled=event.entitled,
        present=present,
        voted=voted,
        not_voted=max(present - voted, 0),
        counts=counts,
        threshold=event.threshold,
        base=base,
        closed=event.state == "closed",
        invalid=invalid,
    )
    head = f"应到{event.entitled}人，实到{present}人，"
    tail = f"未表决{max(present - voted, 0)}人，"
    void = f"无效{invalid}票，" if invalid else ""
    if event.choice_kind == VoteEvent.ChoiceKind.YES_NO:
        by_code = {c.code: c.count for c in counts}
        passed = meets(by_code.get(YES, 0), base, event.threshold)
        text = (
            f"{head}赞成{by_code.get(YES, 0)}票，反对{by_code.get(NO, 0)}票，弃权{by_code.get(ABSTAIN, 0)}票，"
            f"{void}{tail}{'通过' if passed else '未通过'}"
        )
        return VoteResult(**common, passed=passed, text=text)  # type: ignore[arg-type]
    qualified = sorted((c for c in counts if meets(c.count, base, event.threshold)), key=lambda c: -c.count)
    n = event.max_choices
    if len(qualified) > n and qualified[n].count == qualified[n - 1].count:
        boundary = qualified[n - 1].count
        elected = [c.label for c in qualified if c.count > boundary]
        tied = [c.label for c in qualified if c.count == boundary]
    else:
        elected, tied = [c.label for c in qualified[:n]], []
    figures = "，".join(f"{c.label}{c.count}票" for c in counts)
    outcome = f"当选：{'、'.join(elected)}" if elected else "无人当选"
    if tied:
        outcome += f"；{'、'.join(tied)}得票相等，须另行投票"
    text = f"{head}投票{voted}人，{figures}，{void}{tail}{outcome}"
    return VoteResult(**common, elected=elected, tied=tied, text=text)  # type: ignore[arg-type]
