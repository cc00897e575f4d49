"""The small TOML reader: same values as tomllib, plus the line of every key."""

from __future__ import annotations

import sys

import pytest

from archcalc.lint.toml import TomlError, load_toml, read_toml
from tests.conftest import ROOT

DOCS = [
    (ROOT / "pyproject.toml").read_text(encoding="utf-8"),
    '''\
# a comment
title = "x" # trailing
"quoted key" = 'literal \\n kept'
dotted.key.path = 1_000
hex = 0xff
oct = 0o17
bin = 0b101
neg = -3
flt = 6.02e23
flt2 = -0.5
inf_ = inf
yes = true
no = false
when = 1979-05-27T07:32:00Z
day = 1979-05-27
escapes = "tab\\tquote\\" unicode\\u00e9"
multi = """
line one
line \\
   two"""
raw = \'\'\'
C:\\path\'\'\'
arr = [
  1,  # one
  2,
]
nested = [[1, 2], ["a"]]
inline = { a = 1, b = { c = [true] } }
empty_inline = {}

[tool.archcalc.lint]
extends = "default"

[tool.archcalc.lint.rules]
budget = { max_params = 1_000_000 }
"softmax-not-last" = "off"

[[tool.archcalc.lint.overrides]]
files = ["a/*.yaml"]

[[tool.archcalc.lint.overrides]]
files = ["b/*.yaml"]
rules.budget.max_params = "5M"

[other]
text = """ not a [header]
[tool.archcalc]
"""
''',
]


@pytest.mark.parametrize("doc", DOCS, ids=["pyproject", "features"])
def test_same_values_as_tomllib(doc: str) -> None:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    data, _ = read_toml(doc)
    expected = tomllib.loads(doc)
    # dates: tomllib makes datetime objects, the reader keeps the text (archcalc never reads one)
    for key in ("when", "day"):
        if key in expected:
            assert data.pop(key) == expected.pop(key).isoformat().replace("+00:00", "Z")
    assert data == expected


def test_key_lines() -> None:
    _, lines = read_toml(DOCS[1])
    assert lines[("tool", "archcalc", "lint", "rules", "budget")] == 35
    assert lines[("tool", "archcalc", "lint", "rules", "budget", "max_params")] == 35
    assert lines[("tool", "archcalc", "lint", "overrides", 1)] == 41
    assert (
        lines[("tool", "archcalc", "lint", "overrides", 1, "rules", "budget", "max_params")] == 43
    )
    assert lines[("tool", "archcalc", "lint")] == 31


@pytest.mark.parametrize(
    ("doc", "line"),
    [
        ("a = 1\nb = \n", 2),
        ("a = 1\na = 2\n", 2),
        ('a = "open\n', 1),
        ("[t\n", 1),
        ("a = [1 2]\n", 1),
        ("a = 1 b\n", 1),
        ("a = nope\n", 1),
    ],
)
def test_errors_have_lines(doc: str, line: int) -> None:
    with pytest.raises(TomlError) as info:
        read_toml(doc)
    assert info.value.line == line


def test_without_tomllib(monkeypatch: pytest.MonkeyPatch) -> None:
    """Python 3.10 has no tomllib: the reader provides the values."""
    monkeypatch.setitem(sys.modules, "tomllib", None)
    data, lines = load_toml(DOCS[1])
    assert data["tool"]["archcalc"]["lint"]["rules"]["budget"] == {"max_params": 1_000_000}
    assert lines[("tool", "archcalc", "lint")] == 31


def test_tomllib_errors_keep_their_line() -> None:
    pytest.importorskip("tomllib")
    with pytest.raises(TomlError) as info:
        load_toml("a = 1\n[b\n")
    assert info.value.line == 2
