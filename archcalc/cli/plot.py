"""``archcalc plot``: the architecture as a picture (Keras's ``plot_model``, without Keras).

DOT and Mermaid are text that archcalc writes itself; SVG, PNG and PDF go
through Graphviz's ``dot`` when it is installed (exit 3 with an install hint
when it is not). The format comes from ``-f``, else from the ``-o`` file's
extension (as Keras's ``to_file``), else DOT on stdout.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from archcalc.cli.common import emit, exit_help, infer_path, report, run_guarded, use_color
from archcalc.cli.variables import set_option, variables
from archcalc.exitcodes import ExitCode

TEXT_FORMATS = ("dot", "mermaid")
FORMATS = (*TEXT_FORMATS, "svg", "png", "pdf")
#: -o extension -> (format, fenced); "" is Keras's default for a name without extension
EXTENSIONS = {
    ".dot": ("dot", False),
    ".gv": ("dot", False),
    ".mmd": ("mermaid", False),
    ".mermaid": ("mermaid", False),
    ".md": ("mermaid", True),
    ".svg": ("svg", False),
    ".png": ("png", False),
    ".pdf": ("pdf", False),
    "": ("png", False),
}
SPLINES = ("ortho", "curved", "polyline", "spline", "line")
FORMAT_HELP = (
    "dot and mermaid need nothing; svg, png and pdf need Graphviz's dot. Default: from -o's "
    "extension (.dot .gv .mmd .mermaid .md .svg .png .pdf; none = png, as Keras), else dot."
)


SHOW_FLAGS = {
    "--show-shapes": "Input and output shape of every call.",
    "--show-params": "Parameter count of every layer.",
    "--show-activations": "The activation of layers that take one (Keras's show_layer_activations).",
    "--show-trainable": "Trainable / Non-trainable, for layers with weights.",
    "--show-dtype": "Output dtype (the layer's compute dtype).",
}


def flag_options(flags: dict[str, str]) -> Any:
    """Boolean flags from a {flag: help} table, listed in --help in table order."""

    def decorate(func: Any) -> Any:
        for flag, text in reversed(flags.items()):
            func = click.option(flag, is_flag=True, help=text)(func)
        return func

    return decorate


def choice_option(flag: str, choices: tuple[str, ...], help: str, **kw: Any) -> Any:
    """A click option taking one of ``choices``; the first is the default."""
    return click.option(
        flag, type=click.Choice(choices, **kw), default=choices[0], show_default=True, help=help
    )


def resolve_format(fmt: str | None, output: str | None, fence: bool) -> tuple[str, bool]:
    """The format and whether to fence Mermaid; a click.UsageError when they cannot be told."""
    if fmt is None and output is not None:
        ext = os.path.splitext(output)[1].lower()
        if ext not in EXTENSIONS:
            known = ", ".join(e for e in EXTENSIONS if e)
            raise click.UsageError(
                f"cannot tell the format from the extension of {output!r}; "
                f"use one of {known}, or say -f {'|'.join(FORMATS)}"
            )
        fmt, fenced = EXTENSIONS[ext]
        fence = fence or fenced
    elif fmt is not None and output is not None:
        ext = os.path.splitext(output)[1].lower()
        implied = EXTENSIONS.get(ext, (None, False))[0]
        if ext and implied is not None and implied != fmt:
            raise click.UsageError(
                f"-f {fmt} does not match the extension of {output!r} (which means {implied}); "
                f"drop -f, or name the file for {fmt}"
            )
    fmt = fmt or "dot"
    if fence and fmt != "mermaid":
        raise click.UsageError(
            f"--fence wraps Mermaid in a Markdown block; it does not apply to {fmt}"
        )
    return fmt, fence


@click.command(
    epilog=exit_help(
        failure="the model could not be read, parsed or inferred, Graphviz could not draw it, "
        "or the output could not be written"
    )
)
@click.argument("spec", type=click.Path(dir_okay=True, allow_dash=True))
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), help=FORMAT_HELP)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write here instead of stdout (like Keras's to_file).",
)
@flag_options(SHOW_FLAGS)
@click.option(
    "--layer-names/--no-layer-names",
    default=True,
    show_default=True,
    help="Title nodes 'name (Class)', or the class alone.",
)
@choice_option(
    "--rankdir",
    ("TB", "LR", "BT", "RL"),
    "TB: top to bottom; LR: left to right.",
    case_sensitive=False,
)
@flag_options({"--expand-nested": "Draw nested models as clusters of their layers."})
@click.option(
    "--blocks/--no-blocks",
    default=True,
    show_default=True,
    help="A spec with blocks: draw each block instance as a cluster of its layers.",
)
@flag_options({"--fold": "With --blocks: draw identical repeats of a block once, captioned xN."})
@click.option(
    "--dpi",
    type=click.IntRange(1, 2400),
    default=200,
    help="DOT: resolution (default 200, as Keras).",
)
@choice_option("--splines", SPLINES, "DOT: how edges are drawn.")
@flag_options({"--fence": "Mermaid: wrap in a ```mermaid Markdown block."})
@click.option(
    "--show-macs",
    is_flag=True,
    help="MACs per layer call, per sample, in archcalc's convention (`archcalc docs costs`).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    default=60.0,
    show_default=True,
    help="Seconds Graphviz's dot may take.",
)
@set_option()
@click.option("-q", "--quiet", is_flag=True, help="Do not print warnings.")
def plot(
    spec: str,
    fmt: str | None,
    output: str | None,
    fence: bool,
    show_macs: bool,
    timeout: float,
    sets: tuple[str, ...],
    quiet: bool,
    **flags: object,
) -> None:
    """Draw SPEC's layer graph as DOT, Mermaid, SVG, PNG or PDF.

    Shows what Keras's plot_model(show_shapes=True, ...) shows, computed from
    the spec alone: one node per layer call, merges and multiple inputs and
    outputs as a real graph, shared layers as one node per call. SPEC is a
    YAML spec, a .keras archive or a model.to_json() file ('-': YAML on stdin).
    """
    fmt, fence = resolve_format(fmt, output, fence)
    if output is None and fmt in ("png", "pdf") and sys.stdout.isatty():
        raise click.UsageError(f"{fmt} is binary: write it to a file with -o, or pipe it")

    given = variables(sets)

    def body() -> int:
        from archcalc.render.plotmodel import PlotOptions

        result = infer_path(spec, given)
        if not quiet:
            report(list(result.warnings), use_color("auto", sys.stderr))
        opts = PlotOptions(
            show_shapes=bool(flags["show_shapes"]),
            show_params=bool(flags["show_params"]),
            show_activations=bool(flags["show_activations"]),
            show_trainable=bool(flags["show_trainable"]),
            show_dtype=bool(flags["show_dtype"]),
            show_layer_names=bool(flags["layer_names"]),
            rankdir=str(flags["rankdir"]).upper(),
            expand_nested=bool(flags["expand_nested"]),
            blocks=bool(flags["blocks"]),
            fold=bool(flags["fold"]) and bool(flags["blocks"]),
            dpi=int(flags["dpi"]),  # type: ignore[call-overload]
            splines=str(flags["splines"]),
            fence=fence,
            extra_rows=macs_rows(result) if show_macs else {},
        )
        if fmt == "mermaid":
            from archcalc.render.mermaid import render_mermaid

            return emit(render_mermaid(result, opts), output, "plot")
        from archcalc.render.dot import render_dot

        source = render_dot(result, opts)
        if fmt == "dot":
            return emit(source, output, "plot")
        from archcalc.render.graphviz import GraphvizError, run_dot

        try:
            data = run_dot(source, fmt, timeout)
        except GraphvizError as exc:
            click.echo(f"archcalc plot: {exc}", err=True)
            return ExitCode.INVALID_INPUT
        return emit(data, output, "plot")

    run_guarded(body)


def macs_rows(result: Any) -> dict[str, tuple[tuple[str, str], ...]]:
    """``{node path: (("MACs", "460.80 K"),)}`` for every counted call, nested models included."""
    from archcalc.analysis import analyze
    from archcalc.render.plotmodel import call_costs
    from archcalc.render.units import human_count

    return {
        path: (("MACs", human_count(cost.macs)),)
        for path, (layer_cost, cost) in call_costs(result, analyze(result).compute).items()
        if cost is not None and layer_cost.counted
    }
