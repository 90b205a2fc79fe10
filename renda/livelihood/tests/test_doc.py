"""docs/workflows/livelihood.md stays true to the code: its two diagrams are BALLOT_FLOW and PROJECT_FLOW, and
every test its rules table names exists."""

import re
from pathlib import Path

from django.conf import settings

from renda.livelihood.workflows import BALLOT_FLOW, PROJECT_FLOW

DOC = Path(settings.BASE_DIR) / "docs" / "workflows" / "livelihood.md"
TESTS = Path(__file__).parent


def _edges(block: str) -> set[tuple[str, str]]:
    return set(re.findall(r"^\s*(\w+) --> (\w+)", block, re.MULTILINE))


def test_the_diagrams_are_the_flows():
    ballot, project = re.findall(r"```mermaid\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    for block, flow in ((ballot, BALLOT_FLOW), (project, PROJECT_FLOW)):
        moves = {(source, target) for source, targets in flow.transitions().items() for target in targets}
        assert {edge for edge in _edges(block) if edge[0] != "*"} == {e for e in moves if e[0] != e[1]}


def test_every_rule_names_a_test_that_exists():
    text = DOC.read_text(encoding="utf-8")
    named = set(re.findall(r"`(test_\w+)`", text))
    source = "".join(path.read_text(encoding="utf-8") for path in TESTS.glob("test_*.py"))
    assert named and all(f"def {name}(" in source for name in named)
