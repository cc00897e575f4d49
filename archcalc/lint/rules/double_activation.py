"""An activation applied twice in a row.

``Dense(activation='relu')`` followed by ``ReLU()`` (or
``Activation('relu')``), or two activation layers one after the other,
apply a non-linearity to values that already went through one: at best
redundant (relu of relu), at worst a different function than intended
(sigmoid of relu is never below 0.5). Layers that pass values through
unchanged at inference (Dropout, GaussianNoise, Identity...) between the
two do not separate them. ``linear`` is not an activation. Reported at the
second activation, per call.

Options: none. Default level: warning.

PASS::

    inputs: {x: [16]}
    layers:
      - {type: Dense, units: 32}
      - {type: Activation, activation: relu}
      - {type: Dense, units: 10, activation: relu}

FAIL::

    inputs: {x: [16]}
    layers:
      - {type: Dense, units: 32, activation: relu}
      - {type: Activation, activation: relu}
"""

from __future__ import annotations

from archcalc.graph import CallNode
from archcalc.lint.context import Conf, Findings, LintContext

ID = "double-activation"
LEVEL = "warning"
REQUIRES = "graph"


def _previous_activation(ctx: LintContext, node: CallNode) -> CallNode | None:
    """The call whose activation feeds ``node`` directly (through transparent layers)."""
    seen = set()
    while len(node.inputs) == 1 and node.index not in seen:
        seen.add(node.index)
        node = ctx.g.nodes[node.inputs[0][0]]
        if node.is_input:
            return None
        if ctx.activation(node) is not None:
            return node
        if not ctx.passes_through(node):
            return None
    return None


def check(ctx: LintContext, conf: Conf) -> Findings:
    for node in ctx.calls():
        if not ctx.is_activation_layer(node):
            continue
        prev = _previous_activation(ctx, node)
        if prev is None:
            continue
        how = "" if ctx.is_activation_layer(prev) else " (its activation argument)"
        yield ctx.at(
            node.pos,
            f"{node.name} applies '{ctx.activation(node)}' to the output of {prev.name}, which "
            f"already applied '{ctx.activation(prev)}'{how}; drop one of the two activations",
        )
