"""``archcalc schema``: the spec format's JSON Schema, for editors and CI validators."""

from __future__ import annotations

import click

from archcalc.cli.common import PRINT_EXIT_HELP, write_out


@click.command(epilog=PRINT_EXIT_HELP)
@click.option("--indent", type=click.IntRange(min=0), default=2, show_default=True)
def schema(indent: int) -> None:
    """Print the JSON Schema (draft-07) of the spec format.

    Save it and point yaml-language-server at it from a spec's first line:
    '# yaml-language-server: $schema=archcalc.schema.json'.
    """
    from archcalc.schema import render_schema

    write_out(render_schema(indent))
