"""The small values of a spec: shapes, tensor references and the model's inputs."""

from __future__ import annotations

import re
from typing import Any

from archcalc.catalog.dtypes import DTYPE_BYTES
from archcalc.diagnostics import Pos, did_you_mean
from archcalc.reader.problems import Problems, kind_of, show_dim
from archcalc.reader.ynode import YNode
from archcalc.shapes import Shape
from archcalc.spec import InputSpec, TensorRef
from archcalc.textsafe import quote

_REF = re.compile(r"^(?P<name>.+?)\[(?P<index>\d+)\]$")
_NOWHERE = Pos()
INPUT_KEYS = ("shape", "batch_size", "dtype")


def parse_ref(text: str, pos: Pos = _NOWHERE) -> TensorRef:
    """``name`` or ``name[k]`` (the k-th output of a multi-output layer)."""
    m = _REF.match(text)
    if m:
        return TensorRef(m.group("name"), int(m.group("index")), pos)
    return TensorRef(text, 0, pos)


def read_shape(p: Problems, node: YNode, what: str) -> Shape | None:
    """A shape without the batch dimension: positive sizes, null for unknown."""
    if not node.is_seq:
        p.error(
            node.pos,
            "invalid-shape",
            f"{what}: a shape is a list of sizes without the batch dimension, "
            f"e.g. [28, 28, 1]; got {kind_of(node.plain())}",
        )
        return None
    dims: list[int | None] = []
    for item in node.value:
        v = item.value
        if v is None:
            dims.append(None)
        elif isinstance(v, int) and not isinstance(v, bool) and v > 0:
            dims.append(v)
        else:
            why = (
                " (sizes must be positive)"
                if isinstance(v, int) and not isinstance(v, bool)
                else ""
            )
            p.error(
                item.pos,
                "invalid-shape",
                f"{what}: dimension {show_dim(item.plain())} is not a size; "
                f"use a positive integer, or null for an unknown size{why}",
            )
            return None
    return tuple(dims)


def read_refs(p: Problems, node: YNode, what: str) -> tuple[TensorRef, ...] | None:
    """One reference or a list of them (``inputs:``, ``outputs:``, ``mask:``)."""
    items = node.value if node.is_seq else [node]
    out = []
    for item in items:
        if item.kind != "scalar" or not isinstance(item.value, str) or not item.value:
            p.error(
                item.pos,
                "invalid-reference",
                f"{what} must be a layer or input name, or a list of names; got {kind_of(item.plain())}",
            )
            return None
        out.append(parse_ref(item.value, item.pos))
    if not out:
        p.error(
            node.pos,
            "invalid-reference",
            f"{what} is an empty list; name at least one layer or input",
        )
        return None
    return tuple(out)


def read_inputs(p: Problems, node: YNode) -> list[InputSpec]:
    """The model's ``inputs:``: name -> shape, or name -> {shape, batch_size, dtype}."""
    if not node.is_map or not node.value:
        p.error(
            node.pos,
            "invalid-inputs",
            "inputs must be a mapping of input name to shape, e.g. inputs: {image: [28, 28, 1]}; "
            f"got {kind_of(node.plain())}",
        )
        return []
    out = []
    for name, value in node.value.items():
        got = _input(p, name, value) if value.is_map else (value, None, "float32")
        if got is None:
            continue
        shape_node, batch, dtype = got
        shape = read_shape(p, shape_node, f"input '{name}'")
        if shape is not None:
            out.append(InputSpec(name, (batch, *shape), node.key_pos(name), dtype))
    return out


def _input(p: Problems, name: str, value: YNode) -> tuple[YNode, int | None, str] | None:
    """An input written as a mapping: its shape node, batch size and dtype."""
    for k in value.value:
        if k not in INPUT_KEYS:
            p.error(
                value.key_pos(k),
                "unknown-key",
                f"input {quote(name)} has no key {quote(k)}"
                f"{did_you_mean(k, INPUT_KEYS)}; use shape, batch_size or dtype",
            )
    shape_node = value.get("shape")
    if shape_node is None:
        p.error(
            value.pos, "invalid-shape", f"input '{name}' needs a shape, e.g. shape: [28, 28, 1]"
        )
        return None
    batch: int | None = None
    b = value.get("batch_size")
    if b is not None and b.value is not None:
        if not isinstance(b.value, int) or isinstance(b.value, bool) or b.value <= 0:
            p.error(
                b.pos, "invalid-value", f"input '{name}': batch_size must be a positive integer"
            )
        else:
            batch = b.value
    dtype = "float32"
    d = value.get("dtype")
    if d is not None:
        known = (*DTYPE_BYTES, "string")
        if not isinstance(d.value, str) or d.value not in known:
            hint = did_you_mean(str(d.value), known) if isinstance(d.value, str) else ""
            p.error(
                d.pos,
                "invalid-value",
                f"input '{name}': dtype must be a Keras dtype such as 'float32', 'int32' "
                f"or 'string'; got {kind_of(d.plain())}{hint}",
            )
        else:
            dtype = d.value
    return shape_node, batch, dtype


def read_call_args(p: Problems, kind: Any, node: YNode | None, label: str) -> dict[str, Any]:
    """An entry's ``kwargs:``: the call's keyword arguments the kind models (``CALL_ARGS``).

    Returns the checked values ({} when there are none); problems are reported at the key.
    """
    if node is None:
        return {}
    if not node.is_map:
        p.error(
            node.pos,
            "invalid-argument",
            f"{label}: kwargs must be a mapping of the call's keyword arguments, such as "
            f"{{reverse: true}}; got {kind_of(node.plain())}",
        )
        return {}
    cfg, errors = kind.check_call_args(node.plain())
    for err in errors:
        where = node.value[err.arg].pos if err.arg in node.value else node.pos
        p.error(where, "invalid-argument", f"{label}: kwargs: {err}")
    return {} if errors else cfg
