"""keras.ops that rearrange one tensor: reshape, transpose, moveaxis, expand_dims, squeeze,
ravel, broadcast_to, tile, repeat, pad...

Keras computes these on the whole shape, batch axis included: ``reshape(x,
(-1, 12))`` keeps an unknown batch as None, ``transpose(x)`` with no axes
reverses every axis, ``expand_dims(x, 0)`` adds an axis before the batch.
Each rule here is its class's ``compute_output_spec``, errors included; they
only move data (no arithmetic to count).
"""

from __future__ import annotations

from typing import Any

from archcalc.catalog.base import Config
from archcalc.catalog.ops_args import INTS, arg, axes_arg, axis_arg
from archcalc.catalog.ops_base import (
    Movement,
    T,
    axis_index,
    broadcast,
    describe,
    integer,
    known_product,
    tensor,
)
from archcalc.catalog.ops_define import define
from archcalc.shapes import Shape, ShapeError, format_shape


class Reshape(Movement):
    """``reshape(x, newshape)``: the whole shape (batch included); one -1 is inferred."""

    doc = "newshape; one -1 inferred when every size is known"

    def spec(self, cfg: Config, x: T) -> T:
        x = tensor(x)
        return T(reshaped(x.shape, cfg["newshape"]), x.dtype)


def reshaped(shape: Shape, newshape: Any) -> Shape:
    """Keras's ``compute_reshape_output_shape``: -1 stays None unless every size is known."""
    target = [newshape] if isinstance(newshape, int) else list(newshape)
    for d in target:
        if integer(d, "each size in newshape") < -1:
            raise ShapeError(
                "Each dimension in `newshape` must be a non-negative integer, or `-1` for a "
                f"single unknown dimension. Received: newshape={tuple(target)}."
            )
    if target.count(-1) > 1:
        raise ShapeError(
            "There must be at most one unknown dimension (-1) in `newshape`. "
            f"Received: newshape={tuple(target)}."
        )
    size = known_product(shape)
    if size is None:
        return tuple(None if d == -1 else d for d in target)
    if -1 not in target:
        if size != known_product(target):
            raise ShapeError(
                "The total size of the tensor must be unchanged. Received: "
                f"input_shape={format_shape(shape)}, newshape={tuple(target)}"
            )
        return tuple(target)
    known = known_product([d for d in target if d != -1]) or 0
    if known == 0 or size % known:
        raise ShapeError(
            "The total size of the tensor must be unchanged, however, the input size cannot "
            "be divided by the specified dimensions in newshape. Received: "
            f"input_shape={format_shape(shape)}, newshape={tuple(target)}"
        )
    return tuple(size // known if d == -1 else d for d in target)


class Transpose(Movement):
    """``transpose(x, axes)``: the axes permuted; without ``axes`` every axis reversed."""

    doc = "the axes permuted (all reversed without axes)"

    def spec(self, cfg: Config, x: T) -> T:
        x = tensor(x)
        axes = cfg.get("axes")
        if axes is None:
            return T(tuple(reversed(x.shape)), x.dtype)
        axes = [axes] if isinstance(axes, int) else list(axes)
        if len(axes) != x.ndim:
            raise ShapeError(
                "axis must be a list of the same length as the input shape, expected "
                f"{x.ndim}, but received {len(axes)}."
            )
        order = [axis_index(a, x.ndim) for a in axes]
        if len(set(order)) != x.ndim:
            raise ShapeError(
                f"`axes` must be a valid permutation of the input dimensions (no duplicates). "
                f"Received: axes={axes} for input of rank {x.ndim}."
            )
        return T(tuple(x.shape[a] for a in order), x.dtype)


class Moveaxis(Movement):
    """``moveaxis(x, source, destination)``: the named axes moved, the others in order."""

    doc = "axes moved"

    def spec(self, cfg: Config, x: T) -> T:
        x = tensor(x)
        src = [axis_index(a, x.ndim) for a in listed(cfg["source"])]
        dst = [axis_index(a, x.ndim) for a in listed(cfg["destination"])]
        if len(src) != len(dst):
            raise ShapeError("`source` and `destination` must have the same number of axes")
        out: list[Any] = [-1] * x.ndim
        taken = set()
        for s, d in zip(src, dst, strict=True):
            out[d] = x.shape[s]
            taken.add(s)
        rest = [dim for i, dim in enumerate(x.shape) if i not in taken]
        it = iter(rest)
        return T(tuple(next(it) if d == -1 else d for d in out), x.dtype)


def listed(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else [value]


class Swapaxes(Movement):
    """``swapaxes(x, axis1, axis2)``."""

    doc = "two axes swapped"

    def spec(self, cfg: Config, x: T) -> T:
        x = tensor(x)
        a, b = axis_index(cfg["axis1"], x.ndim), axis_index(cfg["axis2"], x.ndim)
        shape = list(x.shape)
        shape[a], shape[b] = shape[b], shape[a]
        return T(tuple(shape), x.dtype)


class Rot90(Movement):
    """``rot90(array, k, axes)``: the two axes swapped."""

    doc = "two axes swapped"

    def spec(self, cfg: Config, array: T) -> T:
        x = tensor(array, "array")
        if x.ndim < 2:
            raise ShapeError(f"Input array must have at least 2 dimensions. Received: {x}")
        axes = list(cfg["axes"])
        if len(axes) != 2 or axes[0] == axes[1]:
            raise ShapeError(
                f"Invalid axes: {axes}. Axes must be a tuple of two different dimensions."
            )
        shape = list(x.shape)
        a, b = axis_index(axes[0], x.ndim), axis_index(axes[1], x.ndim)
        shape[a], shape[b] = shape[b], shape[a]
        return T(tuple(shape), x.dtype)


class ExpandDims(Movement):
    """``expand_dims(x, axis)``: a 1 inserted at each axis (of the output)."""

    doc = "size-1 axes inserted"

    def spec(self, cfg: Config, x: T) -> T:
        x = tensor(x)
        axis = cfg["axis"]
        axes = listed(axis)
        rank = x.ndim + len(axes)
        new = {axis_index(a, rank) for a in axes}
        if len(new) != len(axes):
            raise ShapeError(f"expand_dims got a repeated axis in {axes}")
        it = iter(x.shape)
        return T(tuple(1 if i in new else next(it) for i in range(rank)), x.dtype)


class Squeeze(Movement):
    """``squeeze(x, axis)``: size-1 axes removed (without ``axis``: every known 1)."""

    doc = "size-1 axes removed"

    def spec(self, cfg: Config, x: T) -> T:
        x = tensor(x)
        axis = cfg.get("axis")
        if axis is None:
            return T(tuple(d for d in x.shape if d != 1), x.dtype)
        gone = set()
        for a in listed(axis):
            i = axis_index(a, x.ndim)
            if x.shape[i] != 1:
                raise ShapeError(f"Cannot squeeze axis {a}, because the dimension is not 1.")
            gone.add(i)
        return T(tuple(d for i, d in enumerate(x.shape) if i not in gone), x.dtype)


class Ravel(Movement):
    """``ravel(x)``: one axis of every element (None if any size is unknown)."""

    doc = "flattened to one axis"

    def spec(self, cfg: Config, x: T) -> T:
        x = tensor(x)
        return T((known_product(x.shape),), x.dtype)


class BroadcastTo(Movement):
    """``broadcast_to(x, shape)``: the given shape, which ``x`` must broadcast to."""

    doc = "the given shape"

    def spec(self, cfg: Config, x: T) -> T:
        x = tensor(x)
        shape = tuple(cfg["shape"]) if isinstance(cfg["shape"], list | tuple) else (cfg["shape"],)
        broadcast(x.shape, shape)
        return T(shape, x.dtype)


class Tile(Movement):
    """``tile(x, repeats)``: each axis times its repeat (shorter lists align right)."""

    doc = "each axis multiplied by its repeat"

    def spec(self, cfg: Config, x: T) -> T:
        x = tensor(x)
        reps = listed(cfg["repeats"])
        shape = list(x.shape)
        if len(shape) > len(reps):
            reps = [1] * (len(shape) - len(reps)) + reps
        else:
            shape = [1] * (len(reps) - len(shape)) + shape
        return T(
            tuple(
                None if d is None else d * integer(r, "repeats")
                for d, r in zip(shape, reps, strict=True)
            ),
            x.dtype,
        )


class Repeat(Movement):
    """``repeat(x, repeats, axis)``: the axis lengthened (flattened without an axis)."""

    doc = "the axis repeated (flattened without an axis)"

    def spec(self, cfg: Config, x: T) -> T:
        x = tensor(x)
        reps = listed(cfg["repeats"])
        axis = cfg.get("axis")
        if axis is None:
            size = known_product(x.shape)
            if size is None:
                return T((None,), x.dtype)
            if len(reps) == 1:
                return T((size * reps[0],), x.dtype)
            if len(reps) != size:
                raise ShapeError(
                    "Size of `repeats` and dimensions of `x` after flattening should be "
                    f"compatible. Received: {len(reps)} and {size}"
                )
            return T((sum(reps),), x.dtype)
        shape = list(x.shape)
        i = axis_index(axis, x.ndim)
        if shape[i] is None:
            return T(x.shape, x.dtype)
        if len(reps) == 1:
            shape[i] *= reps[0]
        elif len(reps) != shape[i]:
            raise ShapeError(
                f"Size of `repeats` and dimensions of `axis {axis} of x` should be compatible. "
                f"Received: {len(reps)} and {x}"
            )
        else:
            shape[i] = sum(reps)
        return T(tuple(shape), x.dtype)


class Pad(Movement):
    """``pad(x, pad_width, mode, constant_values)``: each axis grows by its (before, after)."""

    doc = "each axis grown by its padding"

    def spec(self, cfg: Config, x: T, constant_values: Any = None) -> T:
        x = tensor(x)
        widths = pad_pairs(cfg["pad_width"])
        if len(widths) == 1:
            widths = widths * x.ndim
        elif len(widths) != x.ndim:
            raise ShapeError(
                f"`pad_width` must have the same length as `x.shape`. Received: pad_width="
                f"{cfg['pad_width']} (of length {len(widths)}) and x.shape={x} (of length {x.ndim})"
            )
        return T(
            tuple(
                None if d is None else d + a + b for d, (a, b) in zip(x.shape, widths, strict=True)
            ),
            x.dtype,
        )


def pad_pairs(width: Any) -> list[tuple[int, int]]:
    """Keras's ``Pad._process_pad_width``: an int, one pair, or one pair (or 1-list) per axis."""
    if isinstance(width, int) and not isinstance(width, bool):
        return [(width, width)]
    if isinstance(width, list | tuple) and width and isinstance(width[0], int):
        if len(width) != 2:
            raise ShapeError(f"pad_width must be an int, a pair or a list of pairs; got {width}")
        return [(width[0], width[1])]
    if not isinstance(width, list | tuple) or not width:
        raise ShapeError(
            f"pad_width must be an int, a pair or a list of pairs; got {describe(width)}"
        )
    out = []
    for pw in width:
        if not isinstance(pw, list | tuple) or len(pw) not in (1, 2) or len(pw) != len(width[0]):
            raise ShapeError(
                f"`pad_width` should be a list of tuples of length 1 or 2. Received: pad_width={width}"
            )
        a, b = (pw[0], pw[0]) if len(pw) == 1 else pw
        out.append((integer(a, "pad_width"), integer(b, "pad_width")))
    return out


def _register() -> None:
    define(Reshape, "Reshape", args=(arg("newshape"),), layer_name=True)
    define(Transpose, "Transpose", args=(arg("axes", None),))
    define(Moveaxis, "Moveaxis", args=(arg("source"), arg("destination")))
    define(Swapaxes, "Swapaxes", args=(arg("axis1"), arg("axis2")))
    define(Rot90, "Rot90", args=(arg("k", 1), arg("axes", (0, 1))))
    define(ExpandDims, "ExpandDims", args=(arg("axis"),))
    define(Squeeze, "Squeeze", args=(axes_arg(),))
    define(Ravel, "Ravel")
    define(BroadcastTo, "BroadcastTo", args=(arg("shape"),))
    define(Tile, "Tile", args=(arg("repeats", type_=INTS),))
    define(Repeat, "Repeat", args=(arg("repeats", type_=INTS), axis_arg(None)))
    define(Pad, "Pad", args=(arg("pad_width"), arg("mode", "constant")))


_register()
