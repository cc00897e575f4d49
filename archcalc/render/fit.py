"""``archcalc fit``'s answer as text or JSON: every memory term with its formula, the verdict,
the largest batch and sequence that fit, and the compute of the batch asked.

Sizes are 1024-based with IEC names (GiB, MiB), as ``--memory 24GiB`` is
read; each total also in exact bytes. FLOPs use the decimal K/M/G/T.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from archcalc.analysis.fit import Answer
from archcalc.numtext import grouped
from archcalc.render.units import human_count
from archcalc.textsafe import visible

_IEC = (("TiB", 1 << 40), ("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10))


def iec(n: int) -> str:
    """``25769803776`` -> ``24.00 GiB``; below 1 KiB the bytes themselves."""
    for unit, scale in _IEC:
        if n >= scale:
            return f"{n / scale:.2f} {unit}"
    return f"{n} B"


@dataclass(frozen=True)
class Limits:
    """The largest batch at the sequence length asked and the longest sequence at the batch
    asked (0: not even one), and the model's own length limit if any."""

    batch: int
    seq_len: int
    max_positions: int | None


def _task(a: Answer) -> str:
    o = a.options
    if o.task == "inference":
        return "inference (a prefill, then decoding)" if o.sequence else "inference"
    what = (
        "full fine-tuning"
        if o.task == "full"
        else (f"LoRA fine-tuning, rank {o.lora_rank} on {', '.join(o.lora_targets)}")
    )
    recompute = ", activation recomputation" if o.recompute else ""
    return f"{what}, {o.optimizer}{recompute}"


def render_text(a: Answer, limits: Limits) -> str:
    o = a.options
    weights = o.dtype or "saved"
    active = f" ({grouped(a.active_params)} active per token)" if a.active_params else ""
    lines = [
        f'Model "{visible(a.name)}": {grouped(a.params)} parameters{active}; {_task(a)}; {weights} weights, '
        f"{o.compute} compute; {o.shape_text(o.batch_size, o.seq_len)}",
        "",
    ]
    label_w = max(len(t.label) for t in a.terms)
    sizes = [iec(t.bytes) for t in a.terms]
    size_w = max(len(s) for s in [*sizes, iec(a.total)])
    for t, size in zip(a.terms, sizes, strict=True):
        lines.append(f"  {t.label:<{label_w}}  {size:>{size_w}}  {visible(t.formula)}")
    lines.append(f"  {'total':<{label_w}}  {iec(a.total):>{size_w}}  {grouped(a.total)} bytes")
    lines.append("")
    budget = iec(o.memory)
    if a.fits:
        lines.append(f"Fits in {budget}: yes, {iec(o.memory - a.total)} to spare.")
    else:
        lines.append(f"Fits in {budget}: no, {iec(a.total - o.memory)} over.")
    limit = (
        f" (the model's positions stop at {grouped(limits.max_positions)})"
        if limits.max_positions
        else ""
    )
    if o.sequence:
        lines.append(
            f"Largest batch at {grouped(o.seq_len)} tokens: {grouped(limits.batch)}. Longest "
            f"sequence at batch {grouped(o.batch_size)}: {grouped(limits.seq_len)} tokens{limit}."
        )
    else:
        lines.append(f"Largest batch: {grouped(limits.batch)}.")
    if a.compute is not None:
        lines += ["", *_compute_lines(a)]
    lines += [f"Note: {visible(n)}" for n in a.notes]
    return "\n".join(lines) + "\n"


def _compute_lines(a: Answer) -> list[str]:
    c = a.compute
    assert c is not None
    f = c.flops
    tokens = f.seq_len * f.batch
    lines = [
        f"Compute, forward (FLOPs = 2 x MACs + element-wise work; archcalc docs costs): prefill "
        f"{human_count(f.prefill.flops)} FLOPs ({human_count(f.prefill.flops // tokens)} per token), "
        f"of which attention scores and values {human_count(2 * f.attention_macs)} over every "
        f"(query, key) pair keras_hub computes; causal pairs only: "
        f"{human_count(f.prefill_visible.flops)} FLOPs",
        f"Next token after {grouped(f.seq_len)}: {human_count(f.decode.flops // f.batch)} FLOPs per "
        f"sequence attending to every cached position (keras_hub), "
        f"{human_count(f.decode_visible.flops // f.batch)} to the visible ones",
    ]
    if c.lm_head:
        lines.append(f"LM head (token_embedding reversed): {human_count(2 * c.lm_head)} FLOPs")
    if c.training is not None:
        lines.append(
            f"Training step: {human_count(c.training)} FLOPs (backward = 2 x a matmul, 1 x a "
            "frozen one, 1 x element-wise work)"
        )
    return lines


def render_json(a: Answer, limits: Limits) -> str:
    o = a.options
    doc: dict[str, Any] = {
        "model": a.name,
        "params": a.params,
        "active_params": a.active_params,
        "options": {
            "memory": o.memory,
            "seq_len": o.seq_len,
            "batch_size": o.batch_size,
            "dtype": o.dtype,
            "compute_dtype": o.compute,
            "task": o.task,
            "optimizer": o.optimizer if o.task != "inference" else None,
            "lora_rank": o.lora_rank if o.task == "lora" else None,
            "lora_targets": list(o.lora_targets) if o.task == "lora" else None,
            "recompute": o.recompute,
            "flash_attention": o.flash_attention,
            "kv_cache": o.kv_cache,
        },
        "terms": [
            {"key": t.key, "label": t.label, "bytes": t.bytes, "formula": t.formula}
            for t in a.terms
        ],
        "total_bytes": a.total,
        "fits": a.fits,
        "largest_batch": limits.batch,
        "largest_seq_len": limits.seq_len,
        "max_positions": limits.max_positions,
        "notes": list(a.notes),
    }
    if a.compute is not None:
        f = a.compute.flops
        doc["compute"] = {
            "prefill_flops": f.prefill.flops,
            "prefill_macs": f.prefill.macs,
            "prefill_visible_flops": f.prefill_visible.flops,
            "attention_macs": f.attention_macs,
            "attention_visible_macs": f.attention_visible_macs,
            "decode_flops": f.decode.flops,
            "decode_visible_flops": f.decode_visible.flops,
            "lm_head_macs": a.compute.lm_head,
            "training_flops": a.compute.training,
        }
    return json.dumps(doc, indent=2) + "\n"
