"""The fast plain-text table must equal rich's, line for line, on any content."""

from __future__ import annotations

import io

import rich.console
import rich.markup
import rich.table
from hypothesis import given, settings
from hypothesis import strategies as st

from archcalc.render.grid import render_grid

WORD = st.text(
    alphabet=st.sampled_from([*"abcXYZ_019(),.-[] ", "é", "中", "…"]), min_size=0, max_size=40
)
LAYOUTS = [
    (["Layer (type)", "Output Shape", "Param #"], ["left", "left", "right"], [0.45, 0.80, 1.0]),
    (
        ["Layer (type)", "Output Shape", "Param #", "Connected to"],
        ["left", "left", "right", "left"],
        [0.3, 0.56, 0.74, 1.0],
    ),
    (
        ["Layer (type)", "Output Shape", "Param #", "Trainable"],
        ["left", "left", "right", "center"],
        [0.405, 0.72, 0.9, 1.0],
    ),
]


def rich_lines(header, justify, widths, line_length, rows):
    columns = [
        rich.table.Column(h, justify=j, width=w)
        for h, j, w in zip(header, justify, widths, strict=True)
    ]
    table = rich.table.Table(*columns, width=line_length, show_lines=True)
    for row in rows:
        table.add_row(*[rich.markup.escape(c) for c in row])
    out = io.StringIO()
    rich.console.Console(
        file=out, width=1000, color_system=None, force_terminal=False, highlight=False
    ).print(table)
    return out.getvalue().splitlines()


@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from(LAYOUTS),
    st.integers(30, 130),
    st.lists(st.lists(WORD, min_size=4, max_size=4), max_size=4),
)
def test_grid_equals_rich(layout, line_length, rows) -> None:
    header, justify, positions = layout
    widths, current = [], 0
    for p in positions:
        w = int(p * line_length) - current
        widths.append(w)
        current += w
    if min(widths) < 4:
        return
    rows = [r[: len(header)] for r in rows]
    assert render_grid(header, justify, widths, line_length, rows) == rich_lines(
        header, justify, widths, line_length, rows
    )
