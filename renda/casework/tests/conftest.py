"""The people of the suggestions tests: suggestions are casework's first kind of case."""

from renda.suggestions.tests.conftest import (  # noqa: F401
    colleague,
    deputy,
    office,
    officer,
    other_officer,
)
