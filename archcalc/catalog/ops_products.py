"""Products: ``matmul`` (``@``), ``einsum``, ``dot``, ``tensordot``, ``inner``, ``outer``,
``vdot``, ``kron``, ``cross``.

``matmul`` follows numpy (1-D operands promoted then squeezed, leading axes
broadcast; int8 @ int8 is int32); ``dot`` is numpy's ``dot``, not matmul:
``(None, 3, 4) . (None, 4, 5)`` is ``(None, 3, None, 5)``. ``einsum`` maps
each operand onto the output subscripts and broadcasts, without checking
the contracted sizes, as Keras does.
"""

from __future__ import annotations

import re
from typing import Any

from archcalc.catalog.base import Config
from archcalc.catalog.ops_args import arg
from archcalc.catalog.ops_base import (
    OpKind,
    T,
    axis_index,
    broadcast,
    known_product,
    promote,
    same_except,
    shape_of,
    tensor,
)
from archcalc.catalog.ops_define import define, define_all
from archcalc.shapes import Shape, ShapeError, format_shape


def _int8_pair(a: Any, b: Any) -> str:
    """int8 x int8 accumulates in int32 (Keras's matmul and einsum)."""
    if all(isinstance(v, T) and v.dtype == "int8" for v in (a, b)):
        return "int32"
    return promote(a, b)


class Matmul(OpKind):
    """``matmul(x1, x2)`` / ``x1 @ x2``."""

    counted_as = "product"

    doc = "numpy matmul: leading axes broadcast"

    def spec(self, cfg: Config, x1: Any, x2: Any) -> T:
        a, b = tensor(x1, "x1"), tensor(x2, "x2")
        return T(matmul_shape(a.shape, b.shape), _int8_pair(a, b))


def matmul_shape(s1: Shape, s2: Shape) -> Shape:
    """Keras's ``compute_matmul_output_shape``."""
    if not s1 or not s2:
        raise ShapeError("matmul needs operands of rank 1 or more (Keras: IndexError)")
    one1, one2 = len(s1) == 1, len(s2) == 1
    a = (1, s1[0]) if one1 else s1
    b = (s2[0], 1) if one2 else s2
    if a[-1] is not None and b[-2] is not None and a[-1] != b[-2]:
        raise ShapeError(
            "Inner dimensions (`x1.shape[-1]` and `x2.shape[-2]`) must be equal, but received "
            f"`x1.shape={format_shape(a)}` and `x2.shape={format_shape(b)}`."
        )
    out = [*broadcast(a[:-2], b[:-2]), a[-2], b[-1]]
    if one1:
        del out[-2]
    if one2:
        del out[-1]
    return tuple(out)


class Dot(OpKind):
    """``dot(x1, x2)``: numpy's dot (a scalar multiplies)."""

    counted_as = "product"

    doc = "numpy dot"

    def spec(self, cfg: Config, x1: Any, x2: Any) -> T:
        s1, s2 = list(shape_of(x1)), list(shape_of(x2))
        dtype = promote(x1, x2)
        if not s1 or not s2:
            return T(broadcast(s1, s2), dtype)
        if len(s1) == 1 and len(s2) == 1:
            return T((), dtype)
        if len(s2) == 1:
            if s1[-1] != s2[0]:
                raise ShapeError(
                    "Shape must match on the last axis of `x1` and `x2` when `x1` is N-d array "
                    f"while `x2` is 1-D, but receive shape `x1.shape={x1}` and x2.shape=`{x2}`."
                )
            return T(tuple(s1[:-1]), dtype)
        if s1[-1] is None or s2[-2] is None or s1[-1] == s2[-2]:
            return T((*s1[:-1], *s2[:-2], s2[-1]), dtype)
        raise ShapeError(
            "Shape must match on the last axis of `x1` and second last axis of `x2` when `x1` "
            f"is N-d array while `x2` is M-D, but received `x1.shape={x1}` and x2.shape=`{x2}`."
        )


class Tensordot(OpKind):
    """``tensordot(x1, x2, axes)``: the paired axes contracted."""

    counted_as = "product"

    doc = "the paired axes contracted"

    def spec(self, cfg: Config, x1: Any, x2: Any) -> T:
        s1, s2 = list(shape_of(x1)), list(shape_of(x2))
        dtype = promote(x1, x2)
        axes = cfg["axes"]
        if isinstance(axes, int):
            out = s1 + s2 if axes <= 0 else s1[:-axes] + s2[axes:]
            return T(tuple(out), dtype)
        a1, a2 = ([v] if isinstance(v, int) else list(v) for v in axes)
        picked1 = [s1[a] for a in a1]
        picked2 = [s2[a] for a in a2]
        if not same_except(tuple(picked1), tuple(picked2)):
            raise ShapeError(
                f"Shape mismatch on `x1[axes[0]]` and `x2[axes[1]]`, received {picked1} and {picked2}."
            )
        gone1 = {a % len(s1) for a in a1}
        gone2 = {a % len(s2) for a in a2}
        out = [d for i, d in enumerate(s1) if i not in gone1] + [
            d for i, d in enumerate(s2) if i not in gone2
        ]
        return T(tuple(out), dtype)


class Inner(OpKind):
    """``inner(x1, x2)``: the last axes contracted, the rest concatenated."""

    counted_as = "product"

    doc = "last axes contracted"

    def spec(self, cfg: Config, x1: Any, x2: Any) -> T:
        s1, s2 = shape_of(x1), shape_of(x2)
        dtype = promote(x1, x2)
        if not s1:
            return T(s2, dtype)
        if not s2:
            return T(s1, dtype)
        if s1[-1] is not None and s2[-1] is not None and s1[-1] != s2[-1]:
            raise ShapeError(
                "`inner` requires the last dimension of `x1` and `x2` to match. Received: "
                f"x1.shape={format_shape(s1)}, x2.shape={format_shape(s2)}."
            )
        return T((*s1[:-1], *s2[:-1]), dtype)


class Outer(OpKind):
    """``outer(x1, x2)``: both flattened, one axis each."""

    counted_as = "elementwise"

    doc = "(size of x1, size of x2)"

    def spec(self, cfg: Config, x1: Any, x2: Any) -> T:
        s1 = shape_of(x1) if isinstance(x1, T) else (1,)
        s2 = shape_of(x2) if isinstance(x2, T) else (1,)
        return T((known_product(s1), known_product(s2)), promote(x1, x2))


class Vdot(OpKind):
    """``vdot(x1, x2)``: a scalar."""

    counted_as = "product"

    doc = "a scalar"

    def spec(self, cfg: Config, x1: Any, x2: Any) -> T:
        return T((), promote(x1, x2))


class Kron(OpKind):
    """``kron(x1, x2)``: each axis the product of the two (paired from the left)."""

    counted_as = "elementwise"

    doc = "axes multiplied pairwise"

    def spec(self, cfg: Config, x1: Any, x2: Any) -> T:
        s1, s2 = shape_of(x1), shape_of(x2)
        out = tuple(None if a is None or b is None else a * b for a, b in zip(s1, s2, strict=False))
        return T(out, promote(x1, x2))


class Cross(OpKind):
    """``cross(x1, x2, axisa, axisb, axisc)``: vectors of 2 or 3 on the given axes."""

    counted_as = "cross"

    doc = "cross product"

    def spec(self, cfg: Config, x1: Any, x2: Any) -> T:
        a, b = tensor(x1, "x1"), tensor(x2, "x2")
        ia, ib = axis_index(cfg["axisa"], a.ndim), axis_index(cfg["axisb"], b.ndim)
        size_a, size_b = a.shape[ia], b.shape[ib]
        for what, size in (("x1", size_a), ("x2", size_b)):
            if size is not None and size not in (2, 3):
                raise ShapeError(
                    f"`{what}`'s dim on the cross axis must be either 2 or 3, but received: {size}"
                )
        rest = list(broadcast(a.shape[:ia] + a.shape[ia + 1 :], b.shape[:ib] + b.shape[ib + 1 :]))
        value = [3] if 3 in (size_a, size_b) else []
        ic = axis_index(cfg["axisc"], len(rest) + len(value))
        return T(tuple(rest[:ic] + value + rest[ic:]), promote(a, b))


class Einsum(OpKind):
    """``einsum(subscripts, *operands)``: Keras's shape rule (contracted sizes unchecked)."""

    counted_as = "einsum"

    doc = "einsum: each operand mapped onto the output subscripts, broadcast"

    def spec(self, cfg: Config, *operands: Any) -> T:
        subscripts = cfg["subscripts"]
        if not isinstance(subscripts, str):
            raise ShapeError("subscripts must be a string such as 'bij,bjk->bik'")
        parts = subscripts.replace(" ", "").split("->")
        if len(parts) > 2:
            raise ShapeError(
                f"At most one '->' is supported in `einsum` subscripts, but received {subscripts}."
            )
        inputs = parts[0].split(",")
        if len(inputs) != len(operands):
            raise ShapeError(
                f"Number of operands ({len(operands)}) does not match the number of input specs "
                f"({len(inputs)}) in `einsum`, received subscripts={subscripts}."
            )
        letters = [c for c in parts[0] if c.isalpha()]
        once = {c for c in letters if letters.count(c) == 1}
        if len(parts) == 2:
            kept = "".join(c for c in parts[1] if c.isalpha())
            target = parts[1]
        else:
            kept = "".join(sorted(once))
            target = "..." + kept
        out: Shape | None = None
        for x, spec in zip(operands, inputs, strict=True):
            mapped = self.mapped(shape_of(x), spec, target)
            out = mapped if out is None else broadcast(out, mapped)
        assert out is not None
        dtypes = {x.dtype if isinstance(x, T) else promote(x) for x in operands}
        dtype = "int32" if dtypes == {"int8"} else promote(*operands)
        return T(out, dtype)

    @staticmethod
    def mapped(shape: Shape, spec: str, target: str) -> Shape:
        """One operand's shape on the output subscripts (Keras's step 4: unnamed -> 1)."""
        sizes: dict[str, int | None] = {}
        head, dots, tail = spec.partition("...")
        if not dots:
            if len(shape) != len(spec):
                raise ShapeError(
                    "Number of dimensions in the subscript does not match the number of "
                    f"dimensions in the operand, received subscript `{spec}` and operand of "
                    f"shape {format_shape(shape)}."
                )
            wild: tuple[int | None, ...] = ()
            sizes.update(zip(spec, shape, strict=True))
        else:
            if len(shape) < len(head) + len(tail):
                raise ShapeError(
                    f"operand {format_shape(shape)} has fewer axes than `{spec}` names"
                )
            sizes.update(zip(head, shape[: len(head)], strict=True))
            if tail:
                sizes.update(zip(tail, shape[len(shape) - len(tail) :], strict=True))
            wild = shape[len(head) : len(shape) - len(tail)]
        out: list[int | None] = []
        for token in re.findall(r"\.\.\.|[A-Za-z]", target):
            if token == "...":
                out.extend(wild if dots else ())
            else:
                out.append(sizes.get(token, 1))
        return tuple(out)


def _register() -> None:
    define(Matmul, "Matmul")
    define(Dot, "Dot", layer_name=True)
    define(Tensordot, "Tensordot", args=(arg("axes", 2),))
    define_all(Inner, "Inner")
    define_all(Outer, "Outer")
    define_all(Vdot, "Vdot")
    define_all(Kron, "Kron")
    define(
        Cross,
        "Cross",
        args=(arg("axisa", -1), arg("axisb", -1), arg("axisc", -1), arg("axis", None)),
    )
    define(Einsum, "Einsum", args=(arg("subscripts"),))


_register()
