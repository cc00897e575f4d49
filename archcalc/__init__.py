"""archcalc: Keras-exact shapes, parameter counts and summaries from a YAML spec.

The public API is small and stable::

    import archcalc
    spec = archcalc.load("specs/seed_functional.yaml")   # YAML spec or Keras file
    result = archcalc.infer(spec)                        # immutable InferenceResult
    result.total_params, result.layers[1].output_shapes
    print(archcalc.render_summary(result))               # the Keras table

Every failure is an :class:`ArchcalcError` carrying :class:`Diagnostic` objects
(file, line, column, code, message); nothing else escapes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from archcalc._version import __version__

if TYPE_CHECKING:
    from archcalc.api import infer, load, load_text, render_json, render_summary
    from archcalc.diagnostics import ArchcalcError, Diagnostic, Severity

_LAZY = {
    "infer": "archcalc.api",
    "load": "archcalc.api",
    "load_text": "archcalc.api",
    "render_json": "archcalc.api",
    "render_summary": "archcalc.api",
    "ArchcalcError": "archcalc.diagnostics",
    "Diagnostic": "archcalc.diagnostics",
    "Severity": "archcalc.diagnostics",
}


def __getattr__(name: str) -> Any:
    """Import the API on first use, so ``archcalc --version`` stays instant."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'archcalc' has no attribute {name!r}")


__all__ = [
    "ArchcalcError",
    "Diagnostic",
    "Severity",
    "__version__",
    "infer",
    "load",
    "load_text",
    "render_json",
    "render_summary",
]
