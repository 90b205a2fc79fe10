"""docs/workflows/budget.md stays true to the code: its diagram is ALERT_FLOW, and its rules table names tests that
exist."""

from pathlib import Path

from renda.budget.workflows import ALERT_FLOW
from renda.core.tests.workflow_docs import assert_diagrams_are_flows, assert_named_tests_exist


def test_the_diagram_is_the_flow():
    assert_diagrams_are_flows("budget.md", ALERT_FLOW)


def test_every_rule_names_a_test_that_exists():
    assert_named_tests_exist("budget.md", Path(__file__).parent)
