"""The parts every keras_hub block is made of, built once for all families.

A block is attention projections, norms and a feed-forward network; the
families differ in names, weight layouts and biases, not in arithmetic. So
there is one attention-projection builder (:func:`projections`, for the two
kernel layouts keras_hub uses and its three output projections) and one
feed-forward builder (:func:`feedforward`), both making their Dense and
EinsumDense sublayers through the catalog's own kinds, so quantized
policies and LoRA give exactly the variables Keras makes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from archcalc.catalog.base import CATALOG, Config, WeightSpec
from archcalc.catalog.dtypes import variable_dtype
from archcalc.catalog.einsum import analyze
from archcalc.catalog.hub_base import Op, Sublayer, policy
from archcalc.shapes import Shape, numel

DROPOUT = "Dropout"
SOFTMAX = "Softmax"


def _weights(type_name: str, args: dict[str, Any], shape: Shape) -> tuple[WeightSpec, ...]:
    """A catalog kind's weights for these arguments, every dtype written out."""
    kind = CATALOG[type_name]
    cfg, errors = kind.normalize(args)
    if errors:
        raise errors[0]
    dtype = variable_dtype(cfg.get("dtype"))
    return tuple(
        w if w.dtype else WeightSpec(w.name, w.shape, w.trainable, dtype)
        for w in kind.weights(cfg, [shape])
    )


def dense(
    cfg: Config,
    path: str,
    x: Shape,
    units: int,
    *,
    bias: bool = True,
    activation: str | None = None,
    name: str | None = None,
) -> Sublayer:
    """A Dense sublayer on the last axis of ``x``; its dtype from the block's policy at ``path``."""
    args = {"units": units, "use_bias": bias, "dtype": policy(cfg, path)}
    ops: list[Op] = [("linear", x[-1] * units)]  # type: ignore[operator]
    if bias:
        ops.append(("bias", units))
    if activation:
        ops.append((f"activation:{activation}", units))
    return Sublayer(
        name or path.rsplit("/", 1)[-1],
        "Dense",
        (*x[:-1], units),
        weights=_weights("Dense", args, x),
        ops=tuple(ops),
    )


def einsum(
    cfg: Config,
    path: str,
    x: Shape,
    equation: str,
    output_shape: tuple[int | None, ...],
    bias_axes: str | None = None,
) -> Sublayer:
    """An EinsumDense sublayer; its work per token is its kernel's size (a token-wise projection)."""
    args = {
        "equation": equation,
        "output_shape": list(output_shape),
        "bias_axes": bias_axes,
        "dtype": policy(cfg, path),
    }
    kind = CATALOG["EinsumDense"]
    ecfg, errors = kind.normalize(args)
    if errors:
        raise errors[0]
    found = analyze(ecfg, x)
    ops: list[Op] = [("linear", numel(d or 0 for d in found.kernel))]
    if found.bias is not None:
        ops.append(("bias", numel(d or 0 for d in found.bias)))
    # Keras's symbolic shape keeps output_shape's None; a call's tensor has the tokens' size
    out = tuple(x[i] if d is None and i < len(x) - 1 else d for i, d in enumerate(found.output))
    return Sublayer(
        path.rsplit("/", 1)[-1],
        "EinsumDense",
        out,
        weights=_weights("EinsumDense", args, x),
        ops=tuple(ops),
    )


def norm(cfg: Config, path: str, type_name: str, x: Shape, style: str = "rms") -> Sublayer:
    """A normalisation over the last axis: ``rms`` (one ``scale``), ``layer`` (Keras's
    LayerNormalization: ``gamma``, ``beta``) or ``t5`` (one ``weight``)."""
    dim = x[-1]
    assert dim is not None
    dtype = variable_dtype(policy(cfg, path))
    if style == "layer":
        weights = (
            WeightSpec("gamma", (dim,), True, dtype),
            WeightSpec("beta", (dim,), True, dtype),
        )
    else:
        weights = (WeightSpec("weight" if style == "t5" else "scale", (dim,), True, dtype),)
    op = "layer_norm" if style == "layer" else "rms_norm"
    return Sublayer(path.rsplit("/", 1)[-1], type_name, x, weights=weights, ops=((op, dim),))


def rotary(name: str, type_name: str, heads: Shape, kv_heads: int, rotated: int) -> Sublayer:
    """A rotary embedding called on the queries and on the keys (two calls; ``heads`` is the
    queries' shape): ``rotated`` features per head of both rotate, per token."""
    q_heads = heads[-2] or 0
    ops = (("rotary", (q_heads + kv_heads) * rotated),)
    return Sublayer(name, type_name, heads, ops=ops, calls=2, token_calls=1)


def zero(
    name: str, type_name: str, shape: Shape | tuple[Shape, ...] | None, calls: int = 1
) -> Sublayer:
    """A sublayer without weights (dropout, softmax, rotary embedding...)."""
    return Sublayer(name, type_name, shape, calls=calls)


# --- Attention projections ---------------------------------------------------------------------


@dataclass(frozen=True)
class Projections:
    """How a family lays out its attention projections.

    ``layout``: ``hnd`` puts the kernel as ``(hidden, heads, head_dim)`` (Llama, Keras's
    MultiHeadAttention, Falcon...), ``nhd`` as ``(heads, hidden, head_dim)`` (Gemma).
    ``output``: ``einsum`` is ``(heads, head_dim, hidden)``, ``einsum2d`` an EinsumDense
    ``(hidden, hidden)`` (DeBERTa, GPT-NeoX), ``dense`` a Dense (Falcon, Bloom).
    """

    layout: str = "hnd"
    names: tuple[str, str, str, str] = ("query", "key", "value", "attention_output")
    qkv_bias: bool = False
    output_bias: bool = False
    output: str = "einsum"
    #: Keras's MultiHeadAttention spells its equations with a..e
    mha: bool = False


def projections(
    p: Projections, cfg: Config, prefix: str, x: Shape, heads: int, kv_heads: int, head_dim: int
) -> dict[str, Sublayer]:
    """Query, key, value and output projections by their role (``query``...)."""
    hidden = x[-1]
    assert hidden is not None
    qn, kn, vn, on = p.names

    def qkv(name: str, n: int) -> Sublayer:
        bias = ("de" if p.mha else "uh") if p.qkv_bias else None
        if p.layout == "nhd":
            return einsum(cfg, f"{prefix}{name}", x, "btd,ndh->btnh", (None, n, head_dim), bias)
        eq = "abc,cde->abde" if p.mha else "bqm,muh->bquh"
        return einsum(cfg, f"{prefix}{name}", x, eq, (None, n, head_dim), bias)

    parts = {"query": qkv(qn, heads), "key": qkv(kn, kv_heads), "value": qkv(vn, kv_heads)}
    context = (*x[:-1], heads, head_dim)
    width = heads * head_dim
    if p.output == "einsum":
        eq = "abcd,cde->abe" if p.mha else "bquh,uhm->bqm"
        bias = ("e" if p.mha else "m") if p.output_bias else None
        parts["output"] = einsum(cfg, f"{prefix}{on}", context, eq, (None, hidden), bias)
    elif p.output == "einsum2d":
        flat = (*x[:-1], width)
        bias = "d" if p.output_bias else None
        parts["output"] = einsum(cfg, f"{prefix}{on}", flat, "abc,cd->abd", (None, hidden), bias)
    else:
        parts["output"] = dense(cfg, f"{prefix}{on}", (*x[:-1], width), hidden, bias=p.output_bias)
    return {role: replace(part, role=role) for role, part in parts.items()}


# --- Feed-forward ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedForward:
    """A family's feed-forward network: ``names`` are (up, gate or None, down) as keras_hub
    names them; ``gated``: activation(gate(x)) * up(x) (SwiGLU, GeGLU); ``einsum``: Gemma's
    EinsumDense kernels instead of Dense."""

    names: tuple[str, str | None, str] = (
        "feedforward_intermediate_dense",
        "feedforward_gate_dense",
        "feedforward_output_dense",
    )
    bias: bool = False
    activation: str = "silu"
    einsum: bool = False


def feedforward(
    f: FeedForward, cfg: Config, prefix: str, x: Shape, inner: int
) -> dict[str, Sublayer]:
    """The up, gate (if any) and down projections by role; the activation and the gating
    multiply are counted on the layer that feeds them."""
    up_name, gate_name, down_name = f.names
    hidden = x[-1]
    assert hidden is not None
    mid = (*x[:-1], inner)

    def proj(name: str, shape: Shape, units: int, act: str | None) -> Sublayer:
        if f.einsum:
            part = einsum(cfg, f"{prefix}{name}", shape, "btd,df->btf", (None, units))
            if act:
                return _with_ops(part, (f"activation:{act}", units))
            return part
        return dense(cfg, f"{prefix}{name}", shape, units, bias=f.bias, activation=act)

    parts: dict[str, Sublayer] = {}
    if gate_name is None:
        parts["up"] = proj(up_name, x, inner, f.activation)
    else:
        parts["up"] = _with_ops(proj(up_name, x, inner, None), ("multiply", inner))
        parts["gate"] = proj(gate_name, x, inner, f.activation)
    parts["down"] = proj(down_name, mid, hidden, None)
    return {role: replace(part, role=role) for role, part in parts.items()}


def _with_ops(part: Sublayer, *ops: Op) -> Sublayer:
    return replace(part, ops=part.ops + ops)
