"""Initializers, regularizers, constraints and dtype policies in one canonical form.

They never change shapes or counts, but ``diff`` compares them, and the
same setting arrives in many spellings: ``glorot_uniform`` in a spec,
``{"module": "keras.initializers", "class_name": "GlorotUniform", "config":
{"seed": null}, "registered_name": null}`` in a Keras file, nothing at all
when the default is meant. Normalising each to one value — the snake-case
name when every parameter is Keras's default, else ``{class_name, config}``
with the defaults left out — makes a saved model, its converted spec and a
hand-written spec compare equal. (This is not a module of layer kinds: it
registers none.)
"""

from __future__ import annotations

from typing import Any

from archcalc.catalog.args import Arg, ArgType
from archcalc.catalog.naming import to_snake_case

# Keras 3 constructor defaults of the built-in objects (keras/src/initializers,
# regularizers, constraints), so parameters equal to them can be dropped.
_DEFAULT_PARAMS: dict[str, dict[str, Any]] = {
    "RandomUniform": {"minval": -0.05, "maxval": 0.05},
    "RandomNormal": {"mean": 0.0, "stddev": 0.05},
    "TruncatedNormal": {"mean": 0.0, "stddev": 0.05},
    "Orthogonal": {"gain": 1.0},
    "Identity": {"gain": 1.0},
    "Constant": {"value": 0.0},
    "VarianceScaling": {"scale": 1.0, "mode": "fan_in", "distribution": "truncated_normal"},
    "L1": {"l1": 0.01},
    "L2": {"l2": 0.01},
    "L1L2": {"l1": 0.0, "l2": 0.0},
    "OrthogonalRegularizer": {"factor": 0.01, "mode": "rows"},
    "MaxNorm": {"max_value": 2, "axis": 0},
    "UnitNorm": {"axis": 0},
    "MinMaxNorm": {"min_value": 0.0, "max_value": 1.0, "rate": 1.0, "axis": 0},
}
# Keras's short names for the same objects (keras.initializers.get("uniform") ...).
_ALIASES = {
    "uniform": "random_uniform",
    "normal": "random_normal",
    "l1_l2": "l1l2",
    "max_norm": "max_norm",
    "unit_norm": "unit_norm",
    "non_neg": "non_neg",
    "min_max_norm": "min_max_norm",
}
# Keras-internal serialisation keys that carry no setting.
_NOISE = ("module", "registered_name", "shared_object_id")


def canonical(value: Any) -> Any:
    """The one form of an initializer / regularizer / constraint (None for none)."""
    if value is None:
        return None
    if isinstance(value, str):
        name = to_snake_case(value) if any(c.isupper() for c in value) else value
        return _ALIASES.get(name, name)
    if isinstance(value, dict):
        cls = value.get("class_name")
        if not isinstance(cls, str):
            return {k: v for k, v in value.items() if k not in _NOISE}
        config = value.get("config")
        params = config if isinstance(config, dict) else {}
        defaults = _DEFAULT_PARAMS.get(cls, {})
        kept = {
            k: v
            for k, v in params.items()
            if v is not None and k != "name" and not (k in defaults and _same(v, defaults[k]))
        }
        name = _ALIASES.get(to_snake_case(cls), to_snake_case(cls))
        return {"class_name": cls, "config": kept} if kept else name
    return value


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return float(a) == float(b)
    return bool(a == b)


class KerasObject(ArgType):
    """An initializer, regularizer or constraint: a name, a serialised object, or null."""

    describe = "a Keras initializer/regularizer/constraint name, a serialised object, or null"

    def check(self, value: Any) -> Any:
        if value is None or isinstance(value, (str, dict)):
            return canonical(value)
        raise self.fail(value)

    def schema(self) -> dict[str, Any]:
        return {"anyOf": [{"type": "string"}, {"type": "object"}, {"type": "null"}]}


KERAS_OBJECT = KerasObject()

#: Keras's default initializer for each weight prefix (``<prefix>_initializer``).
INITIALIZER_DEFAULTS = {
    "kernel": "glorot_uniform",
    "depthwise": "glorot_uniform",
    "pointwise": "glorot_uniform",
    "recurrent": "orthogonal",
    "bias": "zeros",
    "beta": "zeros",
    "gamma": "ones",
    "moving_mean": "zeros",
    "moving_variance": "ones",
    "alpha": "zeros",
    "embeddings": "random_uniform",
}


def weight_args(*prefixes: str) -> tuple[Arg, ...]:
    """``<w>_initializer`` (Keras's default for that weight), ``<w>_regularizer``, ``<w>_constraint``."""
    out = []
    for p in prefixes:
        out += [
            Arg(f"{p}_initializer", KERAS_OBJECT, INITIALIZER_DEFAULTS.get(p), display=True),
            Arg(f"{p}_regularizer", KERAS_OBJECT, None, display=True),
            Arg(f"{p}_constraint", KERAS_OBJECT, None, display=True),
        ]
    return tuple(out)
