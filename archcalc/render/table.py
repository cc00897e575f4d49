"""The Keras 3 ``model.summary()`` table, line for line.

Keras renders its summary with rich (``keras/src/utils/summary_utils.py``);
so do we, with the same columns, positions, markup and totals, so wrapping
and truncation come out identical. The only difference is deliberate: the
table is never cropped at 80 columns when output is piped (Keras bug
#21107); it is exactly ``line_length`` wide.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterator
from typing import Any

from archcalc.analysis import Costs
from archcalc.analysis.flops import LayerCost
from archcalc.analysis.memory import LayerMemory
from archcalc.catalog import CATALOG
from archcalc.numtext import grouped
from archcalc.render.cells import (
    TableOptions,
    bold,
    escape,
    number,
    row_cells,
)
from archcalc.render.costs import COST_COLUMNS, footer, param_bytes
from archcalc.render.costs import header as cost_header
from archcalc.render.depth import depth_rows
from archcalc.render.grid import cell_widths, iter_grid
from archcalc.render.units import readable_memory_size
from archcalc.render.wrap import WidthError
from archcalc.results import InferenceResult, LayerResult
from archcalc.textsafe import visible

SEQUENTIAL_WIDTH = 88
FUNCTIONAL_WIDTH = 108
SEQUENTIAL_POSITIONS = (0.45, 0.80, 1.0)
FUNCTIONAL_POSITIONS = (0.3, 0.56, 0.74, 1.0)
TRAINABLE_EXTRA = 12


def column_layout(
    result: InferenceResult, opts: TableOptions
) -> tuple[int, list[int], list[str], list[str]]:
    """Line length, column widths, headers and alignments, exactly as Keras computes them."""
    if result.sequential_like:
        default, positions = SEQUENTIAL_WIDTH, list(SEQUENTIAL_POSITIONS)
        header = ["Layer (type)", "Output Shape", "Param #"]
        align = ["left", "left", "right"]
    else:
        default, positions = FUNCTIONAL_WIDTH, list(FUNCTIONAL_POSITIONS)
        header = ["Layer (type)", "Output Shape", "Param #", "Connected to"]
        align = ["left", "left", "right", "left"]
    if opts.show_trainable:
        default += TRAINABLE_EXTRA
        positions = [p * 0.90 for p in positions] + [1.0]
        header.append("Trainable")
        align.append("center")
    extra: list[int] = []
    if opts.columns:  # fixed-width cost columns after "Param #" (render/costs.py)
        extra = [COST_COLUMNS[k].width for k in opts.columns]
        default += sum(extra)
        header[3:3] = [COST_COLUMNS[k].header for k in opts.columns]
        align[3:3] = ["right"] * len(opts.columns)
    line_length = opts.line_length or min(default, opts.terminal_columns - 4)
    # Keras's columns share what the cost columns leave, in Keras's proportions: at the
    # default length each is exactly as wide as without them; when narrower, names and
    # shapes wrap (as in Keras) while the short numbers stay whole.
    keras_length = line_length - sum(extra)
    widths: list[int] = []
    current = 0
    for pos in positions:
        width = int(pos * keras_length) - current
        if width < 4:
            fewer = " or fewer --columns" if opts.columns else ""
            raise WidthError(
                f"a table {line_length} characters wide leaves a column narrower than 4 "
                f"(Keras: Insufficient console width to print summary); use a larger --width{fewer}"
            )
        widths.append(width)
        current += width
    widths[3:3] = extra
    return line_length, widths, header, align


def _iter_rows(
    result: InferenceResult, opts: TableOptions, costs: Costs | None = None
) -> Iterator[list[tuple[str, str]]]:
    compute = {x.name: x for x in costs.compute.layers} if costs else {}
    memory = {x.name: x for x in costs.memory.layers} if costs else {}

    def add(
        layer: LayerResult, level: int, lc: LayerCost | None, lm: LayerMemory | None
    ) -> Iterator[list[tuple[str, str]]]:
        yield row_cells(result, opts, costs, layer.name, layer.type, layer, level, lc, lm)
        if opts.expand_nested:
            nested = {c.name: c for c in lc.children} if lc else {}
            for child in layer.children:
                if _is_op(child):  # Keras expands a nested model's layer.layers: no op nodes
                    continue
                yield from add(child, level + 1, nested.get(child.name), None)

    if opts.depth:
        shown = depth_rows(result, opts, costs, compute, memory)
        if shown is not None:
            yield from shown
            return
    for layer in result.rows:
        yield from add(layer, 0, compute.get(layer.name), memory.get(layer.name))


def _is_op(row: LayerResult) -> bool:
    """A keras.ops node (a row of a model's operations that is not a layer)."""
    kind = CATALOG.get(row.kind or row.type)
    return kind is not None and kind.family == "ops"


def _totals(
    result: InferenceResult, costs: Costs | None = None, color: bool = False
) -> list[tuple[str, str]]:
    """Keras's three totals lines, then (with costs) the compute and memory footer."""

    t = result.totals
    total_bytes, trainable_bytes, non_trainable_bytes = param_bytes(t, costs)
    out = []
    for label, count, size in (
        ("Total params", t.total, total_bytes),
        ("Trainable params", t.trainable, trainable_bytes),
        ("Non-trainable params", t.non_trainable, non_trainable_bytes),
    ):
        tail = f" ({readable_memory_size(size)})"
        shown = grouped(count)
        out.append((f" {label}: {shown}{tail}", bold(f" {label}: ") + number(shown) + tail))
    if costs is not None:
        for label, text in footer(costs):
            markup = bold(f" {escape(label)}") + escape(text) if color else ""
            out.append((f" {label}{text}", markup))
    return out


def _check_numbers_fit(
    result: InferenceResult,
    opts: TableOptions,
    header: list[str],
    rows: list[list[tuple[str, str]]],
    line_length: int,
    widths: list[int],
) -> None:
    """With cost columns, never shorten a number with "…": ask for a wider table instead.

    (Without them the table is Keras's, which does cut "Param #" at tiny widths.)
    """
    from dataclasses import replace

    numeric = range(2, 3 + len(opts.columns))

    def fits(length: int, col_widths: list[int]) -> bool:
        inner = [w - 2 for w in cell_widths(col_widths, length)]
        return all(
            max([len(header[i]), *(len(row[i][0]) for row in rows)]) <= inner[i] for i in numeric
        )

    if fits(line_length, widths):
        return
    for wider in range(line_length + 1, line_length + 400):
        try:
            length, more, _, _ = column_layout(result, replace(opts, line_length=wider))
        except WidthError:
            continue
        if fits(length, more):
            raise WidthError(
                f"at {line_length} columns the numbers would be cut short; "
                f"use --width {wider} or more, or fewer --columns",
                wider,
            )
    raise WidthError("the numbers do not fit at any reasonable width; use fewer --columns")


def render_table(
    result: InferenceResult, opts: TableOptions | None = None, costs: Costs | None = None
) -> str:
    """The summary as Keras prints it (colour only when ``opts.color``).

    Uncoloured output is laid out by :mod:`archcalc.render.grid` (rich's layout,
    line for line, but fast on huge models); colour goes through rich itself.
    With ``costs`` (from :func:`archcalc.analysis.analyze`), ``opts.columns`` adds
    cost columns and a footer answers "will it fit"; without, the output is Keras's.
    """
    return "".join(table_chunks(result, opts, costs))


#: lines per chunk that :func:`table_chunks` yields
CHUNK_LINES = 4096


def table_chunks(
    result: InferenceResult, opts: TableOptions | None = None, costs: Costs | None = None
) -> Iterator[str]:
    """:func:`render_table`'s text in pieces: an uncoloured table is laid out row by row as it
    is written, so a 100,000-row table never sits whole in memory. A table that does not fit
    raises WidthError before the first piece."""
    opts = opts or TableOptions()
    if opts.columns and costs is None:
        raise ValueError("cost columns need the costs: pass analyze(result, options)")
    line_length, widths, header, align = column_layout(result, opts)
    if costs is not None:
        header[3 : 3 + len(opts.columns)] = [cost_header(k, costs) for k in opts.columns]
    rows: Any = _iter_rows(result, opts, costs)
    if opts.columns:
        rows = list(rows)
        _check_numbers_fit(result, opts, header, rows, line_length, widths)
    if opts.color:
        yield _rich_table(result, opts, costs, rows, header, align, widths, line_length)
        return
    yield from _plain_chunks(result, opts, costs, rows, header, align, widths, line_length)


def _plain_chunks(
    result: InferenceResult,
    opts: TableOptions,
    costs: Costs | None,
    rows: Any,
    header: list[str],
    align: list[str],
    widths: list[int],
    line_length: int,
) -> Iterator[str]:

    lines = iter_grid(header, align, widths, line_length, ([c[0] for c in row] for row in rows))
    yield f'Model: "{visible(result.name)}"\n'
    while chunk := list(itertools.islice(lines, CHUNK_LINES)):
        yield "\n".join(chunk) + "\n"
    yield "".join(plain + "\n" for plain, _ in _totals(result, costs, opts.color))


def _rich_table(
    result: InferenceResult,
    opts: TableOptions,
    costs: Costs | None,
    rows: Any,
    header: list[str],
    align: list[str],
    widths: list[int],
    line_length: int,
) -> str:
    totals = _totals(result, costs, opts.color)
    import rich.console
    import rich.markup
    import rich.table

    columns = [
        rich.table.Column(name, justify=align[i], width=widths[i])  # type: ignore[arg-type]
        for i, name in enumerate(header)
    ]
    table = rich.table.Table(*columns, width=line_length, show_lines=True)
    for row in rows:
        table.add_row(*[markup for _, markup in row])
    out = io.StringIO()
    console = rich.console.Console(
        file=out,
        width=max(line_length, 1000),
        highlight=False,
        emoji=False,
        force_terminal=True,
        color_system="256",
        legacy_windows=False,
    )
    console.print(bold(f'Model: "{escape(visible(result.name))}"'))
    console.print(table)
    for _, markup in totals:
        console.print(markup)
    return out.getvalue()
