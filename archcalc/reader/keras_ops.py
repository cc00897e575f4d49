"""keras.ops nodes in a Keras config, translated into the spec's op syntax.

Keras writes an op node as a layer entry whose ``module`` is the op's Python
module (``keras.src.ops.numpy``...) rather than ``keras.layers``, with the
op's constructor arguments in ``config`` and the call exactly as it was made
in ``inbound_nodes``: tensors as ``__keras_tensor__`` entries, Python scalars
in place, slices as ``__slice__``, ``...`` as ``__ellipsis__``, constant
arrays as ``__numpy__``/``__tensor__`` (see ``archcalc docs keras-files``).
This module turns that into an op entry (``type``, the config, ``args``,
``kwargs``) which the ordinary loader reads; classes archcalc does not model
are refused with the reason, or (``convert``) written as custom entries.
"""

from __future__ import annotations

from archcalc.diagnostics import Pos
from archcalc.reader.keras_tensors import HISTORY, TensorReader, describe, history, scalar
from archcalc.reader.op_entries import op_kind, refused_op
from archcalc.reader.ynode import YNode
from archcalc.textsafe import quote

#: the Python modules Keras's op classes live in (an entry there is an op node, not a layer)
OP_MODULES = ("keras.src.ops.", "keras.src.activations.", "keras.src.quantizers.")


def is_op_node(layer: YNode) -> bool:
    module = layer.get("module")
    return (
        module is not None and isinstance(module.value, str) and module.value.startswith(OP_MODULES)
    )


def _map(pos: Pos, items: dict[str, YNode]) -> YNode:
    return YNode(items, pos, "map", {k: v.pos for k, v in items.items()})


class OpNodes(TensorReader):
    """Translates a Keras config's op nodes (mixed into the Keras translator)."""

    def op_entry(self, layer: YNode, cls: YNode, calls: list[YNode]) -> YNode | None:
        """The spec entry of one op node ('' reasons reported, None returned, when refused)."""
        cfg = layer.get("config")
        name = (cfg.get("name") if cfg is not None and cfg.is_map else None) or layer.get("name")
        label = f"{name.value}: " if name is not None else ""
        kind = op_kind(f"ops.{cls.value}") if isinstance(cls.value, str) else None
        if kind is None:
            return self.op_refused(layer, cls, name, calls, self.op_unknown_reason(cls))
        if len(calls) != 1:
            self.error(
                calls[1].pos if len(calls) > 1 else layer.pos,
                "keras-config",
                f"{label}the keras.ops node {quote(cls.value)} is called {len(calls)} times; Keras "
                "makes a new node for each call of an op, so a file holds one call per op node",
            )
            return None
        call = calls[0]
        items: dict[str, YNode] = {}
        if name is not None:
            items["name"] = name
        items["type"] = scalar(kind.name, cls.pos)
        if cfg is not None and cfg.is_map:
            for key, value in cfg.value.items():
                if key != "name":
                    items[key] = value
        if not call.is_map:
            self.error(
                call.pos,
                "keras-config",
                f"{label}an op node's inbound node must be {{args: [...], kwargs: {{...}}}}; got {describe(call)}",
            )
            return None
        args, kwargs = call.get("args"), call.get("kwargs")
        if args is not None:
            items["args"] = self.op_value(args)
        if kwargs is not None and kwargs.is_map and kwargs.value:
            items["kwargs"] = self.op_value(kwargs)
        return _map(layer.pos, items)

    def op_unknown_reason(self, cls: YNode) -> str:
        if not isinstance(cls.value, str):
            return f"a class_name that is not a string ({describe(cls)})"
        why = refused_op(cls.value)
        if why:
            return (
                f"the keras.ops operation {quote(cls.value)}, which archcalc does not model: {why}"
            )
        return (
            f"the keras.ops operation {quote(cls.value)}, which archcalc does not know (not an "
            "operation class of Keras 3.15)"
        )

    def op_refused(
        self, layer: YNode, cls: YNode, name: YNode | None, calls: list[YNode], what: str
    ) -> YNode | None:
        """An op archcalc does not compute is an opaque layer: its output shape from what the
        file records (keras_custom.py), or a custom entry to fill in for ``convert``."""
        refs = self.inbound(calls[0]) if calls else []
        return self.opaque(layer, cls, name, refs, True, what, None)  # type: ignore[attr-defined]

    def op_value(self, node: YNode) -> YNode:
        """A serialised call argument in the spec's op syntax."""
        if node.kind == "seq":
            return YNode([self.op_value(v) for v in node.value], node.pos, "seq")
        if node.kind == "scalar":
            if isinstance(node.value, str):
                return _map(node.pos, {"string": node})
            return node
        cls = node.get("class_name")
        cfg = node.get("config")
        kind = cls.value if cls is not None else None
        if kind == "__keras_tensor__":
            hist = cfg.get("keras_history") if cfg is not None and cfg.is_map else None
            key = history(hist)
            if key is None:
                self.error(
                    (hist or node).pos,
                    "keras-config",
                    f"a tensor's keras_history must be {HISTORY}; got "
                    f"{describe(hist) if hist is not None else 'none'}",
                )
                return scalar(None, node.pos)
            return scalar(self.ref(*key), node.pos)
        if kind == "__slice__" and cfg is not None and cfg.is_map:
            parts = [cfg.get(k) or scalar(None, cfg.pos) for k in ("start", "stop", "step")]
            return _map(node.pos, {"slice": YNode(parts, cfg.pos, "seq")})
        if kind == "__ellipsis__":
            return _map(node.pos, {"ellipsis": scalar(True, node.pos)})
        if kind in ("__numpy__", "__tensor__") and cfg is not None and cfg.is_map:
            items = {"constant": cfg.get("value") or scalar(None, cfg.pos)}
            if cfg.get("dtype") is not None:
                items["dtype"] = cfg.value["dtype"]
            return _map(node.pos, items)
        if isinstance(kind, str) and kind.startswith("__"):
            self.error(
                node.pos,
                "keras-config",
                f"a call argument of kind {quote(kind)}, which archcalc does not read "
                "(a Python function or object the model file holds as code)",
            )
            return scalar(None, node.pos)
        return YNode(
            {k: self.op_value(v) for k, v in node.value.items()}, node.pos, "map", dict(node.keys)
        )
