"""Argument types: validate and normalise a layer's arguments once, at load time.

Each layer kind declares its Keras constructor arguments as :class:`Arg`
objects. The loader runs every value through its type's ``check`` (which
returns the normalised value, e.g. ``kernel_size: 5`` -> ``(5, 5)``, as
Keras's ``standardize_tuple`` does) and the same declarations generate the
JSON Schema, so the two cannot drift.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from archcalc.diagnostics import did_you_mean
from archcalc.textsafe import excerpt, quote


class ArgError(ValueError):
    """A value does not fit its argument; ``arg`` names it, the message says why.

    ``path`` leads from ``arg``'s value to the part at fault when the value is
    a mapping itself (a nested layer's ``units``), so the loader can point there.
    """

    def __init__(self, message: str, arg: str | None = None, path: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.arg = arg
        self.path = path


REQUIRED: Any = object()


def _show(value: Any) -> str:
    """A value as a message quotes it: a short excerpt, never the whole of a long one."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int)):
        return quote(value)
    try:
        text = str(value).replace("'", "")
    except ValueError:  # holds an integer too long to print
        text = f"a {type(value).__name__}"
    return excerpt(text)


def is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


class ArgType:
    """Validates one argument value; ``describe`` completes "must be ..."."""

    describe = "a value"

    def check(self, value: Any) -> Any:
        return value

    def schema(self) -> dict[str, Any]:
        return {}

    def fail(self, value: Any, extra: str = "") -> ArgError:
        return ArgError(f"must be {self.describe}, got {_show(value)}{extra}")


class AnyValue(ArgType):
    """Kept as given: initializers, regularizers, constraints, seeds."""

    describe = "any value"


@dataclass(frozen=True)
class Int(ArgType):
    """An integer argument, with optional bounds (a bool is not an int here, as Keras means it)."""

    min: int | None = None
    max: int | None = None

    @property
    def describe(self) -> str:  # type: ignore[override]
        if self.min == 1 and self.max is None:
            return "a positive integer"
        if self.min == 0 and self.max is None:
            return "a non-negative integer"
        if self.min is not None and self.max is not None:
            return f"an integer from {self.min} to {self.max}"
        return "an integer"

    def check(self, value: Any) -> int:
        if not is_int(value):
            raise self.fail(value)
        if (self.min is not None and value < self.min) or (
            self.max is not None and value > self.max
        ):
            raise self.fail(value)
        return value

    def schema(self) -> dict[str, Any]:
        s: dict[str, Any] = {"type": "integer"}
        if self.min is not None:
            s["minimum"] = self.min
        if self.max is not None:
            s["maximum"] = self.max
        return s


POS_INT = Int(min=1)
NONNEG_INT = Int(min=0)


@dataclass(frozen=True)
class Float(ArgType):
    """A real number (integers accepted) within bounds."""

    min: float | None = None
    max: float | None = None
    min_open: bool = False
    max_open: bool = False

    @property
    def describe(self) -> str:  # type: ignore[override]
        if self.min is None and self.max is None:
            return "a number"
        lo = "(" if self.min_open else "["
        hi = ")" if self.max_open else "]"
        a = "-inf" if self.min is None else _show(self.min)
        b = "inf" if self.max is None else _show(self.max)
        return f"a number in {lo}{a}, {b}{hi}"

    def check(self, value: Any) -> float | int:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(value)
        if isinstance(value, float) and math.isnan(value):  # an int is never NaN (nor a float)
            raise self.fail(value)
        if self.min is not None and (value < self.min or (self.min_open and value == self.min)):
            raise self.fail(value)
        if self.max is not None and (value > self.max or (self.max_open and value == self.max)):
            raise self.fail(value)
        return value

    def schema(self) -> dict[str, Any]:
        s: dict[str, Any] = {"type": "number"}
        if self.min is not None:
            s["exclusiveMinimum" if self.min_open else "minimum"] = self.min
        if self.max is not None:
            s["exclusiveMaximum" if self.max_open else "maximum"] = self.max
        return s


class Bool(ArgType):
    describe = "true or false"

    def check(self, value: Any) -> bool:
        if not isinstance(value, bool):
            yaml11 = isinstance(value, str) and value.lower() in ("yes", "no", "on", "off")
            raise self.fail(value, " (specs are YAML 1.2: write true or false)" if yaml11 else "")
        return value

    def schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


BOOL = Bool()


class Str(ArgType):
    describe = "a string"

    def check(self, value: Any) -> str:
        if not isinstance(value, str):
            raise self.fail(value)
        return value

    def schema(self) -> dict[str, Any]:
        return {"type": "string"}


@dataclass(frozen=True)
class Choice(ArgType):
    """One of a fixed set of strings; ``lower`` accepts any case (as Keras's conv padding)."""

    values: tuple[str, ...]
    lower: bool = False

    @property
    def describe(self) -> str:  # type: ignore[override]
        return "one of " + ", ".join(repr(v) for v in self.values)

    def check(self, value: Any) -> str:
        if isinstance(value, str):
            v = value.lower() if self.lower else value
            if v in self.values:
                return v

            raise self.fail(value, did_you_mean(value, self.values))
        raise self.fail(value)

    def schema(self) -> dict[str, Any]:
        return {"enum": list(self.values)}


class DataFormat(Choice):
    """channels_last | channels_first; ``null`` means Keras's default, channels_last."""

    def check(self, value: Any) -> str:
        return "channels_last" if value is None else super().check(value)

    def schema(self) -> dict[str, Any]:
        return {"enum": [*self.values, None]}


# Keras lower-cases data_format (backend.standardize_data_format).
DATA_FORMAT = DataFormat(("channels_last", "channels_first"), lower=True)


@dataclass(frozen=True)
class Nullable(ArgType):
    """``null`` or the inner type (``strides: null`` = default to ``pool_size``)."""

    inner: ArgType

    @property
    def describe(self) -> str:  # type: ignore[override]
        return f"null or {self.inner.describe}"

    def check(self, value: Any) -> Any:
        return None if value is None else self.inner.check(value)

    def schema(self) -> dict[str, Any]:
        return {"anyOf": [{"type": "null"}, self.inner.schema()]}


@dataclass(frozen=True)
class IntTuple(ArgType):
    """An int or a list of ``n`` ints, normalised to an ``n``-tuple (Keras ``standardize_tuple``)."""

    n: int
    min: int = 1

    @property
    def describe(self) -> str:  # type: ignore[override]
        what = "positive integer" if self.min == 1 else "non-negative integer"
        if self.n == 1:
            return f"a {what}"
        return f"a {what} or a list of {self.n} {what}s"

    def check(self, value: Any) -> tuple[int, ...]:
        if is_int(value):
            values = (value,) * self.n
        elif (
            isinstance(value, (list, tuple))
            and len(value) == self.n
            and all(is_int(v) for v in value)
        ):
            values = tuple(value)
        else:
            raise self.fail(value)
        if any(v < self.min for v in values):
            raise self.fail(value)
        return values

    def schema(self) -> dict[str, Any]:
        item = {"type": "integer", "minimum": self.min}
        return {
            "anyOf": [
                item,
                {"type": "array", "items": item, "minItems": self.n, "maxItems": self.n},
            ]
        }


@dataclass(frozen=True)
class ListOf(ArgType):
    """A list of values of one type (or a single value, when ``single`` allows it)."""

    inner: ArgType
    min_items: int = 0
    single: bool = False

    @property
    def describe(self) -> str:  # type: ignore[override]
        base = f"a list of {self.inner.describe.removeprefix('a ').removeprefix('an ')}s"
        return f"{self.inner.describe} or {base}" if self.single else base

    def check(self, value: Any) -> tuple[Any, ...]:
        if self.single and not isinstance(value, (list, tuple)):
            return (self.inner.check(value),)
        if not isinstance(value, (list, tuple)) or len(value) < self.min_items:
            raise self.fail(value)
        try:
            return tuple(self.inner.check(v) for v in value)
        except ArgError:
            raise self.fail(value) from None

    def schema(self) -> dict[str, Any]:
        arr = {"type": "array", "items": self.inner.schema(), "minItems": self.min_items}
        return {"anyOf": [self.inner.schema(), arr]} if self.single else arr


@dataclass(frozen=True)
class Either(ArgType):
    """The first of several types that accepts the value."""

    options: tuple[ArgType, ...]
    text: str = ""

    @property
    def describe(self) -> str:  # type: ignore[override]
        return self.text or " or ".join(o.describe for o in self.options)

    def check(self, value: Any) -> Any:
        for option in self.options:
            try:
                return option.check(value)
            except ArgError:
                continue
        raise self.fail(value)

    def schema(self) -> dict[str, Any]:
        return {"anyOf": [o.schema() for o in self.options]}


@dataclass(frozen=True)
class Custom(ArgType):
    """A type with its own check function (padding pairs, target shapes...)."""

    func: Callable[[Any], Any]
    text: str
    json_schema: dict[str, Any] = field(default_factory=dict)

    @property
    def describe(self) -> str:  # type: ignore[override]
        return self.text

    def check(self, value: Any) -> Any:
        try:
            return self.func(value)
        except ArgError:
            raise
        except (TypeError, ValueError):
            raise self.fail(value) from None

    def schema(self) -> dict[str, Any]:
        return dict(self.json_schema)


@dataclass(frozen=True)
class Arg:
    """One constructor argument of a layer kind.

    ``display`` marks arguments that never change shapes or counts
    (initializers, regularizers, ``activation``...): accepted, kept, shown.
    """

    name: str
    type: ArgType = field(default_factory=AnyValue)
    default: Any = None
    doc: str = ""
    display: bool = False
    #: why Keras accepts the argument and then ignores it (the reader warns when it is given)
    ignored: str = ""

    @property
    def required(self) -> bool:
        return self.default is REQUIRED


def check_args(
    args: dict[str, Arg], given: dict[str, Any], type_name: str, defaults: dict[str, Any]
) -> tuple[dict[str, Any], list[ArgError]]:
    """Validate ``given`` against ``args``: the complete config and the errors found.

    Unknown keys get a did-you-mean; missing required arguments are named.
    """

    errors: list[ArgError] = []
    config: dict[str, Any] = {}
    suggested: set[str] = set()  # a misspelt required argument is one problem, not two
    for key, value in given.items():
        arg = args.get(key)
        if arg is None:
            hint = did_you_mean(key, list(args))
            if hint:
                suggested.add(hint.split("'")[1])
            errors.append(ArgError(f"{type_name} has no argument {quote(key)}{hint}", key))
            continue
        try:
            config[key] = arg.type.check(value)
        except ArgError as exc:
            # a nested mapping's (or list item's) message goes on with its own path: "layer.units ..."
            sep = "" if str(exc).startswith((".", ":", "[")) else " "
            errors.append(ArgError(f"{key}{sep}{exc}", key, exc.path))
    for name, arg in args.items():
        if name in config or name in given or (arg.required and name in suggested):
            continue
        if arg.required:
            errors.append(
                ArgError(f"{type_name} needs the argument '{name}' ({arg.type.describe})", None)
            )
        else:
            config[name] = defaults[name]
    return config, errors


def names(args: Sequence[Arg]) -> dict[str, Arg]:
    return {a.name: a for a in args}
