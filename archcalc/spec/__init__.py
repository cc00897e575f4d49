"""Loading model descriptions: YAML specs and Keras files, into one :class:`Spec`."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from archcalc.spec.model import Spec
    from archcalc.spec.yamlnodes import Limits

KERAS_SUFFIXES = (".keras", ".json")


def load_path(path: str, limits: Limits | None = None) -> Spec:
    """Dispatch on the file name: Keras files by suffix, everything else as YAML."""
    from archcalc.spec.loader import load_yaml_file

    return load_yaml_file(path, limits)
