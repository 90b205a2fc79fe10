"""People of the fund's tests: the office's clerk and a deputy, the project-wide users under the names the
suggestions tests give them."""

import pytest


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def office(clerk):
    """A clerk of a committee office."""
    return clerk


@pytest.fixture
def deputy(deputy_user):
    return deputy_user
