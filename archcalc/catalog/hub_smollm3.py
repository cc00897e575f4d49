"""keras_hub's SmolLM3DecoderLayer: a Llama-style block with its own names and parts.

``self_attn`` projects with Dense layers ``q_proj``, ``k_proj``, ``v_proj``
(``hidden -> heads x head_dim``) and an EinsumDense ``o_proj``
``(heads, head_dim, hidden)``; every layer holds a rotary embedding
``rotary_emb`` with a non-trainable ``inv_freq`` of ``ceil(head_dim x
partial_rotary_factor / 2)`` values, which Keras counts (also in the layers
``rope_layer_enabled_list`` leaves without RoPE); ``mlp`` is a gated SiLU
network ``gate_proj``, ``up_proj``, ``down_proj``; the norms are Keras's
RMSNormalization. keras_hub builds these layers without the backbone's
dtype, so they keep the default policy.
"""

from __future__ import annotations

import math
from dataclasses import replace

from archcalc.catalog.args import BOOL, POS_INT, REQUIRED, AnyValue, Arg, Float, Int
from archcalc.catalog.base import Config, WeightSpec, register
from archcalc.catalog.hub_base import Attention, HubBlock, Op, Sublayer, head_size
from archcalc.catalog.hub_parts import SOFTMAX, FeedForward, dense, einsum, feedforward, norm, zero
from archcalc.shapes import Shape

MLP = FeedForward(("up_proj", "gate_proj", "down_proj"), bias=False, activation="silu")


@register("SmolLM3DecoderLayer")
class SmolLM3DecoderLayer(HubBlock):
    """SmolLM3's block (see the module's docstring); ``layer_idx`` picks this layer's entry of
    ``rope_layer_enabled_list`` and ``layer_types``."""

    weights_doc = (
        "``self_attn`` (``q_proj``, ``k_proj``, ``v_proj``, ``o_proj``, ``rotary_emb/inv_freq`` "
        "non-trainable), ``mlp`` (``gate_proj``, ``up_proj``, ``down_proj``), two RMS norms"
    )
    ARGS = (
        Arg("hidden_size", POS_INT, REQUIRED, "width of the sequence"),
        Arg("num_attention_heads", POS_INT, REQUIRED, "query heads"),
        Arg("num_key_value_heads", POS_INT, REQUIRED, "key/value heads"),
        Arg("attention_bias", BOOL, REQUIRED, "the q/k/v projections have biases"),
        Arg("attention_dropout", Float(min=0, max=1), REQUIRED, display=True),
        Arg("rope_layer_enabled_list", AnyValue(), REQUIRED, "per layer: 1 rotary, 0 none"),
        Arg("layer_types", AnyValue(), REQUIRED, display=True),
        Arg("layer_idx", Int(min=0), REQUIRED, "this layer's index"),
        Arg("intermediate_size", POS_INT, REQUIRED, "width of the feed-forward network"),
        Arg("mlp_bias", BOOL, REQUIRED, "the feed-forward layers have biases"),
        Arg("layer_norm_epsilon", Float(min=0), REQUIRED, display=True),
        Arg("max_position_embeddings", POS_INT, 2048, display=True),
        Arg("rope_theta", Float(min=0, min_open=True), 10000.0, display=True),
        Arg("partial_rotary_factor", Float(min=0, max=1), 1.0, "share of each head rotated"),
    )

    def sublayers(self, cfg: Config, inputs: list[Shape]) -> tuple[Sublayer, ...]:
        x = self.sequence(inputs)
        n, kv = cfg["num_attention_heads"], cfg["num_key_value_heads"]
        hd = head_size(cfg["hidden_size"], n)
        bias = cfg["attention_bias"]
        q = dense(cfg, "self_attn/q_proj", x, n * hd, bias=bias)
        heads = (*x[:-1], n, hd)
        o = einsum(cfg, "self_attn/o_proj", heads, "bquh,uhm->bqm", (None, cfg["hidden_size"]))
        rotated = int(hd * cfg["partial_rotary_factor"])
        inv_freq = WeightSpec("inv_freq", (math.ceil(rotated / 2),), False, "float32")
        idx = cfg["layer_idx"]
        enabled = cfg["rope_layer_enabled_list"]
        rope = not isinstance(enabled, (list, tuple)) or idx >= len(enabled) or bool(enabled[idx])
        ops: tuple[Op, ...] = (("rotary", (n + kv) * rotated),) if rope else ()
        cos_sin = ((*x[:-1], hd), (*x[:-1], hd))
        attention = (
            _role(q, "query"),
            _role(dense(cfg, "self_attn/k_proj", x, kv * hd, bias=bias), "key"),
            _role(dense(cfg, "self_attn/v_proj", x, kv * hd, bias=bias), "value"),
            _role(o, "output"),
            Sublayer("rotary_emb", "SmolLM3RotaryEmbedding", cos_sin, weights=(inv_freq,), ops=ops),
            zero("attention_softmax", SOFTMAX, None),
        )
        g = Attention(n, kv, hd, hd, causal=True, cached=True)
        f = feedforward(MLP, cfg, "mlp/", x, cfg["intermediate_size"])
        return (
            Sublayer("self_attn", "SmolLM3Attention", x, children=attention, attention=g),
            Sublayer("mlp", "SmolLM3MLP", x, children=(f["gate"], f["up"], f["down"])),
            norm(cfg, "input_layernorm", "RMSNormalization", x),
            norm(cfg, "post_attention_layernorm", "RMSNormalization", x),
        )


def _role(part: Sublayer, role: str) -> Sublayer:
    return replace(part, role=role)
