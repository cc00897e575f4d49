"""Shape arithmetic shared by every layer kind.

A shape is a tuple that *includes* the batch dimension, with ``None`` for an
unknown size, exactly as Keras prints it: ``(None, 24, 24, 32)``. All
arithmetic is on Python integers, so sizes never overflow.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from archcalc.numtext import grouped

Dim = int | None
Shape = tuple[Dim, ...]


class ShapeError(ValueError):
    """A shape rule was violated; the message is shown to the user as is."""


def numel(shape: Iterable[int]) -> int:
    """Number of elements of a fully known shape (``()`` has one)."""
    return math.prod(shape)


def dim_text(d: Dim) -> str:
    """A size as Keras prints it; one too long to print (4,300+ digits) shortened honestly."""
    if d is None or d.bit_length() < 14_000:
        return str(d)

    return grouped(d, sep="")


def format_shape(shape: Sequence[Dim]) -> str:
    """Keras's summary form: ``(None, 24, 24, 32)``, and ``(None)`` for rank 1."""
    return "(" + ", ".join(dim_text(d) for d in shape) + ")"


def format_shapes(shapes: Sequence[Shape]) -> str:
    """One shape as above; several as Keras prints a list: ``[(None, 4), (None, 4)]``."""
    if len(shapes) == 1:
        return format_shape(shapes[0])
    return "[" + ", ".join(format_shape(s) for s in shapes) + "]"


def conv_output_length(
    length: Dim, kernel: int, stride: int, padding: str, dilation: int = 1
) -> Dim:
    """Output length of a convolution or pooling window along one axis.

    With the effective kernel ``k_eff = (k - 1) * d + 1`` (ONNX's
    ``convPoolShapeInference``; pooling is ``d = 1``)::

        valid:          floor((n - k_eff) / s) + 1
        same / causal:  floor((n - 1) / s) + 1   == ceil(n / s)

    ``None`` stays ``None``. A result <= 0 is returned as is; callers decide
    how to report it (Keras raises "Computed output size would be zero or
    negative").
    """
    if length is None:
        return None
    if padding == "valid":
        k_eff = (kernel - 1) * dilation + 1
        return (length - k_eff) // stride + 1
    return (length - 1) // stride + 1


def conv_transpose_output_length(
    length: Dim,
    kernel: int,
    stride: int,
    padding: str,
    output_padding: int | None = None,
    dilation: int = 1,
) -> Dim:
    """The inverse of :func:`conv_output_length`, as Keras's transposed convs compute it.

    With ``k_eff = (k - 1) * d + 1``::

        valid: (n - 1) * s + k_eff + op,  op = max(k_eff, s) - k_eff if not given
        same:  n * s                       if output_padding is None
               (n - 1) * s + k_eff % 2 + op  otherwise
    """
    if length is None:
        return None
    k_eff = (kernel - 1) * dilation + 1
    if padding == "valid":
        op = max(k_eff, stride) - k_eff if output_padding is None else output_padding
        return (length - 1) * stride + k_eff + op
    if output_padding is None:
        return length * stride
    return (length - 1) * stride + k_eff % 2 + output_padding


def broadcast_elementwise(shape1: Shape, shape2: Shape) -> Shape:
    """Keras's ``_compute_elemwise_op_output_shape`` for merge layers (no batch dim).

    Shapes are right-aligned; the longer one keeps its leading dims. Per
    dimension: ``None`` if either is ``None``; a 1 broadcasts; otherwise the
    two must be equal.
    """
    if len(shape1) < len(shape2):
        return broadcast_elementwise(shape2, shape1)
    if not shape2:
        return tuple(shape1)
    out = list(shape1[: -len(shape2)])
    for a, b in zip(shape1[-len(shape2) :], shape2, strict=True):
        if a is None or b is None:
            out.append(None)
        elif a == 1:
            out.append(b)
        elif b == 1 or a == b:
            out.append(a)
        else:
            raise ShapeError(
                f"Inputs have incompatible shapes. Received shapes {shape1} and {shape2} "
                "(batch axis left out); aligned from the right, each pair of sizes must be "
                "equal or include a 1"
            )
    return tuple(out)


def canonical_axis(axis: int, rank: int) -> int:
    """``axis`` as a non-negative index into a shape of ``rank``; ShapeError if out of range."""
    if not -rank <= axis < rank:
        raise ShapeError(
            f"axis {axis} is out of range for an input of rank {rank}; "
            f"use an axis from {-rank} to {rank - 1} (0 is the batch axis)"
        )
    return axis % rank


def check_axes(shape: Shape, axes: int | Sequence[int]) -> list[int]:
    """``axes`` (one or several) as given, after checking each is in range for ``shape``."""
    listed = [axes] if isinstance(axes, int) else list(axes)
    for a in listed:
        try:
            canonical_axis(a, len(shape))
        except ShapeError as exc:
            raise ShapeError(f"{exc} (input shape {format_shape(shape)})") from None
    return listed
