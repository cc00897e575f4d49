"""What the two HTML pages (``report``, ``diff --format html``) share: ``-o``, ``--timeout``
and Graphviz's layout; apart from ``report`` so that ``diff`` need not import the cost options."""

from __future__ import annotations

from typing import Any

import click

OUTPUT_OPTION = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write to this file instead of stdout.",
)
TIMEOUT_OPTION = click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    default=60.0,
    show_default=True,
    help="Seconds Graphviz's dot may take to lay the graph out.",
)


def graph_layout(enabled: bool, timeout: float, command: str, quiet: bool) -> Any:
    """Graphviz's layout for an HTML page, or None (with a note on stderr) when it cannot run."""
    from archcalc.render.graphviz import GraphvizError, find_dot, run_dot
    from archcalc.render.html.graph import LayoutError

    if not enabled:
        return None
    if find_dot() is None:
        if not quiet:
            click.echo(
                f"archcalc {command}: Graphviz's dot is not on PATH, so the page has no graph "
                "(apt-get install graphviz, brew install graphviz, ...; see the page)",
                err=True,
            )
        return None

    def layout(source: str) -> str:
        try:
            return run_dot(source, "svg", timeout).decode("utf-8", "replace")
        except GraphvizError as exc:
            if not quiet:
                click.echo(f"archcalc {command}: the page has no graph: {exc}", err=True)
            raise LayoutError(str(exc).split(";")[0]) from None

    return layout
