"""What a diff of two specs with blocks says once per block: ``bottleneck x16: filters 64 -> 128``.

A change to a block, or to the arguments of its instances, changes the same
layers in every instance; the layer table lists each of them (the
consequences). This module groups them back: instances are paired by name,
and instances of one block whose parameters changed alike, and whose layers
changed alike (same layer of the block, same changes), make one
:class:`BlockChange`. Instances only one side has are added or removed.
Variables that differ are the model's own changes (``width: 64 → 48``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from archcalc.blocks import structure_of
from archcalc.diff.model import FieldChange, LayerDiff

if TYPE_CHECKING:
    from archcalc.reader.designload import Structure
    from archcalc.reader.scopes import Instance
    from archcalc.results import InferenceResult


@dataclass(frozen=True)
class BlockChange:
    """Instances of one block that changed the same way (or were added or removed)."""

    block: str
    status: str  # "changed", "added" or "removed"
    instances: tuple[str, ...]
    params: tuple[FieldChange, ...] = ()  # parameters whose value changed
    #: layers of the block that changed in each instance: (name in the block, changes)
    layers: tuple[tuple[str, tuple[FieldChange, ...]], ...] = ()


def _instances(structure: Structure | None) -> dict[str, Instance]:
    return {} if structure is None else {i.name: i for i in structure.walk()}


def variable_changes(old: InferenceResult, new: InferenceResult) -> tuple[FieldChange, ...]:
    """Variables whose value differs (``--set`` or an edit); one side only: from/to null."""
    a, b = structure_of(old), structure_of(new)
    va = a.design.variables if a is not None else {}
    vb = b.design.variables if b is not None else {}
    return tuple(
        FieldChange(k, "variable", va.get(k), vb.get(k), k not in va, k not in vb)
        for k in dict.fromkeys([*va, *vb])
        if va.get(k) != vb.get(k) or (k in va) != (k in vb)
    )


def block_changes(
    old: InferenceResult, new: InferenceResult, layers: tuple[LayerDiff, ...]
) -> tuple[BlockChange, ...]:
    """The block-level summary of a diff whose layer changes are ``layers``."""
    olds, news = _instances(structure_of(old)), _instances(structure_of(new))
    if not olds and not news:
        return ()
    own: dict[str, LayerDiff] = {
        d.new.name: d for d in layers if d.cause == "own" and d.new is not None
    }
    owner = _owner(structure_of(new))
    inside: dict[str, list[tuple[str, tuple[FieldChange, ...]]]] = {}
    for name, d in own.items():
        inst = owner.get(name)
        if inst is not None:
            local = name[len(inst.name) + 1 :] if name.startswith(inst.name + "_") else name
            changes = tuple(c for c in d.definition_changes if c.kind != "name")
            inside.setdefault(inst.name, []).append((local, changes))
    groups: dict[Any, list[str]] = {}
    for name, b in news.items():
        a = olds.get(name)
        if a is None or a.block != b.block:
            groups.setdefault((b.block, "added", (), ()), []).append(name)
            continue
        params = tuple(
            FieldChange(
                k,
                "argument",
                a.params.get(k),
                b.params.get(k),
                k not in a.params,
                k not in b.params,
            )
            for k in dict.fromkeys([*a.params, *b.params])
            if a.params.get(k) != b.params.get(k)
        )
        changed = tuple(inside.get(name, ()))
        if params or changed:
            groups.setdefault((b.block, "changed", params, changed), []).append(name)
    for name, a in olds.items():
        b = news.get(name)
        if b is None or a.block != b.block:
            groups.setdefault((a.block, "removed", (), ()), []).append(name)
    return tuple(
        BlockChange(block, status, tuple(names), params, changed)
        for (block, status, params, changed), names in groups.items()
    )


def _owner(structure: Structure | None) -> dict[str, Instance]:
    """Each layer's innermost instance."""
    return {} if structure is None else dict(structure.owner)
