"""Keras model files -> the spec tree, then the ordinary loader.

Reads what ``model.save()`` writes (a ``.keras`` zip: only ``config.json`` is
opened — never the weights, never code) and what ``model.to_json()`` writes,
in both the Keras 3 and the Keras 2 (tf.keras) layouts, Sequential and
Functional, nested models included. The Keras config is translated into the
same YNode tree a YAML spec parses to — positions kept, so errors point into
the JSON — and then loaded by :mod:`archcalc.reader.loader`, so there is one
loader and ``archcalc convert`` only has to print that tree.

Security: a ``Lambda`` layer's marshalled bytecode and custom objects are
never deserialised; they are reported as layers archcalc does not know.
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Any

from archcalc.catalog import CATALOG
from archcalc.diagnostics import ArchcalcError, Diagnostic, Pos, Severity
from archcalc.reader.keras_archive import read_keras_text
from archcalc.reader.keras_custom import CustomWriter
from archcalc.reader.keras_ops import OpNodes, is_op_node
from archcalc.reader.keras_tensors import describe, mapping, scalar
from archcalc.reader.loader import load_tree
from archcalc.reader.yamlnodes import Limits, YNode, parse_json
from archcalc.textsafe import quote

MODEL_CLASSES = ("Functional", "Model", "Sequential")
# Config keys Keras writes that are not constructor arguments of the layer.
_SKIP_KEYS = ("name", "trainable", "batch_input_shape", "build_input_shape")


def _with_masks(entry: YNode, masks: list[YNode], pos: Pos) -> YNode:
    """A layer entry with ``mask:`` added when Keras passed the call mask tensors."""
    if not masks:
        return entry
    items = {**entry.value, "mask": YNode(masks, pos, "seq")}
    return YNode(items, entry.pos, "map", {**entry.keys, "mask": pos})


def _inner_trainable(node: YNode | None) -> bool:
    """Whether a serialised layer (or any in a list of them) says ``trainable: true``."""
    if node is None:
        return False
    if node.is_seq:
        return any(_inner_trainable(item) for item in node.value)
    cfg = node.get("config") if node.is_map else None
    flag = cfg.get("trainable") if cfg is not None and cfg.is_map else None
    return flag is not None and flag.value is True


#: Config keys that hold the layers whose weights a wrapper or nested model owns.
_INNER_KEYS = ("layer", "backward_layer", "layers")


class _Translator(CustomWriter, OpNodes):
    def __init__(self, path: str, declare_unknown: bool = False) -> None:
        super().__init__(path)
        self.declare_unknown = declare_unknown

    def unsupported(self, layer: YNode, cls: YNode) -> str:
        """Why this entry is not a layer archcalc computes ('' when it is)."""
        if not isinstance(cls.value, str):
            return f"a class_name that is not a string ({describe(cls)})"
        if cls.value == "Lambda":
            return "a Lambda layer: it holds Python code, which archcalc never runs or deserialises"
        if cls.value not in CATALOG:
            return f"the layer class {quote(cls.value)}, which archcalc does not know (a custom layer?)"
        return ""

    # -- values -------------------------------------------------------------
    def value(self, node: YNode) -> YNode:
        """Config values; a serialised layer (Bidirectional's ``layer``) becomes a layer mapping."""
        if node.kind == "map":
            cls = node.get("class_name")
            cfg = node.get("config")
            module = node.get("module")
            is_layer = (
                cls is not None
                and cfg is not None
                and cfg.is_map
                and isinstance(cls.value, str)
                and (
                    module is None
                    or str(module.value).startswith(("keras.layers", "keras.src.layers"))
                )
                and cls.value in CATALOG
            )
            if is_layer:
                assert cls is not None and cfg is not None
                return self.layer_mapping(cls, cfg, node.pos)
            return YNode(
                {k: self.value(v) for k, v in node.value.items()}, node.pos, "map", dict(node.keys)
            )
        if node.kind == "seq":
            return YNode([self.value(v) for v in node.value], node.pos, "seq")
        return node

    def frozen(self, cls: str, cfg: YNode, label: str) -> bool:
        """Whether Keras, loading this file, keeps a layer's ``trainable: false``.

        Keras counts a weight as trainable by the flag of the layer that made it:
        a wrapper or nested model is frozen only as far as its inner layers are,
        and kinds whose ``trainable_lost_on_load`` says so are never frozen by their config.
        Where the flag is lost, the counts follow Keras and a warning says so.
        """
        flag = cfg.get("trainable")
        if flag is None or flag.value is not False:
            return False
        kind = CATALOG.get(cls)
        if kind is not None and kind.trainable_lost_on_load:
            why = "its weights live in sublayers the flag does not reach"
        elif any(_inner_trainable(cfg.get(key)) for key in _INNER_KEYS):
            why = "its inner layers' own configs say trainable: true"
        else:
            return True
        self.warnings.append(
            Diagnostic.at(
                self.path,
                flag.pos,
                "trainable-lost",
                f"{label}Keras 3 does not apply this trainable: false when it loads the file "
                f"({cls}: {why}), so its weights count as trainable, as in Keras; "
                "to freeze it, set layer.trainable = False after loading",
                Severity.WARNING,
            )
        )
        return False

    def layer_mapping(self, cls: YNode, cfg: YNode, pos: Pos) -> YNode:
        items: dict[str, YNode] = {"type": cls}
        for key, v in cfg.value.items():
            if key in ("batch_input_shape", "build_input_shape"):
                continue
            if key == "trainable" and not self.frozen(str(cls.value), cfg, ""):
                continue
            items[key] = self.value(v)
        return YNode(items, pos, "map", {k: v.pos for k, v in items.items()})

    # -- tensors --------------------------------------------------------------
    # -- models -----------------------------------------------------------------
    def model(self, root: YNode, nested: bool = False) -> YNode | None:
        cls = root.get("class_name")
        cfg = root.get("config")
        if cls is None or cfg is None or not cfg.is_map:
            self.error(
                root.pos,
                "keras-config",
                "not a Keras model config: expected 'class_name' and 'config'",
            )
            return None
        if cls.value not in MODEL_CLASSES:
            self.error(
                cls.pos,
                "keras-config",
                f"the file describes a {quote(cls.value)}, not a model (Sequential or Functional)",
            )
            return None
        layers = cfg.get("layers")
        if layers is None or not layers.is_seq:
            self.error(cfg.pos, "keras-config", "the model config has no 'layers' list")
            return None
        if cls.value == "Sequential":
            return self.sequential(cfg, layers, nested)
        return self.functional(cfg, layers)

    def input_node(self, cfg: YNode) -> YNode:
        shape = cfg.get("batch_shape") or cfg.get("batch_input_shape")
        if shape is None or not shape.is_seq or not shape.value:
            self.error(cfg.pos, "keras-config", "an InputLayer without batch_shape")
            return mapping(cfg.pos, shape=YNode([], cfg.pos, "seq"))
        items = {"shape": YNode(shape.value[1:], shape.pos, "seq")}
        if shape.value[0].value is not None:
            items["batch_size"] = shape.value[0]
        dtype = cfg.get("dtype")
        if dtype is not None and isinstance(dtype.value, str):
            items["dtype"] = dtype
        return mapping(cfg.pos, **items)

    def entry(self, layer: YNode, inputs: list[YNode] | None, explicit: bool) -> YNode | None:
        cls = layer.get("class_name")
        cfg = layer.get("config")
        if cls is None or cfg is None or not cfg.is_map:
            self.error(layer.pos, "keras-config", "a layer entry without class_name and config")
            return None
        name = cfg.get("name") or layer.get("name")
        label = f"{name.value}: " if name is not None else ""
        if cls.value in MODEL_CLASSES:
            sub = self.model(layer, nested=True)
            if sub is None:
                return None
            items: dict[str, YNode] = {
                "type": scalar("Sequential" if cls.value == "Sequential" else "Functional", cls.pos)
            }
            items["model"] = sub
        elif self.unsupported(layer, cls):
            what = self.unsupported(layer, cls)
            if self.declare_unknown:
                return self.declared(layer, cls, name, inputs, explicit, what)
            self.error(
                cls.pos,
                "unknown-layer-type",
                f"{label}{what}. `archcalc convert` writes it as a custom layer (its output shape "
                "taken from the model) whose parameter count you fill in (`archcalc docs keras-files`)",
            )
            return None
        else:
            items = {"type": cls}
            for key, v in cfg.value.items():
                if key not in _SKIP_KEYS:
                    items[key] = self.value(v)
        if name is not None:
            items = {"name": name, **items}
        if self.frozen(str(cls.value), cfg, label):
            items["trainable"] = cfg.value["trainable"]
        if inputs is not None and (explicit or len(inputs) != 1):
            items["inputs"] = YNode(inputs, inputs[0].pos if inputs else layer.pos, "seq")
        return YNode(items, layer.pos, "map", {k: v.pos for k, v in items.items()})

    def sequential(self, cfg: YNode, layers: YNode, nested: bool) -> YNode:
        # A layer's output shape is the next layer's build input shape.
        for layer, after in zip(layers.value, layers.value[1:], strict=False):
            build = after.get("build_config")
            shape = build.get("input_shape") if build is not None else None
            lcfg = layer.get("config")
            name = lcfg.get("name") if lcfg is not None else None
            if shape is not None and shape.is_seq and name is not None:
                self.shapes[(str(name.value), 0, 0)] = shape.plain()
        spec: dict[str, YNode] = {}
        entries = []
        for layer in layers.value:
            cls = layer.get("class_name")
            lcfg = layer.get("config")
            if cls is not None and cls.value == "InputLayer" and lcfg is not None:
                name = lcfg.get("name") if lcfg.is_map else None
                if name is None or not isinstance(name.value, str) or not name.value:
                    self.error(
                        lcfg.pos,
                        "keras-config",
                        "an InputLayer's config must be a mapping with a 'name' string",
                    )
                elif not entries and "inputs" not in spec:
                    spec["inputs"] = mapping(layer.pos, **{name.value: self.input_node(lcfg)})
                continue
            if (
                not entries
                and "inputs" not in spec
                and lcfg is not None
                and lcfg.get("batch_input_shape")
            ):
                spec["inputs"] = mapping(layer.pos, input_layer=self.input_node(lcfg))  # Keras 2
            e = self.entry(layer, None, False)
            if e is not None:
                entries.append(e)
        if "inputs" not in spec:
            build = cfg.get("build_input_shape")
            if build is not None and build.is_seq and build.value:
                spec["inputs"] = mapping(
                    build.pos, input_layer=self.input_node(mapping(build.pos, batch_shape=build))
                )
            elif not nested:
                self.error(
                    cfg.pos,
                    "keras-config",
                    "the Sequential model has no input shape (it was never built)",
                )
        spec["layers"] = YNode(entries, layers.pos, "seq")
        return YNode(spec, cfg.pos, "map", {k: v.pos for k, v in spec.items()})

    def functional(self, cfg: YNode, layers: YNode) -> YNode:
        self.record_shapes(layers)
        inputs: dict[str, YNode] = {}
        entries: list[YNode] = []
        input_order = [t[0] for t in self.triples(cfg.get("input_layers"))]
        input_nodes: dict[str, YNode] = {}
        for layer in layers.value:
            cls = layer.get("class_name")
            lcfg = layer.get("config")
            if cls is not None and cls.value == "InputLayer" and lcfg is not None:
                name = lcfg.get("name") or layer.get("name")
                if name is not None:
                    input_nodes[str(name.value)] = self.input_node(lcfg)
                continue
            nodes = layer.get("inbound_nodes")
            calls = list(nodes.value) if nodes is not None and nodes.is_seq else []
            if not calls:
                continue  # not called inside this model
            if is_op_node(layer) and cls is not None:
                op = self.op_entry(layer, cls, calls)
                if op is not None:
                    entries.append(op)
                continue
            masks: list[YNode] = []
            first = self.entry(layer, self.inbound(calls[0], masks), True)
            if first is None:
                continue
            entries.append(_with_masks(first, masks, calls[0].pos))
            name = str(first.value["name"].value) if "name" in first.value else ""
            for k, call in enumerate(calls[1:], start=1):
                masks = []
                refs = self.inbound(call, masks)
                share = {
                    "name": scalar(f"{name}:{k}", call.pos),
                    "share": scalar(name, call.pos),
                    "inputs": YNode(refs, call.pos, "seq"),
                }
                share_node = YNode(share, call.pos, "map", {key: call.pos for key in share})
                entries.append(_with_masks(share_node, masks, call.pos))
        for name in input_order + [n for n in input_nodes if n not in input_order]:
            if name in input_nodes:
                inputs[name] = input_nodes[name]
        # Keras 3 numbers a nested Functional model's calls from 1 in output_layers (its
        # construction is node 0) but from 0 in inbound_nodes: see Functional.get_config.
        nested = {
            str(lc.value.get("name", scalar("", layer.pos)).value)
            for layer in layers.value
            if (c := layer.get("class_name")) is not None
            and c.value == "Functional"
            and (lc := layer.get("config")) is not None
            and lc.is_map
        }
        outputs = [
            scalar(self.ref(n, i - 1 if n in nested and i > 0 else i, t), pos)
            for n, i, t, pos in self.triples(cfg.get("output_layers"))
        ]
        spec: dict[str, YNode] = {
            "inputs": YNode(inputs, cfg.pos, "map", {k: v.pos for k, v in inputs.items()})
        }
        spec["layers"] = YNode(entries, layers.pos, "seq")
        if outputs:
            spec["outputs"] = YNode(outputs, outputs[0].pos, "seq")
        return YNode(spec, cfg.pos, "map", {k: v.pos for k, v in spec.items()})


def keras_tree(
    path: str, limits: Limits | None = None, declare_unknown: bool = False
) -> tuple[YNode, str, str, list[Diagnostic]]:
    """The spec tree for a Keras file, its model name, the path positions refer to, and warnings.

    ``declare_unknown`` (for ``convert``) writes layers archcalc does not know as custom
    layers with their output shapes from the model, instead of refusing them.
    """
    limits = limits or Limits.from_env()
    text, where = read_keras_text(path, limits)
    tree, name, warnings = translate(parse_json(text, where, limits), where, declare_unknown)
    return tree, name, where, warnings


def translate(
    root: YNode | None, where: str, declare_unknown: bool = False
) -> tuple[YNode, str, list[Diagnostic]]:
    """A parsed Keras model config as a spec tree, its model name, and warnings."""
    if root is None or not root.is_map:
        raise ArchcalcError(
            Diagnostic.at(where, Pos(1, 1), "keras-config", "the file is not a JSON object")
        )
    tr = _Translator(where, declare_unknown)
    tree = tr.model(root)
    if tr.diags or tree is None:
        raise ArchcalcError(
            tr.diags or [Diagnostic.at(where, root.pos, "keras-config", "not a Keras model")]
        )
    cfg = root.get("config")
    name_node = cfg.get("name") if cfg is not None else None
    name = str(name_node.value) if name_node is not None and name_node.value else ""
    return tree, name, tr.warnings


def load_keras_file(path: str, limits: Limits | None = None, declare_unknown: bool = False) -> Any:
    """A Spec from a ``.keras`` archive (or a ``model.to_json()`` file named by path)."""
    tree, name, where, warnings = keras_tree(path, limits, declare_unknown)
    spec = load_tree(tree, where, name or os.path.splitext(os.path.basename(path))[0], lenient=True)
    return replace(spec, warnings=(*warnings, *spec.warnings)) if warnings else spec
