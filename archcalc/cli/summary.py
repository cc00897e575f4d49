"""``archcalc summary``: the Keras table (or JSON) for one model; ``archcalc layers``."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator

import click

from archcalc.cli.common import (
    COLOR_OPTION,
    PRINT_EXIT_HELP,
    READ_WEIGHTS_OPTION,
    RESULT_EXIT_HELP,
    format_option,
    infer_path,
    report,
    run_guarded,
    use_color,
    write_out,
)
from archcalc.cli.costopts import COSTS_HELP, cost_options, cost_settings
from archcalc.cli.variables import set_option, variables
from archcalc.cli.width import chunks_fitting
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
    "--flat",
    is_flag=True,
    help="JSON: list every layer, for a spec with blocks too (by default its block instances "
    "are rows with their layers inside).",
)
@click.option(
    "--depth",
    type=click.IntRange(min=1),
    default=None,
    help="Show block instances as rows, down to this many levels of blocks (torchinfo's word): "
    "--depth 1 is one row per instance at the model's level, with its totals; identical "
    "repeats are one row marked xN. Default: Keras's flat table.",
)
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
@READ_WEIGHTS_OPTION
@set_option()
@click.option(
    "--sweep",
    "sweeps",
    multiple=True,
    metavar="NAME=V1,V2,...",
    help="One row per value of a variable the spec declares (several --sweep: every "
    "combination): total params, MACs, FLOPs, activation memory and the inference peak, "
    "e.g. --sweep seq_len=128,1024,8192. Table or JSON.",
)
@COLOR_OPTION
@click.option("-q", "--quiet", is_flag=True, help="Do not print warnings.")
def summary(
    spec: str,
    fmt: str,
    width: int | None,
    show_trainable: bool,
    flat: bool,
    depth: int | None,
    expand_nested: bool,
    expand_blocks: bool,
    columns: tuple[str, ...],
    show_costs: bool,
    seq_len: int | None,
    batch_size: int | None,
    dtype: str | None,
    optimizer: str | None,
    convention: str | None,
    read_weights: bool,
    sets: tuple[str, ...],
    sweeps: tuple[str, ...],
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

    given = variables(sets)
    if sweeps:
        from archcalc.cli.variables import sweep as sweep_axes

        axes = sweep_axes(sweeps)
        run_guarded(lambda: _sweep(spec, fmt, axes, given, options))
        return

    def body() -> int:
        folds = fmt == "json" and not flat and not read_weights and seq_len is None
        result = _folded(spec, given) if folds else None
        result = result or infer_path(spec, given, read_weights, seq_len)
        if expand_blocks:
            from archcalc.analysis.inner import with_block_rows

            result = with_block_rows(result)
        if not quiet:
            report(list(result.warnings), use_color("auto", sys.stderr))
        if fmt == "json":
            from archcalc.render.json import json_chunks

            for piece in json_chunks(result, analyze(result, options), flat):
                write_out(piece)
            return ExitCode.OK
        from archcalc.render.cells import TableOptions
        from archcalc.render.table import table_chunks

        costs = analyze(result, options) if asked else None

        def at(line_length: int | None) -> Iterator[str]:
            opts = TableOptions(
                line_length=line_length,
                terminal_columns=shutil.get_terminal_size().columns,
                show_trainable=show_trainable,
                expand_nested=expand_nested or expand_blocks,
                color=use_color(color, sys.stdout),
                columns=columns,
                depth=depth,
            )
            return table_chunks(result, opts, costs)

        for piece in chunks_fitting(at, width, sys.stdout):  # a huge table, as it is laid out
            write_out(piece)
        return ExitCode.OK

    run_guarded(body)


def _folded(path: str, given: dict) -> object:
    """A JSON summary's result, the file read once: a design with alike repeats made from
    their first instances (archcalc/folded.py), anything else loaded in full from the same
    text; None for stdin and a .keras archive (loaded as usual)."""
    from archcalc.engine import infer_spec
    from archcalc.reader.designcheck import spec_text
    from archcalc.reader.limits import Limits
    from archcalc.reader.load import model_from_text

    limits = Limits.from_env()
    text = spec_text(path, limits)
    if text is None:
        return None
    if "repeat" in text and not path.endswith(".json"):
        from archcalc.folded import alike
        from archcalc.reader.designload import load_folded

        spec = load_folded(path, text, given)
        if spec is not None:
            result = infer_spec(spec)
            if alike(result) and not result.warnings:
                return result
    return infer_spec(model_from_text(text, path, limits, variables=given).spec)


def _sweep(path: str, fmt: str, axes: list, given: dict, options: object) -> int:
    """``--sweep``: load the spec once per combination; rows that fail say why (exit 3)."""
    from archcalc.reader.files import STDIN, STDIN_NAME, read_text
    from archcalc.reader.limits import Limits
    from archcalc.reader.load import read_stdin
    from archcalc.render.sweep import render_sweep_json, render_sweep_table
    from archcalc.sweep import sweep

    limits = Limits.from_env()
    name = STDIN_NAME if path == STDIN else path
    text = read_stdin(limits) if path == STDIN else read_text(path, limits)
    rows = sweep(text, name, axes, given, options)  # type: ignore[arg-type]
    import os

    named = [r.model for r in rows if r.model]
    model = named[0] if named else os.path.splitext(os.path.basename(name))[0]
    if fmt == "json":
        write_out(render_sweep_json(model, name, rows, options))
    else:
        write_out(render_sweep_table(model, rows, [n for n, _ in axes], options))
    failed = [d for r in rows for d in r.problems[:1]]
    report(failed, use_color("auto", sys.stderr))
    return ExitCode.INVALID_INPUT if failed else ExitCode.OK


@click.command(epilog=PRINT_EXIT_HELP)
def layers() -> None:
    """List the layer types archcalc knows, by Keras family."""
    from archcalc.catalog import CATALOG

    families: dict[str, list[str]] = {}
    for name, kind in CATALOG.items():
        if name == kind.name and name not in ("InputLayer", "Custom"):
            families.setdefault(kind.family or "other", []).append(name)
    write_out("".join(f"{f}: {', '.join(sorted(families[f]))}\n" for f in sorted(families)))
