"""Configurable rules from shared/RULES.md marked 【地】 (local regulation or practice).

Each app declares its rules (name -> Rule) and its values under named presets in its `platform.py`
(core.registry); a deployment picks a preset with RENDA_RULE_PRESET and may override single values in
RENDA_RULE_OVERRIDES. A preset sets only what it changes; the rest keep their defaults. National rules (【国】)
are constants in the code that enforces them, not settings.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from renda.core.registry import platforms


@dataclass(frozen=True)
class Rule:
    label: str
    default: int
    unit: str  # "自然日" / "工作日" / "月" / "次"
    source: str


def rules() -> dict[str, Rule]:
    """Every declared rule by name."""
    return platforms().rules


def presets() -> dict[str, dict[str, int]]:
    """Every preset by name ("default" sets nothing), with the values the apps declared for it."""
    return platforms().presets


def rule(name: str) -> int:
    """The value in force for rule `name`."""
    registry = platforms()
    if name not in registry.rules:
        raise KeyError(f"unknown rule {name!r}")
    preset_name = getattr(settings, "RENDA_RULE_PRESET", "default")
    if preset_name not in registry.presets:
        known = ", ".join(registry.presets)
        raise ImproperlyConfigured(f"RENDA_RULE_PRESET={preset_name!r} 不是已知的预设：{known}")
    overrides = getattr(settings, "RENDA_RULE_OVERRIDES", {})
    if name in overrides:
        return overrides[name]
    return registry.presets[preset_name].get(name, registry.rules[name].default)
