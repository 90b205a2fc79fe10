"""The runtime install carries no test tools: they are in the `dev` extra only and no runtime module imports them."""

import ast
import re
import tomllib
from pathlib import Path

from django.conf import settings

TEST_TOOLS = {
    "pytest",
    "pytest_django",
    "xdist",
    "playwright",
    "factory",
    "faker",
    "hypothesis",
    "time_machine",
}
TEST_PACKAGES = {
    "pytest",
    "pytest-django",
    "pytest-xdist",
    "playwright",
    "factory-boy",
    "faker",
    "hypothesis",
}


def requirement_names(requirements: list[str]) -> set[str]:
    return {re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0].lower() for requirement in requirements}


def test_test_tools_are_in_the_dev_extra_only():
    project = tomllib.loads(Path(settings.BASE_DIR, "pyproject.toml").read_text())["project"]

    assert not requirement_names(project["dependencies"]) & (TEST_PACKAGES | {"time-machine"})
    assert {"pytest", "factory-boy", "hypothesis", "playwright"} <= requirement_names(
        project["optional-dependencies"]["dev"]
    )


def runtime_modules():
    for root in ("renda", "config"):
        for path in Path(settings.BASE_DIR, root).rglob("*.py"):
            if "tests" not in path.parts and path.name != "conftest.py":
                yield path


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_no_runtime_module_imports_a_test_tool():
    offenders = {
        str(path.relative_to(settings.BASE_DIR)): sorted(imported(path) & TEST_TOOLS)
        for path in runtime_modules()
    }

    assert {path: tools for path, tools in offenders.items() if tools} == {}
