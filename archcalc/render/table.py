"""The Keras 3 ``model.summary()`` table, line for line.

Keras renders its summary with rich (``keras/src/utils/summary_utils.py``);
so do we, with the same columns, positions, markup and totals, so wrapping
and truncation come out identical. The only difference is deliberate: the
table is never cropped at 80 columns when output is piped (Keras bug
#21107); it is exactly ``line_length`` wide.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from archcalc.engine import InferenceResult, LayerResult
from archcalc.shapes import Shape

SEQUENTIAL_WIDTH = 88
FUNCTIONAL_WIDTH = 108
SEQUENTIAL_POSITIONS = (0.45, 0.80, 1.0)
FUNCTIONAL_POSITIONS = (0.3, 0.56, 0.74, 1.0)
TRAINABLE_EXTRA = 12


class WidthError(ValueError):
    """The requested width leaves a column narrower than Keras allows (4)."""


@dataclass(frozen=True)
class TableOptions:
    line_length: int | None = None  # None: Keras's default, narrowed to the terminal
    terminal_columns: int = 200
    show_trainable: bool = False
    expand_nested: bool = False
    color: bool = False


def readable_memory_size(size: float) -> str:
    """Keras's ``readable_memory_size``: 1024-based, two decimals, B/KB/MB/GB/TB/PB."""
    units = ["B", "KB", "MB", "GB", "TB", "PB"]
    for unit in units:
        if size / 1024 < 1:
            return f"{size:.2f} {unit}"
        size /= 1024
    return f"{size:.2f} {units[-1]}"


def _num(x: object) -> str:
    return f"[color(45)]{x}[/]" if x is None else f"[color(34)]{x}[/]"


def _bold(x: str, color: int | None = None) -> str:
    return f"[bold][color({color})]{x}[/][/]" if color else f"[bold]{x}[/]"


def _shape(shape: Shape) -> str:
    return "(" + ", ".join(_num(d) for d in shape) + ")"


def _shapes(shapes: tuple[Shape, ...]) -> str:
    if len(shapes) == 1:
        return _shape(shapes[0])
    return "[" + ", ".join(_shape(s) for s in shapes) + "]"


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
    line_length = opts.line_length or min(default, opts.terminal_columns - 4)
    widths: list[int] = []
    current = 0
    for pos in positions:
        width = int(pos * line_length) - current
        if width < 4:
            raise WidthError(
                f"a table {line_length} characters wide leaves a column narrower than 4 "
                "(Keras: Insufficient console width to print summary); use a larger --width"
            )
        widths.append(width)
        current += width
    return line_length, widths, header, align


def _connections(layer: LayerResult) -> tuple[str, str]:
    conns = [c for call in layer.live_calls for c in call.connections]
    if not conns:
        return "-", "-"
    plain = ", ".join(f"{name}[{node}][{tensor}]" for name, node, tensor in conns)
    markup = ", ".join(f"{name}[{_num(node)}][{_num(tensor)}]" for name, node, tensor in conns)
    return plain, markup


def _rows(result: InferenceResult, opts: TableOptions) -> list[list[tuple[str, str]]]:
    """Every table row as (plain text, rich markup) cells, in Keras's order."""
    from archcalc.shapes import format_shapes

    rows: list[list[tuple[str, str]]] = []

    if opts.color:
        from rich.markup import escape
    else:

        def escape(text: str) -> str:  # markup is not used for plain output
            return text

    def add(layer: LayerResult, level: int) -> None:
        prefix = "   " * level + "└ " if level else ""
        name = f"{prefix}{layer.name} ({layer.type})"
        name_markup = escape(prefix + layer.name) + f" ([color(33)]{escape(layer.type)}[/])"
        params = f"{layer.params:,}"
        cells = [
            (name, name_markup),
            (format_shapes(layer.output_shapes), _shapes(layer.output_shapes)),
            (params, _num(params)),
        ]
        if not result.sequential_like:
            # Keras lists only this model's own nodes; a nested model's rows show "-".
            cells.append(_connections(layer) if level == 0 else ("-", "-"))
        if opts.show_trainable:
            if layer.weights:
                mark = "Y" if layer.trainable else "N"
                cells.append((mark, _bold(mark, 34 if layer.trainable else 9)))
            else:
                cells.append(("-", _bold("-")))
        rows.append(cells)
        if opts.expand_nested:
            for child in layer.children:
                add(child, level + 1)

    for layer in result.rows:
        add(layer, 0)
    return rows


def _totals(result: InferenceResult) -> list[tuple[str, str]]:
    t = result.totals
    out = []
    for label, count, size in (
        ("Total params", t.total, t.total_bytes),
        ("Trainable params", t.trainable, t.trainable_bytes),
        ("Non-trainable params", t.non_trainable, t.non_trainable_bytes),
    ):
        tail = f" ({readable_memory_size(size)})"
        out.append((f" {label}: {count:,}{tail}", _bold(f" {label}: ") + _num(f"{count:,}") + tail))
    return out


def render_table(result: InferenceResult, opts: TableOptions | None = None) -> str:
    """The summary as Keras prints it (colour only when ``opts.color``).

    Uncoloured output is laid out by :mod:`archcalc.render.grid` (rich's layout,
    line for line, but fast on huge models); colour goes through rich itself.
    """
    opts = opts or TableOptions()
    line_length, widths, header, align = column_layout(result, opts)
    rows = _rows(result, opts)
    totals = _totals(result)
    if not opts.color:
        from archcalc.render.grid import render_grid

        lines = [f'Model: "{result.name}"']
        lines += render_grid(
            header, align, widths, line_length, [[c[0] for c in row] for row in rows]
        )
        lines += [plain for plain, _ in totals]
        return "\n".join(lines) + "\n"

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
        force_terminal=True,
        color_system="256",
        legacy_windows=False,
    )
    console.print(_bold(f'Model: "{rich.markup.escape(result.name)}"'))
    console.print(table)
    for _, markup in totals:
        console.print(markup)
    return out.getvalue()
