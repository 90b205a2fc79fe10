"""What a duty record counts, in the order pages, exports and the printed record show it, and the local rule
that gives each count its points (积分). Read by selectors.py (the counts) and platform.py (the rules)."""

from dataclasses import dataclass

from renda.core.rules import Rule
from renda.deputies.choices import ActivityKind
from renda.duties.models import EntryKind

POINTS_SOURCE = "各地代表履职积分办法（实践）：分值由本地设定"


@dataclass(frozen=True)
class Counted:
    key: str  # the annotation of selectors.counted and the API's field
    label: str
    unit: str
    rule: str  # the local rule giving its points
    default_points: int


ACTIVITY_LABELS = {ActivityKind.RECEPTION: "其他接待选民活动"}  # reception days are counted on their own
# 列席常委会会议 is counted from the meetings' 列席 lists (renda/meetings), the one source: activities of that kind
# (recorded before meetings were kept on the platform) are no longer offered nor counted.
COUNTED_ACTIVITY_KINDS = tuple(kind for kind in ActivityKind if kind != ActivityKind.ATTEND_COMMITTEE)
ACTIVITY_POINTS = {
    ActivityKind.VISIT: 2,
    ActivityKind.SURVEY: 2,
    ActivityKind.LAW_INSPECTION: 2,
    ActivityKind.GROUP_ACTIVITY: 1,
    ActivityKind.RECEPTION: 2,
    ActivityKind.TRAINING: 1,
    ActivityKind.OTHER: 1,
}
ENTRY_POINTS = {
    EntryKind.CONTACT_VOTERS: 1,
    EntryKind.PUBLICITY: 1,
    EntryKind.HIGHER_CONGRESS: 2,
    EntryKind.PUBLIC_SERVICE: 1,
    EntryKind.OTHER: 1,
}

FIGURES: tuple[Counted, ...] = (
    Counted("suggestions", "领衔提出建议", "件", "duty_points_suggestion", 3),
    Counted("motions", "领衔提出议案", "件", "duty_points_motion", 5),
    Counted("cosigned", "附议建议议案", "件", "duty_points_cosigned", 1),
    Counted("receptions", "进站接待选民", "次", "duty_points_reception", 2),
    Counted("meetings_present", "出席常委会会议", "次", "duty_points_meeting_present", 2),
    Counted("meetings_attendee", "列席常委会会议", "次", "duty_points_meeting_attendee", 2),
    *(
        Counted(
            f"activity_{kind.value}",
            ACTIVITY_LABELS.get(kind, kind.label),
            "次",
            f"duty_points_activity_{kind.value}",
            ACTIVITY_POINTS[kind],
        )
        for kind in COUNTED_ACTIVITY_KINDS
    ),
    Counted("opinions_collected", "收集群众意见", "条", "duty_points_opinion", 1),
    Counted("opinions_resolved", "推动解决群众意见", "件", "duty_points_opinion_resolved", 1),
    Counted("reports", "向选民述职", "次", "duty_points_report", 5),
    *(
        Counted(
            f"entry_{kind.value}",
            f"{kind.label}（自报）",
            "次",
            f"duty_points_entry_{kind.value}",
            ENTRY_POINTS[kind],
        )
        for kind in EntryKind
    ),
)

POINT_RULES: dict[str, Rule] = {
    figure.rule: Rule(f"履职积分：{figure.label}每{figure.unit}", figure.default_points, "分", POINTS_SOURCE)
    for figure in FIGURES
}
