"""What each app adds to the platform, found the way Django admin finds `admin.py`.

Every app that adds something declares it in its own `platform.py`, as one `Platform` named `PLATFORM`:

    # renda/<app>/platform.py
    PLATFORM = Platform(
        todos=[...],           # functions (user) -> list[TodoItem] for the 工作台 (core.todos)
        tick_jobs=[...],       # TickJob: daily steps of renda_tick, reminders among them (core.reminders)
        navigation=[...],      # NavArea with an explicit `order` (core.navigation)
        rules={...},           # local (【地】) rules: name -> Rule (core.rules)
        presets={...},         # preset name -> {rule name: value}, for this app's rules only
        capabilities={...},    # "<app_label>.<name>" -> label (core.roles.can)
        grants={...},          # Role -> capabilities of this app the role holds
        case_kinds=[...],      # kinds of case that units handle (renda.casework.kinds.CaseKind)
        tallies=[...],         # counts kept as work happens, read by statistics (renda.core.facts.Tally)
        dashboard=[...],       # DashboardSection: this area's part of the 驾驶舱, for who may read it
    )

`platforms()` imports every installed app's `platform` module on first use (thread-safe, once) and checks the
declarations against each other: a rule, preset value or capability declared twice, a capability outside its
app's label, or a grant of an undeclared capability is an ImproperlyConfigured error. Adding an area edits no
file of core.
"""

from __future__ import annotations

import datetime
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import autodiscover_modules

if TYPE_CHECKING:
    from renda.core.navigation import NavArea
    from renda.core.reminders import Reminder
    from renda.core.rules import Rule
    from renda.core.todos import TodoItem

MODULE = "platform"  # the module each app declares itself in: renda/<app>/platform.py


@dataclass(frozen=True)
class TickJob:
    """One daily job of renda_tick, printed as one line "<app>：name count，…".

    Its steps run in order; each is a function (*, today) -> dict of counts, or a `Reminder` (counted under
    its name unless `counted=False`). Put the steps that update the states reminders read before them, and the
    ones that close what the day ended after them. Every step must be idempotent (house rule 9)."""

    steps: Sequence[Callable[..., dict[str, int]] | Reminder]
    label: str = ""  # the line's prefix; the app's module (e.g. renda.suggestions) when empty

    def run(self, *, today: datetime.date) -> dict[str, int]:
        """Run the steps in order; their counts, merged in that order."""
        from renda.core.reminders import Reminder, reminders_send

        counts: dict[str, int] = {}
        for step in self.steps:
            found = reminders_send([step], today=today) if isinstance(step, Reminder) else step(today=today)
            for name, value in found.items():
                counts[name] = counts.get(name, 0) + value
        return counts


@dataclass(frozen=True)
class DashboardSection:
    """An area's part of the 驾驶舱 (the year at a glance): `figures(year)` computes it in the database and
    `template` renders it with `figures` and `year`; shown, by ascending `order`, to who holds `capability`."""

    template: str
    figures: Callable[[int], Any]
    capability: str
    order: int


@dataclass(frozen=True)
class Platform:
    todos: Sequence[Callable[[Any], list[TodoItem]]] = ()
    tick_jobs: Sequence[TickJob] = ()
    navigation: Sequence[NavArea] = ()
    rules: Mapping[str, Rule] = field(default_factory=dict)
    presets: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    capabilities: Mapping[str, str] = field(default_factory=dict)
    grants: Mapping[str, Sequence[str]] = field(default_factory=dict)
    case_kinds: Sequence[Any] = ()
    tallies: Sequence[Any] = ()
    dashboard: Sequence[DashboardSection] = ()
    # Filled in by discovery: the app that declared it.
    app_label: str = ""
    app_module: str = ""


@dataclass(frozen=True)
class Registry:
    platforms: tuple[Platform, ...]
    rules: dict[str, Rule]
    presets: dict[str, dict[str, int]]
    capabilities: dict[str, str]
    grants: dict[str, frozenset[str]]

    @property
    def todos(self) -> list[Callable[[Any], list[TodoItem]]]:
        return [provider for platform in self.platforms for provider in platform.todos]

    @property
    def tick_jobs(self) -> list[tuple[Platform, TickJob]]:
        return [(platform, job) for platform in self.platforms for job in platform.tick_jobs]

    @property
    def reminders(self) -> list[Reminder]:
        from renda.core.reminders import Reminder

        return [step for _, job in self.tick_jobs for step in job.steps if isinstance(step, Reminder)]

    @property
    def navigation(self) -> list[NavArea]:
        areas = [area for platform in self.platforms for area in platform.navigation]
        return sorted(areas, key=lambda area: area.order)

    @property
    def tallies(self) -> list[Any]:
        return [tally for platform in self.platforms for tally in platform.tallies]

    @property
    def dashboard(self) -> list[DashboardSection]:
        sections = [section for platform in self.platforms for section in platform.dashboard]
        return sorted(sections, key=lambda section: section.order)


_lock = threading.RLock()
_registry: Registry | None = None
_discovering = False


def platforms() -> Registry:
    """Every app's declarations, discovered on first use."""
    global _registry, _discovering
    if _registry is None:
        with _lock:
            if _discovering:
                raise ImproperlyConfigured(
                    "导入 platform 模块时不能读取平台声明（规则、权限等）：请在函数内读取，而不是在模块顶层。"
                )
            if _registry is None:
                _discovering = True
                try:
                    _registry = _discover()
                finally:
                    _discovering = False
    return _registry


def reset() -> None:
    """Forget what was discovered (tests that declare platforms of their own)."""
    global _registry
    with _lock:
        _registry = None


def _discover() -> Registry:
    autodiscover_modules(MODULE)
    found = []
    for config in apps.get_app_configs():
        module = sys.modules.get(f"{config.name}.{MODULE}")  # imported by autodiscover_modules, if it exists
        declared = getattr(module, "PLATFORM", None)
        if declared is None:
            continue
        if not isinstance(declared, Platform):
            raise ImproperlyConfigured(f"{config.name}.{MODULE}.PLATFORM 不是 Platform。")
        found.append(_with_app(declared, config.label, config.name))
    return build(found)


def _with_app(platform: Platform, app_label: str, app_module: str) -> Platform:
    return replace(platform, app_label=app_label, app_module=app_module)


def build(found: Sequence[Platform]) -> Registry:
    """Merge and check the declarations of `found` platforms (in INSTALLED_APPS order)."""
    from renda.core.roles import Role

    rules: dict[str, Rule] = {}
    presets: dict[str, dict[str, int]] = {"default": {}}
    capabilities: dict[str, str] = {}
    grants: dict[str, set[str]] = {role: set() for role in Role.values}
    orders: dict[int, str] = {}
    for platform in found:
        where = platform.app_module or platform.app_label or "?"
        for name, item in platform.rules.items():
            if name in rules:
                raise ImproperlyConfigured(f"规则 {name} 重复声明（{where}）。")
            rules[name] = item
        for preset, values in platform.presets.items():
            for name, value in values.items():
                if name not in platform.rules:
                    raise ImproperlyConfigured(f"{where} 的预设 {preset} 设置了不属于本应用的规则 {name}。")
                presets.setdefault(preset, {})[name] = value
        for name, label in platform.capabilities.items():
            if platform.app_label and not name.startswith(f"{platform.app_label}."):
                raise ImproperlyConfigured(f"权限 {name} 须以 {platform.app_label}. 开头（{where}）。")
            if name in capabilities:
                raise ImproperlyConfigured(f"权限 {name} 重复声明（{where}）。")
            capabilities[name] = label
        for role, names in platform.grants.items():
            if role not in grants:
                raise ImproperlyConfigured(f"{where} 授权给未知角色 {role}。")
            unknown = set(names) - set(platform.capabilities)
            if unknown:
                raise ImproperlyConfigured(
                    f"{where} 授予了本应用未声明的权限：{'、'.join(sorted(unknown))}。"
                )
            grants[role] |= set(names)
        for area in platform.navigation:
            if area.order in orders:
                raise ImproperlyConfigured(f"导航栏目「{area.label}」与「{orders[area.order]}」顺序相同。")
            orders[area.order] = area.label
    # Administrators hold every capability.
    grants[Role.ADMIN] = set(capabilities)
    return Registry(
        platforms=tuple(found),
        rules=rules,
        presets=presets,
        capabilities=capabilities,
        grants={role: frozenset(names) for role, names in grants.items()},
    )


def check_platforms(app_configs=None, **kwargs) -> list:
    """System check (manage.py check, runserver, migrate): the declarations load, agree, and every menu link
    resolves."""
    from django.core.checks import Error
    from django.urls import NoReverseMatch, reverse

    try:
        registry = platforms()
    except ImproperlyConfigured as exc:
        return [Error(str(exc), id="renda.E001")]
    errors = []
    for area in registry.navigation:
        for link in area.links:
            try:
                reverse(link.url_name)
            except NoReverseMatch:
                errors.append(
                    Error(
                        f"导航「{area.label} / {link.label}」的地址 {link.url_name} 不存在。", id="renda.E002"
                    )
                )
            if link.capability and link.capability not in registry.capabilities:
                errors.append(
                    Error(f"导航「{link.label}」要求未声明的权限 {link.capability}。", id="renda.E003")
                )
    return errors
