"""docs/workflows/livelihood.md stays true to the code: its diagrams are BALLOT_FLOW, PROJECT_FLOW and FINDING_FLOW, and its rules table names
tests that exist."""

from pathlib import Path

from renda.core.tests.workflow_docs import assert_diagrams_are_flows, assert_named_tests_exist
from renda.livelihood.workflows import BALLOT_FLOW, FINDING_FLOW, PROJECT_FLOW


def test_the_diagrams_are_the_flows():
    assert_diagrams_are_flows("livelihood.md", BALLOT_FLOW, PROJECT_FLOW, FINDING_FLOW)


def test_every_rule_names_a_test_that_exists():
    assert_named_tests_exist("livelihood.md", Path(__file__).parent)
