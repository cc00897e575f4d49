"""Which model a Keras config describes: Functional, Sequential, or a subclass of either.

A ``keras.Model`` subclass called as ``MyModel(inputs, outputs)`` (keras.io's
GANs, EDSR, metric learning: a class that only overrides ``train_step``)
saves an ordinary Functional config under its own class name; a
``keras.Sequential`` subclass saves Sequential's. Keras builds, and
summarises, the graph of layers in that config, so archcalc reads it the
same way. The class's own Python code (``train_step``, a ``call`` or
``build`` override) is not in the file and is never read: a warning says so.
"""

from __future__ import annotations

from archcalc.diagnostics import Diagnostic, Severity
from archcalc.reader.hubcheck import KERAS_MODEL_CLASSES
from archcalc.reader.ynode import YNode
from archcalc.textsafe import quote

#: what Keras's Sequential.get_config writes
_SEQUENTIAL_KEYS = {"name", "trainable", "dtype", "layers", "build_input_shape"}


def model_base(cls: YNode, cfg: YNode | None) -> str | None:
    """``Functional`` or ``Sequential`` for a model config (a subclass's by its keys), else None."""
    if cls.value in KERAS_MODEL_CLASSES:
        return "Sequential" if cls.value == "Sequential" else "Functional"
    if not isinstance(cls.value, str) or cfg is None or not cfg.is_map:
        return None
    layers = cfg.get("layers")
    if layers is None or not layers.is_seq:
        return None
    if all(k in cfg.value for k in ("input_layers", "output_layers")):
        return "Functional"
    looks_like_layers = all(
        item.is_map and item.get("class_name") is not None and item.get("config") is not None
        for item in layers.value
    )
    if looks_like_layers and set(cfg.value) <= _SEQUENTIAL_KEYS:
        return "Sequential"
    return None


def is_subclass(cls: YNode) -> bool:
    return cls.value not in KERAS_MODEL_CLASSES


def subclass_note(path: str, cls: YNode, layer: YNode, base: str, label: str = "") -> Diagnostic:
    """The warning for a subclass: what archcalc read, and what it cannot."""
    module = layer.get("module")
    where = (
        f" (module {quote(module.value)})"
        if module is not None and isinstance(module.value, str)
        else ""
    )
    return Diagnostic.at(
        path,
        cls.pos,
        "model-subclass",
        f"{label}{quote(cls.value)}{where} is a subclass of keras.{base}: archcalc reads the "
        f"{base} graph of layers its config records, which is what Keras builds and summarises; "
        "the class's own Python code (a train_step, call or build override) is not in the file "
        "and is not read",
        Severity.WARNING,
    )
