"""Untrusted strings made visible: controls escaped, long values cut with their length."""

from __future__ import annotations

import pytest

from archcalc.textsafe import excerpt, visible


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
