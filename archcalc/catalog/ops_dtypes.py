"""The dtype a keras.ops node produces: Keras's type promotion, for its activation memory.

Keras 3 promotes dtypes as JAX does (``keras.backend.result_type``): a lattice
in which Python scalars are *weak* (``int`` and ``float``), so ``x * 2`` keeps
an int tensor's dtype and ``x * 0.5`` keeps float16, while an int tensor times
``0.5`` becomes ``float32``. On backends other than TensorFlow a 64-bit result
is narrowed to 32 bits. The rules here are Keras's, written out as data: each
type's immediate successors in the lattice, then the least upper bound.
"""

from __future__ import annotations

import functools
from typing import Any

FLOATX = "float32"
FLOAT_TYPES = ("bfloat16", "float16", "float32", "float64")
FLOAT8_TYPES = ("float8_e4m3fn", "float8_e5m2")
WEAK_INT, WEAK_FLOAT = "int", "float"

#: each type -> the types directly above it (keras/src/backend/common/dtypes.py's lattice)
_LATTICE: dict[str, tuple[str, ...]] = {
    "bool": ("int",),
    "uint8": ("int16", "uint16"),
    "uint16": ("int32", "uint32"),
    "uint32": ("int64", "uint64"),
    "uint64": ("float",),
    "int": ("uint8", "int8", "complex64"),
    "int8": ("int16",),
    "int16": ("int32",),
    "int32": ("int64",),
    "int64": ("float",),
    "float": ("bfloat16", "float16"),
    "bfloat16": ("float32",),
    "float16": ("float32",),
    "float32": ("float64", "complex64"),
    "float64": ("complex128",),
    "complex64": ("complex128",),
    "complex128": (),
}
#: 64-bit results narrowed on the torch/jax/numpy backends
_NARROW = {"int64": "int32", "uint64": "uint32", "float64": "float32", "complex128": "complex64"}


class DtypeError(ValueError):
    """No implicit promotion exists (float8 with anything else)."""


def _upper_bounds() -> dict[str, frozenset[str]]:
    bounds: dict[str, frozenset[str]] = {}
    for node in _LATTICE:
        seen = {node}
        stack = [node]
        while stack:
            for up in _LATTICE[stack.pop()]:
                if up not in seen:
                    seen.add(up)
                    stack.append(up)
        bounds[node] = frozenset(seen)
    return bounds


_UB = _upper_bounds()


@functools.lru_cache(maxsize=512)
def _least_upper_bound(nodes: frozenset[str]) -> str:
    common = frozenset.intersection(*(_UB[n] for n in nodes))
    least = (common & nodes) or {c for c in common if common <= _UB[c]}
    if len(least) != 1:
        raise DtypeError(f"no implicit dtype promotion for {', '.join(sorted(nodes))}")
    return next(iter(least))


def scalar_dtype(value: Any) -> tuple[str, bool]:
    """A Python scalar's dtype and whether it is weak (bool is not)."""
    if isinstance(value, bool):
        return "bool", False
    if isinstance(value, int):
        return "int32", True
    return "float32", True


def _weak(dtype: str) -> str:
    if dtype == "bool":
        return dtype
    if "float" in dtype:
        return WEAK_FLOAT
    if "int" in dtype:
        return WEAK_INT
    return "complex64"


def _resolve_weak(dtype: str) -> str:
    head = "f" if dtype == "bfloat16" else dtype[:1]
    return {"b": "bool", "i": "int32", "u": "uint32"}.get(head, FLOATX)


def result_type(*items: tuple[str, bool]) -> str:
    """Keras's ``result_type`` of (dtype, is_weak) pairs (a Python scalar is weak)."""
    if not items:
        return FLOATX
    for dtype, _ in items:
        if dtype in FLOAT8_TYPES and len(items) > 1:
            raise DtypeError(
                "Keras has no implicit conversion from float8 dtypes; cast the input first"
            )
    dtypes = [d for d, _ in items]
    weak = [w for _, w in items]
    if len(items) == 1:
        out, out_weak = dtypes[0], weak[0]
    elif len(set(dtypes)) == 1 and not all(weak):
        out, out_weak = dtypes[0], False
    elif all(weak):
        out, out_weak = _least_upper_bound(frozenset(dtypes)), True
    else:
        nodes = frozenset(_weak(d) if w else d for d, w in items)
        if not all(n in _UB for n in nodes):
            raise DtypeError(f"no implicit dtype promotion for {', '.join(sorted(nodes))}")
        out = _least_upper_bound(nodes)
        out_weak = out in (WEAK_INT, WEAK_FLOAT)
    if out != "bool" and out_weak:
        out = _resolve_weak(out)
    return _NARROW.get(out, out)


def strong(*dtypes: str) -> str:
    """``result_type`` of tensor dtypes only (none weak)."""
    return result_type(*((d, False) for d in dtypes))


def with_float(dtype: str) -> str:
    """``result_type(dtype, float)``: int and bool become float32, floats stay."""
    return result_type((dtype, False), ("float32", True))


def is_float(dtype: str) -> bool:
    return dtype in FLOAT_TYPES or dtype in FLOAT8_TYPES
