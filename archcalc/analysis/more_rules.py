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
    ACTIVATION_FLOPS_DEFAULT,
    POOL_FLOPS_PER_WINDOW_ELEMENT,
    POWER_TO_DB_FLOPS,
    SOFT_CAP_FLOPS,
    SPECTRUM_MAGNITUDE_FLOPS,
    ZERO,
    Cost,
    Family,
    Op,
    Uncounted,
    activation_flops,
    cost_rule,
    dims,
    elements,
    fft_flops,
)
from archcalc.analysis.sequence_rules import inner_cost, wrapped
from archcalc.catalog import CATALOG
from archcalc.shapes import conv_output_length

# --- EinsumDense, ReversibleEmbedding ---------------------------------------------------------


@cost_rule("EinsumDense")
def einsum_dense(op: Op) -> Cost:
    """MACs: input elements x the kernel letters not in the input; bias and activation per
    output element (counted from the real sizes)."""
    shape = op.inputs[0]
    kind = CATALOG[op.type]
    eq = kind.parse_equation(op.cfg["equation"])
    kernel = dict(zip(eq.kernel, kind.equation_shapes(dict(op.cfg), shape).kernel, strict=True))
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


@cost_rule(Family("pooling_adaptive.BaseAdaptivePooling"))
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


# --- SpectralNormalization, spectrograms --------------------------------------------------------


@cost_rule("SpectralNormalization")
def spectral_normalization(op: Op) -> Cost:
    """At inference, the wrapped layer."""
    kind, cfg = wrapped(op.cfg["layer"])
    return inner_cost(kind, cfg, op.inputs, op.outputs)


#: per channel, frame and bin, after the convolutions: log |z|, |z|, |z|^2 (+ the padded
#: add of 'psd'), the angle (arctan2); 'real', 'imag' and 'stft' only reshape
STFT_MODE_FLOPS = {
    "log": SPECTRUM_MAGNITUDE_FLOPS + ACTIVATION_FLOPS_DEFAULT,
    "magnitude": SPECTRUM_MAGNITUDE_FLOPS,
    "psd": SPECTRUM_MAGNITUDE_FLOPS,
    "angle": ACTIVATION_FLOPS_DEFAULT,
}


@cost_rule("STFTSpectrogram")
def stft_spectrogram(op: Op) -> Cost:
    """Per channel and frame, a (frame_length x bins) convolution per kernel, then the mode."""
    cfg, (step, fft) = op.cfg, CATALOG[op.type].sizes(op.cfg)
    d = dims(op.inputs[0])
    length, channels = (d[1], d[0]) if cfg.get("data_format") == "channels_first" else d
    frames = conv_output_length(length, cfg["frame_length"], step, cfg["padding"]) or 0
    bins = fft // 2 + 1
    kernels = 1 if cfg["mode"] in ("real", "imag") else 2
    positions = channels * frames * bins
    other = STFT_MODE_FLOPS.get(cfg["mode"], 0) * positions
    return Cost(macs=kernels * positions * cfg["frame_length"], other=other)


@cost_rule("MelSpectrogram")
def mel_spectrogram(op: Op) -> Cost:
    """Per frame (the 1 + T // stride Keras computes): window, FFT, |z|^mag_exp, the mel
    matmul (bins x mel MACs) and, with power_to_db, the decibel scale."""
    cfg, shape = op.cfg, op.inputs[0]
    if len(shape) < 2:
        raise Uncounted("a rank-1 input is one signal of unknown (None) length to Keras")
    frames = 1 + dims(shape)[0] // cfg["sequence_stride"]
    bins, mel = cfg["fft_length"] // 2 + 1, cfg["num_mel_bins"]
    step = cfg["sequence_length"] + fft_flops(cfg["fft_length"]) // 2  # a real-input FFT
    step += (SPECTRUM_MAGNITUDE_FLOPS + ACTIVATION_FLOPS_DEFAULT) * bins
    db = POWER_TO_DB_FLOPS * mel if cfg.get("power_to_db", True) else 0
    return Cost(macs=frames * bins * mel, other=frames * (step + db))
