"""Output formats: golden files for each, and SARIF's required structure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from archcalc.cli import main
from archcalc.diagnostics import Diagnostic, Severity
from archcalc.lint import RULES, LintReport
from archcalc.lint.codes import LOAD_CODES
from archcalc.lint.report import REPORTER_BY_NAME, github, pick_format, sarif

CASES = Path(__file__).parent / "cases"
FILES = ["dead_layer.yaml", "load_error.yaml", "softmax_hidden.yaml", "budget.yaml"]


def lint_output(runner: CliRunner, monkeypatch: pytest.MonkeyPatch, fmt: str) -> str:
    monkeypatch.chdir(CASES)
    result = runner.invoke(
        main, ["lint", "--isolated", "--set", "max_params=40", "-f", fmt, *FILES]
    )
    assert result.exit_code == 1, result.output
    return result.stdout


@pytest.mark.parametrize("fmt", sorted(REPORTER_BY_NAME))
def test_format_golden(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, golden, fmt: str
) -> None:  # type: ignore[no-untyped-def]
    golden.check(f"lint/report.{fmt}.txt", lint_output(runner, monkeypatch, fmt))


def test_sarif_structure(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    log = json.loads(lint_output(runner, monkeypatch, "sarif"))
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "archcalc" and driver["version"]
    rules = driver["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids)) and set(RULES) <= set(ids)
    assert (
        next(r for r in rules if r["id"] == "unknown-argument")["shortDescription"]["text"]
        == (LOAD_CODES["unknown-argument"])
    )
    for rule in rules:
        assert rule["shortDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    assert (
        next(r for r in rules if r["id"] == "param-share")["defaultConfiguration"]["enabled"]
        is False
    )
    results = run["results"]
    assert {r["ruleId"] for r in results} == {
        "dead-layer",
        "unknown-argument",
        "softmax-not-last",
        "budget",
    }
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["level"] in ("error", "warning", "note", "none")
        assert r["message"]["text"]
        (loc,) = r["locations"]
        phys = loc["physicalLocation"]
        assert phys["artifactLocation"]["uri"] in FILES
        assert phys["region"]["startLine"] >= 1 and phys["region"]["startColumn"] >= 1


def test_sarif_without_position_and_unknown_code() -> None:
    report = LintReport(("/abs/m.yaml",), (Diagnostic("/abs/m.yaml", 0, 0, "new-code", "m"),))
    (result,) = json.loads(sarif(report))["runs"][0]["results"]
    loc = result["locations"][0]["physicalLocation"]
    assert loc == {"artifactLocation": {"uri": "file:///abs/m.yaml"}}
    rules = json.loads(sarif(report))["runs"][0]["tool"]["driver"]["rules"]
    assert rules[result["ruleIndex"]]["id"] == "new-code"


def test_github_escaping() -> None:
    d = Diagnostic("dir,a/m:1.yaml", 3, 4, "budget", "100% over\nbudget", Severity.WARNING)
    assert github(LintReport(("x",), (d,))) == (
        "::warning file=dir%2Ca/m%3A1.yaml,line=3,col=4,title=archcalc (budget)::100%25 over%0Abudget\n"
    )
    info = Diagnostic("m.yaml", 0, 0, "x", "note", Severity.INFO)
    assert github(LintReport(("x",), (info,))) == "::notice file=m.yaml,title=archcalc (x)::note\n"


@pytest.mark.parametrize(
    ("name", "env", "expected"),
    [
        ("auto", {"GITHUB_ACTIONS": "true"}, "github"),
        ("auto", {}, "human"),
        ("auto", {"GITHUB_ACTIONS": "false"}, "human"),
        ("json", {"GITHUB_ACTIONS": "true"}, "json"),
    ],
)
def test_pick_format(name: str, env: dict[str, str], expected: str) -> None:
    assert pick_format(name, env) == expected
