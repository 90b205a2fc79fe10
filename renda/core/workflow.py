"""Workflows declared once: a model's moves, who may make each, when, and its guard.

A `Workflow` is a list of `Move`s over one model's `state` field. Everything else reads the declaration:

- services call `apply` (a move that changes the state, or a step that keeps it and writes an event) or
  `require` (the same checks, for a write that is not a move, such as editing a draft);
- pages show a button for each of `moves_for(user, obj)` and the API returns the same list as
  `available_actions`, so buttons, API and services cannot disagree.

`apply` locks the row (SELECT … FOR UPDATE; on SQLite the IMMEDIATE transaction serialises writers), checks
who may move, the source state and the move's condition, runs its guard, sets the target state and the
changes, bumps `version` where the model has one, saves and writes the event row through the workflow's
`record` function (an area's `WorkflowEvent` subclass, see core.models). No state-machine library.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import F

from renda.core import clock

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class Who:
    """Who may make a move: a test of (user, obj) and the message a refused user reads."""

    test: Callable[[Any, Any], bool]
    denied: str

    def __call__(self, user: Any, obj: Any) -> bool:
        return user is not None and self.test(user, obj)

    def require(self, user: Any, obj: Any = None) -> None:
        if not self(user, obj):
            raise PermissionDenied(self.denied)

    def __or__(self, other: "Who") -> "Who":
        return Who(
            lambda user, obj: self(user, obj) or other(user, obj), f"{self.denied}（或{other.denied}）"
        )


@dataclass(frozen=True)
class Move:
    """One move of a workflow.

    `source`: the states it starts from. `target`: the state it leads to, or None for a step that keeps the
    state (still an event on the timeline). `who`: who may make it; None for a consequence that only the
    services make (a reply that completes the case, an evaluation window that passes). `when`: a condition
    on the object beyond its state (a motion, a joint unit, a case still in handling) — a move whose
    condition fails is not offered and is refused as an invalid transition. `check`: a guard that raises a
    ValidationError with its own reason and code (a window that has passed); a move whose guard fails is not
    offered either. `confirm`: for an act that cannot be undone (立案, 提交, 交办, 退回 …), the question the
    page asks before it sends it (its buttons carry it as `data-confirm`, core/static/core/confirm.js asks).
    What a service validates of its input (a reason given, a file's type) is not declared."""

    name: str  # stable: the API's available_actions and the pages' buttons use it
    label: str  # the act's Chinese name: button text and timeline entry
    source: frozenset[str]
    target: str | None = None
    who: Who | None = None
    when: Callable[[Any], bool] | None = None
    check: Callable[[Any], None] | None = None
    confirm: str = ""

    def applies(self, obj: Any) -> bool:
        return obj.state in self.source and (self.when is None or self.when(obj))

    def passes(self, obj: Any) -> bool:
        if self.check is None:
            return True
        try:
            self.check(obj)
        except ValidationError:
            return False
        return True


def move(
    name: str,
    label: str,
    source: str | Iterable[str],
    target: str | None = None,
    *,
    who: Who | None = None,
    when: Callable[[Any], bool] | None = None,
    check: Callable[[Any], None] | None = None,
    confirm: str = "",
) -> Move:
    """A Move with `source` given as one state or several."""
    states = frozenset([source] if isinstance(source, str) else source)
    return Move(name, label, states, target, who=who, when=when, check=check, confirm=confirm)


Record = Callable[..., None]  # record(obj, *, action, actor, note, from_state, to_state, created_at)


class Workflow(Generic[M]):
    def __init__(
        self, model: type[M], moves: Sequence[Move], *, states: type[models.TextChoices], record: Record
    ):
        names = [m.name for m in moves]
        if len(set(names)) != len(names):
            raise ValueError(f"{model.__name__}: duplicate move names")
        unknown = {s for m in moves for s in {*m.source, m.target} if s is not None} - set(states.values)
        if unknown:
            raise ValueError(f"{model.__name__}: unknown states {sorted(unknown)}")
        self.model = model
        self.moves = list(moves)
        self.states = states
        self.record = record
        self._by_name = {m.name: m for m in moves}

    def __getitem__(self, name: str) -> Move:
        return self._by_name[name]

    # ------------------------------------------------------------ reading the declaration

    def transitions(self) -> dict[str, dict[str, str]]:
        """from-state → {to-state: label}, for every state (final states map to {})."""
        table: dict[str, dict[str, str]] = {state: {} for state in self.states.values}
        for m in self.moves:
            if m.target is not None:
                for state in m.source:
                    table[state].setdefault(m.target, m.label)
        return table

    def final_states(self) -> frozenset[str]:
        return frozenset(state for state, moves in self.transitions().items() if not moves)

    def moves_for(self, user: Any, obj: M) -> list[Move]:
        """The moves `user` may make on `obj` now, in declaration order: buttons and available_actions."""
        return [m for m in self.moves if self._offered(m, user, obj)]

    def may(self, user: Any, obj: M, name: str) -> bool:
        return self._offered(self[name], user, obj)

    @staticmethod
    def _offered(m: Move, user: Any, obj: Any) -> bool:
        return m.who is not None and m.applies(obj) and m.who(user, obj) and m.passes(obj)

    # ------------------------------------------------------------ writing

    def lock(self, obj: M) -> M:
        return self.model._default_manager.select_for_update().get(pk=obj.pk)

    def refuse(self, obj: M, name: str, *, actor: Any) -> None:
        """Raise why `actor` may not make move `name` on `obj` as it was read — PermissionDenied (403), a
        ValidationError with code invalid_transition (409), or the guard's own — without locking: pages and the
        API refuse before they read the input; the move checks again under its lock."""
        m = self[name]
        if m.who is not None:
            m.who.require(actor, obj)
        if not m.applies(obj):
            state = self.states(cast(Any, obj).state).label
            raise ValidationError(f"当前状态为「{state}」，不能{m.label}。", code="invalid_transition")
        if m.check is not None:
            m.check(obj)

    def require(self, obj: M, name: str, *, actor: AbstractBaseUser | None) -> M:
        """Check that `actor` may make move `name` on `obj` now; returns the locked row."""
        m = self[name]
        if m.who is not None:
            m.who.require(actor, obj)
        current: Any = self.lock(obj)
        self.refuse(current, name, actor=actor)  # who may can depend on the state (the author of a draft)
        return current

    @transaction.atomic
    def apply(
        self,
        obj: M,
        name: str,
        *,
        actor: AbstractBaseUser | None,
        note: str = "",
        **changes: Any,
    ) -> M:
        """Make move `name` on `obj`: lock, check, set `changes` and the target state, bump the version,
        save, write the event (dated by core.clock). Returns the saved row."""
        m = self[name]
        current: Any = self.require(obj, name, actor=actor)
        from_state = current.state
        for field, value in changes.items():
            setattr(current, field, value)
        if m.target is not None:
            current.state = m.target
        if hasattr(current, "version"):
            current.version = F("version") + 1
        current.save()
        current.refresh_from_db()
        self.record(
            current,
            action=m.label,
            actor=actor,
            note=note,
            from_state=from_state if m.target is not None else "",
            to_state=m.target or "",
            created_at=clock.now(),
        )
        return current


def actions(workflow: Workflow[Any], user: Any, obj: Any) -> list[dict[str, str]]:
    """The API's `available_actions`: [{"name": …, "label": …}] of `moves_for`."""
    return [{"name": m.name, "label": m.label} for m in workflow.moves_for(user, obj)]
