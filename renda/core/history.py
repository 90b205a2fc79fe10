"""Field-level history of registry records (django-simple-history) as the pages show it: newest first, each
row who changed which field from what to what, and when; the record's creation as a row of its own.

Records may have no history rows at all (the demo generator and imports bulk-create them), or start with an
edit instead of the creation; both are shown as far as the rows go, never as an error. Values are read as
the pages write them: choices by their labels, foreign keys by the objects they name (one query per related
model for the whole page), dates as 2024年3月8日, yes/no in Chinese, nothing as （空）."""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, cast

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models

from renda.core.formats import cn_date

EMPTY = "（空）"
DELETED = "（已删除）"
# Bookkeeping columns that no reader edits; never shown as changes.
BOOKKEEPING = frozenset({"version", "created_at", "updated_at"})


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime.datetime
    who: str
    created: bool  # the record was created; `changes` is empty then
    changes: list[FieldChange]

    @property
    def changed(self) -> list[str]:
        """The labels of the fields changed, in the order of the form."""
        return [change.label for change in self.changes]


def history_user_set(obj: models.Model, user: AbstractBaseUser | None) -> None:
    """Name `user` as the author of the history row the next save of `obj` writes (django-simple-history
    reads the instance's `_history_user`, an attribute no model declares)."""
    cast(Any, obj)._history_user = user


def field_history(
    obj: models.Model,
    *,
    limit: int = 50,
    hidden: Iterable[str] = (),
    shown_as: dict[str, Callable[[Any], str]] | None = None,
) -> list[HistoryEntry]:
    """The last `limit` history rows of `obj` as entries, newest first.

    A row that changed nothing shown is left out; the oldest row is an entry only if it is the creation.
    `hidden` names more fields never shown; `shown_as` formats a field's non-empty values (e.g. a masked
    phone number for readers who may not see it)."""
    model = type(obj)
    fields_in_order = {field.name: index for index, field in enumerate(model._meta.fields)}
    excluded = BOOKKEEPING | set(hidden)
    history = cast(Any, obj).history  # the manager HistoricalRecords adds to the model
    records = list(
        history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    newer = records[:limit]
    older = [*records[1:], None][: len(newer)]  # each row's predecessor; None for the oldest there is
    deltas = [
        (
            record,
            record.diff_against(previous, excluded_fields=excluded).changes if previous is not None else None,
        )
        for record, previous in zip(newer, older, strict=True)
    ]
    related = _related_objects(model, (change for _, changes in deltas for change in changes or ()))
    entries = []
    for record, changes in deltas:
        who = record.history_user.display_name if record.history_user else "系统"
        if changes is None:
            if record.history_type == "+":
                entries.append(HistoryEntry(record.history_date, who, True, []))
            continue
        shown = [
            FieldChange(
                str(_concrete_field(model, change.field).verbose_name),
                _value(model, change.field, change.old, related, shown_as or {}),
                _value(model, change.field, change.new, related, shown_as or {}),
            )
            for change in sorted(changes, key=lambda change: fields_in_order.get(change.field, 0))
        ]
        if shown:
            entries.append(HistoryEntry(record.history_date, who, False, shown))
    return entries


def _related_objects(model: type[models.Model], changes) -> dict:
    """The objects named by foreign-key values in `changes`, one query per related model."""
    wanted: dict = {}
    for change in changes:
        field = model._meta.get_field(change.field)
        if field.many_to_one:
            wanted.setdefault(field.related_model, set()).update(v for v in (change.old, change.new) if v)
    return {related: related._default_manager.in_bulk(list(pks)) for related, pks in wanted.items()}


def _concrete_field(model: type[models.Model], name: str) -> models.Field:
    return cast(models.Field, model._meta.get_field(name))  # history rows hold concrete fields only


def _value(model: type[models.Model], name: str, value, related: dict, shown_as: dict) -> str:
    field = _concrete_field(model, name)
    if value is None or value == "":
        return EMPTY
    if name in shown_as:
        return shown_as[name](value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if field.many_to_one:
        return str(related.get(field.related_model, {}).get(value, DELETED))
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, datetime.date):
        return cn_date(value)
    return str(value)
