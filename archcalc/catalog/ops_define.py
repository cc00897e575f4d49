"""How op kinds are declared: one class per Keras ``Operation``, made from a shared base.

Most keras.ops classes differ from a sibling only in name, module,
constructor arguments and dtype rule (``Sin`` and ``Cos``; ``Add`` and
``Maximum``), so a family module writes one base class with Keras's
``compute_output_spec`` and registers each name with :func:`define`. Keras
has eleven op classes whose names are also ``keras.layers`` classes
(``Concatenate``, ``Add``, ``Reshape``...): those are registered as
``ops.Concatenate``, the layer keeping the plain name, and their rows still
show Keras's class name. Every other op is registered under its own name;
the reader accepts ``ops.X`` for it too.
"""

from __future__ import annotations

from typing import Any

from archcalc.catalog.args import Arg
from archcalc.catalog.base import register
from archcalc.catalog.ops_base import OpKind

#: Keras's module paths, shortened in declarations
MODULES = {
    "numpy": "keras.src.ops.numpy",
    "nn": "keras.src.ops.nn",
    "math": "keras.src.ops.math",
    "core": "keras.src.ops.core",
    "linalg": "keras.src.ops.linalg",
    "image": "keras.src.ops.image",
    "einops": "keras.src.ops.einops",
    "activations": "keras.src.activations.activations",
    "quantizers": "keras.src.quantizers.quantizers",
}


def define(
    base: type[OpKind],
    class_name: str,
    module: str = "numpy",
    args: tuple[Arg, ...] = (),
    *,
    layer_name: bool = False,
    doc: str = "",
    **attrs: Any,
) -> type[OpKind]:
    """Register ``class_name`` (Keras's op class) as a subclass of ``base``.

    ``layer_name``: ``keras.layers`` has a class of the same name, so the op is
    ``ops.<class_name>`` in a spec.
    """
    namespace = {
        "__module__": base.__module__,
        "__qualname__": class_name,
        "keras_class": class_name,
        "module": MODULES[module],
        "ARGS": args,
        "doc": doc or base.doc,
        **attrs,
    }
    if layer_name:
        namespace["shares_layer_name"] = True
    cls = type(class_name, (base,), namespace)
    name = f"ops.{class_name}" if layer_name else class_name
    return register(name)(cls)


def define_all(
    base: type[OpKind], names: str, module: str = "numpy", args: tuple[Arg, ...] = (), **attrs: Any
) -> None:
    """Several argument-less classes (or classes with the same arguments) on one base."""
    for class_name in names.split():
        define(base, class_name, module, args, **attrs)
