"""``archcalc diff --format markdown``: a GitHub-flavoured table for a pull-request comment."""

from __future__ import annotations

import re

from archcalc.diff.model import ModelDiff
from archcalc.render import diff_common as dc
from archcalc.render.diff_common import DiffOptions
from archcalc.textsafe import visible


def cell(text: str) -> str:
    """Table-safe text: controls made visible (no raw ESC or CR in a PR comment), pipes escaped."""
    return visible(text).replace("\\", "\\\\").replace("|", "\\|")


def code(text: str) -> str:
    """An inline code span that survives backticks in the text: CommonMark closes a span at
    the first run of backticks as long as its opening one, so the fence is one longer than
    the longest run inside (and padded, so a backtick at either end stays text)."""
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if longest else ""
    return f"{fence}{pad}{cell(text)}{pad}{fence}"


def render_diff_markdown(diff: ModelDiff, opts: DiffOptions | None = None) -> str:
    opts = opts or DiffOptions()
    old, new = diff.old, diff.new
    title = code(new.name) if old.name == new.name else f"{code(old.name)} → {code(new.name)}"
    lines = [
        f"### archcalc diff: {title}",
        "",
        f"{code(old.source)} → {code(new.source)}: {cell(dc.counts_line(diff))}",
        "",
    ]
    if diff.blocks:  # a change inside a block, once, before the layers it changed
        lines += [f"- Block {cell(dc.block_text(b))}" for b in diff.blocks] + [""]
    rows = dc.shown_layers(diff, opts)
    if rows:
        lines += [
            "| | Layer (type) | Output shape | Param # | Change |",
            "| :-: | --- | --- | --: | --- |",
        ]
        for d in rows:
            name, kind = dc.layer_label(d)
            m = dc.mark(d)
            status = f"`{m}`" if m.strip() else ""
            lines.append(
                f"| {status} | {code(name)} ({cell(kind)}) | {code(dc.shape_text(d))} | "
                f"{cell(dc.params_text(d))} | {cell('; '.join(dc.what_changed(diff, d)))} |"
            )
        lines.append("")
    hidden = len(diff.layers) - len(rows)
    if hidden:
        lines += [f"_{hidden} unchanged layer{'s' if hidden != 1 else ''} not shown._", ""]
    for c in diff.model_changes:
        lines.append(f"- Model {cell(dc.change_text(c))}")
    if diff.model_changes:
        lines.append("")
    lines += ["| | Before | After | Change |", "| --- | --: | --: | --: |"]
    for metric in diff.metrics:
        lines.append(
            f"| {cell(metric.label)} | {dc.number(metric.old)} | {dc.number(metric.new)} | "
            f"{cell(dc.delta_text(metric))} |"
        )
    lines += [
        "",
        "<sub>`+` added, `-` removed, `~` changed, `>` changed only as a consequence of the "
        "layers named in its Change column.</sub>",
    ]
    return "\n".join(lines) + "\n"
