"""Each rule on small specs: expected (line, column, rule) findings, as data.

A case in tests/lint/cases/ is a spec whose comments say what lint must
report: ``# expect: LINE:COL RULE`` for every finding (all of them: a case
with no expect line must be clean) and ``# set: KEY=VALUE`` for settings
(the command line's ``--set``). Rule docstrings' PASS/FAIL examples are
linted too, so the documentation cannot drift from the behaviour.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from archcalc.catalog.args import ArgType
from archcalc.lint import RULES, LintOptions, lint_file
from archcalc.lint.config import cli_patch
from archcalc.lint.files import ConfigFinder

CASES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))
_EXPECT = re.compile(r"^# expect: (\d+):(\d+) (\S+)$", re.M)
_SET = re.compile(r"^# set: (\S+)$", re.M)
_EXAMPLE = re.compile(r"^(PASS|FAIL)::\n\n((?:    .*\n|\n)+)", re.M)


def lint_text(text: str, path: str, sets: list[str], enable: list[str] = ()) -> list[tuple]:  # type: ignore[assignment]
    options = LintOptions(ConfigFinder(isolated=True), cli_patch(enable, [], sets))
    return [(d.line, d.column, d.code) for d in lint_file(path, options, text)]


def expectations(text: str) -> list[tuple[int, int, str]]:
    return sorted((int(a), int(b), rule) for a, b, rule in _EXPECT.findall(text))


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_case(case: Path, keras_kinds: list[str]) -> None:
    text = case.read_text(encoding="utf-8")
    got = lint_text(text, str(case), _SET.findall(text))
    assert sorted(got) == expectations(text)


def test_cases_read_from_disk_too(keras_kinds: list[str]) -> None:
    """lint_file without text reads the file itself (the path the CLI takes)."""
    case = next(c for c in CASES if c.stem == "dead_layer")
    options = LintOptions(ConfigFinder(isolated=True))
    got = [(d.line, d.column, d.code) for d in lint_file(str(case), options)]
    assert got == expectations(case.read_text(encoding="utf-8"))


def test_every_rule_has_a_failing_case() -> None:
    reported = {
        rule for case in CASES for *_, rule in expectations(case.read_text(encoding="utf-8"))
    }
    assert set(RULES) <= reported


def examples(rule_id: str) -> list[tuple[str, str]]:
    doc = RULES[rule_id].__doc__ or ""
    return [(kind, textwrap.dedent(body)) for kind, body in _EXAMPLE.findall(doc)]


@pytest.mark.parametrize("rule_id", list(RULES))
def test_docstring_examples(rule_id: str, keras_kinds: list[str]) -> None:
    found = examples(rule_id)
    assert {k for k, _ in found} == {"PASS", "FAIL"}, "a rule documents a PASS and a FAIL spec"
    for kind, text in found:
        got = lint_text(text, f"<{rule_id} {kind}>", [], enable=[rule_id])
        if kind == "PASS":
            assert got == [], text
        else:
            assert got and all(code == rule_id for *_, code in got), (text, got)


@pytest.mark.parametrize("rule_id", list(RULES))
def test_rule_module_contract(rule_id: str) -> None:
    rule = RULES[rule_id]
    assert rule_id == rule.ID and re.fullmatch(r"[a-z]+(-[a-z]+)*", rule_id)
    assert rule.LEVEL in ("error", "warning") and isinstance(rule.ENABLED, bool)
    assert rule.REQUIRES in ("spec", "graph", "result")
    assert set(rule.CONF) == set(rule.DEFAULT)
    for option, arg_type in rule.CONF.items():
        assert isinstance(arg_type, ArgType)
        assert arg_type.check(rule.DEFAULT[option]) == rule.DEFAULT[option]
    doc = rule.__doc__ or ""
    assert "Options:" in doc and "Default level:" in doc
    assert callable(rule.check)
