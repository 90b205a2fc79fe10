"""Holding a workflow page (docs/workflows/<name>.md) to the code, for any app's test_doc.py: its mermaid
diagrams are the flows, edge for edge (self-moves and the entry arrow left out), and every test its rules
table names exists in the app's tests."""

import re
from pathlib import Path

from django.conf import settings

from renda.core.workflow import Workflow

DOCS = Path(settings.BASE_DIR) / "docs" / "workflows"


def assert_diagrams_are_flows(page: str, *flows: Workflow) -> None:
    """The page's diagrams, in order, have exactly the flows' moves between states."""
    blocks = re.findall(r"```mermaid\n(.*?)```", (DOCS / page).read_text(encoding="utf-8"), re.DOTALL)
    assert len(blocks) == len(flows), f"{page}：状态图 {len(blocks)} 个，流程 {len(flows)} 个"
    for block, flow in zip(blocks, flows, strict=True):
        drawn = set(re.findall(r"^\s*(\w+) --> (\w+)", block, re.MULTILINE))
        moves = {(source, target) for source, targets in flow.transitions().items() for target in targets}
        assert drawn == {(source, target) for source, target in moves if source != target}, page


def assert_named_tests_exist(page: str, tests: Path) -> None:
    """Every `test_…` the page names is defined in a test module under `tests`."""
    named = set(re.findall(r"`(test_\w+)`", (DOCS / page).read_text(encoding="utf-8")))
    defined = {
        name
        for path in tests.glob("test_*.py")
        for name in re.findall(r"^def (test_\w+)", path.read_text(encoding="utf-8"), re.MULTILINE)
    }
    assert named and named <= defined, named - defined
