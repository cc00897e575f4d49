"""Cost formulas of EinsumDense, ReversibleEmbedding, adaptive pooling, the generic RNN and its
cells, SpectralNormalization and the spectrograms (docs/costs.md), with the arithmetic
written out; one call, per sample."""

from __future__ import annotations

from typing import Any

import pytest

import archcalc
from archcalc.analysis import analyze
from archcalc.analysis.flops import Cost, Uncounted
from tests.test_cost_rules import N, cost


def einsum(equation: str, output_shape: tuple, bias_axes: str | None = None, **more: Any) -> dict:
    return {"equation": equation, "output_shape": output_shape, "bias_axes": bias_axes, **more}


LSTM8 = {"type": "LSTMCell", "units": 8}
STFT = {"frame_length": 64, "frame_step": 32, "fft_length": None, "padding": "valid"}
MEL = {"fft_length": 256, "sequence_stride": 128, "sequence_length": 256, "num_mel_bins": 40}

# (id, type, config, input shapes, output shape, expected Cost)
CASES = [
    # EinsumDense: input elements x kernel letters the input lacks; outputs from the real sizes
    # (Keras's output_shape keeps None where the input knows the size).
    ("einsum-seq", "EinsumDense", einsum("abc,cd->abd", (N, 64), "d"), [(N, 10, 32)],
     (N, N, 64), Cost(macs=10 * 32 * 64, bias=10 * 64)),
    ("einsum-heads", "EinsumDense", einsum("abc,cde->abde", (N, 8, 16), "de"), [(N, 10, 32)],
     (N, N, 8, 16), Cost(macs=10 * 32 * 8 * 16, bias=10 * 8 * 16)),
    ("einsum-merge-heads", "EinsumDense", einsum("abde,dec->abc", (N, 32), "c"),
     [(N, 10, 8, 16)], (N, N, 32), Cost(macs=10 * 8 * 16 * 32, bias=10 * 32)),
    ("einsum-ellipsis-relu", "EinsumDense", einsum("...b,bc->...c", (16,), activation="relu"),
     [(N, 3, 4, 8)], (N, 4, 3, 16), Cost(macs=3 * 4 * 8 * 16, activation=3 * 4 * 16)),
    ("einsum-summed-axis", "EinsumDense", einsum("abc,cd->ad", (8,)), [(N, 5, 4)], (N, 8),
     Cost(macs=5 * 4 * 8)),
    # ReversibleEmbedding: a lookup forwards, a matmul with the table reversed (+ soft cap).
    ("revemb-forward", "ReversibleEmbedding", {"input_dim": 100, "output_dim": 16},
     [(N, 10)], (N, 10, 16), Cost()),
    ("revemb-reverse-cap", "ReversibleEmbedding",
     {"input_dim": 100, "output_dim": 16, "logit_soft_cap": 30.0},
     [(N, 10, 16)], (N, 10, 100), Cost(macs=10 * 16 * 100, activation=3 * 10 * 100)),
    # Adaptive pooling: PyTorch's windows cover n + o - gcd(n, o) positions per axis.
    ("adaptive-avg-2d", "AdaptiveAveragePooling2D", {"output_size": (5, 5)}, [(N, 32, 32, 3)],
     (N, 5, 5, 3), Cost(pool=3 * (32 + 5 - 1) * (32 + 5 - 1))),
    ("adaptive-max-1d-cf", "AdaptiveMaxPooling1D",
     {"output_size": (4,), "data_format": "channels_first"}, [(N, 3, 16)], (N, 3, 4),
     Cost(pool=3 * (16 + 4 - 4))),
    ("adaptive-upsampling", "AdaptiveAveragePooling1D", {"output_size": (5,)}, [(N, 3, 2)],
     (N, 5, 2), Cost(pool=2 * (3 + 5 - 1))),
    # The generic RNN: its cell's layer rule, once per step.
    ("rnn-lstm-cell", "RNN", {"cell": LSTM8}, [(N, 10, 4)], (N, 8),
     Cost(macs=4 * 8 * (4 + 8), bias=4 * 8, activation=3 * 8 + 2 * 8, other=4 * 8).scaled(10)),
    ("lstm-cell-one-step", "LSTMCell", {"units": 8}, [(N, 4), (N, 8), (N, 8)], (N, 8),
     Cost(macs=4 * 8 * (4 + 8), bias=4 * 8, activation=3 * 8 + 2 * 8, other=4 * 8)),
    ("stacked-cells", "StackedRNNCells",
     {"cells": [{"type": "SimpleRNNCell", "units": 4}, {"type": "GRUCell", "units": 3}]},
     [(N, 5), (N, 4), (N, 3)], (N, 3),
     Cost(macs=4 * (5 + 4), bias=4, activation=4)  # SimpleRNN: u(f + u), tanh
     + Cost(macs=3 * 3 * (4 + 3), bias=2 * 3 * 3, activation=2 * 3 + 3, other=5 * 3)),  # GRU
    ("spectral-norm-dense", "SpectralNormalization",
     {"layer": {"type": "Dense", "units": 8}}, [(N, 4)], (N, 8), Cost(macs=4 * 8, bias=8)),
    # STFTSpectrogram: per channel and frame, frame_length x bins MACs per kernel.
    ("stft-log", "STFTSpectrogram", {**STFT, "mode": "log"}, [(N, 1000, 1)], (N, 30, 33),
     Cost(macs=2 * 1 * 30 * 33 * 64, other=(4 + 1) * 1 * 30 * 33)),
    ("stft-real-cf", "STFTSpectrogram",
     {**STFT, "mode": "real", "data_format": "channels_first"}, [(N, 2, 1000)], (N, 66, 30),
     Cost(macs=1 * 2 * 30 * 33 * 64)),
    # MelSpectrogram: 1 + 1000 // 128 = 8 frames; window, FFT (5/2 n log2 n), |z|^2, mel, dB.
    ("mel", "MelSpectrogram", {**MEL, "power_to_db": True}, [(N, 1000)], (N, 40, 8),
     Cost(macs=8 * 129 * 40, other=8 * (256 + 5 * 256 * 8 // 2 + (4 + 1) * 129 + 6 * 40))),
]  # fmt: skip


@pytest.mark.parametrize(
    ("type_name", "cfg", "inputs", "output", "expected"),
    [pytest.param(*c[1:], id=c[0]) for c in CASES],
)
def test_rule(type_name: str, cfg: dict, inputs: list, output: tuple, expected: Cost) -> None:
    assert cost(type_name, cfg, inputs, output) == expected


@pytest.mark.parametrize(
    ("type_name", "cfg", "inputs", "output", "why"),
    [
        ("MelSpectrogram", MEL, [(N,)], (40, N), "unknown \\(None\\)"),
        ("MelSpectrogram", MEL, [(N, N)], (N, 40, N), "unknown \\(None\\)"),
        ("RNN", {"cell": LSTM8}, [(N, N, 4)], (N, 8), "unknown \\(None\\)"),
        ("AdaptiveMaxPooling2D", {"output_size": (2, 2)}, [(N, N, N, 3)], (N, 2, 2, 3), "unknown"),
    ],
)
def test_uncountable_calls_say_why(type_name, cfg, inputs, output, why) -> None:
    with pytest.raises(Uncounted, match=why):
        cost(type_name, cfg, inputs, output)


def test_rnn_with_a_cell_list_counts_like_the_stacked_layers() -> None:
    """RNN([LSTMCell(6), LSTMCell(5)]) costs what LSTM(6) then LSTM(5) cost, step for step."""
    text = (
        "inputs: {x: [7, 3]}\nlayers:\n"
        "  - {type: RNN, cell: [{type: LSTMCell, units: 6}, {type: LSTMCell, units: 5}]}\n"
    )
    layered = (
        "inputs: {x: [7, 3]}\nlayers:\n"
        "  - {type: LSTM, units: 6, return_sequences: true}\n  - {type: LSTM, units: 5}\n"
    )
    mine = analyze(archcalc.infer(archcalc.load_text(text, "m.yaml"))).compute
    theirs = analyze(archcalc.infer(archcalc.load_text(layered, "m.yaml"))).compute
    assert mine.complete and mine.macs == theirs.macs == 7 * (4 * 6 * (3 + 6) + 4 * 5 * (6 + 5))
    assert mine.flops == theirs.flops
