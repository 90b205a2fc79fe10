"""docs/workflows/oversight.md stays true to the code: its diagrams are the four flows, and its rules table names
tests that exist."""

from pathlib import Path

from renda.core.tests.workflow_docs import assert_diagrams_are_flows, assert_named_tests_exist
from renda.oversight.workflows import FILING_FLOW, INTERPELLATION_FLOW, ITEM_FLOW, PLAN_FLOW


def test_the_diagrams_are_the_flows():
    assert_diagrams_are_flows("oversight.md", PLAN_FLOW, ITEM_FLOW, INTERPELLATION_FLOW, FILING_FLOW)


def test_every_rule_names_a_test_that_exists():
    assert_named_tests_exist("oversight.md", Path(__file__).parent)
