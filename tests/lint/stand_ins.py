"""Minimal stand-ins for Keras layer kinds the catalog may not have yet.

Lint rules key on Keras class names (ReLU, Activation, Dropout, global
pooling...), so their tests need those types. Until the catalog registers
them, :func:`stand_ins` registers shape-preserving stand-ins with Keras's
constructor arguments for the duration of a test; a real kind, once it
exists, is used instead and the same cases run against it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from archcalc.catalog import CANONICAL, CATALOG
from archcalc.catalog.activation_names import ACTIVATION
from archcalc.catalog.args import BOOL, DATA_FORMAT, REQUIRED, AnyValue, Arg, Float, Int, Nullable
from archcalc.catalog.base import Config, LayerKind
from archcalc.shapes import Shape

NON_NEGATIVE = Float(min=0)


class _Global2D(LayerKind):
    ndim = 4
    ARGS = (Arg("data_format", Nullable(DATA_FORMAT), None), Arg("keepdims", BOOL, False))

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        shape = inputs[0]
        first = cfg["data_format"] == "channels_first"
        channels = shape[1] if first else shape[-1]
        if not cfg["keepdims"]:
            return (shape[0], channels)
        return (shape[0], channels, 1, 1) if first else (shape[0], 1, 1, channels)


STAND_INS: dict[str, tuple[Arg, ...] | type[LayerKind]] = {
    "Activation": (Arg("activation", ACTIVATION, REQUIRED),),
    "ReLU": (
        Arg("max_value", Nullable(NON_NEGATIVE), None),
        Arg("negative_slope", NON_NEGATIVE, 0.0),
        Arg("threshold", NON_NEGATIVE, 0.0),
    ),
    "Softmax": (Arg("axis", Int(), -1),),
    "Dropout": (
        Arg("rate", Float(min=0, max=1), REQUIRED),
        Arg("noise_shape", AnyValue(), None),
        Arg("seed", AnyValue(), None),
    ),
    "GlobalAveragePooling2D": _Global2D,
}


@contextmanager
def stand_ins() -> Iterator[list[str]]:
    """Register the missing stand-ins; yields their names; removes them afterwards."""
    added = []
    for name, spec in STAND_INS.items():
        if name in CATALOG:
            continue
        if isinstance(spec, tuple):
            cls = type(name, (LayerKind,), {"ARGS": spec})
        else:
            cls = type(name, (spec,), {})
        cls.name = name
        CATALOG[name] = cls()
        CANONICAL[name] = name
        added.append(name)
    try:
        yield added
    finally:
        for name in added:
            CATALOG.pop(name, None)
            CANONICAL.pop(name, None)
