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
)
CASES = [c for f in FAMILIES for c in load_cases(f) if "output_shape" in c["keras"]]


def test_every_kind_has_a_rule() -> None:
    kinds = {k for k, v in CATALOG.items() if k == v.name and not isinstance(v, NestedModel)}
    assert sorted(k for k in kinds - {"Custom"} if find_rule(k) is None) == []
    assert sorted(k for k in kinds - {"Custom"} if find_rule(k, "torchinfo") is None) == []


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_keras_case_is_counted(case) -> None:
    try:
        result = build(case)
    except archcalc.ArchcalcError:
        pytest.skip("a case archcalc refuses on purpose (tests/catalog explains why)")
    shapes = [s["shape"] if isinstance(s, dict) else s for s in case["inputs"]]
    unknown = None in [d for s in shapes for d in s] + case["keras"]["output_shape"][1:]
    for options in (CostOptions(), CostOptions(convention="torchinfo", batch_size=2)):
        costs = analyze(result, options)
        assert all("unknown (None)" in u.note for u in costs.compute.uncounted)
        assert costs.memory.complete is not unknown
        assert costs.compute.complete or unknown


@pytest.mark.parametrize("spec", sorted(p.name for p in (SPECS / "zoo").glob("*.yaml")))
def test_zoo_models_count_completely(spec: str) -> None:
    result = archcalc.infer(archcalc.load(str(SPECS / "zoo" / spec)))
    costs = analyze(result)
    assert costs.compute.complete and costs.memory.complete
    assert costs.compute.macs > 0 and costs.memory.peak_bytes
    # the peak never exceeds keeping everything, nor falls below the largest layer's output
    largest = max(x.output_bytes or 0 for x in costs.memory.layers)
    assert largest <= costs.memory.peak_bytes <= costs.memory.activation_bytes
