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

from archcalc.lint.context import Conf, Findings, LintContext

ID = "unused-input"
LEVEL = "warning"
REQUIRES = "graph"


def check(ctx: LintContext, conf: Conf) -> Findings:
    outputs = ctx.output_nodes
    for node in ctx.g.nodes:
        if node.is_input and not ctx.consumers[node.index] and node.index not in outputs:
            yield ctx.at(
                node.pos,
                f"input '{node.name}' is not read by any layer that reaches an output; "
                "connect it or remove it (Keras would still require it when calling the model)",
            )
