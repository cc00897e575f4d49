"""The Python API: load a model description, infer it, render it.

``load`` reads YAML specs (``.yaml``/``.yml``, or any other name) and Keras
files (``.keras`` archives and ``.json`` from ``model.to_json()``) into the
same :class:`Spec`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from archcalc.analysis import CostOptions, analyze
from archcalc.engine import infer_spec
from archcalc.reader.limits import Limits
from archcalc.reader.load import load_path, model_from_text
from archcalc.render.cells import TableOptions
from archcalc.render.json import render_json as _render
from archcalc.render.table import render_table
from archcalc.results import InferenceResult
from archcalc.spec import Spec


def load(
    path: str, limits: Limits | None = None, *, variables: Mapping[str, Any] | None = None
) -> Spec:
    """Read a spec or Keras model file; raises ArchcalcError with positions on failure.

    ``variables``: values for variables the spec declares, as ``--set`` gives them."""

    return load_path(path, limits, variables=variables)


def load_text(
    text: str, path: str = "<string>", *, variables: Mapping[str, Any] | None = None
) -> Spec:
    """Parse a YAML spec given as a string (``path`` is used in messages and as default name)."""

    return model_from_text(text, path, variables=variables).spec


def infer(spec: Spec) -> InferenceResult:
    """Shapes and parameter counts for every layer; raises ArchcalcError on a problem."""

    return infer_spec(spec)


def render_summary(result: InferenceResult, options: TableOptions | None = None) -> str:
    """The Keras ``model.summary()`` table (88/108 columns unless options say otherwise)."""

    return render_table(result, options)


def render_json(result: InferenceResult, options: CostOptions | None = None) -> str:
    """The JSON contract (`archcalc docs json-format`), costs included, as ``summary --format json``."""

    return _render(result, analyze(result, options))
