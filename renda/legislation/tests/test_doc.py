"""docs/workflows/legislation.md stays true to the code: its diagram is DRAFT_FLOW and its rules table names tests
that exist."""

from pathlib import Path

from renda.core.tests.workflow_docs import assert_diagrams_are_flows, assert_named_tests_exist
from renda.legislation.workflows import DRAFT_FLOW


def test_the_diagram_is_the_flow():
    assert_diagrams_are_flows("legislation.md", DRAFT_FLOW)


def test_every_rule_names_a_test_that_exists():
    assert_named_tests_exist("legislation.md", Path(__file__).parent)
