"""Element-wise keras.ops on one tensor: math functions and the activations of
``keras.ops.nn`` and ``keras.activations``.

A unary op keeps its input's shape; its dtype follows one of a few rules
Keras's ``compute_output_spec`` methods share (an int input to ``sqrt``
becomes float32, to ``relu`` it stays int, ``square`` of bool is int32).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from archcalc.catalog.args import BOOL, REQUIRED
from archcalc.catalog.base import Config
from archcalc.catalog.dtypes import DTYPE_BITS
from archcalc.catalog.ops_args import NUMBER, OPT_NUMBER, arg, axes_arg, axis_arg, dtype_arg
from archcalc.catalog.ops_base import OpKind, T, axes_of, axis_index, tensor
from archcalc.catalog.ops_define import define, define_all
from archcalc.catalog.ops_dtypes import FLOATX, with_float
from archcalc.shapes import ShapeError

Rule = Callable[[str], str]


# -- dtype rules of unary ops (each one a compute_output_spec's) -----------------------------
def same(dtype: str) -> str:
    return dtype


def floating(dtype: str) -> str:
    """``sqrt``, ``sin``, ``log``...: ``result_type(x, float)``; int and bool become float32."""
    return FLOATX if dtype == "int64" else with_float(dtype)


def exp_like(dtype: str) -> str:
    """``exp``, ``fabs``: any int or bool becomes float32, floats stay (float64 too)."""
    return FLOATX if "int" in dtype or dtype == "bool" else dtype


def wide_float(dtype: str) -> str:
    """``deg2rad``, ``i0``: 64-bit inputs become float64, half floats stay, others float32."""
    if dtype in ("int64", "float64"):
        return "float64"
    return dtype if dtype in ("bfloat16", "float16") else FLOATX


def cube_root(dtype: str) -> str:
    if dtype == "int64":
        return "float64"
    return FLOATX if dtype == "bool" or "int" in dtype else dtype


def bool_to_int(dtype: str) -> str:
    """``square``, ``clip``: bool becomes int32, everything else is kept."""
    return "int32" if dtype == "bool" else dtype


def boolean(dtype: str) -> str:
    return "bool"


def float32(dtype: str) -> str:
    """Specs built as ``KerasTensor(x.shape)``: Keras's default dtype, whatever the input."""
    return FLOATX


class Unary(OpKind):
    """``f(x)``: the same shape; the dtype by the class's rule."""

    counted_as = "unary"

    doc = "element-wise: the input's shape"
    dtype_rule: ClassVar[Rule] = staticmethod(same)

    def spec(self, cfg: Config, x: T) -> T:
        x = tensor(x)
        self.check(cfg, x)
        return T(x.shape, type(self).dtype_rule(x.dtype))

    def check(self, cfg: Config, x: T) -> None:
        """Argument checks Keras makes against the input (an axis in range)."""


class AxisUnary(Unary):
    """``softmax(x, axis)``: element-wise over an axis (or axes) that must exist."""

    counted_as = "unary"

    def check(self, cfg: Config, x: T) -> None:
        if cfg.get("axis") is not None:
            axes_of(cfg["axis"], x.ndim)


class Glu(Unary):
    """``glu(x, axis)``: halves the axis (which must be even)."""

    counted_as = "glu"

    doc = "the axis halved"

    def spec(self, cfg: Config, x: T) -> T:
        x = tensor(x)
        shape = list(x.shape)
        axis = axis_index(cfg["axis"], x.ndim)
        if shape[axis] is not None:
            if shape[axis] % 2:
                raise ShapeError(
                    f"axis size must be divisible by 2. Received: x.shape={x} with axis={cfg['axis']}"
                )
            shape[axis] //= 2
        return T(tuple(shape), x.dtype)


class LikeOp(Unary):
    """``zeros_like(x, dtype)``: the input's shape, in ``dtype`` (default: the input's)."""

    data_movement = True

    doc = "the input's shape, in dtype"

    def spec(self, cfg: Config, x: T, *rest: Any) -> T:
        x = tensor(x)
        return T(x.shape, cfg.get("dtype") or x.dtype)


class View(Unary):
    """``view(x, dtype)``: the bytes reinterpreted; the last axis scales with the item size."""

    data_movement = True

    def spec(self, cfg: Config, x: T) -> T:

        x = tensor(x)
        new = cfg.get("dtype") or x.dtype
        old_bits, new_bits = DTYPE_BITS.get(x.dtype, 32), DTYPE_BITS.get(new, 32)
        if old_bits == new_bits:
            return T(x.shape, new)
        if not x.shape:
            raise ShapeError(
                "Cannot view a scalar as a different dtype if item sizes are different."
            )
        shape = list(x.shape)
        if shape[-1] is not None:
            if (shape[-1] * old_bits) % new_bits:
                raise ShapeError(
                    f"Cannot view array of shape {x} and dtype {x.dtype} as dtype {new} because "
                    "the total number of bytes is not divisible by the new itemsize."
                )
            shape[-1] = shape[-1] * old_bits // new_bits
        return T(tuple(shape), new)


def _rank_at_least(n: int) -> Callable[[Unary, Config, T], None]:
    def check(self: Unary, cfg: Config, x: T) -> None:
        if x.ndim < n:
            raise ShapeError(
                f"{self.keras_class} requires input with {n} or more dimensions, got {x}"
            )

    return check


def _axes_in_range(self: Unary, cfg: Config, x: T) -> None:
    if cfg.get("axis") is not None:
        axes_of(cfg["axis"], x.ndim)


class Clip(Unary):
    """``clip(x, x_min, x_max)``: bounds in the config; bool becomes int32."""

    counted_as = "clip"

    dtype_rule = staticmethod(bool_to_int)


# -- registrations -------------------------------------------------------------------------
def _unary(names: str, rule: Rule, module: str = "numpy", **attrs: Any) -> None:
    define_all(Unary, names, module, dtype_rule=staticmethod(rule), **attrs)


_unary("Absolute Negative Sign Trunc BitwiseInvert BitwiseNot", same)
_unary("Conjugate Copy Imag Real", same, data_movement=True)
_unary("Tril Triu", same, args=(arg("k", 0),), data_movement=True)
_unary("Arccos Arccosh Arcsin Arcsinh Arctan Arctanh Cos Cosh Sin Sinc Sinh Tan Tanh", floating)
_unary("Ceil Floor Log Log10 Log1p Log2 Sqrt Angle", floating)
_unary("Exp Exp2 Expm1 Fabs", exp_like)
_unary("Deg2rad Rad2deg I0", wide_float)
_unary("Cbrt", cube_root)
_unary("Square", bool_to_int)
_unary("Reciprocal", float32)
_unary("Isfinite Isinf Isnan Isneginf Isposinf Isreal LogicalNot Signbit", boolean)
_unary("Rsqrt Erf Erfinv", same, "math")
_unary("Erfc", with_float, "math")
_unary("StopGradient", same, "core", data_movement=True)
define(Unary, "Round", args=(arg("decimals", 0),))
define(Unary, "NanToNum", args=(arg("nan", 0.0), arg("posinf", None), arg("neginf", None)))
define(Unary, "Flip", args=(axes_arg(),), check=_axes_in_range, data_movement=True)
define(Unary, "Roll", args=(arg("shift"), axes_arg()), check=_axes_in_range, data_movement=True)
define(Unary, "Fliplr", check=_rank_at_least(2), data_movement=True)
define(Unary, "Flipud", check=_rank_at_least(1), data_movement=True)
define(Clip, "Clip", args=(arg("x_min", type_=OPT_NUMBER), arg("x_max", type_=OPT_NUMBER)))
_unary(
    "Relu Relu6 Sigmoid SparseSigmoid Softplus Softsign SparsePlus Silu LogSigmoid HardSigmoid "
    "HardSilu Selu TanhShrink HardTanh",
    same,
    "nn",
)
_THRESHOLD = arg("threshold", 0.5, NUMBER)
define(Unary, "LeakyRelu", "nn", (arg("negative_slope", 0.2, NUMBER),))
define(Unary, "Elu", "nn", (arg("alpha", 1.0, NUMBER),))
define(Unary, "Celu", "nn", (arg("alpha", 1.0, NUMBER),))
define(Unary, "Gelu", "nn", (arg("approximate", True, BOOL),))
define(Unary, "Squareplus", "nn", (arg("b", 4, NUMBER),))
define(Unary, "SoftShrink", "nn", (_THRESHOLD,))
define(Unary, "HardShrink", "nn", (_THRESHOLD,))
define(Unary, "Threshold", "nn", (arg("threshold", type_=NUMBER), arg("default_value")))
define(AxisUnary, "Softmax", "nn", (axes_arg(-1),), layer_name=True)
define(AxisUnary, "LogSoftmax", "nn", (axes_arg(-1),))
define(AxisUnary, "Sparsemax", "nn", (axis_arg(-1),))
define(Glu, "Glu", "nn", (axis_arg(-1),))
define(
    Unary,
    "ReLU",
    "activations",
    (
        arg("negative_slope", 0.0, NUMBER),
        arg("max_value", None, OPT_NUMBER),
        arg("threshold", 0.0, NUMBER),
    ),
    layer_name=True,
)
define(Unary, "Mish", "activations")
define(AxisUnary, "Normalize", "nn", (axes_arg(-1), arg("order", 2), arg("epsilon", None)),
       dtype_rule=staticmethod(float32))  # fmt: skip
for _like in ("ZerosLike", "OnesLike", "EmptyLike", "FullLike"):
    define(LikeOp, _like, args=(dtype_arg(),))
define(LikeOp, "Array", args=(dtype_arg(),))
define(LikeOp, "Cast", "core", (dtype_arg(REQUIRED, "the output dtype"),))
define(LikeOp, "SaturateCast", "core", (dtype_arg(REQUIRED, "the output dtype"),))
define(
    LikeOp,
    "ConvertToTensor",
    "core",
    (dtype_arg(), arg("sparse", None), arg("ragged", None)),
)
define(View, "View", args=(dtype_arg(),))
