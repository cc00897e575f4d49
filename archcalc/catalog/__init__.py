"""The layer catalog: every supported Keras layer type, by class name.

Each family module (``convolutional``, ``pooling``, ...) registers its kinds
with ``@register("KerasClassName", ...)``; adding a family is adding a module
(and regenerating ``_index.py``: ``python -m pytest tests/catalog/test_index.py
--update-goldens``). Nothing is imported until a kind is asked for:
``CATALOG[name]`` loads the family that registers it.
"""

from __future__ import annotations

from archcalc.catalog.base import CANONICAL, CATALOG, LayerKind, WeightSpec, register

__all__ = ["CANONICAL", "CATALOG", "LayerKind", "WeightSpec", "get_kind", "register"]


def get_kind(type_name: str) -> LayerKind | None:
    return CATALOG.get(type_name)
