"""A nested model is inferred once per call, whatever the analyses and renderers ask.

The engine keeps each call's sub-inference on the call (``CallResult.nested``);
MACs, FLOPs, activations and the plot read it instead of inferring again.
"""

from __future__ import annotations

import pytest

from archcalc import engine
from archcalc.cli import main
from tests.conftest import ROOT

NESTED = ROOT / "tests" / "plot_specs" / "nested.yaml"
# One inference for the outer model, then for each of the two calls of `encoder`
# (a Functional model) one for it and one for the Sequential `enc_mlp` it calls once.
EXPECTED = 1 + 2 * (1 + 1)


@pytest.mark.parametrize(
    "args",
    [
        ("summary",),
        ("summary", "--columns", "macs,flops,activations", "--width", "200"),
        ("summary", "--format", "json"),
        ("summary", "--expand-nested", "--columns", "macs,flops,activations,percent"),
        ("plot", "--expand-nested", "--show-macs"),
    ],
)
def test_nested_model_inferred_once_per_call(runner, monkeypatch, args) -> None:
    calls = []
    real = engine.infer_graph

    def counting(graph):
        calls.append(graph.spec.name)
        return real(graph)

    monkeypatch.setattr(engine, "infer_graph", counting)
    r = runner.invoke(main, [*args, str(NESTED)], env={"COLUMNS": "200"})
    assert r.exit_code == 0, r.output
    assert len(calls) == EXPECTED, calls
