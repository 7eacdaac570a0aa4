"""What a view built last time, kept for building it again after an edit (the workbench's live pane).

`resolve(plan, previous)` keeps every top-level section an edit left alone as
the very same objects (the same `ResolvedTask`s), so a row built for such a
task, and its HTML, are what they were: a `Memo` hands them back instead of
building them again. A value is keyed by the identity of the object it was
built from plus whatever else it depends on (the task's 序号, a unit's
name), and the object itself is kept with it, so a key can never name a new
object that took the place of a freed one. Everything the whole table shares
(the filters, the columns, the names kept whole) is `shared`: when it
changes, nothing is reused.

Each `begin` starts a build: values used by the last build are kept, the
others dropped, so a memo holds one table's worth at most.

`by_value`: an object met for the first time is looked up by equality too
(it must then be hashable and its value depend on nothing else): the rows of
a section the edit re-read are new objects, equal but for the row edited. Or
the caller names what a value depends on (`value`, a hashable key), for
objects that are not compared by value (a resolved task).

    >>> memo: Memo[str] = Memo()
    >>> memo.begin(shared=("tasks",))
    >>> task = object()
    >>> memo.get(task, 1, lambda: "built")
    'built'
    >>> memo.begin(shared=("tasks",))
    >>> memo.get(task, 1, lambda: "again")
    'built'
    >>> memo.begin(shared=("raci",))
    >>> memo.get(task, 1, lambda: "again")
    'again'
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from functools import partial
from typing import Generic, TypeVar

Value = TypeVar("Value")


class Memo(Generic[Value]):
    """Values by (object identity, key), for the objects of the last build that are still the same."""

    def __init__(self, by_value: bool = False, keeps: bool = True) -> None:
        self.by_value = by_value
        #: False for a memo of one build that nobody asks again (`qlm table`, a workbook): it builds every
        #: value and keeps none, since its keys (a row's texts and holders) would be so many more objects
        #: for the collector to scan, for nothing.
        self.keeps = keeps
        self._shared: object = None
        self._last: dict[tuple[int, Hashable], tuple[object, Value]] = {}
        self._next: dict[tuple[int, Hashable], tuple[object, Value]] = {}
        #: Values by what they depend on (the object, for by_value), for objects met anew; forgotten when
        #: they grow well beyond one build's (an edit adds a few).
        self._values: dict[Hashable, Value] = {}
        #: Values reused and built since the last `begin` (what a benchmark or test looks at).
        self.reused = 0
        self.built = 0

    def begin(self, shared: object) -> None:
        """A new build; what it shares with every value (compared by equality) is `shared`."""
        if shared == self._shared:
            self._last = self._next
        else:
            self._last, self._values = {}, {}
        self._next = {}
        self._shared = shared
        self.reused = self.built = 0
        if len(self._values) > 4 * len(self._last) + 1024:
            self._values = {}

    def get(self, source: object, key: Hashable, make: Callable[[], Value],
            valid: Callable[[Value], bool] | None = None, value: Hashable | None = None,
            value_of: Callable[[], Hashable] | None = None) -> Value:
        """The value built from `source` under `key`: last build's if `source` is the same object and
        `valid` says it still holds, or the one built for an equal `value` key (`value_of()`, asked only
        then; or an equal source, by value), else `make()`."""
        if not self.keeps:
            self.built += 1
            return make()
        slot = (id(source), key)
        kept = self._next.get(slot) or self._last.get(slot)
        if kept is not None and kept[0] is source and (valid is None or valid(kept[1])):
            self.reused += 1
            self._next[slot] = kept
            return kept[1]
        if value is None and value_of is not None:
            value = value_of()
        if value is None and self.by_value:
            assert isinstance(source, Hashable)
            value = source
        if value is not None:
            found = self._values.get(value)
            if found is not None:
                self.reused += 1
                self._next[slot] = (source, found)
                return found
        self.built += 1
        made = make()
        self._next[slot] = (source, made)
        if value is not None:
            self._values[value] = made
        return made

    def map(self, sources: Sequence[object], keys: Sequence[Hashable], make: Callable[[int], Value],
            values: Callable[[int], Hashable] | None = None) -> list[Value]:
        """`get` for each source and key in turn, `make(i)` building the i-th (and `values(i)` its value
        key): one call for a table's rows (a thousand rows, most of them reused, in a loop without a call
        per row)."""
        if not self.keeps:
            self.built += len(sources)
            return [make(at) for at in range(len(sources))]
        last, following = self._last, self._next
        found: list[Value] = []
        hits = 0
        for at, (source, key) in enumerate(zip(sources, keys)):
            slot = (id(source), key)
            kept = last.get(slot)
            if kept is not None and kept[0] is source:
                following[slot] = kept
                found.append(kept[1])
                hits += 1
            else:
                found.append(self.get(source, key, partial(make, at), value=values(at) if values else None))
        self.reused += hits
        return found
