"""docs/workflows/appointments.md stays true to the code: its diagrams are APPOINTMENT_FLOW and APPRAISAL_FLOW, and its rules table names
tests that exist."""

from pathlib import Path

from renda.appointments.workflows import APPOINTMENT_FLOW, APPRAISAL_FLOW
from renda.core.tests.workflow_docs import assert_diagrams_are_flows, assert_named_tests_exist


def test_the_diagrams_are_the_flows():
    assert_diagrams_are_flows("appointments.md", APPOINTMENT_FLOW, APPRAISAL_FLOW)


def test_every_rule_names_a_test_that_exists():
    assert_named_tests_exist("appointments.md", Path(__file__).parent)
