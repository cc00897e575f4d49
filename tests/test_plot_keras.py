"""``archcalc plot`` against what Keras's own ``model_to_dot`` drew.

tests/golden/keras/plot/<model>.<variant>.dot is pydot's ``to_string()`` of
``keras.utils.model_to_dot(model, show_shapes=True, show_dtype=True,
show_layer_names=True, show_layer_activations=True, show_trainable=True)``
(``expand``: also ``expand_nested=True``), Keras 3.15.1, pydot 4.0.1, for the
models of tests/golden/keras/models/ (see README.md there). Both DOT texts are
parsed into the same facts — every node's title, activation, shapes, dtype
and trainable cell, the edges between layers, the clusters — and compared.

archcalc draws one node per *call* of a shared layer where Keras draws one
node with an edge per call (a decision, docs/plot.md); the comparison folds
calls back into layers: Keras's label is the first call's (``layer.input`` is
node 0's), and the folded edge set must equal Keras's, self-loops included.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

import archcalc
from archcalc.render.dot import render_dot
from archcalc.render.plotmodel import PlotOptions
from tests.conftest import KERAS, SPECS
from tests.test_keras_models import load_model, needs_catalog

PLOT = KERAS / "plot"
CASES = sorted(p.name[: -len(".dot")] for p in PLOT.glob("*.dot"))
ALL = {
    "show_shapes": True,
    "show_dtype": True,
    "show_layer_names": True,
    "show_activations": True,
    "show_trainable": True,
}

_ID = r'("(?:[^"\\]|\\.)*"|\d+)'
_NODE = re.compile(rf"^\s*{_ID} \[label=<(<table.*</table>)>[,\]]")
_EDGE = re.compile(rf"^\s*{_ID} -> {_ID}")
_CLUSTER = re.compile(r'^\s*subgraph "?cluster_([^"{]*?)"? \{')
_FIELDS = {
    "activation": re.compile(r"Activation: <b>(.*?)</b>"),
    "input": re.compile(r"Input shape: <b>(.*?)</b>"),
    "output": re.compile(r"Output shape: <b>(.*?)</b>"),
    "dtype": re.compile(r"Output dtype: <b>(.*?)</b>"),
    "trainable": re.compile(r"<b>(Trainable|Non-trainable)</b>"),
}
_TITLE = re.compile(r"<b>(.*?)</b> \((.*?)\)</font>")
_SHARED = re.compile(r"<i>shared, call (\d+)/")


def parse_dot(text: str) -> tuple[dict[str, dict[str, object]], set[tuple[str, str]]]:
    """Layer name -> label facts (plus its cluster chain), and edges as (layer, layer)."""
    nodes: dict[str, dict[str, object]] = {}
    layer_of: dict[str, str] = {}
    edges: list[tuple[str, str]] = []
    stack: list[str] = []
    for line in text.splitlines():
        if m := _CLUSTER.match(line):
            stack.append(m.group(1).rsplit("/", 1)[-1])
        elif line.strip() == "}" and stack:
            stack.pop()
        elif m := _NODE.match(line):
            label = m.group(2)
            title = _TITLE.search(label)
            assert title, line
            name, cls = html.unescape(title.group(1)), title.group(2)
            layer_of[m.group(1)] = name
            shared = _SHARED.search(label)
            if shared and shared.group(1) != "1":
                continue  # a later call: Keras's label is the first call's
            facts: dict[str, object] = {"type": cls, "clusters": tuple(stack)}
            for key, rx in _FIELDS.items():
                found = rx.search(label)
                facts[key] = html.unescape(found.group(1)) if found else None
            nodes[name] = facts
        elif m := _EDGE.match(line):
            edges.append((m.group(1), m.group(2)))
    return nodes, {(layer_of[a], layer_of[b]) for a, b in edges}


@pytest.mark.parametrize("case", CASES)
def test_plot_matches_keras_model_to_dot(case: str, tmp_path: Path) -> None:
    model, variant = case.split(".")
    needs_catalog(model)
    result = load_model(model, tmp_path)
    opts = PlotOptions(**ALL, expand_nested=variant == "expand")  # type: ignore[arg-type]
    got_nodes, got_edges = parse_dot(render_dot(result, opts))
    want_nodes, want_edges = parse_dot((PLOT / f"{case}.dot").read_text(encoding="utf-8"))
    assert want_nodes
    assert got_nodes == want_nodes
    assert got_edges == want_edges


@pytest.mark.parametrize("model", ["seed_sequential", "seed_conv", "seed_functional", "siamese"])
def test_yaml_spec_plot_matches_keras(model: str) -> None:
    """The YAML specs too: there, an omitted activation is None, which Keras draws as linear."""
    result = archcalc.infer(archcalc.load(str(SPECS / f"{model}.yaml")))
    got = parse_dot(render_dot(result, PlotOptions(**ALL)))  # type: ignore[arg-type]
    assert got == parse_dot((PLOT / f"{model}.all.dot").read_text(encoding="utf-8"))


def test_keras_references_cover_the_cases_that_matter() -> None:
    """Shared layers (incl. a layer applied to its own output), Sequential, nesting with expand."""
    assert {"seed_sequential.all", "seed_conv.all", "seed_functional.all"} <= set(CASES)
    assert {"siamese.all", "shared_dense_chain.all", "nested_deep.expand"} <= set(CASES)
    chain = parse_dot((PLOT / "shared_dense_chain.all.dot").read_text())[1]
    assert ("shared", "shared") in chain  # Keras's one-node-per-layer draws a self-loop
