"""A Keras file, start to end: read (keras_archive), translate (keras.py), load (loader).

The one place that decides what a Keras file's reading involves: its config,
its vocabulary assets, and — only when asked — its weights file
(keras_weights.py, the optional h5py).
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Any

from archcalc.diagnostics import ArchcalcError, Diagnostic, Pos, Severity
from archcalc.reader.jsonnodes import parse_json
from archcalc.reader.keras import Translator
from archcalc.reader.keras_archive import KerasArchive, read_keras_archive
from archcalc.reader.keras_weights import WeightShapes
from archcalc.reader.limits import Limits
from archcalc.reader.loader import load_tree
from archcalc.reader.ynode import YNode


def keras_tree(
    path: str,
    limits: Limits | None = None,
    declare_unknown: bool = False,
    read_weights: bool = False,
) -> tuple[YNode, str, str, list[Diagnostic]]:
    """The spec tree for a Keras file, its model name, the path positions refer to, and warnings.

    ``declare_unknown`` (for ``convert``) writes layers archcalc cannot compute whose
    output shape the file does not record as custom layers to fill in, instead of
    refusing them; ``read_weights`` counts such layers' parameters from the archive's
    ``model.weights.h5`` (keras_weights.py: the optional h5py).
    """
    limits = limits or Limits.from_env()
    archive = read_keras_archive(path, limits)
    root = parse_json(archive.text, archive.where, limits)
    if read_weights and archive.is_archive:
        with WeightShapes(path) as weights:
            tree, name, warnings = translate(
                root, archive.where, declare_unknown, archive=archive, weights=weights
            )
        if weights.missing:
            warnings.append(
                Diagnostic(
                    path,
                    0,
                    0,
                    "opaque-layer",
                    "the archive has no model.weights.h5 to read",
                    Severity.WARNING,
                )
            )
    else:
        tree, name, warnings = translate(root, archive.where, declare_unknown, archive=archive)
    return tree, name, archive.where, warnings


def translate(
    root: YNode | None,
    where: str,
    declare_unknown: bool = False,
    *,
    archive: KerasArchive | None = None,
    weights: Any = None,
) -> tuple[YNode, str, list[Diagnostic]]:
    """A parsed Keras model config as a spec tree, its model name, and warnings."""
    if root is None or not root.is_map:
        raise ArchcalcError(
            Diagnostic.at(where, Pos(1, 1), "keras-config", "the file is not a JSON object")
        )
    tr = Translator(where, declare_unknown)
    if archive is not None:
        tr.archive = archive.is_archive
        tr.vocabularies = archive.vocabularies
    tr.weights = weights
    tree = tr.model(root)
    if tr.diags or tree is None:
        raise ArchcalcError(
            tr.diags or [Diagnostic.at(where, root.pos, "keras-config", "not a Keras model")]
        )
    cfg = root.get("config")
    name_node = cfg.get("name") if cfg is not None else None
    name = str(name_node.value) if name_node is not None and name_node.value else ""
    return tree, name, tr.warnings


def load_keras_file(
    path: str,
    limits: Limits | None = None,
    declare_unknown: bool = False,
    read_weights: bool = False,
) -> Any:
    """A Spec from a ``.keras`` archive (or a ``model.to_json()`` file named by path)."""
    tree, name, where, warnings = keras_tree(path, limits, declare_unknown, read_weights)
    spec = load_tree(tree, where, name or os.path.splitext(os.path.basename(path))[0], lenient=True)
    return replace(spec, warnings=(*warnings, *spec.warnings)) if warnings else spec
