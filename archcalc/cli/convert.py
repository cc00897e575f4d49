"""``archcalc convert``: write any model file as a YAML spec."""

from __future__ import annotations

import sys

import click

from archcalc.cli.common import (
    READ_WEIGHTS_OPTION,
    RESULT_EXIT_HELP,
    emit,
    report,
    run_guarded,
    use_color,
)
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
@READ_WEIGHTS_OPTION
@set_option()
def convert(
    model: str, output: str | None, check: bool, read_weights: bool, sets: tuple[str, ...]
) -> None:
    """Write MODEL (a .keras archive, a model.to_json() file or a spec) as a readable YAML spec.

    Only the architecture is read: never code, and weights only with
    --read-weights-shapes. The spec loads back to the same layers, names,
    shapes and parameter counts. A layer whose output shape the Keras file does
    not record is written with that shape marked FILL_IN, for you to fill in.
    A spec with blocks, repeat and variables is written out layer by layer
    (with --set's values).
    """
    given = variables(sets)

    def body() -> int:
        from archcalc.reader.load import load_path, model_from_text
        from archcalc.reader.writer import fill_ins, spec_to_yaml

        spec = load_path(model, declare_unknown=True, read_weights=read_weights, variables=given)
        report(list(spec.warnings), use_color("auto", sys.stderr))
        text = spec_to_yaml(spec, source=spec.path if model == "-" else model)  # "<stdin>"
        where = output or "<converted>"
        if check and fill_ins(spec):  # it cannot compute yet: it must load but for the marks
            from archcalc.diagnostics import ArchcalcError

            try:
                model_from_text(text, where)
            except ArchcalcError as exc:
                others = [d for d in exc.diagnostics if d.code != "fill-in"]
                if others:
                    raise ArchcalcError(others) from None
        elif check:  # problems are reported against the source, then the output is verified
            from archcalc.engine import infer_spec

            infer_spec(spec)
            infer_spec(model_from_text(text, where).spec)
        return emit(text, output, "convert")

    run_guarded(body)
