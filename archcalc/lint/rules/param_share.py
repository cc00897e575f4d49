"""One layer holding more than a set share of all parameters.

When a single layer owns most of a model's weights (typically a Dense right
after a Flatten of a large feature map), the architecture's capacity, memory
and overfitting risk are all decided by that one layer; global pooling or
a smaller feature map is often what was meant. What share is too much
depends on the model family, so the rule is off until enabled. A shared
layer's parameters are counted once, as Keras counts them; a nested model
(a Sequential used as a layer) is not itself judged.

Options: ``max_share`` (number in (0, 1], default 0.5): the largest
fraction of the total parameter count one layer may hold;
``min_params`` (count, default 0): models with fewer parameters in total
are not checked.
Default level: off (warning when enabled).

PASS::

    # archcalc: lint param-share=warning
    inputs: {x: [16]}
    layers:
      - {type: Dense, units: 16}
      - {type: Dense, units: 16}

FAIL::

    # archcalc: lint param-share=warning
    inputs: {image: [32, 32, 3]}
    layers:
      - {type: Conv2D, filters: 8, kernel_size: 3}
      - {type: Flatten}
      - {type: Dense, units: 128}
"""

from __future__ import annotations

from typing import Any

from archcalc.catalog.args import Float
from archcalc.lint.context import Conf, Findings, LintContext
from archcalc.lint.counts import COUNT
from archcalc.numtext import grouped

ID = "param-share"
LEVEL = "warning"
ENABLED = False
REQUIRES = "result"
CONF = {"max_share": Float(min=0, max=1, min_open=True), "min_params": COUNT}
DEFAULT: dict[str, Any] = {"max_share": 0.5, "min_params": 0}


def check(ctx: LintContext, conf: Conf) -> Findings:
    assert ctx.result is not None
    total = ctx.result.totals.total
    if total == 0 or total < (conf["min_params"] or 0):
        return
    for layer in ctx.result.layers:
        if layer.children:  # a nested model: its own layers are what could dominate
            continue
        share = layer.params / total
        if share > conf["max_share"]:
            yield ctx.at(
                layer.pos,
                f"{layer.name} holds {grouped(layer.params)} of the model's {grouped(total)} parameters "
                f"({share:.1%}, more than max_share {conf['max_share']:.0%})",
            )
