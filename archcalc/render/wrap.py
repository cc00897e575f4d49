"""Wrapping that never cuts a value: text is split into *atoms* that stay whole.

Tables for people (``archcalc diff``, the cost columns of ``summary``) must
never print part of a number: a cut ``2,171,1…`` or a ``9`` whose ``6`` went
to the next line reads as a different, wrong value. So text is broken only
at spaces, and some spaces do not count: a parenthesised group that closes on
the same line (a shape ``(None, 24, 24, 64)``, ``(+832)``) stays one atom unless
it holds an arrow, and an arrow stays with the value after it (``→ 64``). Where even one atom is
wider than its space, the layout is refused with the width that would fit
(:class:`WidthError`), never squeezed.
"""

from __future__ import annotations

from collections.abc import Iterable

ARROW = "→"


class WidthError(ValueError):
    """The output does not fit in the width asked for; ``needed`` is the width that would."""

    def __init__(self, message: str, needed: int | None = None) -> None:
        super().__init__(message)
        self.needed = needed


def text_width(text: str) -> int:
    """Terminal cells: wide (East Asian) characters count twice, as rich counts them."""
    if text.isascii():
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


def atoms(line: str) -> list[str]:
    """The unbreakable pieces of one line, in order; joining them with spaces gives it back."""
    words = line.split(" ")
    out: list[str] = []
    i = 0
    while i < len(words):
        j = _group_end(words, i)
        piece = " ".join(words[i : j + 1])
        if out and out[-1] == ARROW:
            out[-1] = f"{ARROW} {piece}"
        else:
            out.append(piece)
        i = j + 1
    return [a for a in out if a]


def _group_end(words: list[str], i: int) -> int:
    """The last word of the parenthesised group starting at ``words[i]`` (``i`` if none)."""
    depth = 0
    for j in range(i, len(words)):
        if words[j] == ARROW and j > i:
            return i  # "(old → new)": the arrow is a place to break, not part of a value
        for ch in words[j]:
            if ch == "(":
                depth += 1
            elif ch == ")" and depth:
                depth -= 1
        if depth == 0:
            return j
    return i  # the group never closes on this line: no reason to keep it together


def min_width(lines: Iterable[str]) -> int:
    """The widest atom: the narrowest space these lines can be wrapped into."""
    return max((text_width(a) for line in lines for a in atoms(line)), default=0)


def wrap(line: str, width: int, indent: int = 0) -> list[str]:
    """Greedy word wrap of one line at atom boundaries; continuation lines get ``indent``.

    An atom wider than the space is left whole on its own line (callers size
    the space with :func:`min_width` first, so this only happens by request).
    """
    out: list[str] = []
    current = ""
    for atom in atoms(line):
        room = width - (indent if out else 0)
        if current and text_width(current) + 1 + text_width(atom) <= room:
            current += " " + atom
            continue
        if current:
            out.append(current)
        current = atom
    out.append(current)
    return [out[0], *(" " * indent + x for x in out[1:])]
