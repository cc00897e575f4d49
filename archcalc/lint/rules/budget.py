"""Budgets: the model must stay within set limits.

A budget caps a model-wide number, e.g. ``max_params`` (all parameters,
as Keras's ``Total params``) and ``max_trainable_params`` (``Trainable
params``). No limit is set by default, so the rule reports nothing until a
budget is configured, in the config file, per path (``overrides``) or at
the top of one spec (``# archcalc: lint max_params=1.5M``). Counts take
plain integers, ``1_000_000``, or a string with a k/M/G suffix. Each
exceeded budget is one finding at the top of the file. Every metric of
:mod:`archcalc.analysis.metrics` that names a budget option is one:
``max_macs``, ``max_flops`` (per sample), ``max_peak_activation_bytes`` and
``max_training_bytes`` too.

Options: ``max_params``, ``max_trainable_params``, ``max_macs``,
``max_flops``, ``max_peak_activation_bytes``, ``max_training_bytes``
(counts, default null: no limit).
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

from archcalc.analysis.metrics import BUDGETS
from archcalc.diagnostics import Pos
from archcalc.lint.context import Conf, Findings, LintContext
from archcalc.lint.counts import COUNT
from archcalc.numtext import grouped

ID = "budget"
LEVEL = "error"
REQUIRES = "result"
CONF = {option: COUNT for option in BUDGETS}
DEFAULT: dict[str, Any] = {option: None for option in CONF}


def check(ctx: LintContext, conf: Conf) -> Findings:
    for option, metric in BUDGETS.items():
        limit = conf.get(option)
        if limit is None or ctx.result is None:
            continue
        value = metric.of_model(ctx.result, ctx.costs)
        if value is not None and not isinstance(value, int):
            value = int(value)  # bytes of sub-byte dtypes: whole bytes in the message
        if value is not None and value > limit:
            yield ctx.at(
                Pos(1, 1),
                f"the model has {_n(value)} {metric.what}, over the budget {option} = {_n(limit)} "
                f"(by {_n(value - limit)})",
            )


def _n(value: int | float) -> str:
    """A count as the message prints it: grouped, exact, shortened only past 4,300 digits."""

    return grouped(value) if isinstance(value, int) else f"{value:,}"
