"""``archcalc report``: one self-contained HTML page for one model.

The header carries the totals and the options they were computed with; the
layer graph (Graphviz's layout) shows one node per layer call with its name,
type and output shape, nested models as groups that fold; clicking a node, a
bar or a table row shows that call's arguments, shapes, parameters, MACs,
FLOPs and memory; charts show parameters and MACs per layer and activation
memory over the run; the Keras table, with the cost columns, sorts and
filters. Without Graphviz the page says how to get the graph and lists the
layers instead; everything else is the same.
"""

from __future__ import annotations

from typing import Any

from archcalc.numtext import grouped
from archcalc.render.html.charts import bars, memory_timeline
from archcalc.render.html.graph import DrawEdge, DrawGroup, DrawNode, Layout, draw
from archcalc.render.html.page import count, details, dl, esc, nbytes, page, short
from archcalc.render.html.views import NodeView, ReportView, RowView
from archcalc.render.units import human_count

INSTALL = (
    "Install Graphviz and run the command again: <code>apt-get install graphviz</code> "
    "(Debian, Ubuntu), <code>brew install graphviz</code> (macOS), <code>dnf install graphviz"
    "</code> (Fedora), <code>conda install graphviz</code> or <code>winget install graphviz</code>."
)


def node_lines(n: NodeView) -> tuple[str, ...]:
    kind = f"{n.type} · call {n.call}" if n.call else n.type
    shapes = n.output_shapes[0] if len(n.output_shapes) == 1 else f"[{', '.join(n.output_shapes)}]"
    return short(n.name), short(kind), short(shapes, 60)


def render_report(view: ReportView, layout: Layout | None = None) -> str:
    """The model page; ``layout`` runs Graphviz (None: the page without the graph)."""
    group_nodes = {g.node for g in view.groups}
    labels = {g.id: g.label for g in view.groups}
    params = {n.id: n.params for n in view.nodes}
    svg, why = draw(
        layout,
        [
            DrawNode(n.id, node_lines(n), group=n.group)
            for n in view.nodes
            if n.id not in group_nodes
        ],
        [
            DrawGroup(g.id, f"{short(g.label, 60)} · {grouped(params[g.node])} params", g.parent)
            for g in view.groups
        ],
        [DrawEdge(a, b) for a, b in view.edges],
    )
    data = {
        "nodes": {n.id: node_details(n, view.flops_defined, labels) for n in view.nodes},
        "groups": {g.id: {"p": g.parent, "n": g.node} for g in view.groups},
    }
    body = "\n".join(
        [
            _header(view),
            '<main class="layout">',
            _graph(view, svg, why),
            '<aside class="side"><div id="details" aria-live="polite"><h2>Details</h2>'
            '<p class="muted">Click a node, a bar or a table row to see its numbers.</p></div>'
            "</aside>",
            "</main>",
            _charts(view),
            _table(view),
        ]
    )
    return page(f"{view.name} · archcalc report", body, data)


def node_details(n: NodeView, flops_defined: bool, groups: dict[str, str]) -> dict[str, Any]:
    rows = [("Type", n.type)]
    if n.shared:
        rows.append(("Call", n.shared))
    if n.group:
        rows.append(("Inside", groups[n.group]))
    rows.append(("Input shape", ", ".join(n.input_shapes) or "none: a model input"))
    rows.append(("Output shape", ", ".join(n.output_shapes)))
    rows.append(
        (
            "Params",
            f"{grouped(n.params)} ({grouped(n.trainable_params)} trainable, "
            f"{grouped(n.params - n.trainable_params)} non-trainable)",
        )
    )
    rows.append(("MACs", count(n.macs)))
    if flops_defined:
        rows.append(("FLOPs", count(n.flops)))
    if n.output_bytes is None and "/" in n.path:
        rows.append(("Activations", "counted in the nested model's total"))
    else:
        rows.append(("Activations", nbytes(n.output_bytes) + " (this call's outputs)"))
    if n.note:
        rows.append(("Note", n.note))
    args = [[a.name, a.value, a.given] for a in n.args]
    return details(f"{n.name} ({n.type})", rows, args, g=n.group)


def _header(view: ReportView) -> str:
    trainable, frozen, tb, fb = view.params
    lines = [
        ("Total params", f"{grouped(trainable + frozen)} ({nbytes(tb + fb)})"),
        ("Trainable params", f"{grouped(trainable)} ({nbytes(tb)})"),
        ("Non-trainable params", f"{grouped(frozen)} ({nbytes(fb)})"),
        *view.totals,
    ]
    options = ", ".join(f"{k.lower()} {v}" for k, v in view.options)
    layers = sum(1 for r in view.rows if r.level == 0)
    return (
        f'<header><h1>{esc(view.name)} <span class="muted">({esc(view.model_type)})</span></h1>'
        f'<p class="muted">{esc(view.path)} · {grouped(layers)} layers · {grouped(len(view.nodes))} calls drawn'
        f"</p>{dl(lines, 'totals')}"
        f'<p class="options">Computed with {esc(options)} (<code>archcalc report --help</code> '
        "lists the options).</p></header>"
    )


def _graph(view: ReportView, svg: str | None, why: str) -> str:
    tools = [
        '<button type="button" data-act="zoom-in" title="Zoom in">+</button>',
        '<button type="button" data-act="zoom-out" title="Zoom out">−</button>',
        '<button type="button" data-act="fit" title="Show the whole graph">Fit</button>',
    ]
    if view.groups:
        tools += [
            '<button type="button" data-act="fold-all">Fold all (blocks, nested models)</button>',
            '<button type="button" data-act="unfold-all">Unfold all</button>',
        ]
    if svg is None:
        return (
            '<section class="graph-panel"><h2>Layers</h2><div class="no-graph">'
            f"<p>The layer graph needs Graphviz's <code>dot</code> program ({esc(why)}). "
            f"{INSTALL}</p>{layer_list(view)}</div></section>"
        )
    return (
        '<section class="graph-panel"><div class="toolbar"><h2>Layer graph</h2>'
        + "".join(tools)
        + '<span class="muted">drag to pan, wheel to zoom, click a node for its numbers'
        + (", a dashed box to fold it" if view.groups else "")
        + f'</span></div><div class="graph-box">{svg}</div></section>'
    )


def layer_list(view: ReportView) -> str:
    """Without a graph: every call in drawing order, nested models as lists that fold."""
    group_of = {g.node: g.id for g in view.groups}
    children: dict[str | None, list[NodeView]] = {}
    for n in view.nodes:
        children.setdefault(n.group, []).append(n)

    def items(group: str | None) -> str:
        out = []
        for n in children.get(group, ()):
            text = f"{esc(n.name)} ({esc(n.type)}) → {esc(', '.join(n.output_shapes))}"
            button = f'<button type="button" class="link" data-node="{n.id}">{text}</button>'
            if n.id in group_of:
                inner = items(group_of[n.id])
                out.append(
                    f'<li><details open data-group="{group_of[n.id]}"><summary>{button}'
                    f"</summary><ol>{inner}</ol></details></li>"
                )
            else:
                out.append(f"<li>{button}</li>")
        return "".join(out)

    return f'<ol class="layer-list">{items(None)}</ol>'


def _charts(view: ReportView) -> str:
    top = [r for r in view.rows if r.level == 0]
    calls = {n.path: n.id for n in view.nodes}
    return (
        '<section><h2>Where the parameters, compute and memory are</h2><div class="charts">'
        + bars(
            "Parameters per layer", [(r.name, r.params, r.node) for r in top], human_count, "params"
        )
        + bars("MACs per layer", [(r.name, r.macs or 0, r.node) for r in top], human_count, "macs")
        + memory_timeline(view.timeline, view.peak, nbytes, calls.get)
        + "</div></section>"
    )


TABLE_CHARS = 120  # a longer name is cut in the table; the details panel shows it whole

_COLUMNS = (
    ("#", "num"),
    ("Layer", "text"),
    ("Type", "text"),
    ("Output shape", "text"),
    ("Param #", "num"),
    ("Trainable", "num"),
    ("MACs", "num"),
    ("FLOPs", "num"),
    ("Activations", "num"),
    ("% FLOPs", "num"),
    ("Connected to", "text"),
)


def _table(view: ReportView) -> str:
    heads = "".join(
        f'<th data-type="{kind}" tabindex="0" aria-sort="none">{esc(name)}</th>'
        for name, kind in _COLUMNS
        if view.flops_defined or name != "FLOPs"
    )
    rows = "\n".join(_row(i, r, view) for i, r in enumerate(view.rows))
    return (
        '<section class="table-panel"><h2>Layers</h2><p class="muted">Keras\'s rows, nested '
        "models' layers under them; click a header to sort, a row for its numbers.</p>"
        '<input type="search" id="filter" placeholder="Filter by name or type" '
        'aria-label="Filter layers by name or type">'
        f'<table id="layers" class="sortable"><thead><tr>{heads}</tr></thead><tbody>\n{rows}\n</tbody></table>'
        "</section>"
    )


def _cell(value: float | None, text: str) -> str:
    """A number cell; ``data-v`` is the exact value the table sorts by (-1: not known)."""
    if value is None:
        key = "-1"
    else:
        key = str(int(value)) if float(value).is_integer() else f"{value:.6f}"
    return f'<td class="num" data-v="{key}">{esc(text)}</td>'


def _row(i: int, r: RowView, view: ReportView) -> str:
    flops = r.flops if view.flops_defined else r.macs
    share = None if flops is None or not view.total_flops else 100 * flops / view.total_flops
    link = f' data-node="{r.node}"' if r.node else ""
    cells = [
        f'<td class="num" data-v="{i}">{i + 1}</td>',
        f'<td class="name lvl{min(r.level, 4)}">{esc(short(r.name, TABLE_CHARS))}</td>',
        f'<td class="type">{esc(r.type)}</td>',
        f"<td>{esc(r.output)}</td>",
        _cell(r.params, grouped(r.params)),
        _cell(r.trainable_params, grouped(r.trainable_params)),
        _cell(r.macs, count(r.macs)),
    ]
    if view.flops_defined:
        cells.append(_cell(r.flops, count(r.flops)))
    cells += [
        _cell(r.output_bytes, nbytes(r.output_bytes, "-")),
        _cell(share, "?" if share is None else f"{share:.2f}%"),
        f"<td>{esc(r.connected)}</td>",
    ]
    return f'<tr{link} data-level="{r.level}">{"".join(cells)}</tr>'
