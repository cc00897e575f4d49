"""archcalc's own expression language for specs: a tokenizer and a Pratt parser.

Arguments of layers in blocks, repeat counts, conditions and variables may
compute their value (``${4 * filters}``, ``${i == 0}``); this module parses
them and :mod:`archcalc.reader.expreval` computes them, the only place that
happens. It never calls ``eval`` and never reaches a Python object: the grammar has numbers, strings, ``true``/``false``/``null``, names
(variables, block parameters, the repeat index), ``+ - * / // % **``,
unary ``-``/``+``, ``min``/``max``, parentheses, the comparisons
``== != < <= > >=``, ``and``/``or``/``not`` and Python's ``A if C else B``. Every size is bounded before
the work (:class:`ExprLimits`): the expression's length, its nesting, and
the size of any integer it computes (``2 ** 2 ** 40`` is refused before it
is raised). Errors carry the offset in the expression text, so the reader
can point into the YAML string.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from archcalc.diagnostics import did_you_mean
from archcalc.reader.limits import env_int
from archcalc.textsafe import quote

FUNCTIONS = ("min", "max")
LITERALS = {"true": True, "false": False, "null": None}
KEYWORDS = ("and", "or", "not", "if", "else")


class ExprError(ValueError):
    """A bad expression: ``offset`` is the 0-based position in its text."""

    def __init__(self, message: str, offset: int = 0) -> None:
        super().__init__(message)
        self.offset = offset


@dataclass(frozen=True)
class ExprLimits:
    """Bounds on one expression; raise them through the environment.

    ``ARCHCALC_MAX_EXPR_CHARS`` (default 1,000 characters),
    ``ARCHCALC_MAX_EXPR_DEPTH`` (default 100 levels of nesting, counting
    operators: a sum of 101 terms is 101 levels) and
    ``ARCHCALC_MAX_EXPR_DIGITS`` (default 4,300 decimal digits in an integer
    result, Python's own limit on printing one).
    """

    max_chars: int = 1000
    max_depth: int = 100
    max_digits: int = 4300

    @classmethod
    def from_env(cls) -> ExprLimits:

        d = cls()
        return cls(
            env_int("ARCHCALC_MAX_EXPR_CHARS", d.max_chars),
            env_int("ARCHCALC_MAX_EXPR_DEPTH", d.max_depth),
            env_int("ARCHCALC_MAX_EXPR_DIGITS", d.max_digits),
        )

    @property
    def max_bits(self) -> int:
        return math.ceil(self.max_digits * math.log2(10))


# -- tokens ------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"""\s*(?:
    (?P<num>(?:\d[\d_]*\.(?:\d[\d_]*)?|\.\d[\d_]*)(?:[eE][-+]?\d+)?|\d[\d_]*(?:[eE][-+]?\d+)?)
   |(?P<name>[A-Za-z_]\w*)
   |(?P<str>'[^']*'|"[^"]*")
   |(?P<op>\*\*|//|==|!=|<=|>=|[-+*/%<>(),])
    )""",
    re.VERBOSE | re.ASCII,
)


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # num | name | str | op | end
    text: str
    offset: int


def tokenize(text: str) -> list[Token]:
    out: list[Token] = []
    at = 0
    while True:
        m = _TOKEN.match(text, at)
        if m is None or m.end() == at:
            rest = text[at:].lstrip()
            if not rest:
                out.append(Token("end", "", len(text)))
                return out
            where = len(text) - len(rest)
            if rest[0] in "'\"":
                raise ExprError("a string that is never closed", where)
            if rest[0] == "=":
                raise ExprError("unexpected '='; compare with '=='", where)
            raise ExprError(f"unexpected character {quote(rest[0])}", where)
        kind = m.lastgroup or "op"
        out.append(Token(kind, m.group(kind), m.start(kind)))
        at = m.end()


# -- the tree ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Node:
    """One node: ``op`` is ``num``, ``str``, ``name``, ``call``, a unary op
    (``neg``, ``pos``, ``not``) or a binary one; ``offset`` points at it in the text."""

    op: str
    offset: int
    value: Any = None  # a literal's value, a name, a function's name
    args: tuple[Node, ...] = ()
    depth: int = 1


_BINARY = {  # operator -> (left binding power, right binding power)
    "or": (1, 2),
    "and": (3, 4),
    "==": (7, 8),
    "!=": (7, 8),
    "<": (7, 8),
    "<=": (7, 8),
    ">": (7, 8),
    ">=": (7, 8),
    "+": (9, 10),
    "-": (9, 10),
    "*": (11, 12),
    "/": (11, 12),
    "//": (11, 12),
    "%": (11, 12),
    "**": (16, 15),  # right-associative, and binds tighter than a unary minus on its left
}
COMPARE = ("==", "!=", "<", "<=", ">", ">=")
_NOT_POWER = 5  # `not` binds looser than comparisons
_UNARY_POWER = 13  # -x binds looser than ** on its right: -2 ** 2 == -4


class _Parser:
    def __init__(self, text: str, limits: ExprLimits) -> None:
        self.tokens = tokenize(text)
        self.at = 0
        self.limits = limits
        self.level = 0  # how deep the parser has recursed: bounded before Python's own limit

    @property
    def tok(self) -> Token:
        return self.tokens[self.at]

    def next(self) -> Token:
        tok = self.tokens[self.at]
        self.at += 1
        return tok

    def node(self, op: str, offset: int, value: Any = None, args: tuple[Node, ...] = ()) -> Node:
        depth = 1 + max((a.depth for a in args), default=0)
        if depth > self.limits.max_depth:
            raise self.too_deep(offset)
        return Node(op, offset, value, args, depth)

    def too_deep(self, offset: int) -> ExprError:
        return ExprError(
            f"the expression nests deeper than {self.limits.max_depth} levels; "
            "raise ARCHCALC_MAX_EXPR_DEPTH if it is legitimate",
            offset,
        )

    def expression(self, power: int = 0) -> Node:
        """An expression whose operators bind tighter than ``power``; at the lowest power,
        Python's conditional ``A if C else B`` too."""
        self.level += 1
        if self.level > self.limits.max_depth:
            raise self.too_deep(self.tok.offset)
        try:
            return self._expression(power)
        finally:
            self.level -= 1

    def _expression(self, power: int) -> Node:
        left = self.binary(power)
        if power or not (self.tok.kind == "name" and self.tok.text == "if"):
            return left
        tok = self.next()
        cond = self.binary(0)
        if not (self.tok.kind == "name" and self.tok.text == "else"):
            what = "the end of the expression" if self.tok.kind == "end" else quote(self.tok.text)
            raise ExprError(
                f"expected 'else' after the condition of 'if', but found {what}", self.tok.offset
            )
        self.next()
        other = self.expression()
        return self.node("if", tok.offset, None, (cond, left, other))

    def binary(self, power: int) -> Node:
        left = self.prefix()
        while True:
            tok = self.tok
            op = tok.text if tok.kind in ("op", "name") else ""
            if op not in _BINARY or _BINARY[op][0] <= power:
                return left
            self.next()
            if op in COMPARE and left.op in COMPARE:
                raise ExprError("comparisons cannot be chained; write a < b and b < c", tok.offset)
            right = self.expression(_BINARY[op][1])
            left = self.node(op, tok.offset, None, (left, right))

    def prefix(self) -> Node:
        tok = self.next()
        if tok.kind == "num":
            return self.node("num", tok.offset, _number(tok))
        if tok.kind == "str":
            return self.node("str", tok.offset, tok.text[1:-1])
        if tok.kind == "name":
            if tok.text == "not":
                return self.node("not", tok.offset, None, (self.expression(_NOT_POWER),))
            if tok.text in ("and", "or", "if", "else"):
                raise ExprError(f"{quote(tok.text)} needs a value on its left", tok.offset)
            if tok.text in LITERALS:
                return self.node("num", tok.offset, LITERALS[tok.text])
            if self.tok.text == "(" and self.tok.kind == "op":
                return self.call(tok)
            return self.node("name", tok.offset, tok.text)
        if tok.kind == "op" and tok.text in ("-", "+"):
            operand = self.expression(_UNARY_POWER)
            return self.node("neg" if tok.text == "-" else "pos", tok.offset, None, (operand,))
        if tok.kind == "op" and tok.text == "(":
            inner = self.expression()
            self.expect(")", tok)
            return self.node(inner.op, inner.offset, inner.value, inner.args)
        what = "the end of the expression" if tok.kind == "end" else quote(tok.text)
        raise ExprError(
            f"expected a value (a number, a name, min(...), max(...) or '(') but found {what}",
            tok.offset,
        )

    def call(self, name: Token) -> Node:
        if name.text not in FUNCTIONS:
            hint = did_you_mean(name.text, FUNCTIONS)
            raise ExprError(
                f"unknown function {quote(name.text)}{hint}; the functions are min and max",
                name.offset,
            )
        open_ = self.next()
        args = [self.expression()]
        while self.tok.text == "," and self.tok.kind == "op":
            self.next()
            args.append(self.expression())
        self.expect(")", open_)
        if len(args) < 2:
            raise ExprError(f"{name.text}() takes two or more values", name.offset)
        return self.node("call", name.offset, name.text, tuple(args))

    def expect(self, text: str, opened: Token) -> None:
        tok = self.tok
        if tok.text == text and tok.kind == "op":
            self.next()
            return
        what = "the end of the expression" if tok.kind == "end" else quote(tok.text)
        raise ExprError(
            f"expected {quote(text)} to close the {quote(opened.text)} at column "
            f"{opened.offset + 1} of the expression, but found {what}",
            tok.offset,
        )


def _number(tok: Token) -> int | float:
    text = tok.text.replace("_", "")
    if re.fullmatch(r"\d+", text):
        return int(text)
    value = float(text)
    if not math.isfinite(value):
        raise ExprError(f"the number {tok.text} is too large", tok.offset)
    return value


def parse(text: str, limits: ExprLimits | None = None) -> Node:
    """The tree of ``text``; raises ExprError with the offset of what is wrong."""
    limits = limits or ExprLimits()
    if len(text) > limits.max_chars:
        raise ExprError(
            f"the expression is longer than {limits.max_chars:,} characters; "
            "raise ARCHCALC_MAX_EXPR_CHARS if it is legitimate"
        )
    if not text.strip():
        raise ExprError("the expression is empty", 0)
    parser = _Parser(text, limits)
    tree = parser.expression()
    tok = parser.tok
    if tok.kind != "end":
        raise ExprError(
            f"expected an operator or the end of the expression, but found {quote(tok.text)}",
            tok.offset,
        )
    return tree


def names(node: Node) -> set[str]:
    """Every name ``node`` reads (functions and literals excluded)."""
    out: set[str] = set()
    stack = [node]
    while stack:
        n = stack.pop()
        if n.op == "name":
            out.add(n.value)
        stack.extend(n.args)
    return out


# -- evaluation ------------------------------------------------------------------------------
