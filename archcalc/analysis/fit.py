"""Will it fit: the memory of inference or fine-tuning, term by term, and the largest batch
and sequence that fit a budget (``archcalc fit``; every term's formula in docs/costs.md).

Inference (a prefill of ``seq_len`` tokens, then decoding):

- weights: every variable at ``--dtype`` (int8/int4: the variables and scales
  Keras's ``quantize`` makes, from the compute dtype);
- KV cache: keras_hub's convention or the window one (analysis/llm.py);
- activations: the prefill's peak (analysis/memory.py's walk: tensors live at
  once, each block's inner tensors included, attention scores materialised
  unless ``--flash-attention``), at the compute dtype;
- logits: a causal LM's ``batch x seq_len x vocabulary`` at the compute dtype.

Fine-tuning (``full`` or ``lora``): weights, LoRA adapters (float32, as Keras
makes them), gradients and optimizer state (one per trainable parameter, per
slot: Keras creates both like the variable), activations kept for the
backward pass (all of them, or with ``--recompute`` each block's input plus
one block's inner tensors at a time), float32 logits for the loss.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Any

from archcalc.analysis import llm, memory
from archcalc.analysis.cost import Cost, Op, Uncounted
from archcalc.analysis.hub_rules import workspace_parts
from archcalc.analysis.options import OPTIMIZER_SLOTS, CostOptions
from archcalc.catalog import CATALOG
from archcalc.catalog.dtypes import DTYPE_BYTES
from archcalc.catalog.hub_base import HubLayer
from archcalc.engine import infer_spec
from archcalc.reader.variants import QUANTIZABLE, quantized, with_lengths
from archcalc.results import InferenceResult
from archcalc.spec import Spec

QUANTIZED = ("int8", "int4")
MAX_BATCH = 1 << 40
MAX_TOKENS = 1 << 24


@dataclass(frozen=True)
class FitOptions:
    memory: int
    seq_len: int
    batch_size: int = 1
    dtype: str | None = None  # weights; None: as the model is saved
    compute_dtype: str | None = None
    task: str = "inference"
    lora_rank: int = 16
    lora_targets: tuple[str, ...] = ("q", "v")
    optimizer: str = "adamw"
    recompute: bool = False
    flash_attention: bool = False
    kv_cache: str = "keras_hub"
    #: the model takes sequences of any length (``seq_len`` sizes them); else a fixed input
    sequence: bool = True

    def shape_text(self, batch: int, seq: int) -> str:
        if self.sequence:
            return f"batch {batch:,} x {seq:,} tokens"
        return f"batch {batch:,}"

    @property
    def compute(self) -> str:
        if self.compute_dtype:
            return self.compute_dtype
        if self.dtype is None:
            return "float32"
        return "bfloat16" if self.dtype in QUANTIZED else self.dtype


@dataclass(frozen=True)
class Term:
    """One part of the memory: what it is, its formula with the numbers, its bytes."""

    key: str
    label: str
    formula: str
    bytes: int


@dataclass(frozen=True)
class Compute:
    """The forward FLOPs of the batch asked and of the next token, and a training step's."""

    flops: llm.Flops
    lm_head: int  # forward MACs of a causal LM's logits for the whole batch
    training: int | None  # FLOPs of one training step (forward + backward), None at inference


@dataclass(frozen=True)
class Answer:
    name: str
    options: FitOptions
    params: int
    terms: tuple[Term, ...]
    notes: tuple[str, ...] = ()
    compute: Compute | None = None
    active_params: int | None = None  # a mixture of experts: what one token runs

    @property
    def total(self) -> int:
        return sum(t.bytes for t in self.terms)

    @property
    def fits(self) -> bool:
        return self.total <= self.options.memory


def _n(x: int) -> str:
    return f"{x:,}"


def _size(n: int | float) -> str:
    return f"{_n(int(n))} bytes ({n / 2**30:.2f} GiB)"


def _bytes(dtype: str) -> int:
    return int(DTYPE_BYTES[dtype])


def _with_dtype(spec: Spec, dtype: str) -> Spec:
    """The model built with ``dtype`` as every layer's policy (``dtype=`` of a backbone)."""
    name = None if dtype == "float32" else dtype
    layers = []
    memo: dict[int, Any] = {}
    for call in spec.layers:
        key = id(call.config)
        if key not in memo:
            memo[key] = (call.config, MappingProxyType({**call.config, "dtype": name}))
        layers.append(replace(call, config=memo[key][1]))
    return replace(spec, layers=tuple(layers))


#: the variables Keras's quantize() replaces in a quantizable layer
QUANTIZED_WEIGHTS = ("kernel", "embeddings", "reverse_embeddings")


def kept_float(result: InferenceResult) -> int:
    """Parameters Keras's ``quantize()`` leaves in floating point: biases, norms, and every layer
    without a ``quantize`` method (a mixture's stacked experts, position tables...)."""
    kept = 0
    for row in result.layers:
        kind = CATALOG.get(row.type)
        if isinstance(kind, HubLayer) and row.calls:
            call = row.calls[0]
            kept += sum(w.size for w in kind.own_weights(dict(row.config), list(call.input_shapes)))
            parts = kind.described(dict(row.config), list(call.input_shapes))
            for part in llm.walk(parts):
                kept += sum(
                    w.size
                    for w in part.weights
                    if part.type not in QUANTIZABLE or w.name not in QUANTIZED_WEIGHTS
                )
        else:
            quantizable = row.type in QUANTIZABLE
            kept += sum(
                w.size for w in row.weights if not quantizable or w.name not in QUANTIZED_WEIGHTS
            )
    return kept


def weights_term(spec: Spec, result: InferenceResult, opts: FitOptions, notes: list[str]) -> Term:
    t = result.totals
    if opts.dtype is None:
        return Term(
            "weights", "weights", f"{_n(t.total)} params at their saved dtypes", int(t.total_bytes)
        )
    if opts.dtype in QUANTIZED:
        q = infer_spec(quantized(_with_dtype(spec, opts.compute), opts.dtype)).totals
        notes.append(
            f"{_n(kept_float(result))} params stay at {opts.compute}: the biases, norms and layers "
            "Keras's quantize() does not quantize (stacked experts, position tables...)"
        )
        return Term(
            "weights",
            "weights",
            f"{_n(t.total)} params quantized to {opts.dtype} as Keras's quantize() stores them "
            f"({_n(q.total)} variables and scales, from {opts.compute})",
            int(q.total_bytes),
        )
    b = _bytes(opts.dtype)
    return Term("weights", "weights", f"{_n(t.total)} params x {b} B ({opts.dtype})", t.total * b)


def _workspaces(result: InferenceResult, batch: int, width: int) -> dict[str, tuple[int, int]]:
    """Bytes of each keras_hub call's inner tensors: (all of them, the score matrices among
    them, which flash attention does not hold)."""
    out = {}
    for row in result.layers:
        if not isinstance(CATALOG.get(row.type), HubLayer):
            continue
        for call in row.live_calls:
            op = Op(row.type, row.config, call.input_shapes, call.output_shapes)
            try:
                inner, scores = workspace_parts(op)
            except Uncounted:
                continue
            out[call.name] = ((inner + scores) * batch * width, scores * batch * width)
    return out


def answer(
    spec: Spec,
    opts: FitOptions,
    seq_len: int | None = None,
    batch: int | None = None,
    with_compute: bool = False,
    result: InferenceResult | None = None,
) -> Answer:
    """The memory terms of ``opts.task`` for ``batch`` sequences of ``seq_len`` tokens (and,
    ``with_compute``, its FLOPs); ``result``: the spec already inferred at that length."""
    seq = opts.seq_len if seq_len is None else seq_len
    batch = opts.batch_size if batch is None else batch
    compute = opts.compute
    width = _bytes(compute)
    result = result or infer_spec(with_lengths(spec, seq))
    lay = llm.layout(result)
    mem = memory.analyze(result, CostOptions(batch_size=batch, dtype=compute))
    if mem.unknown:
        name, why = mem.unknown[0]
        raise ValueError(f"the memory of {name} is unknown: {why}")
    parts = _workspaces(result, batch, width)
    held = {
        call: full - (scores if opts.flash_attention else 0)
        for call, (full, scores) in parts.items()
    }
    if opts.flash_attention:  # the walk counted the score matrices: take them out per call
        mem = replace(
            mem,
            peak_bytes=max(s.in_use_bytes - parts.get(s.call, (0, 0))[1] for s in mem.timeline),
        )
    notes: list[str] = []
    terms = [weights_term(spec, result, opts, notes)]
    trainable_dtype = opts.dtype if opts.dtype and opts.dtype not in QUANTIZED else "float32"
    if opts.task == "inference":
        terms += _inference_terms(lay, mem, held, opts, seq, batch, compute, notes)
    else:
        terms += _training_terms(result, lay, mem, held, opts, seq, batch, trainable_dtype, notes)
    if lay.causal_lm and lay.vocab:
        logits_dtype = compute if opts.task == "inference" else "float32"
        terms.append(
            Term(
                "logits",
                "logits",
                f"{_n(batch)} x {_n(seq)} tokens x {_n(lay.vocab)} vocabulary x "
                f"{_bytes(logits_dtype)} B ({logits_dtype}{'' if opts.task == 'inference' else ', for the loss'})",
                batch * seq * lay.vocab * _bytes(logits_dtype),
            )
        )
    work = _compute(lay, opts, seq, batch) if with_compute and lay.attention else None
    held, idle = llm.experts(lay)
    active = result.totals.total - idle if held else None
    return Answer(result.name, opts, result.totals.total, tuple(terms), tuple(notes), work, active)


def _compute(lay: llm.Layout, opts: FitOptions, seq: int, batch: int) -> Compute:
    f = llm.flops(lay, seq, batch)
    head = f.lm_head_macs_per_token * seq * batch
    if opts.task == "inference":
        return Compute(f, head, None)
    forward = f.prefill + Cost(macs=head)
    if opts.task == "full":
        return Compute(f, head, llm.training_flops(forward, recompute=opts.recompute))
    roles = llm.lora_targets(opts.lora_targets)
    adapted = llm.lora(lay, roles, opts.lora_rank)
    frozen = (llm.linear_macs(lay) - llm.linear_macs(lay, roles)) * seq * batch + head
    steps = llm.training_flops(forward, frozen, adapted.merge_macs, opts.recompute)
    return Compute(f, head, steps)


def _inference_terms(
    lay: llm.Layout,
    mem: memory.MemoryReport,
    spaces: dict[str, int],
    opts: FitOptions,
    seq: int,
    batch: int,
    compute: str,
    notes: list[str],
) -> list[Term]:
    terms = []
    kv = llm.kv_cache(lay, batch, seq, compute)
    if kv.layers:
        chosen = kv.keras_hub_bytes if opts.kv_cache == "keras_hub" else kv.window_bytes
        a = kv.layers[0][1]
        shape = f"2 x {_n(batch)} x {{tokens}} x {a.kv_heads} kv heads x {a.head_dim} x {_bytes(compute)} B"
        if opts.kv_cache == "keras_hub":
            how = f"{len(kv.layers)} layers x {shape.format(tokens=_n(seq))} (keras_hub: max_length in every layer)"
        else:
            how = f"{len(kv.layers)} layers x {shape.format(tokens='min(' + _n(seq) + ', window)')} (window layers keep their window)"
        if len({(x.kv_heads, x.head_dim) for _, x in kv.layers}) > 1:
            how = f"sum over {len(kv.layers)} layers of 2 x batch x tokens x kv heads x head_dim x {_bytes(compute)} B"
        terms.append(Term("kv_cache", "KV cache", how, chosen))
        if kv.differs:
            other = "window" if opts.kv_cache == "keras_hub" else "keras_hub"
            value = kv.window_bytes if other == "window" else kv.keras_hub_bytes
            notes.append(f"KV cache with --kv-cache {other}: {_size(value)}")
    peak = mem.peak_bytes or 0
    scores = ""
    if lay.attention:
        scores = (
            ", score matrices not held (flash attention)"
            if opts.flash_attention
            else ", attention scores materialised"
        )
    terms.append(
        Term(
            "activations",
            "activations",
            f"{'prefill ' if opts.sequence else ''}peak: the tensors live at once{scores} ({opts.shape_text(batch, seq)}, {compute})",
            int(peak),
        )
    )
    return terms


def _training_terms(
    result: InferenceResult,
    lay: llm.Layout,
    mem: memory.MemoryReport,
    spaces: dict[str, int],
    opts: FitOptions,
    seq: int,
    batch: int,
    dtype: str,
    notes: list[str],
) -> list[Term]:
    slots = OPTIMIZER_SLOTS[opts.optimizer]
    terms = []
    if opts.task == "lora":
        roles = llm.lora_targets(opts.lora_targets)
        adapted = llm.lora(lay, roles, opts.lora_rank)
        trainable, tdtype = adapted.trainable, "float32"
        terms.append(
            Term(
                "adapters",
                "LoRA adapters",
                f"{_n(adapted.adapters)} params (rank {opts.lora_rank} on {', '.join(roles)}: "
                "Keras's factors (*kernel[:-1], r) and (r, kernel[-1])) x 4 B (float32)",
                adapted.adapters * 4,
            )
        )
        if adapted.biases:
            notes.append(
                f"the adapted layers' biases ({_n(adapted.biases)} params) stay trainable, as "
                "keras_hub's enable_lora leaves them"
            )
    else:
        trainable, tdtype = result.totals.trainable, dtype
    if opts.task == "lora":
        wb = _bytes(dtype)
        per = f"{_n(adapted.adapters)} x 4 B"
        if adapted.biases:
            per = f"({per} + {_n(adapted.biases)} biases x {wb} B)"
        one = adapted.adapters * 4 + adapted.biases * wb
    else:
        b = _bytes(tdtype)
        per = f"{_n(trainable)} x {b} B ({tdtype})"
        one = trainable * b
    terms.append(Term("gradients", "gradients", f"one per trainable parameter: {per}", one))
    plural = "s" if slots != 1 else ""
    terms.append(
        Term(
            "optimizer",
            "optimizer state",
            f"{opts.optimizer}: {slots} slot{plural} per trainable parameter: {slots} x {per}",
            slots * one,
        )
    )
    outputs = sum(x.output_bytes or 0 for x in mem.layers)
    recomputed = outputs + max(spaces.values(), default=0)
    everything = outputs + sum(spaces.values())
    if opts.recompute:
        kept, other = recomputed, f"without --recompute: {_size(everything)}"
        how = "every layer's output (block inputs kept) + one block's inner tensors, recomputed in turn"
    else:
        kept, other = everything, f"with --recompute: {_size(recomputed)}"
        how = "every layer's output and every block's inner tensors, kept for the backward pass"
    notes.append(f"activations {other}")
    scores = ", score matrices not kept (flash attention)" if opts.flash_attention else ""
    terms.append(
        Term(
            "activations",
            "activations",
            f"{how}{scores} ({opts.shape_text(batch, seq)}, {opts.compute})",
            int(kept),
        )
    )
    return terms


def largest_batch(spec: Spec, opts: FitOptions) -> int:
    """The largest batch size whose total fits (0: not even one): the total is linear in the
    batch (weights, gradients and optimizer state fixed, the rest per sequence)."""
    result = infer_spec(with_lengths(spec, opts.seq_len))  # one inference for both batches
    one = answer(spec, opts, batch=1, result=result).total
    two = answer(spec, opts, batch=2, result=result).total
    per, fixed = two - one, 2 * one - two
    if fixed + per > opts.memory:
        return 0
    return min(MAX_BATCH, (opts.memory - fixed) // per) if per else MAX_BATCH


def largest_seq(spec: Spec, opts: FitOptions, limit: int | None) -> int:
    """The longest sequence (at the batch size asked) whose total fits, by bisection (memory
    grows with the length); at most ``limit`` (a learned position table) or 2^24 tokens."""
    hi = min(limit or MAX_TOKENS, MAX_TOKENS)
    if answer(spec, opts, seq_len=1).total > opts.memory:
        return 0
    if answer(spec, opts, seq_len=hi).total <= opts.memory:
        return hi
    lo = 1
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if answer(spec, opts, seq_len=mid).total <= opts.memory:
            lo = mid
        else:
            hi = mid
    return lo
