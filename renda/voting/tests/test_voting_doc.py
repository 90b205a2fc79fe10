"""docs/workflows/voting.md stays true to the code: its diagram and its moves table are VOTE_FLOW."""

import re
from pathlib import Path

from django.conf import settings

from renda.voting.workflows import VOTE_FLOW

DOC = Path(settings.BASE_DIR) / "docs" / "workflows" / "voting.md"


def test_the_diagram_and_the_moves_table_are_the_flow():
    text = DOC.read_text(encoding="utf-8")
    block = re.search(r"```mermaid\n(.*?)```", text, re.DOTALL).group(1)
    edges = set(re.findall(r"^\s*(\w+) --> (\w+)", block, re.MULTILINE))
    assert edges == {
        (source, target) for source, moves in VOTE_FLOW.transitions().items() for target in moves
    }
    rows = re.findall(r"^\| `(\w+)` \| (\S+) \| (\w+) \| (\S+) \|", text, re.MULTILINE)
    assert rows == [(m.name, m.label, *m.source, m.target or "—") for m in VOTE_FLOW.moves]
