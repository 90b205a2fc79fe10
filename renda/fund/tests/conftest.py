"""People of the fund's tests: the office's clerk and a deputy, the project-wide users under the names the
suggestions tests give them."""

import pytest


@pytest.fixture
def office(clerk):
    """A clerk of a committee office."""
    return clerk


@pytest.fixture
def deputy(deputy_user):
    return deputy_user
