"""``softmax`` anywhere but on a model output.

A softmax squashes its input into a probability distribution; applied to a
hidden layer it saturates gradients and throws away scale, and it is
usually a classifier head copied one layer too early. The rule looks at
every live call that applies softmax (an ``activation: softmax`` argument,
an ``Activation`` layer or a ``Softmax`` layer) and reports those whose
output is not a model output. Attention weights computed by hand are a
legitimate exception: disable the rule on that layer with
``# archcalc: disable=softmax-not-last``.

Options: none. Default level: warning.

PASS::

    inputs: {x: [16]}
    layers:
      - {type: Dense, units: 32, activation: relu}
      - {type: Dense, units: 10, activation: softmax}

FAIL::

    inputs: {x: [16]}
    layers:
      - {type: Dense, units: 32, activation: softmax}
      - {type: Dense, units: 10}
"""

from __future__ import annotations

from archcalc.lint.context import Conf, Findings, LintContext

ID = "softmax-not-last"
LEVEL = "warning"
REQUIRES = "graph"


def check(ctx: LintContext, conf: Conf) -> Findings:
    for node in ctx.calls():
        if ctx.activation(node) != "softmax" or node.index in ctx.output_nodes:
            continue
        readers = ", ".join(n.name for n in ctx.consumers[node.index]) or "nothing"
        yield ctx.at(
            ctx.arg_pos(node, "activation"),
            f"{node.name} applies softmax, but it is not a model output (read by {readers}); "
            "softmax belongs on the output layer",
        )
