"""Cost rules and memory of keras.ops nodes (docs/costs.md), with the arithmetic written out.

Each case is a one-op spec on inputs of known sizes; counts are per sample (the batch axis
left out). Data-moving ops cost 0 and still count as counted; an op's output dtype decides
its activation bytes.
"""

from __future__ import annotations

import pytest

import archcalc
from archcalc.analysis import CostOptions, analyze
from tests.catalog.ops_cases import GROUPS, built, load_cases, run_spec

INPUTS = "inputs: {x: [3, 4], y: [4, 5], v: [8], img: [8, 8, 3], q: [7, 2, 8], k: [9, 2, 8]}\n"

# (entry, expected (macs, flops by category that is not 0))
CASES = [
    ("{type: TrueDivide, args: [x, 127.5]}", 0, {"other": 3 * 4}),
    ("{type: ops.Add, args: [x, x]}", 0, {"other": 3 * 4}),
    ("{type: Relu, args: [v]}", 0, {"activation": 8}),
    ("{type: ops.Softmax, args: [v]}", 0, {"activation": 3 * 8}),  # exp, sum, divide
    ("{type: Clip, x_min: 0, x_max: 6, args: [v]}", 0, {"other": 2 * 8}),  # a max and a min
    ("{type: Mean, axis: -1, args: [x]}", 0, {"other": 3 * 4}),  # each input element once
    ("{type: Std, axis: -1, args: [x]}", 0, {"other": 4 * 3 * 4}),  # the statistics: 4 each
    ("{type: Sort, args: [v]}", 0, {"other": 8 * 3}),  # log2(8) comparisons per element
    ("{type: Matmul, args: [x, y]}", 3 * 5 * 4, {}),  # (3, 4) @ (4, 5): 15 outputs x 4
    (
        "{type: Matmul, args: [v, {constant: [[1, 1], [1, 1], [1, 1], [1, 1], [1, 1], [1, 1], [1, 1], [1, 1]]}]}",
        2 * 8,
        {},
    ),  # a constant right operand: 2 outputs x 8
    ('{type: Einsum, subscripts: "bij,bjk->bik", args: [x, y]}', 3 * 5 * 4, {}),
    ('{type: Einsum, subscripts: "bqhd,bkhd->bhqk", args: [q, k]}', 2 * 7 * 9 * 8, {}),
    ('{type: Einsum, subscripts: "bij->b", args: [x]}', 0, {"other": 3 * 4}),
    (
        "{type: Conv, args: [img, {constant: " + str([[[[1] * 4] * 3] * 3] * 3) + "}]}",
        6 * 6 * 4 * 3 * 3 * 3,  # output positions x filters x kernel area x C_in
        {},
    ),
    ("{type: MaxPool, pool_size: 2, args: [img]}", 0, {"pool": 2 * 2 * 4 * 4 * 3}),
    ("{type: ops.Reshape, newshape: [-1, 12], args: [x]}", 0, {}),
    ("{type: GetItem, args: [x, [{slice: [null, null, null]}, 0]]}", 0, {}),
    ("{type: ops.Concatenate, axis: -1, inputs: [x, x]}", 0, {}),
    ("{type: Cast, dtype: int32, args: [x]}", 0, {}),
]


@pytest.mark.parametrize(("entry", "macs", "flops"), CASES, ids=[c[0][:40] for c in CASES])
def test_op_cost(entry: str, macs: int, flops: dict[str, int]) -> None:
    result = archcalc.infer(archcalc.load_text(f"{INPUTS}layers:\n  - {entry}\n"))
    report = analyze(result).compute
    assert report.complete
    layer = report.layers[-1]
    assert layer.cost.macs == macs
    categories = {k: v for k, v in layer.cost.by_category().items() if v and k != "macc"}
    assert categories == flops


def test_an_ops_dtype_decides_its_bytes() -> None:
    """uint8 pixels / 127.5 are float32 (4 bytes each); x * 2 keeps uint8 (1 byte each)."""
    result = archcalc.infer(
        archcalc.load_text(
            "inputs: {img: {shape: [32, 32, 3], dtype: uint8}}\nlayers:\n"
            "  - {type: TrueDivide, args: [img, 127.5]}\n"
            "  - {type: ops.Multiply, args: [img, 2]}\n"
            "  - {type: ops.Concatenate, axis: -1, inputs: [true_divide, multiply]}\n"
        )
    )
    layers = {x.name: x for x in analyze(result).memory.layers}
    assert layers["img"].output_bytes == 32 * 32 * 3
    assert layers["true_divide"].output_bytes == 32 * 32 * 3 * 4
    assert layers["multiply"].output_bytes == 32 * 32 * 3
    # concatenate promotes uint8 with float32 to float32: 6 channels of 4 bytes
    assert layers["concatenate"].output_bytes == 32 * 32 * 6 * 4
    assert result.layer("concatenate").calls[0].output_dtypes == ("float32",)


CASES_BUILT = [c for g in GROUPS for c in built(load_cases(g))]


def test_every_keras_case_is_costed() -> None:
    """Every op node Keras built is counted, but where a size is unknown (None) or the work
    depends on the data (CTC), which is said."""
    reasons = set()
    for case in CASES_BUILT:
        result = run_spec(case)
        for options in (CostOptions(), CostOptions(convention="torchinfo", batch_size=2)):
            for u in analyze(result, options).compute.uncounted:
                reasons.add("unknown (None)" if "unknown (None)" in u.note else u.note)
    assert reasons <= {
        "unknown (None)",
        "CTC's dynamic programming depends on the label lengths in the data",
    }
