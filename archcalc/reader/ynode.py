"""A YAML or JSON value with its position: what every reader builds and every later stage reads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from archcalc.diagnostics import Pos


@dataclass(slots=True, eq=False)
class YNode:
    """A YAML value with its position.

    ``value`` is a Python scalar, a ``list[YNode]`` or a ``dict[str, YNode]``;
    ``keys`` maps each key of a mapping to the key's own position.
    """

    value: Any
    pos: Pos
    kind: str  # "scalar" | "seq" | "map"
    #: a mapping's key positions (None for a scalar or a list: no dict per scalar)
    keys: dict[str, Pos] = None  # type: ignore[assignment]
    size: int = 1  # nodes in this subtree, aliases expanded

    @property
    def is_map(self) -> bool:
        return self.kind == "map"

    @property
    def is_seq(self) -> bool:
        return self.kind == "seq"

    def get(self, key: str) -> YNode | None:
        return self.value.get(key) if self.kind == "map" else None

    def shifted(self, lines: int) -> YNode:
        """A copy of this one-line node ``lines`` lines further down (reader/yamlruns.py)."""
        pos = Pos(self.pos.line + lines, self.pos.column)
        if self.kind == "map":
            items = {k: v.shifted(lines) for k, v in self.value.items()}
            keys = {k: Pos(p.line + lines, p.column) for k, p in self.keys.items()}
            return YNode(items, pos, "map", keys, self.size)
        if self.kind == "seq":
            return YNode([v.shifted(lines) for v in self.value], pos, "seq", None, self.size)
        return YNode(self.value, pos, "scalar")

    def key_pos(self, key: str) -> Pos:
        return self.keys.get(key, self.pos) if self.keys else self.pos

    def plain(self) -> Any:
        """The value as plain Python data (dicts, lists, scalars)."""
        if self.kind == "map":
            return {k: v.plain() for k, v in self.value.items()}
        if self.kind == "seq":
            return [v.plain() for v in self.value]
        return self.value
