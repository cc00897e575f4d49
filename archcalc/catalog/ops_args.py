"""Argument types of keras.ops constructors: dtypes, axes and the compact ``Arg`` helper.

An op's constructor arguments are what Keras records in the node's
``config`` (``axis``, ``newshape``, ``dtype``...): ordinary entry keys in a
spec. They are checked here at load time when their type is fixed; whether
they fit the input shapes is the op's own question, when it runs.
"""

from __future__ import annotations

from typing import Any

from archcalc.catalog.args import (
    BOOL,
    REQUIRED,
    AnyValue,
    Arg,
    ArgType,
    Choice,
    Either,
    Float,
    Int,
    ListOf,
    Nullable,
)
from archcalc.catalog.dtypes import DTYPE_BITS

#: every dtype Keras accepts by name (keras/src/backend/common/dtypes.py ALLOWED_DTYPES)
DTYPE_NAMES = (*DTYPE_BITS, "string")
DTYPE = Choice(tuple(DTYPE_NAMES))
OPT_DTYPE = Nullable(DTYPE)
INT = Int()
OPT_INT = Nullable(INT)
NUMBER = Float()
OPT_NUMBER = Nullable(NUMBER)
INTS = ListOf(INT, single=True)
#: one axis or several (``axis: [1, 2]``); null where Keras means "all" or "flattened"
AXES = Nullable(Either((INT, ListOf(INT)), "an integer or a list of integers"))
ANY = AnyValue()


def arg(name: str, default: Any = REQUIRED, type_: ArgType = ANY, doc: str = "") -> Arg:
    """One constructor argument, Keras's default (``REQUIRED`` when it has none)."""
    return Arg(name, type_, default, doc)


def axis_arg(default: Any = -1, doc: str = "the axis (0 is the batch axis)") -> Arg:
    return Arg("axis", OPT_INT, default, doc)


def axes_arg(default: Any = None, doc: str = "axis or axes (null: all)") -> Arg:
    return Arg("axis", AXES, default, doc)


def dtype_arg(default: Any = None, doc: str = "the output dtype (null: the input's)") -> Arg:
    return Arg("dtype", DTYPE if default is REQUIRED else OPT_DTYPE, default, doc)


KEEPDIMS = Arg("keepdims", BOOL, False, "keep reduced axes as size 1")
DATA_FORMAT_ARG = Arg(
    "data_format",
    Nullable(Choice(("channels_last", "channels_first"))),
    None,
    "channels_last (null: Keras's default) or channels_first",
)
