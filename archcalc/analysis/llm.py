"""Transformers as language models: the attention layout, the KV cache and attention-correct
FLOPs per token and per sequence, prefill and decode (docs/costs.md, "Transformers").

Everything comes from the blocks' own description (catalog/hub_base.py):
each attention layer's query heads, key/value heads, head size and window,
each block's work per token. Conventions, stated once:

- **KV cache** = sum over attention layers of ``2 x batch x tokens x kv_heads
  x head_dim x bytes`` (keys and values, compute dtype). keras_hub's causal
  LMs allocate ``max_length`` tokens for every layer (``_build_cache``),
  sliding window or not: the ``keras_hub`` figure. Runtimes such as vLLM
  keep only the window of a local layer: the ``window`` figure.
- **Attention FLOPs** count the score (QK^T) and value (AV) matmuls. A
  prefill of S tokens computes the whole S x S score matrix per head and
  masks it (keras_hub): the ``computed`` figure; the pairs a causal (and
  windowed) mask keeps, ``S(S+1)/2`` or ``sum min(i, W)``, give the
  ``visible`` figure (what a FlashAttention kernel skipping masked blocks
  does). Decoding one token after ``t`` tokens attends to ``t`` keys
  (``min(t, W)`` in a window); keras_hub's cache makes it attend to all
  ``max_length`` positions.
- **Training** = forward + backward: a matmul's backward is 2 matmuls of its
  size (input and weight gradients), 1 for a frozen weight (LoRA's base);
  an element-wise op's is 1 op per element; recomputation adds one forward.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from archcalc.analysis.cost import (
    BACKWARD_FLOPS_PER_ELEMENTWISE,
    BACKWARD_MACS_FROZEN,
    BACKWARD_MACS_PER_MAC,
    FLOPS_PER_MAC,
    Cost,
)
from archcalc.analysis.hub_rules import Work, attention_cost, cost_of, walk, work
from archcalc.catalog import CATALOG
from archcalc.catalog.core import lora_weights
from archcalc.catalog.dtypes import DTYPE_BYTES
from archcalc.catalog.hub_base import Attention, HubLayer, Sublayer
from archcalc.results import InferenceResult, LayerResult

#: --lora-targets names -> the roles of the projections they adapt (keras_hub's
#: Backbone.enable_lora adapts query and value by default)
LORA_TARGETS = {
    "q": "query",
    "k": "key",
    "v": "value",
    "o": "output",
    "up": "up",
    "gate": "gate",
    "down": "down",
}


@dataclass(frozen=True)
class Block:
    """One keras_hub layer's call: its row, its kind and what it holds."""

    row: LayerResult
    kind: HubLayer
    parts: tuple[Sublayer, ...]

    @property
    def attention(self) -> list[Attention]:
        return [p.attention for p in walk(self.parts) if p.attention is not None]


@dataclass(frozen=True)
class Layout:
    """What a transformer is, read from its inference at some sequence length."""

    name: str
    blocks: tuple[Block, ...]
    vocab: int | None  # the token embedding's rows (the LM head's width when reversed)
    hidden: int | None
    causal_lm: bool  # cached causal attention and a reversible token embedding: a causal LM
    max_positions: int | None  # a learned position table's length (None: rotary, unbounded)

    @property
    def attention(self) -> list[tuple[str, Attention]]:
        return [(b.row.name, a) for b in self.blocks for a in b.attention]


def layout(result: InferenceResult) -> Layout:
    """The blocks, vocabulary and positions of a model (any model: none of them for a CNN)."""
    blocks = []
    vocab = hidden = max_positions = None
    for row in result.layers:
        kind = CATALOG.get(row.type)
        if row.type in ("ReversibleEmbedding", "TokenAndPositionEmbedding") and vocab is None:
            vocab = row.config.get("input_dim") or row.config.get("vocabulary_size")
        if row.type in ("PositionEmbedding", "TokenAndPositionEmbedding"):
            length = row.config["sequence_length"]
            max_positions = length if max_positions is None else min(max_positions, length)
        if isinstance(kind, HubLayer) and row.calls:
            call = row.calls[0]
            for c in row.live_calls:
                parts = kind.described(dict(row.config), list(c.input_shapes))
                blocks.append(Block(row, kind, parts))
                call = c
            if call.output_shapes and call.output_shapes[0]:
                hidden = call.output_shapes[0][-1]
    cached = any(a.cached for b in blocks for a in b.attention)
    causal_lm = (
        cached and vocab is not None and any(x.type == "ReversibleEmbedding" for x in result.layers)
    )
    return Layout(result.name, tuple(blocks), vocab, hidden, causal_lm, max_positions)


def experts(lay: Layout) -> tuple[int, int]:
    """(every expert's weights, those a token does not run): a mixture of experts keeps all
    ``num_experts`` and runs ``top_k``, so active parameters = total - the second figure
    (experts' weights x (experts - top_k) / experts)."""
    held = idle = 0
    for b in lay.blocks:
        for part in walk(b.parts):
            if part.experts is not None:
                n = sum(w.size for w in part.weights)
                e = part.experts
                held += n
                idle += n * (e.num_experts - e.top_k) // e.num_experts
    return held, idle


# --- KV cache ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KVCache:
    """Keys and values kept for decoding, in both conventions (module docstring)."""

    layers: tuple[tuple[str, Attention], ...]
    batch: int
    tokens: int
    dtype: str
    keras_hub_bytes: int
    window_bytes: int

    @property
    def differs(self) -> bool:
        return self.keras_hub_bytes != self.window_bytes


def per_token_bytes(a: Attention, dtype: str) -> int:
    """Bytes one token adds to one layer's cache: keys and values of every key/value head."""
    return int(2 * a.kv_heads * a.head_dim * DTYPE_BYTES[dtype])


def kv_cache(lay: Layout, batch: int, tokens: int, dtype: str) -> KVCache:
    layers = tuple((n, a) for n, a in lay.attention if a.cached)
    full = sum(batch * tokens * per_token_bytes(a, dtype) for _, a in layers)
    windowed = sum(
        batch * (tokens if a.window is None else min(tokens, a.window)) * per_token_bytes(a, dtype)
        for _, a in layers
    )
    return KVCache(layers, batch, tokens, dtype, full, windowed)


# --- FLOPs -----------------------------------------------------------------------------------------


def visible_pairs(a: Attention, queries: int) -> int:
    """(query, key) pairs per head a mask keeps in a prefill of ``queries`` tokens."""
    s = queries
    if not a.causal:
        return s * s
    w = a.window
    if w is None or w >= s:
        return s * (s + 1) // 2
    return w * (w + 1) // 2 + (s - w) * w


@dataclass(frozen=True)
class Flops:
    """Forward FLOPs of a prefill and of one decoded token, and a training step's."""

    seq_len: int
    batch: int
    prefill: Cost  # every pair of the score matrices (keras_hub)
    prefill_visible: Cost  # the pairs the masks keep
    decode: Cost  # one token, attending to every cached position (keras_hub)
    decode_visible: Cost  # one token, attending to min(t, window) keys
    lm_head_macs_per_token: int  # the causal LM's logits (token_embedding reversed)
    attention_macs: int  # the prefill's score and value matmuls (computed pairs)
    attention_visible_macs: int


def _blocks_cost(works: list[Work], tokens: int, keys: int | None, visible: bool) -> Cost:
    """The blocks' forward cost for ``tokens`` queries: a prefill (``keys`` None: the queries
    attend to each other) or a decoded token (``keys`` cached positions)."""
    total = Cost()
    for w in works:
        total = total + cost_of(w, tokens, attention=False)
        for a in w.attention:
            if keys is None:
                pairs = visible_pairs(a, tokens) if visible else tokens * tokens
                total = total + attention_cost(a, tokens, tokens, pairs)
            else:
                k = min(keys, a.window) if visible and a.window is not None else keys
                total = total + attention_cost(a, tokens, k)
    return total


def flops(lay: Layout, seq_len: int, batch: int = 1) -> Flops:
    """Forward FLOPs for ``batch`` sequences of ``seq_len`` tokens, and for the next token."""
    # each block's work, worked out once for the four passes
    works = [
        work(b.kind, dict(b.row.config), list(b.row.calls[0].input_shapes)) for b in lay.blocks
    ]
    prefill = _blocks_cost(works, seq_len, None, False).scaled(batch)
    visible = _blocks_cost(works, seq_len, None, True).scaled(batch)
    decode = _blocks_cost(works, 1, seq_len, False).scaled(batch)
    decode_visible = _blocks_cost(works, 1, seq_len, True).scaled(batch)
    head = lay.hidden * lay.vocab if lay.causal_lm and lay.hidden and lay.vocab else 0
    attn = sum(attention_cost(a, seq_len, seq_len).macs for _, a in lay.attention) * batch
    attn_visible = batch * sum(
        attention_cost(a, seq_len, seq_len, visible_pairs(a, seq_len)).macs
        for _, a in lay.attention
    )
    return Flops(seq_len, batch, prefill, visible, decode, decode_visible, head, attn, attn_visible)


def training_flops(
    forward: Cost, frozen_macs: int = 0, adapter_macs: int = 0, recompute: bool = False
) -> int:
    """FLOPs of one training step from its forward cost: MACs x (1 + 2) (frozen: 1 + 1, they
    need no weight gradient), element-wise x (1 + 1); recomputation adds a forward."""
    trained = forward.macs - frozen_macs
    macs = trained * (1 + BACKWARD_MACS_PER_MAC) + frozen_macs * (1 + BACKWARD_MACS_FROZEN)
    macs += adapter_macs * (1 + BACKWARD_MACS_PER_MAC)
    elementwise = forward.flops - FLOPS_PER_MAC * forward.macs
    total = FLOPS_PER_MAC * macs + elementwise * (1 + BACKWARD_FLOPS_PER_ELEMENTWISE)
    if recompute:
        total += forward.flops + FLOPS_PER_MAC * adapter_macs
    return total


# --- LoRA ----------------------------------------------------------------------------------------


def lora_targets(names: tuple[str, ...]) -> tuple[str, ...]:
    """``q,v`` -> the roles ``query``, ``value``; raises ValueError naming the choices."""
    out = []
    for n in names:
        role = LORA_TARGETS.get(n.strip().lower())
        if role is None:
            raise ValueError(
                f"unknown LoRA target {n!r}; choose from {', '.join(LORA_TARGETS)} (attention "
                "query/key/value/output, feed-forward up/gate/down)"
            )
        out.append(role)
    return tuple(dict.fromkeys(out))


def adapted(lay: Layout, roles: tuple[str, ...]) -> Iterator[Sublayer]:
    """The projections LoRA adapts: every sublayer with one of ``roles`` and a kernel."""
    for b in lay.blocks:
        for part in walk(b.parts):
            if part.role in roles and any(w.name == "kernel" for w in part.weights):
                yield part


@dataclass(frozen=True)
class Lora:
    """What keras_hub's ``backbone.enable_lora(rank)`` trains: Keras's factors of each adapted
    kernel, ``(*kernel[:-1], rank)`` and ``(rank, kernel[-1])``, and those layers' biases
    (which stay trainable; every other weight is frozen)."""

    adapters: int
    biases: int
    merge_macs: int  # Keras adds A @ B to the frozen kernel on every call: kernel.size x rank

    @property
    def trainable(self) -> int:
        return self.adapters + self.biases


def lora(lay: Layout, roles: tuple[str, ...], rank: int) -> Lora:
    adapters = biases = merge = 0
    for part in adapted(lay, roles):
        kernel = next(w for w in part.weights if w.name == "kernel")
        adapters += sum(w.size for w in lora_weights(kernel.shape, kernel.shape[-1], rank)[1:])
        biases += sum(w.size for w in part.weights if w.name == "bias")
        merge += kernel.size * rank * part.calls
    return Lora(adapters, biases, merge)


def linear_macs(lay: Layout, roles: tuple[str, ...] | None = None) -> int:
    """Weighted-matmul MACs per token of the blocks (only the ``roles`` given, if any)."""
    return sum(
        n * part.work_calls
        for b in lay.blocks
        for part in walk(b.parts)
        if roles is None or part.role in roles
        for op, n in part.ops
        if op == "linear"
    )
