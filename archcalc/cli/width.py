"""Tables that do not fit: refuse on a terminal or with ``--width``, widen when piped.

A table for people never cuts a number short (:class:`archcalc.render.wrap.WidthError`
says the width that would fit). On a terminal, or at a ``--width`` the user
chose, that is a usage error naming the width; when output goes to a pipe or
a file without ``--width``, there is no screen to fit, so the table is simply
printed at the width it needs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import click


def is_terminal(stream: Any) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def chunks_fitting(
    render: Callable[[int | None], Iterator[str]], width: int | None, stream: Any
) -> Iterator[str]:
    """:func:`render_fitting` for output made in pieces (a huge table is written as it is
    laid out): the first piece is made here, where a table that does not fit says so."""
    from archcalc.render.wrap import WidthError

    try:
        pieces = render(width)
        first = next(pieces, "")
    except WidthError as exc:
        if width is None and exc.needed and not is_terminal(stream):
            pieces = render(exc.needed)
            first = next(pieces, "")
        else:
            raise click.UsageError(str(exc)) from None
    yield first
    yield from pieces


def render_fitting(render: Callable[[int | None], str], width: int | None, stream: Any) -> str:
    """``render(width)``; if it does not fit, ``render(needed)`` when piped, else exit 2."""
    from archcalc.render.wrap import WidthError

    try:
        return render(width)
    except WidthError as exc:
        if width is None and exc.needed and not is_terminal(stream):
            return render(exc.needed)
        raise click.UsageError(str(exc)) from None
