"""Finding an indicator by its id or its published name: the one rule both kinds of table follow;
and the one order of dotted ids (`id_key`).

A result row names its indicator by id (``1.1.3``) or by a published name that is unique in its
table; names match across traditional and simplified characters, full-width letters and white
space (`simplified`). A key that finds nothing raises
[UnknownIndicator][perfscore.errors.UnknownIndicator] suggesting what was likely meant.

>>> from types import SimpleNamespace as Row
>>> found = Indicators("t", [Row(id="1.1.1", name="就業人數"), Row(id="1.1.2", name="培训")])
>>> found.find("就业人数").id, found.find(" 1.1.2 ").name
('1.1.1', '培训')
>>> found.find("1.1.3")
Traceback (most recent call last):
  ...
perfscore.errors.UnknownIndicator: table t has no indicator '1.1.3'; did you mean '1.1.2', '1.1.1'?
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import Generic, Protocol, TypeVar

from perfscore.errors import UnknownIndicator
from perfscore.notation._labels import simplified

__all__ = ["Indicators", "id_key"]


class _Named(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...


T = TypeVar("T", bound=_Named)


class Indicators(Generic[T]):
    """A table's indicators by id and by name, and the lookup that names what it misses."""

    def __init__(self, table: str, indicators: Sequence[T]) -> None:
        self.table = table
        self.by_id = {i.id: i for i in indicators}
        self.by_name: dict[str, list[T]] = {}
        for indicator in indicators:
            self.by_name.setdefault(simplified(indicator.name), []).append(indicator)

    def __len__(self) -> int:
        return len(self.by_id)

    def find(self, key: str) -> T:
        """The indicator with id ``key``, or with the name ``key`` if that is unique."""
        key = str(key).strip()
        if not key:
            raise UnknownIndicator("the id is blank: a row names no indicator", key=key)
        found = self.by_id.get(key)
        if found is not None:
            return found
        named = self.by_name.get(simplified(key), [])
        if len(named) == 1:
            return named[0]
        if named:
            ids = ", ".join(i.id for i in named)
            raise UnknownIndicator(
                f"{key!r} names {len(named)} indicators ({ids}); use an id",
                key=key,
                suggestions=[i.id for i in named],
            )
        close = self._close(key)
        hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
        raise UnknownIndicator(
            f"table {self.table} has no indicator {key!r}{hint}", key=key, suggestions=close
        )

    def _close(self, key: str) -> list[str]:
        # An id is a path: 1.1.3 is nearest its siblings (1.1.1, 1.1.2), then its cousins, not
        # 7.1.3, which only looks alike. Names are compared as text.
        if all(part.isdigit() for part in key.split(".")):
            parts = key.split(".")
            for depth in range(len(parts) - 1, 0, -1):
                prefix = ".".join(parts[:depth]) + "."
                near = [i for i in self.by_id if i.startswith(prefix)]
                if near:
                    return difflib.get_close_matches(key, near, n=3, cutoff=0) or near[:3]
        names = [i.name for found in self.by_name.values() for i in found]
        return difflib.get_close_matches(key, [*self.by_id, *names], n=3, cutoff=0.6)


def id_key(node_id: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key putting dotted ids in table order: numbers by value, any other part (a
    project's ``budget`` item) after every number, by its text.

    >>> sorted(["1.10", "1.budget", "1.2", "2"], key=id_key)
    ['1.2', '1.10', '1.budget', '2']
    """
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in node_id.split("."))
