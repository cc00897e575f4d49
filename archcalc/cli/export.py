"""``archcalc export SPEC --to keras``: the model as a runnable Keras 3 module."""

from __future__ import annotations

import click

from archcalc.cli.common import RESULT_EXIT_HELP, emit, run_guarded
from archcalc.cli.variables import set_option, variables


@click.command(epilog=RESULT_EXIT_HELP)
@click.argument("spec", type=click.Path(dir_okay=True, allow_dash=True))
@click.option(
    "--to",
    "target",
    type=click.Choice(["keras"]),
    default="keras",
    show_default=True,
    help="keras: a Python module, Keras 3 Functional API (Sequential for a Sequential spec).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write the module here instead of stdout.",
)
@set_option(help="Set a variable of the spec: its value becomes the default in build_model().")
def export(spec: str, target: str, output: str | None, sets: tuple[str, ...]) -> None:
    """Write SPEC as code: a Keras 3 module with one function per block and
    build_model(**variables); run it to build the model and print model.summary(),
    which is archcalc's table for SPEC.

    SPEC is anything `archcalc summary` reads. Custom layers and nested models
    cannot be exported (exit 3, with the position).
    """
    given = variables(sets)

    def body() -> int:
        from archcalc.export import export as export_model

        return emit(export_model(spec, target, given), output, "export")

    run_guarded(body)
