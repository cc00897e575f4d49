"""Compute and memory of whole models (issue #6), checked against the seed numbers.

The seed conv model (28x28x1 -> Conv2D 32@5 -> Conv2D 32@5 -> MaxPool 2 ->
Flatten -> Dense 2) per sample, as fvcore, thop and calflops count its MACs
(/work design notes §2.2) and as torchinfo 1.8.0 counts its Mult-Adds.
"""

from __future__ import annotations

import pytest

import archcalc
from archcalc.analysis import CostOptions, analyze
from tests.conftest import SPECS

CONV1_MACS = 24 * 24 * 5 * 5 * 1 * 32  # output positions x kernel x C_in x filters
CONV2_MACS = 20 * 20 * 5 * 5 * 32 * 32
DENSE_MACS = 3200 * 2
SEED_MACS = 10_707_200
CONV_BIAS = 24 * 24 * 32 + 20 * 20 * 32  # 18,432 + 12,800 = 31,232 adds
DENSE_BIAS = 2
POOL = 2 * 2 * 10 * 10 * 32  # a 2x2 window per output element = 12,800 comparisons
SEED_FLOPS = 2 * SEED_MACS + CONV_BIAS + DENSE_BIAS + POOL
TORCHINFO = 832 * 24 * 24 + 25_632 * 20 * 20 + 6_402  # (w+b) x positions; Linear: params


def seed(name: str = "seed_conv"):
    return archcalc.infer(archcalc.load(str(SPECS / f"{name}.yaml")))


def test_seed_conv_macs_per_layer() -> None:
    c = analyze(seed()).compute
    assert (CONV1_MACS, CONV2_MACS, DENSE_MACS) == (460_800, 10_240_000, 6_400)
    macs = {x.name: x.cost.macs for x in c.layers}
    assert macs == {
        "input_layer": 0,
        "conv2d": CONV1_MACS,
        "conv2d_1": CONV2_MACS,
        "max_pooling2d": 0,
        "flatten": 0,
        "dense": DENSE_MACS,
    }
    assert c.macs == CONV1_MACS + CONV2_MACS + DENSE_MACS == SEED_MACS
    assert c.complete and c.convention == "archcalc"


def test_seed_conv_flops_by_category() -> None:
    c = analyze(seed()).compute
    assert CONV_BIAS == 31_232 and POOL == 12_800
    assert c.flops == SEED_FLOPS == 21_458_434
    assert c.total.by_category() == {
        "macc": 2 * SEED_MACS,
        "bias": CONV_BIAS + DENSE_BIAS,
        "activation": 0,
        "pool": POOL,
        "norm": 0,
        "merge": 0,
        "other": 0,
    }
    assert c.layer("max_pooling2d").cost.flops == POOL


def test_torchinfo_convention_reproduces_torchinfo() -> None:
    c = analyze(seed(), CostOptions(convention="torchinfo")).compute
    assert TORCHINFO == 479_232 + 10_252_800 + 6_402 == 10_738_434
    assert [x.cost.macs for x in c.layers] == [0, 479_232, 10_252_800, 0, 0, 6_402]
    assert c.macs == TORCHINFO and c.flops is None


@pytest.mark.parametrize("batch", [1, 8, 64])
def test_batch_scaling(batch: int) -> None:
    c = analyze(seed(), CostOptions(batch_size=batch))
    assert c.compute.macs == batch * SEED_MACS
    assert c.compute.flops == batch * SEED_FLOPS
    assert all(
        a.cost == b.cost.scaled(batch)
        for a, b in zip(c.compute.layers, analyze(seed()).compute.layers, strict=True)
    )
    # torchinfo at batch 8 printed 85,907,472 (design notes §2.2): 8 x 10,738,434.
    t = analyze(seed(), CostOptions(batch_size=batch, convention="torchinfo")).compute
    assert t.macs == batch * TORCHINFO
    # parameters do not scale with the batch; activations do
    assert c.memory.param_bytes == 32_866 * 4
    assert c.memory.activation_bytes == batch * 38_418 * 4


def test_shared_layer_compute_counts_every_call() -> None:
    """siamese: one 3x3 conv (8 filters, relu) on two 16x16x3 images, params counted once."""
    c = analyze(seed("siamese")).compute
    per_call = 14 * 14 * 3 * 3 * 3 * 8  # 42,336
    tower = c.layer("tower_conv")
    assert tower.calls == (tower.calls[0], tower.calls[0])
    assert tower.calls[0].macs == per_call
    assert tower.cost.macs == 2 * per_call
    assert tower.cost.bias == tower.cost.activation == 2 * 14 * 14 * 8
    assert c.layer("dense").cost.macs == 14 * 14 * 16
    assert c.macs == 2 * per_call + 14 * 14 * 16


NESTED = """\
name: outer
inputs: {x: [8]}
layers:
  - name: inner
    type: Sequential
    inputs: x
    model:
      layers:
        - {name: inner_dense, type: Dense, units: 4, activation: relu}
        - {name: inner_out, type: Dense, units: 2}
  - {name: top, type: Dense, units: 1}
"""


def test_nested_model_costs_its_layers() -> None:
    r = archcalc.infer(archcalc.load_text(NESTED))
    costs = analyze(r)
    inner = costs.compute.layer("inner")
    assert inner.cost.macs == 8 * 4 + 4 * 2
    assert inner.cost.flops == 2 * (8 * 4 + 4 * 2) + (4 + 2) + 4  # + bias + relu
    assert [x.name for x in inner.children][-2:] == ["inner_dense", "inner_out"]
    assert costs.compute.macs == 8 * 4 + 4 * 2 + 2 * 1
    m = costs.memory
    # all kept: x (8) + inner's own outputs (4 + 2) + top (1) floats
    assert m.activation_bytes == (8 + 4 + 2 + 1) * 4
    # peak while inner_dense runs inside inner: x and its 4 outputs
    assert m.peak_bytes == (8 + 4) * 4 and m.peak_at == "inner"


def test_mask_ops_cost_one_op_per_element() -> None:
    """Masking's mask: not_equal on 7x5 values, any over them; no MACs anywhere in the mask."""
    r = archcalc.infer(
        archcalc.load_text(
            "inputs: {seq: [7, 5]}\nlayers:\n  - {type: NotEqual, args: [seq, 0.0]}\n"
            "  - {type: Any, axis: -1}\n  - {type: Masking, inputs: seq}\n"
            "  - {type: LogicalOr, inputs: [any, any]}\n"
            "  - {type: GRU, units: 2, inputs: masking, mask: logical_or}\n"
        )
    )
    compute = analyze(r).compute
    assert r.layer("any").output_shapes == ((None, 7),)  # axis -1 reduced
    assert r.layer("logical_or").output_shapes == ((None, 7),)
    assert r.layer("gru").params == 3 * 2 * (5 + 2 + 2)  # mask: wiring only, input is 5 wide
    assert compute.layer("not_equal").cost.flops == 7 * 5
    assert compute.layer("any").cost.flops == 7 * 5
    assert compute.layer("logical_or").cost.flops == 7  # one or per (sample, step)
    assert compute.layer("not_equal").cost.macs == 0


CUSTOM = """\
name: partial
inputs: {x: [8]}
layers:
  - {name: mine, type: MyConv2DThing, custom: {output_shape: [3], params: 7}}
  - {name: top, type: Dense, units: 2}
"""


def test_unknown_type_is_listed_never_silent() -> None:
    """A custom type named like a conv is not costed as one: no substring matching."""
    c = analyze(archcalc.infer(archcalc.load_text(CUSTOM))).compute
    assert not c.complete
    (u,) = c.uncounted
    assert (u.layer, u.type) == ("mine", "MyConv2DThing")
    assert "custom layer" in u.note
    assert c.macs == 3 * 2 and not c.layer("mine").counted


def test_unknown_dimension_is_reported() -> None:
    text = "name: seq\ninputs: {x: [null, 16]}\nlayers:\n  - {type: Dense, units: 4}\n"
    costs = analyze(archcalc.infer(archcalc.load_text(text)))
    (u,) = costs.compute.uncounted
    assert u.layer == "dense" and "unknown (None)" in u.note
    m = costs.memory
    assert m.activation_bytes is None and m.peak_bytes is None and m.training.total is None
    assert {name for name, _ in m.unknown} == {"x", "dense"}
    assert m.param_bytes == (16 * 4 + 4) * 4  # parameters are still known


def test_options_are_checked() -> None:
    with pytest.raises(ValueError, match="batch_size"):
        CostOptions(batch_size=0)
    with pytest.raises(ValueError, match="dtype"):
        CostOptions(dtype="float13")
    with pytest.raises(ValueError, match="optimizer"):
        CostOptions(optimizer="lion")
