"""Reductions and scans: ``mean``, ``sum``, ``max``, ``argmax``, ``std``, ``norm``, ``cumsum``,
``sort``, ``top_k``...

A reduction drops its axes (``axis: null`` drops them all) or keeps them as
1 with ``keepdims``, as Keras's ``reduce_shape`` does; the batch axis is 0
like any other. The dtype rules are Keras's: ``mean`` of ints is float32,
``sum`` of bools int32, ``argmax`` int32, ``any`` bool. A cumulative op or
a sort with ``axis: null`` works on the flattened input.
"""

from __future__ import annotations

from typing import Any, ClassVar

from archcalc.catalog.args import BOOL
from archcalc.catalog.base import Config
from archcalc.catalog.ops_args import KEEPDIMS, arg, axes_arg, axis_arg, dtype_arg
from archcalc.catalog.ops_base import (
    OpKind,
    T,
    axes_of,
    axis_index,
    integer,
    known_product,
    reduce_shape,
    same_except,
    tensor,
)
from archcalc.catalog.ops_define import define, define_all
from archcalc.catalog.ops_dtypes import result_type, with_float
from archcalc.catalog.ops_unary import Rule, boolean, exp_like, float32, floating, same
from archcalc.shapes import ShapeError


def _sum_like(dtype: str) -> str:
    """``sum``/``prod``: small ints and bool accumulate in int32 (uint32 is int32 on torch)."""
    if dtype in ("bool", "int8", "int16", "uint8", "uint16", "uint32"):
        return "int32"
    return dtype


def _mean(dtype: str) -> str:
    return with_float(dtype) if "int" in dtype or dtype == "bool" else dtype


def _narrowed(dtype: str) -> str:
    """``result_type(x.dtype)``: 64-bit narrowed; torch has no uint32."""
    out = result_type((dtype, False))
    return "int32" if out == "uint32" else out


def _int32(dtype: str) -> str:
    return "int32"


class Reduce(OpKind):
    """``mean(x, axis, keepdims)``: the reduced axes dropped or kept as 1."""

    counted_as = "reduction"

    doc = "the axes reduced"
    dtype_rule: ClassVar[Rule] = staticmethod(same)

    def spec(self, cfg: Config, x: T) -> T:
        x = tensor(x)
        shape = reduce_shape(x.shape, self.axes(cfg), cfg.get("keepdims", False))
        return T(shape, self.dtype(cfg, x.dtype))

    def axes(self, cfg: Config) -> Any:
        return cfg.get("axis")

    def dtype(self, cfg: Config, dtype: str) -> str:
        explicit = cfg.get("dtype")
        return explicit if explicit else type(self).dtype_rule(dtype)


class NanArg(Reduce):
    """``nanargmax(x, axis)``: one axis (or all), int32."""

    counted_as = "reduction"

    def axes(self, cfg: Config) -> Any:
        return None if cfg.get("axis") is None else [cfg["axis"]]


class Norm(Reduce):
    """``norm(x, ord, axis, keepdims)``: a vector norm over one axis, a matrix norm over two."""

    counted_as = "norm"

    dtype_rule = staticmethod(exp_like)

    def spec(self, cfg: Config, x: T) -> T:
        x = tensor(x)
        axis = cfg.get("axis")
        axes = range(x.ndim) if axis is None else axes_of(axis, x.ndim)
        order = cfg.get("ord")
        if len(axes) == 1 and isinstance(order, str):
            raise ShapeError(f"Invalid `ord` argument for vector norm. Received: ord={order}")
        matrix_orders = (None, "fro", "nuc", float("inf"), float("-inf"), 1, -1, 2, -2)
        if len(axes) == 2 and order not in matrix_orders:
            raise ShapeError(f"Invalid `ord` argument for matrix norm. Received: ord={order}")
        return super().spec(cfg, x)


class Quantile(Reduce):
    """``quantile(x, q, axis, keepdims)``: several ``q`` add a leading axis of their count."""

    counted_as = "scan_or_sort"

    def spec(self, cfg: Config, x: T, q: Any) -> T:  # type: ignore[override]
        out = super().spec(cfg, x)
        shape = out.shape
        if isinstance(q, T):
            if q.ndim:
                shape = (q.shape[0], *shape)
        elif isinstance(q, list) and (len(q) > 1 or not self.single_q_squeezes):
            shape = (len(q), *shape)
        return T(shape, out.dtype)

    single_q_squeezes: ClassVar[bool] = True


class Average(OpKind):
    """``average(x, axis, weights)``: one axis (or all) reduced; the weights must fit."""

    counted_as = "reduction"

    doc = "the axis reduced"

    def spec(self, cfg: Config, x: Any, weights: Any = None) -> T:
        x = tensor(x)
        items = [(x.dtype, False), ("float32", True)]
        axis = cfg.get("axis")
        if weights is not None:
            w = tensor(weights, "weights")
            items.append((w.dtype, False))
            fits = same_except(x.shape, w.shape)
            if axis is not None:
                fits = fits or same_except((x.shape[axis_index(axis, x.ndim)],), w.shape)
            if not fits:
                raise ShapeError(
                    "`weights` must have the same shape as `x`, or (with an axis) the size of "
                    f"`x` on `axis`; got weights {w} for x {x}"
                )
        return T(reduce_shape(x.shape, None if axis is None else [axis]), result_type(*items))


class Moments(OpKind):
    """``moments(x, axes, keepdims)``: mean and variance, both reduced."""

    counted_as = "moments"

    doc = "two outputs (mean, variance), the axes reduced"

    def spec(self, cfg: Config, x: T) -> list[T]:
        x = tensor(x)
        shape = reduce_shape(x.shape, cfg["axes"], cfg["keepdims"])
        return [T(shape, x.dtype), T(shape, x.dtype)]


class Cumulative(OpKind):
    """``cumsum(x, axis, dtype)``: the same shape, or flattened with ``axis: null``."""

    counted_as = "scan_or_sort"

    doc = "the input's shape (flattened without an axis)"
    out_dtype: ClassVar[str] = ""
    checks_axis: ClassVar[bool] = True
    #: cumulative sums and products of bools count in int32 (a sort keeps bool)
    bool_counts: ClassVar[bool] = True

    def spec(self, cfg: Config, x: T) -> T:
        x = tensor(x)
        axis = cfg.get("axis")
        if axis is None:
            shape: tuple[int | None, ...] = (known_product(x.shape),)
        else:
            if self.checks_axis:
                axis_index(axis, x.ndim)
            shape = x.shape
        dtype = self.out_dtype or cfg.get("dtype") or x.dtype
        return T(shape, "int32" if dtype == "bool" and self.bool_counts else dtype)


class TopK(OpKind):
    """``top_k(x, k)``: values and int32 indices, the last axis of size ``k``."""

    counted_as = "scan_or_sort"

    doc = "two outputs (values, indices), the last axis k"
    module = "keras.src.ops.math"

    def spec(self, cfg: Config, x: T) -> list[T]:
        x = tensor(x)
        if not x.ndim:
            raise ShapeError("top_k needs an input of rank 1 or more")
        shape = (*x.shape[:-1], integer(cfg["k"], "k"))
        return [T(shape, x.dtype), T(shape, "int32")]


class InTopK(OpKind):
    """``in_top_k(targets, predictions, k)``: the targets' shape, bool."""

    counted_as = "read_once"

    doc = "the targets' shape, bool"

    def spec(self, cfg: Config, targets: Any, predictions: Any) -> T:
        return T(tensor(targets, "targets").shape, "bool")


class Trace(OpKind):
    """``trace(x, offset, axis1, axis2)``: both axes reduced."""

    counted_as = "reduction"

    doc = "two axes reduced"

    def spec(self, cfg: Config, x: T) -> T:
        x = tensor(x)
        a1, a2 = axis_index(cfg["axis1"], x.ndim), axis_index(cfg["axis2"], x.ndim)
        if a1 == a2:
            raise ShapeError(
                f"`axis1` and `axis2` must be different. Received: axis1={cfg['axis1']}, "
                f"axis2={cfg['axis2']}"
            )
        shape = tuple(d for i, d in enumerate(x.shape) if i not in (a1, a2))
        return T(shape, _sum_like(x.dtype))


class Diagonal(OpKind):
    """``diagonal(x, offset, axis1, axis2)``: both axes replaced by the diagonal's length."""

    data_movement = True

    doc = "two axes replaced by the diagonal"

    def spec(self, cfg: Config, x: T) -> T:
        x = tensor(x)
        if x.ndim < 2:
            raise ShapeError(f"`diagonal` requires an array of at least two dimensions, got {x}")
        a1, a2 = axis_index(cfg["axis1"], x.ndim), axis_index(cfg["axis2"], x.ndim)
        rest = [d for i, d in enumerate(x.shape) if i not in (a1, a2)]
        return T((*rest, diagonal_length(x.shape[a1], x.shape[a2], cfg["offset"])), x.dtype)


def diagonal_length(rows: int | None, cols: int | None, offset: int) -> int | None:
    if rows is None or cols is None:
        return None
    remaining = cols - offset if offset > 0 else rows + offset
    return max(0, min(remaining, min(rows, cols)))


class Diff(OpKind):
    """``diff(a, n, axis)``: the axis shortened by ``n``."""

    counted_as = "reduction"

    doc = "the axis shortened by n"

    def spec(self, cfg: Config, a: T) -> T:
        a = tensor(a, "a")
        axis = axis_index(cfg["axis"], a.ndim)
        shape = list(a.shape)
        if shape[axis] is not None:
            shape[axis] = max(shape[axis] - cfg["n"], 0)
        return T(tuple(shape), a.dtype)


class Trapezoid(OpKind):
    """``trapezoid(y, x, dx, axis)``: the axis integrated away."""

    counted_as = "reduction"

    doc = "the axis integrated away"

    def spec(self, cfg: Config, y: T) -> T:
        y = tensor(y, "y")
        shape = list(y.shape)
        if cfg.get("axis") is not None and shape:
            shape.pop(cfg["axis"] % len(shape))
        return T(tuple(shape), with_float(y.dtype))


class CountNonzero(Reduce):
    """``count_nonzero(x, axis)``: the axes reduced, int32."""

    counted_as = "read_once"

    dtype_rule = staticmethod(_int32)


def _reductions() -> None:
    plain = (axes_arg(), KEEPDIMS)
    define(Reduce, "Mean", args=plain, dtype_rule=staticmethod(_mean))
    define(Reduce, "Sum", args=plain, dtype_rule=staticmethod(_sum_like))
    define(Reduce, "Prod", args=(*plain, dtype_arg()), dtype_rule=staticmethod(_sum_like))
    for name in ("Max", "Min"):
        define(Reduce, name, args=(*plain, arg("initial", None)))
    define_all(Reduce, "Amax Amin Ptp", args=plain)
    define_all(Reduce, "Any All", args=plain, dtype_rule=staticmethod(boolean))
    for name in ("Argmax", "Argmin"):
        define(Reduce, name, args=(axis_arg(None), KEEPDIMS), dtype_rule=staticmethod(_int32))
    define_all(NanArg, "Nanargmax Nanargmin", args=(axis_arg(None), KEEPDIMS),
               dtype_rule=staticmethod(_int32))  # fmt: skip
    define(Reduce, "Std", args=plain, dtype_rule=staticmethod(exp_like))
    define_all(Reduce, "Var Nanstd Nanvar Nanmean Nanmedian", args=plain,
               dtype_rule=staticmethod(with_float))  # fmt: skip
    define(Reduce, "Median", args=plain, dtype_rule=staticmethod(floating))
    define_all(Reduce, "Nanmax Nanmin", args=plain, dtype_rule=staticmethod(_narrowed))
    define(Reduce, "Nansum", args=plain, dtype_rule=staticmethod(_sum_like))
    define(Reduce, "Nanprod", args=plain, dtype_rule=staticmethod(_sum_like))
    define(Reduce, "Logsumexp", "math", plain, dtype_rule=staticmethod(float32))
    define(CountNonzero, "CountNonzero", args=(axes_arg(),))
    define(Norm, "Norm", "linalg", (arg("ord", None), axes_arg(), KEEPDIMS))
    method = arg("method", "linear")
    define(
        Quantile, "Quantile", args=(axes_arg(), method, KEEPDIMS), dtype_rule=staticmethod(floating)
    )
    define(Quantile, "Nanquantile", args=(axes_arg(), method, KEEPDIMS),
           dtype_rule=staticmethod(floating))  # fmt: skip
    define(Quantile, "Percentile", args=(axes_arg(), method, KEEPDIMS),
           dtype_rule=staticmethod(exp_like), single_q_squeezes=False)  # fmt: skip
    define(Quantile, "Nanpercentile", args=(axes_arg(), method, KEEPDIMS),
           dtype_rule=staticmethod(exp_like), single_q_squeezes=False)  # fmt: skip
    define(Average, "Average", args=(axis_arg(None),), layer_name=True)
    define(Moments, "Moments", "nn", (arg("axes"), KEEPDIMS, arg("synchronized", False, BOOL)))


def _scans() -> None:
    scan = (axis_arg(None), dtype_arg())
    define_all(Cumulative, "Cumsum Cumprod", args=scan)
    define_all(Cumulative, "Nancumsum Nancumprod", args=scan, checks_axis=False)
    define(Cumulative, "Sort", args=(axis_arg(-1),), bool_counts=False, doc="the input's shape")
    define(Cumulative, "Argsort", args=(axis_arg(-1),), out_dtype="int32", doc="int32 indices")
    define(Cumulative, "Argpartition", args=(arg("kth"), axis_arg(-1)), out_dtype="int32",
           checks_axis=False, doc="int32 indices")  # fmt: skip
    define(TopK, "TopK", "math", (arg("k"), arg("sorted", True, BOOL)))
    define(InTopK, "InTopK", "math", (arg("k"),))
    define(Trace, "Trace", args=(arg("offset", 0), arg("axis1", 0), arg("axis2", 1)))
    define(Diagonal, "Diagonal", args=(arg("offset", 0), arg("axis1", 0), arg("axis2", 1)))
    define(Diff, "Diff", args=(arg("n", 1), axis_arg(-1)))
    define(Trapezoid, "Trapezoid", args=(arg("x", None), arg("dx", 1.0), axis_arg(-1)))


_reductions()
_scans()
