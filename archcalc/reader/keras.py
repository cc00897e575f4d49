"""Keras model files -> the spec tree, then the ordinary loader.

Reads what ``model.save()`` writes (a ``.keras`` zip: ``config.json`` and the
vocabulary assets, the weights only on request, never code) and what
``model.to_json()`` writes,
in both the Keras 3 and the Keras 2 (tf.keras) layouts, Sequential and
Functional, nested models included. The Keras config is translated into the
same YNode tree a YAML spec parses to — positions kept, so errors point into
the JSON — and then loaded by :mod:`archcalc.reader.loader`, so there is one
loader and ``archcalc convert`` only has to print that tree.

Security: a ``Lambda`` layer's marshalled bytecode and custom objects are
never deserialised; they are opaque layers, read from what the file records
about them (keras_custom.py).
"""

from __future__ import annotations

from archcalc.catalog import CATALOG
from archcalc.catalog.ops_base import OpKind
from archcalc.diagnostics import Diagnostic, Pos, Severity
from archcalc.reader.keras_assets import save_keys, with_vocabulary
from archcalc.reader.keras_custom import OPAQUE, CustomWriter
from archcalc.reader.keras_ops import OpNodes, is_op_node
from archcalc.reader.keras_subclass import is_subclass, model_base, subclass_note
from archcalc.reader.keras_tensors import describe, mapping, scalar
from archcalc.reader.ynode import YNode
from archcalc.textsafe import quote

# Config keys Keras writes that are not constructor arguments of the layer.
_SKIP_KEYS = ("name", "trainable", "batch_input_shape", "build_input_shape")


def _with_refs(entry: YNode, pos: Pos, **refs: list[YNode]) -> YNode:
    """A layer entry with ``initial_state:`` / ``mask:`` added where Keras passed the call
    such tensors."""
    items, keys = dict(entry.value), dict(entry.keys)
    for key, found in refs.items():
        if found:
            items[key], keys[key] = YNode(found, pos, "seq"), pos
    return YNode(items, entry.pos, "map", keys) if len(items) > len(entry.value) else entry


def _keras2_states(layer: YNode, call: YNode, refs: list[YNode], states: list[YNode]) -> None:
    """tf.keras records a recurrent call's initial states as further inputs ([x, h, c])."""
    cls = layer.get("class_name")
    kind = CATALOG.get(cls.value) if cls is not None and isinstance(cls.value, str) else None
    if call.is_seq and kind is not None and kind.takes_initial_state and len(refs) > 1:
        states.extend(refs[1:])
        del refs[1:]


def _with_call_args(entry: YNode, call: YNode, cls: YNode | None) -> YNode:
    """A layer entry with ``kwargs:`` when Keras recorded call arguments its kind models
    (ReversibleEmbedding's ``reverse``) in the inbound node's kwargs."""
    kind = CATALOG.get(str(cls.value)) if cls is not None and isinstance(cls.value, str) else None
    kwargs = call.get("kwargs") if call.is_map else None
    if kind is None or not kind.CALL_ARGS or kwargs is None or not kwargs.is_map:
        return entry
    wanted = {a.name for a in kind.CALL_ARGS}
    found = {k: v for k, v in kwargs.value.items() if k in wanted and not v.is_map}
    if not found:
        return entry
    items = {
        **entry.value,
        "kwargs": YNode(found, kwargs.pos, "map", {k: v.pos for k, v in found.items()}),
    }
    return YNode(items, entry.pos, "map", {**entry.keys, "kwargs": kwargs.pos})


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
_INNER_KEYS = ("layer", "backward_layer", "layers", "cell", "cells")


#: the packages whose classes a Keras file's ``module`` may name for a built-in layer
HUB_PACKAGES = ("keras_hub", "keras_nlp")
KERAS_PACKAGES = ("keras", "tf_keras", *HUB_PACKAGES)


class Translator(CustomWriter, OpNodes):
    def __init__(self, path: str, declare_unknown: bool = False) -> None:
        super().__init__(path)
        self.declare_unknown = declare_unknown
        #: the save path of the model being read (keras_assets): '' at the top
        self.scope = ""
        #: save path -> vocabulary asset lines (a .keras archive's lookup layers)
        self.vocabularies: dict[str, int] = {}

    def unsupported(self, layer: YNode, cls: YNode) -> str:
        """Why this entry is not a layer archcalc computes ('' when it is)."""
        if not isinstance(cls.value, str):
            return f"a class_name that is not a string ({describe(cls)})"
        if cls.value in OPAQUE:
            return OPAQUE[cls.value]
        unknown = (
            f"the layer class {quote(cls.value)}, which archcalc does not know (a custom layer?)"
        )
        if cls.value not in CATALOG or isinstance(CATALOG[cls.value], OpKind):
            # an op class's name on a layer entry: a custom layer named like a keras.ops class
            return unknown
        module = layer.get("module")
        package = str(module.value).split(".")[0] if module is not None else None
        if package is not None and package not in KERAS_PACKAGES:
            return unknown  # the user's own class, named like a Keras one
        if CATALOG[cls.value].keras_module.startswith("keras_hub") and package not in (
            None,
            *HUB_PACKAGES,
        ):
            return unknown
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
        base = model_base(cls, cfg)
        if base is None:
            self.error(
                cls.pos,
                "keras-config",
                f"the file describes a {quote(cls.value)}, not a model (Sequential or Functional, "
                "or a subclass of one whose config holds its layers)",
            )
            return None
        if is_subclass(cls):
            name = cfg.get("name")
            label = f"{name.value}: " if nested and name is not None else ""
            self.warnings.append(subclass_note(self.path, cls, root, base, label))
        layers = cfg.get("layers")
        if layers is None or not layers.is_seq:
            self.error(cfg.pos, "keras-config", "the model config has no 'layers' list")
            return None
        if base == "Sequential":
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

    def entry(
        self, layer: YNode, inputs: list[YNode] | None, explicit: bool, key: str | None = None
    ) -> YNode | None:
        """One layer's entry; ``key`` names it among its model's saved layers (keras_assets)."""
        cls = layer.get("class_name")
        cfg = layer.get("config")
        if cls is None or cfg is None or not cfg.is_map:
            self.error(layer.pos, "keras-config", "a layer entry without class_name and config")
            return None
        name = cfg.get("name") or layer.get("name")
        label = f"{name.value}: " if name is not None else ""
        path = f"{self.scope}layers/{key}" if key is not None else None
        if path is not None and path in self.vocabularies:
            cfg, problem = with_vocabulary(cfg, self.vocabularies[path], path, self.path, label)
            if problem is not None:
                self.diags.append(problem)
        base = model_base(cls, cfg)
        if base is not None:
            if name is not None:
                self.record_nested_outputs(str(name.value), cfg, base == "Sequential")
            outer, self.scope = self.scope, f"{path}/" if path is not None else self.scope
            sub = self.model(layer, nested=True)
            self.scope = outer
            if sub is None:
                return None
            items: dict[str, YNode] = {"type": scalar(base, cls.pos)}
            if is_subclass(cls):
                items["subclass"] = cls
            items["model"] = sub
        elif what := self.unsupported(layer, cls):
            return self.opaque(layer, cls, name, inputs, explicit, what, path)
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
        keys = save_keys(layers.value, sequential=True)
        for layer, key in zip(layers.value, keys, strict=True):
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
            e = self.entry(layer, None, False, key)
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

    def calls_of(
        self, layer: YNode, cls: YNode | None, calls: list[YNode], key: str
    ) -> list[YNode]:
        """A layer's entry for its first call, then a ``share:`` entry for each later call."""
        masks: list[YNode] = []
        states: list[YNode] = []
        refs = self.inbound(calls[0], masks, states)
        _keras2_states(layer, calls[0], refs, states)
        first = self.entry(layer, refs, True, key)
        if first is None:
            return []
        out = [
            _with_call_args(
                _with_refs(first, calls[0].pos, initial_state=states, mask=masks), calls[0], cls
            )
        ]
        name = str(first.value["name"].value) if "name" in first.value else ""
        for k, call in enumerate(calls[1:], start=1):
            masks, states = [], []
            refs = self.inbound(call, masks, states)
            _keras2_states(layer, call, refs, states)
            share = {
                "name": scalar(f"{name}:{k}", call.pos),
                "share": scalar(name, call.pos),
                "inputs": YNode(refs, call.pos, "seq"),
            }
            share_node = YNode(share, call.pos, "map", {key: call.pos for key in share})
            out.append(
                _with_call_args(
                    _with_refs(share_node, call.pos, initial_state=states, mask=masks), call, cls
                )
            )
        return out

    def functional(self, cfg: YNode, layers: YNode) -> YNode:
        self.record_shapes(layers)
        self.record_build_shapes(layers)
        inputs: dict[str, YNode] = {}
        entries: list[YNode] = []
        input_order = [t[0] for t in self.triples(cfg.get("input_layers"))]
        input_nodes: dict[str, YNode] = {}
        keys = save_keys(layers.value, sequential=False)
        for layer, key in zip(layers.value, keys, strict=True):
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
            entries.extend(self.calls_of(layer, cls, calls, key))
        for name in input_order + [n for n in input_nodes if n not in input_order]:
            if name in input_nodes:
                inputs[name] = input_nodes[name]
        # Keras 3 numbers a nested Functional model's calls from 1 in output_layers (its
        # construction is node 0) but from 0 in inbound_nodes: see Functional.get_config.
        nested = {
            str(lc.value.get("name", scalar("", layer.pos)).value)
            for layer in layers.value
            if (c := layer.get("class_name")) is not None
            and (lc := layer.get("config")) is not None
            and lc.is_map
            and model_base(c, lc) == "Functional"
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
