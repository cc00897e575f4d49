"""Keras's activation names: the argument type that checks them, and the one function that
says which activation a config holds (``linear`` for none, as Keras resolves ``None``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from archcalc.catalog.args import ArgError, ArgType
from archcalc.diagnostics import did_you_mean
from archcalc.textsafe import quote

# Keras 3 activation names (keras/src/activations/__init__.py ALL_OBJECTS_DICT).
ACTIVATIONS = (
    "linear", "relu", "leaky_relu", "relu6", "softmax", "celu", "elu", "selu", "softplus",
    "softsign", "squareplus", "soft_shrink", "sparse_plus", "silu", "swish", "gelu", "glu",
    "tanh", "tanh_shrink", "threshold", "sigmoid", "sparse_sigmoid", "exponential",
    "hard_sigmoid", "hard_silu", "hard_swish", "hard_tanh", "hard_shrink", "mish",
    "log_softmax", "log_sigmoid", "sparsemax",
)  # fmt: skip


#: Names Keras resolves to another function, and so saves under that one's name.
ACTIVATION_ALIASES = {"swish": "silu", "hard_swish": "hard_silu"}


class Activation(ArgType):
    """A Keras activation name, ``null`` (linear), or a serialised object (kept as is)."""

    describe = "a Keras activation name such as 'relu'"

    def check(self, value: Any) -> Any:
        if value is None or isinstance(value, dict):
            return value
        if isinstance(value, str):
            if value == "linear":  # Keras's own spelling of "no activation"
                return None
            if value in ACTIVATIONS:
                return ACTIVATION_ALIASES.get(value, value)
            raise ArgError(
                f"must be a Keras activation name; unknown activation {quote(value)}"
                f"{did_you_mean(value, ACTIVATIONS)}; "
                "Keras knows " + ", ".join(ACTIVATIONS[:8]) + ", ..."
            )
        raise self.fail(value)

    def schema(self) -> dict[str, Any]:
        return {"anyOf": [{"enum": list(ACTIVATIONS)}, {"type": "null"}, {"type": "object"}]}


ACTIVATION = Activation()


def activation_name(value: Any) -> str:
    """The Keras name of an activation as a config holds it (``linear`` for none).

    Keras resolves ``activation=None`` to ``linear`` (``activations.get(None)``); a
    Keras file may hold a serialised function ``{"class_name": ..., "config":
    {"name": ...}}``.
    """
    if value is None:
        return "linear"
    if isinstance(value, Mapping):
        cfg = value.get("config")
        name = cfg.get("name") if isinstance(cfg, Mapping) else None
        return str(name or value.get("class_name") or "linear")
    return str(value) or "linear"
