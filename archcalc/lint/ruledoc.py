"""A rule's documentation for people: its docstring as plain text.

Rule docstrings are written in the reStructuredText of Python docstrings
(````code````, ``PASS::`` literal blocks, ``*emphasis*``, ``:mod:`roles```),
which the tests read for the PASS/FAIL examples. ``lint --explain`` and the
SARIF help a reviewer reads show the same words without the markup.
"""

from __future__ import annotations

import re
from types import ModuleType

_ROLE = re.compile(r":[a-z]+:`~?([^`]+)`")
_LITERAL = re.compile(r"``(.+?)``", re.S)
_STRONG = re.compile(r"\*\*(\S(?:.*?\S)?)\*\*")
_EMPHASIS = re.compile(r"(?<![\w*])\*(\S(?:[^*\n]*?\S)?)\*(?![\w*])")
_BLOCK = re.compile(r"::$", re.M)


def plain(doc: str) -> str:
    """reStructuredText inline markup and ``::`` block markers removed; layout kept."""
    text = _ROLE.sub(r"\1", doc)
    text = _LITERAL.sub(r"\1", text)
    text = _STRONG.sub(r"\1", text)
    text = _EMPHASIS.sub(r"\1", text)
    return _BLOCK.sub(":", text)


def rule_doc(rule: ModuleType) -> str:
    """The rule's whole documentation, as plain text."""
    return plain((rule.__doc__ or "").strip())
