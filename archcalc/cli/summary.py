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
from archcalc.cli.costopts import COSTS_HELP, cost_options, cost_settings
from archcalc.exitcodes import ExitCode

SUMMARY_FORMATS = ("table", "json")


def _columns(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, ...]:
    if value is None:
        return ()
    from archcalc.render.costs import parse_columns

    try:
        return parse_columns(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@click.command(epilog=COSTS_HELP + EXIT_HELP)
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
@click.option(
    "--columns",
    callback=_columns,
    metavar="LIST",
    help="Cost columns to add after Param #, comma-separated: macs, flops, activations "
    "(alias memory: bytes of the layer's outputs), percent (share of the model's FLOPs).",
)
@click.option(
    "--costs",
    "show_costs",
    is_flag=True,
    help="Add the compute and memory totals under the table (implied by every cost option).",
)
@cost_options
@COLOR_OPTION
@click.option("-q", "--quiet", is_flag=True, help="Do not print warnings.")
def summary(
    spec: str,
    fmt: str,
    width: int | None,
    show_trainable: bool,
    expand_nested: bool,
    columns: tuple[str, ...],
    show_costs: bool,
    batch_size: int | None,
    dtype: str | None,
    optimizer: str | None,
    convention: str | None,
    color: str,
    quiet: bool,
) -> None:
    """Print the Keras model.summary() table for SPEC.

    SPEC is a YAML spec, a Keras .keras archive or a model.to_json() file;
    '-' reads a YAML spec from stdin.
    """

    from archcalc.analysis import analyze

    options = cost_settings(batch_size, dtype, optimizer, convention)
    asked = bool(columns or show_costs) or any(
        x is not None for x in (batch_size, dtype, optimizer, convention)
    )

    def body() -> int:
        result = infer_path(spec)
        if not quiet:
            report(list(result.warnings), use_color("auto", sys.stderr))
        if fmt == "json":
            from archcalc.render.json import render_json

            text = render_json(result, analyze(result, options))
        else:
            from archcalc.render.table import TableOptions, WidthError, render_table

            opts = TableOptions(
                line_length=width,
                terminal_columns=shutil.get_terminal_size().columns,
                show_trainable=show_trainable,
                expand_nested=expand_nested,
                color=use_color(color, sys.stdout),
                columns=columns,
            )
            try:
                text = render_table(result, opts, analyze(result, options) if asked else None)
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
        if name == kind.name and name not in ("InputLayer", "Custom"):
            families.setdefault(kind.family or "other", []).append(name)
    for family in sorted(families):
        click.echo(f"{family}: {', '.join(sorted(families[family]))}")
