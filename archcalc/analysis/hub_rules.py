"""Cost rules of keras_hub's layers, from what each says it is made of.

A keras_hub kind describes its sublayers with their work per token (op
class -> count: ``linear`` MACs, ``bias``, ``rms_norm``, ``softmax``,
``activation:gelu``, ``add``, ``rotary``...) and its attention layers with
their geometry (heads, key/value heads, head sizes, window). One rule turns
that into a :class:`Cost` for any number of queries and keys, so the summary
column, the per-token figures and training all count the same work:

- per-token work x the tokens of the call;
- attention: ``heads x queries x keys x head_dim`` MACs for the scores
  (QK^T) and as many with ``value_dim`` for the context (AV), a softmax
  per score, the query scaling, soft caps; DeBERTa's relative positions add
  two score products over ``2 x bucket_size`` positions.

``keys`` is every key of the score matrix (``ATTENTION_PAIRS``): keras_hub
computes all of them and masks afterwards.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from archcalc.analysis.attention import workspace
from archcalc.analysis.cost import (
    ACTIVATION_FLOPS,
    ACTIVATION_FLOPS_DEFAULT,
    MERGE_FLOPS_PER_EXTRA_INPUT,
    NORM_AFFINE_FLOPS,
    NORM_STATS_FLOPS,
    RMS_NORM_FLOPS,
    ROTARY_FLOPS,
    SCALE_FLOPS,
    SOFT_CAP_FLOPS,
    Cost,
    Family,
    Op,
    Uncounted,
    cost_rule,
    fft_flops,
)
from archcalc.catalog import CATALOG
from archcalc.catalog._index import KINDS
from archcalc.catalog.hub_base import Attention, HubLayer, Sublayer
from archcalc.shapes import Shape


def _per_op(op: str, n: int) -> Cost:
    """One op class's count as FLOPs of the convention's categories."""
    if op == "linear":
        return Cost(macs=n)
    if op == "bias":
        return Cost(bias=n)
    if op == "softmax":
        return Cost(activation=ACTIVATION_FLOPS["softmax"] * n)
    if op.startswith("activation:"):
        name = op.split(":", 1)[1]
        return Cost(activation=ACTIVATION_FLOPS.get(name, ACTIVATION_FLOPS_DEFAULT) * n)
    if op == "rms_norm":
        return Cost(norm=RMS_NORM_FLOPS * n)
    if op == "layer_norm":
        return Cost(norm=(NORM_STATS_FLOPS + NORM_AFFINE_FLOPS) * n)
    if op in ("add", "multiply"):
        return Cost(merge=MERGE_FLOPS_PER_EXTRA_INPUT * n)
    if op == "rotary":
        return Cost(other=ROTARY_FLOPS * n)
    if op == "scale":
        return Cost(other=SCALE_FLOPS * n)
    raise ValueError(f"unknown op class {op!r}")


@dataclass(frozen=True)
class Work:
    """What one call of a keras_hub layer does, split as the memory and FLOP analyses need it."""

    per_token: dict[str, int]  # op class -> count per token (linear, bias, rms_norm...)
    attention: tuple[Attention, ...]  # every attention layer inside
    fourier: int  # FNet: elements mixed by a 2-D FFT per token
    activations_per_token: int  # elements of every inner output per token (kept for training)


def walk(parts: Iterable[Sublayer]) -> Iterator[Sublayer]:
    for part in parts:
        yield part
        yield from walk(part.children)


def work(kind: HubLayer, cfg: dict, inputs: list[Shape]) -> Work:
    """The work of one call of ``kind`` on ``inputs``, per token."""
    counts: dict[str, int] = {}
    fourier = 0
    for name, n in kind.own_ops(cfg, inputs):
        if name == "fourier":
            fourier += n
        else:
            counts[name] = counts.get(name, 0) + n
    parts = kind.described(cfg, inputs)
    attention = []
    outputs = 0
    for part in walk(parts):
        for name, n in part.ops:
            counts[name] = counts.get(name, 0) + n * part.work_calls
        if part.attention is not None:
            attention.append(part.attention)
        if not part.children and part.type not in ("Dropout",) and _per_token(part.output_shape):
            outputs += _per_token(part.output_shape) * part.work_calls  # type: ignore[operator]
    return Work(counts, tuple(attention), fourier, outputs)


def _per_token(shape: object) -> int:
    """Elements per token of a sublayer's output ``(batch, tokens, ...)``; 0 when not token-wise."""
    if not isinstance(shape, tuple) or len(shape) < 3 or isinstance(shape[0], tuple):
        return 0
    return math.prod(d for d in shape[2:] if isinstance(d, int))


def attention_cost(a: Attention, queries: int, keys: int, pairs: int | None = None) -> Cost:
    """Scores and context of one attention layer: ``queries`` x ``keys`` (query, key) pairs
    per head, or ``pairs`` of them when a mask decides (causal, windowed)."""
    n = queries * keys if pairs is None else pairs
    scored = a.query_heads * n
    macs = scored * (a.head_dim + a.value_dim)
    macs += 2 * a.query_heads * queries * a.relative_keys * a.head_dim
    other = SCALE_FLOPS * a.query_heads * queries * a.head_dim
    if a.soft_cap:
        other += SOFT_CAP_FLOPS * scored
    return Cost(macs=macs, activation=ACTIVATION_FLOPS["softmax"] * scored, other=other)


def cost_of(w: Work, tokens: int, attention: bool = True) -> Cost:
    """A call's cost: per-token work x ``tokens``, and (``attention``) every layer's scores
    and context over all ``tokens`` x ``tokens`` pairs."""
    total = Cost()
    for name, n in w.per_token.items():
        total = total + _per_op(name, n * tokens)
    if w.fourier:
        n = w.fourier * tokens
        total = total + Cost(other=fft_flops(n))
    if attention:
        for a in w.attention:
            total = total + attention_cost(a, tokens, tokens)
    return total


def _tokens(op: Op) -> int:
    kind = CATALOG[op.type]
    tokens = kind.tokens(op.cfg, list(op.inputs))
    if tokens is None:
        raise Uncounted(
            "its sequence length is unknown (None); give one with --seq-len to count it"
        )
    return tokens


@cost_rule(Family("hub_base.HubLayer"))
def hub_layer(op: Op) -> Cost:
    """Per-token work of the layer and its sublayers x tokens, plus its attention."""
    kind = CATALOG[op.type]
    tokens = _tokens(op)
    return cost_of(work(kind, dict(op.cfg), list(op.inputs)), tokens)


def workspace_parts(op: Op) -> tuple[int, int]:
    """Elements of a keras_hub layer's inner tensors: (every sublayer's output, the attention
    scores and probabilities, which flash attention does not hold)."""
    kind = CATALOG[op.type]
    tokens = _tokens(op)
    w = work(kind, dict(op.cfg), list(op.inputs))
    scores = sum(2 * a.query_heads * tokens * tokens for a in w.attention)
    return w.activations_per_token * tokens, scores


def _workspace(op: Op) -> int:
    """Elements of a keras_hub layer's inner tensors: live while it runs, kept for the
    backward pass."""
    return sum(workspace_parts(op))


workspace(*(name for name, (module, _) in KINDS.items() if module.startswith("hub_")))(_workspace)
