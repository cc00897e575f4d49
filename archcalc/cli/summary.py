"""``archcalc summary``: the Keras table (or JSON) for one model; ``archcalc layers``."""

from __future__ import annotations

import shutil
import sys

import click

from archcalc.cli.common import (
    COLOR_OPTION,
    PRINT_EXIT_HELP,
    RESULT_EXIT_HELP,
    format_option,
    infer_path,
    report,
    run_guarded,
    use_color,
    write_out,
)
from archcalc.cli.costopts import COSTS_HELP, cost_options, cost_settings
from archcalc.cli.width import render_fitting
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


@click.command(epilog=COSTS_HELP + RESULT_EXIT_HELP)
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
    "narrowed to the terminal width - 4 as Keras does (COLUMNS is honoured). With --columns "
    "numbers are never cut: piped output is printed as wide as they need.",
)
@click.option("--show-trainable", is_flag=True, help="Add Keras's Trainable column (Y / N / -).")
@click.option(
    "--expand-nested",
    is_flag=True,
    help="List the rows of nested models under them (Keras's expand_nested).",
)
@click.option(
    "--expand-blocks",
    is_flag=True,
    help="Also list what is inside keras_hub blocks (attention projections, norms, "
    "feed-forward) under them: archcalc's view (Keras's expand_nested does not open them).",
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
    expand_blocks: bool,
    columns: tuple[str, ...],
    show_costs: bool,
    seq_len: int | None,
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
        result = infer_path(spec, seq_len)
        if expand_blocks:
            from archcalc.analysis.inner import with_block_rows

            result = with_block_rows(result)
        if not quiet:
            report(list(result.warnings), use_color("auto", sys.stderr))
        if fmt == "json":
            from archcalc.render.json import render_json

            text = render_json(result, analyze(result, options))
        else:
            from archcalc.render.table import TableOptions, render_table

            costs = analyze(result, options) if asked else None

            def at(line_length: int | None) -> str:
                opts = TableOptions(
                    line_length=line_length,
                    terminal_columns=shutil.get_terminal_size().columns,
                    show_trainable=show_trainable,
                    expand_nested=expand_nested or expand_blocks,
                    color=use_color(color, sys.stdout),
                    columns=columns,
                )
                return render_table(result, opts, costs)

            text = render_fitting(at, width, sys.stdout)
        write_out(text)
        return ExitCode.OK

    run_guarded(body)


@click.command(epilog=PRINT_EXIT_HELP)
def layers() -> None:
    """List the layer types archcalc knows, by Keras family."""
    from archcalc.catalog import CATALOG

    families: dict[str, list[str]] = {}
    for name, kind in CATALOG.items():
        if name == kind.name and name not in ("InputLayer", "Custom"):
            families.setdefault(kind.family or "other", []).append(name)
    write_out("".join(f"{f}: {', '.join(sorted(families[f]))}\n" for f in sorted(families)))
