"""Loading model descriptions: YAML specs and Keras files, into one :class:`Spec`.

``.keras`` archives and ``.json`` files with a Keras ``class_name`` are Keras
models; a ``.json`` file without one is a spec written in JSON; everything
else is read as a YAML spec.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from archcalc.reader.yamlnodes import Limits
    from archcalc.spec import Spec

KERAS_SUFFIXES = (".keras", ".json")


def load_path(path: str, limits: Limits | None = None, declare_unknown: bool = False) -> Spec:
    """Dispatch on the file name and content; raises ArchcalcError with positions.

    ``declare_unknown`` (``convert``): layers of a Keras file that archcalc does not
    know become custom layers to fill in, instead of errors.
    """
    from archcalc.reader.yamlnodes import Limits

    limits = limits or Limits.from_env()
    if path.endswith(".keras"):
        from archcalc.reader.keras import load_keras_file

        return load_keras_file(path, limits, declare_unknown)
    if path.endswith(".json"):
        from archcalc.reader.keras import load_keras_file
        from archcalc.reader.loader import load_tree
        from archcalc.reader.yamlnodes import parse_json, read_text

        root = parse_json(read_text(path, limits), path, limits)
        if root is not None and root.is_map and "class_name" in root.value:
            return load_keras_file(path, limits, declare_unknown)
        return load_tree(root, path, os.path.splitext(os.path.basename(path))[0])
    from archcalc.reader.loader import load_yaml_file

    return load_yaml_file(path, limits)
