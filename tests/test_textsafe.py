"""Untrusted strings made visible: controls escaped, long values cut with their length."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from archcalc.numtext import decimal, digit_count, dumps, fixed2, grouped
from archcalc.textsafe import excerpt, quote, visible


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("dense_1", "dense_1"),
        ("a\x1b[31mred", "a\\x1b[31mred"),
        ("bell\x07", "bell\\x07"),
        ("line\rover", "line\\rover"),
        ("two\nlines", "two\\nlines"),
        ("c1\x9bcsi", "c1\\x9bcsi"),
        ("osc\x1b]0;title\x07", "osc\\x1b]0;title\\x07"),
        ("rtl\u202eevil", "rtl\\u202eevil"),
        ("nel\x85", "nel\\x85"),
        ("sep\u2028", "sep\\u2028"),
        ("ünïcödé 名前", "ünïcödé 名前"),
    ],
)
def test_visible(raw: str, shown: str) -> None:
    assert visible(raw) == shown


def test_excerpt_bounds_long_values() -> None:
    secret = "-----BEGIN OPENSSH PRIVATE KEY-----" + "A" * 3000
    shown = excerpt(secret)
    assert shown.startswith("-----BEGIN OPENSSH PRIVATE KEY-----")
    assert shown.endswith(f"… ({len(secret):,} characters)")
    assert len(shown) < 120


def test_excerpt_keeps_short_values() -> None:
    assert excerpt("conv2d") == "conv2d"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("dense", "'dense'"),
        ("it's", '"it\'s"'),
        ("a\x1bb", "'a\\x1bb'"),
        ("k" * 100, "'" + "k" * 80 + "…' (100 characters)"),
        (12345, "12345"),
        (10**100, "100000000000… (101 digits)"),
        ([1] * 40, "[" + ", ".join(["1"] * 27) + "… (120 characters)"),  # 1 + 40 + 39 * 2 + 1
        (None, "None"),
    ],
    ids=lambda v: f"{type(v).__name__}",
)
def test_quote_bounds_every_value(value: object, shown: str) -> None:
    assert quote(value) == shown


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (0, "0"),
        (-1234567, "-1,234,567"),
        (10**4299, "1" + ",000" * 1433),  # 4,300 digits: in full, as Keras would print it
        (10**4300, "100,000,000,000… (4,301 digits)"),
        (-(7 * 10**5000), "-700,000,000,000… (5,001 digits)"),
    ],
    ids=["zero", "negative", "4300-digits", "4301-digits", "5001-digits"],
)
def test_grouped_shortens_only_past_python_limit(n: int, text: str) -> None:
    assert grouped(n) == text


def test_decimal_writes_every_digit_of_any_integer() -> None:
    n = 3**30000 + 7  # 14,314 digits, past Python's own str() limit
    text = decimal(n)
    assert len(text) == digit_count(n) == 14314
    assert int(text[-6:]) == n % 10**6  # the last digits, by arithmetic
    assert text[:4] == str(n // 10 ** (14314 - 4))
    assert decimal(-n) == "-" + text
    assert json.loads(dumps({"n": n}), parse_int=str) == {"n": text}


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1.5, "1.50"),
        (2**53 + 1, "9007199254740993.00"),  # past a float: still exact
        (Fraction(2 * 10**30 + 5, 1000), "2000000000000000000000000000.00"),  # half to even
        (Fraction(2 * 10**30 + 15, 1000), "2000000000000000000000000000.02"),
    ],
)
def test_fixed2_is_exact_past_floats(value: object, text: str) -> None:
    assert fixed2(value) == text
