"""One row of the summary table as (plain text, rich markup) cells: what the flat table
(:mod:`archcalc.render.table`) and the table by block (:mod:`archcalc.render.depth`) share."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from archcalc.analysis import Costs
from archcalc.analysis.flops import LayerCost
from archcalc.analysis.memory import LayerMemory
from archcalc.numtext import grouped
from archcalc.render import costs as cost_view
from archcalc.results import InferenceResult, LayerResult
from archcalc.shapes import Shape, dim_text, format_shapes
from archcalc.textsafe import visible


@dataclass(frozen=True)
class TableOptions:
    """How to lay out the table: width, terminal, Keras's options and archcalc's extra columns."""

    line_length: int | None = None  # None: Keras's default, narrowed to the terminal
    terminal_columns: int = 200
    show_trainable: bool = False
    expand_nested: bool = False
    color: bool = False
    #: cost columns (render/costs.py COST_COLUMNS keys), placed after "Param #"
    columns: tuple[str, ...] = ()
    #: show block instances as rows down to this many levels (torchinfo's depth); None:
    #: Keras's flat table
    depth: int | None = None


def escape(text: str) -> str:
    """``text`` as rich markup prints it literally: ``[bold]`` stays text, and so does
    ``:cross_mark:`` (the console is made with ``emoji=False``); imported only for colour."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)


def number(x: object) -> str:
    return f"[color(45)]{x}[/]" if x is None else f"[color(34)]{x}[/]"


def bold(x: str, color: int | None = None) -> str:
    return f"[bold][color({color})]{x}[/][/]" if color else f"[bold]{x}[/]"


def _shape(shape: Shape) -> str:
    return "(" + ", ".join(number(None if d is None else dim_text(d)) for d in shape) + ")"


def _shapes(shapes: tuple[Shape, ...]) -> str:
    if len(shapes) == 1:
        return _shape(shapes[0])
    return "[" + ", ".join(_shape(s) for s in shapes) + "]"


def connections_plain(conns: Sequence[tuple[str, int, int]]) -> str:
    """(layer, node, tensor) triples as Keras writes them: ``conv1[0][0], pool1[0][0]``, or ``-``."""
    if not conns:
        return "-"
    return ", ".join(f"{visible(name)}[{node}][{tensor}]" for name, node, tensor in conns)


def connections_text(layer: LayerResult) -> str:
    """Keras's "Connected to" cell: ``conv1[0][0], pool1[0][0]``, or ``-``."""
    return _connections(layer, False)[0]


def _connections(layer: LayerResult, color: bool = True) -> tuple[str, str]:
    conns = [c for call in layer.live_calls for c in call.connections]
    plain = connections_plain(conns)
    if not color or not conns:
        return plain, plain
    markup = ", ".join(
        f"{escape(visible(name))}[{number(node)}][{number(tensor)}]" for name, node, tensor in conns
    )
    return plain, markup


def row_cells(
    result: InferenceResult,
    opts: TableOptions,
    costs: Costs | None,
    label: str,
    kind: str,
    layer: LayerResult | Any,
    level: int,
    lc: LayerCost | None,
    lm: LayerMemory | None,
    connected: tuple[str, str] | None = None,
) -> list[tuple[str, str]]:
    """One row's cells: ``label (kind)``, shapes, parameters, cost columns, Connected to,
    Trainable; ``layer`` is a LayerResult or a block row (same fields)."""

    prefix = "   " * level + "└ " if level else ""
    label, kind = visible(label), visible(kind)
    name = f"{prefix}{label} ({kind})"
    color = opts.color
    shapes = _shape_text(layer.output_shapes)
    params = _count_text(layer.params)
    if color:  # rich markup; uncoloured tables (and huge ones) need only the text
        name_markup = escape(prefix + label) + f" ([color(33)]{escape(kind)}[/])"
        cells = [
            (name, name_markup),
            (shapes, _shapes(layer.output_shapes)),
            (params, number(params)),
        ]
    else:
        cells = [(name, name), (shapes, shapes), (params, params)]
    if costs is not None:
        for key in opts.columns:
            text = cost_view.cell(key, costs, lc, lm)
            cells.append((text, number(text) if color else text))
    if not result.sequential_like:
        # Keras lists only this model's own nodes; a nested model's rows show "-".
        if connected is not None:
            cells.append(connected)
        else:
            cells.append(_connections(layer, color) if level == 0 else ("-", "-"))
    if opts.show_trainable:
        if layer.weights:
            mark = "Y" if layer.trainable else "N"
            cells.append((mark, bold(mark, 34 if layer.trainable else 9) if color else mark))
        else:
            cells.append(("-", bold("-") if color else "-"))
    return cells


@functools.lru_cache(maxsize=4096)
def _shape_text(shapes: tuple[Shape, ...]) -> str:
    """A row's shapes as text: many rows share them (a chain of one width)."""

    return format_shapes(shapes)


@functools.lru_cache(maxsize=4096)
def _count_text(n: int) -> str:
    return grouped(n)
