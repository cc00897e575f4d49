"""Costs of the augmentation and lookup layers (docs/costs.md), with the arithmetic written
out: identities at inference and lookups cost nothing; AutoContrast, CLAHE, tf_idf and a
Pipeline's layers are counted; a string input has no fixed size."""

from __future__ import annotations

from typing import Any

import pytest

import archcalc
from archcalc.analysis import analyze
from archcalc.analysis.flops import Cost, Op, find_rule
from archcalc.catalog import CATALOG

N = None  # the batch dimension


def cost(type_name: str, cfg: dict[str, Any], inputs: list[tuple], output: tuple) -> Cost:
    rule = find_rule(type_name)
    assert rule is not None, type_name
    kind_cfg, errors = CATALOG[type_name].normalize(cfg)
    assert not errors
    return rule(Op(type_name, kind_cfg, tuple(inputs), (output,)))


CASES = [
    ("flip", "RandomFlip", {}, (N, 32, 32, 3), (N, 32, 32, 3), Cost()),
    ("randaugment", "RandAugment", {}, (N, 32, 32, 3), (N, 32, 32, 3), Cost()),
    ("crop", "RandomCrop", {"height": 8, "width": 8}, (N, 32, 32, 3), (N, 8, 8, 3), Cost()),
    # a min, a max, a multiply, an add and a clip per element
    ("autocontrast", "AutoContrast", {}, (N, 8, 8, 3), (N, 8, 8, 3), Cost(other=5 * 8 * 8 * 3)),
    # histogram count + a blend of four tiles per element; 4 per bin of 64 tiles x 3 channels
    (
        "clahe",
        "ContrastLimitedAdaptiveHistogramEqualization",
        {},
        (N, 32, 32, 3),
        (N, 32, 32, 3),
        Cost(other=8 * 32 * 32 * 3 + 4 * 256 * 8 * 8 * 3),
    ),
    (
        "clahe-cf-tiles",
        "ContrastLimitedAdaptiveHistogramEqualization",
        {"data_format": "channels_first", "tile_grid_size": [2, 4]},
        (N, 1, 16, 16),
        (N, 1, 16, 16),
        Cost(other=8 * 16 * 16 + 4 * 256 * 2 * 4 * 1),
    ),
    ("lookup", "StringLookup", {"vocabulary": ["a", "b"]}, (N, 3), (N, 3), Cost()),
    (
        "tf-idf",
        "StringLookup",
        {"vocabulary": ["a", "b"], "output_mode": "tf_idf", "idf_weights": [1.0, 2.0]},
        (N, 3),
        (N, 3),
        Cost(other=3),
    ),
    ("hashing", "Hashing", {"num_bins": 4, "output_mode": "one_hot"}, (N, 1), (N, 4), Cost()),
    ("encoding", "CategoryEncoding", {"num_tokens": 5}, (N, 3), (N, 5), Cost()),
    ("buckets", "Discretization", {"bin_boundaries": [0.0, 1.0]}, (N, 3), (N, 3), Cost()),
    # a Rescaling (1 per element) then a Dense on the last axis
    (
        "pipeline",
        "Pipeline",
        {"layers": [{"type": "RandomFlip"}, {"type": "Rescaling", "scale": 0.5},
                    {"type": "Dense", "units": 4}]},
        (N, 8, 8, 3),
        (N, 8, 8, 4),
        Cost(macs=8 * 8 * 3 * 4, bias=8 * 8 * 4, other=8 * 8 * 3),
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    "type_name,cfg,inp,out,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_rule(type_name: str, cfg: dict, inp: tuple, out: tuple, expected: Cost) -> None:
    assert cost(type_name, cfg, [inp], out) == expected


def test_a_string_input_has_no_fixed_size() -> None:
    """Lookups after a string input: the layers count (int64 is 8 bytes), the input does not."""
    text = (
        "inputs: {t: {shape: [2], dtype: string}}\nlayers:\n"
        "  - {type: StringLookup, vocabulary: [a, b, c]}\n"
    )
    result = archcalc.infer(archcalc.load_text(text, "strings.yaml"))
    memory = analyze(result).memory
    assert memory.unknown == (("t", "its dtype string has no fixed size"),)
    assert memory.activation_bytes is None and memory.peak_bytes is None
    assert memory.layer("string_lookup").output_bytes == 2 * 8  # two int64 indices
    assert "int64" in memory.dtypes and "string" in memory.dtypes
