"""Counts kept as work happens: the fact tables statistics read instead of scanning a year's rows.

An area declares a `Tally` in its `platform.py` (`Platform(tallies=…)`): the model whose rows it counts (the
source), the small table that keeps the counts (the facts: key columns and integer measure columns), the
source columns it reads, and `counts(row)` — for one row's values, the fact keys it counts under (a year and a
congress session, say, each per category and per township) and what it adds there. A row's contribution is
a function of its own columns only, so a change of a row is a difference of two contributions:

- a source model that mixes in `Tallied` keeps its facts on every `save()` and `delete()` of an instance —
  the kernel's `Workflow.apply` saves through it, so every move of a case updates the facts in the same
  transaction; the values a row was loaded with (`from_db`) are its "before", so no extra query is made;
- a write that bypasses `save()` says so: `tracked(queryset)` around a `QuerySet.update()`, `added(rows)`
  after a `bulk_create`;
- writers in bulk (the demo's history years, the province seed, imports) call `rebuild()` when done; a writer
  that moves many rows through the services before it rebuilds (the demo county) leaves the facts alone
  meanwhile (`with deferred():`, the same facts in the end, sooner), and
  `manage.py rebuild_facts` recomputes every fact table from its rows — the same `counts`, so a rebuild and
  the incremental facts agree unless a write escaped; the suggestions' random-walk test checks this after
  every step.

Increments are `UPDATE … SET m = m + d` (an INSERT when the key is new), in key order, so concurrent moves add
up instead of overwriting each other. No database triggers: every update is in this module, called from code.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, cast

from django.db import IntegrityError, models, transaction
from django.db.models import F

Key = tuple[tuple[str, Any], ...]  # the fact key, as sorted (column, value) pairs
Deltas = dict[Key, dict[str, int]]


@dataclass(frozen=True)
class Tally:
    """What `source`'s rows add to the `fact` table. `counts(values)` receives a row's `columns` (attnames)
    and returns [(key, measures)]: the key columns of the fact row and the integers added to its measures."""

    name: str
    source: type[models.Model]
    fact: type[models.Model]
    columns: tuple[str, ...]
    counts: Callable[[dict[str, Any]], Iterable[tuple[dict[str, Any], dict[str, int]]]]

    def contribution(self, values: dict[str, Any] | None, sign: int = 1) -> Deltas:
        deltas: Deltas = defaultdict(lambda: defaultdict(int))
        if values is not None:
            for key, measures in self.counts(values):
                row = deltas[tuple(sorted(key.items()))]
                for measure, amount in measures.items():
                    row[measure] += sign * amount
        return deltas

    def change(self, before: dict[str, Any] | None, after: dict[str, Any] | None) -> None:
        """Move the facts from a row's `before` values to its `after` values (None: no row)."""
        if before == after:
            return
        deltas = self.contribution(before, -1)
        for key, measures in self.contribution(after).items():
            for measure, amount in measures.items():
                deltas[key][measure] += amount
        self.add(deltas)

    def add(self, deltas: Deltas) -> None:
        """Add `deltas` to the fact rows, creating those not there yet."""
        manager = self.fact._default_manager
        with transaction.atomic():
            for key in sorted(deltas, key=repr):
                changes = {measure: amount for measure, amount in deltas[key].items() if amount}
                if not changes:
                    continue
                where = dict(key)
                increments = {measure: F(measure) + amount for measure, amount in changes.items()}
                if manager.filter(**where).update(**increments):
                    continue
                try:
                    with transaction.atomic():
                        manager.create(**where, **changes)
                except IntegrityError:  # another writer created the row since
                    manager.filter(**where).update(**increments)

    def values(self, rows: Iterable[models.Model]) -> list[dict[str, Any]]:
        return [{column: getattr(row, column) for column in self.columns} for row in rows]

    def rebuild(self, source: Any = None, fact: Any = None) -> int:
        """Recompute the fact table from every source row; returns the number of fact rows. `source` and `fact`
        default to this tally's models (a data migration passes its historical models)."""
        source = source or self.source
        fact = fact or self.fact
        totals: Deltas = defaultdict(lambda: defaultdict(int))
        for values in source._default_manager.values(*self.columns).order_by().iterator(chunk_size=5000):
            for key, measures in self.contribution(values).items():
                for measure, amount in measures.items():
                    totals[key][measure] += amount
        with transaction.atomic():
            fact._default_manager.all().delete()
            fact._default_manager.bulk_create(
                [fact(**dict(key), **measures) for key, measures in totals.items()], batch_size=5000
            )
        return len(totals)

    @property
    def key_columns(self) -> tuple[str, ...]:
        """The fact table's key columns, declared on it as `KEY`; its other integer columns are measures."""
        return tuple(self.fact.KEY)  # type: ignore[attr-defined]

    @property
    def measures(self) -> list[str]:
        return [
            f.attname
            for f in self.fact._meta.concrete_fields
            if isinstance(f, models.IntegerField) and not f.primary_key and f.attname not in self.key_columns
        ]

    def snapshot(self) -> dict[Key, dict[str, int]]:
        """The fact table as {key: {measure: value}}, zeros left out (to compare with a rebuild)."""
        table: dict[Key, dict[str, int]] = {}
        for row in self.fact._default_manager.values(*self.key_columns, *self.measures):
            kept = {m: row[m] for m in self.measures if row[m]}
            if kept:
                table[tuple(sorted((c, row[c]) for c in self.key_columns))] = kept
        return table


_deferred: ContextVar[bool] = ContextVar("renda_facts_deferred", default=False)


@contextmanager
def deferred() -> Iterator[None]:
    """Inside, saves, deletes, `tracked` and `added` leave the fact tables alone: for a writer that calls
    `rebuild()` before it leaves (the demo county, whose history goes through the services), so that each move
    does not update facts the rebuild recomputes anyway."""
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)


def tallies_of(model: type[models.Model]) -> list[Tally]:
    from renda.core.registry import platforms

    if _deferred.get():
        return []
    return [tally for tally in platforms().tallies if issubclass(model, tally.source)]


def _loaded(instance: models.Model, tally: Tally) -> dict[str, Any] | None:
    """The values `instance` had in the database when it was loaded or last saved (None: not saved yet)."""
    if instance._state.adding:
        return None
    loaded = getattr(instance, "_facts_loaded", None)
    if loaded is not None and all(column in loaded for column in tally.columns):
        return {column: loaded[column] for column in tally.columns}
    return (
        type(instance)._default_manager.filter(pk=instance.pk).values(*tally.columns).first()
    )  # deferred columns: read them


class Tallied(models.Model):
    """A source model whose saves and deletes keep its tallies' facts."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        tallies = tallies_of(type(self))
        if not tallies:  # facts deferred: the values loaded no longer count as the facts' "before"
            super().save(*args, **kwargs)
            self.__dict__.pop("_facts_loaded", None)
            return
        update_fields = kwargs.get("update_fields")
        with transaction.atomic():
            befores = [_loaded(self, tally) for tally in tallies]
            super().save(*args, **kwargs)
            loaded = dict(getattr(self, "_facts_loaded", None) or {})
            for tally, before in zip(tallies, befores, strict=True):
                after = tally.values([self])[0]
                if before is not None and update_fields is not None:
                    written = {cast(Any, self._meta.get_field(name)).attname for name in update_fields}
                    after = {c: after[c] if c in written else before[c] for c in tally.columns}
                tally.change(before, after)
                loaded.update(after)
            self._facts_loaded = loaded

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        tallies = tallies_of(type(self))
        with transaction.atomic():
            befores = [_loaded(self, tally) for tally in tallies]
            result = super().delete(*args, **kwargs)
            for tally, before in zip(tallies, befores, strict=True):
                tally.change(before, None)
        return result

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._facts_loaded = dict(zip(field_names, values, strict=True))
        return instance


@contextmanager
def tracked(queryset: models.QuerySet) -> Iterator[None]:
    """Keep the facts of the rows of `queryset` across a write that bypasses save() (a QuerySet.update)."""
    tallies = tallies_of(queryset.model)
    if not tallies:
        yield
        return
    with transaction.atomic():
        pks = list(queryset.values_list("pk", flat=True))
        model = queryset.model._default_manager

        def read(tally: Tally) -> dict[Any, dict[str, Any]]:
            rows = model.filter(pk__in=pks).values("pk", *tally.columns)
            return {row.pop("pk"): row for row in rows}

        befores = [read(tally) for tally in tallies]
        yield
        for tally, before in zip(tallies, befores, strict=True):
            after = read(tally)
            for pk in pks:
                tally.change(before.get(pk), after.get(pk))


def added(rows: Iterable[models.Model]) -> None:
    """Count rows written with bulk_create."""
    rows = list(rows)
    if not rows:
        return
    for tally in tallies_of(type(rows[0])):
        for values in tally.values(rows):
            tally.change(None, values)
    for row in rows:
        cast(Any, row)._facts_loaded = {
            c: getattr(row, c) for tally in tallies_of(type(row)) for c in tally.columns
        }


def rebuild(names: Iterable[str] | None = None) -> dict[str, int]:
    """Recompute the fact tables (all, or the tallies named) from their rows: {tally: fact rows}."""
    from renda.core.registry import platforms

    wanted = set(names) if names is not None else None
    return {
        tally.name: tally.rebuild() for tally in platforms().tallies if wanted is None or tally.name in wanted
    }
