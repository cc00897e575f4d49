"""The tensors of a Keras config: ``keras_history`` triples, inbound nodes, model inputs
and outputs, and the shapes the config records, as spec references."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from archcalc.diagnostics import Diagnostic, Pos
from archcalc.reader.ynode import YNode
from archcalc.textsafe import quote

#: What keras_history, an inbound node or a model input/output entry holds.
HISTORY = "[layer name, node index, tensor index] (a string and two integers from 0)"


def history(node: YNode | None) -> tuple[str, int, int] | None:
    """``(layer, node index, tensor index)`` from ``["dense", 0, 0, ...]``; None if malformed."""
    if node is None or not node.is_seq or len(node.value) < 3:
        return None
    name, n, t = (v.value for v in node.value[:3])
    if not isinstance(name, str) or not name:
        return None
    if not all(isinstance(i, int) and not isinstance(i, bool) and 0 <= i < 2**31 for i in (n, t)):
        return None
    return name, n, t


def describe(node: YNode) -> str:
    """What a malformed entry is, for the message: a short excerpt of its value."""
    try:
        return quote(node.plain())
    except RecursionError:
        return f"a {node.kind}"


def scalar(value: Any, pos: Pos) -> YNode:
    return YNode(value, pos, "scalar")


def mapping(pos: Pos, **items: YNode) -> YNode:
    return YNode(dict(items), pos, "map", {k: v.pos for k, v in items.items()})


class TensorReader:
    """Reads the tensor references of one Keras model config, reporting what is malformed."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.diags: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []
        self.shapes: dict[tuple[str, int, int], list[Any]] = {}

    def error(self, pos: Pos, code: str, msg: str) -> None:
        self.diags.append(Diagnostic.at(self.path, pos, code, msg))

    @staticmethod
    def ref(layer: str, node: int, tensor: int) -> str:
        base = layer if node == 0 else f"{layer}:{node}"
        return base if tensor == 0 else f"{base}[{tensor}]"

    def tensors(self, node: YNode, out: list[YNode]) -> None:
        """Collect the Keras 3 tensors (``__keras_tensor__``) of one inbound node, in order."""
        if node.kind == "map":
            cls = node.get("class_name")
            if cls is not None and cls.value == "__keras_tensor__":
                config = node.get("config")
                hist = config.get("keras_history") if config is not None else None
                key = history(hist)
                if key is None:
                    self.error(
                        hist.pos if hist is not None else node.pos,
                        "keras-config",
                        f"a tensor's keras_history must be {HISTORY}; got "
                        f"{describe(hist) if hist is not None else 'none'}",
                    )
                    return
                out.append(scalar(self.ref(*key), node.pos))
                return
            for v in node.value.values():
                self.tensors(v, out)
        elif node.kind == "seq":
            for v in node.value:
                self.tensors(v, out)

    def inbound(
        self,
        node: YNode,
        masks: list[YNode] | None = None,
        states: list[YNode] | None = None,
    ) -> list[YNode]:
        """Input references of one inbound node (Keras 3 args/kwargs, or Keras 2 lists).

        Tensors Keras passed as ``mask`` (or ``query_mask``...) go to ``masks``, a
        recurrent call's ``initial_state`` to ``states``.
        """
        refs: list[YNode] = []
        if node.is_map:  # Keras 3: {"args": [...], "kwargs": {...}}
            args, kwargs = node.get("args"), node.get("kwargs")
            if args is not None:
                self.tensors(args, refs)
            if kwargs is not None and kwargs.is_map:
                for key, value in kwargs.value.items():
                    is_mask = key == "mask" or key.endswith("_mask")
                    if key == "initial_state" and states is not None:
                        self.tensors(value, states)
                    else:
                        self.tensors(value, masks if is_mask and masks is not None else refs)
        elif node.is_seq:  # Keras 2: [["layer", node, tensor, {kwargs}], ...]
            for item in node.value:
                key = history(item)
                if key is None:
                    self.error(
                        item.pos,
                        "keras-config",
                        f"a Keras 2 inbound node entry must be {HISTORY} (and optional "
                        f"call arguments); got {describe(item)}",
                    )
                    continue
                refs.append(scalar(self.ref(*key), item.pos))
        return refs

    def triples(self, node: YNode | None) -> list[tuple[str, int, int, Pos]]:
        """``input_layers`` / ``output_layers``: one triple, a list, or a dict of them."""
        if node is None:
            return []
        if node.is_map:
            items = list(node.value.values())
        elif node.is_seq and node.value and not node.value[0].is_seq:
            items = [node]
        else:
            items = list(node.value) if node.is_seq else []
        out = []
        for it in items:
            if it.is_map or (it.is_seq and it.value and it.value[0].is_seq):
                out.extend(self.triples(it))  # nested outputs ([[a, b], [c]]): flattened, as Keras
                continue
            key = history(it)
            if key is None:
                self.error(
                    it.pos,
                    "keras-config",
                    f"a model input or output must be {HISTORY}; got {describe(it)}",
                )
                continue
            out.append((*key, it.pos))
        return out

    def record_shapes(self, node: YNode) -> None:
        """Remember every tensor shape the config states (``keras_history`` -> shape)."""
        for conf in tensor_configs(node):
            key = history(conf.get("keras_history"))
            shape = conf.get("shape")
            if key is not None and shape is not None:
                self.shapes[key] = shape.plain()


def tensor_configs(node: YNode) -> Iterator[YNode]:
    """The config of every Keras 3 tensor (``__keras_tensor__``) in a config tree."""
    stack = [node]
    while stack:
        n = stack.pop()
        if n.is_map:
            cls = n.get("class_name")
            if cls is not None and cls.value == "__keras_tensor__":
                conf = n.get("config")
                if conf is not None and conf.is_map:
                    yield conf
                continue
            stack.extend(n.value.values())
        elif n.is_seq:
            stack.extend(n.value)
