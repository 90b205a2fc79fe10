"""docs/workflows/appointments.md stays true to the code: its diagram is APPOINTMENT_FLOW, edge for edge, and its
rules table names tests that exist."""

import re
from pathlib import Path

from django.conf import settings

from renda.appointments.workflows import APPOINTMENT_FLOW, APPRAISAL_FLOW

DOC = Path(settings.BASE_DIR) / "docs" / "workflows" / "appointments.md"
TESTS = Path(__file__).parent


def test_the_diagrams_are_the_flows():
    text = DOC.read_text(encoding="utf-8")
    blocks = re.findall(r"```mermaid\n(.*?)```", text, re.DOTALL)
    for block, flow in zip(blocks, (APPOINTMENT_FLOW, APPRAISAL_FLOW), strict=True):
        edges = set(re.findall(r"^\s*(\w+) --> (\w+)", block, re.MULTILINE))
        assert edges == {(source, target) for source, moves in flow.transitions().items() for target in moves}


def test_every_rule_names_a_test_that_exists():
    text = DOC.read_text(encoding="utf-8")
    named = set(re.findall(r"`(test_\w+)`", text))
    defined = {
        name
        for path in TESTS.glob("test_*.py")
        for name in re.findall(r"^def (test_\w+)", path.read_text(), re.M)
    }
    assert named and named <= defined, named - defined
