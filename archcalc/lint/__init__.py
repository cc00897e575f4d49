"""``archcalc lint``: architecture checks beyond "does it compute".

For each spec the runner loads it, builds its graph and infers it; every
loader or inference diagnostic becomes an error finding under its own code
(:mod:`archcalc.lint.codes`), and the next file is linted. Then each enabled
rule of :data:`RULES` runs on what could be built (a rule declares whether
it needs the spec, the graph or the inference result), and the runner
stamps each finding with the rule's ID and configured level, as yamllint's
linter does. Inline ``# archcalc: disable=...`` comments drop findings last.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from archcalc.diagnostics import ArchcalcError, Diagnostic, Severity
from archcalc.engine import infer_graph
from archcalc.exitcodes import ExitCode
from archcalc.graph import build_graph
from archcalc.lint.config import Patch, apply, settings_for, settings_from_pairs
from archcalc.lint.context import LintContext
from archcalc.lint.directives import Directives, scan, suppressed, suppressions
from archcalc.lint.files import ConfigFinder
from archcalc.lint.registry import RULES, rule_summary
from archcalc.reader.designcheck import Declared
from archcalc.reader.files import STDIN
from archcalc.reader.load import model_from_text, read_model
from archcalc.textsafe import excerpt

FAIL_ON = ("error", "warning", "never")
_RANK = {Severity.ERROR: 2, Severity.WARNING: 1, Severity.INFO: 0}


@dataclass(frozen=True)
class LintReport:
    """The findings of one run; :meth:`exit_code` is the exit policy."""

    files: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...]

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity is severity)

    def exit_code(self, fail_on: str = "error") -> ExitCode:
        """1 when a finding is at or above ``fail_on`` (error | warning | never), else 0."""
        if fail_on == "never":
            return ExitCode.OK
        bar = _RANK[Severity(fail_on)]
        failing = any(_RANK[d.severity] >= bar for d in self.diagnostics)
        return ExitCode.FINDINGS if failing else ExitCode.OK


@dataclass(frozen=True)
class LintOptions:
    finder: ConfigFinder = field(default_factory=ConfigFinder)
    cli: Patch = field(default_factory=Patch)
    stdin_name: str = "<stdin>"
    #: ``--set NAME=VALUE`` for the variables of whichever specs declare them
    variables: dict[str, Any] = field(default_factory=dict)
    #: the variables some linted spec declared (filled while linting)
    used: set[str] = field(default_factory=set)


def lint_paths(
    files: Iterable[str],
    options: LintOptions | None = None,
    on_file: Callable[[str], None] | None = None,
    read_stdin: Callable[[], str] | None = None,
) -> LintReport:
    """Lint files already collected (:func:`archcalc.lint.files.collect`)."""
    options = options or LintOptions()
    names: list[str] = []
    found: list[Diagnostic] = []
    for path in files:
        name = options.stdin_name if path == STDIN else path
        try:  # one bad file never hides the findings of the others
            text = read_stdin() if path == STDIN and read_stdin else None
            found.extend(
                lint_file(name, options, text, config_path=None if path == STDIN else path)
            )
        except ArchcalcError as exc:
            found.extend(replace(d, severity=Severity.ERROR) for d in exc.diagnostics)
        except (RecursionError, MemoryError) as exc:
            found.append(_failed(name, "input-too-big", exc))
        except Exception as exc:  # a bug: this file's finding, then the next file
            found.append(_failed(name, "internal-error", exc))
        names.append(name)
        if on_file is not None:
            on_file(name)
    return LintReport(tuple(names), tuple(found))


def _failed(path: str, code: str, exc: BaseException) -> Diagnostic:
    if code == "internal-error":
        why = f"archcalc failed on this file ({type(exc).__name__}: {excerpt(str(exc))}); please report it"
    elif isinstance(exc, MemoryError):
        why = "out of memory while processing this file"
    else:
        why = "the input is nested too deeply to process"
    return Diagnostic(path, 0, 0, code, why)


def lint_file(
    path: str, options: LintOptions, text: str | None = None, config_path: str | None = None
) -> list[Diagnostic]:
    """Findings for one spec (``text`` given: YAML already read, e.g. from stdin)."""

    given = Declared(options.variables)
    try:
        loaded = (
            read_model(path, variables=given)
            if text is None
            else model_from_text(text, path, variables=given)
        )
    except ArchcalcError as exc:
        return [replace(d, severity=Severity.ERROR) for d in exc.diagnostics]
    finally:
        options.used.update(given.used)
    return _lint_spec(loaded.spec, loaded.text, options, config_path)


def _lint_spec(
    spec: Any, text: str, options: LintOptions, config_path: str | None
) -> list[Diagnostic]:

    path = spec.path
    findings: list[Diagnostic] = []
    directives = scan(text, path, set(RULES)) if "archcalc:" in text else Directives()
    findings += directives.problems
    settings = settings_for(config_path, options.finder.patches_for(config_path))
    settings = apply(settings, options.cli.extends, options.cli.rules)
    if directives.settings:
        rules, problems = settings_from_pairs(directives.settings, path, "bad-directive")
        findings += [replace(d, severity=Severity.ERROR) for d in problems]
        settings = apply(settings, None, rules)

    graph = result = None
    try:
        graph = build_graph(spec)
        result = infer_graph(graph)
    except ArchcalcError as exc:
        findings += [replace(d, severity=Severity.ERROR) for d in exc.diagnostics]
    # loader and engine warnings no rule owns pass through as they are
    warnings = graph.warnings if graph is not None else spec.warnings
    findings += [w for w in warnings if w.code not in RULES]

    ctx = LintContext(path, spec, graph, result, text)
    have = {"spec": True, "graph": graph is not None, "result": result is not None}
    for rid, rule in RULES.items():
        conf = settings[rid]
        if conf.level is None or not have[rule.REQUIRES]:
            continue
        try:
            found = [
                replace(d, code=rid, severity=conf.level)
                for d in rule.check(ctx, dict(conf.options))
            ]
        except Exception as exc:  # a bug in a rule must not stop the run or print a traceback
            found = [
                Diagnostic(
                    path,
                    0,
                    0,
                    "internal-error",
                    f"rule {rid} failed ({type(exc).__name__}: {exc}); please report it",
                )
            ]
        findings += found

    if directives.disables:
        spans = suppressions(directives, spec, text.splitlines())
        findings = [d for d in findings if d.code not in RULES or not suppressed(d, spans)]
    unique = {(d.line, d.column, d.code, d.message, d.via): d for d in findings}
    return [unique[k] for k in sorted(unique)]


__all__ = [
    "FAIL_ON",
    "RULES",
    "LintOptions",
    "LintReport",
    "lint_file",
    "lint_paths",
    "rule_summary",
]
