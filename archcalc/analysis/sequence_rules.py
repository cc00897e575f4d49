"""Cost rules of recurrent and wrapper layers (keyed by Keras class name).

Recurrent layers count their gates' matmuls over ``[x_t, h_t-1]`` once per
step, plus bias, gate activations and the cell update. Wrappers
(Bidirectional, TimeDistributed) apply the wrapped layer's own rule.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from archcalc.analysis.cost import (
    AVERAGE_DIVIDE_FLOPS,
    GRU_CELL_FLOPS,
    LSTM_CELL_FLOPS,
    MERGE_FLOPS_PER_EXTRA_INPUT,
    Cost,
    Op,
    Uncounted,
    activation_flops,
    bias_adds,
    cost_rule,
    dims,
    elements,
    find_rule,
)
from archcalc.analysis.rules import channels_first, window
from archcalc.catalog import CATALOG
from archcalc.shapes import Shape, conv_output_length

# --- Recurrent layers ---------------------------------------------------------------------


def _steps_features(op: Op) -> tuple[int, int]:
    d = dims(op.inputs[0])
    if len(d) < 2:
        raise Uncounted(f"{op.type} expects (batch, timesteps, features) inputs")
    return d[0], math.prod(d[1:])


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
    return Cost(macs=u * (f + u), bias=bias_adds(op.cfg, u), activation=act).scaled(t)


@cost_rule("LSTM")
def lstm(op: Op) -> Cost:
    """Per step: four gates of u units over [x, h]; 3 recurrent_activation + 2 activation."""
    t, f = _steps_features(op)
    u = op.cfg["units"]
    step = Cost(
        macs=4 * u * (f + u),
        bias=bias_adds(op.cfg, 4 * u),
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
        bias=bias_adds(op.cfg, biases),
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
        bias=bias_adds(cfg, 4 * f * p),
        activation=_gates(cfg, f * p, 3, 2),
        other=LSTM_CELL_FLOPS * f * p,
    )
    return step.scaled(t)


# --- The generic RNN and its cells ---------------------------------------------------------


@cost_rule("SimpleRNNCell", "LSTMCell", "GRUCell")
def recurrent_cell(op: Op) -> Cost:
    """One step: the rule of the cell's layer (SimpleRNN, LSTM, GRU) on one timestep."""
    x = op.inputs[0]
    layer = CATALOG[op.type].layer.name
    return inner_cost(layer, op.cfg, ((x[0], 1, *x[1:]),), ())


@cost_rule("StackedRNNCells")
def stacked_cells(op: Op) -> Cost:
    """Each cell's step in turn, cell i on cell i-1's output."""
    x, cost = op.inputs[0], Cost()
    for cell in op.cfg["cells"]:
        kind, cfg = wrapped(cell)
        cost = cost + inner_cost(kind, cfg, (x,), ())
        x = (x[0], CATALOG[kind].output_size(dict(cfg)))
    return cost


@cost_rule("RNN")
def rnn(op: Op) -> Cost:
    """The cell's step once per timestep."""
    t, f = _steps_features(op)
    kind, cfg = wrapped(op.cfg["cell"])
    return inner_cost(kind, cfg, ((op.inputs[0][0], f),), ()).scaled(t)


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


def inner_cost(
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
    cost = inner_cost(fwd_type, fwd_cfg, op.inputs, (half,))
    cost = cost + inner_cost(bwd_type, bwd_cfg, op.inputs, (half,))
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
    cost = inner_cost(kind, cfg, ((inp[0], *inp[2:]),), ((out[0], *out[2:]),))
    return cost.scaled(t)
