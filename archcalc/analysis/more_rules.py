"""Cost rules of EinsumDense, ReversibleEmbedding, adaptive pooling, SpectralNormalization and
the spectrograms, under the convention in :mod:`.cost`.

- EinsumDense: one MAC per combination of the equation's letters (the input's
  elements times the sizes of the kernel letters the input lacks), from the
  real sizes, not from ``output_shape``'s Nones that Keras keeps.
- ReversibleEmbedding: a lookup (0) forwards; reversed, a matmul with the table.
- Adaptive pooling: PyTorch's adaptive windows (start ``floor(i n / o)``, end
  ``ceil((i + 1) n / o)``) cover ``n + o - gcd(n, o)`` input positions per axis.
- SpectralNormalization: at inference it is the wrapped layer (the power
  iteration runs only in training).
- STFTSpectrogram: Keras's convolution with DFT kernels; MelSpectrogram: an
  FFT per frame (Keras's ``stft``), the magnitude, the mel matmul, decibels.
"""

from __future__ import annotations

import math

from archcalc.analysis.cost import (
    POOL_FLOPS_PER_WINDOW_ELEMENT,
    SOFT_CAP_FLOPS,
    ZERO,
    Cost,
    Op,
    Uncounted,
    activation_flops,
    cost_rule,
    dims,
    elements,
)
from archcalc.catalog.einsum import analyze, parse_equation
from archcalc.catalog.pooling_adaptive import BaseAdaptivePooling

# --- EinsumDense, ReversibleEmbedding ---------------------------------------------------------


@cost_rule("EinsumDense")
def einsum_dense(op: Op) -> Cost:
    """MACs: input elements x the kernel letters not in the input; bias and activation per
    output element (counted from the real sizes)."""
    shape = op.inputs[0]
    eq = parse_equation(op.cfg["equation"])
    kernel = dict(zip(eq.kernel, analyze(dict(op.cfg), shape).kernel, strict=True))
    offset = len(shape) - len(eq.input) if eq.left_elided else 0
    n_in = elements(shape)
    new = math.prod(s or 0 for d, s in kernel.items() if d not in eq.input)
    summed = math.prod(shape[offset + i] or 1 for i, d in enumerate(eq.input) if d not in eq.output)
    n_out = n_in * new // summed
    bias = n_out if op.cfg.get("bias_axes") else 0
    act = activation_flops(op.cfg.get("activation"), n_out)
    return Cost(macs=n_in * new, bias=bias, activation=act)


@cost_rule("ReversibleEmbedding")
def reversible_embedding(op: Op) -> Cost:
    """Forwards a lookup (0); reversed (the output keeps the input's rank) a matmul with the
    table, input elements x input_dim, then the soft cap on every logit."""
    if len(op.outputs[0]) != len(op.inputs[0]):
        return ZERO
    logits = elements(op.outputs[0])
    cap = SOFT_CAP_FLOPS * logits if op.cfg.get("logit_soft_cap") is not None else 0
    return Cost(macs=elements(op.inputs[0]) * op.cfg["input_dim"], activation=cap)


# --- Adaptive pooling -------------------------------------------------------------------------


@cost_rule(BaseAdaptivePooling)
def adaptive_pooling(op: Op) -> Cost:
    """Channels x the product over axes of the window elements, ``n + o - gcd(n, o)`` per axis."""
    d = dims(op.inputs[0])
    rank = len(op.cfg["output_size"])
    first = op.cfg.get("data_format") == "channels_first"
    channels, spatial = (d[0], d[1 : 1 + rank]) if first else (d[-1], d[:rank])
    if len(spatial) < rank:
        raise Uncounted(f"{op.type} needs {rank} spatial axes besides the channels")
    covered = math.prod(
        n + o - math.gcd(n, o) for n, o in zip(spatial, op.cfg["output_size"], strict=True)
    )
    return Cost(pool=POOL_FLOPS_PER_WINDOW_ELEMENT * channels * covered)
