"""The unit's to-dos for the 工作台 (core.todos): what it owes in every kind of case, with the traffic lights."""

from renda.casework.selectors import unit_todo
from renda.core.todos import TodoItem

LIMIT = 20


def unit_assignments(user) -> list[TodoItem]:
    """For a handling unit's officers: open assignments of every kind, each with the deadline that matters to
    it (the joint opinion for 会办 units, the answer otherwise)."""
    return [
        TodoItem(f"{owed.step}：{owed.title}", owed.url, owed.kind.label, due=owed.due)
        for owed in unit_todo(user, limit=LIMIT)
    ]
