"""The contract of a keras.ops node: Keras's ``compute_output_spec``, on shapes and dtypes.

Calling ``keras.ops.true_divide(x, 127.5)`` (or writing ``x / 127.5``) on a
symbolic tensor makes an ``Operation`` node that a Functional model keeps
and ``summary()`` shows as a row. Keras records the call as it was made:
the op's constructor arguments in its ``config`` (``axis``, ``newshape``...)
and the call's positional and keyword arguments, in which tensors, Python
scalars, slices, ``None``, ``...`` and constant arrays sit where the caller
put them. An :class:`OpKind` keeps that structure (``args``/``kwargs`` in
its config, tensors as :class:`Slot` placeholders numbered in the order Keras
flattens them, which is the order of ``Connected to``) and answers as
Keras's ``compute_output_spec`` does, in :meth:`OpKind.spec`, on
:class:`T` values (a shape, batch axis included, and a dtype): the output
shape, and the output dtype under Keras's promotion rules, which decides
the activation memory. Ops have no weights.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, ClassVar

from archcalc.catalog.args import AnyValue, Arg
from archcalc.catalog.base import Config, LayerKind
from archcalc.catalog.ops_dtypes import DtypeError, result_type, scalar_dtype
from archcalc.shapes import Shape, ShapeError, format_shape
from archcalc.textsafe import excerpt

#: A constant array written in a spec or a Keras file holds at most this many values.
CONSTANT_MAX_VALUES = 1_000_000


@dataclass(frozen=True)
class Slot:
    """A tensor argument: the call's ``index``-th tensor input, in Keras's flattening order."""

    index: int


@dataclass(frozen=True)
class SliceKey:
    """A Python slice in a ``GetItem`` key (``x[:, 1:3]``)."""

    start: int | None = None
    stop: int | None = None
    step: int | None = None


@dataclass(frozen=True)
class Constant:
    """A constant array (a numpy array or a backend tensor the caller passed)."""

    shape: tuple[int, ...]
    dtype: str
    values: Any  # nested tuples, kept for writing the spec back


@dataclass(frozen=True)
class T:
    """A tensor as ``compute_output_spec`` sees it: its shape and dtype."""

    shape: Shape
    dtype: str
    constant: bool = False

    @property
    def ndim(self) -> int:
        return len(self.shape)

    def __str__(self) -> str:
        if all(d is None or (isinstance(d, int) and not isinstance(d, bool)) for d in self.shape):
            return format_shape(self.shape)
        return "(" + ", ".join(excerpt(repr(d)) for d in self.shape) + ")"


class OpKind(LayerKind):
    """A keras.ops operation class. Subclasses implement :meth:`spec`.

    ``spec``'s parameters after ``cfg`` are Keras's ``compute_output_spec``
    parameters, by the same names; the call's recorded ``args`` and
    ``kwargs`` bind to them (a missing one is a clear error, not a guess).
    """

    supports_masking = False
    takes_mask = False
    inference_identity = False
    data_movement = False
    trainable_lost_on_load = False

    family = "ops"
    min_inputs = 1
    max_inputs = None
    #: an op takes the call's arguments, not a Layer's keyword arguments
    common_args = (
        Arg("args", AnyValue(), None, "the call's positional arguments, as Keras records them"),
        Arg("kwargs", AnyValue(), None, "the call's keyword arguments, as Keras records them"),
    )
    #: Keras's class name, which the row shows and auto-names count (``Concatenate`` for
    #: the kind ``ops.Concatenate``)
    keras_class: ClassVar[str] = ""
    #: keras.layers has a class of the same name: the spec writes ``ops.<class>``
    shares_layer_name: ClassVar[bool] = False
    #: the Python module Keras defines the class in (a Keras file's ``module``)
    module: ClassVar[str] = "keras.src.ops.numpy"
    #: the first argument is a list of tensors (``concatenate([a, b])``): ``inputs: [a, b]``
    #: on an entry means ``args: [[a, b]]``
    list_input: ClassVar[bool] = False
    #: which rule of analysis/ops_rules counts its work (an op that only moves data needs none)
    counted_as: ClassVar[str] = ""
    #: what to write instead, when a call's arguments do not fit the signature
    call_hint: ClassVar[str] = ""

    @cached_property
    def _signature(self) -> Any:
        """``spec``'s signature, read once per kind (inspect is imported only once an op is used)."""
        import inspect

        return inspect.signature(self.spec)

    @cached_property
    def params(self) -> tuple[Any, ...]:
        """``spec``'s parameters after ``cfg``."""
        return tuple(self._signature.parameters.values())[1:]

    def _bind(self, cfg: Config, args: Sequence[Any], kwargs: dict[str, Any]) -> None:
        self._signature.bind(cfg, *args, **kwargs)

    def spec(self, cfg: Config, x: T) -> T | Sequence[T]:
        """Keras's ``compute_output_spec`` for this class (default: shape and dtype kept)."""
        return T(x.shape, x.dtype)

    def implicit_args(self, n: int) -> tuple[Any, ...]:
        """The call's arguments when only its tensors are known (a mask op archcalc adds)."""
        return tuple(Slot(i) for i in range(n))

    # -- evaluation ----------------------------------------------------------------------
    def evaluate(self, cfg: Config, shapes: Sequence[Shape], dtypes: Sequence[str]) -> list[T]:
        """The output tensors of one call, its tensor inputs given in ``Slot`` order."""
        tensors = [T(tuple(s), d) for s, d in zip(shapes, dtypes, strict=True)]
        raw_args = cfg.get("args")
        args = self.implicit_args(len(tensors)) if raw_args is None else raw_args
        kwargs = cfg.get("kwargs") or {}
        bound_args = [fill(a, tensors) for a in args]
        bound_kwargs = {k: fill(v, tensors) for k, v in kwargs.items()}
        try:
            self._bind(cfg, bound_args, bound_kwargs)
        except TypeError as exc:
            raise ShapeError(self._signature_problem(len(bound_args), bound_kwargs, exc)) from None
        try:
            out = self.spec(cfg, *bound_args, **bound_kwargs)
        except DtypeError as exc:
            raise ShapeError(str(exc)) from None
        except (TypeError, ValueError, IndexError, KeyError, ZeroDivisionError) as exc:
            if isinstance(exc, ShapeError):
                raise
            # an argument of a type the rule cannot use (a string where Keras takes a size...)
            raise ShapeError(
                f"{self.keras_class} cannot be called with these arguments "
                f"({type(exc).__name__}: {excerpt(str(exc))}); "
                f"see `archcalc docs layers` for its arguments"
            ) from None
        outs = [out] if isinstance(out, T) else list(out)
        for t in outs:
            bad = [
                d
                for d in t.shape
                if d is not None and (not isinstance(d, int) or isinstance(d, bool))
            ]
            if bad:
                raise ShapeError(
                    f"the arguments give {describe(bad[0])} as a size of the output; sizes "
                    "are integers"
                )
            if any(d is not None and d < 0 for d in t.shape):
                raise ShapeError(
                    f"the output would have the shape {t}; Keras refuses it (Negative "
                    "dimensions are not allowed)"
                )
        return outs

    def call_problem(self, cfg: Config) -> str:
        """Why the call's arguments do not fit Keras's signature ('' when they do)."""
        args, kwargs = cfg.get("args") or (), cfg.get("kwargs") or {}
        try:
            self._bind(cfg, args, kwargs)
        except TypeError as exc:
            return self._signature_problem(len(args), kwargs, exc)
        return ""

    def _signature_problem(self, n: int, kwargs: dict[str, Any], exc: TypeError) -> str:
        import inspect

        names = ", ".join(
            p.name + ("" if p.default is inspect.Parameter.empty else "=...") for p in self.params
        )
        got = f"{n} positional argument{'s' if n != 1 else ''}"
        if kwargs:
            got += " and " + ", ".join(kwargs)
        why = str(exc).replace("spec()", self.keras_class)
        text = f"{self.keras_class} is called as {self.keras_class}({names}); the call gives {got} ({why})"
        return text + (f"; {self.call_hint}" if self.call_hint else "")

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> list[Shape]:
        return [t.shape for t in self.evaluate(cfg, inputs, ["float32"] * len(inputs))]

    def infer(
        self, cfg: Config, inputs: list[Shape], dtypes: list[str]
    ) -> tuple[tuple[Shape, ...], tuple[str, ...]]:
        out = self.evaluate(cfg, inputs, dtypes)
        return tuple(tuple(t.shape) for t in out), tuple(t.dtype for t in out)


class Movement(OpKind):
    """An op that only moves, copies, selects or fills data: no arithmetic to count."""

    data_movement = True


def fill(value: Any, tensors: Sequence[T]) -> Any:
    """A recorded argument with its tensors (and constants) as :class:`T` values."""
    if isinstance(value, Slot):
        return tensors[value.index]
    if isinstance(value, Constant):
        return T(value.shape, value.dtype, constant=True)
    if isinstance(value, SliceKey):
        return slice(value.start, value.stop, value.step)
    if isinstance(value, list | tuple):
        return [fill(v, tensors) for v in value]
    if isinstance(value, dict):
        return {k: fill(v, tensors) for k, v in value.items()}
    return value


# -- what compute_output_spec asks of its arguments ----------------------------------------


def shape_of(value: Any) -> Shape:
    """``getattr(x, "shape", [])``: a Python scalar is a 0-d value."""
    if isinstance(value, T):
        return value.shape
    if value is None or isinstance(value, bool | int | float):
        return ()
    raise ShapeError(f"expects a tensor or a number here, got {describe(value)}")


def dtype_item(value: Any) -> tuple[str, bool]:
    """(dtype, weak) of an operand: a tensor's dtype, or a Python scalar's weak type."""
    if isinstance(value, T):
        return value.dtype, False
    if isinstance(value, bool | int | float):
        return scalar_dtype(value)
    raise ShapeError(
        f"expects a tensor or a number here, got {describe(value)} (Keras: Invalid dtype)"
    )


def promote(*values: Any) -> str:
    """``result_type`` of operands as Keras passes them (``getattr(x, "dtype", type(x))``)."""
    return result_type(*(dtype_item(v) for v in values))


def tensor(value: Any, what: str = "x") -> T:
    """An argument that must be a tensor (a scalar has no shape to work on)."""
    if not isinstance(value, T):
        raise ShapeError(f"{what} must be a tensor, got {describe(value)}")
    return value


def describe(value: Any) -> str:
    if isinstance(value, T):
        return f"a tensor of shape {value}"
    if isinstance(value, slice):
        return "a slice"
    if value is Ellipsis:
        return "an ellipsis (...)"
    if value is None:
        return "null"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def integer(value: Any, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ShapeError(f"{what} must be an integer, got {describe(value)}")
    return value


def axis_index(axis: Any, ndim: int) -> int:
    """Keras's ``canonicalize_axis``: ``axis`` in ``[-ndim, ndim)``, as an index from 0."""
    axis = integer(axis, "axis")
    if not -ndim <= axis < ndim:
        raise ShapeError(
            f"axis {axis} is out of bounds for an array with dimension {ndim} "
            f"(use an axis from {-ndim} to {ndim - 1}; 0 is the batch axis)"
        )
    return axis % ndim


def axes_of(axis: Any, ndim: int) -> tuple[int, ...]:
    """One axis or several (``canonicalize_axes``)."""
    if isinstance(axis, list | tuple):
        return tuple(axis_index(a, ndim) for a in axis)
    return (axis_index(axis, ndim),)


def broadcast(shape1: Sequence[Any], shape2: Sequence[Any]) -> Shape:
    """Keras's ``broadcast_shapes``: right-aligned; 1 stretches; ``None`` meets a size."""
    a, b = list(shape1), list(shape2)
    if len(a) > len(b):
        b = [1] * (len(a) - len(b)) + b
    elif len(b) > len(a):
        a = [1] * (len(b) - len(a)) + a
    out: list[int | None] = []
    for x, y in zip(a, b, strict=True):
        if x == 1:
            out.append(y)
        elif x is None:
            out.append(None if y == 1 else y)
        elif y == 1 or y is None or y == x:
            out.append(x)
        else:
            raise ShapeError(
                f"Cannot broadcast shape, the failure dim has value {x}, which cannot be "
                f"broadcasted to {y}. Input shapes are: {format_shape(tuple(shape1))} and "
                f"{format_shape(tuple(shape2))} (aligned from the right, each pair of sizes "
                "must be equal or include a 1)"
            )
    return tuple(out)


def reduce_shape(shape: Shape, axis: Any = None, keepdims: bool = False) -> Shape:
    """Keras's ``reduce_shape``: the reduced axes go, or stay as 1 with ``keepdims``."""
    if axis is None:
        return tuple(1 for _ in shape) if keepdims else ()
    gone = axes_of(axis, len(shape))
    if keepdims:
        return tuple(1 if i in gone else d for i, d in enumerate(shape))
    out = list(shape)
    for i in sorted(gone, reverse=True):  # a repeated axis is deleted twice, as in Keras
        del out[i]
    return tuple(out)


def known_product(shape: Sequence[int | None]) -> int | None:
    """The number of elements, or None when a dimension is unknown."""
    n = 1
    for d in shape:
        if d is None:
            return None
        n *= d
    return n


def same_except(shape1: Shape, shape2: Shape, skip: Sequence[int] = ()) -> bool:
    """Keras's ``shape_equal(..., allow_none=True)``: equal rank, equal sizes off ``skip``."""
    if len(shape1) != len(shape2):
        return False
    return all(
        i in skip or a is None or b is None or a == b
        for i, (a, b) in enumerate(zip(shape1, shape2, strict=True))
    )


def require_rank(x: T, ranks: Sequence[int], what: str = "the input") -> None:
    if x.ndim not in ranks:
        want = " or ".join(str(r) for r in ranks)
        raise ShapeError(f"{what} must have rank {want} (batch included), got {x} of rank {x.ndim}")
