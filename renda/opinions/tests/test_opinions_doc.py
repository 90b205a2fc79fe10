"""docs/workflows/opinions.md stays true to the code: its diagram and its moves table are OPINION_FLOW."""

import re
from pathlib import Path

from django.conf import settings

from renda.core.rules import rules
from renda.opinions.workflows import OPINION_FLOW

DOC = Path(settings.BASE_DIR) / "docs" / "workflows" / "opinions.md"


def test_the_diagram_has_every_edge_of_the_flow_and_no_other():
    block = re.search(r"```mermaid\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL).group(1)
    edges = {edge for edge in re.findall(r"^\s*(\w+) --> (\w+)", block, re.MULTILINE)}
    declared = {(source, target) for source, moves in OPINION_FLOW.transitions().items() for target in moves}
    assert edges == declared


def test_the_moves_table_lists_every_move_with_its_label_source_and_target():
    rows = re.findall(
        r"^\| `(\w+)` \| (\S+) \| ([\w, ]+) \| (\S+) \|", DOC.read_text(encoding="utf-8"), re.MULTILINE
    )
    documented = [
        (n, label, frozenset(src.split(", ")), None if to == "—" else to) for n, label, src, to in rows
    ]
    assert documented == [(m.name, m.label, m.source, m.target) for m in OPINION_FLOW.moves]


def test_the_rules_table_names_every_rule_of_the_area_with_its_default():
    text = DOC.read_text(encoding="utf-8")
    declared = {name: rule for name, rule in rules().items() if name.startswith("opinion_")}
    for name, rule in declared.items():
        row = re.search(rf"^\|[^\n]*`{name}`[^\n]*$", text, re.MULTILINE)
        assert row, name
    assert "| 10 |" in text and "| 5 / 10 |" in text and "| 1095 |" in text
