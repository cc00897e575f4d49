"""The catalog as a mapping that imports each family's module when one of its kinds is asked.

A command that reads a two-layer spec should not pay for importing sixty
layer families. :data:`~archcalc.catalog._index.KINDS` knows every Keras
class name the catalog registers and which module registers it, so names,
did-you-mean suggestions and ``archcalc layers`` need no import, and a kind
is loaded the first time a model uses it. A test regenerates the index from
the modules themselves, so it cannot fall out of date.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import Any


class Catalog(Mapping[str, Any]):
    """Layer kinds by Keras class name (canonical or alias)."""

    def __init__(self, index: Mapping[str, tuple[str, str]]) -> None:
        self._index = index  # name -> (family module, canonical name)
        self._kinds: dict[str, Any] = {}

    def add(self, name: str, kind: Any) -> None:
        """Register a kind under a name (the ``register`` decorator calls this)."""
        if name in self._kinds:
            raise RuntimeError(f"layer type {name} registered twice")
        self._kinds[name] = kind

    def __getitem__(self, name: str) -> Any:
        kind = self._kinds.get(name)
        if kind is None:
            where = self._index.get(name)
            if where is None:
                raise KeyError(name)
            importlib.import_module(f"{__package__}.{where[0]}")
            kind = self._kinds[name]
        return kind

    def __contains__(self, name: object) -> bool:
        return name in self._index or name in self._kinds

    def __iter__(self) -> Iterator[str]:
        yield from self._index
        yield from (name for name in self._kinds if name not in self._index)

    def __len__(self) -> int:
        return len(self._index) + sum(1 for name in self._kinds if name not in self._index)

    def load_all(self) -> None:
        """Import every family (for listings, the schema and the tests)."""
        for module in sorted({module for module, _ in self._index.values()}):
            importlib.import_module(f"{__package__}.{module}")
