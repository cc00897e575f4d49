"""Every layer kind of the catalog has a cost rule: Keras's single-layer reference cases
(tests/catalog) all count, except where a dimension is unknown (None), which is reported."""

from __future__ import annotations

from pathlib import Path

import pytest

import archcalc
from archcalc.analysis import CostOptions, analyze
from archcalc.analysis.flops import find_rule
from archcalc.catalog import CATALOG
from archcalc.catalog.models import NestedModel
from tests.catalog.keras_cases import build, load_cases
from tests.conftest import SPECS

FAMILIES = sorted(
    p.stem.removeprefix("keras_cases_")
    for p in Path(__file__).parent.glob("catalog/keras_cases_*.json")
    if not p.stem.startswith("keras_cases_ops_")  # keras.ops cases: tests/catalog/ops_cases.py
)
CASES = [c for f in FAMILIES for c in load_cases(f) if "output_shape" in c["keras"]]


def test_every_kind_has_a_rule() -> None:
    kinds = {k for k, v in CATALOG.items() if k == v.name and not isinstance(v, NestedModel)}
    assert sorted(k for k in kinds - {"Custom"} if find_rule(k) is None) == []
    assert sorted(k for k in kinds - {"Custom"} if find_rule(k, "torchinfo") is None) == []


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_keras_case_is_counted(case) -> None:
    if "adapt" in case:
        pytest.skip("adapt() gave the layer a vocabulary its spec cannot hold (tests/catalog)")
    try:
        result = build(case)
    except archcalc.ArchcalcError:
        pytest.skip("a case archcalc refuses on purpose (tests/catalog explains why)")
    shapes = [s["shape"] if isinstance(s, dict) else s for s in case["inputs"]]
    unknown = None in [d for s in shapes for d in s] + case["keras"]["output_shape"][1:]
    strings = any(isinstance(s, dict) and s.get("dtype") == "string" for s in case["inputs"])
    for options in (CostOptions(), CostOptions(convention="torchinfo", batch_size=2)):
        costs = analyze(result, options)
        assert all("unknown (None)" in u.note for u in costs.compute.uncounted)
        assert costs.memory.complete is not (unknown or strings)  # a string has no fixed size
        assert costs.compute.complete or unknown


@pytest.mark.parametrize("spec", sorted(p.name for p in (SPECS / "zoo").glob("*.yaml")))
def test_zoo_models_count_completely(spec: str) -> None:
    result = archcalc.infer(archcalc.load(str(SPECS / "zoo" / spec)))
    costs = analyze(result)
    if spec == "lstm_text_classifier.yaml":  # token ids of any length: (None, None)
        assert {u.layer for u in costs.compute.uncounted} == {"bidirectional", "bidirectional_1"}
        assert costs.memory.peak_bytes is None
        return
    assert costs.compute.complete and costs.memory.complete
    assert costs.compute.macs > 0 and costs.memory.peak_bytes
    # the peak never exceeds keeping everything, nor falls below the largest layer's output
    largest = max(x.output_bytes or 0 for x in costs.memory.layers)
    assert largest <= costs.memory.peak_bytes <= costs.memory.activation_bytes


def test_lstm_text_classifier_with_a_length() -> None:
    """The zoo's text classifier on 100 tokens: Embedding 0, two Bidirectional LSTMs."""
    text = (SPECS / "zoo" / "lstm_text_classifier.yaml").read_text()
    text = text.replace("shape: [null]", "shape: [100]")
    result = archcalc.infer(archcalc.load_text(text))
    lstm64 = 2 * 100 * 4 * 64 * (128 + 64)  # both directions, 100 steps, 4 gates over [x, h]
    lstm32 = 2 * 100 * 4 * 32 * (128 + 32)  # its input is the first one's 2 x 64 outputs
    dense = 64 * 64 + 64 * 1  # on the second one's 2 x 32 outputs
    c = analyze(result).compute
    assert c.complete and c.macs == lstm64 + lstm32 + dense
    # torchinfo 1.8.0: T x (params + PyTorch's second bias per direction); Embedding, Linear: params
    t = analyze(result, CostOptions(convention="torchinfo")).compute
    assert t.macs == (
        100 * (98_816 + 2 * 4 * 64) + 100 * (41_216 + 2 * 4 * 32) + 2_560_000 + 4_160 + 65
    )


def test_transformer_block_attention_costs_and_workspace() -> None:
    """200 tokens of width 32, two heads of key_dim 32 (specs/zoo/transformer_encoder.yaml)."""
    result = archcalc.infer(archcalc.load(str(SPECS / "zoo" / "transformer_encoder.yaml")))
    costs = analyze(result)
    t, d, h, k = 200, 32, 2, 32
    attention = 4 * t * d * h * k + 2 * h * t * t * k  # Q, K, V, output; scores and context
    ffn = 2 * t * d * 32
    assert costs.compute.layer("encoder1_self_attention").cost.macs == attention
    assert costs.compute.macs == attention + ffn + 32 * 20 + 20 * 2
    # peak while attention runs: its input and output (t x d each) plus its own tensors:
    # Q, K, V and context (t x h x k each), scores and probabilities (h x t x t each)
    inside = 4 * t * h * k + 2 * h * t * t
    m = costs.memory
    assert (m.peak_bytes, m.peak_at) == ((2 * t * d + inside) * 4, "encoder1_self_attention")
