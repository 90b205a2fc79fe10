"""docs/workflows/duties.md stays true to the code: its two diagrams and moves tables are ENTRY_FLOW and
REPORT_FLOW, its points table and rules table name every rule of the area with its default."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from renda.core.rules import rules
from renda.duties.figures import FIGURES
from renda.duties.workflows import ENTRY_FLOW, REPORT_FLOW

DOC = Path(settings.BASE_DIR) / "docs" / "workflows" / "duties.md"
TEXT = DOC.read_text(encoding="utf-8")
FLOWS = [ENTRY_FLOW, REPORT_FLOW]


@pytest.mark.parametrize("index", [0, 1], ids=["entry", "report"])
def test_each_diagram_has_every_edge_of_its_flow_and_no_other(index):
    block = re.findall(r"```mermaid\n(.*?)```", TEXT, re.DOTALL)[index]
    edges = set(re.findall(r"^\s*(\w+) --> (\w+)", block, re.MULTILINE))
    flow = FLOWS[index]
    assert edges == {(source, target) for source, moves in flow.transitions().items() for target in moves}


@pytest.mark.parametrize(("heading", "index"), [("### Moves of an entry", 0), ("### Moves of a report", 1)])
def test_each_moves_table_lists_every_move_with_its_label_source_and_target(heading, index):
    section = TEXT.split(heading, 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]
    rows = re.findall(r"^\| `(\w+)` \| (\S+) \| ([\w, ]+) \| (\S+) \|", section, re.MULTILINE)
    documented = [
        (n, label, frozenset(src.split(", ")), None if to == "—" else to) for n, label, src, to in rows
    ]
    assert documented == [(m.name, m.label, m.source, m.target) for m in FLOWS[index].moves]


def test_the_points_table_gives_every_figure_s_rule_and_default():
    for figure in FIGURES:
        assert re.search(
            rf"^\|[^\n]*\| `{figure.rule}` \| {figure.default_points} \|$", TEXT, re.MULTILINE
        ), figure.rule


def test_the_rules_table_names_every_rule_of_the_area_with_its_default():
    for name, declared in rules().items():
        if name.startswith("duty_") and not name.startswith("duty_points_"):
            row = re.search(rf"^\|[^\n]*`{name}`[^\n]*$", TEXT, re.MULTILINE)
            assert row and f"| {declared.default} |" in row.group(0), name
