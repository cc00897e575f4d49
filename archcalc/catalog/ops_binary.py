"""Element-wise keras.ops on two operands (``+ - * / // % **``, comparisons, logic,
``maximum``, ``where``...): the operands broadcast and their dtypes promote.

Operands broadcast as ``keras.ops`` does (right-aligned, a 1 stretches,
``None`` meets any size) and promote under Keras's rules, Python scalars
counting as weak types: ``x / 127.5`` on a uint8 image is float32, ``x * 2``
stays uint8, a comparison is bool.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from archcalc.catalog.args import BOOL
from archcalc.catalog.base import Config
from archcalc.catalog.ops_args import arg
from archcalc.catalog.ops_base import (
    OpKind,
    Slot,
    T,
    broadcast,
    dtype_item,
    promote,
    shape_of,
    tensor,
)
from archcalc.catalog.ops_define import define, define_all
from archcalc.catalog.ops_dtypes import FLOATX, result_type, strong
from archcalc.catalog.ops_unary import bool_to_int
from archcalc.shapes import ShapeError


class Binary(OpKind):
    """``f(x1, x2)``: the operands broadcast; the dtype promotes (scalars weak)."""

    counted_as = "elementwise"

    doc = "element-wise: the operands broadcast"
    call_hint = (
        "write both operands under args, e.g. args: [x, 0] for Keras's mask op not_equal(x, 0) "
        "or args: [x, 127.5] for x / 127.5"
    )
    #: the output dtype from the operands (default: Keras's ``result_type``)
    dtype_rule: ClassVar[Callable[..., str]] = staticmethod(promote)

    def spec(self, cfg: Config, x1: Any, x2: Any) -> T:
        shape = broadcast(shape_of(x1), shape_of(x2))
        return T(shape, type(self).dtype_rule(x1, x2))

    def implicit_args(self, n: int) -> tuple[Any, ...]:
        """A mask op archcalc adds (``not_equal(ids, 0)``): one tensor and Keras's 0."""
        return (Slot(0), 0) if n == 1 else super().implicit_args(n)


def promote_float(x1: Any, x2: Any) -> str:
    """``divide``, ``logaddexp``: ``result_type(x1, x2, float)``."""
    return result_type(dtype_item(x1), dtype_item(x2), ("float32", True))


def promote_mod(x1: Any, x2: Any) -> str:
    return bool_to_int(promote(x1, x2))


def promote_boolean(x1: Any, x2: Any) -> str:
    return "bool"


def _strong(value: Any, default: str) -> str:
    """``standardize_dtype(getattr(x, "dtype", ...))``: a Python scalar as a *strong* dtype."""
    return value.dtype if isinstance(value, T) else default if default else dtype_item(value)[0]


def promote_strong(x1: Any, x2: Any) -> str:
    """``gcd``, ``lcm``: the operands' dtypes standardised first, so scalars are not weak."""
    return strong(_strong(x1, ""), _strong(x2, ""))


def promote_strong_float(x1: Any, x2: Any) -> str:
    """``ldexp``, ``nextafter``: as above, then ``result_type(..., float)``."""
    return result_type((_strong(x1, ""), False), (_strong(x2, ""), False), ("float32", True))


def promote_arctan2(x1: Any, x2: Any) -> str:
    """``arctan2``: a scalar operand counts as float32 (``getattr(x, "dtype", floatx)``)."""
    return result_type(
        (_strong(x1, FLOATX), False), (_strong(x2, FLOATX), False), ("float32", True)
    )


def promote_float_ints(x1: Any, x2: Any) -> str:
    """``hypot``, ``heaviside``: tensors only; an int result becomes float32 (int64: float64)."""
    dtype = strong(tensor(x1, "x1").dtype, tensor(x2, "x2").dtype)
    if dtype in ("int8", "int16", "int32", "uint8", "uint16", "uint32"):
        return FLOATX
    return "float64" if dtype == "int64" else dtype


class Isclose(Binary):
    """``isclose(x1, x2, rtol, atol)``: Keras passes the tolerances as call arguments."""

    dtype_rule = staticmethod(promote_boolean)

    def spec(self, cfg: Config, x1: Any, x2: Any, rtol: Any = 1e-05, atol: Any = 1e-08) -> T:
        return super().spec(cfg, x1, x2)


class AllClose(OpKind):
    """``allclose(x1, x2, rtol, atol)``: one bool for the whole comparison."""

    counted_as = "read_once"

    doc = "a scalar, bool"

    def spec(self, cfg: Config, x1: Any, x2: Any) -> T:
        return T((), "bool")


class Bitwise(OpKind):
    """``bitwise_and(x, y)``: both tensors; the shape is ``x``'s (Keras does not broadcast)."""

    counted_as = "elementwise"

    doc = "the first operand's shape"

    def spec(self, cfg: Config, x: Any, y: Any) -> T:
        x, y = tensor(x, "x"), tensor(y, "y")
        return T(x.shape, strong(x.dtype, y.dtype))


class Shift(OpKind):
    """``left_shift(x, y)``: ``x``'s shape; a Python int ``y`` keeps ``x``'s dtype."""

    counted_as = "elementwise"

    doc = "the first operand's shape"

    def spec(self, cfg: Config, x: Any, y: Any) -> T:
        x = tensor(x, "x")
        if isinstance(y, int) and not isinstance(y, bool):
            return T(x.shape, x.dtype)
        return T(x.shape, strong(x.dtype, tensor(y, "y").dtype))


class Where(OpKind):
    """``where(condition, x1, x2)``: the three broadcast; ``x1``/``x2`` promote."""

    counted_as = "elementwise"

    doc = "condition and both branches broadcast"

    def spec(self, cfg: Config, condition: Any, x1: Any = None, x2: Any = None) -> T:
        if (x1 is None) != (x2 is None):
            raise ShapeError(
                "`x1` and `x2` either both should be `None` or both should have non-None value."
            )
        shape = broadcast(broadcast(shape_of(condition), shape_of(x1)), shape_of(x2))
        items = [dtype_item(v) if v is not None else ("int32", False) for v in (x1, x2)]
        return T(shape, result_type(*items))


class ShapeOfFirst(OpKind):
    """``isin(x1, x2)``, ``digitize(x, bins)``: the first tensor's shape, a fixed dtype."""

    counted_as = "elementwise"

    out_dtype: ClassVar[str] = "bool"

    def spec(self, cfg: Config, x1: Any, x2: Any) -> T:
        return T(tensor(x1, "x1").shape, self.out_dtype)


class Digitize(OpKind):
    """``digitize(x, bins)``: the input's shape, int32; ``bins`` a 1-D tensor."""

    counted_as = "search"

    doc = "the input's shape, int32"

    def spec(self, cfg: Config, x: Any, bins: Any) -> T:
        b = tensor(bins, "bins")
        if b.ndim > 1:
            raise ShapeError(f"`bins` must be a 1D array. Received: bins.shape={b}")
        return T(tensor(x).shape, "int32")


class SearchSorted(OpKind):
    """``searchsorted(sorted_sequence, values)``: the values' shape, int32."""

    counted_as = "search"

    doc = "the values' shape, int32"

    def spec(self, cfg: Config, sorted_sequence: Any, values: Any) -> T:
        seq = tensor(sorted_sequence, "sorted_sequence")
        if seq.ndim != 1:
            raise ShapeError("searchsorted only supports 1-D sorted sequences")
        return T(tensor(values, "values").shape, "int32")


def _binary(names: str, rule: Callable[..., str], module: str = "numpy", **attrs: Any) -> None:
    define_all(Binary, names, module, dtype_rule=staticmethod(rule), **attrs)


_binary("Power FloorDivide Fmax Fmin", promote)
for _name in ("Add", "Subtract", "Multiply", "Maximum", "Minimum"):
    define(Binary, _name, layer_name=True, dtype_rule=staticmethod(promote))
_binary("Divide TrueDivide DivideNoNan Logaddexp Logaddexp2", promote_float)
_binary("Mod Fmod", promote_mod)
_binary(
    "Equal NotEqual Greater GreaterEqual Less LessEqual LogicalAnd LogicalOr LogicalXor",
    promote_boolean,
)
define(Isclose, "Isclose", args=(arg("equal_nan", False, BOOL),))
define(
    AllClose,
    "AllClose",
    args=(arg("rtol", 1e-05), arg("atol", 1e-08), arg("equal_nan", False, BOOL)),
)
_binary("Gcd Lcm", promote_strong)
_binary("Ldexp Nextafter", promote_strong_float)
_binary("Arctan2", promote_arctan2)
_binary("Hypot Heaviside", promote_float_ints)
define_all(Bitwise, "BitwiseAnd BitwiseOr BitwiseXor")
define_all(Shift, "LeftShift RightShift BitwiseLeftShift BitwiseRightShift")
define(Where, "Where")
define(ShapeOfFirst, "IsIn", args=(arg("assume_unique", False, BOOL), arg("invert", False, BOOL)),
       doc="the first operand's shape, bool")  # fmt: skip
define(Digitize, "Digitize")
define(SearchSorted, "SearchSorted", args=(arg("side", "left"),))
