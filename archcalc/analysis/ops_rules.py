"""Cost rules of the keras.ops nodes, under the convention in :mod:`.cost`.

Rules are keyed by the op families' base classes, so every op class of a
family is counted the same way; ops that only move data (reshape, slicing,
concatenate, transpose, casts...) declare ``data_movement`` and cost 0
without a rule. An op's constants (a matmul's constant right operand, a
conv's kernel) are part of its recorded call, so the rules read them there.
Counts are per sample: the first axis is taken as the batch axis, as for
layers, and multiplied by the batch size afterwards.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from archcalc.analysis.cost import (
    ACTIVATION_FLOPS,
    ACTIVATION_FLOPS_DEFAULT,
    CLIP_FLOPS,
    NORM_STATS_FLOPS,
    OP_FLOPS_PER_ELEMENT,
    REDUCE_FLOPS_PER_INPUT,
    UNIT_NORM_FLOPS,
    Cost,
    Op,
    Rule,
    Uncounted,
    elements,
)
from archcalc.catalog import CATALOG
from archcalc.catalog.naming import to_snake_case
from archcalc.catalog.ops_base import T, fill

#: a rule per op family, by the key its kinds declare as ``counted_as``
OP_RULES: dict[str, Rule] = {}


def op_rule(key: str) -> Callable[[Rule], Rule]:
    def wrap(fn: Rule) -> Rule:
        OP_RULES[key] = fn
        return fn

    return wrap


def bound(op: Op) -> tuple[list[Any], dict[str, Any]]:
    """The op's recorded arguments with its tensors (and constants) as shapes."""
    kind = CATALOG[op.type]
    tensors = [T(tuple(s), "float32") for s in op.inputs]
    raw = op.cfg.get("args")
    args = kind.implicit_args(len(tensors)) if raw is None else raw
    return [fill(a, tensors) for a in args], {
        k: fill(v, tensors) for k, v in (op.cfg.get("kwargs") or {}).items()
    }


def tensors_of(op: Op) -> list[T]:
    args, kwargs = bound(op)
    out: list[T] = []
    for v in [*args, *kwargs.values()]:
        if isinstance(v, T):
            out.append(v)
        elif isinstance(v, list):
            out += [x for x in v if isinstance(x, T)]
    return out


def per_output(op: Op, per: int = OP_FLOPS_PER_ELEMENT) -> int:
    return per * sum(elements(s) for s in op.outputs)


def log2_steps(n: int | None) -> int:
    if n is None:
        raise Uncounted("the sorted axis has an unknown length (None)")
    return max(1, math.ceil(math.log2(max(n, 1))))


@op_rule("unary")
def unary_op(op: Op) -> Cost:
    """One op per output element; activation ops count as activations (softmax 3)."""
    kind = CATALOG[op.type]
    if kind.module.endswith(("nn", "activations")):
        per = ACTIVATION_FLOPS.get(to_snake_case(kind.keras_class), ACTIVATION_FLOPS_DEFAULT)
        if kind.keras_class == "Normalize":
            return Cost(norm=UNIT_NORM_FLOPS * elements(op.inputs[0]))
        return Cost(activation=per_output(op, per))
    return Cost(other=per_output(op))


@op_rule("glu")
def glu_op(op: Op) -> Cost:
    """A sigmoid and a multiply per output element."""
    return Cost(activation=per_output(op, 2 * ACTIVATION_FLOPS_DEFAULT))


@op_rule("clip")
def clip_op(op: Op) -> Cost:
    return Cost(other=per_output(op, CLIP_FLOPS))


@op_rule("elementwise")
def elementwise_op(op: Op) -> Cost:
    """One op per output element (a comparison against a constant too: ``not_equal(x, 0)``)."""
    return Cost(other=per_output(op))


@op_rule("read_once")
def read_once(op: Op) -> Cost:
    """One op per element of the (first) input."""
    return Cost(other=REDUCE_FLOPS_PER_INPUT * elements(tensors_of(op)[0].shape))


@op_rule("count")
def count_op(op: Op) -> Cost:
    """One increment per input element."""
    return Cost(other=REDUCE_FLOPS_PER_INPUT * elements(op.inputs[0]))


@op_rule("search")
def search_op(op: Op) -> Cost:
    """A binary search (log2 of the bins / sorted sequence) per value; unique sorts."""
    name = CATALOG[op.type].keras_class
    if name == "Unique":
        x = op.inputs[0]
        return Cost(other=elements(x) * log2_steps(math.prod(d for d in x if d is not None)))
    first, second = (t.shape for t in tensors_of(op)[:2])  # bins may be a constant
    values, table = (first, second) if name == "Digitize" else (second, first)
    return Cost(other=elements(values) * log2_steps(table[-1] if table else 1))


@op_rule("reduction")
def reduction_op(op: Op) -> Cost:
    """Each input element read once; std/var do the statistics (4 per element), logsumexp an
    exp as well (3), norm a square and an add (2), a weighted average a multiply (2)."""
    name = CATALOG[op.type].keras_class
    per = {"Std": NORM_STATS_FLOPS, "Var": NORM_STATS_FLOPS, "Nanstd": NORM_STATS_FLOPS,
           "Nanvar": NORM_STATS_FLOPS, "Logsumexp": ACTIVATION_FLOPS["softmax"], "Norm": 2,
           "Average": 2 if len(tensors_of(op)) > 1 else 1}.get(name, REDUCE_FLOPS_PER_INPUT)  # fmt: skip
    return Cost(other=per * elements(tensors_of(op)[0].shape))


@op_rule("moments")
def moments_op(op: Op) -> Cost:
    return Cost(norm=NORM_STATS_FLOPS * elements(op.inputs[0]))


@op_rule("norm")
def norm_op(op: Op) -> Cost:
    return Cost(other=2 * elements(op.inputs[0]))


@op_rule("scan_or_sort")
def scan_or_sort(op: Op) -> Cost:
    """cumsum/cumprod: 1 per element; a sort: log2(axis length) comparisons per element."""
    kind = CATALOG[op.type]
    x = op.inputs[0]
    name = kind.keras_class
    if name in ("Cumsum", "Cumprod", "Nancumsum", "Nancumprod", "Argpartition"):
        return Cost(other=elements(x))
    axis = op.cfg.get("axis", -1)
    if name == "TopK" or axis is None or isinstance(axis, list | tuple):
        n = math.prod(d for d in x if d is not None) if axis is None else x[-1]
        return Cost(other=elements(x) * log2_steps(n))
    return Cost(other=elements(x) * log2_steps(x[axis]))


@op_rule("product")
def product_op(op: Op) -> Cost:
    """MACs: output elements x the contracted length (from the first operand)."""
    args, _ = bound(op)
    x1 = args[0]
    if not isinstance(x1, T) or not x1.shape:
        return Cost(other=per_output(op))
    name = CATALOG[op.type].keras_class
    if name == "Vdot":
        return Cost(macs=elements(x1.shape))
    if name == "Tensordot":
        axes = op.cfg["axes"]
        dims = (
            x1.shape[-axes:] if isinstance(axes, int) else [x1.shape[a] for a in _listed(axes[0])]
        )
        k = contracted(dims) if not isinstance(axes, int) or axes > 0 else 1
    else:
        k = contracted([x1.shape[-1]])
    return Cost(macs=per_output(op, k))


def _listed(v: Any) -> list[Any]:
    return list(v) if isinstance(v, list | tuple) else [v]


def contracted(dims: Any) -> int:
    if any(d is None for d in dims):
        raise Uncounted("the contracted length is unknown (None)")
    return math.prod(dims)


@op_rule("einsum")
def einsum_op(op: Op) -> Cost:
    """Several operands: output elements x the product of the contracted letters' sizes;
    one operand (a sum or a permutation): one op per input element."""
    args, _ = bound(op)
    spec = op.cfg["subscripts"].replace(" ", "")
    inputs, _, output = spec.partition("->")
    names = inputs.split(",")
    if len(args) < 2:
        return Cost(other=elements(tensors_of(op)[0].shape))
    sizes: dict[str, int | None] = {}
    for term, x in zip(names, args, strict=False):
        head, _, tail = term.partition("...")
        shape = x.shape if isinstance(x, T) else ()
        for letter, d in [
            *zip(head, shape, strict=False),
            *zip(reversed(tail), reversed(shape), strict=False),
        ]:
            if sizes.get(letter) is None:
                sizes[letter] = d
    letters = [c for c in inputs if c.isalpha()]
    out = output if "->" in spec else {c for c in letters if letters.count(c) == 1}
    summed = [c for c in sizes if c not in out]
    return Cost(macs=per_output(op, contracted([sizes[c] for c in summed])))


@op_rule("cross")
def cross_op(op: Op) -> Cost:
    """Two multiplies and a subtract per output element."""
    return Cost(other=per_output(op, 3))
