"""Per-layer cost formulas (docs/costs.md), as tables with the arithmetic written out.

Each case is one call of one layer, per sample, built by hand: the rule's
input is the layer type, its config (Keras's argument names) and the call's
shapes, so rules for kinds the catalog does not have yet (recurrent,
attention, normalisation...) are tested the same way as Dense and Conv2D.
"""

from __future__ import annotations

from typing import Any

import pytest

from archcalc.analysis.flops import Cost, Op, Uncounted, find_rule

N = None  # the batch dimension


def cost(type_name: str, cfg: dict[str, Any], inputs: list[tuple], output: tuple) -> Cost:
    rule = find_rule(type_name)
    assert rule is not None, type_name
    return rule(Op(type_name, cfg, tuple(inputs), (output,)))


CONV = {"use_bias": True, "activation": None, "groups": 1, "data_format": "channels_last"}

# (id, type, config, input shapes, output shape, expected Cost)
CASES = [
    # Dense: every input element meets every unit; bias and activation per output element.
    ("dense-2d", "Dense", {"units": 2, "use_bias": True, "activation": None},
     [(N, 3200)], (N, 2), Cost(macs=3200 * 2, bias=2)),
    ("dense-3d-relu", "Dense", {"units": 8, "use_bias": True, "activation": "relu"},
     [(N, 10, 16)], (N, 10, 8), Cost(macs=10 * 16 * 8, bias=10 * 8, activation=10 * 8)),
    ("dense-softmax-nobias", "Dense", {"units": 5, "use_bias": False, "activation": "softmax"},
     [(N, 4)], (N, 5), Cost(macs=4 * 5, activation=3 * 5)),
    # Conv: output positions x kernel area x C_in/groups x filters.
    ("conv2d-seed", "Conv2D", {**CONV, "filters": 32, "kernel_size": (5, 5)},
     [(N, 28, 28, 1)], (N, 24, 24, 32),
     Cost(macs=24 * 24 * 5 * 5 * 1 * 32, bias=24 * 24 * 32)),
    ("conv2d-groups", "Conv2D", {**CONV, "filters": 6, "kernel_size": (3, 3), "groups": 2},
     [(N, 8, 8, 4)], (N, 6, 6, 6), Cost(macs=6 * 6 * 3 * 3 * (4 // 2) * 6, bias=6 * 6 * 6)),
    ("conv2d-channels-first", "Conv2D",
     {**CONV, "filters": 4, "kernel_size": (3, 3), "data_format": "channels_first",
      "use_bias": False, "activation": "relu"},
     [(N, 3, 8, 8)], (N, 4, 6, 6), Cost(macs=6 * 6 * 3 * 3 * 3 * 4, activation=4 * 6 * 6)),
    ("conv1d-alias", "Convolution1D", {**CONV, "filters": 5, "kernel_size": (3,)},
     [(N, 10, 3)], (N, 8, 5), Cost(macs=8 * 3 * 3 * 5, bias=8 * 5)),
    ("conv3d", "Conv3D", {**CONV, "filters": 2, "kernel_size": (2, 2, 2)},
     [(N, 4, 4, 4, 3)], (N, 3, 3, 3, 2), Cost(macs=27 * 8 * 3 * 2, bias=27 * 2)),
    # Transposed: every input position scatters kernel x filters.
    ("conv2d-transpose", "Conv2DTranspose", {**CONV, "filters": 3, "kernel_size": (3, 3)},
     [(N, 4, 4, 8)], (N, 8, 8, 3), Cost(macs=4 * 4 * 3 * 3 * 8 * 3, bias=8 * 8 * 3)),
    ("depthwise2d", "DepthwiseConv2D", {**CONV, "kernel_size": (3, 3), "depth_multiplier": 2},
     [(N, 8, 8, 3)], (N, 6, 6, 6), Cost(macs=6 * 6 * 3 * 3 * 3 * 2, bias=6 * 6 * 6)),
    ("separable2d", "SeparableConv2D",
     {**CONV, "filters": 16, "kernel_size": (3, 3), "depth_multiplier": 1},
     [(N, 8, 8, 3)], (N, 6, 6, 16),
     Cost(macs=6 * 6 * 3 * 3 * 3 + 6 * 6 * 3 * 16, bias=6 * 6 * 16)),
    # Pooling: kernel area per output element; global: one op per input element.
    ("maxpool-seed", "MaxPooling2D", {"pool_size": (2, 2), "data_format": "channels_last"},
     [(N, 20, 20, 32)], (N, 10, 10, 32), Cost(pool=2 * 2 * 10 * 10 * 32)),
    ("avgpool1d-overlapping", "AveragePooling1D", {"pool_size": (3,), "strides": (1,)},
     [(N, 10, 4)], (N, 8, 4), Cost(pool=3 * 8 * 4)),
    ("global-avg", "GlobalAveragePooling2D", {}, [(N, 7, 7, 64)], (N, 64),
     Cost(pool=7 * 7 * 64)),
    # Normalisation.
    ("batchnorm", "BatchNormalization", {"axis": -1}, [(N, 8, 8, 16)], (N, 8, 8, 16),
     Cost(norm=2 * 8 * 8 * 16)),
    ("layernorm", "LayerNormalization", {"scale": True, "center": True}, [(N, 10, 16)],
     (N, 10, 16), Cost(norm=(4 + 1) * 10 * 16)),
    ("layernorm-plain", "LayerNormalization", {"scale": False, "center": False}, [(N, 10, 16)],
     (N, 10, 16), Cost(norm=4 * 10 * 16)),
    ("groupnorm", "GroupNormalization", {"groups": 4}, [(N, 8, 8, 16)], (N, 8, 8, 16),
     Cost(norm=(4 + 1) * 8 * 8 * 16)),
    ("rmsnorm", "RMSNormalization", {}, [(N, 10, 16)], (N, 10, 16), Cost(norm=4 * 10 * 16)),
    ("unitnorm", "UnitNormalization", {}, [(N, 10, 16)], (N, 10, 16), Cost(norm=3 * 10 * 16)),
    ("standardize", "Normalization", {}, [(N, 5)], (N, 5), Cost(norm=2 * 5)),
    ("rescaling", "Rescaling", {"scale": 1 / 255, "offset": 0.0}, [(N, 4, 4, 3)],
     (N, 4, 4, 3), Cost(other=1 * 48)),
    ("rescaling-offset", "Rescaling", {"scale": 2.0, "offset": -1.0}, [(N, 4, 4, 3)],
     (N, 4, 4, 3), Cost(other=2 * 48)),
    ("masking", "Masking", {"mask_value": 0.0}, [(N, 6, 4)], (N, 6, 4), Cost(other=2 * 24)),
    # Activations: 1 per element, softmax 3, linear 0.
    ("activation-relu", "Activation", {"activation": "relu"}, [(N, 10)], (N, 10),
     Cost(activation=10)),
    ("activation-softmax", "Activation", {"activation": "softmax"}, [(N, 10)], (N, 10),
     Cost(activation=3 * 10)),
    ("activation-linear", "Activation", {"activation": "linear"}, [(N, 10)], (N, 10), Cost()),
    ("relu-layer", "ReLU", {}, [(N, 4, 5)], (N, 4, 5), Cost(activation=20)),
    ("prelu-layer", "PReLU", {}, [(N, 4, 5)], (N, 4, 5), Cost(activation=20)),
    ("softmax-layer", "Softmax", {"axis": -1}, [(N, 4, 5)], (N, 4, 5), Cost(activation=3 * 20)),
    # Merges: n - 1 binary ops per output element; Average adds the divide.
    ("add-3", "Add", {}, [(N, 10)] * 3, (N, 10), Cost(merge=2 * 10)),
    ("subtract", "Subtract", {}, [(N, 10)] * 2, (N, 10), Cost(merge=1 * 10)),
    ("average-3", "Average", {}, [(N, 10)] * 3, (N, 10), Cost(merge=(2 + 1) * 10)),
    ("maximum-broadcast", "Maximum", {}, [(N, 4, 5), (N, 1, 5)], (N, 4, 5), Cost(merge=20)),
    ("dot", "Dot", {"axes": 2, "normalize": False}, [(N, 5, 8), (N, 7, 8)], (N, 5, 7),
     Cost(macs=5 * 7 * 8)),
    ("dot-normalize", "Dot", {"axes": -1, "normalize": True}, [(N, 8), (N, 8)], (N, 1),
     Cost(macs=1 * 8, other=3 * (8 + 8))),
    # Copies and inference-time identities cost nothing.
    ("concatenate", "Concatenate", {"axis": -1}, [(N, 4), (N, 6)], (N, 10), Cost()),
    ("flatten", "Flatten", {}, [(N, 10, 10, 32)], (N, 3200), Cost()),
    ("dropout", "Dropout", {"rate": 0.5}, [(N, 10)], (N, 10), Cost()),
    ("embedding", "Embedding", {"input_dim": 1000, "output_dim": 64}, [(N, 20)], (N, 20, 64),
     Cost()),
    ("zeropadding", "ZeroPadding2D", {}, [(N, 4, 4, 3)], (N, 6, 6, 3), Cost()),
    # Resampling: nearest is a copy; bilinear 4 taps = 4 mul + 3 add per output element.
    ("upsampling-nearest", "UpSampling2D", {"size": (2, 2), "interpolation": "nearest"},
     [(N, 4, 4, 3)], (N, 8, 8, 3), Cost()),
    ("upsampling-bilinear", "UpSampling2D", {"size": (2, 2), "interpolation": "bilinear"},
     [(N, 4, 4, 3)], (N, 8, 8, 3), Cost(other=(2 * 4 - 1) * 8 * 8 * 3)),
    ("resizing-area", "Resizing", {"height": 2, "width": 2, "interpolation": "area"},
     [(N, 4, 4, 3)], (N, 2, 2, 3), Cost(other=4 * 4 * 3 + 2 * 2 * 3)),
    # Recurrent: per step the gates' matmul over [x, h], bias, activations, cell update; x T.
    ("simple-rnn", "SimpleRNN", {"units": 16, "activation": "tanh", "use_bias": True},
     [(N, 10, 8)], (N, 16),
     Cost(macs=10 * 16 * (8 + 16), bias=10 * 16, activation=10 * 16)),
    ("lstm", "LSTM", {"units": 4}, [(N, 5, 3)], (N, 4),
     Cost(macs=5 * 4 * 4 * (3 + 4), bias=5 * 4 * 4, activation=5 * (3 * 4 + 2 * 4),
          other=5 * 4 * 4)),
    ("gru-reset-after", "GRU", {"units": 4, "reset_after": True}, [(N, 5, 3)], (N, 4),
     Cost(macs=5 * 3 * 4 * (3 + 4), bias=5 * 6 * 4, activation=5 * (2 * 4 + 4),
          other=5 * 5 * 4)),
    ("gru-reset-before", "GRU", {"units": 4, "reset_after": False}, [(N, 5, 3)], (N, 4),
     Cost(macs=5 * 3 * 4 * (3 + 4), bias=5 * 3 * 4, activation=5 * (2 * 4 + 4),
          other=5 * 5 * 4)),
    # ConvLSTM2D: 3 steps of 6x6x2 images, 4 filters 3x3 valid -> 4x4 = 16 positions.
    ("conv-lstm2d", "ConvLSTM2D", {"filters": 4, "kernel_size": 3, "padding": "valid"},
     [(N, 3, 6, 6, 2)], (N, 4, 4, 4),
     Cost(macs=3 * 16 * 9 * 4 * 4 * (2 + 4), bias=3 * 4 * 4 * 16,
          activation=3 * 16 * 4 * (3 + 2), other=3 * 4 * 16 * 4)),
    # Wrappers apply the wrapped layer's rule.
    ("bidirectional-lstm", "Bidirectional",
     {"layer": {"class_name": "LSTM", "config": {"units": 4}}, "merge_mode": "concat"},
     [(N, 5, 3)], (N, 8),
     Cost(macs=2 * 5 * 4 * 4 * 7, bias=2 * 5 * 16, activation=2 * 5 * 20, other=2 * 5 * 16)),
    ("bidirectional-sum", "Bidirectional",
     {"layer": {"type": "SimpleRNN", "units": 4}, "merge_mode": "sum"}, [(N, 5, 3)], (N, 4),
     Cost(macs=2 * 5 * 4 * 7, bias=2 * 5 * 4, activation=2 * 5 * 4, merge=4)),
    ("time-distributed-dense", "TimeDistributed",
     {"layer": {"class_name": "Dense", "config": {"units": 4}}}, [(N, 6, 8)], (N, 6, 4),
     Cost(macs=6 * 8 * 4, bias=6 * 4)),
    # MultiHeadAttention: q (4 x 8), v (6 x 8), 2 heads of key_dim 3, output 8 features.
    ("mha", "MultiHeadAttention", {"num_heads": 2, "key_dim": 3, "use_bias": True},
     [(N, 4, 8), (N, 6, 8)], (N, 4, 8),
     Cost(
         macs=(4 * 8 * 2 * 3 + 6 * 8 * 2 * 3 + 6 * 8 * 2 * 3 + 4 * 2 * 3 * 8)  # Q, K, V, out
         + 2 * 4 * 6 * 3 + 2 * 4 * 6 * 3,  # scores QK^T and context AV per head
         bias=4 * 2 * 3 + 6 * 2 * 3 + 6 * 2 * 3 + 4 * 8,
         activation=3 * 2 * 4 * 6,  # softmax over 2 x 4 x 6 scores
         other=4 * 2 * 3,  # query scaled by 1/sqrt(key_dim)
     )),
    ("mha-gated-nobias", "MultiHeadAttention",
     {"num_heads": 1, "key_dim": 2, "value_dim": 3, "use_bias": False, "use_gate": True},
     [(N, 2, 4)], (N, 2, 4),
     Cost(
         macs=(2 * 4 * 2 + 2 * 4 * 2 + 2 * 4 * 3 + 2 * 3 * 4) + 2 * 2 * 2 + 2 * 2 * 3
         + 2 * 4 * 3,  # the gate projection
         activation=3 * 2 * 2 + 2 * 3,  # softmax, the gate's sigmoid
         other=2 * 2 + 2 * 3,  # query scaling, gate product
     )),
    # GroupQueryAttention: 4 query heads, 2 key/value heads, head_dim 2.
    ("gqa", "GroupQueryAttention",
     {"num_query_heads": 4, "num_key_value_heads": 2, "head_dim": 2, "use_bias": True},
     [(N, 4, 8), (N, 6, 8)], (N, 4, 8),
     Cost(
         macs=(4 * 8 * 4 * 2 + 6 * 8 * 2 * 2 + 6 * 8 * 2 * 2 + 4 * 4 * 2 * 8)
         + 4 * 4 * 6 * 2 + 4 * 4 * 6 * 2,
         bias=4 * 4 * 2 + 6 * 2 * 2 + 6 * 2 * 2 + 4 * 8,
         activation=3 * 4 * 4 * 6,
         other=4 * 4 * 2,
     )),
    ("attention-dot-scaled", "Attention", {"use_scale": True, "score_mode": "dot"},
     [(N, 4, 8), (N, 6, 8)], (N, 4, 8),
     Cost(macs=4 * 6 * 8 + 4 * 6 * 8, activation=3 * 4 * 6, other=4 * 6)),
    ("attention-concat", "Attention", {"use_scale": False, "score_mode": "concat"},
     [(N, 4, 8), (N, 6, 8)], (N, 4, 8),
     Cost(macs=4 * 6 * 8, activation=4 * 6 * 8 + 3 * 4 * 6, other=2 * 4 * 6 * 8 + 4 * 6)),
    ("additive-attention", "AdditiveAttention", {"use_scale": True},
     [(N, 4, 8), (N, 6, 8)], (N, 4, 8),
     Cost(macs=4 * 6 * 8, activation=4 * 6 * 8 + 3 * 4 * 6, other=(2 + 1) * 4 * 6 * 8)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("type_name", "cfg", "inputs", "output", "expected"),
    [pytest.param(*c[1:], id=c[0]) for c in CASES],
)
def test_rule(type_name: str, cfg: dict, inputs: list, output: tuple, expected: Cost) -> None:
    assert cost(type_name, cfg, inputs, output) == expected


def test_flops_is_two_per_mac_plus_elementwise() -> None:
    c = Cost(macs=10, bias=1, activation=2, pool=3, norm=4, merge=5, other=6)
    assert c.flops == 2 * 10 + 1 + 2 + 3 + 4 + 5 + 6
    assert c.by_category() == {
        "macc": 20, "bias": 1, "activation": 2, "pool": 3, "norm": 4, "merge": 5, "other": 6,
    }  # fmt: skip
    assert c.scaled(3).flops == 3 * c.flops


@pytest.mark.parametrize(
    ("type_name", "cfg", "inputs", "output", "why"),
    [
        ("Dense", {"units": 4}, [(N, None, 16)], (N, None, 4), "unknown"),
        ("LSTM", {"units": 4}, [(N, None, 3)], (N, 4), "unknown"),
        ("UpSampling2D", {"interpolation": "gaussian"}, [(N, 2, 2, 1)], (N, 4, 4, 1), "gaussian"),
        ("TimeDistributed", {"layer": {"class_name": "MyCell"}}, [(N, 3, 2)], (N, 3, 2), "MyCell"),
        ("Bidirectional", {"layer": 42}, [(N, 3, 2)], (N, 4), "wrapped layer"),
    ],
)
def test_uncountable_calls_say_why(type_name, cfg, inputs, output, why) -> None:
    with pytest.raises(Uncounted, match=why):
        cost(type_name, cfg, inputs, output)


def test_rules_dispatch_on_the_kind_class_not_the_name() -> None:
    """Conv1D/2D/3D and aliases share BaseConv's rule through the MRO; a name that merely
    contains "Conv" gets no rule (never a substring match)."""
    conv = find_rule("Conv2D")
    assert conv is not None
    assert find_rule("Conv1D") is conv and find_rule("Convolution3D") is conv
    assert find_rule("MaxPool2D") is find_rule("AveragePooling3D") is not None
    assert find_rule("MyConv2DThing") is None
    assert find_rule("Conv2DTranspose") is not conv  # its own rule, by exact name


TORCHINFO = [
    # (id, type, config, input, output, params PyTorch registers, torchinfo 1.8.0 Mult-Adds)
    ("conv2d-seed", "Conv2D", {**CONV, "filters": 32, "kernel_size": (5, 5)},
     (N, 28, 28, 1), (N, 24, 24, 32), 5 * 5 * 32 + 32, 832 * 24 * 24),
    ("depthwise", "DepthwiseConv2D", {**CONV, "kernel_size": (3, 3), "depth_multiplier": 1},
     (N, 8, 8, 3), (N, 6, 6, 3), 27 + 3, 30 * 6 * 6),
    ("dense-2d", "Dense", {"units": 2}, (N, 3200), (N, 2), 6402, 6402),
    # 1.8.0's Linear bug: a (N, 10, 16) input counts batch x params (HEAD: x 10 positions).
    ("dense-3d-bug", "Dense", {"units": 8}, (N, 10, 16), (N, 10, 8), 16 * 8 + 8, 136),
    # BatchNorm2d(16): weight and bias only; running stats are buffers.
    ("batchnorm", "BatchNormalization", {}, (N, 8, 8, 16), (N, 8, 8, 16), 2 * 16, 32),
    # nn.LSTM keeps b_ih and b_hh: Keras's 4u(f+u) + 4u plus another 4u; x T steps.
    ("lstm", "LSTM", {"units": 4}, (N, 5, 3), (N, 4), 4 * 4 * 7 + 16, 5 * (4 * 4 * 7 + 16 + 16)),
    ("bidirectional-gru", "Bidirectional",
     {"layer": {"class_name": "GRU", "config": {"units": 4, "reset_after": True}}},
     (N, 5, 3), (N, 8), 2 * (3 * 4 * 7 + 24), 5 * 2 * (3 * 4 * 7 + 24)),
    ("maxpool", "MaxPooling2D", {"pool_size": (2, 2)}, (N, 4, 4, 1), (N, 2, 2, 1), 0, 0),
]  # fmt: skip


@pytest.mark.parametrize(
    ("type_name", "cfg", "inp", "out", "params", "expected"),
    [pytest.param(*c[1:], id=c[0]) for c in TORCHINFO],
)
def test_torchinfo_convention(type_name, cfg, inp, out, params, expected) -> None:
    rule = find_rule(type_name, "torchinfo")
    assert rule is not None
    assert rule(Op(type_name, cfg, (inp,), (out,), params)) == Cost(macs=expected)
