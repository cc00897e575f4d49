"""archcalc's inner view of keras_hub blocks: their sublayers as nested rows.

Keras's ``summary(expand_nested=True)`` opens nested *models* only; a
keras_hub block (``LlamaTransformerDecoder``...) is a Layer, so Keras shows
it as one row however it is asked. ``summary --expand-blocks`` shows what is
inside, as keras_hub builds it: each block's sublayers (attention with its
query/key/value/output projections, norms, feed-forward layers) with their
output shapes and parameters, as rows under the block, the way
``--expand-nested`` shows a nested model's layers. This is archcalc's view,
not a Keras table; layers keras_hub builds but never calls (the softmax of a
fused attention) are left out.
"""

from __future__ import annotations

from dataclasses import replace

from archcalc.catalog import CATALOG
from archcalc.catalog.base import WeightSpec
from archcalc.catalog.hub_base import HubLayer, Sublayer
from archcalc.results import CallResult, InferenceResult, LayerResult, count_weights


def _shapes(shape: object) -> tuple:
    if isinstance(shape, tuple) and shape and isinstance(shape[0], tuple):
        return tuple(s for s in shape if s is not None)
    return (shape,)


def _row(part: Sublayer, trainable: bool) -> LayerResult:
    weights = tuple(w for _, w in part.all_weights())
    t, nt, tb, nb = count_weights(weights, trainable, "float32")
    call = CallResult(part.name, (), (), (), _shapes(part.output_shape))
    children = tuple(_row(c, trainable) for c in part.children if c.output_shape is not None)
    own = tuple(WeightSpec(w.name, w.shape, w.trainable, w.dtype) for w in part.weights)
    return LayerResult(
        part.name, part.type, (call,), own, trainable, t + nt, t, nt, tb, nb, children=children
    )


def with_block_rows(result: InferenceResult) -> InferenceResult:
    """``result`` with every keras_hub layer's sublayers as its nested rows."""
    layers = []
    for row in result.layers:
        kind = CATALOG.get(row.type)
        if isinstance(kind, HubLayer) and row.calls:
            parts = kind.described(dict(row.config), list(row.calls[0].input_shapes))
            kids = tuple(_row(p, row.trainable) for p in parts if p.output_shape is not None)
            row = replace(row, children=kids)
        layers.append(row)
    return replace(result, layers=tuple(layers))
