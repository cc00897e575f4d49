"""Python source for the code export: literals, identifiers, and archcalc expressions in Python.

Everything a spec says reaches the generated module only through these
functions: strings and keys as ``repr`` literals (any text is a valid,
inert Python literal: quotes, backslashes, newlines and controls escaped),
numbers and booleans as Python literals, names as identifiers that are not
Python keywords or the module's own names (``class`` becomes ``class_``), and
expressions rebuilt from archcalc's expression tree (never from text), so
nothing in an input can add a statement to the module.
"""

from __future__ import annotations

import keyword
import math
from collections.abc import Mapping
from typing import Any

from archcalc.reader.expr import Node, parse
from archcalc.reader.expr import names as expr_names
from archcalc.reader.templates import Template, compile_template

#: names the generated module defines itself, which a spec's names must not shadow
MODULE_NAMES = frozenset(
    {"keras", "layers", "build_model", "t", "prev", "name", "model", "_text", "_COMPUTED",
     "_names", "_Names", "shared_layers", "range", "min", "max", "str", "print", "isinstance", "tuple", "list"}
)  # fmt: skip


def literal(value: Any) -> str:
    """A YAML value as a Python literal (lists, dicts, strings, numbers, booleans, None)."""
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, int):
        return repr(value)
    if isinstance(value, float):
        if math.isnan(value):
            return 'float("nan")'
        if math.isinf(value):
            return 'float("inf")' if value > 0 else '-float("inf")'
        return repr(value)
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{str(k)!r}: {literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as Python")


class Names:
    """Python identifiers for a spec's names: the name itself when it can be one."""

    def __init__(self, taken: set[str] | frozenset[str] = MODULE_NAMES) -> None:
        self.taken = set(taken)
        self.of: dict[str, str] = {}

    def __call__(self, name: str) -> str:
        if name not in self.of:
            ident = (
                name
                if name.isidentifier()
                else "v_" + "".join(c if c.isalnum() or c == "_" else "_" for c in name)
            )
            if keyword.iskeyword(ident) or keyword.issoftkeyword(ident) or ident in self.taken:
                ident += "_"
            while ident in self.taken or ident in self.of.values():
                ident += "_"
            self.of[name] = ident
        return self.of[name]


_BINARY = {"and", "or", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "//", "%", "**"}


def expression(node: Node, names: Mapping[str, str]) -> str:
    """An archcalc expression tree as Python source, every operation parenthesised
    (the grammar is Python's, so the value is the same)."""
    op = node.op
    if op == "num":
        return literal(node.value)
    if op == "str":
        return repr(node.value)
    if op == "name":
        return names[node.value]
    if op == "call":
        return f"{node.value}({', '.join(expression(a, names) for a in node.args)})"
    if op == "neg":
        return f"(-{expression(node.args[0], names)})"
    if op == "pos":
        return f"(+{expression(node.args[0], names)})"
    if op == "not":
        return f"(not {expression(node.args[0], names)})"
    if op == "if":
        cond, then, other = (expression(a, names) for a in node.args)
        return f"({then} if {cond} else {other})"
    assert op in _BINARY, op
    left, right = (expression(a, names) for a in node.args)
    return f"({left} {op} {right})"


def template(
    t: Template, names: Mapping[str, str], text: frozenset[str] | set[str] = frozenset()
) -> tuple[str, bool]:
    """A template as Python source, and whether it needs ``_text`` (text with values in
    it); ``text`` names hold strings or integers, which ``str`` writes as archcalc does."""
    whole = t.whole
    if whole is not None:
        return _bare(expression(whole.node, names)), False
    parts, needs = [], False
    for p in t.parts:
        if isinstance(p, str):
            parts.append(repr(p))
        elif p.node.op == "name" and p.node.value == "name" and "name" in text:
            parts.append(names["name"])  # the instance's name: a string
        elif all(n in text for n in _names_of(p.node)) and p.node.op != "name":
            parts.append(f"str({_bare(expression(p.node, names))})")
        elif p.node.op == "name" and p.node.value in text:
            parts.append(f"str({names[p.node.value]})")
        else:
            needs = True
            parts.append(f"_text({_bare(expression(p.node, names))})")
    return " + ".join(parts), needs


def _names_of(node: Node) -> set[str]:

    found = expr_names(node)
    return found or {"\0"}  # a constant: not known to be an integer


def _bare(source: str) -> str:
    """Source without the one pair of parentheses around all of it (an argument reads better)."""
    if source.startswith("(") and source.endswith(")"):
        depth = 0
        for k, ch in enumerate(source):
            depth += ch == "("
            depth -= ch == ")"
            if depth == 0 and k < len(source) - 1:
                return source
        return source[1:-1]
    return source


def string_or_template(
    text: str, names: Mapping[str, str], limits: Any, ints: set[str] | frozenset[str] = frozenset()
) -> tuple[str, bool, bool]:
    """(Python source, is computed, needs ``_text``) for a string value as a spec reads it."""
    t = compile_template(text, limits)
    if t is None:
        return repr(text), False, False
    src, needs = template(t, names, ints)
    return src, True, needs


def bare_expression(text: str, names: Mapping[str, str], limits: Any) -> str:
    """``if:`` / ``repeat:`` written without ``${}``: an expression as Python."""
    return _bare(expression(parse(text, limits), names))
