"""``archcalc diff`` for people: a rich table with diff marks, then the totals.

Marks (also shown without colour): ``+`` added, ``-`` removed, ``~`` the
layer's own definition changed, ``>`` it changed only as a consequence of a
change above it (the Change column names where that change starts).
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from archcalc.diff.model import ModelDiff
from archcalc.render import diff_common as dc
from archcalc.render.diff_common import DiffOptions

#: a changed value takes two lines in the table: the old one, then "→ new"
TWO_LINES = f"\n{dc.ARROW} "
STYLES = {"+": "green", "-": "red", "~": "yellow", ">": "cyan", " ": ""}


def render_diff_table(diff: ModelDiff, opts: DiffOptions | None = None) -> str:
    import rich.box
    import rich.console
    import rich.table
    from rich.markup import escape

    opts = opts or DiffOptions()
    out = io.StringIO()
    console = rich.console.Console(
        file=out,
        width=opts.width,
        highlight=False,
        force_terminal=opts.color,
        color_system="256" if opts.color else None,
        no_color=not opts.color,
        legacy_windows=False,
        soft_wrap=False,
    )
    console.print(f"[bold red]--- {escape(dc.side_title(diff, 'old'))}[/]", overflow="fold")
    console.print(f"[bold green]+++ {escape(dc.side_title(diff, 'new'))}[/]", overflow="fold")

    rows = dc.shown_layers(diff, opts)
    cells = [
        (
            dc.mark(d),
            "{} ({})".format(*dc.layer_label(d, TWO_LINES)),
            dc.shape_text(d, TWO_LINES),
            dc.params_text(d, TWO_LINES),
            "; ".join(dc.what_changed(diff, d)),
        )
        for d in rows
    ]
    # Shapes and names wrap badly: let the Change column give way first.
    table = rich.table.Table(box=rich.box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("", width=1, no_wrap=True)
    table.add_column(
        "Layer (type)",
        overflow="fold",
        min_width=min(_longest(c[1] for c in cells), opts.width // 5),
    )
    table.add_column(
        "Output Shape",
        overflow="fold",
        min_width=min(_longest(c[2] for c in cells), opts.width // 4),
    )
    table.add_column("Param #", justify="right", overflow="fold")
    table.add_column("Change", overflow="fold", min_width=min(16, opts.width // 5))
    for m, *texts in cells:
        table.add_row(m, *(escape(t) for t in texts), style=STYLES[m])
    if rows:
        console.print(table)
    hidden = len(diff.layers) - len(rows)
    if hidden:
        console.print(f"({hidden} unchanged layer{'s' if hidden != 1 else ''} not shown)")
    for c in diff.model_changes:
        console.print("[bold]Model[/] " + escape(dc.change_text(c)), overflow="fold")
    if diff.old.name != diff.new.name:
        console.print(
            f"[bold]Model[/] name: {escape(diff.old.name)} {dc.ARROW} {escape(diff.new.name)} "
            "(not counted as a difference)",
            overflow="fold",
        )

    totals = rich.table.Table(box=None, show_header=False, pad_edge=False)
    totals.add_column(no_wrap=True)
    totals.add_column(justify="right", no_wrap=True)
    totals.add_column(no_wrap=True)
    totals.add_column(justify="right", no_wrap=True)
    totals.add_column(no_wrap=True)
    for metric in diff.metrics:
        style = "bold" if metric.changed else ""
        totals.add_row(
            f"[bold]{escape(metric.label)}:[/]",
            dc.number(metric.old),
            dc.ARROW,
            dc.number(metric.new),
            f"[{style}]{dc.delta_text(metric)}[/]" if style else dc.delta_text(metric),
        )
    console.print(totals)
    console.print(dc.counts_line(diff), overflow="fold")
    return _strip_trailing(out.getvalue())


def _longest(texts: Iterable[str]) -> int:
    return max((len(line) for t in texts for line in t.split("\n")), default=0)


def _strip_trailing(text: str) -> str:
    """Rich pads table lines to the width; trailing spaces only make diffs of goldens noisy."""
    return "\n".join(line.rstrip() for line in text.split("\n"))
