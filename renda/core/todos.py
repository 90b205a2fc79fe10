"""The 工作台 to-do list: each app contributes providers, functions (user) -> list[TodoItem], declared in its
`platform.py` (Platform.todos, found by core.registry), so the kernel does not name the apps. A provider
returns only what concerns the user's own roles and links, and an empty list otherwise.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from renda.core import clock
from renda.core.registry import platforms
from renda.core.rules import rule

OK, SOON, OVERDUE = "ok", "soon", "overdue"
URGENCY_ORDER = {OVERDUE: 0, SOON: 1, OK: 2}


def urgency_of(due: datetime.date | None, today: datetime.date | None = None) -> str:
    """The traffic light of a deadline: overdue before today, soon within rule("due_soon_days") days, ok
    otherwise (and without a date)."""
    if due is None:
        return OK
    today = today or clock.today()
    if due < today:
        return OVERDUE
    if due <= today + datetime.timedelta(days=rule("due_soon_days")):
        return SOON
    return OK


@dataclass(frozen=True)
class TodoItem:
    title: str
    url: str
    source: str  # what the item comes from, e.g. 接待日, 组织机构
    due: datetime.date | None = None
    urgency: str = ""  # ok / soon / overdue; computed from `due` when not given

    def __post_init__(self) -> None:
        if not self.urgency:
            object.__setattr__(self, "urgency", urgency_of(self.due))


def providers() -> list[Callable[..., list[TodoItem]]]:
    """Every app's providers, in INSTALLED_APPS order."""
    return platforms().todos


def todos_for(user) -> list[TodoItem]:
    """Everything every provider has for `user`: overdue first, then soon, then the rest; earliest due first."""
    items = [item for provider in providers() for item in provider(user)]
    return sorted(
        items,
        key=lambda item: (
            URGENCY_ORDER[item.urgency],
            item.due is None,
            item.due or datetime.date.min,
            item.title,
        ),
    )
