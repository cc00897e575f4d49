"""The cost convention and the rule registry: what one call costs, by layer kind.

The convention (docs/costs.md) is written once, here, as named constants.
FLOP counters disagree on the same model (10,707,200 vs 10,738,434 vs
10,751,234 "MACs" for the seed conv model), so every choice below says why;
the defaults agree with fvcore/thop/calflops on MACs and with
calflops/DeepSpeed and TensorFlow's profiler on element-wise work.

- A **MAC** is one multiply-accumulate of a *weighted* op: convolutions,
  Dense, recurrent and attention projections, the attention score and
  context products, Dot. Bias adds are not MACs; an Embedding lookup is 0.
- **FLOPs** = ``FLOPS_PER_MAC`` x MACs + the element-wise work of every
  other op, reported by category (``macc`` is the 2 x MACs part).
- Everything is counted **per sample** (batch axis ignored) and then
  multiplied by the batch size; a shared layer is counted once per call.

Rules live in :mod:`.rules`, :mod:`.sequence_rules`, :mod:`.attention` and
:mod:`.torchinfo`, registered by Keras class name or by a catalog family's
base class (so a new member of a family needs no new rule); a kind whose
``data_movement`` trait is set costs nothing without a rule.
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from archcalc.analysis._rules_index import RULE_MODULES
from archcalc.catalog import CANONICAL, CATALOG
from archcalc.shapes import Shape, format_shape

# --- The convention -----------------------------------------------------------------------

#: One multiply-accumulate is a multiply and an add (TF profiler, calflops, Ultralytics' "2 x thop").
FLOPS_PER_MAC = 2
#: A bias is one add per output element (TF's BiasAdd; calflops for convolutions).
BIAS_FLOPS_PER_OUTPUT = 1
#: Activations: one element-wise op per output element (calflops; TF counts unary ops as 1),
ACTIVATION_FLOPS_DEFAULT = 1
#: except ``linear`` (nothing) and softmax: an exp, a running sum and a divide per element.
ACTIVATION_FLOPS = {"linear": 0, "softmax": 3, "log_softmax": 3}
#: Max/average pooling: one comparison or add per window element, per output element
#: (TF profiler and Netscope: kernel area x outputs; = input elements for the usual
#: non-overlapping windows, which is what calflops and onnx-tool count).
POOL_FLOPS_PER_WINDOW_ELEMENT = 1
#: Global pooling: one comparison or add per input element (calflops, Netscope).
GLOBAL_POOL_FLOPS_PER_INPUT = 1
#: BatchNormalization at inference: the statistics fold into one scale and one shift.
BATCH_NORM_FLOPS = 2
#: Layer/Group normalization compute statistics at inference: 4 per element, +1 with a
#: learned scale or offset (calflops/DeepSpeed's layer_norm and group_norm).
NORM_STATS_FLOPS = 4
NORM_AFFINE_FLOPS = 1
#: RMSNormalization: square, sum, multiply by the reciprocal root, + the learned scale.
RMS_NORM_FLOPS = 4
#: UnitNormalization: square, sum, multiply by the reciprocal norm.
UNIT_NORM_FLOPS = 3
#: The Normalization preprocessing layer: (x - mean) / std folded into a scale and a shift.
STANDARDIZE_FLOPS = 2
#: Element-wise merges of n inputs: n - 1 binary ops per output element; Average adds the 1/n.
MERGE_FLOPS_PER_EXTRA_INPUT = 1
AVERAGE_DIVIDE_FLOPS = 1
#: Rescaling: a multiply per element, and an add when the offset is not 0.
RESCALE_FLOPS = 1
OFFSET_FLOPS = 1
#: Masking: a comparison (is this step the mask value?) and a multiply per element.
MASKING_FLOPS = 2
#: Resizing interpolation: taps multiplies and taps - 1 adds per output element (weights
#: precomputed); nearest neighbour and every copy (Concatenate, padding, reshapes) are 0.
RESIZE_TAPS = {"nearest": 0, "bilinear": 4, "bicubic": 16, "lanczos3": 36, "lanczos5": 100}
#: "area" interpolation averages the input pixels each output covers: every input is added
#: once and every output divided once.
AREA_FLOPS_PER_INPUT = 1
AREA_FLOPS_PER_OUTPUT = 1
#: Attention scales the scores (or the query) by a constant: one multiply per element.
SCALE_FLOPS = 1
#: LSTM cell update c = f*c + i*g, h = o*act(c): 4 element-wise ops per unit and step;
#: GRU h = z*h + (1-z)*h~ and the reset product: 5. (The input and recurrent matmuls are
#: counted as one matmul over [x, h], so adding their results is not counted again.)
LSTM_CELL_FLOPS = 4
GRU_CELL_FLOPS = 5
#: ReversibleEmbedding's ``logit_soft_cap``, cap * tanh(logits / cap): a divide, a tanh and a
#: multiply per logit (Gemma 2's attention scores the same).
SOFT_CAP_FLOPS = 3
#: Rotary position embedding: x * cos + rotate_half(x) * sin per rotated element (two
#: multiplies and an add; the sin/cos tables are precomputed).
ROTARY_FLOPS = 3
#: keras_hub blocks count the matmuls of attention on every (query, key) pair the score
#: matrix holds: keras_hub computes the full matrix and masks it (causal or windowed) after,
#: so a prefill of S tokens costs S x S pairs per head. The pairs a causal mask keeps,
#: S (S + 1) / 2 (or fewer in a sliding window), are reported beside it (analysis/llm.py).
ATTENTION_PAIRS = "all (query, key) pairs of the score matrix, masked ones included"
#: Training = forward + backward. The backward pass of a matmul computes the gradient of its
#: input and of its weight (2 matmuls of the same size); of an element-wise op, one op per
#: element; a frozen weight (LoRA's base model) needs only the input gradient.
BACKWARD_MACS_PER_MAC = 2
BACKWARD_MACS_FROZEN = 1
BACKWARD_FLOPS_PER_ELEMENTWISE = 1
#: An FFT of n points costs FFT_FLOPS x n x log2(n) (:func:`fft_flops`): the classic
#: 5 n log2(n) of a complex radix-2 FFT (FFTW's and benchFFT's figure), log2 rounded up; a
#: real-input FFT half. MelSpectrogram runs one per frame; STFTSpectrogram computes its
#: transform as a convolution with DFT kernels, counted as that convolution's MACs.
FFT_FLOPS = 5
#: A spectrum's magnitude, sqrt(re^2 + im^2): two squares, an add and a root per bin.
SPECTRUM_MAGNITUDE_FLOPS = 4
#: MelSpectrogram's power_to_db: max(x, min_power), log10, x 10, minus the reference, and
#: the top_db clip (the maximum over the output, then an element-wise max).
POWER_TO_DB_FLOPS = 6

#: Image augmentation layers are identities at inference (their random transformations run
#: only in training, and counts are for inference): 0, as their ``data_movement`` says.
#: AutoContrast rescales each image at inference: a min and a max over every element, then a
#: multiply, an add and a clip per element.
AUTO_CONTRAST_FLOPS = 5
#: CLAHE: a histogram count and a bilinear blend of four tiles' mappings (4 multiplies, 3
#: adds) per element, plus clipping, redistributing, accumulating and normalising each bin of
#: each tile's histogram (256 bins per tile and channel).
CLAHE_FLOPS = 1 + 4 + 3
CLAHE_BIN_FLOPS = 4
CLAHE_BINS = 256
#: Lookups and encodings (StringLookup, Hashing, CategoryEncoding...) are lookups: 0, except
#: tf_idf, which multiplies each count by its token's weight.
TF_IDF_FLOPS = 1

#: keras.ops nodes (analysis/ops_rules.py). An element-wise op (arithmetic, comparisons,
#: math functions) is one operation per output element per operand pair, as TF's profiler
#: counts Add/Mul/Sqrt; activation ops follow the activation constants above.
OP_FLOPS_PER_ELEMENT = 1
#: ``clip``: a max and a min per element.
CLIP_FLOPS = 2
#: A reduction (sum, mean, max, any, argmax...) reads each input element once: one add or
#: comparison per input element; std/var/moments do the statistics of NORM_STATS_FLOPS.
REDUCE_FLOPS_PER_INPUT = 1
#: A sort (sort, argsort, top_k, quantiles) costs log2(n) comparisons per element of an
#: axis of length n; products of ops (matmul, einsum, dot, tensordot, conv) are MACs.
#: A matrix decomposition or inverse of an n x n matrix: its LAPACK count, as a multiple of
#: n^3 FLOPs (n^3/3 for cholesky, 2n^3/3 for LU and determinants, n^3 for inverses...).
LINALG_N3_FLOPS = {"cholesky": 1 / 3, "lu": 2 / 3, "inv": 2, "qr": 4 / 3, "eig": 10, "svd": 12}
#: A loss per probability element: a log, a multiply and an add.
LOSS_FLOPS_PER_ELEMENT = 3

#: FLOPs categories, in JSON order; ``macc`` is FLOPS_PER_MAC x MACs.
CATEGORIES = ("macc", "bias", "activation", "pool", "norm", "merge", "other")

CONVENTIONS = ("archcalc", "torchinfo")

CONVENTION_HELP = (
    "MACs count the multiply-accumulates of weighted ops (convolutions, Dense, recurrent and "
    "attention projections, attention score/context products; bias excluded, Embedding 0). "
    f"FLOPs = {FLOPS_PER_MAC} x MACs + element-wise work: bias {BIAS_FLOPS_PER_OUTPUT}/output, "
    f"activations {ACTIVATION_FLOPS_DEFAULT}/element (softmax {ACTIVATION_FLOPS['softmax']}), "
    "pooling 1 per window element per output, BatchNormalization "
    f"{BATCH_NORM_FLOPS}/element, Layer/GroupNormalization {NORM_STATS_FLOPS}(+1)/element, "
    "merges n-1 per output. Counts are per sample x --batch-size; a shared layer counts once "
    "per call. --convention torchinfo gives torchinfo 1.8.0's Mult-Adds instead ((weight+bias) "
    "x output positions for convolutions, batch x params for every other layer with weights)."
)


# --- Counting ----------------------------------------------------------------------------


class Uncounted(Exception):
    """A rule cannot count this call; the message says why (shown under ``uncounted``)."""


@dataclass(frozen=True, slots=True)
class Cost:
    """MACs and element-wise FLOPs by category, for one call or a sum of calls."""

    macs: int = 0
    bias: int = 0
    activation: int = 0
    pool: int = 0
    norm: int = 0
    merge: int = 0
    other: int = 0

    @property
    def flops(self) -> int:
        return (
            FLOPS_PER_MAC * self.macs
            + self.bias
            + self.activation
            + self.pool
            + self.norm
            + self.merge
            + self.other
        )

    def by_category(self) -> dict[str, int]:
        """FLOPs by category, in CATEGORIES order (``macc`` = FLOPS_PER_MAC x MACs)."""
        return dict(zip(CATEGORIES, (FLOPS_PER_MAC * self.macs, *self.values()[1:]), strict=True))

    def values(self) -> tuple[int, ...]:
        return (self.macs, self.bias, self.activation, self.pool, self.norm, self.merge, self.other)

    def __add__(self, other: Cost) -> Cost:
        return Cost(*(a + b for a, b in zip(self.values(), other.values(), strict=True)))

    def scaled(self, k: int) -> Cost:
        return self if k == 1 else Cost(*(v * k for v in self.values()))


ZERO = Cost()


def fft_flops(n: int) -> int:
    """A complex FFT of n points: FFT_FLOPS x n x log2(n), log2 rounded up (at least 1)."""
    return FFT_FLOPS * n * max(1, math.ceil(math.log2(max(n, 1))))


def total(costs: Iterable[Cost]) -> Cost:
    """The sum of many costs in one pass (a 100,000-layer model adds up quickly)."""
    columns = list(zip(*(c.values() for c in costs), strict=True))
    return Cost(*(sum(col) for col in columns)) if columns else ZERO


@dataclass(frozen=True)
class Op:
    """What a cost rule sees: one call of a layer (shapes include the batch axis)."""

    type: str
    cfg: Mapping[str, Any]
    inputs: tuple[Shape, ...]
    outputs: tuple[Shape, ...]
    params: int = 0


def elements(shape: Shape) -> int:
    """Elements of one sample of ``shape``; an unknown size makes the call uncountable."""
    try:
        return math.prod(shape[1:])  # type: ignore[arg-type]
    except TypeError:  # a None among the sizes
        raise Uncounted(
            f"a dimension of {format_shape(shape)} is unknown (None); give it a size to count it"
        ) from None


def dims(shape: Shape) -> tuple[int, ...]:
    """The non-batch dimensions, all known (or Uncounted)."""
    elements(shape)
    return shape[1:]  # type: ignore[return-value]


def bias_adds(cfg: Mapping[str, Any], n: int) -> int:
    """Bias FLOPs for n outputs, when the layer has a bias (``use_bias``, True by default)."""
    return BIAS_FLOPS_PER_OUTPUT * n if cfg.get("use_bias", True) else 0


def activation_flops(activation: Any, n: int) -> int:
    """FLOPs of an activation (a Keras name, None = linear, or a serialised object) on n elements."""
    if activation is None:
        return 0
    if isinstance(activation, Mapping):  # a serialised activation: {class_name, config}
        activation = (activation.get("config") or {}).get("name", activation.get("class_name"))
    per = ACTIVATION_FLOPS.get(str(activation), ACTIVATION_FLOPS_DEFAULT)
    return per * n


# --- Rule registry: exact Keras names first, then the layer kind's class (MRO) ----------------

Rule = Callable[[Op], Cost]


@dataclass
class _Registry:
    """One convention's cost rules, by Keras class name and by family, with the lookups cached."""

    by_name: dict[str, Rule] = field(default_factory=dict)
    by_class: dict[str, Rule] = field(default_factory=dict)
    cache: dict[str, Rule | None] = field(default_factory=dict)


_REGISTRIES: dict[str, _Registry] = {c: _Registry() for c in CONVENTIONS}


class Family(str):
    """A catalog base class by its import path, ``"convolutional.BaseConv"``: a rule for every
    kind of that family, registered without importing the family (start-up pays only for
    the families a model uses)."""


def _class_key(cls: type) -> str:
    return f"{cls.__module__.removeprefix('archcalc.catalog.')}.{cls.__qualname__}"


def cost_rule(*keys: str | Family, convention: str = "archcalc") -> Callable[[Rule], Rule]:
    """Register a rule under Keras class names, or a catalog family's base class (``Family``)."""
    reg = _REGISTRIES[convention]

    def wrap(fn: Rule) -> Rule:
        for key in keys:
            if isinstance(key, Family):
                reg.by_class[str(key)] = fn
            else:
                reg.by_name[key] = fn
        reg.cache.clear()
        return fn

    return wrap


def _load_rules(convention: str, keys: Iterable[str]) -> None:
    """Import the rule modules that register rules for these keys (analysis/_rules_index.py,
    generated): counting a model loads the rules of the kinds it uses, and no others."""
    index = RULE_MODULES[convention]
    for module in {index[k] for k in keys if k in index}:
        importlib.import_module(f"archcalc.analysis.{module}")


def find_rule(type_name: str, convention: str = "archcalc") -> Rule | None:
    """The rule for a Keras type: its exact name, else the nearest class in its kind's MRO."""
    reg = _REGISTRIES[convention]
    if type_name in reg.cache:
        return reg.cache[type_name]
    name = CANONICAL.get(type_name, type_name)
    kind = CATALOG.get(name)
    family = [_class_key(c) for c in type(kind).__mro__] if kind is not None else []
    _load_rules(convention, [name, *family])
    rule = reg.by_name.get(name)
    if rule is None and kind is not None and kind.data_movement and convention == "archcalc":
        rule = no_arithmetic
    if rule is None and kind is not None:
        rule = next((reg.by_class[k] for k in family if k in reg.by_class), None)
    reg.cache[type_name] = rule
    return rule


def no_arithmetic(op: Op) -> Cost:
    """Copies, views, lookups and inference-time identities (a kind's ``data_movement``): 0."""
    return ZERO
