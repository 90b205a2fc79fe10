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
    "receptions_per_deputy_per_year": Rule("每名代表每年进站接待选民次数", 2, "次", "各地联络站工作规范（实践）"),
}

PRESETS: dict[str, dict[str, int]] = {
    "default": {},
    "上海": {},
    "重庆": {},
    "浙江": {},
    "北京": {},
    "山东": {},
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
