"""What a lint rule sees: the spec, its graph, its inference result, and graph facts.

Rules reason per *call* (a graph node), so a shared layer called twice is
judged at each call. The helpers here answer the questions several rules
ask (what does this call feed, what activation does it apply, is it a
model output) once, keyed on Keras class names so that layer kinds other
modules add later are understood as soon as they exist.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from archcalc.analysis import Costs, analyze
from archcalc.catalog import CATALOG
from archcalc.catalog.base import LayerKind
from archcalc.diagnostics import Diagnostic, Pos
from archcalc.graph import CallNode, Graph
from archcalc.results import CallResult, InferenceResult
from archcalc.shapes import Shape
from archcalc.spec import Spec

#: A rule's options, as ``check`` receives them; what ``check`` yields.
Conf = dict[str, Any]
Findings = Iterator[Diagnostic]


@dataclass(frozen=True)
class LintContext:
    """One spec, ready for the rules; ``graph``/``result`` are None when they could not be built."""

    path: str
    spec: Spec
    graph: Graph | None = None
    result: InferenceResult | None = None
    text: str = field(default="", repr=False)

    def at(self, pos: Pos | None, message: str) -> Diagnostic:
        """A finding; the runner stamps the rule ID and the configured level."""
        return Diagnostic.at(self.path, pos, "", message)

    def engine_warnings(self, code: str) -> Iterator[Diagnostic]:
        """The engine's own warnings of one code, as findings (rules that only give them a level)."""
        for w in self.g.warnings:
            if w.code == code:
                yield self.at(Pos(w.line, w.column, w.via), w.message)

    # -- graph facts ------------------------------------------------------------
    @property
    def g(self) -> Graph:
        assert self.graph is not None, "this rule declares REQUIRES = 'graph'"
        return self.graph

    def calls(self) -> Iterator[CallNode]:
        """Every live layer call in file order (model inputs and dead calls excluded)."""
        for node in self.g.nodes:
            if not node.is_input and node.index in self.g.live:
                yield node

    @cached_property
    def consumers(self) -> dict[int, list[CallNode]]:
        out: dict[int, list[CallNode]] = {n.index: [] for n in self.g.nodes}
        for node in self.g.nodes:
            for src, _ in node.inputs:
                if node.index in self.g.live and node not in out[src]:
                    out[src].append(node)
        return out

    @cached_property
    def output_nodes(self) -> frozenset[int]:
        return frozenset(src for src, _ in self.g.outputs)

    def config(self, node: CallNode) -> dict[str, Any]:
        return dict(node.spec.config) if node.spec is not None else {}

    def kind(self, node: CallNode) -> LayerKind | None:
        """The catalog kind that computes a call (None for a model input)."""
        return CATALOG[node.spec.kind_name] if node.spec is not None else None

    def activation(self, node: CallNode) -> str | None:
        """The activation a call applies (its kind's answer), or None for none (``linear``)."""
        kind = self.kind(node)
        name = kind.activation(self.config(node)) if kind is not None else "linear"
        return None if name == "linear" else name

    def is_activation_layer(self, node: CallNode) -> bool:
        """A layer that applies one activation and nothing else (ReLU, or Activation('relu'))."""
        kind = self.kind(node)
        return (
            kind is not None and kind.family == "activations" and self.activation(node) is not None
        )

    def passes_through(self, node: CallNode) -> bool:
        """The call returns its input unchanged at inference (Dropout, GaussianNoise...)."""
        kind = self.kind(node)
        return kind is not None and kind.inference_identity

    def arg_pos(self, node: CallNode, arg: str) -> Pos:
        """Where an argument is written (the call's own position for share entries)."""
        if node.spec is not None and node.spec.share is None:
            return node.spec.arg_pos.get(arg, node.pos)
        return node.pos

    # -- shapes -----------------------------------------------------------------
    @cached_property
    def costs(self) -> Costs:
        """The cost analysis of the result (per sample, the model's own dtypes), made once."""
        assert self.result is not None, "this rule declares REQUIRES = 'result'"
        return analyze(self.result)

    @cached_property
    def call_results(self) -> dict[str, CallResult]:
        assert self.result is not None, "this rule declares REQUIRES = 'result'"
        return {c.name: c for layer in self.result.layers for c in layer.calls}

    def input_shapes(self, node: CallNode) -> tuple[Shape, ...]:
        return self.call_results[node.name].input_shapes
