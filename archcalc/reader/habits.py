"""Python habits in YAML specs, recognised so the message says what to write instead."""

from __future__ import annotations

import re

from archcalc.reader.ynode import YNode

#: the rest of a Python tuple a flow mapping split into keys: ``3)`` in ``kernel_size: (3, 3)``
_TUPLE_REST = re.compile(r"^\s*[-+\w.]*\)?\s*$")


def python_tuple(node: YNode) -> dict[str, str]:
    """Arguments written as Python tuples, ``kernel_size: (3, 3)``, with what to write instead.

    YAML has no tuples: in a block mapping the value is the string ``"(3, 3)"``; in a
    flow mapping ``{... kernel_size: (3, 3)}`` the comma splits it into the value
    ``"(3"`` and a key ``"3)"``.
    """
    out: dict[str, str] = {}
    items = list(node.value.items())
    for i, (key, value) in enumerate(items):
        text = value.value if isinstance(value.value, str) else None
        if text is not None and text.lstrip().startswith("("):
            parts = [text]
            for k2, v2 in items[i + 1 :]:
                if text.rstrip().endswith(")") or parts[-1].rstrip().endswith(")"):
                    break
                if v2.value is not None or not _TUPLE_REST.match(k2):
                    break
                parts.append(k2)
            written = ", ".join(p.strip() for p in parts)
            listed = "[" + written.strip().lstrip("(").rstrip(")") + "]"
            out[key] = (
                f"{key} looks like a Python tuple, {written}; YAML has no tuples"
                f"{' and splits it at the comma inside { }' if len(parts) > 1 else ''}: "
                f"write a list, {key}: {listed}"
            )
            for extra in parts[1:]:
                out[extra] = out[key]
    return out
