"""docs/workflows/suggestions.md stays true to the code: its diagrams match the transition tables edge for
edge, and its table of local rules gives the values of core/rules.py for every preset."""

import re
from pathlib import Path

from django.conf import settings

from renda.core.rules import presets, rules
from renda.suggestions.workflows import ASSIGNMENT_FLOW, ASSIGNMENT_TRANSITIONS, SUGGESTION_FLOW, TRANSITIONS

DOC = Path(settings.BASE_DIR) / "docs" / "workflows" / "suggestions.md"
EDGE = re.compile(r"^\s*(\w+) --> (\w+)", re.MULTILINE)


def mermaid_edges() -> list[set[tuple[str, str]]]:
    blocks = re.findall(r"```mermaid\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    return [set(EDGE.findall(block)) for block in blocks]


def test_state_diagram_has_every_TRANSITIONS_edge_and_no_other():
    table = {(source, target) for source, moves in TRANSITIONS.items() for target in moves}
    assert mermaid_edges()[0] == table


def test_assignment_diagram_has_every_ASSIGNMENT_TRANSITIONS_edge_and_no_other():
    table = {(source, target) for source, targets in ASSIGNMENT_TRANSITIONS.items() for target in targets}
    assert mermaid_edges()[1] == table


def rules_read_by_the_workflow() -> set[str]:
    code = "".join(
        path.read_text(encoding="utf-8") for path in (DOC.parents[2] / "renda" / "suggestions").glob("*.py")
    )
    return set(re.findall(r"""rule\(["'](\w+)["']\)""", code))


def test_local_rules_table_has_every_rule_the_workflow_reads_with_each_preset_value():
    text = DOC.read_text(encoding="utf-8")
    columns = ["default", "上海", "重庆", "浙江", "北京", "山东"]
    PRESETS, RULES = presets(), rules()
    listed = {name for name in re.findall(r"\(`(\w+)`", text) if name in RULES}
    # every preset that sets a rule of this page has its column (other areas' presets set only their own)
    setting = {preset for preset, values in PRESETS.items() if set(values) & listed}
    assert {"default"} | setting <= set(columns)
    assert rules_read_by_the_workflow() <= listed
    for name in listed:
        row = re.search(rf"^\|[^|\n]*\(`{name}`[^|\n]*\|[^|\n]*\|(.*)$", text, re.MULTILINE)
        values = [cell.strip() for cell in row.group(1).split("|")][: len(columns)]
        expected = [str(PRESETS[preset].get(name, RULES[name].default)) for preset in columns]
        assert values == expected, name


def test_moves_tables_list_every_declared_move_with_its_label_source_and_target():
    text = DOC.read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(\w+)` \| (\S+) \| ([\w, ]+) \| (\S+) \|", text, re.MULTILINE)
    documented = [
        (name, label, frozenset(source.split(", ")), None if to == "—" else to)
        for name, label, source, to in rows
    ]
    declared = [
        (move.name, move.label, move.source, move.target)
        for flow in (SUGGESTION_FLOW, ASSIGNMENT_FLOW)
        for move in flow.moves
    ]
    assert documented == declared
