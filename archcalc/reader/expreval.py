"""An expression's value: exact integer arithmetic, bounded before the work.

Every failure is an :class:`~archcalc.reader.expr.ExprError` at the offending offset,
naming what was expected.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from archcalc.diagnostics import did_you_mean
from archcalc.reader.expr import COMPARE, ExprError, ExprLimits, Node
from archcalc.textsafe import quote


def kind_name(value: Any) -> str:
    """A value's type as a message names it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _is_num(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


class _Evaluator:
    def __init__(self, env: Mapping[str, Any], limits: ExprLimits) -> None:
        self.env = env
        self.limits = limits

    def run(self, n: Node) -> Any:
        op = n.op
        if op in ("num", "str"):
            return n.value
        if op == "name":
            if n.value not in self.env:
                hint = did_you_mean(n.value, list(self.env))
                raise ExprError(f"unknown name {quote(n.value)}{hint}", n.offset)
            return self.env[n.value]
        if op == "call":
            values = [self.number(a, f"{n.value}()") for a in n.args]
            return min(values) if n.value == "min" else max(values)
        if op in ("and", "or"):
            left = self.boolean(n.args[0], op)
            if (op == "and" and not left) or (op == "or" and left):
                return left
            return self.boolean(n.args[1], op)
        if op == "not":
            return not self.boolean(n.args[0], "not")
        if op == "if":
            return self.run(n.args[1] if self.boolean(n.args[0], "if") else n.args[2])
        if op in ("neg", "pos"):
            value = self.number(n.args[0], "-" if op == "neg" else "+")
            return -value if op == "neg" else value
        if op in COMPARE:
            return self.compare(n)
        a = self.number(n.args[0], op)
        b = self.number(n.args[1], op)
        return self.arith(op, a, b, n.offset)

    def number(self, n: Node, what: str) -> int | float:
        value = self.run(n)
        if not _is_num(value):
            raise ExprError(f"{what} needs numbers, but this is {kind_name(value)}", n.offset)
        return value  # type: ignore[no-any-return]

    def boolean(self, n: Node, what: str) -> bool:
        value = self.run(n)
        if not isinstance(value, bool):
            raise ExprError(
                f"{quote(what)} needs true or false, but this is {kind_name(value)}", n.offset
            )
        return value

    def compare(self, n: Node) -> bool:
        a, b = self.run(n.args[0]), self.run(n.args[1])
        op = n.op
        if op in ("==", "!="):
            same_kind = (_is_num(a) and _is_num(b)) or type(a) is type(b)
            equal = same_kind and a == b
            return equal if op == "==" else not equal
        for v, arg in ((a, n.args[0]), (b, n.args[1])):
            if not _is_num(v):
                raise ExprError(f"{op} compares numbers, but this is {kind_name(v)}", arg.offset)
        return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]

    def arith(self, op: str, a: Any, b: Any, offset: int) -> int | float:
        if op in ("/", "//", "%") and b == 0:
            raise ExprError(f"division by zero in {quote(op)}", offset)
        if op == "**":
            self.check_power(a, b, offset)
        try:
            if op == "+":
                value = a + b
            elif op == "-":
                value = a - b
            elif op == "*":
                value = a * b
            elif op == "/":
                value = a / b
            elif op == "//":
                value = a // b
            elif op == "%":
                value = a % b
            else:
                value = a**b
        except OverflowError:
            raise ExprError(
                f"the result of {quote(op)} is too large for a number", offset
            ) from None
        except ZeroDivisionError:
            raise ExprError("0 cannot be raised to a negative power", offset) from None
        return self.bounded(value, offset)

    def check_power(self, a: Any, b: Any, offset: int) -> None:
        """``a ** b`` with integers is refused before it is computed when it would be too long."""
        if a < 0 and isinstance(b, float) and not b.is_integer():
            raise ExprError("a negative number to a fractional power is not a real number", offset)
        big = isinstance(a, int) and isinstance(b, int) and b > 0 and abs(a) > 1
        if big and b * (abs(a).bit_length() - 1) > self.limits.max_bits:
            raise ExprError(self.too_long(), offset)

    def bounded(self, value: Any, offset: int) -> int | float:
        if isinstance(value, int):
            if value.bit_length() > self.limits.max_bits:
                raise ExprError(self.too_long(), offset)
        elif not math.isfinite(value):
            raise ExprError("the result is not a finite number", offset)
        return value  # type: ignore[no-any-return]

    def too_long(self) -> str:
        return (
            f"the result would have more than {self.limits.max_digits:,} digits; "
            "raise ARCHCALC_MAX_EXPR_DIGITS if it is legitimate"
        )


def evaluate(node: Node, env: Mapping[str, Any], limits: ExprLimits | None = None) -> Any:
    """The value of ``node`` with ``env``'s names; raises ExprError at the offending offset."""
    return _Evaluator(env, limits or ExprLimits()).run(node)
