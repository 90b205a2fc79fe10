"""docs/workflows/casework.md stays true to the code: its diagram and its table of moves are the declared flow."""

import re
from pathlib import Path

from django.conf import settings

from renda.suggestions.workflows import CASES

DOC = Path(settings.BASE_DIR) / "docs" / "workflows" / "casework.md"


def test_the_diagram_has_every_edge_of_the_assignment_flow_and_no_other():
    block = re.search(r"```mermaid\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL).group(1)
    edges = set(re.findall(r"^\s*(\w+) --> (\w+)", block, re.MULTILINE))
    declared = {(source, target) for source, moves in CASES.flow.transitions().items() for target in moves}
    assert edges == declared


def test_the_moves_table_lists_every_move_with_its_label_source_and_target():
    rows = re.findall(
        r"^\| `(\w+)` \| (\S+) \| ([\w, ]+) \| (\S+) \|", DOC.read_text(encoding="utf-8"), re.MULTILINE
    )
    documented = [
        (n, label, frozenset(src.split(", ")), None if to == "—" else to) for n, label, src, to in rows
    ]
    assert documented == [(m.name, m.label, m.source, m.target) for m in CASES.flow.moves]
