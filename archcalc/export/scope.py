"""What the Keras writer knows about one function body, and what it reads in the spec.

The handles a body reads, shares or computes; the names its templates read; the small
helpers the written module may need.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from archcalc.export.pycode import literal
from archcalc.reader.design import BlockDef
from archcalc.reader.expr import names as expr_names
from archcalc.reader.expr import parse
from archcalc.reader.templates import compile_template
from archcalc.reader.values import parse_ref
from archcalc.reader.ynode import YNode
from archcalc.textsafe import visible

HELPERS = {
    "text": (
        "def _text(value):\n"
        '    """A value inside a name, as archcalc writes it: true, false, null, 3, 0.5."""\n'
        '    return "true" if value is True else "false" if value is False else "null" if value is None else str(value)\n'
    ),
    "computed": "#: a variable or parameter whose default is computed from the others\n_COMPUTED = object()\n",
    "names": (
        "class _Names:\n"
        '    """Names of unnamed block instances: the block\'s, counted per block (as archcalc)."""\n\n'
        "    def __init__(self):\n"
        "        self.counts = {}\n\n"
        "    def __call__(self, key):\n"
        "        n = self.counts.get(key, 0)\n"
        "        self.counts[key] = n + 1\n"
        '        return key if n == 0 else key + "_" + str(n)\n\n\n'
        "_names = _Names()\n"
    ),
}


class Body:
    """One function body: names for expressions, the block (None: the model), its handles."""

    def __init__(
        self, names: dict[str, str], block: BlockDef | None, sequential: bool, kinds: dict[str, str]
    ) -> None:
        self.names = names
        self.block = block
        self.sequential = sequential
        self.kinds = kinds  # handle -> "instance" | "multi" | "layer"
        self.shared: set[str] = set()  # handles a share: entry calls again
        self.used: set[str] | None = set()  # handles something reads (None: any may be)
        self.track_from = 0  # entries from here on keep ``outs`` (the last ones that may run)
        self.firm = False  # some entry always runs (so ``outs`` needs no first value)
        self.ints: set[str] = set()  # names known to hold integers (repeat indices)

    def with_name(self, spec_name: str, ident: str, integer: bool = False) -> Body:
        out = Body({**self.names, spec_name: ident}, self.block, self.sequential, self.kinds)
        out.shared, out.used, out.track_from = self.shared, self.used, self.track_from
        out.firm = self.firm
        out.ints = self.ints | ({spec_name} if integer else set())
        return out

    def prepare(self, entries: list[YNode], outputs: YNode | None) -> None:
        """What the body reads by name, and from which entry on ``outs`` must be kept."""
        used: set[str] | None = set()
        for e in entries:
            for key in ("inputs", "mask", "share"):
                node = e.get(key) if e.is_map else None
                used = read_names(node, used)
        self.used = read_names(outputs, used)
        firm = [
            k
            for k, e in enumerate(entries)
            if e.is_map and "if" not in e.value and "repeat" not in e.value
        ]
        self.track_from = firm[-1] if firm else 0
        self.firm = bool(firm)
        if outputs is not None:  # the outputs are named: nothing needs the last entry's
            self.track_from, self.firm = len(entries), True


def read_names(node: YNode | None, used: set[str] | None) -> set[str] | None:
    """``used`` and the names a reference list reads (None: a computed one may read any)."""
    if node is None or used is None:
        return used
    items = node.value if node.is_seq else [node]
    for item in items:
        text = item.value if isinstance(item.value, str) else ""
        if "$" in text:
            return None
        used.add(parse_ref(text).name)
    return used


def handle_texts(node: YNode) -> list[str]:
    out = []
    for key in ("name", "id"):
        v = node.get(key)
        if v is not None and isinstance(v.value, str) and v.value:
            out.append(v.value)
    return out


def shared_handles(entries: list[YNode]) -> set[str]:
    return {str(e.value["share"].value) for e in entries if e.is_map and "share" in e.value}


def unnamed_instances(blocks: Mapping[str, BlockDef], entries: list[YNode]) -> list[bool]:
    """Whether some entry (here or in a block) makes an instance without a name or id."""
    all_entries = [*entries, *(e for b in blocks.values() for e in b.layers)]
    return [
        e.is_map and "block" in e.value and "name" not in e.value and "id" not in e.value
        for e in all_entries
    ]


def doc_text(text: str) -> str:
    """Text for a docstring: controls visible, no backslash escapes, no closing quotes."""
    return visible(text).replace("\\", "/").replace('"', "'")


def plain_literal(node: YNode) -> str | None:
    """A value with nothing computed in it, as a Python literal; None when something is."""
    if node.kind == "map":
        parts = {k: plain_literal(v) for k, v in node.value.items()}
        if any(v is None for v in parts.values()):
            return None
        return "{" + ", ".join(f"{literal(k)}: {v}" for k, v in parts.items()) + "}"
    if node.kind == "seq":
        items = [plain_literal(v) for v in node.value]
        return None if any(v is None for v in items) else "[" + ", ".join(items) + "]"  # type: ignore[arg-type]
    if isinstance(node.value, str) and "$" in node.value:
        return None
    return literal(node.value)


def names_read(node: YNode, limits: Any) -> set[str]:
    """Every name the templates and bare ``if:`` / ``repeat:`` expressions in ``node`` read."""
    out: set[str] = set()
    stack: list[tuple[YNode, str]] = [(node, "")]
    while stack:
        n, key = stack.pop()
        if n.kind == "map":
            stack.extend((v, k) for k, v in n.value.items())
        elif n.kind == "seq":
            stack.extend((v, key) for v in n.value)
        elif isinstance(n.value, str):
            try:
                t = compile_template(n.value, limits)
                if t is not None:
                    out |= t.names()
                elif key in ("if", "repeat"):
                    out |= expr_names(parse(n.value, limits))
            except ValueError:
                continue
    return out
