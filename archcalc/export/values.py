"""The Keras writer's values: a spec value, reference, name or condition as Python source.

The base of the module writer: it knows the body's names and the expression limits, and
refuses (with the entry's position) what Python cannot say the way archcalc reads it.
"""

from __future__ import annotations

from typing import Any

from archcalc.catalog import CANONICAL, CATALOG
from archcalc.catalog.nested import LayerArg
from archcalc.diagnostics import ArchcalcError, Diagnostic, Pos
from archcalc.export.pycode import bare_expression, literal, string_or_template
from archcalc.export.scope import Body
from archcalc.reader.expand import OWN_KEYS
from archcalc.reader.expr import ExprError
from archcalc.reader.values import parse_ref
from archcalc.reader.ynode import YNode
from archcalc.textsafe import visible

#: entry keys that are not a layer constructor's arguments
NOT_ARGUMENTS = ("name", "type", "inputs", "mask", "share", *OWN_KEYS)


class ExportError(ArchcalcError):
    """The spec says something the exported code cannot (exit 3, with a position)."""


class ValueWriter:
    """Values as Python for one spec; the module writer sets ``path``, ``limits``, ``needs``."""

    path: str
    limits: Any
    needs: set[str]

    def fail(self, node: YNode | None, message: str) -> ExportError:
        pos = node.pos if node is not None else Pos()
        return ExportError(Diagnostic.at(self.path, pos, "not-exported", message))

    def computed(self, node: YNode, body: Body) -> str:
        """``if:`` and ``repeat:``: a literal, a template, or a bare expression."""
        if not isinstance(node.value, str):
            return literal(node.value)
        try:
            if "$" in node.value:
                return self.string(node.value, body)
            return bare_expression(node.value, body.names, self.limits)
        except (ExprError, KeyError) as exc:
            raise self.fail(
                node, f"cannot write {visible(node.value)!r} as Python: {exc}"
            ) from None

    def string(self, text: str, body: Body) -> str:
        src, _, needs = string_or_template(text, body.names, self.limits, body.ints | {"name"})
        if needs:
            self.needs.add("text")
        return src

    def reads(self, node: YNode, body: Body, index: str | None, kind: Any = None) -> str:
        """What a call reads: its ``inputs:`` (only the first repetition's), else ``prev``."""
        inputs = node.get("inputs")
        if inputs is None:
            return "prev"
        items = inputs.value if inputs.is_seq else [inputs]
        refs = [self.ref(i, body) for i in items]
        if len(refs) == 1:
            call = refs[0]
        elif kind is not None and kind.call_inputs == "args":
            call = ", ".join(refs)
        else:
            call = "[" + ", ".join(refs) + "]"
        if index is None:
            return call
        if len(refs) > 1 and kind is not None and kind.call_inputs == "args":
            raise self.fail(
                inputs, "a repeated layer that takes several inputs reads the one before it"
            )
        return f"{call} if {index} == 0 else prev"

    def name_source(self, node: YNode | None, body: Body, index: str | None) -> str | None:
        """The Keras name as Python: a computed one as it computes; a plain one prefixed with
        the instance's name in a block and suffixed with the repeat index; None for none."""
        if node is None or not isinstance(node.value, str) or not node.value:
            return None
        if "$" in node.value:
            return self.string(node.value, body)
        src = (
            f"name + {literal('_' + node.value)}" if body.block is not None else literal(node.value)
        )
        return src + (f" + '_' + str({index})" if index is not None else "")

    def arguments(self, node: YNode, kind: Any, body: Body, index: str | None) -> list[str]:
        args = []
        for key, value in node.value.items():
            if key in NOT_ARGUMENTS or (
                key in ("input_shape", "input_dim") and key not in kind.args
            ):
                continue
            if key == "model":
                raise self.fail(
                    value, "a nested model is not exported yet; write its layers in a block"
                )
            args.append(f"{key}={self.value(value, body, kind.args.get(key))}")
        name = self.name_source(node.get("name"), body, index)
        if name is not None:
            args.append(f"name={name}")
        return args

    def value(self, node: YNode, body: Body, arg: Any = None) -> str:
        """A value as Python: literals, computed values, a wrapped layer (``layer:``)."""

        if node.kind == "map":
            if arg is not None and isinstance(arg.type, LayerArg) and "type" in node.value:
                inner = CATALOG[CANONICAL[node.value["type"].value]]
                parts = [
                    f"{k}={self.value(v, body, inner.args.get(k))}"
                    for k, v in node.value.items()
                    if k != "type"
                ]
                return f"layers.{inner.name}({', '.join(parts)})"
            items = (f"{literal(k)}: {self.value(v, body)}" for k, v in node.value.items())
            return "{" + ", ".join(items) + "}"
        if node.kind == "seq":
            return "[" + ", ".join(self.value(v, body) for v in node.value) + "]"
        if isinstance(node.value, str):
            try:
                return self.string(node.value, body)
            except KeyError as exc:
                raise self.fail(
                    node,
                    f"{visible(node.value)!r} reads {exc}, no variable, parameter or index here",
                ) from None
        return literal(node.value)

    def ref(self, item: YNode, body: Body) -> str:
        """A reference: ``t["conv1"]``, ``t["lstm"][1]``; a bare instance or multi-output
        layer name means its first output."""
        text = str(item.value)
        if "$" in text:
            return f"t[{self.string(text, body)}]"
        ref = parse_ref(text)
        first = body.kinds.get(ref.name) in ("instance", "multi")
        index = ref.index if ref.index or not first else 0
        suffix = f"[{index}]" if ref.index or first else ""
        return f"t[{literal(ref.name)}]{suffix}"
