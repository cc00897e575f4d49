"""``archcalc diff``: what a change to an architecture does, layer by layer.

:func:`diff_results` compares two inferred models and returns an immutable
:class:`ModelDiff`; :mod:`archcalc.diff.align` pairs their layers and
documents how; the renderers in :mod:`archcalc.render` turn the result into
text. Nothing here reads files or prints.
"""

from __future__ import annotations

from archcalc.diff.compare import diff_results, is_auto_name
from archcalc.diff.model import (
    FieldChange,
    LayerDiff,
    LayerSide,
    MetricDelta,
    ModelDiff,
    ModelSide,
)

__all__ = [
    "FieldChange",
    "LayerDiff",
    "LayerSide",
    "MetricDelta",
    "ModelDiff",
    "ModelSide",
    "diff_results",
    "is_auto_name",
]
