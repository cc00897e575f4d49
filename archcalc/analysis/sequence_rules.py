"""Cost rules of recurrent, attention and wrapper layers (keyed by Keras class name).

Recurrent layers count their gates' matmuls over ``[x_t, h_t-1]`` once per
step, plus bias, gate activations and the cell update; attention counts
the projections, the score and context products, the softmax and the
scaling. Wrappers (Bidirectional, TimeDistributed) apply the wrapped
layer's own rule.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from archcalc.analysis.flops import (
    ACTIVATION_FLOPS,
    AVERAGE_DIVIDE_FLOPS,
    BIAS_FLOPS_PER_OUTPUT,
    GRU_CELL_FLOPS,
    LSTM_CELL_FLOPS,
    MERGE_FLOPS_PER_EXTRA_INPUT,
    SCALE_FLOPS,
    Cost,
    Op,
    Uncounted,
    activation_flops,
    cost_rule,
    dims,
    elements,
    find_rule,
)
from archcalc.analysis.rules import channels_first, window
from archcalc.shapes import Shape, conv_output_length

# --- Recurrent layers ---------------------------------------------------------------------


def _steps_features(op: Op) -> tuple[int, int]:
    d = dims(op.inputs[0])
    if len(d) < 2:
        raise Uncounted(f"{op.type} expects (batch, timesteps, features) inputs")
    return d[0], math.prod(d[1:])


def _bias(cfg: Mapping[str, Any], n: int) -> int:
    return BIAS_FLOPS_PER_OUTPUT * n if cfg.get("use_bias", True) else 0


def _gates(cfg: Mapping[str, Any], n: int, gated: int, plain: int) -> int:
    """Activation FLOPs of ``gated`` recurrent_activation and ``plain`` activation vectors of n."""
    rec = activation_flops(cfg.get("recurrent_activation", "sigmoid"), n) * gated
    return rec + activation_flops(cfg.get("activation", "tanh"), n) * plain


@cost_rule("SimpleRNN")
def simple_rnn(op: Op) -> Cost:
    """Per step: h = act(x W + h U + b)."""
    t, f = _steps_features(op)
    u = op.cfg["units"]
    act = activation_flops(op.cfg.get("activation", "tanh"), u)
    return Cost(macs=u * (f + u), bias=_bias(op.cfg, u), activation=act).scaled(t)


@cost_rule("LSTM")
def lstm(op: Op) -> Cost:
    """Per step: four gates of u units over [x, h]; 3 recurrent_activation + 2 activation."""
    t, f = _steps_features(op)
    u = op.cfg["units"]
    step = Cost(
        macs=4 * u * (f + u),
        bias=_bias(op.cfg, 4 * u),
        activation=_gates(op.cfg, u, 3, 2),
        other=LSTM_CELL_FLOPS * u,
    )
    return step.scaled(t)


@cost_rule("GRU")
def gru(op: Op) -> Cost:
    """Per step: three gates over [x, h]; reset_after keeps an input and a recurrent bias."""
    t, f = _steps_features(op)
    u = op.cfg["units"]
    biases = 6 * u if op.cfg.get("reset_after", True) else 3 * u
    step = Cost(
        macs=3 * u * (f + u),
        bias=_bias(op.cfg, biases),
        activation=_gates(op.cfg, u, 2, 1),
        other=GRU_CELL_FLOPS * u,
    )
    return step.scaled(t)


@cost_rule("ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D")
def conv_lstm(op: Op) -> Cost:
    """Per step: an input conv (C_in -> 4 filters) and a recurrent 'same' conv (filters -> 4
    filters) at every output position, then the LSTM cell per position and filter."""
    cfg = op.cfg
    rank = int(op.type[len("ConvLSTM")])
    d = dims(op.inputs[0])
    t, rest = d[0], d[1:]
    c_in, sp = (rest[0], rest[1:]) if channels_first(cfg) else (rest[-1], rest[:-1])
    k, s = window(cfg["kernel_size"], rank), window(cfg.get("strides", 1), rank)
    dil = window(cfg.get("dilation_rate", 1), rank)
    pad = cfg.get("padding", "valid")
    out = [conv_output_length(n, k[i], s[i], pad, dil[i]) for i, n in enumerate(sp)]
    p, f = math.prod(o or 0 for o in out), cfg["filters"]
    step = Cost(
        macs=p * math.prod(k) * 4 * f * (c_in + f),
        bias=_bias(cfg, 4 * f * p),
        activation=_gates(cfg, f * p, 3, 2),
        other=LSTM_CELL_FLOPS * f * p,
    )
    return step.scaled(t)


# --- Wrappers ----------------------------------------------------------------------------


def wrapped(value: Any) -> tuple[str, Mapping[str, Any]]:
    """The wrapped layer's Keras type and config, however the spec or Keras file wrote it."""
    if isinstance(value, Mapping):
        if "class_name" in value:
            return str(value["class_name"]), value.get("config") or {}
        if "type" in value:
            return str(value["type"]), {k: v for k, v in value.items() if k != "type"}
    if isinstance(value, (tuple, list)) and len(value) == 2 and isinstance(value[0], str):
        return value[0], value[1]
    kind, cfg = getattr(value, "type", None), getattr(value, "config", None)
    if isinstance(kind, str) and isinstance(cfg, Mapping):
        return kind, cfg
    raise Uncounted("cannot read the wrapped layer's configuration")


def _inner_cost(
    kind: str, cfg: Mapping[str, Any], inputs: tuple[Shape, ...], outputs: tuple[Shape, ...]
) -> Cost:
    rule = find_rule(kind)
    if rule is None:
        raise Uncounted(f"archcalc has no cost rule for the wrapped {kind}")
    return rule(Op(kind, cfg, inputs, outputs))


@cost_rule("Bidirectional")
def bidirectional(op: Op) -> Cost:
    """Forward and backward layers on the same input, then the merge (concat: a copy)."""
    cfg, out = op.cfg, op.outputs[0]
    fwd_type, fwd_cfg = wrapped(cfg["layer"])
    back = cfg.get("backward_layer")
    bwd_type, bwd_cfg = wrapped(back) if back else (fwd_type, fwd_cfg)
    mode = cfg.get("merge_mode", "concat")
    half = (*out[:-1], None if out[-1] is None else out[-1] // 2) if mode == "concat" else out
    cost = _inner_cost(fwd_type, fwd_cfg, op.inputs, (half,))
    cost = cost + _inner_cost(bwd_type, bwd_cfg, op.inputs, (half,))
    if mode in ("sum", "mul"):
        cost = cost + Cost(merge=MERGE_FLOPS_PER_EXTRA_INPUT * elements(out))
    elif mode == "ave":
        per = MERGE_FLOPS_PER_EXTRA_INPUT + AVERAGE_DIVIDE_FLOPS
        cost = cost + Cost(merge=per * elements(out))
    return cost


@cost_rule("TimeDistributed")
def time_distributed(op: Op) -> Cost:
    """The wrapped layer once per step of axis 1."""
    kind, cfg = wrapped(op.cfg["layer"])
    inp, out = op.inputs[0], op.outputs[0]
    t = dims(inp)[0]
    cost = _inner_cost(kind, cfg, ((inp[0], *inp[2:]),), ((out[0], *out[2:]),))
    return cost.scaled(t)


# --- Attention ---------------------------------------------------------------------------


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
        bias=_bias(op.cfg, width),
        activation=activation_flops("sigmoid", width),
        other=width,
    )


@cost_rule("MultiHeadAttention")
def multi_head_attention(op: Op) -> Cost:
    """Q/K/V projections, scores (QK^T) and context (AV) per head, output projection."""
    cfg = op.cfg
    q, v, k = _qvk(op)
    heads, kd = cfg["num_heads"], cfg["key_dim"]
    vd = cfg.get("value_dim") or kd
    tq, tv, tk = math.prod(q[:-1]), math.prod(v[:-1]), math.prod(k[:-1])
    out_features = elements(op.outputs[0]) // tq
    axes = cfg.get("attention_axes")
    if axes is None:
        ak = tk
    else:  # attend over some axes; the others act as batch axes
        rank = len(q) + 2  # the projected query: (batch, axes..., heads, key_dim)
        listed = {a % rank for a in ([axes] if isinstance(axes, int) else axes)}
        ak = math.prod(k[a - 1] for a in listed if 1 <= a <= len(k) - 1)
    pairs = heads * tq * ak  # score entries: each query position meets ak key positions
    proj = tq * q[-1] * heads * kd + tk * k[-1] * heads * kd + tv * v[-1] * heads * vd
    proj += tq * heads * vd * out_features
    bias = _bias(cfg, tq * heads * kd + tk * heads * kd + tv * heads * vd + tq * out_features)
    cost = Cost(
        macs=proj + pairs * kd + pairs * vd,
        bias=bias,
        activation=_softmax(pairs),
        other=SCALE_FLOPS * tq * heads * kd,
    )
    return cost + _gate(op, q[-1], tq * heads * vd)


@cost_rule("GroupQueryAttention", "GroupedQueryAttention")
def grouped_query_attention(op: Op) -> Cost:
    """MultiHeadAttention with fewer key/value heads, repeated (copied) to the query heads."""
    cfg = op.cfg
    q, v, k = _qvk(op)
    hq, hkv, hd = cfg["num_query_heads"], cfg["num_key_value_heads"], cfg["head_dim"]
    tq, tv, tk = math.prod(q[:-1]), math.prod(v[:-1]), math.prod(k[:-1])
    pairs = hq * tq * tk
    proj = tq * q[-1] * hq * hd + tk * k[-1] * hkv * hd + tv * v[-1] * hkv * hd
    proj += tq * hq * hd * q[-1]
    cost = Cost(
        macs=proj + pairs * hd + hq * tq * tv * hd,
        bias=_bias(cfg, tq * hq * hd + tk * hkv * hd + tv * hkv * hd + tq * q[-1]),
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
