"""``archcalc report MODEL -o model.html``: one self-contained HTML page for a model.

The graph's layout is Graphviz's (``dot``, as ``plot`` uses); without it the
page still has the totals, the table and the charts, lists the layers, and
says how to install Graphviz (a note on stderr says so too). Exit codes as
every command: 0 written, 2 usage, 3 the model could not be read or the page
not written.
"""

from __future__ import annotations

import sys

import click

from archcalc.cli.common import RESULT_EXIT_HELP, emit, infer_path, report, run_guarded, use_color
from archcalc.cli.costopts import COSTS_HELP, cost_options, cost_settings
from archcalc.cli.htmlopts import OUTPUT_OPTION, TIMEOUT_OPTION, graph_layout
from archcalc.cli.variables import set_option, variables


@click.command("report", epilog=COSTS_HELP + RESULT_EXIT_HELP)
@click.argument("spec", type=click.Path(dir_okay=True, allow_dash=True))
@OUTPUT_OPTION
@cost_options
@click.option(
    "--graph/--no-graph",
    default=True,
    show_default=True,
    help="Lay the layer graph out with Graphviz's dot (when it is installed).",
)
@TIMEOUT_OPTION
@set_option()
@click.option("-q", "--quiet", is_flag=True, help="Do not print warnings.")
def report_command(
    spec: str,
    output: str | None,
    seq_len: int | None,
    batch_size: int | None,
    dtype: str | None,
    optimizer: str | None,
    convention: str | None,
    graph: bool,
    timeout: float,
    sets: tuple[str, ...],
    quiet: bool,
) -> None:
    """Write SPEC's report: one self-contained HTML page with the totals, the layer graph
    (click a node for its numbers), charts and the sortable Keras table.

    The page works offline (open it from disk or a CI artifact): nothing is
    fetched when it is viewed. SPEC is anything `archcalc summary` reads.
    """
    options = cost_settings(batch_size, dtype, optimizer, convention)
    given = variables(sets)

    def body() -> int:
        from archcalc.analysis import analyze
        from archcalc.render.html.adapter import report_view
        from archcalc.render.html.report import render_report

        result = infer_path(spec, given, seq_len=seq_len)
        if not quiet:
            report(list(result.warnings), use_color("auto", sys.stderr))
        layout = graph_layout(graph, timeout, "report", quiet)
        page = render_report(report_view(result, analyze(result, options)), layout)
        return emit(page, output, "report")

    run_guarded(body)
