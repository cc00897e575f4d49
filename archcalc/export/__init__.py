"""Exporting a spec as code another tool runs: ``archcalc export SPEC --to keras``.

:func:`export` reads any model archcalc reads (a spec with blocks and
variables, a plain spec, a Keras file through the spec ``convert`` writes),
infers it (so only a model that computes is exported), and returns the
module's source, checked to parse as Python.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from typing import Any

from archcalc.engine import infer_spec
from archcalc.export.keras_code import export_keras
from archcalc.reader.designload import load_design
from archcalc.reader.limits import Limits
from archcalc.reader.load import read_model
from archcalc.reader.writer import spec_to_yaml
from archcalc.reader.yamlnodes import parse_yaml

TARGETS = ("keras",)


def export(path: str, to: str = "keras", variables: Mapping[str, Any] | None = None) -> str:
    """The exported source of the model at ``path`` (``-``: stdin); raises ArchcalcError."""

    if to not in TARGETS:
        raise ValueError(f"unknown export target {to!r}")
    loaded = read_model(path, variables=variables)
    spec, text = loaded.spec, loaded.text
    if spec.structure is None:  # a plain spec or a Keras file: read as a design of one level
        if not text or path.endswith((".keras", ".json")):
            text = spec_to_yaml(spec)
        root = parse_yaml(text, spec.path, Limits.from_env())
        assert root is not None
        spec = load_design(root, text, spec.path, spec.name, variables)
    source = export_keras(infer_spec(spec), spec.path)
    ast.parse(source)  # what archcalc writes is Python, whatever the spec's names are
    return source
