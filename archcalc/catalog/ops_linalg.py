"""``keras.ops.linalg`` (``inv``, ``cholesky``, ``qr``, ``svd``, ``solve``...) and the other
matrix ops (``logdet``, ``slogdet``, ``corrcoef``, ``correlate``, ``cdist``).

Decompositions work on the last two axes (a batch of matrices before them);
where Keras asks for a square matrix, so does archcalc, with Keras's message.
"""

from __future__ import annotations

from typing import Any

from archcalc.catalog.args import BOOL
from archcalc.catalog.base import Config
from archcalc.catalog.ops_args import arg
from archcalc.catalog.ops_base import (
    OpKind,
    T,
    broadcast,
    promote,
    tensor,
)
from archcalc.catalog.ops_define import define, define_all
from archcalc.catalog.ops_dtypes import result_type
from archcalc.catalog.ops_unary import wide_float
from archcalc.shapes import ShapeError


def _square(x: T, what: str = "the input") -> T:
    if x.ndim < 2:
        raise ShapeError(f"Expected input to have rank >= 2. Received input with shape {x}.")
    if x.shape[-1] != x.shape[-2]:
        raise ShapeError(f"Expected a square matrix. Received non-square input with shape {x}")
    return x


class Matrix(OpKind):
    """A ``keras.ops.linalg`` op on (batches of) matrices: square ones where Keras says so."""

    counted_as = "linalg"

    module = "keras.src.ops.linalg"
    doc = "linear algebra on the last two axes"

    def spec(self, cfg: Config, x: T) -> T | list[T]:
        x = tensor(x)
        name = self.keras_class
        if name in ("Cholesky", "CholeskyInverse", "Inv"):
            return T(_square(x).shape, x.dtype)
        if name == "Det":
            return T(_square(x).shape[:-2], x.dtype)
        if name in ("Eig", "Eigh"):
            _square(x)
            return [T(x.shape[:-1], x.dtype), T(x.shape, x.dtype)]
        _square_or_rank(x)
        batch, (m, n) = x.shape[:-2], x.shape[-2:]
        if name == "LuFactor":
            return [T((*batch, m, n), x.dtype), T((*batch, _min(m, n)), x.dtype)]
        if name == "MatrixRank":
            return T(batch, "int32")
        if name == "Pinv":
            return T((*batch, n, m), x.dtype)
        if name == "Qr":
            if m is None or n is None:
                raise ShapeError(
                    f"Input should have its last 2 dimensions fully-defined. Received: input.shape = {x}"
                )
            k = min(m, n)
            if cfg.get("mode", "reduced") == "reduced":
                return [T((*batch, m, k), x.dtype), T((*batch, k, n), x.dtype)]
            return [T((*batch, m, m), x.dtype), T((*batch, m, n), x.dtype)]
        # SVD
        k = _min(m, n)
        s = T((*batch, k), x.dtype)
        if not cfg.get("compute_uv", True):
            return s
        if cfg.get("full_matrices", True):
            return [T((*batch, m, m), x.dtype), s, T((*batch, n, n), x.dtype)]
        return [T((*batch, m, k), x.dtype), s, T((*batch, k, n), x.dtype)]


def _min(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else min(a, b)


def _square_or_rank(x: T) -> None:
    if x.ndim < 2:
        raise ShapeError(f"Expected input to have rank >= 2. Received input with shape {x}.")


class Solve(OpKind):
    """``solve(a, b)``: ``b``'s shape; ``a`` square and compatible."""

    counted_as = "linalg"

    module = "keras.src.ops.linalg"
    doc = "b's shape"

    def spec(self, cfg: Config, a: Any, b: Any) -> T:
        a, b = _square(tensor(a, "a")), tensor(b, "b")
        if b.ndim < 1:
            raise ShapeError(f"Expected input to have rank >= 1. Received scalar input {b}.")
        if (a.ndim == b.ndim and a.shape[-2] != b.shape[-2]) or (
            a.ndim == b.ndim - 1 and a.shape[-1] != b.shape[-1]
        ):
            raise ShapeError(
                f"Incompatible shapes between `a` and `b`. Received: a.shape={a}, b.shape={b}"
            )
        return T(b.shape, b.dtype)


class Lstsq(OpKind):
    """``lstsq(a, b)``: ``(n,)`` or ``(n, k)`` for ``a`` of ``(m, n)``."""

    counted_as = "linalg"

    module = "keras.src.ops.linalg"
    doc = "(n,) or (n, k)"

    def spec(self, cfg: Config, a: Any, b: Any) -> T:
        a, b = tensor(a, "a"), tensor(b, "b")
        if a.ndim != 2:
            raise ShapeError(f"Expected a to have rank 2. Received: a.shape={a}")
        if b.ndim not in (1, 2):
            raise ShapeError(f"Expected b to have rank 1 or 2. Received: b.shape={b}")
        if b.shape[0] != a.shape[0]:
            raise ShapeError(
                f"Expected b.shape[0] to be equal to a.shape[0]. Received: a.shape={a}, b.shape={b}"
            )
        n = a.shape[1]
        return T((n, b.shape[1]) if b.ndim == 2 else (n,), a.dtype)


class Determinants(OpKind):
    """``logdet(x)`` (the batch shape) and ``slogdet(x)`` (sign and log |det|)."""

    counted_as = "linalg"

    doc = "the batch shape"

    def spec(self, cfg: Config, x: T) -> T | list[T]:
        x = tensor(x)
        if self.keras_class == "Slogdet":
            return [T((), x.dtype), T(x.shape[:-2], x.dtype)]
        return T(x.shape[:-2], x.dtype)


class Corrcoef(OpKind):
    """``corrcoef(x)``: the input's shape, a float dtype."""

    counted_as = "statistics"

    def spec(self, cfg: Config, x: T) -> T:
        x = tensor(x)
        dtype = (
            "float64" if x.dtype == "int64" else result_type((x.dtype, False), ("float32", True))
        )
        return T(x.shape, dtype)


class Correlate(OpKind):
    """``correlate(x1, x2, mode)``: 1-D signals; the length by the mode."""

    counted_as = "statistics"

    doc = "1-D correlation"

    def spec(self, cfg: Config, x1: Any, x2: Any) -> T:
        a, b = tensor(x1, "x1"), tensor(x2, "x2")
        if a.ndim != 1 or b.ndim != 1:
            raise ShapeError(f"`x1` and `x2` must be 1-dimensional tensors, got {a} and {b}")
        n, m = a.shape[0], b.shape[0]
        mode = cfg["mode"]
        if mode not in ("valid", "same", "full"):
            raise ShapeError(
                f"`mode` must be either `valid`, `same`, or `full`, but received: {mode}"
            )
        if n is None or m is None:
            size = None
        elif mode == "same":
            size = max(n, m)
        elif mode == "full":
            size = n + m - 1
        else:
            size = max(n, m) - min(n, m) + 1
        return T((size,), wide_float(promote(a, b)))


class CDist(OpKind):
    """``cdist(x, y)``: pairwise distances, ``(..., x.shape[-2], y.shape[-2])``."""

    counted_as = "statistics"

    module = "keras.src.ops.math"
    doc = "pairwise distances"

    def spec(self, cfg: Config, x: Any, y: Any) -> T:
        a, b = tensor(x, "x"), tensor(y, "y")
        if a.ndim < 2 or b.ndim < 2:
            raise ShapeError(
                f"Inputs to `cdist` must have rank >= 2. Received shapes: x.shape={a}, y.shape={b}"
            )
        if a.shape[-1] is not None and b.shape[-1] is not None and a.shape[-1] != b.shape[-1]:
            raise ShapeError(
                f"The last dimension of inputs to `cdist` must match. Received shapes: x.shape={a}, y.shape={b}"
            )
        batch = broadcast(a.shape[:-2], b.shape[:-2])
        return T(
            (*batch, a.shape[-2], b.shape[-2]),
            result_type((a.dtype, False), (b.dtype, False), ("float32", True)),
        )


def _register() -> None:
    upper = (arg("upper", False, BOOL),)
    define(Matrix, "Cholesky", "linalg", upper)
    define(Matrix, "CholeskyInverse", "linalg", upper)
    define_all(Matrix, "Det Eig Eigh Inv LuFactor", "linalg")
    define(Matrix, "MatrixRank", "linalg", (arg("tol", None),))
    define(Matrix, "Pinv", "linalg", (arg("rcond", None),))
    define(Matrix, "Qr", "linalg", (arg("mode", "reduced"),))
    define(
        Matrix, "SVD", "linalg", (arg("full_matrices", True, BOOL), arg("compute_uv", True, BOOL))
    )
    define(Solve, "Solve", "linalg")
    define(Solve, "SolveTriangular", "linalg", (arg("lower", False, BOOL),))
    define(Lstsq, "Lstsq", "linalg", (arg("rcond", None),))
    define(Determinants, "Logdet", "math")
    define(Determinants, "Slogdet")
    define(Corrcoef, "Corrcoef")
    define(Correlate, "Correlate", args=(arg("mode", "valid"),))
    define(CDist, "CDist", "math")


_register()
