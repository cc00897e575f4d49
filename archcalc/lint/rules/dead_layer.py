"""A layer no model output depends on (a dead branch).

Keras builds a Functional model from its outputs back, so a layer that no
output depends on is silently left out: it is not in ``model.layers``, its
parameters are not counted, and nothing trains it. That is almost always a
wiring mistake (a branch that was meant to be concatenated, a forgotten
``outputs:`` entry). The finding is the engine's own ``dead-layer`` warning,
at every dead call; a shared layer with one live call is only reported at
the dead one.

Options: none. Default level: warning.

PASS::

    inputs: {x: [8]}
    layers:
      - {name: a, type: Dense, units: 4, inputs: x}
      - {name: b, type: Dense, units: 4, inputs: x}
      - {name: both, type: Concatenate, inputs: [a, b]}

FAIL::

    inputs: {x: [8]}
    layers:
      - {name: a, type: Dense, units: 4, inputs: x}
      - {name: b, type: Dense, units: 4, inputs: x}   # nothing reads b
      - {name: out, type: Dense, units: 1, inputs: a}
"""

from __future__ import annotations

from archcalc.lint.context import Conf, Findings, LintContext

ID = "dead-layer"
LEVEL = "warning"
REQUIRES = "graph"


def check(ctx: LintContext, conf: Conf) -> Findings:
    return ctx.engine_warnings(ID)
