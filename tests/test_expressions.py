"""archcalc's expression language: values, precedence, types, errors at their offset, and bounds.

Expected values are Python's own for the same text (the grammar is a subset of
Python's), written out here.
"""

from __future__ import annotations

import pytest

from archcalc.reader.expr import ExprError, ExprLimits, names, parse
from archcalc.reader.expreval import evaluate
from archcalc.reader.templates import TemplateError, compile_template, render

ENV = {"width": 64, "rate": 0.5, "act": "relu", "on": True, "off": False, "i": 3, "none": None}

VALUES = [
    ("1 + 2 * 3", 7),
    ("(1 + 2) * 3", 9),
    ("2 ** 3 ** 2", 512),  # right-associative
    ("-2 ** 2", -4),  # ** binds tighter than unary minus on its left
    ("2 ** -1", 0.5),
    ("7 // 2", 3),
    ("-7 // 2", -4),  # floor division, as Python
    ("7 % 3", 1),
    ("-7 % 3", 2),
    ("7 / 2", 3.5),
    ("4 / 2", 2.0),  # '/' always gives a number with a fraction part
    ("width * 4", 256),
    ("width * rate", 32.0),
    ("min(width, 32, 48)", 32),
    ("max(1, rate)", 1),
    ("1_000 + 1", 1001),
    ("1e3", 1000.0),
    (".5 + 1.", 1.5),
    ("i == 3", True),
    ("i != 3", False),
    ("i < 4 and width >= 64", True),
    ("not on or off", False),
    ("not (on and off)", True),
    ("act == 'relu'", True),
    ('act == "gelu"', False),
    ("act == 3", False),  # different kinds are never equal
    ("none == null", True),
    ("true", True),
    ("'same' if i == 1 else 'valid'", "valid"),
    ("1 + 2 if on else 3", 3),
    ("(1 if off else 2) * 10", 20),
    ("off and (1 / 0 == 1)", False),  # and/or short-circuit, as Python
    ("--3", 3),
    ("2 ** 10 ** 3 > 0", True),  # 1,000 bits: within the bounds
]


@pytest.mark.parametrize(("text", "value"), VALUES)
def test_values(text: str, value: object) -> None:
    got = evaluate(parse(text), ENV)
    assert got == value and type(got) is type(value)


ERRORS = [
    # (text, offset, fragment of the message)
    ("", 0, "the expression is empty"),
    ("1 +", 3, "expected a value"),
    ("(1 + 2", 6, "expected ')' to close the '(' at column 1"),
    ("1 2", 2, "expected an operator or the end of the expression, but found '2'"),
    ("a < b < c", 6, "comparisons cannot be chained"),
    ("1 = 2", 2, "compare with '=='"),
    ("widht + 1", 0, "unknown name 'widht' (did you mean 'width'?)"),
    ("abs(1)", 0, "unknown function 'abs'; the functions are min and max"),
    ("min(1)", 0, "min() takes two or more values"),
    ("act + 1", 0, "+ needs numbers, but this is a string"),
    ("on * 2", 0, "* needs numbers, but this is a boolean"),
    ("1 / 0", 2, "division by zero in '/'"),
    ("1 % 0", 2, "division by zero in '%'"),
    ("width if i else 1", 9, "'if' needs true or false, but this is an integer"),
    ("width if on", 11, "expected 'else'"),
    ("not width", 4, "'not' needs true or false"),
    ("act < 'z'", 0, "< compares numbers, but this is a string"),
    ("(-8) ** 0.5", 5, "a negative number to a fractional power"),
    ("0 ** -1", 2, "0 cannot be raised to a negative power"),
    ("10.0 ** 400", 5, "too large for a number"),
    ("2 ** 2 ** 40", 2, "more than 4,300 digits"),
    ("'abc", 0, "a string that is never closed"),
    ("width $ 2", 6, "unexpected character '$'"),
    ("and 1", 0, "'and' needs a value on its left"),
]


@pytest.mark.parametrize(("text", "offset", "message"), ERRORS)
def test_errors_point_at_the_offending_character(text: str, offset: int, message: str) -> None:
    with pytest.raises(ExprError) as exc:
        evaluate(parse(text), {**ENV, "a": 1, "b": 2, "c": 3})
    assert message in str(exc.value)
    assert exc.value.offset == offset


def test_bounds_come_before_the_work() -> None:
    small = ExprLimits(max_chars=10, max_depth=5, max_digits=10)
    with pytest.raises(ExprError, match="longer than 10 characters; raise ARCHCALC_MAX_EXPR_CHARS"):
        parse("1 + 2 + 3 + 4", small)
    with pytest.raises(
        ExprError, match="nests deeper than 5 levels; raise ARCHCALC_MAX_EXPR_DEPTH"
    ):
        parse("((((((1))))))", ExprLimits(max_depth=5))
    with pytest.raises(ExprError, match="nests deeper than 5 levels"):
        parse("1+1+1+1+1+1", ExprLimits(max_depth=5))
    with pytest.raises(ExprError, match="more than 10 digits; raise ARCHCALC_MAX_EXPR_DIGITS"):
        evaluate(parse("10 ** 11"), {}, small)
    with pytest.raises(ExprError, match="more than 10 digits"):
        evaluate(parse("99999 * 99999 * 99999"), {}, small)


def test_limits_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARCHCALC_MAX_EXPR_DEPTH", "7")
    monkeypatch.setenv("ARCHCALC_MAX_EXPR_CHARS", "20")
    monkeypatch.setenv("ARCHCALC_MAX_EXPR_DIGITS", "30")
    assert ExprLimits.from_env() == ExprLimits(20, 7, 30)


def test_names() -> None:
    assert names(parse("min(width, i) * rate if on else 0")) == {"width", "i", "rate", "on"}


TEMPLATES = [
    ("${width * 2}", 128),  # a whole ${...}: the value with its type
    ("$width", 64),
    ("$rate", 0.5),
    ("$on", True),
    ("conv${i}_block${i + 1}", "conv3_block4"),  # text around it: text
    ("${act}_$act", "relu_relu"),
    ("cost: $$5", "cost: $5"),
    ("${'}'}", "}"),  # a brace inside a string does not end the expression
    ("x${none}", "xnull"),
]


@pytest.mark.parametrize(("text", "value"), TEMPLATES)
def test_templates(text: str, value: object) -> None:
    t = compile_template(text, ExprLimits())
    assert t is not None
    got = render(t, ENV, ExprLimits())
    assert got == value and type(got) is type(value)


def test_a_plain_string_is_not_a_template() -> None:
    assert compile_template("relu", ExprLimits()) is None


@pytest.mark.parametrize(
    ("text", "offset", "message"),
    [
        ("a${width", 1, "'${' is never closed"),
        ("$3", 0, "'$' starts ${EXPRESSION} or $NAME; write $$ for a dollar sign"),
        ("x ${1 +}", 7, "expected a value"),
        ("x ${nope}", 4, "unknown name 'nope'"),
    ],
)
def test_template_errors_point_into_the_string(text: str, offset: int, message: str) -> None:
    with pytest.raises(TemplateError) as exc:
        t = compile_template(text, ExprLimits())
        assert t is not None
        render(t, ENV, ExprLimits())
    assert message in str(exc.value) and exc.value.offset == offset
