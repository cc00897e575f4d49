"""How costs look in the table: the extra columns, their cells and the "will it fit" footer.

Counts use decimal units (K, M, G, T = 10^3, 10^6, 10^9, 10^12, as FLOP
counters print them); bytes use Keras's 1024-based ``readable_memory_size``
(KB, MB, GB), so the footer reads like Keras's ``(128.38 KB)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from archcalc.analysis import Costs
from archcalc.analysis.flops import LayerCost
from archcalc.analysis.memory import LayerMemory
from archcalc.diagnostics import did_you_mean
from archcalc.numtext import fixed2, grouped
from archcalc.render.units import UNITS_NOTE, bytes_text, count_text, human_count
from archcalc.results import Totals
from archcalc.textsafe import visible


@dataclass(frozen=True)
class CostColumn:
    """An extra column of the table (``--columns``): its header and the characters it adds."""

    key: str
    header: str
    width: int  # characters it adds to Keras's default line length
    doc: str


COST_COLUMNS = {
    c.key: c
    for c in (
        CostColumn("macs", "MACs", 12, "multiply-accumulates of the layer (all its calls)"),
        CostColumn("flops", "FLOPs", 12, "2 x MACs + element-wise work"),
        CostColumn("activations", "Activations", 15, "bytes of the layer's outputs"),
        CostColumn("percent", "% FLOPs", 11, "the layer's share of the model's FLOPs"),
    )
}
COLUMN_ALIASES = {
    "memory": "activations",
    "mem": "activations",
    "act": "activations",
    "mult-adds": "macs",
    "%": "percent",
    "pct": "percent",
}


def parse_columns(text: str) -> tuple[str, ...]:
    """``"macs,flops"`` -> ``("macs", "flops")``; unknown names raise ValueError (did you mean)."""

    out: list[str] = []
    for raw in text.split(","):
        name = raw.strip().lower()
        if not name:
            continue
        key = COLUMN_ALIASES.get(name, name)
        if key not in COST_COLUMNS:
            hint = did_you_mean(name, [*COST_COLUMNS, *COLUMN_ALIASES])
            raise ValueError(
                f"unknown column {raw.strip()!r}{hint}; choose from {', '.join(COST_COLUMNS)}"
            )
        if key not in out:
            out.append(key)
    return tuple(out)


def header(key: str, costs: Costs) -> str:
    if key == "percent" and not costs.compute.flops_defined:
        return "% MACs"
    return COST_COLUMNS[key].header


def cell(key: str, costs: Costs, lc: LayerCost | None, lm: LayerMemory | None) -> str:
    """One cost cell (plain text): ``?`` = not countable, ``-`` = not defined or not computed."""
    compute = costs.compute
    if key == "activations":
        return "-" if lm is None else bytes_text(lm.output_bytes)
    if lc is None:
        return "-"
    if key == "macs":
        return human_count(lc.cost.macs) if lc.counted else "?"
    value = lc.cost.flops if compute.flops_defined else lc.cost.macs
    if key == "flops":
        if not compute.flops_defined:
            return "-"
        return human_count(value) if lc.counted else "?"
    whole = compute.total.flops if compute.flops_defined else compute.total.macs
    if not lc.counted:
        return "?"
    return f"{fixed2(Fraction(100 * value, whole))}%" if whole else "-"


def param_bytes(totals: Totals, costs: Costs | None) -> tuple[float, float, float]:
    """Bytes of all, trainable and non-trainable parameters, as the table and JSON show them:
    Keras's (each variable's own dtype), or at ``--dtype`` when one is asked for, so that
    ``Total params: ... (64.19 KB)`` agrees with the footer's training memory."""
    if costs is None or costs.memory.dtype is None:
        return totals.total_bytes, totals.trainable_bytes, totals.non_trainable_bytes
    m = costs.memory
    return m.param_bytes, m.trainable_param_bytes, m.param_bytes - m.trainable_param_bytes


def footer(costs: Costs) -> list[tuple[str, str]]:
    """(label, text) lines under Keras's totals: compute, activations, training memory."""
    c, m, o = costs.compute, costs.memory, costs.options
    lines: list[tuple[str, str]] = []
    n = len(c.uncounted)
    partial = f" or more ({n} layer{'s' if n > 1 else ''} not counted)" if n else ""
    macs = f"{count_text(c.total.macs)}{partial}"
    if c.flops_defined:
        lines.append(("MACs: ", macs))
        parts = [f"{grouped(v)} {k}" for k, v in c.total.by_category().items() if v]
        detail = f" = {' + '.join(parts)}" if len(parts) > 1 else ""
        lines.append(("FLOPs: ", f"{count_text(c.total.flops)}{partial}{detail}"))
    else:
        lines.append(("Mult-Adds (torchinfo 1.8.0): ", macs))
    peak = f", peak {bytes_text(m.peak_bytes)} at inference" if m.peak_bytes is not None else ""
    if m.peak_at:
        peak += f" (while {visible(m.peak_at)} runs)"
    lines.append(("Activations: ", f"{bytes_text(m.activation_bytes)} in all{peak}"))
    t = m.training
    lines.append(
        (
            f"Training memory ({o.optimizer}): ",
            f"{bytes_text(t.total)} = {bytes_text(t.params)} params + {bytes_text(t.gradients)} gradients "
            f"+ {bytes_text(t.optimizer_state)} optimizer state + {bytes_text(t.activations)} activations",
        )
    )
    per = "per sample" if o.batch_size == 1 else "the whole batch"
    dtype = o.dtype or ", ".join(m.dtypes)
    lines.append(("Batch size: ", f"{o.batch_size:,} ({per}), {dtype}; {UNITS_NOTE}"))
    for u in c.uncounted:
        lines.append(("Not counted: ", visible(f"{u.layer} ({u.type}): {u.note}")))
    for name, why in m.unknown:
        lines.append(("Unknown size: ", visible(f"{name}: {why}")))
    return lines
