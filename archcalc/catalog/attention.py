"""Attention layers (keras/src/layers/attention): MultiHeadAttention, Attention, AdditiveAttention.

Every one is called on ``[query, value]`` or ``[query, value, key]`` (the
key defaults to the value); in a spec, ``inputs: [q, v]`` or ``[q, v, k]``.
Self-attention is ``inputs: [x, x]``. A call's ``return_attention_scores``
and masks are call arguments, which a spec does not express.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from archcalc.catalog.args import (
    BOOL,
    POS_INT,
    REQUIRED,
    Arg,
    ArgError,
    Choice,
    Custom,
    Float,
    Int,
    ListOf,
    Nullable,
)
from archcalc.catalog.base import Config, LayerKind, MaskOps, WeightSpec, known_dim, register
from archcalc.catalog.keras_objects import weight_args
from archcalc.shapes import Shape, ShapeError, format_shape


def _dims(value: Any) -> tuple[int, ...]:
    dims = (value,) if isinstance(value, int) else value
    if not isinstance(dims, (list, tuple)) or not dims:
        raise ValueError
    return tuple(POS_INT.check(d) for d in dims)


OUTPUT_SHAPE = Custom(
    _dims,
    "a positive integer or a list of positive integers",
    {"anyOf": [POS_INT.schema(), {"type": "array", "items": POS_INT.schema(), "minItems": 1}]},
)


def projection_weights(
    d_q: int,
    d_k: int,
    d_v: int,
    q_heads: int,
    kv_heads: int,
    k_dim: int,
    v_dim: int,
    out: tuple[int, ...],
    bias: bool,
    gate: bool,
) -> list[WeightSpec]:
    """The EinsumDense projections of MultiHeadAttention and GroupedQueryAttention, in order.

    Query (and the optional gate) have ``q_heads`` heads, key and value
    ``kv_heads`` (equal for MultiHeadAttention); the output projection maps
    the heads back to ``out``.
    """

    def dense(name: str, kernel: tuple[int, ...], bias_shape: tuple[int, ...]) -> list[WeightSpec]:
        w = [WeightSpec(f"{name}/kernel", kernel)]
        return [*w, WeightSpec(f"{name}/bias", bias_shape)] if bias else w

    w = dense("query", (d_q, q_heads, k_dim), (q_heads, k_dim))
    w += dense("key", (d_k, kv_heads, k_dim), (kv_heads, k_dim))
    if gate:
        w += dense("gate", (d_q, q_heads, v_dim), (q_heads, v_dim))
    w += dense("value", (d_v, kv_heads, v_dim), (kv_heads, v_dim))
    return w + dense("attention_output", (q_heads, v_dim, *out), out)


def last_dim(shape: Shape, role: str) -> int:
    """The last axis of the query, key or value, which the projection weights need."""
    try:
        return known_dim(shape, -1, "last dimension")
    except ShapeError as exc:
        raise ShapeError(f"{role}: {exc}") from None


class BaseAttention(LayerKind):
    """Called on ``[query, value]`` or ``[query, value, key]``."""

    supports_masking = True
    takes_mask = False
    inference_identity = False
    data_movement = False
    trainable_lost_on_load = False

    family = "attention"
    min_inputs = 2
    max_inputs = 3


@register("MultiHeadAttention")
class MultiHeadAttention(BaseAttention):
    call_inputs = "args"  # mha(query, value, key)
    """Keras's MHA: four (five with ``use_gate``) EinsumDense projections.

    With ``H`` heads, key size ``K``, value size ``V`` (= ``K`` unless given)
    and the last dims ``d_q``, ``d_k``, ``d_v`` of query, key and value:
    query ``(d_q, H, K)`` + ``(H, K)``; key ``(d_k, H, K)`` + ``(H, K)``;
    gate ``(d_q, H, V)`` + ``(H, V)``; value ``(d_v, H, V)`` + ``(H, V)``;
    output ``(H, V, *out)`` + ``out``, where ``out`` is ``output_shape`` or
    ``(d_q,)``. ``use_bias: false`` drops every bias. The output is the
    query's shape with its last axis replaced by ``out``.
    """

    #: the weights it creates, for the catalog reference (docs/layers.md)
    weights_doc = (
        "query, key, value and output EinsumDense kernels and biases (gate too with use_gate)"
    )

    trainable_lost_on_load = True

    build_sublayers = ("Softmax", "Dropout")
    ARGS = (
        Arg("num_heads", POS_INT, REQUIRED, "number of attention heads"),
        Arg("key_dim", POS_INT, REQUIRED, "size of each head for query and key"),
        Arg("value_dim", Nullable(POS_INT), None, "size of each head for value (default key_dim)"),
        # Keras makes a Dropout(rate=dropout) when it builds, which wants 0 <= rate <= 1
        Arg("dropout", Float(0, 1), 0.0, display=True),
        Arg("use_bias", BOOL, True),
        Arg(
            "output_shape",
            Nullable(OUTPUT_SHAPE),
            None,
            "the output's last axes (default: the query's last dimension)",
        ),
        Arg("attention_axes", Nullable(ListOf(Int(), single=True)), None, display=True),
        Arg("sliding_window", Nullable(POS_INT), None, display=True),
        Arg("flash_attention", Nullable(BOOL), None, display=True),
        Arg("use_gate", BOOL, False, "adds a sigmoid gate projection of the query"),
        *weight_args("kernel", "bias"),
        Arg("seed", display=True),
    )

    def validate(self, cfg: Config) -> None:
        if cfg["value_dim"] is None:  # Keras stores value_dim = key_dim
            cfg["value_dim"] = cfg["key_dim"]
        if cfg["flash_attention"] and cfg["dropout"] > 0:
            raise ArgError(
                "dropout is not supported with flash_attention (Keras refuses it); "
                "set dropout: 0 or flash_attention: false",
                "dropout",
            )

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        query, value = inputs[0], inputs[1]
        key = inputs[2] if len(inputs) > 2 else value
        if value[1:-1] != key[1:-1]:
            raise ShapeError(
                f"value {format_shape(value)} and key {format_shape(key)} must be equal on every "
                "axis but the last (Keras compares them exactly, so an unknown (None) axis only "
                "matches None)"
            )
        self.check_attention_axes(cfg, value)
        out = cfg["output_shape"]
        return (*query[:-1], *out) if out else query

    @staticmethod
    def check_attention_axes(cfg: Config, value: Shape) -> None:
        """The range Keras's einsum equations accept: the projected value has one more axis."""
        rank = len(value) + 1
        for axis in cfg["attention_axes"] or ():
            norm = axis if axis >= 0 else rank - 1 + axis
            if not -rank <= norm < rank:
                raise ShapeError(
                    f"attention_axes {list(cfg['attention_axes'])}: axis {axis} is out of range "
                    f"for a value of rank {len(value)} {format_shape(value)}; attention runs over "
                    f"the axes between the batch and the last one (1 to {len(value) - 2})"
                )

    def weights(self, cfg: Config, inputs: list[Shape]) -> list[WeightSpec]:
        query, value = inputs[0], inputs[1]
        key = inputs[2] if len(inputs) > 2 else value
        d_q = last_dim(query, "query")
        d_v = last_dim(value, "value")
        d_k = last_dim(key, "key") if len(inputs) > 2 else d_v
        heads, k_dim = cfg["num_heads"], cfg["key_dim"]
        out = tuple(cfg["output_shape"] or (d_q,))
        dims = (d_q, d_k, d_v, heads, heads, k_dim, cfg["value_dim"] or k_dim, out)
        return projection_weights(*dims, cfg["use_bias"], cfg["use_gate"])


@register("GroupedQueryAttention", "GroupQueryAttention")
class GroupedQueryAttention(BaseAttention):
    call_inputs = "args"  # gqa(query, value, key)
    """Grouped-query attention: ``num_query_heads`` query heads share ``num_key_value_heads``
    key/value heads (keras/src/layers/attention/grouped_query_attention.py).

    With query heads ``U``, key/value heads ``V``, head size ``h`` and the last dims
    ``d_q``, ``d_k``, ``d_v``: query ``(d_q, U, h)`` + ``(U, h)``; key ``(d_k, V, h)``
    + ``(V, h)``; gate (``use_gate``) ``(d_q, U, h)`` + ``(U, h)``; value
    ``(d_v, V, h)`` + ``(V, h)``; output ``(U, h, d_q)`` + ``(d_q,)``. The output has
    the query's shape.
    """

    #: the weights it creates, for the catalog reference (docs/layers.md)
    weights_doc = "query, key, value and output EinsumDense kernels and biases"

    trainable_lost_on_load = True

    build_sublayers = ("Softmax", "Dropout")
    ARGS = (
        Arg("head_dim", POS_INT, REQUIRED, "size of each head"),
        Arg("num_query_heads", POS_INT, REQUIRED, "number of query heads"),
        Arg(
            "num_key_value_heads",
            POS_INT,
            REQUIRED,
            "number of key/value heads (divides the query heads)",
        ),
        Arg("dropout", Float(0, 1), 0.0, display=True),
        Arg("use_bias", BOOL, True),
        Arg("sliding_window", Nullable(POS_INT), None, display=True),
        Arg("flash_attention", Nullable(BOOL), None, display=True),
        Arg("use_gate", BOOL, False, "adds a sigmoid gate projection of the query"),
        *weight_args("kernel", "bias"),
        Arg("seed", display=True),
    )

    def validate(self, cfg: Config) -> None:
        if cfg["num_query_heads"] % cfg["num_key_value_heads"]:
            raise ArgError(
                f"num_query_heads ({cfg['num_query_heads']}) must be divisible by "
                f"num_key_value_heads ({cfg['num_key_value_heads']}), as Keras requires",
                "num_key_value_heads",
            )

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        query, value = inputs[0], inputs[1]
        key = inputs[2] if len(inputs) > 2 else value
        if query[-1] != value[-1]:
            raise ShapeError(
                f"the last dimension of query {format_shape(query)} and value {format_shape(value)} "
                f"must be equal, but are {query[-1]} and {value[-1]} (Keras requires it)"
            )
        if value[1:-1] != key[1:-1]:
            raise ShapeError(
                f"value {format_shape(value)} and key {format_shape(key)} must be equal on every "
                "axis but the last"
            )
        return query

    def weights(self, cfg: Config, inputs: list[Shape]) -> list[WeightSpec]:
        query, value = inputs[0], inputs[1]
        key = inputs[2] if len(inputs) > 2 else value
        d_q, d_v = last_dim(query, "query"), last_dim(value, "value")
        d_k = last_dim(key, "key") if len(inputs) > 2 else d_v
        u, v, h = cfg["num_query_heads"], cfg["num_key_value_heads"], cfg["head_dim"]
        dims = (d_q, d_k, d_v, u, v, h, h, (d_q,))
        return projection_weights(*dims, cfg["use_bias"], cfg["use_gate"])


class DotAttention(BaseAttention):
    """Luong-style and Bahdanau-style attention: output ``query[:-1] + (value[-1],)``.

    Keras checks no other axis (its summary accepts a value whose last axis
    differs from the query's).
    """

    def compute_mask(
        self, cfg: Config, inputs: Sequence[Any], masks: Sequence[Any], ops: MaskOps
    ) -> list[Any]:
        """Keras's ``compute_mask``: ``ops.convert_to_tensor(query_mask)``, a node of its own."""
        return [ops.op("ConvertToTensor", (masks[0],)) if masks and masks[0] is not None else None]

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        return (*inputs[0][:-1], inputs[1][-1])


ATTENTION_ARGS = (
    Arg("dropout", Float(), 0.0, display=True),
    Arg("seed", display=True),
)


@register("Attention")
class Attention(DotAttention):
    """Dot-product attention; ``use_scale`` and ``score_mode: concat`` each add one scalar."""

    #: the weights it creates, for the catalog reference (docs/layers.md)
    weights_doc = "a scalar ``scale`` with use_scale; a scalar ``concat_score_weight`` with score_mode: concat"

    ARGS = (
        Arg("use_scale", BOOL, False, "a trainable scalar scale of the scores"),
        Arg("score_mode", Choice(("dot", "concat")), "dot", "concat adds a scalar weight"),
        *ATTENTION_ARGS,
    )

    def weights(self, cfg: Config, inputs: list[Shape]) -> list[WeightSpec]:
        w = [WeightSpec("scale", ())] if cfg["use_scale"] else []
        if cfg["score_mode"] == "concat":
            w.append(WeightSpec("concat_score_weight", ()))
        return w


@register("AdditiveAttention")
class AdditiveAttention(DotAttention):
    """Additive attention; ``use_scale`` (the default) adds a scale of the query's last size."""

    #: the weights it creates, for the catalog reference (docs/layers.md)
    weights_doc = "``scale`` ``(dim,)`` with use_scale (the default)"

    ARGS = (
        Arg("use_scale", BOOL, True, "a trainable scale vector of the query's last size"),
        # accepted and validated by Keras's Attention base, but unused by AdditiveAttention
        Arg("score_mode", Choice(("dot", "concat")), "dot", display=True),
        *ATTENTION_ARGS,
    )

    def weights(self, cfg: Config, inputs: list[Shape]) -> list[WeightSpec]:
        if not cfg["use_scale"]:
            return []
        return [WeightSpec("scale", (last_dim(inputs[0], "query"),))]
