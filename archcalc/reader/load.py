"""The one way in: a path (``-`` for stdin) or a text, to a :class:`Spec`.

Every command reads its models here, so each input is read and parsed once
and the question "YAML spec or Keras model?" has one answer:

- a ``.keras`` file is a Keras archive (its ``config.json`` is the model);
- anything else is parsed as YAML, or as JSON when its name ends in
  ``.json`` (or it comes from stdin, starts with ``{`` and only JSON reads
  it); then the document decides, in this order: a Hugging Face
  ``config.json`` (``model_type`` / ``architectures``, no ``class_name``)
  or a keras_hub backbone config (``class_name: LlamaBackbone``, from
  ``keras_hub``) is the keras_hub backbone it describes (reader/hub/); a
  mapping with a Keras ``class_name`` is a Keras model config
  (``model.to_json()``); any other document is a spec.

The Keras reader (keras_files.py and what it uses: ops, custom layers, archives,
subclasses) is loaded by name the first time a Keras model comes in, as the
catalog loads a layer family: a YAML spec does not pay for it. The keras_hub
reader (reader/hub/) and the design reader (blocks, repeat, variables:
designload.py) are loaded the same way, when a document needs them.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import ModuleType
from typing import Any

from archcalc.diagnostics import ArchcalcError, Diagnostic
from archcalc.reader.designcheck import Declared, SettingError, is_design
from archcalc.reader.files import STDIN, STDIN_NAME, decode, read_stream, read_text
from archcalc.reader.hubcheck import is_hf_config, is_hub_config
from archcalc.reader.jsonnodes import parse_json
from archcalc.reader.limits import Limits
from archcalc.reader.loader import load_tree
from archcalc.reader.yamlnodes import parse_yaml
from archcalc.reader.ynode import YNode
from archcalc.spec import Spec

KERAS_ARCHIVE = ".keras"
#: the module that reads Keras model files, loaded when one comes in
KERAS_READER = "archcalc.reader.keras_files"
#: the module that expands blocks, repeats and variables, loaded when a spec has them
DESIGN_READER = "archcalc.reader.designload"
#: the module that builds keras_hub backbones from their configs (and Hugging Face ones)
HUB_READER = "archcalc.reader.hub"


def _keras() -> ModuleType:
    return importlib.import_module(KERAS_READER)


@dataclass(frozen=True)
class Loaded:
    """A model and the text it was read from ('' for a ``.keras`` archive): lint reads its
    ``# archcalc:`` directives."""

    spec: Spec
    text: str


def load_path(
    path: str,
    limits: Limits | None = None,
    declare_unknown: bool = False,
    read_weights: bool = False,
    variables: Mapping[str, Any] | None = None,
) -> Spec:
    """The Spec of a file (``-``: stdin); raises ArchcalcError with positions.

    ``declare_unknown`` (``convert``): layers of a Keras file that archcalc cannot compute
    and whose output shape the file does not record become custom layers to fill in,
    instead of errors. ``read_weights``: such layers' parameters are counted from a
    ``.keras`` archive's weights file (the optional h5py; never by default).
    ``variables``: ``--set`` values for the spec's variables.
    """
    return read_model(path, limits, declare_unknown, read_weights, variables).spec


def read_model(
    path: str,
    limits: Limits | None = None,
    declare_unknown: bool = False,
    read_weights: bool = False,
    variables: Mapping[str, Any] | None = None,
) -> Loaded:
    """Read a file (``-``: stdin) once and load it as a spec or a Keras model."""
    limits = limits or Limits.from_env()
    if path == STDIN:
        return model_from_text(read_stdin(limits), STDIN_NAME, limits, declare_unknown, variables)
    if path.endswith(KERAS_ARCHIVE):
        spec = _keras().load_keras_file(path, limits, declare_unknown, read_weights)
        return Loaded(_no_variables(spec, variables), "")
    return model_from_text(read_text(path, limits), path, limits, declare_unknown, variables)


def model_from_text(
    text: str,
    path: str,
    limits: Limits | None = None,
    declare_unknown: bool = False,
    variables: Mapping[str, Any] | None = None,
) -> Loaded:
    """A spec or Keras ``to_json()`` config given as text; ``path`` names it in messages."""
    limits = limits or Limits.from_env()
    root = _parse(text, path, limits)
    if is_hf_config(root) or is_hub_config(root):
        assert root is not None
        tree, warnings = importlib.import_module(HUB_READER).backbone_tree(root, path)
        spec = load_tree(tree, path, _stem(path))
        spec = replace(spec, source="keras_hub", warnings=(*warnings, *spec.warnings))
        return Loaded(_no_variables(spec, variables), text)
    if is_keras_config(root):
        assert root is not None
        tree, name, warnings = _keras().translate(root, path, declare_unknown)
        spec = load_tree(tree, path, name or _stem(path), lenient=True)
        if warnings:
            spec = replace(spec, warnings=(*warnings, *spec.warnings))
        return Loaded(_no_variables(spec, variables), text)
    if (variables and not isinstance(variables, Declared)) or is_design(root, text):
        assert root is not None
        design = importlib.import_module(DESIGN_READER).load_design(
            root, text, path, _stem(path), variables
        )
        return Loaded(design, text)
    return Loaded(load_tree(root, path, _stem(path)), text)


def _no_variables(spec: Spec, variables: Mapping[str, Any] | None) -> Spec:
    """A Keras file has no variables: a ``--set`` for one is a usage error."""
    if variables and not isinstance(variables, Declared):
        name = next(iter(variables))
        raise SettingError(
            Diagnostic(
                spec.path,
                0,
                0,
                "unknown-variable",
                f"--set {name}: a Keras model file or a keras_hub config has no variables; --set sets those a spec "
                "declares under 'variables:'",
            )
        )
    return spec


def is_keras_config(root: YNode | None) -> bool:
    """A Keras model config (``model.to_json()``): a mapping with ``class_name``, which no
    spec has."""
    return root is not None and root.is_map and "class_name" in root.value


def looks_like_model_json(head: bytes) -> bool:
    """Whether the start of a ``.json`` file is a Keras ``to_json()`` config or a spec written
    in JSON (lint walks a directory for those, not for every JSON file)."""
    return head.lstrip().startswith(b"{") and (b'"class_name"' in head or b'"layers"' in head)


def read_stdin(limits: Limits, name: str = STDIN_NAME) -> str:
    """All of stdin as text, refused past the file-size limit (``-`` may be /dev/zero);
    ``name`` is what messages call it (``lint --stdin-filename``)."""
    return decode(name, read_stream(sys.stdin.buffer, name, limits))


def _parse(text: str, path: str, limits: Limits) -> YNode | None:
    if path.endswith(".json"):
        return parse_json(text, path, limits)
    try:
        return parse_yaml(text, path, limits)
    except ArchcalcError as exc:
        # JSON the YAML reader refuses (rare escapes) when it is not named .json: stdin
        if text.lstrip().startswith("{") and exc.diagnostics[0].code == "yaml-syntax":
            try:
                return parse_json(text, path, limits)
            except ArchcalcError:
                pass
        raise


def _stem(path: str) -> str:
    """The default model name: the file's stem ('' for stdin and other unnamed texts)."""
    return "" if path.startswith("<") else os.path.splitext(os.path.basename(path))[0]
