"""The layer catalog: every supported Keras layer type, by class name.

Importing this package imports every module in it, and each module
registers its kinds with ``@register("KerasClassName", ...)``; adding a
family is adding a module. ``get_kind`` resolves a name (canonical or alias).
"""

from __future__ import annotations

import importlib
import pkgutil

from archcalc.catalog.base import CANONICAL, CATALOG, LayerKind, WeightSpec, register

__all__ = ["CANONICAL", "CATALOG", "LayerKind", "WeightSpec", "get_kind", "register"]

for _module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
    if _module not in ("args", "base"):
        importlib.import_module(f"{__name__}.{_module}")


def get_kind(type_name: str) -> LayerKind | None:
    return CATALOG.get(type_name)
