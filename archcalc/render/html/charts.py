"""Charts as inline SVG, drawn from numbers the analyses computed (no chart library).

- **Bars**: one per layer in row order, the largest few labelled with their
  name, each with a tooltip and a link to the layer's details.
- **Memory over the run**: the bytes in use while each call runs, in
  execution order, as a step line, with the inference peak marked.

Coordinates are rounded to tenths, so the same numbers give the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from archcalc.render.html.page import esc, short

WIDTH, HEIGHT = 1400, 200  # about the page's width, so text is drawn near its own size
PAD_LEFT, PAD_TOP, PAD_BOTTOM = 8, 26, 24
LABELLED = 5  # how many of the largest bars carry a label


def _n(x: float) -> str:
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def bars(
    title: str,
    items: Sequence[tuple[str, int, str | None]],
    fmt: Callable[[int], str],
    cls: str,
) -> str:
    """One bar per ``(name, value, node id)``; the ``LABELLED`` largest are named."""
    top = max((v for _, v, _ in items), default=0)
    head = f'<figure class="chart-box"><h3>{esc(title)}</h3>'
    if not items or top <= 0:
        return (
            head + '<p class="muted">Nothing to show: every value is 0 or not counted.</p></figure>'
        )
    plot_h = HEIGHT - PAD_TOP - PAD_BOTTOM
    step = (WIDTH - 2 * PAD_LEFT) / len(items)
    width = max(step * 0.8, 0.5)
    ranked = sorted(range(len(items)), key=lambda i: (-items[i][1], i))[:LABELLED]
    ranked = [i for i in ranked if items[i][1] > 0]
    parts = []
    for i, (name, value, node) in enumerate(items):
        if value <= 0:
            continue
        h = plot_h * value / top
        x, y = PAD_LEFT + i * step, PAD_TOP + plot_h - h
        link = f' data-node="{esc(node)}"' if node else ""
        parts.append(
            f'<rect class="bar {cls}" x="{_n(x)}" y="{_n(y)}" width="{_n(width)}" '
            f'height="{_n(max(h, 0.5))}"{link}><title>{esc(name)}: {esc(fmt(value))}</title></rect>'
        )
    for rank, i in enumerate(sorted(ranked)):
        name, value, _ = items[i]
        x = PAD_LEFT + i * step + width / 2
        y = PAD_TOP + plot_h - plot_h * value / top - 4
        anchor = "start" if x < WIDTH / 3 else "end" if x > 2 * WIDTH / 3 else "middle"
        parts.append(
            f'<text class="bar-label" x="{_n(x)}" y="{_n(max(y - 12 * (rank % 2), 10))}" '
            f'text-anchor="{anchor}">{esc(short(name, 24))} {esc(fmt(value))}</text>'
        )
    axis = HEIGHT - PAD_BOTTOM + 14
    parts.append(
        f'<text class="axis" x="{PAD_LEFT}" y="{axis}">layers in row order →</text>'
        f'<text class="axis" x="{WIDTH - PAD_LEFT}" y="{axis}" text-anchor="end">'
        f"max {esc(fmt(top))}</text>"
    )
    return head + _svg("".join(parts), title) + "</figure>"


def memory_timeline(
    steps: Sequence[tuple[str, float]],
    peak: tuple[str, float] | None,
    fmt: Callable[[float], str],
    node_of: Callable[[str], str | None],
) -> str:
    """Bytes in use while each call runs, in execution order; the peak marked and named."""
    head = '<figure class="chart-box"><h3>Activation memory over the run (inference)</h3>'
    top = max((b for _, b in steps), default=0.0)
    if not steps or top <= 0 or peak is None:
        return head + (
            '<p class="muted">Not available: a tensor size is unknown (see the totals above).</p>'
            "</figure>"
        )
    plot_h = HEIGHT - PAD_TOP - PAD_BOTTOM
    step = (WIDTH - 2 * PAD_LEFT) / len(steps)
    points = []
    hits = []
    for i, (call, value) in enumerate(steps):
        x0, x1 = PAD_LEFT + i * step, PAD_LEFT + (i + 1) * step
        y = PAD_TOP + plot_h - plot_h * value / top
        points += [f"{_n(x0)},{_n(y)}", f"{_n(x1)},{_n(y)}"]
        node = node_of(call)
        link = f' data-node="{esc(node)}"' if node else ""
        hits.append(
            f'<rect class="hit" x="{_n(x0)}" y="{PAD_TOP}" width="{_n(step)}" '
            f'height="{plot_h}"{link}><title>{esc(call)}: {esc(fmt(value))}</title></rect>'
        )
    base = PAD_TOP + plot_h
    area = f"{PAD_LEFT},{base} " + " ".join(points) + f" {_n(WIDTH - PAD_LEFT)},{base}"
    at = next((i for i, (call, _) in enumerate(steps) if call == peak[0]), 0)
    px = PAD_LEFT + (at + 0.5) * step
    anchor = "start" if px < WIDTH / 2 else "end"
    dx = 6 if anchor == "start" else -6
    while_text = f"while {short(peak[0], 30)} runs" if peak[0] else "(the inputs alone)"
    parts = [
        f'<polygon class="area" points="{area}"/>',
        f'<polyline class="line" points="{" ".join(points)}"/>',
        f'<line class="peak" x1="{_n(px)}" y1="{PAD_TOP}" x2="{_n(px)}" y2="{base}"/>',
        f'<circle class="peak" cx="{_n(px)}" cy="{PAD_TOP}" r="4"/>',
        f'<text class="peak-label" x="{_n(px + dx)}" y="{PAD_TOP - 8}" text-anchor="{anchor}">'
        f"peak {esc(fmt(peak[1]))} {esc(while_text)}</text>",
        *hits,
        f'<text class="axis" x="{PAD_LEFT}" y="{base + 14}">execution order →</text>',
    ]
    return head + _svg("".join(parts), "activation memory over the run") + "</figure>"


def _svg(inner: str, label: str) -> str:
    return (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{esc(label)}">{inner}</svg>'
    )
