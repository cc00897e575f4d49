"""The cost options ``summary`` and ``report`` share: batch size, dtype, optimizer, convention."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from archcalc.analysis import OPTIMIZER_SLOTS
from archcalc.analysis.flops import CONVENTION_HELP, CONVENTIONS
from archcalc.catalog.dtypes import DTYPE_BYTES

COSTS_HELP = (
    f"Costs (`archcalc docs costs`): {CONVENTION_HELP} Memory: parameters at --dtype; activations = "
    "every layer's outputs x batch; peak = the most live at once at inference, freeing each "
    "tensor after its last consumer; training = all activations + parameters + gradients + "
    "optimizer state (sgd 0, momentum 1, adam 2 copies of the trainable parameters). "
    "K/M/G/T are 1000-based, KB/MB/GB 1024-based (as Keras).\n\n"
)

_OPTIONS = (
    click.option(
        "--seq-len",
        type=click.IntRange(min=1),
        default=None,
        help="Length of the model's unknown (None) input axes, e.g. a transformer's tokens: "
        "shapes, compute and memory at that length  [default: as the model says]",
    ),
    click.option(
        "--batch-size",
        type=click.IntRange(min=1),
        default=None,
        help="Samples per batch for compute and memory  [default: 1, i.e. per sample]",
    ),
    click.option(
        "--dtype",
        type=click.Choice(sorted(DTYPE_BYTES)),
        default=None,
        help="Dtype of parameters and activations  [default: each layer's own, float32 unless "
        "its dtype policy says otherwise]",
    ),
    click.option(
        "--optimizer",
        type=click.Choice(list(OPTIMIZER_SLOTS)),
        default=None,
        help="Optimizer for the training estimate (state: 0/1/2 copies of the trainable "
        "parameters)  [default: adam]",
    ),
    click.option(
        "--convention",
        type=click.Choice(CONVENTIONS),
        default=None,
        help="How MACs are counted: archcalc (MACs of weighted ops, FLOPs by category) or "
        "torchinfo (1.8.0's Mult-Adds: bias counted, Linear once per sample)  "
        "[default: archcalc]",
    ),
)


def cost_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add --seq-len, --batch-size, --dtype, --optimizer and --convention (each None when not
    given)."""
    for option in reversed(_OPTIONS):
        func = option(func)
    return func


def cost_settings(
    batch_size: int | None, dtype: str | None, optimizer: str | None, convention: str | None
) -> Any:
    """The CostOptions the four options ask for, defaults filled in."""
    from archcalc.analysis import CostOptions

    return CostOptions(batch_size or 1, dtype, optimizer or "adam", convention or "archcalc")
