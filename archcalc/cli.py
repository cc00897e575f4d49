"""The command line: parse options, call the engine, pick a renderer, write, exit.

Only this module prints or exits. Data goes to stdout, diagnostics and
warnings to stderr. Exit codes are defined in :mod:`archcalc.exitcodes`.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from typing import Any

import click

from archcalc import __version__
from archcalc.exitcodes import ExitCode

EXIT_HELP = """\b
Exit codes:
  0  success
  1  findings (lint) or differences (diff)
  2  usage error (bad option or argument)
  3  an input could not be read, parsed or inferred
"""


def use_color(choice: str, stream: Any) -> bool:
    """``auto``: colour only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


def report(diagnostics: list[Any], color: bool = False) -> None:
    """Write diagnostics to stderr, one ``file:line:col: message`` per line."""
    for d in diagnostics:
        line = d.format()
        if color:
            style = "red" if str(d.severity) == "error" else "yellow"
            line = click.style(d.location + ":", bold=True) + " " + click.style(
                line[len(d.location) + 2 :], fg=style
            )
        click.echo(line, err=True)


def run_guarded(func: Callable[[], int]) -> None:
    """Run a command body: ArchcalcError -> its diagnostics and exit 3; never a traceback."""
    from archcalc.diagnostics import ArchcalcError

    color = use_color("auto", sys.stderr)
    try:
        code = func()
    except ArchcalcError as exc:
        report(exc.diagnostics, color)
        code = ExitCode.INVALID_INPUT
    except click.exceptions.ClickException:
        raise
    except BrokenPipeError:
        code = ExitCode.OK
    except RecursionError:
        click.echo("archcalc: the input is nested too deeply to process", err=True)
        code = ExitCode.INVALID_INPUT
    except MemoryError:
        click.echo("archcalc: out of memory while processing the input", err=True)
        code = ExitCode.INVALID_INPUT
    except Exception as exc:  # a bug: say so plainly, with no traceback
        click.echo(
            f"archcalc: internal error ({type(exc).__name__}: {exc}); please report it with the input file",
            err=True,
        )
        code = ExitCode.INVALID_INPUT
    sys.exit(int(code))


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100}, epilog=EXIT_HELP)
@click.version_option(__version__, "-V", "--version", prog_name="archcalc")
def main() -> None:
    """Keras-exact model summaries, computed from a YAML spec or a Keras file.

    No TensorFlow, PyTorch or tensor is involved: shapes and parameter
    counts are inferred statically over the layer graph.
    """


SUMMARY_FORMATS = ("table", "json")


@main.command(epilog=EXIT_HELP)
@click.argument("spec", type=click.Path(dir_okay=True, allow_dash=True))
@click.option("-f", "--format", "fmt", type=click.Choice(SUMMARY_FORMATS), default="table", show_default=True,
              help="table: Keras's model.summary(); json: the machine-readable result.")
@click.option("-w", "--width", type=click.IntRange(min=20), default=None,
              help="Table width (Keras's line_length). Default: 88, or 108 with 'Connected to', "
              "narrowed to the terminal width - 4 as Keras does (COLUMNS is honoured).")
@click.option("--show-trainable", is_flag=True, help="Add Keras's Trainable column (Y / N / -).")
@click.option("--color", "color", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True, help="Colour the table; auto = only on a terminal, never with NO_COLOR.")
@click.option("-q", "--quiet", is_flag=True, help="Do not print warnings.")
def summary(spec: str, fmt: str, width: int | None, show_trainable: bool, color: str, quiet: bool) -> None:
    """Print the Keras model.summary() table for SPEC (a YAML spec, .keras or .json file; - reads stdin)."""

    def body() -> int:
        result = _infer(spec)
        if not quiet:
            report(list(result.warnings), use_color("auto", sys.stderr))
        if fmt == "json":
            from archcalc.render.json import render_json

            text = render_json(result)
        else:
            from archcalc.render.table import TableOptions, WidthError, render_table

            opts = TableOptions(
                line_length=width,
                terminal_columns=shutil.get_terminal_size().columns,
                show_trainable=show_trainable,
                color=use_color(color, sys.stdout),
            )
            try:
                text = render_table(result, opts)
            except WidthError as exc:
                raise click.UsageError(str(exc)) from None
        sys.stdout.write(text)
        sys.stdout.flush()
        return ExitCode.OK

    run_guarded(body)


def _infer(path: str) -> Any:
    from archcalc.engine import infer_spec

    return infer_spec(_load(path))


def _load(path: str) -> Any:
    if path == "-":
        from archcalc.spec.loader import load_yaml_text
        from archcalc.spec.yamlnodes import Limits, decode

        limits = Limits.from_env()
        data = sys.stdin.buffer.read(limits.max_file_bytes + 1)
        if len(data) > limits.max_file_bytes:
            from archcalc.diagnostics import ArchcalcError, Diagnostic

            raise ArchcalcError(
                Diagnostic("<stdin>", 0, 0, "file-too-large", f"the input is larger than {limits.max_file_bytes:,} bytes")
            )
        return load_yaml_text(decode("<stdin>", data), "<stdin>", limits)
    from archcalc.spec import load_path

    return load_path(path)


@main.command()
def layers() -> None:
    """List the layer types archcalc knows, by Keras family."""
    from archcalc.catalog import CATALOG

    families: dict[str, list[str]] = {}
    for name, kind in CATALOG.items():
        if name == kind.name and name != "InputLayer":
            families.setdefault(kind.family or "other", []).append(name)
    for family in sorted(families):
        click.echo(f"{family}: {', '.join(sorted(families[family]))}")
