"""keras.ops that gather, scatter, build or count: take, slice, scatter, meshgrid, rearrange,
unique, nonzero, bincount, histogram, full, linspace, diag...

Where a size depends on the data (``nonzero``, ``unique`` without ``size``,
``bincount``), Keras's own static spec says None, and so does archcalc: the
row is Keras's, and memory for that tensor is reported as unknown.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from archcalc.catalog.args import BOOL
from archcalc.catalog.base import Config
from archcalc.catalog.ops_args import arg, axis_arg, dtype_arg
from archcalc.catalog.ops_base import (
    Movement,
    OpKind,
    T,
    axis_index,
    broadcast,
    describe,
    integer,
    known_product,
    promote,
    shape_of,
    tensor,
)
from archcalc.catalog.ops_base import tensor as _as_tensor
from archcalc.catalog.ops_define import define, define_all
from archcalc.catalog.ops_dtypes import FLOATX, result_type
from archcalc.catalog.ops_reduce import diagonal_length
from archcalc.shapes import ShapeError


def nested_shape(value: Any) -> tuple[int, ...]:
    """``np.array(value).shape`` of a Python scalar or a rectangular nested list."""
    if isinstance(value, T):
        return value.shape  # type: ignore[return-value]
    if isinstance(value, list):
        inner = {nested_shape(v) for v in value}
        if len(inner) > 1:
            raise ShapeError("indices must be a rectangular list (every row the same length)")
        return (len(value), *(inner.pop() if inner else ()))
    return ()


class Take(Movement):
    """``take(x, indices, axis)``: the axis replaced by the indices' shape (all of ``x``
    flattened without an axis)."""

    doc = "the axis replaced by the indices' shape"

    def spec(self, cfg: Config, x: Any, indices: Any) -> T:
        x = tensor(x)
        idx = nested_shape(indices)
        if cfg.get("axis") is None:
            return T(idx, x.dtype)
        i = axis_index(cfg["axis"], x.ndim)
        return T((*x.shape[:i], *idx, *x.shape[i + 1 :]), x.dtype)


class TakeAlongAxis(Movement):
    """``take_along_axis(x, indices, axis)``: the axis from ``indices``, the rest broadcast."""

    doc = "the axis from indices, the rest broadcast"

    def spec(self, cfg: Config, x: Any, indices: Any) -> T:
        x, idx = tensor(x), tensor(indices, "indices")
        shape = list(x.shape)
        axis = cfg.get("axis")
        if axis is None:
            shape = [known_product(shape)]
        if len(shape) != idx.ndim:
            raise ShapeError(
                "`x` and `indices` must have the same number of dimensions, but receive shape "
                f"{shape} and {list(idx.shape)}."
            )
        i = 0 if axis is None else axis_index(axis, len(shape))
        shape[i] = idx.shape[i]
        return T(broadcast(shape, idx.shape), x.dtype)


class Slice(Movement):
    """``slice(inputs, start_indices, shape)``: the given shape (-1: to the end)."""

    doc = "the given shape"
    module = "keras.src.ops.core"

    def spec(self, cfg: Config, inputs: Any, start_indices: Any) -> T:
        x = tensor(inputs, "inputs")
        shape = list(cfg["shape"])
        if len(shape) != x.ndim:
            raise ShapeError(
                "The number of dimensions in `inputs` must match the number of dimensions in "
                f"`shape`. Received inputs.shape={x} and shape={shape}"
            )
        starts = start_indices if isinstance(start_indices, list) else None
        if starts is not None and len(starts) != x.ndim:
            raise ShapeError(
                "The number of dimensions in `start_indices` must match the number of "
                f"dimensions in `inputs`. Received start_indices={starts} and inputs.shape={x}"
            )
        out: list[int | None] = []
        for i, (dim, want) in enumerate(zip(x.shape, shape, strict=True)):
            if want != -1:
                out.append(want)
            elif starts is None or dim is None:
                out.append(None)
            else:
                out.append(dim - integer(starts[i], "start_indices"))
        return T(tuple(out), x.dtype)


class Updated(Movement):
    """``slice_update(inputs, start_indices, updates)``: the inputs' shape and dtype."""

    doc = "the inputs' shape"

    def spec(self, cfg: Config, inputs: Any, *rest: Any) -> T:
        x = tensor(inputs, "inputs")
        return T(x.shape, x.dtype)


class Scatter(Movement):
    """``scatter(indices, values, shape)``: the given shape, the values' dtype."""

    doc = "the given shape"

    def spec(self, cfg: Config, indices: Any, values: Any) -> T:
        return T(tuple(cfg["shape"]), promote(values))


class Meshgrid(Movement):
    """``meshgrid(*x, indexing)``: one output per input, each of every input's size."""

    doc = "one output per input"

    def spec(self, cfg: Config, *x: Any) -> list[T]:
        tensors = [tensor(t) for t in x]
        sizes: list[int | None] = [1 if not t.ndim else known_product(t.shape) for t in tensors]
        if cfg["indexing"] == "ij":
            return [T(tuple(sizes), FLOATX) for _ in tensors]
        if len(sizes) > 1:
            sizes[0], sizes[1] = sizes[1], sizes[0]
        return [T(tuple(sizes), t.dtype) for t in tensors]


class Rearrange(Movement):
    """``rearrange(tensor, pattern, **axes_lengths)``: einops; every size must be known."""

    doc = "einops rearrange (every size known)"
    module = "keras.src.ops.einops"

    def spec(self, cfg: Config, tensor: Any, pattern: Any, **axes_lengths: Any) -> T:
        x = _as_tensor(tensor, "tensor")
        if not isinstance(pattern, str) or "->" not in pattern:
            raise ShapeError(f"pattern must be a string 'in -> out', got {describe(pattern)}")
        left, right = re.split(r"\s*->\s*", pattern, maxsplit=1)
        in_axes = re.findall(r"\w+|\(.*?\)", left)
        out_axes = re.findall(r"\w+|\(.*?\)", right)
        if len(in_axes) != x.ndim:
            raise ShapeError(
                f"pattern {pattern!r} names {len(in_axes)} axes; the input {x} has {x.ndim}"
            )
        lengths = dict(axes_lengths)
        sizes: dict[str, int | None] = {}
        for axis, dim in zip(in_axes, x.shape, strict=True):
            group = re.match(r"\(([\w\s]+)\)", axis)
            if not group:
                sizes[axis] = dim
                continue
            inner = group.group(1).split()
            unknown = [a for a in inner if a not in lengths]
            if unknown:
                known = known_product([lengths[a] for a in inner if a in lengths])
                if dim is None or known is None:
                    raise ShapeError(_unknown(pattern, x))
                lengths[unknown[0]] = dim // known
            sizes.update({a: lengths.get(a) for a in inner})
        out: list[int] = []
        for axis in out_axes:
            group = re.match(r"\(([\w\s]+)\)", axis)
            names = group.group(1).split() if group else [axis]
            size = known_product([sizes.get(n) for n in names])
            if size is None:
                raise ShapeError(_unknown(pattern, x))
            out.append(size)
        return T(tuple(out), x.dtype)


def _unknown(pattern: str, x: T) -> str:
    return (
        f"rearrange needs every size it groups or splits known, but the input is {x} "
        f"(pattern {pattern!r}); Keras fails here too (unsupported operand type(s) for *=: "
        "'int' and 'NoneType'): give the model a fixed batch_size"
    )


class UnravelIndex(Movement):
    """``unravel_index(indices, shape)``: one output per axis of ``shape``."""

    doc = "one output per axis of shape"

    def spec(self, cfg: Config, indices: Any) -> list[T]:
        shape = list(cfg["shape"])
        dtype = promote(indices)
        if None in shape:
            return [T((None,), dtype) for _ in shape]
        idx = (1,) if isinstance(indices, int) else nested_shape(indices)
        return [T(tuple(idx), dtype) for _ in shape]


class Nonzero(Movement):
    """``nonzero(x)``: one int32 output per axis, their length unknown (data-dependent)."""

    doc = "one output per axis, length None (depends on the values)"

    def spec(self, cfg: Config, x: T) -> list[T]:
        return [T((None,), "int32") for _ in range(tensor(x).ndim)]


class Unique(OpKind):
    """``unique(x, ...)``: the unique values (and optional indices/inverse/counts); their
    count is ``size`` when given, else unknown (data-dependent)."""

    counted_as = "search"

    doc = "unique values; count None unless size is given"

    def spec(self, cfg: Config, x: T) -> T | list[T]:
        x = tensor(x)
        n = cfg.get("size")
        axis = cfg.get("axis")
        if axis is None:
            values: tuple[int | None, ...] = (n,)
        else:
            i = axis_index(axis, x.ndim)
            values = tuple(n if k == i else d for k, d in enumerate(x.shape))
        out = [T(values, x.dtype)]
        if cfg.get("return_index"):
            out.append(T((n,), "int32"))
        if cfg.get("return_inverse"):
            inv = x.shape if axis is None else (x.shape[axis_index(axis, x.ndim)],)
            out.append(T(inv, "int32"))
        if cfg.get("return_counts"):
            out.append(T((n,), "int32"))
        return out[0] if len(out) == 1 else out


class Bincount(OpKind):
    """``bincount(x, weights, minlength)``: the last axis becomes the (unknown) bin count."""

    counted_as = "count"

    doc = "last axis None (depends on the values)"

    def spec(self, cfg: Config, x: T) -> T:
        x = tensor(x)
        return T((*x.shape[:-1], None), "int32" if cfg.get("weights") is None else FLOATX)


class Histogram(OpKind):
    """``histogram(x, bins, range)``: the counts and the ``bins + 1`` edges."""

    counted_as = "count"

    doc = "two outputs: (bins,) and (bins + 1,)"

    def spec(self, cfg: Config, x: T) -> list[T]:
        x = tensor(x)
        bins = integer(cfg["bins"], "bins")
        return [T((bins,), x.dtype), T((bins + 1,), x.dtype)]


class Fixed(Movement):
    """``size(x)`` / ``ndim(x)``: a fixed shape and dtype, whatever the input."""

    out_shape: ClassVar[tuple[int, ...] | None] = ()
    out_dtype: ClassVar[str] = "int32"

    def spec(self, cfg: Config, x: T) -> T:
        x = tensor(x)
        shape = (x.ndim,) if self.out_shape is None else self.out_shape
        return T(shape, self.out_dtype)


class Diag(Movement):
    """``diag(x, k)``: a 1-D input becomes a square matrix; a 2-D one its diagonal."""

    doc = "a vector to a matrix, or a matrix to its diagonal"

    def spec(self, cfg: Config, x: T) -> T:
        x = tensor(x)
        k = integer(cfg["k"], "k")
        if x.ndim == 1:
            n = None if x.shape[0] is None else x.shape[0] + abs(k)
            return T((n, n), x.dtype)
        if x.ndim == 2:
            return T((diagonal_length(x.shape[0], x.shape[1], k),), x.dtype)
        raise ShapeError(f"`x` must be 1-D or 2-D, but received shape {x}.")


class Diagflat(Movement):
    """``diagflat(x, k)``: a square matrix of the flattened input."""

    doc = "a square matrix of the flattened input"

    def spec(self, cfg: Config, x: T) -> T:
        x = tensor(x)
        size = known_product(x.shape)
        n = None if size is None else size + abs(integer(cfg["k"], "k"))
        return T((n, n), x.dtype)


class Vander(OpKind):
    """``vander(x, N)``: a new last axis of ``N`` (default: the input's length)."""

    counted_as = "elementwise"

    doc = "a new last axis of N"

    def spec(self, cfg: Config, x: T) -> T:
        x = tensor(x)
        n = cfg.get("N")
        return T((*x.shape, x.shape[0] if n is None else n), x.dtype)


class Full(Movement):
    """``full(shape, fill_value)``: the given shape (a tensor fill value makes it a node)."""

    doc = "the given shape"

    def spec(self, cfg: Config, fill_value: Any) -> T:
        shape = cfg["shape"]
        shape = (shape,) if isinstance(shape, int) else tuple(shape)
        return T(shape, cfg.get("dtype") or FLOATX)


class Spaced(OpKind):
    """``linspace(start, stop, num, axis)``: the operands broadcast, ``num`` inserted at
    ``axis``."""

    counted_as = "elementwise"

    doc = "num values along a new axis"

    def spec(self, cfg: Config, start: Any, stop: Any) -> T | list[T]:
        shape = list(broadcast(shape_of(start), shape_of(stop)))
        shape.insert(axis_index(cfg["axis"], len(shape) + 1), integer(cfg["num"], "num"))
        base = cfg.get("dtype") or promote(start)
        dtype = result_type((base, False), ("float32", True))
        if cfg.get("retstep"):
            raise ShapeError(
                "linspace with retstep=True returns a tensor and a Python step (None); "
                "archcalc models its tensor only when retstep is false"
            )
        return T(tuple(shape), dtype)


class Select(OpKind):
    """``select(condlist, choicelist, default)``: the first choice's shape and dtype."""

    counted_as = "elementwise"

    doc = "the first choice's shape"

    def spec(self, cfg: Config, condlist: Any, choicelist: Any, default: Any = 0) -> T:
        if not isinstance(choicelist, list) or not choicelist:
            raise ShapeError("choicelist must be a non-empty list of tensors")
        first = tensor(choicelist[0], "choicelist[0]")
        return T(first.shape, first.dtype)


def _register() -> None:
    define(Take, "Take", args=(axis_arg(None),))
    define(TakeAlongAxis, "TakeAlongAxis", args=(axis_arg(None),))
    define(Slice, "Slice", "core", (arg("shape"),))
    define(Updated, "SliceUpdate", "core")
    define(Updated, "ScatterUpdate", "core", (arg("reduction", None),))
    define(Scatter, "Scatter", "core", (arg("shape"),))
    define(Meshgrid, "Meshgrid", args=(arg("indexing", "xy"),))
    define(Rearrange, "Rearrange", "einops")
    define(UnravelIndex, "UnravelIndex", args=(arg("shape"),))
    define(Nonzero, "Nonzero")
    define(
        Unique,
        "Unique",
        args=(
            arg("sorted", True, BOOL),
            arg("return_index", False, BOOL),
            arg("return_inverse", False, BOOL),
            arg("return_counts", False, BOOL),
            axis_arg(None),
            arg("size", None),
            arg("fill_value", None),
        ),
    )
    define(
        Bincount, "Bincount", args=(arg("weights", None), arg("minlength", 0), arg("sparse", False))
    )
    define(Histogram, "Histogram", args=(arg("bins", 10), arg("range", None)))
    define(Fixed, "Size", doc="a scalar, int32")
    define(Fixed, "Ndim", out_shape=None, out_dtype=FLOATX, doc="(rank,), float32")
    define(Diag, "Diag", args=(arg("k", 0),))
    define(Diagflat, "Diagflat", args=(arg("k", 0),))
    define(Vander, "Vander", args=(arg("N", None), arg("increasing", False, BOOL)))
    define(Full, "Full", args=(arg("shape"), dtype_arg(None, "the dtype (null: float32)")))
    common = (arg("num", 50), arg("endpoint", True, BOOL))
    define(
        Spaced, "Linspace", args=(*common, arg("retstep", False, BOOL), dtype_arg(), axis_arg(0))
    )
    define(Spaced, "Logspace", args=(*common, arg("base", 10), dtype_arg(), axis_arg(0)))
    define(Spaced, "Geomspace", args=(*common, dtype_arg(), axis_arg(0)))
    define_all(Select, "Select")


_register()
