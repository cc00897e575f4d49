"""``archcalc summary``: the Keras table (or JSON) for one model; ``archcalc layers``."""

from __future__ import annotations

import shutil
import sys

import click

from archcalc.cli.common import (
    COLOR_OPTION,
    EXIT_HELP,
    format_option,
    infer_path,
    report,
    run_guarded,
    use_color,
)
from archcalc.exitcodes import ExitCode

SUMMARY_FORMATS = ("table", "json")


@click.command(epilog=EXIT_HELP)
@click.argument("spec", type=click.Path(dir_okay=True, allow_dash=True))
@format_option(
    SUMMARY_FORMATS, "table: Keras's model.summary(); json: the machine-readable result."
)
@click.option(
    "-w",
    "--width",
    type=click.IntRange(min=20),
    default=None,
    help="Table width (Keras's line_length). Default: 88, or 108 with 'Connected to', "
    "narrowed to the terminal width - 4 as Keras does (COLUMNS is honoured).",
)
@click.option("--show-trainable", is_flag=True, help="Add Keras's Trainable column (Y / N / -).")
@click.option(
    "--expand-nested",
    is_flag=True,
    help="List the rows of nested models under them (Keras's expand_nested).",
)
@COLOR_OPTION
@click.option("-q", "--quiet", is_flag=True, help="Do not print warnings.")
def summary(
    spec: str,
    fmt: str,
    width: int | None,
    show_trainable: bool,
    expand_nested: bool,
    color: str,
    quiet: bool,
) -> None:
    """Print the Keras model.summary() table for SPEC.

    SPEC is a YAML spec, a Keras .keras archive or a model.to_json() file;
    '-' reads a YAML spec from stdin.
    """

    def body() -> int:
        result = infer_path(spec)
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
                expand_nested=expand_nested,
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


@click.command()
def layers() -> None:
    """List the layer types archcalc knows, by Keras family."""
    from archcalc.catalog import CATALOG

    families: dict[str, list[str]] = {}
    for name, kind in CATALOG.items():
        if name == kind.name and name != "InputLayer":
            families.setdefault(kind.family or "other", []).append(name)
    for family in sorted(families):
        click.echo(f"{family}: {', '.join(sorted(families[family]))}")
