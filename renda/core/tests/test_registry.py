"""Apps declare themselves in platform.py and core finds them (core.registry); core names no app (house rule 13)."""

import ast
import io
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.utils.module_loading import module_has_submodule

from renda.core import registry
from renda.core.navigation import NavArea, NavLink
from renda.core.registry import MODULE, Platform, TickJob, build, platforms
from renda.core.roles import Role
from renda.core.rules import Rule

CORE = Path(registry.__file__).resolve().parent
AREAS = ("org", "deputies", "suggestions", "fund", "demo")  # core must not name these at all
IDENTITY = "accounts"  # core may name the identity app in strings (user model, sign-in URLs), never import it

# ------------------------------------------------------------------------------------------------- discovery


def test_every_installed_app_with_a_platform_module_is_found_in_installed_apps_order():
    with_module = [
        config.name for config in apps.get_app_configs() if module_has_submodule(config.module, MODULE)
    ]
    found = [platform.app_module for platform in platforms().platforms]
    assert found == with_module
    assert "renda.core" in found and len(found) > 1


def test_the_registry_collects_what_each_platform_declares():
    registry_ = platforms()
    declared = registry_.platforms
    assert registry_.todos == [provider for p in declared for provider in p.todos]
    assert [job for _, job in registry_.tick_jobs] == [job for p in declared for job in p.tick_jobs]
    for platform in declared:
        assert set(platform.rules) <= set(registry_.rules)
        assert set(platform.capabilities) <= set(registry_.capabilities)
        for name in platform.capabilities:
            assert name.startswith(f"{platform.app_label}.")


def test_discovery_happens_once(monkeypatch):
    first = platforms()
    assert platforms() is first
    monkeypatch.setattr(registry, "_registry", None)
    again = platforms()
    assert again is not first
    assert [p.app_module for p in again.platforms] == [p.app_module for p in first.platforms]


def test_reading_the_registry_while_platform_modules_are_imported_is_an_error(monkeypatch):
    monkeypatch.setattr(registry, "_registry", None)
    monkeypatch.setattr(registry, "_discovering", True)
    with pytest.raises(ImproperlyConfigured):
        platforms()


# ------------------------------------------------------------------------------------------------- ordering


def test_navigation_areas_in_their_declared_order():
    assert [area.label for area in platforms().navigation] == [
        "代表",
        "履职档案",
        "联络站",
        "建议议案",
        "专项资金",
        "群众意见",
        "交办件",
        "监督工作",
        "会议",
        "表决",
        "人事任免",
        "民生实事",
        "立法联系点",
        "预算监督",
        "组织机构",
        "账号",
    ]
    orders = [area.order for area in platforms().navigation]
    assert orders == sorted(orders)


def area(label: str, order: int) -> NavArea:
    return NavArea(label, [NavLink(label, "home")], order=order)


def test_areas_are_sorted_by_order_not_by_app():
    late = Platform(navigation=[area("乙", 50)], app_label="b")
    early = Platform(navigation=[area("甲", 5), area("丙", 70)], app_label="a")
    assert [a.label for a in build([late, early]).navigation] == ["甲", "乙", "丙"]


def test_two_areas_with_one_order_are_refused():
    with pytest.raises(ImproperlyConfigured, match="顺序相同"):
        build([Platform(navigation=[area("甲", 10)]), Platform(navigation=[area("乙", 10)])])


# ------------------------------------------------------------------------------------------------- checks

RULE = Rule("测试规则", 1, "次", "测试")


@pytest.mark.parametrize(
    ("platforms_", "message"),
    [
        (
            [Platform(rules={"x": RULE}, app_label="a"), Platform(rules={"x": RULE}, app_label="b")],
            "重复声明",
        ),
        ([Platform(rules={"x": RULE}, presets={"上海": {"y": 2}}, app_label="a")], "不属于本应用"),
        ([Platform(capabilities={"b.do": "做"}, app_label="a")], "须以 a. 开头"),
        (
            [Platform(capabilities={"a.do": "做"}, app_label="a"), Platform(capabilities={"a.do": "做"})],
            "重复声明",
        ),
        ([Platform(capabilities={"a.do": "做"}, grants={Role.CLERK: ["a.other"]}, app_label="a")], "未声明"),
        ([Platform(capabilities={"a.do": "做"}, grants={"nobody": ["a.do"]}, app_label="a")], "未知角色"),
    ],
)
def test_inconsistent_declarations_are_refused(platforms_, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        build(platforms_)


def test_presets_merge_across_apps_and_default_sets_nothing():
    built = build(
        [
            Platform(rules={"x": RULE}, presets={"上海": {"x": 2}}, app_label="a"),
            Platform(rules={"y": RULE}, presets={"上海": {"y": 3}, "重庆": {"y": 4}}, app_label="b"),
        ]
    )
    assert built.presets == {"default": {}, "上海": {"x": 2, "y": 3}, "重庆": {"y": 4}}


def test_administrators_hold_every_capability_and_others_what_they_are_granted():
    built = build(
        [Platform(capabilities={"a.do": "做", "a.see": "看"}, grants={Role.MEMBER: ["a.see"]}, app_label="a")]
    )
    assert built.grants[Role.ADMIN] == {"a.do", "a.see"}
    assert built.grants[Role.MEMBER] == {"a.see"}
    assert built.grants[Role.CLERK] == frozenset()


# ------------------------------------------------------------------------------------------------- renda_tick


def counting(*, today):
    return {"counted": today.day}


@pytest.mark.django_db
def test_renda_tick_runs_every_registered_job_one_line_each(monkeypatch):
    declared = build(
        [
            Platform(tick_jobs=[TickJob(steps=[counting])], app_label="a", app_module="renda.a"),
            Platform(tick_jobs=[TickJob(steps=[counting, counting], label="乙")], app_label="b"),
        ]
    )
    monkeypatch.setattr(registry, "_registry", declared)
    out = io.StringIO()
    call_command("renda_tick", "--date", "2026-03-08", stdout=out)
    assert out.getvalue().splitlines() == ["renda.a：counted 8", "乙：counted 16"]


# ------------------------------------------------------------------------------------------------- core names no app

APP_NAME = re.compile(rf"(?<![\w.])(renda\.)?({'|'.join(AREAS)})(?=[.:])")


def _code_strings(tree: ast.AST) -> list[str]:
    """String constants of the module but its docstrings (which may give examples)."""
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def _imports(tree: ast.AST) -> list[str]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def core_files(suffix: str) -> list[Path]:
    return [path for path in CORE.rglob(f"*{suffix}") if "tests" not in path.relative_to(CORE).parts]


def test_core_modules_neither_import_nor_name_an_app():
    offences = []
    for path in core_files(".py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name in _imports(tree):
            if name.split(".")[:2] in [["renda", app] for app in (*AREAS, IDENTITY)]:
                offences.append(f"{path.relative_to(CORE)} imports {name}")
        for text in _code_strings(tree):
            if APP_NAME.search(text):
                offences.append(f"{path.relative_to(CORE)} names {text!r}")
    assert offences == []


def test_core_templates_name_no_area():
    offences = [
        f"{path.relative_to(CORE)}: {match.group(0)}"
        for path in core_files(".html")
        for match in re.finditer(rf"['\"]({'|'.join(AREAS)}):", path.read_text(encoding="utf-8"))
    ]
    assert offences == []


def test_the_check_would_catch_an_app_named_in_code():
    tree = ast.parse(
        '"""Docstrings may say renda.suggestions."""\nfrom renda.org import models\nX = "deputies:list"\n'
    )
    assert _imports(tree) == ["renda.org"]
    assert [text for text in _code_strings(tree) if APP_NAME.search(text)] == ["deputies:list"]


def test_the_system_check_passes_and_catches_a_broken_menu_link(monkeypatch):
    from renda.core.registry import check_platforms

    assert check_platforms() == []
    broken = NavArea(
        "甲", [NavLink("乙", "no_such_page"), NavLink("丙", "home", capability="a.nothing")], order=1
    )
    monkeypatch.setattr(registry, "_registry", build([Platform(navigation=[broken], app_label="a")]))
    assert [error.id for error in check_platforms()] == ["renda.E002", "renda.E003"]
    monkeypatch.setattr(registry, "_registry", None)
    monkeypatch.setattr(registry, "_discovering", True)
    assert [error.id for error in check_platforms()] == ["renda.E001"]
