"""keras_hub's layers as catalog kinds: the shared base and the inner view of a block.

A keras_hub backbone is a Functional model whose rows are keras_hub layers
(``token_embedding (ReversibleEmbedding)``, ``transformer_layer_0
(LlamaTransformerDecoder)``...). Keras shows a block as one row, even with
``expand_nested`` (a block is a Layer, not a Model). archcalc also knows what
is inside: a kind's ``sublayers(cfg, inputs)`` gives its inner layers as
keras_hub builds them (name, Keras class, output shape, own weights,
children) in the order keras_hub assigns them, which is the order of
``layer.weights``. A block's weights *are* its sublayers' weights, so a row's
count and its inner view cannot disagree.

Each sublayer also states its work per token (``ops``: op class -> count)
and, for attention, its geometry (:class:`Attention`); analysis/ turns them
into FLOPs, the KV cache and memory, so no layer's arithmetic is written twice.
Identical blocks (a 70B model repeats one 80 times) are described once.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import KW_ONLY, dataclass
from typing import Any, ClassVar

from archcalc.catalog.args import Arg, ArgError, ArgType
from archcalc.catalog.base import COMMON_ARGS, Config, LayerKind, WeightSpec, _freeze
from archcalc.catalog.dtypes import DTYPE_POLICY, Quantization
from archcalc.shapes import Shape, ShapeError, format_shape
from archcalc.textsafe import quote

Op = tuple[str, int]  # (op class, count per token)

#: the most layers a keras_hub backbone (or a ViTEncoder) may repeat: every repeat is built
#: as an entry or a sublayer, so an untrusted config cannot ask for a billion of them
MAX_REPEATS = 100_000


def check_repeats(n: int, what: str) -> None:
    if n > MAX_REPEATS:
        raise ArgError(
            f"{what} is {n:,}; archcalc builds at most {MAX_REPEATS:,} repeated layers (the "
            "largest published models have about a hundred)",
            what,
        )


@dataclass(frozen=True)
class Attention:
    """What one attention layer computes (analysis/llm.py: score and value matmuls, KV cache).

    ``window``: a sliding window (the keys a query may see), None for global attention;
    ``cached``: a decoder whose causal LM keeps a key/value cache; ``relative_keys``:
    DeBERTa's relative positions, which queries and keys also attend to (2 x bucket_size).
    """

    query_heads: int
    kv_heads: int
    head_dim: int
    value_dim: int
    causal: bool
    window: int | None = None
    soft_cap: bool = False
    cached: bool = False
    relative_keys: int = 0


@dataclass(frozen=True)
class Experts:
    """A mixture of experts: each token runs ``top_k`` of ``num_experts`` experts."""

    num_experts: int
    top_k: int


@dataclass(frozen=True)
class Sublayer:
    """One inner layer of a keras_hub layer, as keras_hub builds it.

    ``output_shape`` is None for a layer Keras builds but never calls (a dropout of rate 0
    some blocks skip); ``ops`` is this layer's own work per token (not its children's);
    ``calls`` how often one call of the block calls it (rotary embeddings: q and k).
    """

    name: str
    type: str
    output_shape: Shape | tuple[Shape, ...] | None
    _: KW_ONLY
    weights: tuple[WeightSpec, ...] = ()
    children: tuple[Sublayer, ...] = ()
    ops: tuple[Op, ...] = ()
    attention: Attention | None = None
    experts: Experts | None = None
    calls: int = 1
    #: its part in the block: query, key, value, output (attention projections), up, gate,
    #: down (feed-forward): what ``--lora-targets`` names
    role: str = ""
    #: calls whose ``ops`` run per token, when fewer than ``calls`` (DeBERTa's query and key
    #: also project the relative-position table, counted with the attention geometry)
    token_calls: int | None = None

    @property
    def work_calls(self) -> int:
        return self.calls if self.token_calls is None else self.token_calls

    def walk(self, prefix: str = "") -> Iterator[tuple[str, Sublayer]]:
        """Every sublayer below (and including) this one with its path, depth first."""
        path = f"{prefix}{self.name}"
        yield path, self
        for child in self.children:
            yield from child.walk(path + "/")

    @property
    def params(self) -> int:
        return sum(w.size for _, w in self.all_weights())

    def all_weights(self, prefix: str = "") -> Iterator[tuple[str, WeightSpec]]:
        """(path, weight) of its own weights, then its children's: Keras's ``weights`` order."""
        path = f"{prefix}{self.name}/"
        for w in self.weights:
            yield path, w
        for child in self.children:
            yield from child.all_weights(path)


def flatten(parts: tuple[Sublayer, ...]) -> list[WeightSpec]:
    """The weights of sublayers as one layer's variables, named by their path inside it."""
    return [
        WeightSpec(f"{path}{w.name}", w.shape, w.trainable, w.dtype)
        for part in parts
        for path, w in part.all_weights()
    ]


# --- The dtype of a keras_hub layer: a policy, or a DTypePolicyMap over its sublayers ------------


class HubDtype(ArgType):
    """A dtype policy (as every layer takes), or a ``DTypePolicyMap`` whose keys are paths
    *inside* the layer (``self_attention/query``): a quantized keras_hub model gives each
    quantized sublayer its own policy. Normalised to a policy name, or to
    ``{"name": default, "policy_map": {path: name}}``."""

    describe = "a dtype policy, or a DTypePolicyMap of the layer's sublayer paths"

    def check(self, value: Any) -> Any:
        if not (isinstance(value, Mapping) and value.get("class_name") == "DTypePolicyMap"):
            return DTYPE_POLICY.check(value)
        config = value.get("config")
        if not isinstance(config, Mapping):
            raise ArgError("a DTypePolicyMap needs a config with default_policy and policy_map")
        default = DTYPE_POLICY.check(config.get("default_policy"))
        entries = config.get("policy_map") or {}
        if not isinstance(entries, Mapping):
            raise ArgError("a DTypePolicyMap's policy_map maps sublayer paths to policies")
        policies = {}
        for path, policy in entries.items():
            try:
                policies[str(path)] = DTYPE_POLICY.check(policy)
            except ArgError as exc:
                raise ArgError(f"policy_map[{quote(str(path))}]: {exc}") from None
        return {"name": default, "policy_map": policies} if policies else default

    def schema(self) -> dict[str, Any]:
        return {"anyOf": [{"type": "string"}, {"type": "object"}, {"type": "null"}]}


HUB_DTYPE = HubDtype()
HUB_COMMON_ARGS = (
    Arg("dtype", HUB_DTYPE, None, HubDtype.__doc__.split(":")[0] + ".", display=True),  # type: ignore[union-attr]
    *COMMON_ARGS[1:],
)


def policy(cfg: Config, path: str) -> str | None:
    """The policy of the sublayer at ``path``: its map entry, else the layer's default; a
    whole-layer quantization (``model.quantize(mode)``, archcalc/variants.py) gives every
    sublayer the quantized policy (non-quantizable ones keep its source dtype)."""
    dtype = cfg.get("dtype")
    if isinstance(dtype, Mapping):
        if "quantize" in dtype:
            mode, block = dtype["quantize"]
            return Quantization(mode, block, dtype["name"] or "float32").name
        return dtype["policy_map"].get(path, dtype["name"])
    return dtype


# --- The kinds ------------------------------------------------------------------------------


class HubLayer(LayerKind):
    """A keras_hub layer: what it is made of (``sublayers``) and its own work (``own_ops``)."""

    #: keras_hub's, not keras.layers': a Keras file's entry is this kind only when its module
    #: says keras_hub (a keras.io example's own TokenAndPositionEmbedding is a custom layer)
    keras_module = "keras_hub.layers"

    supports_masking = False
    takes_mask = False
    inference_identity = False
    data_movement = False
    trainable_lost_on_load = False

    family = "keras_hub"
    common_args = HUB_COMMON_ARGS

    def sublayers(self, cfg: Config, inputs: list[Shape]) -> tuple[Sublayer, ...]:
        """The inner layers keras_hub builds, in its order (none for a plain layer)."""
        return ()

    def own_weights(self, cfg: Config, inputs: list[Shape]) -> list[WeightSpec]:
        """Weights the layer creates itself (not through a sublayer)."""
        return []

    def own_ops(self, cfg: Config, inputs: list[Shape]) -> tuple[Op, ...]:
        """The layer's own work per token, outside its sublayers (residual adds...)."""
        return ()

    def tokens(self, cfg: Config, inputs: list[Shape]) -> int | None:
        """Positions per sample that its per-token work (``ops``) runs on."""
        shape = inputs[0]
        return shape[1] if len(shape) > 1 else 1

    def described(self, cfg: Config, inputs: list[Shape]) -> tuple[Sublayer, ...]:
        """``sublayers`` computed once per distinct config and input shapes (a model's
        repeated blocks share one description)."""
        frozen = _freeze(dict(cfg))
        key = None if frozen is None else (frozen, tuple(inputs))
        hit = self._memo.get(key) if key is not None else None
        if hit is not None:
            return hit
        parts = self.sublayers(cfg, inputs)
        if key is not None and len(self._memo) < 1024:
            self._memo[key] = parts
        return parts

    @property
    def _memo(self) -> dict[Any, tuple[Sublayer, ...]]:
        memo = self.__dict__.get("_described")
        if memo is None:
            memo = self.__dict__["_described"] = {}
        return memo


class HubWeights(HubLayer):
    """A keras_hub layer with weights: its own, then its sublayers' (Keras's order)."""

    def weights(self, cfg: Config, inputs: list[Shape]) -> list[WeightSpec]:
        return self.own_weights(cfg, inputs) + flatten(self.described(cfg, inputs))


class HubBlock(HubWeights):
    """A transformer block: called on the sequence and the tensors Keras records with it.

    ``CALL_TENSORS`` names the tensors of one call in the order Keras records them (its
    positional arguments, then its keyword arguments sorted by name), which is the order
    of ``inputs:`` and of ``Connected to``; ``SEQUENCE`` is the hidden-state sequence among them.
    A call with one input passes the sequence alone.
    """

    supports_masking = True

    CALL_TENSORS: ClassVar[tuple[str, ...]] = ("decoder_sequence", "decoder_padding_mask")
    SEQUENCE: ClassVar[str] = "decoder_sequence"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.max_inputs = len(cls.CALL_TENSORS)

    def sequence(self, inputs: list[Shape]) -> Shape:
        return inputs[0] if len(inputs) == 1 else inputs[self.CALL_TENSORS.index(self.SEQUENCE)]

    def check_rank(self, inputs: list[Shape]) -> None:
        seq = self.sequence(inputs)
        if len(seq) != 3:
            raise ShapeError(
                f"expects its sequence input ({self.SEQUENCE}) as (batch, length, features), "
                f"got {format_shape(seq)}"
            )
        if seq[-1] is None:
            raise ShapeError(
                f"the feature size of its input {format_shape(seq)} is unknown (None), but the "
                "weights need it"
            )
        if len(inputs) > 1:
            for name, shape in zip(self.CALL_TENSORS, inputs, strict=False):
                if name.endswith("padding_mask") and len(shape) != 2:
                    raise ShapeError(
                        f"expects {name} as (batch, length), got {format_shape(shape)}"
                    )

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        return self.sequence(inputs)

    def tokens(self, cfg: Config, inputs: list[Shape]) -> int | None:
        return self.sequence(inputs)[1]

    def hidden(self, inputs: list[Shape]) -> int:
        return self.sequence(inputs)[-1]  # type: ignore[return-value]

    def own_ops(self, cfg: Config, inputs: list[Shape]) -> tuple[Op, ...]:
        """A block's own work: its two residual adds (attention's and the feed-forward's)."""
        return residuals(self.hidden(inputs))


def residuals(hidden: int, n: int = 2) -> tuple[Op, ...]:
    """``n`` residual adds of ``hidden`` values per token."""
    return (("add", n * hidden),)


def head_size(total: int, heads: int, what: str = "hidden_dim") -> int:
    """keras_hub's ``hidden_dim // num_heads`` (floor division, as keras_hub computes it);
    0 is refused as keras_hub refuses it."""
    size = total // heads
    if size == 0:
        raise ArgError(
            f'{what} ({total}) // the number of heads ({heads}) is 0 (keras_hub: "Attention '
            '`key_dim` computed cannot be zero"); use fewer heads or a larger width'
        )
    return size
