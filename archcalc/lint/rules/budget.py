"""Budgets: the model must stay within set limits.

A budget caps a model-wide number, e.g. ``max_params`` (all parameters,
as Keras's ``Total params``) and ``max_trainable_params`` (``Trainable
params``). No limit is set by default, so the rule reports nothing until a
budget is configured, in the config file, per path (``overrides``) or at
the top of one spec (``# archcalc: lint max_params=1.5M``). Counts take
plain integers, ``1_000_000``, or a string with a k/M/G suffix. Each
exceeded budget is one finding at the top of the file. More budgets (FLOPs,
memory) plug in as metrics (:mod:`archcalc.lint.metrics`).

Options: ``max_params``, ``max_trainable_params`` (counts, default null:
no limit).
Default level: error.

PASS::

    # archcalc: lint max_params=100
    inputs: {x: [2]}
    layers:
      - {type: Dense, units: 8}

FAIL::

    # archcalc: lint max_params=20
    inputs: {x: [2]}
    layers:
      - {type: Dense, units: 8}
"""

from __future__ import annotations

from typing import Any

from archcalc.diagnostics import Pos
from archcalc.lint.context import Conf, Findings, LintContext
from archcalc.lint.metrics import COUNT, load_metrics

ID = "budget"
LEVEL = "error"
REQUIRES = "result"
CONF = {option: COUNT for option in load_metrics()}
DEFAULT: dict[str, Any] = {option: None for option in CONF}


def check(ctx: LintContext, conf: Conf) -> Findings:
    for option, metric in load_metrics().items():
        limit = conf.get(option)
        if limit is None:
            continue
        value = metric.measure(ctx)
        if value is not None and value > limit:
            yield ctx.at(
                Pos(1, 1),
                f"the model has {_n(value)} {metric.what}, over the budget {option} = {_n(limit)} "
                f"(by {_n(value - limit)})",
            )


def _n(value: int | float) -> str:
    """A count as the message prints it: grouped, exact, shortened only past 4,300 digits."""
    from archcalc.numtext import grouped

    return grouped(value) if isinstance(value, int) else f"{value:,}"
