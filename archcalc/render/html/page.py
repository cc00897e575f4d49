"""The page shell both HTML pages share: escaping, the Content-Security-Policy, the inline assets.

Every string from a model (names, types, arguments, paths) is untrusted. It
reaches the page in three ways, each escaped for its language: HTML text and
attributes (:func:`esc`: controls made visible, then ``& < > " '`` as
entities), the JSON data block (:func:`json_block`: ``< > &`` and line
separators as ``\\uXXXX``, so no ``</script>`` or comment can end it), and the
Graphviz SVG, which :mod:`archcalc.render.html.graph` rebuilds from an
allowlist. The page's own CSS and JavaScript are package files, inlined and
allowed by their SHA-256 in the policy: nothing else may run, load or connect.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from functools import cache
from importlib import resources
from typing import Any

from archcalc._version import __version__
from archcalc.render.units import bytes_text, count_text
from archcalc.textsafe import visible

#: How much of a name a graph label or chart shows; the details panel shows it whole.
LABEL_CHARS = 40


def esc(text: object) -> str:
    """HTML text or a quoted attribute value: controls as visible escapes, markup as entities."""
    return html.escape(visible(str(text)), quote=True)


def short(text: str, limit: int = LABEL_CHARS) -> str:
    """``text`` (controls made visible) cut to ``limit`` characters with an ellipsis."""
    text = visible(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _visible_data(value: Any) -> Any:
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, dict):
        return {k: _visible_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_visible_data(v) for v in value]
    return value


def json_block(data: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``: nothing in it can close it."""
    text = json.dumps(_visible_data(data), ensure_ascii=False, separators=(",", ":"))
    for raw, safe in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(raw, safe)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


@cache
def asset(name: str) -> str:
    """One of the page's own files (``report.css``, ``report.js``), shipped as package data."""
    return (resources.files("archcalc.render.html") / "assets" / name).read_text(encoding="utf-8")


def sha256(text: str) -> str:
    """The CSP source expression allowing exactly this inline code."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def policy(script: str, style: str) -> str:
    """No network, no plugins, no forms: only the page's own script and style may run."""
    return (
        f"default-src 'none'; script-src {sha256(script)}; style-src {sha256(style)}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )


def page(title: str, body: str, data: Any) -> str:
    """A complete, self-contained HTML document: deterministic for the same inputs."""

    script, style = asset("report.js"), asset("report.css")
    text = "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{policy(script, style)}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta name="generator" content="archcalc {esc(__version__)}">',
            f"<title>{esc(title)}</title>",
            f"<style>{style}</style>",
            "</head>",
            "<body>",
            body,
            f"<footer>Made by archcalc {esc(__version__)}: every number is computed from the "
            "architecture alone (conventions: `archcalc docs costs`). This page works offline.</footer>",
            f'<script type="application/json" id="archcalc-data">{json_block(data)}</script>',
            f"<script>{script}</script>",
            "</body>",
            "</html>",
            "",
        ]
    )
    # A lone surrogate (from a YAML "\ud800" escape) cannot be written as UTF-8.
    return text.encode("utf-8", "replace").decode("utf-8")


def count(n: int | None, missing: str = "?") -> str:
    """``10,707,200 (10.71 M)``; small counts without the repeat; ``?`` when not counted."""

    return missing if n is None else count_text(n)


def nbytes(size: float | None, missing: str = "?") -> str:
    """Keras's 1024-based ``128.38 KB``."""

    return missing if size is None else bytes_text(size)


def details(
    title: str, rows: list[tuple[str, str]], args: list[Any] | None = None, **extra: Any
) -> dict[str, Any]:
    """One entry of the details panel: a title, label/value rows and optional arguments."""
    entry: dict[str, Any] = {"t": title, "r": [list(r) for r in rows]}
    if args:
        entry["a"] = args
    entry.update({k: v for k, v in extra.items() if v is not None})
    return entry


def dl(rows: list[tuple[str, str]], cls: str = "") -> str:
    """A definition list of (label, text) pairs, escaped."""
    attr = f' class="{cls}"' if cls else ""
    items = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in rows)
    return f"<dl{attr}>{items}</dl>"
