"""Lint output formats: each takes a :class:`LintReport` and returns a string.

``REPORTER_BY_NAME`` feeds the command's ``--format`` choice (plus ``auto``:
``github`` under GitHub Actions, else ``human``):

- ``human``: ``path:line:col: level rule-id message`` and a one-line summary;
- ``json``: ``{"version": 1, "summary": {...}, "findings": [...]}``;
- ``github``: workflow commands that annotate the pull request
  (``::error file=...,line=...,col=...,title=archcalc (rule)::message``);
- ``sarif``: SARIF 2.1.0 for GitHub code scanning.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import Any

import click

from archcalc._version import __version__
from archcalc.diagnostics import Diagnostic, Severity
from archcalc.lint import RULES, LintReport, rule_summary
from archcalc.lint.codes import LOAD_CODES, LOAD_WARNINGS
from archcalc.lint.ruledoc import rule_doc
from archcalc.textsafe import visible

Reporter = Callable[[LintReport, bool], str]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def human(report: LintReport, color: bool = False) -> str:
    lines = []
    styles = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
    for d in report.diagnostics:
        where = visible(d.location) + ":"
        level = str(d.severity)
        if color:
            where = click.style(where, bold=True)
            level = click.style(level, fg=styles[d.severity], bold=True)
            code = click.style(d.code, dim=True)
        else:
            code = d.code
        lines.append(f"{where} {level} {code} {visible(d.message)}")
        lines.extend(f"  {visible(via)}" for via in d.via_lines())  # the block instances
    errors, warnings = report.count(Severity.ERROR), report.count(Severity.WARNING)
    checked = _plural(len(report.files), "file")
    if errors or warnings:
        lines.append(
            f"Found {_plural(errors, 'error')} and {_plural(warnings, 'warning')} in {checked}."
        )
    else:
        lines.append(f"All checks passed ({checked}).")
    return "\n".join(lines) + "\n"


def json_format(report: LintReport, color: bool = False) -> str:
    data = {
        "version": 1,
        "summary": {
            "files": len(report.files),
            "errors": report.count(Severity.ERROR),
            "warnings": report.count(Severity.WARNING),
        },
        "findings": [
            {
                "path": d.path,
                "line": d.line,
                "column": d.column,
                "rule": d.code,
                "level": str(d.severity),
                "message": d.message,
                **({"via": _via(d)} if d.via else {}),
            }
            for d in report.diagnostics
        ],
    }
    return json.dumps(data, indent=2) + "\n"


def _via(d: Diagnostic) -> list[dict[str, Any]]:
    """The block instances a finding was made in, innermost first (JSON)."""
    return [{"line": v.line, "column": v.column, "instance": v.what} for v in d.via]


def _message(d: Diagnostic) -> str:
    """The message and, for a layer a block made, one line per instance that made it."""
    return "\n".join([d.message, *d.via_lines()])


def _escape_data(text: str) -> str:
    """A workflow command's data: controls made visible (an ESC would reach the log raw),
    then the runner's own escapes."""
    shown = "\n".join(visible(line) for line in text.split("\n"))  # newlines stay: %0A
    return shown.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(report: LintReport, color: bool = False) -> str:
    commands = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    lines = []
    for d in report.diagnostics:
        props = [f"file={_escape_property(d.path)}"]
        if d.line:
            props += [f"line={d.line}", f"col={d.column}"]
        props.append(f"title={_escape_property(f'archcalc ({d.code})')}")
        lines.append(f"::{commands[d.severity]} {','.join(props)}::{_escape_data(_message(d))}")
    return "".join(line + "\n" for line in lines)


_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _sarif_rules(report: LintReport) -> list[dict[str, Any]]:
    """Every lint rule, and the load/inference codes the findings use."""
    rules = []
    for rid, rule in RULES.items():
        doc = rule_doc(rule)
        rules.append(
            {
                "id": rid,
                "name": rid,
                "shortDescription": {"text": rule_summary(rule)},
                "fullDescription": {"text": doc.split("\n\n")[1] if "\n\n" in doc else doc},
                "help": {"text": doc},
                "defaultConfiguration": {
                    "enabled": bool(rule.ENABLED),
                    "level": _SARIF_LEVEL[Severity(rule.LEVEL)],
                },
            }
        )
    codes: dict[str, str] = {}
    for d in report.diagnostics:
        if d.code not in RULES:
            codes.setdefault(
                d.code,
                LOAD_CODES.get(d.code, "A problem found while loading or inferring the spec."),
            )
    for code, text in codes.items():
        rules.append(
            {
                "id": code,
                "name": code,
                "shortDescription": {"text": text},
                "fullDescription": {"text": text},
                "defaultConfiguration": {
                    "enabled": True,
                    "level": "warning" if code in LOAD_WARNINGS else "error",
                },
            }
        )
    return rules


def _uri(path: str) -> str:
    """A SARIF ``uri`` (RFC 3986): ``#``, ``%``, spaces and other reserved characters
    percent-encoded, so a file named ``a #1.yaml`` is not read as ``a `` plus a fragment."""
    from urllib.parse import quote as percent

    if os.path.isabs(path):
        return "file://" + percent(path.replace(os.sep, "/"), safe="/")
    return percent(path.replace(os.sep, "/").removeprefix("./"), safe="/")


def _sarif_result(d: Diagnostic, index: dict[str, int]) -> dict[str, Any]:
    location: dict[str, Any] = {"artifactLocation": {"uri": _uri(d.path)}}
    if d.line:
        location["region"] = {"startLine": d.line, "startColumn": max(d.column, 1)}
    result: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": index[d.code],
        "level": _SARIF_LEVEL[d.severity],
        "message": {"text": _message(d)},
        "locations": [{"physicalLocation": location}],
    }
    if d.via:  # where each block instance that made the layer was written
        result["relatedLocations"] = [
            {
                "id": k,
                "message": {"text": f"instantiated here: {v.what}"},
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(d.path)},
                    "region": {"startLine": v.line, "startColumn": max(v.column, 1)},
                },
            }
            for k, v in enumerate(d.via)
            if v.line
        ]
    return result


def sarif(report: LintReport, color: bool = False) -> str:
    rules = _sarif_rules(report)
    index = {r["id"]: i for i, r in enumerate(rules)}
    data = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "archcalc",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [_sarif_result(d, index) for d in report.diagnostics],
            }
        ],
    }
    return json.dumps(data, indent=2) + "\n"


REPORTER_BY_NAME: dict[str, Reporter] = {
    "human": human,
    "json": json_format,
    "github": github,
    "sarif": sarif,
}


def pick_format(name: str, environ: dict[str, str] | None = None) -> str:
    """``auto``: ``github`` when running under GitHub Actions, else ``human``."""
    env = os.environ if environ is None else environ
    if name != "auto":
        return name
    return "github" if env.get("GITHUB_ACTIONS") == "true" else "human"
