"""docs/workflows/meetings.md stays true to the code: its diagrams are MEETING_FLOW and RESOLUTION_FLOW, and its rules table names
tests that exist."""

from pathlib import Path

from renda.core.tests.workflow_docs import assert_diagrams_are_flows, assert_named_tests_exist
from renda.meetings.workflows import MEETING_FLOW, RESOLUTION_FLOW


def test_the_diagrams_are_the_flows():
    assert_diagrams_are_flows("meetings.md", MEETING_FLOW, RESOLUTION_FLOW)


def test_every_rule_names_a_test_that_exists():
    assert_named_tests_exist("meetings.md", Path(__file__).parent)
