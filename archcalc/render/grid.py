"""A fast, plain-text twin of the rich table Keras prints.

rich lays out a 100,000-row table in about a minute; the layout Keras asks
for is simple enough to reproduce directly: fixed column widths (rich's own
arithmetic for fixed-width columns), the HEAVY_HEAD box with a rule
between rows, one space of padding, cells top-aligned. A cell that fits on
one line is justified here; any other cell (wrapping, long words cut with
"…", wide characters) is wrapped by rich's own ``Text.wrap``, so the output
is rich's, line for line (the tests compare the two on random tables).
Colour output still goes through rich.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
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


def cell_widths(widths: list[int], line_length: int) -> list[int]:
    """The widths rich gives fixed-width columns (padding included) in a table this wide.

    rich (Table._calculate_column_widths) asks ``w + 2`` per column; if that
    and the ``n + 1`` borders exceed the table width, the excess is taken off
    with ``ratio_reduce`` and equal ratios: column by column,
    ``min(w, round(remaining / columns_left))`` (banker's rounding).
    """
    values = [w + 2 for w in widths]
    max_width = line_length - (len(widths) + 1)
    excess = sum(values) - max_width
    if excess <= 0:
        return values
    out = []
    remaining, columns_left = excess, len(values)
    for value in values:
        taken = min(value, round(remaining / columns_left))
        out.append(value - taken)
        remaining -= taken
        columns_left -= 1
    return out


_WORD = re.compile(r"\s*\S+\s*")
_TRAILING_SPACE = re.compile(r"\s+$")


def _divide(text: str, width: int) -> list[str]:
    """rich's ``divide_line`` without folding, for ASCII text: word-wrapped pieces."""
    breaks = []
    offset = 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group(0)
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:  # too long for any line: it gets its own, cut later
            if start:
                breaks.append(start)
            offset = len(word)
        elif offset and start:
            breaks.append(start)
            offset = len(word)
    bounds = [0, *breaks, len(text)]
    return [text[a:b] for a, b in itertools.pairwise(bounds)]


def _truncate(line: str, width: int) -> str:
    return line[: width - 1] + "…" if len(line) > width else line


def _wrap_ascii(text: str, width: int, justify: str) -> list[str]:
    """rich's ``Text.wrap`` with overflow='ellipsis', for one line of ASCII text."""
    out = []
    for piece in _divide(text, width):
        if len(piece) > width:  # rstrip_end: drop trailing spaces beyond the width
            m = _TRAILING_SPACE.search(piece)
            if m:
                piece = piece[: len(piece) - min(len(m.group(0)), len(piece) - width)]
        if justify == "left":
            line = _truncate(piece, width)
            line += " " * (width - len(piece)) if len(piece) < width else ""
        else:
            line = _truncate(piece.rstrip(), width)
            pad = width - len(line)
            line = (
                " " * pad + line
                if justify == "right"
                else " " * (pad // 2) + line + " " * (pad - pad // 2)
            )
        out.append(_truncate(line, width).ljust(width))
    return out or [" " * width]


class _Wrapper:
    """Lays out one cell: plain ASCII here, anything else through rich's own ``Text.wrap``."""

    def __init__(self) -> None:
        self._console: Any = None

    def lines(self, text: str, width: int, justify: str) -> list[str]:
        if text.isascii() and "\n" not in text and "\t" not in text:
            if len(text) <= width and text == text.strip():
                pad = width - len(text)
                if justify == "right":
                    return [" " * pad + text]
                if justify == "center":
                    return [" " * (pad // 2) + text + " " * (pad - pad // 2)]
                return [text + " " * pad]
            return _wrap_ascii(text, width, justify)
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
    rows: Iterable[list[str]],
) -> list[str]:
    """The table's lines, exactly as ``rich.table.Table(..., show_lines=True)`` prints them uncoloured."""
    return list(iter_grid(header, justify, widths, line_length, rows))


def iter_grid(
    header: list[str],
    justify: list[str],
    widths: list[int],
    line_length: int,
    rows: Iterable[list[str]],
) -> Iterator[str]:
    """:func:`render_grid`'s lines one by one, reading the rows as it goes (a 100,000-row
    table is never all in memory at once)."""
    cells = cell_widths(widths, line_length)
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

    yield _rule(TOP, cells)
    yield from row_lines(header, HEAD, bottom=True)
    yield _rule(HEAD_RULE, cells)
    between = _rule(ROW_RULE, cells)  # one string for every rule between rows
    for k, row in enumerate(rows):
        if k:
            yield between
        yield from row_lines(row, BODY)
    yield _rule(BOTTOM, cells)
