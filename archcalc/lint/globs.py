"""Globs for ``exclude`` and per-path overrides, matched in time linear in the path.

Python's ``fnmatch`` backtracks (``*a*a*a*a*b`` against a long name never
finishes); these patterns compile to tokens matched as a set of states, so a
glob from a pull request's config cannot hang a CI run. ``**`` spans
directories, ``*`` and ``?`` stay within one, ``[...]`` as git's wildmatch.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from archcalc.textsafe import quote


class GlobError(ValueError):
    """A glob that cannot mean anything (``[z-a]``, an unclosed class...)."""


#: POSIX character classes inside ``[...]``, as git's wildmatch knows them.
_POSIX = {
    "alpha": str.isalpha,
    "digit": str.isdigit,
    "alnum": str.isalnum,
    "upper": str.isupper,
    "lower": str.islower,
    "space": str.isspace,
    "punct": lambda c: c.isascii() and not c.isalnum() and c.isprintable() and not c.isspace(),
    "xdigit": lambda c: c in "0123456789abcdefABCDEF",
}

#: a compiled token: ("lit", char) | ("one", None) | ("set", (negated, ranges, posix)) |
#: ("star", crosses "/") | ("skip", how many tokens an empty "**/" skips)
Token = tuple[str, Any]


def _char_class(pattern: str, i: int) -> tuple[Token, int]:
    """The ``[...]`` starting at ``pattern[i]``: its token and the index after it
    (an unclosed ``[`` is a literal one)."""
    j = i + 1
    negated = j < len(pattern) and pattern[j] in "!^"
    j += negated
    ranges: list[tuple[str, str]] = []
    posix: list[Any] = []
    first = True
    while j < len(pattern) and (pattern[j] != "]" or first):
        first = False
        if pattern.startswith("[:", j):
            end = pattern.find(":]", j + 2)
            name = pattern[j + 2 : end] if end > 0 else ""
            if name not in _POSIX:
                raise GlobError(f"unknown character class '[:{name}:]' in {quote(pattern)}")
            posix.append(_POSIX[name])
            j = end + 2
            continue
        c = pattern[j + 1] if pattern[j] == "\\" and j + 1 < len(pattern) else pattern[j]
        j += 2 if pattern[j] == "\\" else 1
        if j + 1 < len(pattern) and pattern[j] == "-" and pattern[j + 1] != "]":
            hi = pattern[j + 1]
            if hi < c:
                raise GlobError(
                    f"the range '{c}-{hi}' in {quote(pattern)} is backwards; write '{hi}-{c}'"
                )
            ranges.append((c, hi))
            j += 2
        else:
            ranges.append((c, c))
    if j >= len(pattern):  # never closed: a literal '[', as fnmatch reads it
        return ("lit", "["), i + 1
    return ("set", (negated, tuple(ranges), tuple(posix))), j + 1


def compile_glob(pattern: str) -> tuple[Token, ...]:
    """``**`` spans directories, ``*`` and ``?`` stay within one, ``[...]`` as in git.

    The pattern becomes a list of tokens that :func:`glob_matches` runs as a
    set of states over the name, so matching takes time linear in the name's
    length (a regular expression would backtrack exponentially on
    ``*a*a*a*a*a*b``). Raises GlobError for a pattern that cannot mean anything.
    """
    tokens: list[Token] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            tokens += [("skip", 2), ("star", True), ("lit", "/")]
            i += 3
        elif pattern.startswith("**", i):
            tokens.append(("star", True))
            i += 2
        elif c == "*":
            tokens.append(("star", False))
            i += 1
        elif c == "?":
            tokens.append(("one", None))
            i += 1
        elif c == "[":
            token, i = _char_class(pattern, i)
            tokens.append(token)
        else:
            if c == "\\" and i + 1 < len(pattern):
                i += 1
                c = pattern[i]
            tokens.append(("lit", c))
            i += 1
    return tuple(tokens)


def _in_set(ch: str, arg: Any) -> bool:
    negated, ranges, posix = arg
    hit = any(lo <= ch <= hi for lo, hi in ranges) or any(test(ch) for test in posix)
    return hit != negated and ch != "/"


def _closure(tokens: tuple[Token, ...], states: set[int]) -> set[int]:
    todo = list(states)
    while todo:
        s = todo.pop()
        if s < len(tokens):
            kind, arg = tokens[s]
            nxt = (s + 1, s + 1 + arg) if kind == "skip" else (s + 1,) if kind == "star" else ()
            for t in nxt:
                if t not in states:
                    states.add(t)
                    todo.append(t)
    return states


def glob_matches(tokens: tuple[Token, ...], name: str) -> bool:
    """Whether the whole ``name`` matches; O(len(name) x len(tokens)), never backtracking."""
    states = _closure(tokens, {0})
    for ch in name:
        step: set[int] = set()
        for s in states:
            if s == len(tokens):
                continue
            kind, arg = tokens[s]
            if kind == "star":
                if arg or ch != "/":
                    step.add(s)
            elif (
                (kind == "lit" and ch == arg)
                or (kind == "one" and ch != "/")
                or (kind == "set" and _in_set(ch, arg))
            ):
                step.add(s + 1)
        if not step:
            return False
        states = _closure(tokens, step)
    return len(tokens) in states


def glob_match(patterns: Iterable[str], path: str, base: str) -> bool:
    """Whether ``path``, relative to ``base``, matches one of ``patterns`` (gitignore-like).

    A pattern with a ``/`` is anchored at ``base`` and also matches the files
    below a directory it names; one without matches a file or directory name
    at any depth; a trailing ``/`` matches directories only.
    """
    rel = os.path.relpath(os.path.abspath(path), base).replace(os.sep, "/")
    if rel.startswith("../"):
        return False
    parts = rel.split("/")
    for pattern in patterns:
        pattern = pattern.removeprefix("./")
        only_dirs = pattern.endswith("/")
        pattern = pattern.rstrip("/")
        if "/" in pattern:
            candidates = ["/".join(parts[:k]) for k in range(1, len(parts) + 1)]
        else:
            candidates = parts
        if only_dirs:
            candidates = candidates[:-1]
        tokens = compile_glob(pattern)
        if any(glob_matches(tokens, c) for c in candidates):
            return True
    return False
