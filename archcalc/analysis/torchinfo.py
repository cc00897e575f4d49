"""``--convention torchinfo``: torchinfo 1.8.0's "Mult-Adds", for comparison with PyTorch.

torchinfo 1.8.0 (the current PyPI release; ``LayerInfo.calculate_macs``)
counts, per module with parameters::

    Conv*   (weight + bias params) x N x output positions   # bias counted as a MAC
    RNNs    N x T x params          # output_size[:2]; PyTorch keeps two bias vectors
    others  N x params              # Linear, BatchNorm, LayerNorm, Embedding...

and 0 for every module without parameters (pooling, activations, merges).
"Others" is where torchinfo is wrong: a Linear on a 3-D input ``(N, T, d)``
is counted once per sample, not once per position (issue #77; fixed only
in unreleased HEAD, which multiplies by ``prod(output[:-1])``), and a
BatchNorm's count is its parameter count, unrelated to the feature map.
This module reproduces 1.8.0, bugs included, so the numbers match what
``pip install torchinfo`` prints. Parameters are those PyTorch would
register: BatchNormalization's moving statistics are buffers, not
parameters, in PyTorch, so they are left out.
"""

from __future__ import annotations

import math

from archcalc.analysis.cost import ZERO, Cost, Family, Op, cost_rule, dims
from archcalc.analysis.rules import spatial
from archcalc.analysis.sequence_rules import wrapped
from archcalc.catalog import CATALOG

#: Keras recurrent layer -> bias vectors PyTorch has beyond Keras's (b_ih and b_hh vs one b):
#: a function of (units, config).
RNN_EXTRA_BIAS = {
    "SimpleRNN": lambda u, cfg: u,
    "LSTM": lambda u, cfg: 4 * u,
    "GRU": lambda u, cfg: 0 if cfg.get("reset_after", True) else 3 * u,
}


def _rnn_extra(kind: str, cfg: dict) -> int | None:  # type: ignore[type-arg]
    extra = RNN_EXTRA_BIAS.get(kind)
    if extra is None:
        return None
    return extra(cfg["units"], cfg) if cfg.get("use_bias", True) else 0


def torchinfo_mult_adds(op: Op) -> Cost:
    if op.params == 0:
        return ZERO
    # torchinfo counts (weights + bias) x output positions for PyTorch's nn.Conv*d and
    # nn.ConvTranspose*d modules: the kinds of Keras's convolution family
    kind = CATALOG.get(op.type)
    if kind is not None and kind.family == "convolutional":
        return Cost(macs=op.params * math.prod(spatial(op.outputs[0], op.cfg)))
    kind, cfg, directions = op.type, op.cfg, 1
    if op.type == "Bidirectional":
        (kind, cfg), directions = wrapped(op.cfg["layer"]), 2
    extra = _rnn_extra(kind, dict(cfg))
    if extra is not None:
        steps = dims(op.inputs[0])[0]
        return Cost(macs=steps * (op.params + directions * extra))
    return Cost(macs=op.params)


# Every catalog kind (through LayerKind in its MRO).
cost_rule(Family("base.LayerKind"), convention="torchinfo")(torchinfo_mult_adds)
