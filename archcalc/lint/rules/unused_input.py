"""A model input that no layer reads.

Keras accepts it (``keras.Model(inputs=[a, b], outputs=f(a))`` builds), so
callers must keep feeding a tensor that is thrown away; usually a branch
was meant to read it. Inputs read only by dead layers count as unused too.

Options: none. Default level: warning.

PASS::

    inputs: {image: [8], extra: [4]}
    layers:
      - {name: a, type: Dense, units: 4, inputs: image}
      - {name: both, type: Concatenate, inputs: [a, extra]}

FAIL::

    inputs: {image: [8], extra: [4]}
    layers:
      - {name: a, type: Dense, units: 4, inputs: image}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from archcalc.diagnostics import Diagnostic
from archcalc.lint.context import LintContext

ID = "unused-input"
LEVEL = "warning"
ENABLED = True
REQUIRES = "graph"
CONF: dict[str, Any] = {}
DEFAULT: dict[str, Any] = {}


def check(ctx: LintContext, conf: dict[str, Any]) -> Iterator[Diagnostic]:
    outputs = ctx.output_nodes
    for node in ctx.g.nodes:
        if node.is_input and not ctx.consumers[node.index] and node.index not in outputs:
            yield ctx.at(
                node.pos,
                f"input '{node.name}' is not read by any layer that reaches an output; "
                "connect it or remove it (Keras would still require it when calling the model)",
            )
