"""keras.ops that join, split or index tensors: concatenate, stack, hstack, append, split,
unstack, and ``x[key]`` (GetItem).

``stack([a, b])`` puts the new axis first by default (before the batch),
``x[0]`` indexes the batch, and a split returns several outputs (``split[1]``
in a spec). Each rule here is its class's ``compute_output_spec``, errors
included; they only move data (no arithmetic to count).
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any, ClassVar

from archcalc.catalog.base import Config
from archcalc.catalog.ops_args import arg, axis_arg
from archcalc.catalog.ops_base import (
    Movement,
    T,
    axis_index,
    describe,
    integer,
    known_product,
    promote,
    same_except,
    tensor,
)
from archcalc.catalog.ops_define import define
from archcalc.catalog.ops_shape import listed
from archcalc.shapes import Shape, ShapeError


class Joined(Movement):
    """``concatenate(xs, axis)``: every shape equal off the axis; the axis sizes add up."""

    doc = "joined along the axis"
    list_input = True
    #: the fixed axis of hstack (1) / vstack (0) / dstack (2); None: the config's
    fixed_axis: ClassVar[int | None] = None

    def spec(self, cfg: Config, xs: Any) -> T:
        tensors = _tensor_list(xs, "xs")
        shapes = [self.view(t.shape) for t in tensors]
        first = shapes[0]
        axis = self.fixed_axis if self.fixed_axis is not None else cfg.get("axis")
        if axis is None:
            raise ShapeError("`axis` cannot be None for `concatenate`.")
        axis = axis_index(axis, len(first))
        total: int | None = 0
        for t, shape in zip(tensors, shapes, strict=True):
            if not same_except(shape, first, [axis]):
                raise ShapeError(
                    "Every value in `xs` must have the same shape except on the `axis` dim. "
                    f"But found element of shape {t}, which is different from the first "
                    f"element's shape {tensors[0]}."
                )
            total = None if total is None or shape[axis] is None else total + shape[axis]
        out = list(first)
        out[axis] = total
        return T(tuple(out), promote(*tensors))

    def view(self, shape: Shape) -> Shape:
        return shape


class Dstack(Joined):
    """``dstack(xs)``: inputs of rank < 3 padded to 3, then joined along axis 2."""

    fixed_axis = 2

    def view(self, shape: Shape) -> Shape:
        if len(shape) == 0:
            return (1, 1, 1)
        if len(shape) == 1:
            return (1, shape[0], 1)
        return (*shape, 1) if len(shape) == 2 else shape


class Stack(Movement):
    """``stack(x, axis)``: equal shapes; a new axis of their count."""

    doc = "a new axis of the inputs' count"
    list_input = True

    def spec(self, cfg: Config, x: Any) -> T:
        tensors = _tensor_list(x, "x")
        first = tensors[0]
        axis = axis_index(cfg["axis"], first.ndim + 1)
        for t in tensors:
            if not same_except(t.shape, first.shape):
                raise ShapeError(
                    f"Every value in `x` must have the same shape. But found element of shape "
                    f"{t}, which is different from the first element's shape {first}."
                )
        out = list(first.shape)
        out.insert(axis, len(tensors))
        return T(tuple(out), promote(*tensors))


def _tensor_list(value: Any, what: str) -> list[T]:
    items = value if isinstance(value, list) else [value]
    if not items:
        raise ShapeError(f"{what} must be a non-empty list of tensors")
    return [t if isinstance(t, T) else T((), promote(t)) for t in items]


class Append(Movement):
    """``append(x1, x2, axis)``: joined along the axis (flattened without one)."""

    doc = "joined (flattened without an axis)"

    def spec(self, cfg: Config, x1: Any, x2: Any) -> T:
        a, b = tensor(x1, "x1"), tensor(x2, "x2")
        dtype = promote(a, b)
        axis = cfg.get("axis")
        if axis is None:
            na, nb = known_product(a.shape), known_product(b.shape)
            return T((None if na is None or nb is None else na + nb,), dtype)
        i = axis_index(axis, a.ndim)
        if not same_except(a.shape, b.shape, [i]):
            raise ShapeError(
                f"`append` requires inputs to have the same shape except the `axis={axis}`, "
                f"but received shape {a} and {b}."
            )
        out = list(a.shape)
        out[i] = None if a.shape[i] is None or b.shape[i] is None else a.shape[i] + b.shape[i]
        return T(tuple(out), dtype)


class Split(Movement):
    """``split(x, indices_or_sections, axis)``: several outputs along the axis."""

    doc = "several outputs along the axis"
    #: hsplit: axis 1 (0 for 1-D), vsplit: 0, dsplit: 2; None: the config's
    fixed_axis: ClassVar[int | None] = None
    min_rank: ClassVar[int] = 0

    def spec(self, cfg: Config, x: T) -> list[T]:
        x = tensor(x)
        if x.ndim < self.min_rank:
            raise ShapeError(
                f"{self.keras_class.lower()} only works on arrays of at least {self.min_rank} "
                f"dimensions. Received array with shape {x}."
            )
        axis = self.fixed_axis if self.fixed_axis is not None else cfg.get("axis")
        if self.keras_class == "Hsplit" and x.ndim == 1:
            axis = 0
        return split_specs(x, cfg["indices_or_sections"], axis)


def split_specs(x: T, sections: Any, axis: Any) -> list[T]:
    """Keras's ``_compute_split_output_spec``."""
    i = axis_index(axis, x.ndim)
    size = x.shape[i]

    def piece(n: int | None) -> T:
        return T(tuple(n if k == i else d for k, d in enumerate(x.shape)), x.dtype)

    if isinstance(sections, int) and not isinstance(sections, bool):
        if sections <= 0:
            raise ShapeError(f"indices_or_sections must be a positive integer, got {sections}")
        if size is None:
            return [piece(None) for _ in range(sections)]
        if size % sections:
            raise ShapeError(
                "`x` size on given `axis` must be divisible by `indices_or_sections` when "
                f"`indices_or_sections` is an int. But received {size} and {sections}."
            )
        return [piece(size // sections) for _ in range(sections)]
    bounds = [0, *(integer(v, "indices_or_sections") for v in listed(sections)), size]
    return [piece(None if a is None or b is None else b - a) for a, b in pairwise(bounds)]


class ArraySplit(Movement):
    """``array_split(x, n, axis)``: ``n`` pieces, the first ones one longer when uneven."""

    doc = "n outputs along the axis"

    def spec(self, cfg: Config, x: T) -> list[T]:
        x = tensor(x)
        n = integer(cfg["indices_or_sections"], "indices_or_sections")
        i = axis_index(cfg["axis"], x.ndim)
        size = x.shape[i]
        sizes = [None] * n if size is None else [size // n + (k < size % n) for k in range(n)]
        return [T(tuple(s if k == i else d for k, d in enumerate(x.shape)), x.dtype) for s in sizes]


class Unstack(Movement):
    """``unstack(x, num, axis)``: ``num`` outputs without the axis."""

    doc = "one output per index of the axis"

    def spec(self, cfg: Config, x: T) -> list[T]:
        x = tensor(x)
        i = axis_index(cfg["axis"], x.ndim)
        num = cfg.get("num") if cfg.get("num") is not None else x.shape[i]
        if num is None:
            raise ShapeError(
                f"Cannot infer argument `num` from shape {x}. Either provide a tensor with a "
                "concrete shape in the `axis` dimension or explicitly pass the `num` argument."
            )
        shape = x.shape[:i] + x.shape[i + 1 :]
        return [T(shape, x.dtype) for _ in range(num)]


class GetItem(Movement):
    """``x[key]``: ints drop an axis, slices keep it (their length), None adds a 1, ``...``
    stands for the axes the key does not name."""

    doc = "x[key]: ints, slices, None and ... as numpy reads them"

    def spec(self, cfg: Config, x: Any, key: Any) -> T:
        x = tensor(x)
        if isinstance(key, bool) or not isinstance(key, int | list):
            raise ShapeError(
                f"Unsupported key type for array slice. Received: {describe(key)} (Keras takes an "
                "int or a tuple of ints, slices, None and ...; x[:] and x[...] alone are refused)"
            )
        rest = [key] if isinstance(key, int) else list(key)
        if sum(1 for k in rest if k is Ellipsis) > 1:
            raise ShapeError("Slice should only have one ellipsis.")
        if Ellipsis not in rest:
            rest.append(Ellipsis)
        remaining = list(x.shape)
        out: list[int | None] = []
        while rest:
            sub = rest.pop(0)
            if sub is Ellipsis:
                needed = len(rest) - sum(1 for k in rest if k is None)
                take = len(remaining) - needed
                out += remaining[:take]
                remaining = remaining[take:]
                continue
            if sub is None:
                out.append(1)
                continue
            if not remaining:
                raise ShapeError(f"Array has shape {x} but slice has too many indices")
            length = remaining.pop(0)
            if isinstance(sub, int) and not isinstance(sub, bool):
                if length is not None and not -length <= sub < length:
                    raise ShapeError(
                        f"Array has shape {x} but out-of-bounds index {sub} was requested."
                    )
            elif isinstance(sub, slice):
                out.append(None if length is None else slice_length(sub, length))
            else:
                raise ShapeError(f"Unsupported key type for array slice. Received: {describe(sub)}")
        return T(tuple(out), x.dtype)


def slice_length(key: slice, length: int) -> int:
    """``len(range(*key.indices(length)))``, exact for sizes too large for ``range``."""
    start, stop, step = key.indices(length)
    if step > 0:
        return max(0, (stop - start + step - 1) // step)
    return max(0, (start - stop - step - 1) // -step)


def _register() -> None:
    define(Joined, "Concatenate", args=(axis_arg(0),), layer_name=True)
    define(Joined, "Hstack", fixed_axis=1)
    define(Joined, "Vstack", fixed_axis=0)
    define(Dstack, "Dstack")
    define(Stack, "Stack", args=(axis_arg(0),))
    define(Append, "Append", args=(axis_arg(None),))
    sections = arg("indices_or_sections")
    define(Split, "Split", args=(sections, axis_arg(0)))
    define(Split, "Hsplit", args=(sections,), fixed_axis=1, min_rank=1)
    define(Split, "Vsplit", args=(sections,), fixed_axis=0, min_rank=2)
    define(Split, "Dsplit", args=(sections,), fixed_axis=2, min_rank=3)
    define(ArraySplit, "ArraySplit", args=(sections, axis_arg(0)))
    define(Unstack, "Unstack", "core", (arg("num", None), axis_arg(0)))
    define(GetItem, "GetItem")


_register()
