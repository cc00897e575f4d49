"""``archcalc convert``: write any model file as a YAML spec."""

from __future__ import annotations

import sys

import click

from archcalc.cli.common import RESULT_EXIT_HELP, emit, report, run_guarded, use_color
from archcalc.cli.variables import set_option, variables


@click.command(epilog=RESULT_EXIT_HELP)
@click.argument("model", type=click.Path(dir_okay=True, allow_dash=True))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Write the spec here instead of stdout.",
)
@click.option(
    "--check/--no-check",
    default=True,
    show_default=True,
    help="Infer the converted spec before writing it (and fail if it does not compute).",
)
@set_option()
def convert(model: str, output: str | None, check: bool, sets: tuple[str, ...]) -> None:
    """Write MODEL (a .keras archive, a model.to_json() file or a spec) as a readable YAML spec.

    Only the architecture is read: never weights, never code. The spec loads
    back to the same layers, names, shapes and parameter counts. A spec with
    blocks, repeat and variables is written out layer by layer (with --set's values).
    """
    given = variables(sets)

    def body() -> int:
        from archcalc.reader.load import load_path, model_from_text
        from archcalc.reader.writer import spec_to_yaml

        spec = load_path(model, declare_unknown=True, variables=given)
        report(list(spec.warnings), use_color("auto", sys.stderr))
        text = spec_to_yaml(spec, source=spec.path if model == "-" else model)  # "<stdin>"
        if check:  # problems are reported against the source, then the output is verified
            from archcalc.engine import infer_spec

            infer_spec(spec)
            infer_spec(model_from_text(text, output or "<converted>").spec)
        return emit(text, output, "convert")

    run_guarded(body)
