"""Cost rules of the attention layers (keyed by Keras class name), and their internal tensors.

Attention counts the Q/K/V projections, the score (QK^T) and context (AV)
products, the softmax and the scaling. Its intermediate tensors (the score
and probability matrices above all) are no layer's output, so
:data:`WORKSPACE` tells the memory analysis how large they are.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from archcalc.analysis.cost import (
    ACTIVATION_FLOPS,
    SCALE_FLOPS,
    Cost,
    Op,
    activation_flops,
    bias_adds,
    cost_rule,
    dims,
    elements,
    find_rule,
)


def _qvk(op: Op) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    """Query, value and key dimensions (key defaults to value, value to query)."""
    q = dims(op.inputs[0])
    v = dims(op.inputs[1]) if len(op.inputs) > 1 else q
    k = dims(op.inputs[2]) if len(op.inputs) > 2 else v
    return q, v, k


def _softmax(n: int) -> int:
    return ACTIVATION_FLOPS["softmax"] * n


def _gate(op: Op, d_in: int, width: int) -> Cost:
    """``use_gate``: a sigmoid projection (d_in features -> width) of the query, multiplied
    into the attention output."""
    if not op.cfg.get("use_gate", False):
        return Cost()
    return Cost(
        macs=d_in * width,
        bias=bias_adds(op.cfg, width),
        activation=activation_flops("sigmoid", width),
        other=width,
    )


@dataclass(frozen=True)
class _Heads:
    """MultiHeadAttention's sizes for one call: positions, heads, head widths."""

    tq: int  # query positions (all axes but batch and features)
    tk: int
    tv: int
    heads: int
    kd: int  # key_dim
    vd: int  # value_dim
    pairs: int  # score entries: heads x query positions x attended key positions


def _heads(op: Op) -> _Heads:
    cfg = op.cfg
    q, v, k = _qvk(op)
    heads, kd = cfg["num_heads"], cfg["key_dim"]
    tq, tv, tk = math.prod(q[:-1]), math.prod(v[:-1]), math.prod(k[:-1])
    axes = cfg.get("attention_axes")
    if axes is None:
        ak = tk
    else:  # attend over some axes; the others act as batch axes
        rank = len(q) + 2  # the projected query: (batch, axes..., heads, key_dim)
        listed = {a % rank for a in ([axes] if isinstance(axes, int) else axes)}
        ak = math.prod(k[a - 1] for a in listed if 1 <= a <= len(k) - 1)
    return _Heads(tq, tk, tv, heads, kd, cfg.get("value_dim") or kd, heads * tq * ak)


@cost_rule("MultiHeadAttention")
def multi_head_attention(op: Op) -> Cost:
    """Q/K/V projections, scores (QK^T) and context (AV) per head, output projection."""
    cfg = op.cfg
    q, v, k = _qvk(op)
    m = _heads(op)
    tq, tv, tk, heads, kd, vd, pairs = m.tq, m.tv, m.tk, m.heads, m.kd, m.vd, m.pairs
    out_features = elements(op.outputs[0]) // tq
    proj = tq * q[-1] * heads * kd + tk * k[-1] * heads * kd + tv * v[-1] * heads * vd
    proj += tq * heads * vd * out_features
    bias = bias_adds(cfg, tq * heads * kd + tk * heads * kd + tv * heads * vd + tq * out_features)
    cost = Cost(
        macs=proj + pairs * kd + pairs * vd,
        bias=bias,
        activation=_softmax(pairs),
        other=SCALE_FLOPS * tq * heads * kd,
    )
    return cost + _gate(op, q[-1], tq * heads * vd)


def _grouped(op: Op) -> tuple[int, int, int, int, int, int]:
    """GroupQueryAttention's (T_q, T_k, T_v, query heads, key/value heads, head_dim)."""
    cfg = op.cfg
    q, v, k = _qvk(op)
    tq, tv, tk = math.prod(q[:-1]), math.prod(v[:-1]), math.prod(k[:-1])
    return tq, tk, tv, cfg["num_query_heads"], cfg["num_key_value_heads"], cfg["head_dim"]


@cost_rule("GroupQueryAttention", "GroupedQueryAttention")
def grouped_query_attention(op: Op) -> Cost:
    """MultiHeadAttention with fewer key/value heads, repeated (copied) to the query heads."""
    cfg = op.cfg
    q, v, k = _qvk(op)
    tq, tk, tv, hq, hkv, hd = _grouped(op)
    pairs = hq * tq * tk
    proj = tq * q[-1] * hq * hd + tk * k[-1] * hkv * hd + tv * v[-1] * hkv * hd
    proj += tq * hq * hd * q[-1]
    cost = Cost(
        macs=proj + pairs * hd + hq * tq * tv * hd,
        bias=bias_adds(cfg, tq * hq * hd + tk * hkv * hd + tv * hkv * hd + tq * q[-1]),
        activation=_softmax(pairs),
        other=SCALE_FLOPS * tq * hq * hd,
    )
    return cost + _gate(op, q[-1], tq * hq * hd)


@cost_rule("Attention")
def dot_attention(op: Op) -> Cost:
    """Luong attention: scores q.k (score_mode dot) or sum(tanh(q + k)) (concat), softmax, A.v."""
    q, v, k = _qvk(op)
    tq, tv, d = q[0], v[0], q[-1]
    pairs = tq * tv
    scale = op.cfg.get("use_scale", False)
    context = pairs * v[-1]
    if op.cfg.get("score_mode", "dot") == "concat":
        n = pairs * d  # q + k, (scale), tanh, sum over d, times the concat weight
        other = 2 * n + (SCALE_FLOPS * n if scale else 0) + SCALE_FLOPS * pairs
        return Cost(
            macs=context, activation=activation_flops("tanh", n) + _softmax(pairs), other=other
        )
    return Cost(
        macs=pairs * k[-1] + context,
        activation=_softmax(pairs),
        other=SCALE_FLOPS * pairs if scale else 0,
    )


@cost_rule("AdditiveAttention")
def additive_attention(op: Op) -> Cost:
    """Bahdanau attention: scores sum(scale * tanh(q + k)), softmax, A.v."""
    q, v, _ = _qvk(op)
    pairs = q[0] * v[0]
    n = pairs * q[-1]
    scale = SCALE_FLOPS * n if op.cfg.get("use_scale", True) else 0
    return Cost(
        macs=pairs * v[-1],
        activation=activation_flops("tanh", n) + _softmax(pairs),
        other=2 * n + scale,
    )


# --- Internal tensors (for memory) ---------------------------------------------------------
#: type -> elements of one sample's intermediate tensors inside one call (projections, score
#: and probability matrices, context): live while the call runs, kept for the backward pass.
WORKSPACE: dict[str, Callable[[Op], int]] = {}


def workspace_of(type_name: str) -> Callable[[Op], int] | None:
    """How to size a type's internal tensors, if it has any: its rule module (loaded by name
    on first use, analysis/_rules_index.py) registers that with its cost rule."""
    find_rule(type_name)
    return WORKSPACE.get(type_name)


def workspace(*names: str) -> Callable[[Callable[[Op], int]], Callable[[Op], int]]:
    def wrap(fn: Callable[[Op], int]) -> Callable[[Op], int]:
        for name in names:
            WORKSPACE[name] = fn
        return fn

    return wrap


@workspace("MultiHeadAttention")
def mha_workspace(op: Op) -> int:
    m = _heads(op)
    gate = m.tq * m.heads * m.vd if op.cfg.get("use_gate", False) else 0
    projections = m.tq * m.heads * m.kd + m.tk * m.heads * m.kd + m.tv * m.heads * m.vd
    return projections + 2 * m.pairs + m.tq * m.heads * m.vd + gate  # + scores, probs, context


@workspace("GroupQueryAttention", "GroupedQueryAttention")
def gqa_workspace(op: Op) -> int:
    tq, tk, tv, hq, hkv, hd = _grouped(op)
    kv = (tk + tv) * hkv * hd + (tk + tv) * hq * hd  # projected, then repeated to hq heads
    return tq * hq * hd + kv + 2 * hq * tq * tk + tq * hq * hd


@workspace("Attention", "AdditiveAttention")
def dot_workspace(op: Op) -> int:
    q, v, _ = _qvk(op)
    pairs = q[0] * v[0]
    additive = op.type == "AdditiveAttention" or op.cfg.get("score_mode") == "concat"
    return 2 * pairs + (pairs * q[-1] if additive else 0)  # scores, weights, (q + k)
