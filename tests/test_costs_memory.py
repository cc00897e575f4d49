"""Memory: parameters by dtype, activations, the inference peak and the training estimate.

The peak walks the calls in execution order (the engine's topological
order) and frees a tensor after its last consumer; each test writes the
live set out step by step, in float32 elements (x 4 bytes).
"""

from __future__ import annotations

import pytest

import archcalc
from archcalc.analysis import CostOptions, analyze
from archcalc.catalog.dtypes import compute_dtype
from tests.conftest import SPECS

BRANCHES = """\
name: branches
inputs: {x: [100]}
layers:
  - {name: a, type: Dense, units: 50, inputs: x}
  - {name: b, type: Dense, units: 30, inputs: a}
  - {name: c, type: Dense, units: 40, inputs: x}
  - {name: d, type: Concatenate, inputs: [b, c]}
  - {name: out, type: Dense, units: 10, inputs: d}
outputs: [out]
"""


def memory(text: str, **options):
    return analyze(archcalc.infer(archcalc.load_text(text)), CostOptions(**options)).memory


def test_peak_on_a_branching_graph() -> None:
    # Execution order (Kahn's, file order among ready calls): x, a, c, b, d, out.
    #   start           live {x}                  = 100
    #   a runs          {x, a}          100 + 50  = 150; x still needed by c
    #   c runs          {x, a, c}       150 + 40  = 190  <- peak; then x is freed -> 90
    #   b runs          {a, c, b}        90 + 30  = 120; a freed -> 70
    #   d runs          {c, b, d}        70 + 70  = 140; b, c freed -> 70
    #   out runs        {d, out}         70 + 10  =  80; d freed -> 10 (the output stays)
    m = memory(BRANCHES)
    assert m.peak_bytes == 190 * 4 and m.peak_at == "c"
    assert m.activation_bytes == (100 + 50 + 30 + 40 + 70 + 10) * 4
    assert m.input_bytes == 100 * 4
    assert {x.name: x.output_bytes for x in m.layers} == {
        "x": 400,
        "a": 200,
        "c": 160,
        "b": 120,
        "d": 280,
        "out": 40,
    }


def test_timeline_is_the_live_set_step_by_step() -> None:
    """The same walk, one step per call (inputs excluded): what each call adds, what is live."""
    m = memory(BRANCHES)
    steps = [(s.call, s.output_bytes / 4, s.in_use_bytes / 4) for s in m.timeline]
    assert steps == [
        ("a", 50, 150),
        ("c", 40, 190),
        ("b", 30, 120),
        ("d", 70, 140),
        ("out", 10, 80),
    ]
    assert max(s.in_use_bytes for s in m.timeline) == m.peak_bytes


def test_no_timeline_when_a_size_is_unknown() -> None:
    m = memory("inputs: {x: [null, 4]}\nlayers:\n  - {type: Dense, units: 2}\n")
    assert m.peak_bytes is None and m.timeline == ()


SKIP = """\
name: skip
inputs: {x: [64]}
layers:
  - {name: h1, type: Dense, units: 32, inputs: x}
  - {name: h2, type: Dense, units: 32, inputs: h1}
  - {name: cat, type: Concatenate, inputs: [h2, x]}
  - {name: out, type: Dense, units: 8, inputs: cat}
outputs: [out]
"""


def test_peak_with_a_skip_connection() -> None:
    # x must stay alive across h1 and h2 until cat reads it.
    #   start        {x}               64
    #   h1           {x, h1}           64 + 32 = 96
    #   h2           {x, h1, h2}       96 + 32 = 128; h1 freed -> 96
    #   cat          {x, h2, cat}      96 + 96 = 192 <- peak; x, h2 freed -> 96
    #   out          {cat, out}        96 + 8  = 104; cat freed -> 8
    m = memory(SKIP)
    assert m.peak_bytes == 192 * 4 and m.peak_at == "cat"
    assert m.activation_bytes == (64 + 32 + 32 + 96 + 8) * 4


def test_seed_conv_memory() -> None:
    r = archcalc.infer(archcalc.load(str(SPECS / "seed_conv.yaml")))
    m = analyze(r).memory
    elements = 28 * 28 * 1 + 24 * 24 * 32 + 20 * 20 * 32 + 10 * 10 * 32 + 3200 + 2
    assert elements == 38_418
    assert m.activation_bytes == elements * 4
    # a chain: the peak is a layer's input and output together, conv2d -> conv2d_1
    assert m.peak_bytes == (24 * 24 * 32 + 20 * 20 * 32) * 4 and m.peak_at == "conv2d_1"
    assert m.param_bytes == 32_866 * 4 == r.totals.total_bytes
    t = m.training  # adam: two moments per trainable parameter
    assert (t.params, t.gradients, t.optimizer_state) == (131_464, 131_464, 2 * 131_464)
    assert t.total == 4 * 131_464 + elements * 4


@pytest.mark.parametrize(
    ("dtype", "width"),
    [("float32", 4), ("float16", 2), ("bfloat16", 2), ("int8", 1), ("int4", 0.5)],
)
def test_dtype(dtype: str, width: float) -> None:
    r = archcalc.infer(archcalc.load(str(SPECS / "seed_conv.yaml")))
    m = analyze(r, CostOptions(dtype=dtype)).memory
    assert m.param_bytes == 32_866 * width
    assert m.activation_bytes == 38_418 * width
    assert m.dtypes == (dtype,)


@pytest.mark.parametrize(("optimizer", "slots"), [("sgd", 0), ("momentum", 1), ("adam", 2)])
def test_optimizer_state(optimizer: str, slots: int) -> None:
    m = memory(SKIP, optimizer=optimizer, batch_size=4)
    params = ((64 * 32 + 32) + (32 * 32 + 32) + (96 * 8 + 8)) * 4
    assert m.training.optimizer_state == slots * params
    assert m.training.total == params * (2 + slots) + 4 * (64 + 32 + 32 + 96 + 8) * 4


def test_frozen_layers_have_no_gradients_or_optimizer_state() -> None:
    text = SKIP.replace("units: 32, inputs: x}", "units: 32, inputs: x, trainable: false}")
    m = memory(text)
    frozen = (64 * 32 + 32) * 4
    assert m.param_bytes - m.trainable_param_bytes == frozen
    assert m.training.gradients == m.param_bytes - frozen


def test_dead_layers_and_calls_take_no_memory() -> None:
    """Keras leaves out what no output depends on: a dead layer, a dead call of a shared one."""
    text = BRANCHES.replace("outputs: [out]\n", "") + (
        "  - {name: unused, type: Dense, units: 1000, inputs: a}\n"
        "  - {name: b_again, share: b, inputs: a}\n"
        "outputs: [out]\n"
    )
    costs = analyze(archcalc.infer(archcalc.load_text(text)))
    m = costs.memory
    assert "unused" not in [x.name for x in m.layers]
    assert m.layer("b").output_bytes == 30 * 4  # its live call only
    assert m.activation_bytes == (100 + 50 + 30 + 40 + 70 + 10) * 4
    assert m.peak_bytes == 190 * 4
    b = costs.compute.layer("b")
    assert b.calls == (b.calls[0], None) and b.cost.macs == 50 * 30


def test_mixed_precision_policy() -> None:
    assert compute_dtype("mixed_float16") == "float16"
    assert (
        compute_dtype({"class_name": "DTypePolicy", "config": {"name": "bfloat16"}}) == "bfloat16"
    )
    assert compute_dtype(None) == compute_dtype("no-such-dtype") == "float32"
    text = (
        "name: m\ninputs: {x: [10]}\nlayers:\n  - {type: Dense, units: 4, dtype: mixed_float16}\n"
    )
    m = memory(text)
    # input float32 (40 B), the Dense outputs float16 (8 B); its variables stay float32
    assert m.activation_bytes == 10 * 4 + 4 * 2
    assert m.param_bytes == (10 * 4 + 4) * 4
    assert m.dtypes == ("float16", "float32")
