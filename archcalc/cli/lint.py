"""``archcalc lint``: check specs for CI and editors; exit 0 clean, 1 findings, 2 usage."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace

import click

from archcalc.cli.common import COLOR_OPTION, exit_help, report, use_color, write_out
from archcalc.diagnostics import Diagnostic
from archcalc.exitcodes import ExitCode
from archcalc.lint import FAIL_ON, RULES, LintOptions, lint_paths, rule_summary
from archcalc.lint.report import REPORTER_BY_NAME, pick_format

#: Show a progress bar on a terminal from this many files on.
PROGRESS_MIN_FILES = 20

LINT_EXIT_HELP = exit_help(
    ok="no finding at or above --fail-on",
    findings="findings at or above --fail-on (a spec that cannot be loaded is an error finding)",
    usage="usage error: bad option, path that names nothing, invalid config file",
    failure="the report could not be written",
)


@click.command(epilog=LINT_EXIT_HELP)
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["auto", *REPORTER_BY_NAME]),
    default="auto",
    show_default=True,
    help="auto: github under GitHub Actions (GITHUB_ACTIONS=true), else human.",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="error",
    show_default=True,
    help="The lowest level that makes the exit code 1.",
)
@click.option(
    "-c",
    "--config",
    type=click.Path(exists=True, dir_okay=False),
    help="Use this pyproject.toml or .archcalc.yaml instead of searching for one.",
)
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
@click.option("--enable", multiple=True, metavar="RULE[,RULE]", help="Turn rules on.")
@click.option("--disable", multiple=True, metavar="RULE[,RULE]", help="Turn rules off.")
@click.option(
    "--set",
    "sets",
    multiple=True,
    metavar="KEY=VALUE",
    help="RULE=error|warning|off, RULE.OPTION=VALUE or OPTION=VALUE, e.g. max_params=1.5M; "
    "or NAME=VALUE for a variable the specs declare (applied to each spec that declares it).",
)
@click.option(
    "--stdin-filename",
    default="<stdin>",
    show_default=True,
    help="The name to report for '-' (standard input).",
)
@click.option("--list-rules", is_flag=True, help="List the rules and load/inference codes.")
@click.option("--explain", metavar="RULE", help="Print a rule's documentation.")
@COLOR_OPTION
def lint(
    paths: tuple[str, ...],
    fmt: str,
    fail_on: str,
    config: str | None,
    isolated: bool,
    enable: tuple[str, ...],
    disable: tuple[str, ...],
    sets: tuple[str, ...],
    stdin_filename: str,
    list_rules: bool,
    explain: str | None,
    color: str,
) -> None:
    """Check architecture specs: load and inference errors, plus lint rules.

    PATHS are spec files, directories (searched for *.yaml, *.yml, *.keras,
    and *.json Keras models or specs) or globs; '-' reads a YAML spec from stdin.
    Configuration: [tool.archcalc.lint] in pyproject.toml or .archcalc.yaml,
    found by walking up from each spec; see `archcalc docs lint`.
    """
    from archcalc.lint.config import ConfigError, cli_patch
    from archcalc.lint.files import ConfigFinder, PathError, collect
    from archcalc.reader.limits import Limits
    from archcalc.reader.load import read_stdin

    if list_rules or explain:
        write_out(_explain(explain) if explain else _rule_list())
        return
    if not paths:
        raise click.UsageError("give at least one spec file, directory or glob to lint")
    finder = ConfigFinder(config, isolated)
    skipped: list[Diagnostic] = []
    settings, given = _split_sets(sets)
    try:
        options = LintOptions(finder, cli_patch(enable, disable, settings), stdin_filename, given)
        files = collect(paths, finder, skipped)
        with _progress(len(files)) as step:
            result = lint_paths(
                files, options, step, lambda: read_stdin(Limits.from_env(), stdin_filename)
            )
    except PathError as exc:
        raise click.UsageError(str(exc)) from None
    except ConfigError as exc:
        report(exc.diagnostics, use_color(color, sys.stderr))
        sys.exit(int(ExitCode.USAGE))
    unused = [name for name in given if name not in options.used]
    if unused and files:
        raise click.BadParameter(
            f"unknown rule, option or variable {unused[0]!r}: no rule or option has that name, "
            "and no linted spec declares it under 'variables:'",
            param_hint="--set",
        )
    if skipped:  # links out of the walked tree: said, never read
        result = replace(result, diagnostics=(*skipped, *result.diagnostics))
    if not files:
        click.echo("archcalc lint: no spec files found under the given paths", err=True)
    name = pick_format(fmt)
    text = REPORTER_BY_NAME[name](result, use_color(color, sys.stdout) and name == "human")
    write_out(text)
    sys.exit(int(result.exit_code(fail_on)))


def _split_sets(sets: tuple[str, ...]) -> tuple[tuple[str, ...], dict[str, object]]:
    """``--set`` items for lint (a rule, RULE.OPTION or an option a rule has) and for the specs'
    variables (any other NAME=VALUE)."""
    import difflib

    from archcalc.cli.variables import variables
    from archcalc.lint.codes import LOAD_CODES
    from archcalc.reader.design import IDENTIFIER

    options = {opt for rule in RULES.values() for opt in rule.CONF}
    known = [*RULES, *LOAD_CODES, *options]
    settings, names = [], []
    for item in sets:
        key = item.partition("=")[0].strip()
        # a misspelt rule or option (max_paramz) is lint's to report, with its did-you-mean
        near = difflib.get_close_matches(key, known, n=1, cutoff=0.85)
        is_lint = key in known or "." in key or bool(near)
        if is_lint or not IDENTIFIER.fullmatch(key) or "=" not in item:
            settings.append(item)
        else:
            names.append(item)
    return tuple(settings), variables(tuple(names))


@contextmanager
def _progress(total: int) -> Iterator[Callable[[str], None] | None]:
    """A transient rich progress bar on stderr, only on a terminal and for many files."""
    if total < PROGRESS_MIN_FILES or not _is_terminal(sys.stderr):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(stderr=True)
    columns = (
        TextColumn("linting"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("", total=total)

        def step(path: str) -> None:
            bar.update(task, advance=1, description=path)

        yield step


def _is_terminal(stream: object) -> bool:
    import os

    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


def _rule_list() -> str:
    from archcalc.lint.codes import LOAD_CODES, LOAD_WARNINGS

    width = max(len(r) for r in [*RULES, *LOAD_CODES])
    lines = ["Lint rules (level when on; 'off' rules must be enabled):"]
    for rid, rule in RULES.items():
        level = rule.LEVEL if rule.ENABLED else "off"
        lines.append(f"  {rid:<{width}}  {level:<7}  {rule_summary(rule)}")
    lines.append("")
    lines.append("Load and inference problems (cannot be disabled):")
    for code, text in LOAD_CODES.items():
        level = "warning" if code in LOAD_WARNINGS else "error"
        lines.append(f"  {code:<{width}}  {level:<7}  {text}")
    return "\n".join(lines) + "\n"


def _explain(rid: str) -> str:
    from archcalc.diagnostics import did_you_mean
    from archcalc.lint.codes import LOAD_CODES
    from archcalc.lint.ruledoc import rule_doc

    if rid in RULES:
        return f"{rid}\n\n{rule_doc(RULES[rid])}\n"
    if rid in LOAD_CODES:
        return f"{rid} (load/inference problem)\n\n{LOAD_CODES[rid]}\n"
    raise click.UsageError(
        f"unknown rule '{rid}'{did_you_mean(rid, [*RULES, *LOAD_CODES])}; see --list-rules"
    )
