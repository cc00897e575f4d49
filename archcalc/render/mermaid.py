"""A Mermaid flowchart of the layer graph: renders in GitHub and GitLab Markdown.

Mermaid ids are bare words with reserved ones (``end``, ``graph``,
``subgraph``, ``style``, ``class``, ``click``...) and a lexer that trips on
dots, dashes, leading ``o``/``x`` after an arrow and so on. So every id is
``n_`` (a node) or ``c_`` (a cluster) plus the call's path with each
character outside ``[A-Za-z0-9_]`` written as ``_xHEX_``: never a keyword,
always one token, stable across runs. Labels are always quoted, with
Mermaid's entity codes for ``"``, ``#``, ``<``, ``>``, ``&`` and backticks.
"""

from __future__ import annotations

import json

from archcalc.numtext import grouped
from archcalc.render import plotgraph as pg
from archcalc.render import plotmodel as pm
from archcalc.results import InferenceResult
from archcalc.textsafe import visible

_ENTITIES = {'"': "#quot;", "#": "#35;", "<": "#lt;", ">": "#gt;", "&": "#amp;", "`": "#96;"}


def label(text: str) -> str:
    """Text for inside a quoted Mermaid label; control characters written visibly (``\\x1b``)."""
    return "".join(_ENTITIES.get(c, c) for c in visible(text))


def encode(path: str) -> str:
    """A path as id characters: ``[A-Za-z0-9_]`` kept, anything else ``_xHEX_``."""
    return "".join(
        c if (c.isascii() and c.isalnum()) or c == "_" else f"_x{ord(c):x}_" for c in path
    )


class _Ids:
    """Path -> Mermaid id, unique even if two encodings collide (``a-b`` vs ``a_x2d_b``)."""

    def __init__(self) -> None:
        self.ids: dict[str, str] = {}
        self.used: set[str] = set()

    def __call__(self, prefix: str, path: str) -> str:
        key = prefix + path
        if key not in self.ids:
            base = prefix + encode(path)
            candidate, n = base, 1
            while candidate in self.used:
                n += 1
                candidate = f"{base}_{n}"
            self.used.add(candidate)
            self.ids[key] = candidate
        return self.ids[key]


def node_lines(node: pm.PlotNode, opts: pm.PlotOptions) -> list[str]:
    """The label's lines, in the order of the DOT table."""
    lines = [pm.title(node, opts)]
    if node.shared:
        lines.append(node.shared_text)
    if opts.show_activations and node.activation is not None:
        lines.append(f"Activation: {node.activation}")
    if opts.show_shapes:
        out = pm.shape_text(node.output_shapes)
        lines.append(
            out if node.input_shapes is None else f"{pm.shape_text(node.input_shapes)} → {out}"
        )
    if opts.show_dtype:
        lines.append(f"dtype: {node.dtype}")
    if opts.show_params:
        lines.append(f"Params: {grouped(node.params)}")
    lines.extend(f"{k}: {v}" for k, v in node.extra)
    if opts.show_trainable and node.trainable is not None:
        lines.append("Trainable" if node.trainable else "Non-trainable")
    return lines


def _quoted(lines: list[str]) -> str:
    return '"' + "<br/>".join(label(x) for x in lines) + '"'


def _items(
    items: tuple[pm.PlotNode | pm.Cluster, ...], opts: pm.PlotOptions, ids: _Ids, indent: str
) -> list[str]:
    out = []
    for item in items:
        if isinstance(item, pm.Cluster):
            caption = _quoted([item.title(opts)])
            out.append(f"{indent}subgraph {ids('c_', item.id)} [{caption}]")
            out.extend(_items(item.items, opts, ids, indent + "    "))
            out.append(f"{indent}end")
        else:
            text = _quoted(node_lines(item, opts))
            shape = f"([{text}])" if item.is_input else f"[{text}]"
            out.append(f"{indent}{ids('n_', item.id)}{shape}")
    return out


def render_mermaid_graph(graph: pm.PlotGraph, opts: pm.PlotOptions) -> str:
    ids = _Ids()
    lines = ["---", f"title: {json.dumps(visible(graph.name), ensure_ascii=False)}", "---"]
    lines.append(f"flowchart {opts.rankdir}")
    lines.extend(_items(graph.items, opts, ids, "    "))
    lines.extend(f"    {ids('n_', a)} --> {ids('n_', b)}" for a, b in graph.edges)
    nodes = pg.walk(graph.items)
    classes = {
        "shared": ("stroke-dasharray:5 5", [n for n in nodes if n.shared]),
        "trainable": (
            "stroke:#228b22,stroke-width:2px",
            [n for n in nodes if opts.show_trainable and n.trainable],
        ),
        "frozen": (
            "stroke:#b22222,stroke-width:2px",
            [n for n in nodes if opts.show_trainable and n.trainable is False],
        ),
    }
    for name, (style, members) in classes.items():
        if members:
            lines.append(f"    classDef {name} {style}")
            lines.append(f"    class {','.join(ids('n_', n.id) for n in members)} {name}")
    text = "\n".join(lines) + "\n"
    return f"```mermaid\n{text}```\n" if opts.fence else text


def render_mermaid(result: InferenceResult, opts: pm.PlotOptions | None = None) -> str:
    """The Mermaid flowchart for ``result`` (``opts.fence`` wraps it for Markdown)."""
    opts = opts or pm.PlotOptions()
    return render_mermaid_graph(pg.plot_graph(result, opts), opts)
