"""``archcalc convert`` for a keras.ops node: the entry written back in the op syntax.

The call's arguments are written as the reader reads them (see
:mod:`~archcalc.reader.op_entries`): tensors by reference, slices, ``...``,
constants and strings in their one-key forms; ``inputs:`` when the call is
just its tensors in order, nothing when it only reads the entry above. The
op's constructor arguments are written unless they are Keras's defaults.
"""

from __future__ import annotations

from typing import Any

from archcalc.catalog.ops_base import Constant, OpKind, SliceKey, Slot
from archcalc.spec import CallSpec


def _plain(value: Any, refs: tuple[str, ...]) -> Any:
    if isinstance(value, Slot):
        return refs[value.index]
    if isinstance(value, SliceKey):
        return {"slice": [value.start, value.stop, value.step]}
    if value is Ellipsis:
        return {"ellipsis": True}
    if isinstance(value, Constant):
        return {"constant": _listed(value.values), "dtype": value.dtype}
    if isinstance(value, str):
        return {"string": value}
    if isinstance(value, list | tuple):
        return [_plain(v, refs) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v, refs) for k, v in value.items()}
    return value


def _listed(value: Any) -> Any:
    return [_listed(v) for v in value] if isinstance(value, tuple) else value


def _just_tensors(args: Any, n: int, kind: OpKind) -> bool:
    """Whether the call is its tensors in order, as ``inputs:`` (or nothing) writes it."""
    slots = [Slot(i) for i in range(n)]
    if kind.list_input:
        return len(args) == 1 and isinstance(args[0], list | tuple) and list(args[0]) == slots
    return list(args) == slots


def op_items(layer: CallSpec, kind: OpKind, above: str | None) -> dict[str, Any]:
    """The keys of an op entry after its name and type."""
    out: dict[str, Any] = {}
    cfg = layer.config
    for key, value in layer.given.items():
        if key in ("args", "kwargs", "inputs") or key not in kind.args:
            continue
        arg = kind.args[key]
        if arg.required or cfg.get(key) != kind.defaults.get(key):
            out[key] = value
    refs = tuple(str(r) for r in layer.inputs)
    args = cfg.get("args")
    args = kind.implicit_args(len(refs)) if args is None else args
    kwargs = cfg.get("kwargs") or {}
    if not kwargs and _just_tensors(args, len(refs), kind):
        if list(refs) != [above]:
            out["inputs"] = list(refs)
        return out
    out["args"] = _plain(list(args), refs)
    if kwargs:
        out["kwargs"] = _plain(dict(kwargs), refs)
    return out
