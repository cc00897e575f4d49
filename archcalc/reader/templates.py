"""Strings that compute: ``${EXPR}`` and ``$NAME`` inside spec values, and where they are.

A string value that is exactly one ``${...}`` (or ``$name``) takes the
expression's value with its type (``filters: ${2 * width}`` is the integer
128); a string with text around them is text (``name: conv${stage}_block${i}``).
``$$`` is a literal dollar sign. Every other string stays as written, so a
plain spec pays nothing: strings without ``$`` are never looked at twice.

Errors point into the YAML string: the column of the offending character
when the string sits on one line of the file as written (plain or quoted
without escapes), else the string's own position.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from archcalc.diagnostics import Pos, Via
from archcalc.reader.expr import ExprError, ExprLimits, Node, names, parse
from archcalc.reader.expreval import evaluate
from archcalc.reader.ynode import YNode

_NAME = re.compile(r"[A-Za-z_]\w*", re.ASCII)


@dataclass(frozen=True)
class Piece:
    """One ``${...}``: its tree, its source and where the expression starts in the string."""

    node: Node
    source: str
    start: int


@dataclass(frozen=True)
class Template:
    """A compiled string: literal parts and pieces, in order."""

    text: str
    parts: tuple[str | Piece, ...]

    @property
    def whole(self) -> Piece | None:
        """The one piece, when the string is nothing else (the value keeps its type)."""
        if len(self.parts) == 1 and isinstance(self.parts[0], Piece):
            return self.parts[0]
        return None

    def names(self) -> set[str]:
        out: set[str] = set()
        for p in self.parts:
            if isinstance(p, Piece):
                out |= names(p.node)
        return out


class TemplateError(ValueError):
    """A bad template: ``offset`` into the string; ``source`` the expression concerned."""

    def __init__(self, message: str, offset: int, source: str) -> None:
        super().__init__(message)
        self.offset = offset
        self.source = source


def compile_template(text: str, limits: ExprLimits) -> Template | None:
    """The template of ``text``, or None when it has no ``$`` (a plain string)."""
    if "$" not in text:
        return None
    parts: list[str | Piece] = []
    literal: list[str] = []
    at = 0
    while at < len(text):
        dollar = text.find("$", at)
        if dollar < 0:
            literal.append(text[at:])
            break
        literal.append(text[at:dollar])
        nxt = text[dollar + 1 : dollar + 2]
        if nxt == "$":
            literal.append("$")
            at = dollar + 2
            continue
        if nxt == "{":
            end = _closing(text, dollar + 2)
            if end < 0:
                raise TemplateError("'${' is never closed with '}'", dollar, text[dollar:])
            source, start = text[dollar + 2 : end], dollar + 2
            at = end + 1
        else:
            m = _NAME.match(text, dollar + 1)
            if m is None:
                raise TemplateError(
                    "'$' starts ${EXPRESSION} or $NAME; write $$ for a dollar sign",
                    dollar,
                    text[dollar:],
                )
            source, start = m.group(), dollar + 1
            at = m.end()
        try:
            node = parse(source, limits)
        except ExprError as exc:
            raise TemplateError(str(exc), start + exc.offset, source) from None
        if "".join(literal):
            parts.append("".join(literal))
        literal = []
        parts.append(Piece(node, source, start))
    if literal and "".join(literal):
        parts.append("".join(literal))
    return Template(text, tuple(parts))


def _closing(text: str, start: int) -> int:
    """The index of the ``}`` that ends an expression starting at ``start`` (quotes skipped)."""
    quote_char = ""
    for k in range(start, len(text)):
        ch = text[k]
        if quote_char:
            if ch == quote_char:
                quote_char = ""
        elif ch in "'\"":
            quote_char = ch
        elif ch == "}":
            return k
    return -1


def show(value: Any) -> str:
    """A value as text inside a string: numbers as written, true/false/null as YAML."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def render(t: Template, env: Mapping[str, Any], limits: ExprLimits) -> Any:
    """The value of a template: typed for a whole ``${...}``, else text."""
    whole = t.whole
    if whole is not None:
        return _value(whole, env, limits)
    out = []
    for p in t.parts:
        if isinstance(p, str):
            out.append(p)
            continue
        value = _value(p, env, limits)
        if isinstance(value, (list, dict)):
            raise TemplateError(
                "a list or mapping cannot be written inside text", p.start, p.source
            )
        out.append(show(value))
    return "".join(out)


def _value(p: Piece, env: Mapping[str, Any], limits: ExprLimits) -> Any:
    try:
        return evaluate(p.node, env, limits)
    except ExprError as exc:
        raise TemplateError(str(exc), p.start + exc.offset, p.source) from None


class Locator:
    """File positions of offsets inside YAML strings, from the source text."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()

    def at(self, pos: Pos, value: str, offset: int) -> Pos:
        """The position of ``value[offset]``; ``pos`` when the string is not found as written."""
        if not pos or pos.line > len(self.lines):
            return pos
        line = self.lines[pos.line - 1]
        start = pos.column - 1
        if line[start : start + 1] in ("'", '"'):
            start += 1
        if line[start : start + len(value)] != value:
            return pos
        return Pos(pos.line, start + offset + 1, pos.via)


def with_via(pos: Pos, via: tuple[Via, ...]) -> Pos:
    return Pos(pos.line, pos.column, via) if via else pos


def from_plain(value: Any, pos: Pos) -> YNode:
    """A computed value as YNodes, every part at ``pos`` (where the template was written)."""
    if isinstance(value, YNode):
        return value
    if isinstance(value, dict):
        items = {str(k): from_plain(v, pos) for k, v in value.items()}
        return YNode(items, pos, "map", {k: pos for k in items})
    if isinstance(value, list):
        return YNode([from_plain(v, pos) for v in value], pos, "seq")
    return YNode(value, pos, "scalar")
