"""``Dense`` applied to a tensor of rank > 2 (batch included) without a Flatten.

Keras's Dense works on the *last* axis only: on a ``(None, 7, 7, 64)``
feature map it makes a ``(None, 7, 7, 10)`` output, one small Dense per
pixel, where a classifier head almost always wanted ``Flatten`` (or global
pooling) first. The model builds, the parameter count looks small, and the
output has the wrong shape. Sequence models apply Dense per time step on
purpose: set ``max_rank: 3`` for them.

Options: ``max_rank`` (integer >= 2, default 2): the highest input rank,
batch included, that Dense may take.
Default level: warning.

PASS::

    inputs: {image: [28, 28, 1]}
    layers:
      - {type: Conv2D, filters: 8, kernel_size: 3}
      - {type: Flatten}
      - {type: Dense, units: 10}

FAIL::

    inputs: {image: [28, 28, 1]}
    layers:
      - {type: Conv2D, filters: 8, kernel_size: 3}
      - {type: Dense, units: 10}
"""

from __future__ import annotations

from typing import Any

from archcalc.catalog.args import Int
from archcalc.lint.context import Conf, Findings, LintContext
from archcalc.shapes import format_shape

ID = "dense-without-flatten"
LEVEL = "warning"
REQUIRES = "result"
CONF = {"max_rank": Int(min=2)}
DEFAULT: dict[str, Any] = {"max_rank": 2}


def check(ctx: LintContext, conf: Conf) -> Findings:
    for node in ctx.calls():
        if node.type != "Dense":
            continue
        (shape,) = ctx.input_shapes(node)
        if len(shape) > conf["max_rank"]:
            yield ctx.at(
                node.pos,
                f"{node.name}: Dense on {format_shape(shape)} (rank {len(shape)}) acts on the last "
                "axis only, once per position; add Flatten or global pooling before it, "
                f"or raise max_rank if that is intended",
            )
