"""Graphviz DOT source for the layer graph, with Keras's ``model_to_dot`` labels.

Nodes carry the HTML-like table Keras draws (black title cell, white cells
for activation, input/output shapes and dtype, green/red trainable cell) plus
archcalc's additions: a ``shared, call k/n`` row and a ``Params`` cell. The
graph attributes are Keras's (``concentrate``, ``dpi``, ``splines``, edges of
pen width 2). Nothing here needs Graphviz: it returns text, one line per node
and per edge, so a committed diagram diffs cleanly.
"""

from __future__ import annotations

from archcalc.numtext import grouped
from archcalc.render.plotgraph import plot_graph
from archcalc.render.plotmodel import Cluster, PlotGraph, PlotNode, PlotOptions, shape_text
from archcalc.results import InferenceResult
from archcalc.textsafe import visible

_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}


def html(text: str) -> str:
    """Escape text for a Graphviz HTML-like label; control characters are written visibly
    (``\\x1b``): Graphviz refuses a NUL, and SVG (XML) cannot hold most controls."""
    return "".join(_HTML.get(c, c) for c in visible(text))


def quote(text: str) -> str:
    """A DOT double-quoted string to display (a cluster's title): controls written visibly."""
    return '"' + visible(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def quote_id(text: str) -> str:
    """A DOT double-quoted ID: any name is valid and unambiguous (backslashes are doubled
    before controls become ``\\x..``, so two names never share an ID), and Graphviz's SVG,
    which writes IDs into ``<title>``, stays well-formed XML."""
    return quote(text.replace("\\", "\\\\"))


def _cell(text: str, bgcolor: str = "white", color: str | None = None) -> str:
    font = f' color="{color}"' if color else ""
    return f'<td bgcolor="{bgcolor}"><font point-size="14"{font}>{text}</font></td>'


def _row(text: str, colspan: int, size: int = 14, bg: str = "white", color: str = "") -> str:
    font = f' color="{color}"' if color else ""
    return (
        f'<tr><td colspan="{colspan}" bgcolor="{bg}">'
        f'<font point-size="{size}"{font}>{text}</font></td></tr>'
    )


def node_label(node: PlotNode, opts: PlotOptions) -> str:
    """Keras's ``make_layer_label`` table for one call, with archcalc's extra rows."""
    cols = []
    if opts.show_shapes:
        if node.input_shapes is not None:
            cols.append(_cell(f"Input shape: <b>{html(shape_text(node.input_shapes))}</b>"))
        cols.append(_cell(f"Output shape: <b>{html(shape_text(node.output_shapes))}</b>"))
    if opts.show_dtype:
        cols.append(_cell(f"Output dtype: <b>{html(node.dtype)}</b>"))
    if opts.show_params:
        cols.append(_cell(f"Params: <b>{grouped(node.params)}</b>"))
    cols.extend(_cell(f"{html(k)}: <b>{html(v)}</b>") for k, v in node.extra)
    if opts.show_trainable and node.trainable is not None:
        if node.trainable:
            cols.append(_cell("<b>Trainable</b>", "forestgreen", "white"))
        else:
            cols.append(_cell("<b>Non-trainable</b>", "firebrick", "white"))
    span = max(1, len(cols))
    if opts.show_layer_names:
        head = f"<b>{html(node.name)}</b> ({html(node.type)})"
    else:
        head = f"<b>{html(node.type)}</b>"
    table = '<<table border="0" cellborder="1" bgcolor="black" cellpadding="10">'
    table += _row(head, span, 16, "black", "white")
    if node.shared:
        table += _row(f"<i>{html(node.shared_text)}</i>", span)
    if opts.show_activations and node.activation is not None:
        table += _row(f"Activation: <b>{html(node.activation)}</b>", span)
    if cols:
        table += "<tr>" + "".join(cols) + "</tr>"
    return table + "</table>>"


def _items(items: tuple[PlotNode | Cluster, ...], opts: PlotOptions, indent: str) -> list[str]:
    lines = []
    for item in items:
        if isinstance(item, Cluster):
            lines.append(f"{indent}subgraph {quote_id('cluster_' + item.id)} {{")
            lines.append(
                f"{indent}\tgraph [label={quote(item.title(opts))}, fontname=Helvetica, labeljust=l, style=dashed];"
            )
            lines.extend(_items(item.items, opts, indent + "\t"))
            lines.append(f"{indent}}}")
        else:
            lines.append(f"{indent}{quote_id(item.id)} [label={node_label(item, opts)}];")
    return lines


def render_dot_graph(graph: PlotGraph, opts: PlotOptions) -> str:
    lines = [
        f"digraph {quote_id(graph.name)} {{",
        f"\tgraph [concentrate=true, dpi={opts.dpi}, rankdir={opts.rankdir}, "
        f"splines={quote(opts.splines)}];",
        "\tnode [fontname=Helvetica, margin=0, shape=plaintext];",
        "\tedge [penwidth=2];",
    ]
    lines.extend(_items(graph.items, opts, "\t"))
    lines.extend(f"\t{quote_id(a)} -> {quote_id(b)};" for a, b in graph.edges)
    lines.append("}")
    return "\n".join(lines) + "\n"


def render_dot(result: InferenceResult, opts: PlotOptions | None = None) -> str:
    """The DOT source for ``result`` (feed it to ``dot -Tsvg``)."""
    opts = opts or PlotOptions()
    return render_dot_graph(plot_graph(result, opts), opts)
