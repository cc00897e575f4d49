"""The Python API: load a model description, infer it, render it.

``load`` reads YAML specs (``.yaml``/``.yml``, or any other name) and Keras
files (``.keras`` archives and ``.json`` from ``model.to_json()``) into the
same :class:`Spec`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping

    from archcalc.analysis import CostOptions
    from archcalc.engine import InferenceResult
    from archcalc.reader.yamlnodes import Limits
    from archcalc.render.table import TableOptions
    from archcalc.spec import Spec


def load(
    path: str, limits: Limits | None = None, *, variables: Mapping[str, Any] | None = None
) -> Spec:
    """Read a spec or Keras model file; raises ArchcalcError with positions on failure.

    ``variables``: values for variables the spec declares, as ``--set`` gives them."""
    from archcalc.reader.load import load_path

    return load_path(path, limits, variables=variables)


def load_text(
    text: str, path: str = "<string>", *, variables: Mapping[str, Any] | None = None
) -> Spec:
    """Parse a YAML spec given as a string (``path`` is used in messages and as default name)."""
    from archcalc.reader.load import model_from_text

    return model_from_text(text, path, variables=variables).spec


def infer(spec: Spec) -> InferenceResult:
    """Shapes and parameter counts for every layer; raises ArchcalcError on a problem."""
    from archcalc.engine import infer_spec

    return infer_spec(spec)


def render_summary(result: InferenceResult, options: TableOptions | None = None) -> str:
    """The Keras ``model.summary()`` table (88/108 columns unless options say otherwise)."""
    from archcalc.render.table import render_table

    return render_table(result, options)


def render_json(result: InferenceResult, options: CostOptions | None = None) -> str:
    """The JSON contract (`archcalc docs json-format`), costs included, as ``summary --format json``."""
    from archcalc.analysis import analyze
    from archcalc.render.json import render_json as _render

    return _render(result, analyze(result, options))
