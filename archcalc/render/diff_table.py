"""``archcalc diff`` for people: a table with diff marks, then the totals.

Marks (also shown without colour): ``+`` added, ``-`` removed, ``~`` the
layer's own definition changed, ``>`` it changed only as a consequence of a
change above it (the Change column names where that change starts).

The layout is done here, not by rich: cells wrap only between whole values
(:mod:`archcalc.render.wrap`), so no number is ever cut or split across
lines; when the table cannot fit ``opts.width`` that way, :class:`WidthError`
says which width would. Names are printed literally (never read as rich
markup or emoji codes) and colour is plain ANSI.
"""

from __future__ import annotations

from archcalc.diff.model import ModelDiff
from archcalc.render import diff_common as dc
from archcalc.render.diff_common import DiffOptions
from archcalc.render.wrap import WidthError, atoms, min_width, text_width, wrap

#: a changed value takes two lines in the table: the old one, then "→ new"
TWO_LINES = f"\n{dc.ARROW} "
#: ANSI colours per mark (green, red, yellow, cyan)
STYLES = {"+": "32", "-": "31", "~": "33", ">": "36", " ": ""}
HEADER = ("", "Layer (type)", "Output Shape", "Param #", "Change")
RIGHT = {3}  # right-aligned columns (Param #)
GAP = "   "
#: how the table narrows, step by step: (column, narrowest it gets at this step; 0 = its
#: widest atom). Change first to a readable width, then the delta under Param #, names,
#: shapes, and only then Change and names down to their longest word.
SHRINK_STEPS = ((4, 24), (3, 0), (1, 20), (2, 0), (4, 0), (1, 0))
#: continuation lines of a wrapped sentence or total are indented this much
INDENT = 2


def _style(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color and code and text else text


def render_diff_table(diff: ModelDiff, opts: DiffOptions | None = None) -> str:
    """The diff as text at most ``opts.width`` wide (the ``---``/``+++`` lines excepted)."""
    opts = opts or DiffOptions()
    rows = dc.shown_layers(diff, opts)
    cells = [
        (
            dc.mark(d),
            "{} ({})".format(*dc.layer_label(d, TWO_LINES)),
            dc.shape_text(d, TWO_LINES),
            dc.params_text(d, TWO_LINES),
            "\n".join(dc.what_changed(diff, d)),
        )
        for d in rows
    ]
    notes = []
    hidden = len(diff.layers) - len(rows)
    if hidden:
        notes.append(f"({hidden} unchanged layer{'s' if hidden != 1 else ''} not shown)")
    notes += ["Model " + dc.change_text(c) for c in diff.model_changes]
    # a change inside a block, once, before the layers it changed (its consequences)
    heads = ["Block " + dc.block_text(b) for b in diff.blocks]
    if diff.old.name != diff.new.name:
        notes.append(f"Model {dc.name_change_text(diff)}")
    totals = [
        (f"{m.label}:", dc.number(m.old), dc.number(m.new), dc.delta_text(m), m.changed)
        for m in diff.metrics
    ]
    counts = dc.counts_line(diff)

    needed = max(
        [_table_needed(cells) if rows else 0]
        + [_paragraph_needed(t) for t in [*heads, *notes, counts]]
        + [_totals_needed(totals)]
    )
    if needed > opts.width:
        raise WidthError(
            f"at {opts.width} columns the diff would cut values short; "
            f"use --width {needed} or more",
            needed,
        )
    table = _table(cells, opts.width) if rows else []
    out = [
        _style(f"--- {dc.side_title(diff, 'old')}", "1;31", opts.color),
        _style(f"+++ {dc.side_title(diff, 'new')}", "1;32", opts.color),
        "",
    ]
    if heads:
        out += [x for head in heads for x in _paragraph(head, opts.width)] + [""]
    for k, line in table:
        out.append(line if k is None else _style(line.rstrip(), STYLES[cells[k][0]], opts.color))
    if rows:
        out.append("")
    out += [x for note in notes for x in _paragraph(note, opts.width)]
    out += _totals(totals, opts.width, opts.color) + _paragraph(counts, opts.width)
    return "\n".join(line.rstrip() for line in out) + "\n"


def _column_min(column: int, values: list[str]) -> int:
    """The widest atom of the column; headers and the mark are never wrapped."""
    if column == 0:
        return 1
    return max(text_width(HEADER[column]), *(min_width(v.split("\n")) for v in values))


def _natural(column: int, values: list[str]) -> int:
    return max(text_width(HEADER[column]), *(text_width(x) for v in values for x in v.split("\n")))


def _widths(cells: list[tuple[str, ...]], width: int) -> tuple[list[int], int]:
    """Column widths for ``width``, and by how much the narrowest table still exceeds it."""
    columns = [[row[c] for row in cells] for c in range(len(HEADER))]
    natural = [_natural(c, v) for c, v in enumerate(columns)]
    least = [_column_min(c, v) for c, v in enumerate(columns)]
    fixed = 1 + len(GAP) * (len(HEADER) - 1)  # the left edge and the gaps
    excess = sum(natural) + fixed - width
    widths = list(natural)
    for c, floor in SHRINK_STEPS:
        if excess <= 0:
            break
        give = max(0, min(excess, widths[c] - max(least[c], floor)))
        widths[c] -= give
        excess -= give
    return widths, excess


def _table_needed(cells: list[tuple[str, ...]]) -> int:
    columns = [[row[c] for row in cells] for c in range(len(HEADER))]
    return 1 + len(GAP) * (len(HEADER) - 1) + sum(_column_min(c, v) for c, v in enumerate(columns))


def _cell_lines(text: str, width: int, column: int) -> list[str]:
    lines = [x for part in text.split("\n") for x in wrap(part, width)] if text else [""]
    pad = str.rjust if column in RIGHT else str.ljust
    return [pad(x, width - (text_width(x) - len(x))) for x in lines]


def _table(cells: list[tuple[str, ...]], width: int) -> list[tuple[int | None, str]]:
    """(row index or None for the header, line) pairs; the caller checked that it fits."""
    widths, excess = _widths(cells, width)
    assert excess <= 0, "the caller refuses a width the table cannot fit"
    head = [_cell_lines(h, w, c)[0] for c, (h, w) in enumerate(zip(HEADER, widths, strict=True))]
    out: list[tuple[int | None, str]] = [(None, " " + GAP.join(head))]
    out.append((None, " " + "─" * (sum(widths) + len(GAP) * (len(HEADER) - 1))))
    for k, row in enumerate(cells):
        columns = [_cell_lines(t, w, c) for c, (t, w) in enumerate(zip(row, widths, strict=True))]
        for i in range(max(len(col) for col in columns)):
            parts = [
                col[i] if i < len(col) else " " * w for col, w in zip(columns, widths, strict=True)
            ]
            out.append((k, " " + GAP.join(parts)))
    return out


def _paragraph(text: str, width: int) -> list[str]:
    return wrap(text, width, INDENT)


def _paragraph_needed(text: str) -> int:
    parts = atoms(text)
    return max([text_width(parts[0]) if parts else 0, *(INDENT + text_width(a) for a in parts[1:])])


Total = tuple[str, str, str, str, bool]


def _aligned(totals: list[Total], color: bool) -> list[str]:
    """The totals as columns, as wide as they need; labels bold, and deltas that moved."""
    label = max(text_width(t[0]) for t in totals)
    old = max(len(t[1]) for t in totals)
    new = max(len(t[2]) for t in totals)
    out = []
    for lab, o, n, delta, changed in totals:
        pad = " " * (label - text_width(lab))
        numbers = f"{pad}  {o:>{old}}  {dc.ARROW}  {n:>{new}}  "
        out.append(_style(lab, "1", color) + numbers + _style(delta, "1", color and changed))
    return out


def _totals_needed(totals: list[Total]) -> int:
    return max((_paragraph_needed(_sentence(t)) for t in totals), default=0)


def _sentence(t: Total) -> str:
    return f"{t[0]} {t[1]} {dc.ARROW} {t[2]} {t[3]}"


def _totals(totals: list[Total], width: int, color: bool) -> list[str]:
    """Aligned columns when they fit, else one wrapped sentence per total."""
    if not totals:
        return []
    if max(text_width(x) for x in _aligned(totals, False)) <= width:
        return _aligned(totals, color)
    return [x for t in totals for x in _paragraph(_sentence(t), width)]
