"""Wording shared by the diff renderers (table and markdown), so they say the same thing.

Values are written as a YAML spec writes them (``[5, 5]``, ``null``,
``true``), since that is what the reader edits; shapes as Keras prints them.
Names, types, values and paths come from the input: every function here
returns them through :func:`archcalc.textsafe.visible`, so a control
character in a name is shown, never obeyed.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from archcalc.diff.model import FieldChange, LayerDiff, MetricDelta, ModelDiff
from archcalc.numtext import grouped
from archcalc.reader.writer import flow
from archcalc.shapes import format_shapes
from archcalc.textsafe import visible

ARROW = "→"
MARKS = {"added": "+", "removed": "-", "own": "~", "upstream": ">", "unchanged": " "}


@dataclass(frozen=True)
class DiffOptions:
    only_changes: bool = False  # leave out unchanged layers
    width: int = 100  # table width in characters
    color: bool = False


def mark(d: LayerDiff) -> str:
    """``+`` added, ``-`` removed, ``~`` own change, ``>`` changed only as a consequence."""
    return MARKS[d.cause or d.status]


def shown_layers(diff: ModelDiff, opts: DiffOptions) -> list[LayerDiff]:
    return [x for x in diff.layers if not (opts.only_changes and x.status == "unchanged")]


def value(v: Any) -> str:
    """A config value in YAML flow style, as a spec would write it (``archcalc convert``'s writer)."""

    return visible(flow(v))


def number(x: int | float | Fraction) -> str:
    """``1,234``, or ``1,234.50`` for a fraction; exact for any size (numtext.grouped)."""
    if isinstance(x, int):
        return grouped(x)
    if isinstance(x, Fraction) and x.denominator == 1:
        return grouped(x.numerator)
    if isinstance(x, float) and x.is_integer():
        return f"{int(x):,}"
    return f"{float(x):,.2f}"


def signed(x: int | float) -> str:
    return ("+" if x > 0 else "") + number(x)


def delta_text(m: MetricDelta) -> str:
    """``+26,432 (+80.42%)``; ``+100`` from 0; ``no change``."""
    if not m.changed:
        return "no change"
    pct = m.percent
    return signed(m.delta) + ("" if pct is None else f" ({pct:+.2f}%)")


#: how model-level fields are named in sentences ("Model type: ...")
FIELD_LABELS = {"model_type": "type"}


def block_text(bc: Any) -> str:
    """A change inside a block, once: ``bottleneck x16 (conv2_block1 … conv5_block3):
    filters: 64 → 128; in each: 1_conv filters: 64 → 128``."""
    names = [visible(n) for n in bc.instances]
    n = len(names)
    which = names[0] if n == 1 else f"{names[0]} … {names[-1]}"
    head = f"{visible(bc.block)}{f' ×{n}' if n > 1 else ''} ({which})"
    if bc.status != "changed":
        return f"{head} {bc.status}"
    parts = [change_text(c) for c in bc.params]
    inside = "; ".join(
        f"{visible(local)} " + ", ".join(change_text(c) for c in changes)
        for local, changes in bc.layers
        if changes
    )
    if inside:
        parts.append(f"in each: {inside}")
    return f"{head}: {'; '.join(parts)}" if parts else head


def change_text(c: FieldChange) -> str:
    label = visible(FIELD_LABELS.get(c.field, c.field))
    if c.kind in ("inputs", "outputs"):
        old, new = (", ".join(map(visible, names)) or "-" for names in (c.old, c.new))
        return f"{label}: {old} {ARROW} {new}"
    old = value(c.old) + (" (default)" if c.old_default else "")
    new = value(c.new) + (" (default)" if c.new_default else "")
    return f"{label}: {old} {ARROW} {new}"


def _origin_label(diff: ModelDiff, name: str) -> str:
    for x in diff.layers:
        if x.status == "added" and x.new and x.new.name == name:
            return f"{visible(name)} (added)"
    for x in diff.layers:
        if x.status == "removed" and x.old and x.old.name == name:
            return f"{visible(name)} (removed)"
    return visible(name)


def what_changed(diff: ModelDiff, d: LayerDiff) -> list[str]:
    """The Change column: what the layer's own edit was, or where its change comes from."""
    if d.status in ("added", "removed", "unchanged"):
        return [d.status] if d.status != "unchanged" else []
    parts = [change_text(c) for c in d.definition_changes if c.kind != "name" and d.cause == "own"]
    if d.cause == "own" and not parts and d.renamed:
        parts.append("renamed")
    split = next((m for m in d.metrics if m.key == "non_trainable_params"), None)
    if split is not None and split.changed:
        parts.append(f"non-trainable params: {number(split.old)} {ARROW} {number(split.new)}")
    if d.cause == "upstream":
        origin = ", ".join(_origin_label(diff, n) for n in d.origin) or "upstream changes"
        parts.append(f"follows from {origin}")
    return parts


def layer_label(d: LayerDiff, sep: str = f" {ARROW} ") -> tuple[str, str]:
    """``(name, type)``, each ``old → new`` where it changed."""
    old, new = d.old, d.new
    if old is None or new is None:
        side = new or old
        assert side is not None
        return visible(side.name), visible(side.type)
    name = visible(new.name)
    if old.name != new.name:
        name = f"{visible(old.name)}{sep}{name}"
    kind = visible(new.type)
    if old.type != new.type:
        kind = f"{visible(old.type)} {ARROW} {kind}"
    return name, kind


def shape_text(d: LayerDiff, sep: str = f" {ARROW} ") -> str:
    old, new = d.old, d.new
    if old is None or new is None:
        side = new or old
        assert side is not None
        return format_shapes(side.output_shapes)
    if old.output_shapes == new.output_shapes:
        return format_shapes(new.output_shapes)
    return f"{format_shapes(old.output_shapes)}{sep}{format_shapes(new.output_shapes)}"


def params_text(d: LayerDiff, sep: str = f" {ARROW} ") -> str:
    m = next((x for x in d.metrics if x.key == "total_params"), None)
    if m is None:
        return ""
    if d.status == "added":
        return number(m.new)
    if d.status == "removed":
        return number(m.old)
    if not m.changed:
        return number(m.new)
    return f"{number(m.old)}{sep}{number(m.new)} ({signed(m.delta)})"


def counts_line(diff: ModelDiff) -> str:
    """One sentence: how many layers changed, and how."""
    if diff.identical:
        return "No differences: the models have the same layers, shapes and parameters."
    own = diff.count("changed", "own")
    upstream = diff.count("changed", "upstream")
    added, removed = diff.count("added"), diff.count("removed")
    text = (
        f"{own} layer{'s' if own != 1 else ''} changed, "
        f"{upstream} changed only as a consequence, {added} added, {removed} removed"
    )
    if diff.model_changes:
        text += "; model " + ", ".join(
            FIELD_LABELS.get(c.field, c.field) for c in diff.model_changes
        )
        text += " changed"
    return text + "."


def name_change_text(diff: ModelDiff) -> str:
    """The model's name changed: said, but not counted as a difference."""
    old, new = visible(diff.old.name), visible(diff.new.name)
    return f"name: {old} {ARROW} {new} (not counted as a difference)"


def side_title(diff: ModelDiff, which: str) -> str:
    side = diff.old if which == "old" else diff.new
    return visible(f"{side.source} ({side.name}, {side.model_type})")
