"""A fast, plain-text twin of the rich table Keras prints.

rich lays out a 100,000-row table in about a minute; the layout Keras asks
for is simple enough to reproduce directly: fixed column widths (taken from
rich itself, from a header-only render), the HEAVY_HEAD box with a rule
between rows, one space of padding, cells top-aligned. A cell that fits on
one line is justified here; any other cell (wrapping, long words cut with
"…", wide characters) is wrapped by rich's own ``Text.wrap``, so the output
is rich's, line for line (the tests compare the two on random tables).
Colour output still goes through rich.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

# rich.box.HEAVY_HEAD, as rich draws it with show_lines=True
TOP = ("┏", "━", "┳", "┓")
HEAD = ("┃", "┃", "┃")
HEAD_RULE = ("┡", "━", "╇", "┩")
BODY = ("│", "│", "│")
ROW_RULE = ("├", "─", "┼", "┤")
BOTTOM = ("└", "─", "┴", "┘")


def _rule(chars: tuple[str, str, str, str], widths: list[int]) -> str:
    left, fill, mid, right = chars
    return left + mid.join(fill * w for w in widths) + right


@lru_cache(maxsize=64)
def cell_widths(
    header: tuple[str, ...], justify: tuple[str, ...], widths: tuple[int, ...], line_length: int
) -> list[int]:
    """The widths rich gives each column (padding included), read off a header-only render."""
    import io

    import rich.console
    import rich.table

    columns = [
        rich.table.Column(h, justify=j, width=w)
        for h, j, w in zip(header, justify, widths, strict=True)
    ]  # type: ignore[arg-type]
    table = rich.table.Table(*columns, width=line_length, show_lines=True)
    out = io.StringIO()
    rich.console.Console(
        file=out, width=max(line_length, 1000), color_system=None, force_terminal=False
    ).print(table)
    top = out.getvalue().splitlines()[0]
    return [len(part) for part in top[1:-1].split("┳")]


class _Wrapper:
    """Wraps the cells that do not fit on one line with rich's own algorithm."""

    def __init__(self) -> None:
        self._console: Any = None

    def lines(self, text: str, width: int, justify: str) -> list[str]:
        if "\n" not in text and text.isascii() and len(text) <= width and text == text.strip():
            pad = width - len(text)
            if justify == "right":
                return [" " * pad + text]
            if justify == "center":
                left = pad // 2
                return [" " * left + text + " " * (pad - left)]
            return [text + " " * pad]
        from rich.cells import cell_len
        from rich.text import Text

        if self._console is None:
            import rich.console

            self._console = rich.console.Console(
                color_system=None, force_terminal=False, width=1000
            )
        wrapped = Text(text).wrap(self._console, width, justify=justify, overflow="ellipsis")  # type: ignore[arg-type]
        out = []
        for line in wrapped:
            plain = line.plain
            out.append(plain + " " * (width - cell_len(plain)))
        return out


def render_grid(
    header: list[str],
    justify: list[str],
    widths: list[int],
    line_length: int,
    rows: list[list[str]],
) -> list[str]:
    """The table's lines, exactly as ``rich.table.Table(..., show_lines=True)`` prints them uncoloured."""
    cells = cell_widths(tuple(header), tuple(justify), tuple(widths), line_length)
    inner = [w - 2 for w in cells]
    wrap = _Wrapper()

    def row_lines(
        values: list[str], sides: tuple[str, str, str], bottom: bool = False
    ) -> list[str]:
        """One table row; body cells are top-aligned, header cells bottom-aligned (rich's rule)."""
        left, mid, right = sides
        columns = [wrap.lines(v, w, j) for v, w, j in zip(values, inner, justify, strict=True)]
        height = max(len(c) for c in columns)
        if bottom:
            columns = [
                [" " * w] * (height - len(c)) + c for c, w in zip(columns, inner, strict=True)
            ]
        out = []
        for i in range(height):
            parts = [
                " " + (c[i] if i < len(c) else " " * w) + " "
                for c, w in zip(columns, inner, strict=True)
            ]
            out.append(left + mid.join(parts) + right)
        return out

    lines = [_rule(TOP, cells), *row_lines(header, HEAD, bottom=True), _rule(HEAD_RULE, cells)]
    for k, row in enumerate(rows):
        if k:
            lines.append(_rule(ROW_RULE, cells))
        lines += row_lines(row, BODY)
    lines.append(_rule(BOTTOM, cells))
    return lines
