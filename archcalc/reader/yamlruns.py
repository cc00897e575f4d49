"""Runs of identical lines in a spec, parsed once: ``- {type: Dense, units: 16}`` x 100,000.

A spec written out layer by layer repeats itself: a 100,000-layer chain is
one line, 100,000 times. :func:`find_runs` finds runs of identical lines that
can only be items of a block list holding a one-line flow mapping (no quote,
comment, anchor, alias, tag or block-scalar character in them); the builder
then parses the text with each run kept once, and repeats that item's tree,
each copy at its own line (``YNode.shifted``). The builder checks that every
kept line did come out as such an item (not text inside a quoted or block
scalar, not an item of a flow list), else the whole text is parsed as it is:
the result is always what parsing the whole text gives.
"""

from __future__ import annotations

import re

#: a run shorter than this is parsed as it is (the bookkeeping would cost more)
MIN_RUN = 64
#: a line that can only be a block-list item holding a flow mapping, all on the line
_ITEM = re.compile(r"( +)- \{[^'\"#&*!|>%@`?\t\r]*\}")


class RunsUnsafe(Exception):
    """A kept line did not come out as a one-line flow mapping item of a block list."""


def find_runs(text: str) -> list[tuple[int, int]]:
    """(0-based first line, length) of each long run of identical item lines."""
    if "\r" in text or text.count("\n") < MIN_RUN:
        return []
    runs = []
    lines = text.split("\n")
    k = 0
    while k < len(lines):
        line = lines[k]
        j = k + 1
        while j < len(lines) and lines[j] == line:
            j += 1
        if j - k >= MIN_RUN and _ITEM.fullmatch(line):
            runs.append((k, j - k))
        k = j
    return runs


def reduced(text: str, runs: list[tuple[int, int]]) -> tuple[str, list[int], dict[int, int]]:
    """The text with each run kept once, the original line of each of its lines, and the
    original line of each kept run line -> how many copies follow it."""
    lines = text.split("\n")
    keep: list[str] = []
    origin: list[int] = []
    copies: dict[int, int] = {}
    starts = dict(runs)
    k = 0
    while k < len(lines):
        keep.append(lines[k])
        origin.append(k)
        if k in starts:
            copies[k] = starts[k] - 1
            k += starts[k]
        else:
            k += 1
    origin.append(len(lines))  # the end of the text
    return "\n".join(keep), origin, copies
