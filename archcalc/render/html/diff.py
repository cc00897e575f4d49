"""``archcalc diff --format html``: the page a reviewer opens from a pull request.

Both models merged into one graph (Graphviz's layout): every layer of the new
model, the removed ones where they stood with their old connections dashed,
coloured as the text diff marks them (``+`` added, ``-`` removed, ``~`` its
own definition changed, ``>`` changed only as a consequence). Beside it the
change list; above it the totals' deltas; below it the whole merged table.
Clicking a layer shows what changed and what it costs.
"""

from __future__ import annotations

from archcalc.render.html.graph import DrawEdge, DrawNode, Layout, draw
from archcalc.render.html.page import details, esc, page, short
from archcalc.render.html.report import INSTALL
from archcalc.render.html.views import DiffEntry, DiffView

STATUS_TEXT = {
    "added": "added",
    "removed": "removed",
    "own": "changed: its own definition",
    "upstream": "changed only as a consequence of changes above it",
    "unchanged": "unchanged",
}
LEGEND = (
    ("added", "+ added"),
    ("removed", "- removed"),
    ("own", "~ changed"),
    ("upstream", "> changed only as a consequence"),
)


def render_diff_html(view: DiffView, layout: Layout | None = None) -> str:
    svg, why = draw(
        layout,
        [
            DrawNode(e.id, (short(e.name), short(e.type), short(e.shape, 60)), f"st-{e.status}")
            for e in view.entries
        ],
        [],
        [DrawEdge(a, b, "gone" if gone else "") for a, b, gone in view.edges],
    )
    data = {"nodes": {e.id: _details(e) for e in view.entries}}
    body = "\n".join(
        [
            _header(view),
            '<main class="layout">',
            _graph(svg, why),
            '<aside class="side"><div id="details" aria-live="polite"><h2>Details</h2>'
            '<p class="muted">Click a layer to see what changed.</p></div>'
            + _change_list(view)
            + "</aside>",
            "</main>",
            _table(view),
        ]
    )
    return page(f"{view.name} · archcalc diff", body, data)


def _details(e: DiffEntry) -> dict[str, object]:
    rows = [("Status", STATUS_TEXT[e.status]), ("Type", e.type), ("Output shape", e.shape)]
    rows += [(label, text) for label, text in e.values]
    rows += [("Change", c) for c in e.changes]
    return details(f"{e.mark.strip() or '='} {e.name} ({e.type})", rows)


def _header(view: DiffView) -> str:
    metrics = "".join(
        f'<tr><td>{esc(label)}</td><td class="num">{esc(old)}</td>'
        f'<td class="num">{esc(new)}</td>'
        f'<td class="num {"up" if delta > 0 else "down" if delta < 0 else ""}">{esc(change)}</td></tr>'
        for label, old, new, change, delta in view.metrics
    )
    model = "".join(f"<li>{esc(c)}</li>" for c in view.model_changes)
    legend = "".join(f'<span class="st-{k}"><b class="mark">{esc(t)}</b></span>' for k, t in LEGEND)
    return (
        f"<header><h1>archcalc diff: {esc(view.name)}</h1>"
        f'<p class="sides"><span class="old">--- {esc(view.old_title)}</span><br>'
        f'<span class="new">+++ {esc(view.new_title)}</span></p>'
        f"<p><strong>{esc(view.summary)}</strong></p>"
        + (f"<ul>{model}</ul>" if model else "")
        + '<table class="deltas"><thead><tr><th>Total</th><th>Before</th><th>After</th>'
        f"<th>Change</th></tr></thead><tbody>{metrics}</tbody></table>"
        f'<p class="legend">{legend}</p></header>'
    )


def _graph(svg: str | None, why: str) -> str:
    if svg is None:
        return (
            '<section class="graph-panel"><h2>Both models</h2><div class="no-graph">'
            f"<p>The merged graph needs Graphviz's <code>dot</code> program ({esc(why)}). "
            f"{INSTALL} The change list and the table below have every change.</p></div></section>"
        )
    return (
        '<section class="graph-panel"><div class="toolbar"><h2>Both models, merged</h2>'
        '<button type="button" data-act="zoom-in" title="Zoom in">+</button>'
        '<button type="button" data-act="zoom-out" title="Zoom out">−</button>'
        '<button type="button" data-act="fit" title="Show the whole graph">Fit</button>'
        '<span class="muted">removed connections dashed; click a layer for its changes</span>'
        f'</div><div class="graph-box">{svg}</div></section>'
    )


def _change_list(view: DiffView) -> str:
    items = [
        f'<li class="st-{e.status}" data-node="{e.id}"><b class="mark">{esc(e.mark)}</b> '
        f"<b>{esc(e.name)}</b> ({esc(e.type)}): {esc('; '.join(e.changes))}</li>"
        for e in view.entries
        if e.status != "unchanged"
    ]
    if not items:
        return '<h2>Changes</h2><p class="muted">None: the models are the same.</p>'
    return f'<h2>Changes</h2><ul class="changes">{"".join(items)}</ul>'


def _table(view: DiffView) -> str:
    heads = "".join(
        f'<th data-type="{kind}" tabindex="0" aria-sort="none">{name}</th>'
        for name, kind in (
            ("#", "num"),
            ("", "text"),
            ("Layer", "text"),
            ("Type", "text"),
            ("Output shape", "text"),
            ("Param #", "num"),
            ("Change", "text"),
        )
    )
    rows = "\n".join(
        f'<tr class="st-{e.status}" data-node="{e.id}"><td class="num" data-v="{i}">{i + 1}</td>'
        f'<td class="mark">{esc(e.mark)}</td><td class="name">{esc(e.name)}</td>'
        f'<td class="type">{esc(e.type)}</td><td>{esc(e.shape)}</td>'
        f'<td class="num" data-v="{e.sort_params}">{esc(e.params)}</td>'
        f"<td>{esc('; '.join(e.changes))}</td></tr>"
        for i, e in enumerate(view.entries)
    )
    return (
        '<section class="table-panel"><h2>Every layer</h2>'
        '<input type="search" id="filter" placeholder="Filter by name or type" '
        'aria-label="Filter layers by name or type">'
        f'<table id="layers" class="sortable"><thead><tr>{heads}</tr></thead><tbody>\n{rows}\n'
        "</tbody></table></section>"
    )
