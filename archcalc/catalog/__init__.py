"""The layer catalog: every supported Keras layer type, by class name.

Importing this package registers all kinds. ``get_kind`` resolves a type
name (canonical or alias) and offers a did-you-mean for unknown ones.
"""

from __future__ import annotations

from archcalc.catalog import convolutional, core, merging, pooling, reshaping  # noqa: F401
from archcalc.catalog.base import CANONICAL, CATALOG, LayerKind, WeightSpec, register

__all__ = ["CANONICAL", "CATALOG", "LayerKind", "WeightSpec", "get_kind", "register"]


def get_kind(type_name: str) -> LayerKind | None:
    return CATALOG.get(type_name)
