"""The page's layer graph: DOT for Graphviz's layout, and its SVG rebuilt from an allowlist.

Graphviz lays the graph out (``dot``, top to bottom); archcalc never places a
node itself. Every node, edge and group gets a plain id (``n3``, ``e7``,
``g0``) so no model string is ever an identifier. The SVG that ``dot`` returns
is then parsed and written again keeping only drawing elements (``polygon``,
``path``, ``ellipse``, ``text``...) and their geometry and paint attributes,
with every text re-escaped: whatever a name contains, the page gets shapes
and text, never markup, links or script. Groups (nested models) are written
after the nodes, so a folded group's box covers what it folds.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from archcalc.render.dot import html as dot_html
from archcalc.render.dot import quote

#: DOT source -> SVG text; raises LayoutError (Graphviz missing, failed, too slow).
Layout = Callable[[str], str]


class LayoutError(Exception):
    """The graph could not be laid out; the message says why and what to do."""


@dataclass(frozen=True)
class DrawNode:
    id: str
    lines: tuple[str, ...]  # the first is the title (bold); already cut short
    cls: str = ""  # CSS classes (a diff status)
    group: str | None = None


@dataclass(frozen=True)
class DrawGroup:
    id: str
    label: str
    parent: str | None = None


@dataclass(frozen=True)
class DrawEdge:
    src: str
    dst: str
    cls: str = ""


def graph_dot(
    nodes: Sequence[DrawNode], groups: Sequence[DrawGroup], edges: Sequence[DrawEdge]
) -> str:
    """DOT with one subgraph cluster per group, nested as the groups are."""
    lines = [
        "digraph G {",
        '\tgraph [rankdir=TB, nodesep=0.3, ranksep=0.35, fontname="Helvetica", fontsize=12];',
        '\tnode [shape=box, style="rounded,filled", fillcolor=white, color="#5b6b7f", '
        'fontname="Helvetica", fontsize=11, margin="0.12,0.04"];',
        '\tedge [color="#5b6b7f", arrowsize=0.7];',
    ]
    children: dict[str | None, list[DrawGroup]] = {}
    for g in groups:
        children.setdefault(g.parent, []).append(g)
    members: dict[str | None, list[DrawNode]] = {}
    for n in nodes:
        members.setdefault(n.group, []).append(n)

    def emit(group: str | None, indent: str) -> None:
        for n in members.get(group, ()):
            title, *rest = (dot_html(line) for line in n.lines)
            label = "<br/>".join([f"<b>{title}</b>", *rest])
            lines.append(f"{indent}{quote(n.id)} [id={quote(n.id)}, label=<{label}>];")
        for g in children.get(group, ()):
            lines.append(f"{indent}subgraph {quote('cluster_' + g.id)} {{")
            lines.append(
                f"{indent}\tgraph [id={quote(g.id)}, label={quote(g.label)}, labeljust=l, "
                'style="rounded,dashed", color="#8a99ad"];'
            )
            emit(g.id, indent + "\t")
            lines.append(f"{indent}}}")

    emit(None, "\t")
    for i, e in enumerate(edges):
        style = ', style=dashed, color="#c0392b"' if "gone" in e.cls else ""
        lines.append(f"\t{quote(e.src)} -> {quote(e.dst)} [id={quote(f'e{i}')}{style}];")
    lines.append("}")
    # A lone surrogate (a JSON "\ud800" escape) cannot be written as UTF-8 for dot.
    return ("\n".join(lines) + "\n").encode("utf-8", "replace").decode("utf-8")


# -- the SVG, rebuilt from an allowlist ----------------------------------------------------

_PAINT = ("fill", "stroke", "stroke-width", "stroke-dasharray")
_ALLOWED = {
    "polygon": ("points", *_PAINT),
    "polyline": ("points", *_PAINT),
    "path": ("d", *_PAINT),
    "ellipse": ("cx", "cy", "rx", "ry", *_PAINT),
    "text": (
        "x",
        "y",
        "text-anchor",
        "font-family",
        "font-size",
        "font-weight",
        "font-style",
        "fill",
    ),
}
_VALUE = re.compile(r"[-A-Za-z0-9 ,.#]*")  # numbers, points, path data, colour names, #rgb
_TRANSFORM = re.compile(r"(?:[a-z]+\([-0-9. ]+\) ?)*")
_ID = re.compile(r"[neg][0-9]+")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _shape(el: ET.Element) -> str:
    name = _local(el.tag)
    attrs = "".join(
        f' {a}="{escape(el.attrib[a])}"'
        for a in _ALLOWED[name]
        if a in el.attrib and _VALUE.fullmatch(el.attrib[a])
    )
    if name == "text":
        return f"<text{attrs}>{escape(el.text or '', quote=False)}</text>"
    return f"<{name}{attrs}/>"


def _shapes(group: ET.Element) -> str:
    return "".join(_shape(el) for el in group.iter() if _local(el.tag) in _ALLOWED)


def sanitize_svg(svg: str, nodes: Sequence[DrawNode], edges: Sequence[DrawEdge]) -> str:
    """Graphviz's SVG as inline markup: drawing elements only, our ids and classes, groups last."""
    try:
        root = ET.fromstring(svg)
    except ET.ParseError as exc:
        raise LayoutError(f"Graphviz's SVG could not be read ({exc})") from None
    view_box = root.attrib.get("viewBox", "0 0 0 0")
    top = next((g for g in root if _local(g.tag) == "g"), None)
    if top is None or not _VALUE.fullmatch(view_box):
        raise LayoutError("Graphviz's SVG has no drawing")
    transform = top.attrib.get("transform", "")
    transform = transform if _TRANSFORM.fullmatch(transform) else ""
    node_cls = {n.id: n.cls for n in nodes}
    ends = {f"e{i}": e for i, e in enumerate(edges)}
    body: list[str] = []
    clusters: list[str] = []
    for g in top:
        gid = g.attrib.get("id", "")
        if _local(g.tag) != "g" or not _ID.fullmatch(gid):
            continue
        if gid in node_cls:
            cls = f"node {node_cls[gid]}".strip()
            body.append(f'<g id="{gid}" class="{cls}" data-node="{gid}">{_shapes(g)}</g>')
        elif gid in ends:
            e = ends[gid]
            cls = f"edge {e.cls}".strip()
            body.append(f'<g class="{cls}" data-from="{e.src}" data-to="{e.dst}">{_shapes(g)}</g>')
        elif gid.startswith("g"):
            clusters.append(
                f'<g id="{gid}" class="cluster" data-group="{gid}" role="button">{_shapes(g)}</g>'
            )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" id="graph" viewBox="{escape(view_box)}" '
        f'data-viewbox="{escape(view_box)}" role="img" aria-label="layer graph">'
        f'<g transform="{escape(transform)}">{"".join(body)}{"".join(clusters)}</g></svg>'
    )


def draw(
    layout: Layout | None,
    nodes: Sequence[DrawNode],
    groups: Sequence[DrawGroup],
    edges: Sequence[DrawEdge],
) -> tuple[str | None, str]:
    """``(inline SVG, "")``, or ``(None, why)`` when there is no layout."""
    if layout is None:
        return None, "Graphviz's dot program is not installed"
    try:
        return sanitize_svg(layout(graph_dot(nodes, groups, edges)), nodes, edges), ""
    except LayoutError as exc:
        return None, str(exc)
