"""Configurable rules from shared/RULES.md marked 【地】 (local regulation or practice).

Each rule has a default and named presets; a deployment picks a preset with RENDA_RULE_PRESET and may
override single values in RENDA_RULE_OVERRIDES. National rules (【国】) are constants in the code that
enforces them, not settings.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Rule:
    label: str
    default: int
    unit: str  # "自然日" / "工作日" / "月" / "次"
    source: str


RULES: dict[str, Rule] = {
    "reception_notice_days": Rule("接待日至少提前公告天数", 3, "自然日", "各地联络站工作规范（实践）"),
    "receptions_per_deputy_per_year": Rule(
        "每名代表每年进站接待选民次数", 2, "次", "各地联络站工作规范（实践）"
    ),
    "assignment_working_days": Rule(
        "闭会期间建议收到后交办期限", 10, "工作日", "上海7个工作日；重庆10个工作日"
    ),
    "reassignment_working_days": Rule(
        "承办单位申请调整期限（自交办）", 10, "工作日", "上海7个工作日；浙江、重庆10个工作日"
    ),
    "contact_working_days": Rule("承办单位首次联系代表期限（自交办）", 20, "工作日", "重庆20个工作日"),
    "joint_opinion_months": Rule("会办单位向主办单位提出意见期限", 1, "月", "上海、山东1个月；浙江2个月"),
    "evaluation_working_days": Rule("代表评价期限（自答复）", 15, "工作日", "北京15个工作日；重庆20个工作日"),
    "rehandling_months": Rule("不满意后重新办理期限", 2, "月", "上海、浙江、山东1个月；重庆、北京2个月"),
    "separate_attitude_and_result": Rule("分别评价办理态度与办理结果（1是0否）", 0, "开关", "上海"),
    "every_signer_evaluates": Rule(
        "所有联名代表均可评价（1是0否，否则仅领衔代表）", 0, "开关", "各地做法不一"
    ),
    "due_soon_days": Rule("临近期限提醒天数", 10, "自然日", "平台设置"),
    "satisfaction_includes_basic": Rule(
        "满意率计入基本满意（1是0否，否则仅计满意）", 1, "开关", "各地做法不一，多按满意加基本满意计算"
    ),
    "ranking_weight_reply": Rule("办理质效排名：答复率权重", 20, "权重", "平台设置"),
    "ranking_weight_on_time": Rule("办理质效排名：按期答复率权重", 30, "权重", "平台设置"),
    "ranking_weight_resolved": Rule("办理质效排名：解决率权重", 20, "权重", "平台设置"),
    "ranking_weight_satisfied": Rule("办理质效排名：满意率权重", 30, "权重", "平台设置"),
    "duplicate_threshold_percent": Rule("疑似重复建议的相似度下限", 55, "%", "平台设置（见 docs/adr/0002）"),
}

PRESETS: dict[str, dict[str, int]] = {
    "default": {},
    "上海": {
        "assignment_working_days": 7,
        "reassignment_working_days": 7,
        "joint_opinion_months": 1,
        "rehandling_months": 1,
        "separate_attitude_and_result": 1,
    },
    "重庆": {
        "assignment_working_days": 10,
        "reassignment_working_days": 10,
        "contact_working_days": 20,
        "evaluation_working_days": 20,
        "rehandling_months": 2,
    },
    "浙江": {"reassignment_working_days": 10, "joint_opinion_months": 2, "rehandling_months": 1},
    "北京": {"evaluation_working_days": 15, "rehandling_months": 2},
    "山东": {"joint_opinion_months": 1, "rehandling_months": 1},
}


def rule(name: str) -> int:
    """The value in force for rule `name`."""
    if name not in RULES:
        raise KeyError(f"unknown rule {name!r}")
    preset_name = getattr(settings, "RENDA_RULE_PRESET", "default")
    if preset_name not in PRESETS:
        raise ImproperlyConfigured(f"RENDA_RULE_PRESET={preset_name!r} 不是已知的预设：{', '.join(PRESETS)}")
    overrides = getattr(settings, "RENDA_RULE_OVERRIDES", {})
    if name in overrides:
        return overrides[name]
    return PRESETS[preset_name].get(name, RULES[name].default)
