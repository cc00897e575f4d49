"""Layers archcalc cannot compute, read from what the Keras file records about them.

A custom layer, a ``Lambda``, a framework bridge or a keras.ops node archcalc
does not model is *opaque*: its computation is Python code archcalc never runs.
Its row is still exact when the file says what it produced:

- its output shape: the shape the file records on each tensor a later call
  reads (Keras 3 writes it into every inbound node); else the ``build_config``
  input shape of the one call that reads it (a Sequential's next layer); else,
  for a nested model's output, what the outer model records for that output;
- its parameters: keras.ops nodes have none; a layer's come from the archive's
  ``model.weights.h5`` when asked (``--read-weights-shapes``, keras_weights.py),
  else they count as 0, and a warning says so.

Such a layer becomes a custom entry (``custom: {output_shape, params}``). When
the file records no output shape, ``summary`` refuses the model and ``convert``
writes the entry with the shape marked ``FILL_IN``: the one field to fill in.
"""

from __future__ import annotations

from typing import Any

from archcalc.catalog import CATALOG
from archcalc.diagnostics import Diagnostic, Severity
from archcalc.reader.declared import FILL_IN
from archcalc.reader.keras_tensors import TensorReader, history, mapping, scalar, tensor_configs
from archcalc.reader.ynode import YNode

#: outputs of one opaque layer looked for in the file's records
MAX_OUTPUTS = 64
#: the marker ``convert`` writes where the user must fill in a shape (declared.py reads it)

#: keras.layers classes whose computation no config holds, and why (the other classes
#: keras.layers exports are in the catalog: tests/test_keras_layers_enumerated.py)
OPAQUE = {
    "Lambda": "a Lambda layer: it holds Python code, which archcalc never runs or deserialises",
    "TorchModuleWrapper": "a TorchModuleWrapper: a PyTorch module computes it, Python code "
    "that archcalc never runs or deserialises",
    "JaxLayer": "a JaxLayer: a JAX function computes it, Python code that archcalc never runs "
    "or deserialises",
    "FlaxLayer": "a FlaxLayer: a Flax module computes it, Python code that archcalc never runs "
    "or deserialises",
    "TFSMLayer": "a TFSMLayer: a TensorFlow SavedModel computes it, which the Keras file does "
    "not hold",
    "Layer": "the keras.layers.Layer base class itself, whose call() computes nothing (a "
    "subclass's Python code would)",
    "Wrapper": "the keras.layers.Wrapper base class itself, whose call() computes nothing (a "
    "subclass's Python code would)",
}


def _is_op(layer: YNode) -> bool:
    module = layer.get("module")
    return module is not None and str(module.value or "").startswith("keras.src.ops")


class CustomWriter(TensorReader):
    """Writes an opaque layer as a custom entry, from what the file records."""

    #: ``convert``: write FILL_IN where the file records no shape, instead of refusing
    declare_unknown = False
    #: the archive's weights file, when the user asked for it (keras_weights.WeightShapes)
    weights: Any = None
    #: whether the file is a ``.keras`` archive (a to_json() file holds no weights)
    archive = False

    def opaque(
        self,
        layer: YNode,
        cls: YNode,
        name: YNode | None,
        inputs: list[YNode] | None,
        explicit: bool,
        what: str,
        save_path: str | None,
    ) -> YNode | None:
        label = str(name.value) if name is not None else str(cls.value)
        shapes = self.recorded_outputs(label)
        if not shapes or None in shapes:
            if not self.declare_unknown:
                self.error(
                    cls.pos,
                    "unknown-layer-type",
                    f"{label}: {what}, and the file does not record its output shape (no layer "
                    "of the model reads it), so archcalc cannot compute it. `archcalc convert` "
                    f"writes the model as a spec in which you fill in that shape (marked {FILL_IN})",
                )
                return None
            shapes = shapes or [None]
        outs = [
            YNode([scalar(d, cls.pos) for d in s[1:]], cls.pos, "seq")
            if s is not None
            else scalar(FILL_IN, cls.pos)
            for s in shapes
        ]
        params, frozen_params, note = self.parameters(layer, label, what, save_path, None in shapes)
        fields: dict[str, YNode] = (
            {"output_shape": outs[0]}
            if len(outs) == 1
            else {"output_shapes": YNode(outs, cls.pos, "seq")}
        )
        batches = {s[0] for s in shapes if s}
        if len(batches) == 1 and isinstance(next(iter(batches)), int):
            fields["batch_size"] = scalar(next(iter(batches)), cls.pos)  # not the input's
        fields["params"] = scalar(params, cls.pos)
        if frozen_params:
            fields["non_trainable_params"] = scalar(frozen_params, cls.pos)
        type_name = cls.value
        if _is_op(layer) and type_name in CATALOG:  # keras.ops.subtract, not the Subtract layer
            type_name = f"ops.{type_name}"
        items: dict[str, YNode] = {
            "type": scalar(type_name, cls.pos),
            "custom": mapping(cls.pos, **fields),
        }
        if name is not None:
            items = {"name": name, **items}
        if inputs is not None and (explicit or len(inputs) != 1):
            items["inputs"] = YNode(inputs, inputs[0].pos if inputs else layer.pos, "seq")
        if note:
            code = "custom-layer" if self.declare_unknown else "opaque-layer"
            self.warnings.append(
                Diagnostic.at(self.path, cls.pos, code, f"{label}: {note}", Severity.WARNING)
            )
        return YNode(items, layer.pos, "map", {k: v.pos for k, v in items.items()})

    def recorded_outputs(self, label: str) -> list[list[Any] | None]:
        """The shapes the file records for this layer's first call's outputs (None: unknown)."""
        found = [self.shapes.get((label, 0, t)) for t in range(MAX_OUTPUTS)]
        last = max((t for t, s in enumerate(found) if s is not None), default=-1)
        return found[: last + 1]

    def parameters(
        self, layer: YNode, label: str, what: str, save_path: str | None, unknown_shape: bool
    ) -> tuple[int, int, str]:
        """Parameters to write (all, non-trainable), and what the warning says (``''``: nothing).

        A frozen layer's own variables do not train; its sublayers' do (Keras freezes the
        variables a layer built with ``trainable=False`` creates itself, not its sublayers').
        """
        shape_todo = [f"its output shape (marked {FILL_IN})"] if unknown_shape else []
        if _is_op(layer):  # keras.ops nodes create no variables: exact as it is
            if not shape_todo:
                return 0, 0, ""
            return 0, 0, f"{what}; written as a custom layer: fill in {shape_todo[0]}"
        split = None
        if self.weights is not None and save_path is not None:
            split = self.weights.count(save_path)
        own, below = split if split is not None else (0, 0)
        count, frozen = own + below, own if self._frozen(layer) else 0
        if self.declare_unknown:
            if split is None:
                todo = [*shape_todo, "its parameter count"]
                known = "" if shape_todo else "its output shape from the model and "
                head = f"{what}; written as a custom layer with {known}params: 0"
            else:
                todo = shape_todo
                head = (
                    f"{what}; written as a custom layer with its {count:,} parameters from "
                    "model.weights.h5"
                )
            return count, frozen, head + (f" — fill in {' and '.join(todo)}" if todo else "")
        if split is not None:
            source = (
                f"its {count:,} parameters from model.weights.h5 (counted trainable, but for its "
                "own variables when it is frozen: the file records shapes, not which variables "
                "train)"
            )
        elif self.weights is not None:
            source = "finds no variables for it in model.weights.h5 (0 parameters)"
        elif self.archive:
            source = (
                "counts its parameters as 0, which they may not be: --read-weights-shapes counts "
                "them from the archive's model.weights.h5 (needs h5py: the extra archcalc[h5])"
            )
        else:
            source = (
                "counts its parameters as 0, which they may not be: a model.to_json() file holds "
                "no weights (its .keras archive does: --read-weights-shapes), or declare them in "
                "the spec `archcalc convert` writes"
            )
        return count, frozen, f"{what}: archcalc reads its output shape from the file and {source}"

    @staticmethod
    def _frozen(layer: YNode) -> bool:
        cfg = layer.get("config")
        flag = cfg.get("trainable") if cfg is not None and cfg.is_map else None
        return flag is not None and flag.value is False

    # -- where a tensor's shape is not on the tensor ------------------------------------
    def record_build_shapes(self, layers: YNode) -> None:
        """A tensor read by exactly one call that records no shape on it (tf.keras): the
        ``build_config`` input shape of that call's layer."""
        for layer in layers.value:
            if not layer.is_map:
                continue
            nodes, build = layer.get("inbound_nodes"), layer.get("build_config")
            shape = build.get("input_shape") if build is not None and build.is_map else None
            if nodes is None or not nodes.is_seq or len(nodes.value) != 1 or not _flat(shape):
                continue
            assert shape is not None
            refs = _plain_refs(nodes.value[0])
            if len(refs) == 1 and refs[0] not in self.shapes:
                self.shapes[refs[0]] = shape.plain()

    def record_nested_outputs(self, outer_name: str, cfg: YNode, sequential: bool) -> None:
        """A nested model's outputs: the shapes the outer model records for them."""
        if sequential:
            layers = cfg.get("layers")
            last = (
                layers.value[-1] if layers is not None and layers.is_seq and layers.value else None
            )
            lcfg = last.get("config") if last is not None and last.is_map else None
            name = lcfg.get("name") if lcfg is not None and lcfg.is_map else None
            targets = [(str(name.value), 0, 0)] if name is not None else []
        else:
            targets = []
            stack = [cfg.get("output_layers")]
            while stack:
                node = stack.pop(0)
                key = history(node)
                if key is not None:
                    targets.append(key)
                elif node is not None and node.is_seq:
                    stack[:0] = list(node.value)
        for t, key in enumerate(targets):
            outer = self.shapes.get((outer_name, 0, t))
            if outer is not None and key not in self.shapes:
                self.shapes[key] = outer


def _flat(shape: YNode | None) -> bool:
    return (
        shape is not None
        and shape.is_seq
        and all(not v.is_seq and not v.is_map for v in shape.value)
    )


def _plain_refs(call: YNode) -> list[tuple[str, int, int]]:
    """The tensors one inbound node reads, without reporting what is malformed."""
    if call.is_seq:  # Keras 2: [["layer", node, tensor, {kwargs}], ...]
        return [key for item in call.value if (key := history(item)) is not None]
    keys = (history(conf.get("keras_history")) for conf in tensor_configs(call))
    return [key for key in keys if key is not None]
