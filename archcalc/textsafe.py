"""Untrusted text made visible: what a human-facing output may print of an input string.

Layer and model names, types, argument values and file paths come from the
input, which archcalc treats as hostile (it runs in CI on files from pull
requests). Printed raw, an ESC or OSC sequence would drive the terminal, a CR
would overwrite a line of a log, and a bidi override would reorder what a
reviewer reads. :func:`visible` writes every such character as a Python-style
escape (``\\x1b``, ``\\r``, ``\\u202e``), so the text stays one readable line
and its meaning is not changed; :func:`excerpt` also bounds its length, so an
error message never quotes more of a file than a short excerpt.
"""

from __future__ import annotations

import re

from archcalc.numtext import grouped

#: C0 and C1 controls, DEL, line/paragraph separators, bidi embeddings, overrides and
#: isolates, and lone surrogates (which no encoding can write).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

#: How much of an input value a message quotes before cutting it short.
EXCERPT_CHARS = 80


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every control or bidi character written as an escape; else unchanged."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """:func:`visible` text cut to ``limit`` characters, with an ellipsis and the full length."""
    if len(text) > limit:
        return f"{visible(text[:limit])}… ({len(text):,} characters)"
    return visible(text)


def quote(value: object, limit: int = EXCERPT_CHARS) -> str:
    """A value as a message quotes it: ``repr()``-style, never longer than a short excerpt.

    Strings keep Python's quotes and escapes (controls, bidi marks), cut to
    ``limit`` characters with the full length; other values (lists, numbers)
    are cut the same way, and an integer too long to print is described.
    """
    if isinstance(value, str):
        if len(value) > limit:
            return f"{repr(value[:limit])[:-1]}…{repr(value)[-1]} ({len(value):,} characters)"
        return repr(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return grouped(value, sep="", limit=limit)
    try:
        text = repr(value)
    except ValueError:  # a container holding an integer too long to print
        text = f"<{type(value).__name__}>"
    return excerpt(text, limit)
