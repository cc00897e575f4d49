"""``archcalc diff OLD NEW``: what a change to an architecture does, layer by layer.

Exit codes as ``diff`` users expect: 0 the models are the same, 1 they
differ, 2 usage error, 3 an input could not be loaded (the message says
which side).
"""

from __future__ import annotations

import shutil
import sys
from typing import Any

import click

from archcalc.cli.common import (
    COLOR_OPTION,
    emit,
    exit_help,
    format_option,
    load_spec,
    report,
    run_guarded,
    use_color,
)
from archcalc.cli.htmlopts import OUTPUT_OPTION, TIMEOUT_OPTION, graph_layout
from archcalc.cli.variables import set_option, variables
from archcalc.cli.width import render_fitting
from archcalc.exitcodes import ExitCode

DIFF_FORMATS = ("table", "json", "markdown", "html")
DIFF_EXIT_HELP = exit_help(
    ok="the models are the same",
    findings="the models differ",
    failure="OLD or NEW could not be read, parsed or inferred (the message says which), "
    "or the output could not be written",
)


def load_side(arg: str, side: str, given: dict[str, Any] | None = None) -> Any:
    """The InferenceResult for one side: a file, ``-`` (stdin) or ``REV:PATH``, with that
    side's ``--set`` variables."""
    from archcalc.cli.gitrev import load_rev_path, rev_path
    from archcalc.engine import infer_spec

    git = rev_path(arg)
    spec = load_rev_path(arg, git[0], git[1], side, given) if git else load_spec(arg, given)
    return infer_spec(spec)


@click.command(epilog=DIFF_EXIT_HELP)
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@format_option(
    DIFF_FORMATS,
    "table: for people; json: for tools (`archcalc docs diff`); markdown: for a pull-request "
    "comment; html: a self-contained page with the merged graph (`archcalc docs report`).",
)
@OUTPUT_OPTION
@click.option("--only-changes", is_flag=True, help="Leave out layers that did not change.")
@click.option(
    "-w",
    "--width",
    type=click.IntRange(min=40),
    default=None,
    help="Table width. Default: the terminal width (COLUMNS is honoured), 100 when piped. "
    "Values are never cut: a table that cannot fit is refused with the width it needs "
    "(or, piped without --width, printed that wide).",
)
@COLOR_OPTION
@TIMEOUT_OPTION
@set_option(help="Set a variable on both sides, e.g. --set width=48 (see --set-old, --set-new).")
@set_option(
    "--set-old",
    "sets_old",
    "Set a variable of OLD only (after --set): diff two settings of one "
    "spec with `archcalc diff m.yaml m.yaml --set-old width=32 --set-new width=48`.",
)
@set_option("--set-new", "sets_new", "Set a variable of NEW only (after --set).")
@click.option("-q", "--quiet", is_flag=True, help="Do not print warnings.")
def diff(
    old: str,
    new: str,
    fmt: str,
    output: str | None,
    only_changes: bool,
    width: int | None,
    color: str,
    timeout: float,
    sets: tuple[str, ...],
    sets_old: tuple[str, ...],
    sets_new: tuple[str, ...],
    quiet: bool,
) -> None:
    """Compare two models: added, removed and changed layers, shapes, parameters, totals.

    OLD and NEW are YAML specs or Keras files, '-' for a YAML spec on stdin
    (one side only), or REV:PATH for a file at a git revision, e.g.
    `archcalc diff main:specs/model.yaml specs/model.yaml` (PATH is relative
    to the repository root; ./PATH to the current directory). A path that
    exists on disk is always read as a file.
    """
    if old == "-" and new == "-":
        raise click.UsageError("only one of OLD and NEW can be '-' (stdin)")
    both = variables(sets)
    given = {
        "OLD": {**both, **variables(sets_old, "--set-old")},
        "NEW": {**both, **variables(sets_new, "--set-new")},
    }

    def body() -> int:
        from archcalc.diagnostics import ArchcalcError
        from archcalc.diff import diff_results
        from archcalc.reader.designcheck import SettingError
        from archcalc.render.diff_common import DiffOptions

        err_color = use_color("auto", sys.stderr)
        results = []
        failed = False
        for side, arg in (("OLD", old), ("NEW", new)):
            try:
                results.append(load_side(arg, side, given[side]))
            except SettingError:
                raise  # a --set the spec cannot take: a usage error
            except ArchcalcError as exc:
                report(exc.diagnostics, err_color)
                click.echo(f"archcalc diff: the {side} model ({arg}) could not be loaded", err=True)
                failed = True
        if failed:
            return ExitCode.INVALID_INPUT
        if not quiet:
            for result in results:
                report(list(result.warnings), err_color)
        result = diff_results(results[0], results[1])
        if fmt == "html":
            from archcalc.render.html.adapter import diff_view
            from archcalc.render.html.diff import render_diff_html

            layout = graph_layout(True, timeout, "diff", quiet)
            text = render_diff_html(diff_view(result, *results), layout)
        else:
            if fmt == "json":
                from archcalc.render.diff_json import render_diff_json as render
            elif fmt == "markdown":
                from archcalc.render.diff_markdown import render_diff_markdown as render
            else:
                from archcalc.render.diff_table import render_diff_table as render

            def at(columns: int | None) -> str:
                opts = DiffOptions(
                    only_changes=only_changes,
                    width=columns or shutil.get_terminal_size((100, 24)).columns,
                    color=use_color(color, sys.stdout) and output is None,
                )
                return render(result, opts)

            text = render_fitting(at, width, sys.stdout if output is None else None)
        written = emit(text, output, "diff")
        if written != ExitCode.OK:
            return written
        return ExitCode.OK if result.identical else ExitCode.FINDINGS

    run_guarded(body)
