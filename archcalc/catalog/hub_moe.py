"""keras_hub's mixture-of-experts decoder blocks: Mixtral, Qwen-MoE (1.5), Qwen 3 MoE, GPT-OSS.

The attention is the Llama-style one (hub_decoders.py); the feed-forward
network is a router (a Dense to one logit per expert) and ``num_experts``
gated experts stored as stacked kernels ``(experts, hidden, intermediate)``
on one layer. Keras counts every expert's weights; each token runs
``top_k`` of them, which the ``Experts`` geometry tells the cost analysis
(active parameters = total - expert weights x (experts - top_k) / experts).
Qwen-MoE adds an always-on shared expert with a sigmoid gate; some layers
of Qwen MoE models are dense (``mlp_only_layers``, ``decoder_sparse_step``).
"""

from __future__ import annotations

from archcalc.catalog.args import (
    BOOL,
    POS_INT,
    REQUIRED,
    Arg,
    Float,
    Int,
    ListOf,
    Nullable,
)
from archcalc.catalog.base import Config, WeightSpec, register
from archcalc.catalog.dtypes import variable_dtype
from archcalc.catalog.hub_base import Experts, Sublayer, policy
from archcalc.catalog.hub_decoders import GATED, HEADS, ROPE, TAIL, RopeDecoder
from archcalc.catalog.hub_parts import (
    DROPOUT,
    Projections,
    dense,
    feedforward,
    norm,
    projections,
    zero,
)
from archcalc.shapes import Shape

EXPERTS = (
    Arg("num_experts", POS_INT, REQUIRED, "experts per layer"),
    Arg("top_k", POS_INT, 2, "experts each token runs"),
)


def _flat(x: Shape, width: int) -> Shape:
    """keras_hub's MoE blocks flatten (batch, length) into one token axis."""
    tokens = None if x[0] is None or x[1] is None else x[0] * x[1]
    return (tokens, width)


def experts_layer(
    cfg: Config,
    path: str,
    type_name: str,
    x: Shape,
    experts: Experts,
    inner: int,
    kernels: list[tuple[str, tuple[int, ...]]],
) -> Sublayer:
    """The stacked expert kernels (and biases) on one layer; per token, ``top_k`` experts run
    (their matmuls, the gate's activation and product, and the weighted sum of their outputs)."""
    dtype = variable_dtype(policy(cfg, path))
    weights = tuple(WeightSpec(name, shape, True, dtype) for name, shape in kernels)
    macs = sum(shape[1] * shape[2] for _, shape in kernels if len(shape) == 3)
    biases = sum(shape[1] for _, shape in kernels if len(shape) == 2)
    hidden = x[-1] or 0
    k, n = experts.top_k, experts.num_experts
    ops = (
        ("linear", k * macs),
        ("bias", k * biases),
        ("activation:silu", k * inner),
        ("multiply", k * inner),
        ("add", k * hidden),
    )
    out = (n, _flat(x, hidden)[0], hidden)
    return Sublayer(
        path.rsplit("/", 1)[-1], type_name, out, weights=weights, ops=ops, experts=experts
    )


def router(cfg: Config, path: str, x: Shape, n: int, bias: bool = False) -> Sublayer:
    flat = _flat(x, x[-1] or 0)
    part = dense(cfg, path, flat, n, bias=bias)
    return Sublayer(
        part.name,
        part.type,
        part.output_shape,
        weights=part.weights,
        ops=(*part.ops, ("softmax", n)),
    )


@register("MixtralTransformerDecoder")
class MixtralTransformerDecoder(RopeDecoder):
    """Mixtral's block: Mistral-style attention and a sparse mixture of gated SiLU experts."""

    weights_doc = (
        "``self_attention``, two RMS norms, ``mixtral_sparse_moe_block`` (router "
        "``sparse_feedforward_gate_dense`` ``(hidden, experts)``; experts' gate, intermediate and "
        "output kernels ``(experts, hidden, intermediate)``)"
    )
    ATTENTION = ("self_attention", "CachedMixtralAttention")
    NORM = "MixtralLayerNormalization"
    SOFTMAX_CALLED = True
    ARGS = (
        *HEADS,
        *EXPERTS,
        Arg("router_jitter_noise", Float(min=0), 0.0, display=True),
        Arg("output_router_logits", BOOL, False, display=True),
        *ROPE,
        TAIL[0],
        TAIL[1],
        Arg("router_aux_loss_coef", Float(), 0.02, display=True),
        TAIL[2],
        Arg("sliding_window", Nullable(POS_INT), 512, display=True),
        TAIL[3],
    )

    def ffn(self, cfg: Config, x: Shape) -> list[Sublayer]:
        h, i, n = x[-1] or 0, cfg["intermediate_dim"], cfg["num_experts"]
        name = "mixtral_sparse_moe_block"
        parts = (
            router(cfg, f"{name}/sparse_feedforward_gate_dense", x, n),
            experts_layer(
                cfg,
                f"{name}/experts",
                "MixtralMoeExperts",
                x,
                Experts(n, cfg["top_k"]),
                i,
                [
                    ("expert_feedforward_gate_dense", (n, h, i)),
                    ("expert_feedforward_intermediate_dense", (n, h, i)),
                    ("expert_feedforward_output_dense", (n, i, h)),
                ],
            ),
        )
        return [Sublayer(name, "MixtralSparseMoeBlock", x, children=parts)]


class QwenMoeBase(RopeDecoder):
    """Qwen-MoE and Qwen 3 MoE: a sparse block (router, experts with fused gate and up
    kernels ``(experts, hidden, 2 x moe_intermediate)``) or, in dense layers, a gated MLP."""

    SOFTMAX_CALLED = True
    MOE: tuple[str, str, str, str] = (
        "qwen_sparse_moe_block",
        "QwenSparseMoeBlock",
        "QwenMoeExperts",
        "QwenMoeMLP",
    )

    def sparse(self, cfg: Config) -> bool:
        raise NotImplementedError

    def ffn(self, cfg: Config, x: Shape) -> list[Sublayer]:
        block, block_type, experts_type, mlp_type = self.MOE
        if not self.sparse(cfg):
            name = "qwen3_moe_mlp" if mlp_type.startswith("Qwen3") else "qwen_moe_mlp"
            f = feedforward(GATED, cfg, f"{name}/", x, cfg["intermediate_dim"])
            return [Sublayer(name, mlp_type, x, children=(f["up"], f["gate"], f["down"]))]
        h, m, n = x[-1] or 0, cfg["moe_intermediate_dim"], cfg["num_experts"]
        parts = [
            router(cfg, f"{block}/sparse_feedforward_gate_dense", x, n),
            experts_layer(
                cfg,
                f"{block}/experts",
                experts_type,
                x,
                Experts(n, cfg["top_k"]),
                m,
                [
                    ("expert_feedforward_gate_dense", (n, h, 2 * m)),
                    ("expert_feedforward_output_dense", (n, m, h)),
                ],
            ),
        ]
        parts += self.shared(cfg, x, block)
        return [Sublayer(block, block_type, x, children=tuple(parts))]

    def shared(self, cfg: Config, x: Shape, block: str) -> list[Sublayer]:
        return []


@register("QwenMoeTransformerDecoder")
class QwenMoeTransformerDecoder(QwenMoeBase):
    """Qwen 1.5 MoE's block: Qwen attention (biases); sparse (with a shared expert) unless
    ``layer_index`` is in ``mlp_only_layers`` or not a multiple of ``decoder_sparse_step``."""

    weights_doc = "``self_attention``, two RMS norms, ``qwen_sparse_moe_block`` or ``qwen_moe_mlp``"
    ATTENTION = ("self_attention", "QwenMoeAttention")
    NORM = "QwenMoeLayerNorm"
    QKV_BIAS = True
    ARGS = (
        *HEADS,
        Arg("moe_intermediate_dim", POS_INT, REQUIRED, "width of each expert"),
        Arg("shared_expert_intermediate_dim", POS_INT, REQUIRED, "width of the shared expert"),
        *EXPERTS[:1],
        Arg("top_k", POS_INT, REQUIRED, "experts each token runs"),
        Arg("norm_top_k_prob", BOOL, REQUIRED, display=True),
        Arg("decoder_sparse_step", POS_INT, REQUIRED, "every n-th layer is sparse"),
        *ROPE,
        *TAIL,
        Arg("use_sliding_window_attention", BOOL, False, display=True),
        Arg("sliding_window_size", POS_INT, 4096, display=True),
        Arg(
            "layer_index", Int(min=0), 0, "this layer's index (keras_hub's backbone never sets it)"
        ),
        Arg("mlp_only_layers", ListOf(Int(min=0)), (), "indices of dense layers"),
        Arg("output_router_logits", BOOL, False, display=True),
        Arg("router_aux_loss_coefficient", Float(), 0.001, display=True),
    )

    def window(self, cfg: Config) -> int | None:
        return cfg["sliding_window_size"] if cfg["use_sliding_window_attention"] else None

    def sparse(self, cfg: Config) -> bool:
        i = cfg["layer_index"]
        return (
            i not in cfg["mlp_only_layers"]
            and cfg["num_experts"] > 0
            and (i + 1) % cfg["decoder_sparse_step"] == 0
        )

    def shared(self, cfg: Config, x: Shape, block: str) -> list[Sublayer]:
        flat = _flat(x, x[-1] or 0)
        s = cfg["shared_expert_intermediate_dim"]
        f = feedforward(GATED, cfg, f"{block}/shared_expert_dense/", flat, s)
        gate = dense(
            cfg, f"{block}/shared_expert_gate_dense", flat, 1, bias=False, activation="sigmoid"
        )
        gate = Sublayer(
            gate.name,
            gate.type,
            gate.output_shape,
            weights=gate.weights,
            ops=(*gate.ops, ("multiply", x[-1] or 0), ("add", x[-1] or 0)),
        )
        return [
            Sublayer(
                "shared_expert_dense", "QwenMoeMLP", flat, children=(f["up"], f["gate"], f["down"])
            ),
            gate,
        ]


@register("Qwen3MoeTransformerDecoder")
class Qwen3MoeTransformerDecoder(QwenMoeBase):
    """Qwen 3 MoE's block: Qwen 3 attention (per-head query/key norms, ``head_dim``) and, when
    ``is_sparse_mlp``, routed experts without a shared one."""

    weights_doc = (
        "``self_attention``, two RMS norms, ``qwen3_sparse_moe_block`` or ``qwen3_moe_mlp``"
    )
    ATTENTION = ("self_attention", "Qwen3MoeAttention")
    NORM = "Qwen3MoeLayerNorm"
    QK_NORM = "Qwen3MoeLayerNorm"
    SOFTMAX_CALLED = False
    MOE = ("qwen3_sparse_moe_block", "Qwen3SparseMoeBlock", "Qwen3MoeExperts", "Qwen3MoeMLP")
    ARGS = (
        *HEADS,
        Arg("moe_intermediate_dim", POS_INT, REQUIRED, "width of each expert"),
        *EXPERTS[:1],
        Arg("top_k", POS_INT, REQUIRED, "experts each token runs"),
        Arg("norm_top_k_prob", BOOL, REQUIRED, display=True),
        Arg("head_dim", Nullable(POS_INT), None, "width of a head (default hidden // query heads)"),
        Arg("is_sparse_mlp", BOOL, False, "routed experts (else a dense gated MLP)"),
        *ROPE,
        TAIL[0],
        Arg("layer_norm_epsilon", Float(min=0), 1e-6, display=True),
        *TAIL[2:],
        Arg("sliding_window_size", Nullable(POS_INT), 4096, "keys each query sees"),
        Arg("router_aux_loss_coefficient", Float(), 0.001, display=True),
    )

    def window(self, cfg: Config) -> int | None:
        return cfg["sliding_window_size"]

    def sparse(self, cfg: Config) -> bool:
        return cfg["is_sparse_mlp"]


@register("GptOssTransformerDecoder")
class GptOssTransformerDecoder(RopeDecoder):
    """GPT-OSS's block: attention with biases and a learned sink per head, sliding windows on
    some layers, a router with a bias and experts with biases (fused gate/up kernels)."""

    weights_doc = (
        "``self_attention`` (``sinks``, query/key/value/attention_output with biases), "
        "``input_layernorm``, ``post_attention_layernorm``, ``sparse_moe_block``"
    )
    ATTENTION = ("self_attention", "GptOssAttention")
    NORM = "GptOssLayerNormalization"
    QKV_BIAS = True
    ARGS = (
        *HEADS,
        *EXPERTS,
        Arg("output_router_logits", BOOL, False, display=True),
        *ROPE,
        Arg("layer_norm_epsilon", Float(min=0), 1e-6, display=True),
        TAIL[2],
        Arg("sliding_window", Nullable(POS_INT), 4096, "keys each query sees (null: all)"),
        TAIL[3],
        Arg("head_dim", Nullable(POS_INT), None, "width of a head (default hidden // query heads)"),
    )

    def window(self, cfg: Config) -> int | None:
        return cfg["sliding_window"]

    def attention_layer(self, cfg: Config, x: Shape) -> Sublayer:
        g = self.geometry(cfg, x[-1])  # type: ignore[arg-type]
        p = projections(
            Projections(qkv_bias=True, output_bias=True),
            cfg,
            "self_attention/",
            x,
            g.query_heads,
            g.kv_heads,
            g.head_dim,
        )
        heads_shape = (*x[:-1], g.query_heads, g.head_dim)
        parts = (
            p["query"],
            p["key"],
            p["value"],
            zero("dropout", DROPOUT, heads_shape),
            p["output"],
            self.rotary(cfg, heads_shape, g),
        )
        sinks = (
            WeightSpec(
                "sinks", (g.query_heads,), True, variable_dtype(policy(cfg, "self_attention"))
            ),
        )
        return Sublayer(
            "self_attention", "GptOssAttention", x, children=parts, weights=sinks, attention=g
        )

    def sublayers(self, cfg: Config, inputs: list[Shape]) -> tuple[Sublayer, ...]:
        x = self.sequence(inputs)
        h, i, n = x[-1] or 0, cfg["intermediate_dim"], cfg["num_experts"]
        block = "sparse_moe_block"
        route = router(cfg, f"{block}/router/router_dense", x, n, bias=True)
        experts = experts_layer(
            cfg,
            f"{block}/experts",
            "GptOssExperts",
            x,
            Experts(n, cfg["top_k"]),
            i,
            [
                ("gate_up_proj", (n, h, 2 * i)),
                ("gate_up_proj_bias", (n, 2 * i)),
                ("down_proj", (n, i, h)),
                ("down_proj_bias", (n, h)),
            ],
        )
        moe = Sublayer(
            block,
            "GptOssSparseMoeBlock",
            x,
            children=(
                Sublayer("router", "GptOssTopKRouter", route.output_shape, children=(route,)),
                experts,
            ),
        )
        return (
            self.attention_layer(cfg, x),
            norm(cfg, "input_layernorm", self.NORM, x),
            norm(cfg, "post_attention_layernorm", self.NORM, x),
            moe,
        )
