"""YAML spec -> :class:`Spec`, with every problem reported at its file position.

The format (documented in ``docs/spec-format.md``)::

    name: seed_functional        # optional; default: the file's stem
    inputs:                      # name -> shape without batch (null = unknown)
      input_data: [28, 28, 1]
    layers:                      # each reads the previous entry unless it says `inputs`
      - {name: conv1, type: Conv2D, filters: 32, kernel_size: 5, inputs: input_data}
      - {name: again, share: conv1, inputs: other}   # a second call of conv1
    outputs: [output]            # optional; default: the last entry

Problems are collected (not just the first) and raised together as one
:class:`ArchcalcError`.
"""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from archcalc.catalog import CANONICAL, CATALOG
from archcalc.catalog.args import BOOL, ArgError
from archcalc.catalog.dtypes import DTYPE_BYTES
from archcalc.catalog.models import NestedModel
from archcalc.catalog.naming import AutoNamer
from archcalc.catalog.nested import NESTED_KEYS
from archcalc.diagnostics import ArchcalcError, Diagnostic, Pos, Severity, did_you_mean
from archcalc.reader.yamlnodes import Limits, YNode, parse_yaml, read_text
from archcalc.shapes import Shape
from archcalc.spec import CallSpec, InputSpec, Spec, TensorRef
from archcalc.textsafe import quote

TOP_KEYS = ("name", "description", "inputs", "layers", "outputs")
ENTRY_KEYS = ("name", "type", "share", "inputs", "mask", "trainable", "input_shape", "input_dim")
SHARE_KEYS = ("name", "share", "inputs", "mask")
_REF = re.compile(r"^(?P<name>.+?)\[(?P<index>\d+)\]$")


def _show_dim(value: Any) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return _kind_of(value)


def _kind_of(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    return f"the string {quote(value)}"


class _Loader:
    """One pass over a spec's YNode tree; ``lenient`` (Keras imports) turns unknown
    arguments into warnings instead of errors, since Keras versions add config keys."""

    def __init__(self, path: str, lenient: bool = False) -> None:
        self.path = path
        self.lenient = lenient
        self.diags: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []

    def error(self, pos: Pos, code: str, message: str) -> None:
        self.diags.append(Diagnostic.at(self.path, pos, code, message))

    # -- pieces ---------------------------------------------------------------
    def shape(self, node: YNode, what: str) -> Shape | None:
        if not node.is_seq:
            self.error(
                node.pos,
                "invalid-shape",
                f"{what}: a shape is a list of sizes without the batch dimension, "
                f"e.g. [28, 28, 1]; got {_kind_of(node.plain())}",
            )
            return None
        dims: list[int | None] = []
        for item in node.value:
            v = item.value
            if v is None:
                dims.append(None)
            elif isinstance(v, int) and not isinstance(v, bool) and v > 0:
                dims.append(v)
            else:
                why = (
                    "sizes must be positive"
                    if isinstance(v, int) and not isinstance(v, bool)
                    else ""
                )
                self.error(
                    item.pos,
                    "invalid-shape",
                    f"{what}: dimension {_show_dim(item.plain())} is not a size; "
                    f"use a positive integer, or null for an unknown size{' (' + why + ')' if why else ''}",
                )
                return None
        return tuple(dims)

    def refs(self, node: YNode, what: str) -> tuple[TensorRef, ...] | None:
        items = node.value if node.is_seq else [node]
        out = []
        for item in items:
            if item.kind != "scalar" or not isinstance(item.value, str) or not item.value:
                self.error(
                    item.pos,
                    "invalid-reference",
                    f"{what} must be a layer or input name, or a list of names; got {_kind_of(item.plain())}",
                )
                return None
            out.append(parse_ref(item.value, item.pos))
        if not out:
            self.error(
                node.pos,
                "invalid-reference",
                f"{what} is an empty list; name at least one layer or input",
            )
            return None
        return tuple(out)

    def inputs(self, node: YNode) -> list[InputSpec]:
        if not node.is_map or not node.value:
            self.error(
                node.pos,
                "invalid-inputs",
                "inputs must be a mapping of input name to shape, e.g. inputs: {image: [28, 28, 1]}; "
                f"got {_kind_of(node.plain())}",
            )
            return []
        out = []
        for name, value in node.value.items():
            batch: int | None = None
            dtype = "float32"
            shape_node = value
            if value.is_map:
                unknown = [k for k in value.value if k not in ("shape", "batch_size", "dtype")]
                for k in unknown:
                    self.error(
                        value.key_pos(k),
                        "unknown-key",
                        f"input {quote(name)} has no key {quote(k)}"
                        f"{did_you_mean(k, ['shape', 'batch_size', 'dtype'])}; use shape, batch_size or dtype",
                    )
                shape_node = value.get("shape")
                if shape_node is None:
                    self.error(
                        value.pos,
                        "invalid-shape",
                        f"input '{name}' needs a shape, e.g. shape: [28, 28, 1]",
                    )
                    continue
                b = value.get("batch_size")
                if b is not None and b.value is not None:
                    if not isinstance(b.value, int) or isinstance(b.value, bool) or b.value <= 0:
                        self.error(
                            b.pos,
                            "invalid-value",
                            f"input '{name}': batch_size must be a positive integer",
                        )
                    else:
                        batch = b.value
                d = value.get("dtype")
                if d is not None:
                    known = (*DTYPE_BYTES, "string")
                    if not isinstance(d.value, str) or d.value not in known:
                        hint = did_you_mean(str(d.value), known) if isinstance(d.value, str) else ""
                        self.error(
                            d.pos,
                            "invalid-value",
                            f"input '{name}': dtype must be a Keras dtype such as 'float32', 'int32' "
                            f"or 'string'; got {_kind_of(d.plain())}{hint}",
                        )
                    else:
                        dtype = d.value
            shape = self.shape(shape_node, f"input '{name}'")
            if shape is not None:
                out.append(InputSpec(name, (batch, *shape), node.key_pos(name), dtype))
        return out

    # -- entries --------------------------------------------------------------
    def entry(
        self, node: YNode, index: int, namer: AutoNamer, defined: dict[str, CallSpec], first: bool
    ) -> tuple[CallSpec, Shape | None] | None:
        got = self.call_entry(node, index, namer, defined, first)
        mask_node = node.get("mask") if got is not None and node.is_map else None
        if got is None or mask_node is None:
            return got
        masks = self.refs(mask_node, "mask")
        if masks is None:
            return None
        spec, input_shape = got
        return replace_field(spec, "masks", masks), input_shape

    def call_entry(
        self, node: YNode, index: int, namer: AutoNamer, defined: dict[str, CallSpec], first: bool
    ) -> tuple[CallSpec, Shape | None] | None:
        if not node.is_map:
            self.error(
                node.pos,
                "invalid-layer",
                f"layer {index + 1} must be a mapping such as {{type: Dense, units: 8}}; got {_kind_of(node.plain())}",
            )
            return None
        name_node = node.get("name")
        name = None
        if name_node is not None:
            if not isinstance(name_node.value, str) or not name_node.value:
                self.error(
                    name_node.pos,
                    "invalid-name",
                    f"a layer name must be a non-empty string; got {_kind_of(name_node.plain())}",
                )
                return None
            name = name_node.value
            if "/" in name:
                self.error(
                    name_node.pos,
                    "invalid-name",
                    f"layer name {quote(name)} contains '/', which Keras refuses in names",
                )
                return None
        inputs = None
        inputs_node = node.get("inputs")
        if inputs_node is not None:
            inputs = self.refs(inputs_node, "inputs")
            if inputs is None:
                return None
        if node.get("share") is not None:
            return self.share_entry(node, name, inputs, defined, namer)
        type_node = node.get("type")
        if type_node is None:
            self.error(
                node.pos,
                "missing-type",
                f"layer {index + 1}{' ' + repr(name) if name else ''} has no 'type' "
                "(a Keras layer class such as Dense or Conv2D, or 'share: LAYER' to reuse one)",
            )
            return None
        type_name = type_node.value
        if not isinstance(type_name, str):
            self.error(
                type_node.pos,
                "unknown-layer-type",
                f"type must be a Keras layer class name such as Dense or Conv2D; got {_kind_of(type_node.plain())}",
            )
            return None
        custom_node = node.get("custom")
        if isinstance(type_name, str) and custom_node is not None:
            return self.custom_entry(node, type_node, custom_node, name, inputs, namer, index)
        if (
            not isinstance(type_name, str)
            or type_name not in CATALOG
            or type_name in ("InputLayer", "Custom")
        ):
            hint = did_you_mean(
                str(type_name), [t for t in CATALOG if t not in ("InputLayer", "Custom")]
            )
            extra = (
                "; inputs are declared under 'inputs:' at the top"
                if type_name == "InputLayer"
                else "; a custom layer keeps its own class name as type and adds custom: "
                "{output_shape: [...], params: N}"
                if type_name == "Custom"
                else (
                    "; if it is a custom layer, declare what it produces, e.g. "
                    "custom: {output_shape: [10, 64], params: 1234}"
                    if not hint
                    else ""
                )
            )
            self.error(
                type_node.pos,
                "unknown-layer-type",
                f"unknown layer type {quote(type_name)}{hint}{extra}; `archcalc layers` lists the known types",
            )
            return None
        canonical = CANONICAL[type_name]
        kind = CATALOG[canonical]
        nested = isinstance(kind, NestedModel)
        # Embedding's input_dim is its own argument, not Keras 2's input_dim= shorthand
        entry_keys = _entry_keys(kind.args)
        given = {
            k: v.plain()
            for k, v in node.value.items()
            if k not in entry_keys and not (nested and k == "model")
        }
        arg_pos = {k: node.value[k].pos for k in node.value if k not in entry_keys}
        args = dict(given)
        if nested:
            sub = self.nested_model(node, canonical, name, index, namer)
            if sub is None:
                return None
            args["model"] = sub
        if self.lenient:
            self.drop_unknown(args, node, canonical, name or canonical)
            for key in [k for k in given if k not in args]:
                del given[key]
        cfg, errors = kind.normalize(args)
        for err in errors:
            where = (
                arg_pos.get(err.arg, node.key_pos(err.arg) if err.arg else node.pos)
                if err.arg
                else node.pos
            )
            if err.arg and err.arg not in kind.args:
                where = node.key_pos(err.arg)
            elif err.arg and err.path:
                where = _nested_pos(node.value.get(err.arg), err.path, where)
            label = name or f"layer {index + 1}"
            self.error(
                where,
                "unknown-argument" if "has no argument" in str(err) else "invalid-argument",
                f"{label}: {err}",
            )
        trainable = True
        t_node = node.get("trainable")
        if t_node is not None:
            try:
                trainable = BOOL.check(t_node.plain())
            except ArgError as exc:
                self.error(t_node.pos, "invalid-argument", f"trainable {exc}")
        input_shape = None
        for key in ("input_shape", "input_dim"):
            s_node = node.get(key) if key in entry_keys else None
            if s_node is None:
                continue
            if not first:
                self.error(
                    node.key_pos(key),
                    "misplaced-input-shape",
                    f"{key} is only read on the first layer (Keras ignores it elsewhere); "
                    "declare extra inputs under 'inputs:' instead",
                )
                continue
            if key == "input_dim":
                if (
                    not isinstance(s_node.value, int)
                    or isinstance(s_node.value, bool)
                    or s_node.value <= 0
                ):
                    self.error(s_node.pos, "invalid-shape", "input_dim must be a positive integer")
                    continue
                input_shape = (s_node.value,)
            else:
                input_shape = self.shape(s_node, "input_shape")
        if errors:
            return None
        auto = name is None
        cfg = kind.name_sublayers(cfg, namer)
        if name is None:
            name = namer(canonical)
        for sub in kind.build_sublayers:
            namer(sub)
        if nested:  # the sub-model is named by its entry
            from dataclasses import replace

            cfg["model"] = replace(cfg["model"], name=name)
        spec = CallSpec(
            name=name,
            type=canonical,
            config=MappingProxyType(cfg),
            inputs=inputs or (),
            pos=node.pos,
            layer=name,
            call_index=0,
            trainable=trainable,
            auto_named=auto,
            given=MappingProxyType({k: v for k, v in given.items()}),
            arg_pos=MappingProxyType(arg_pos),
            explicit_inputs=inputs is not None,
        )
        return spec, input_shape

    def drop_unknown(
        self,
        args: dict[str, Any],
        node: YNode,
        kind: str,
        label: str,
        own: tuple[str, ...] = (),
    ) -> None:
        """Keras imports: drop (with a warning) config keys archcalc does not know for ``kind``,
        in nested layers too (Bidirectional's ``layer``, whose ``own`` keys are type and name)."""
        known = CATALOG[kind].args
        for key in list(args):
            value, sub = args[key], node.value.get(key)
            if key not in known and key not in own:
                self.warnings.append(
                    Diagnostic.at(
                        self.path,
                        node.key_pos(key),
                        "ignored-argument",
                        f"{label}: ignored the Keras config key {quote(key)}, which archcalc "
                        f"does not know for {kind}; it is assumed not to change shapes or counts",
                        Severity.WARNING,
                    )
                )
                del args[key]
            elif isinstance(value, dict) and sub is not None and sub.is_map:
                inner = value.get("type")
                inner = CANONICAL.get(inner) if isinstance(inner, str) else None
                if inner is not None:
                    self.drop_unknown(value, sub, inner, f"{label} ({key})", NESTED_KEYS)

    def custom_entry(
        self,
        node: YNode,
        type_node: YNode,
        custom_node: YNode,
        name: str | None,
        inputs: tuple[TensorRef, ...] | None,
        namer: AutoNamer,
        index: int,
    ) -> tuple[CallSpec, None] | None:
        """An entry archcalc cannot compute, declared by its output shape and parameter count."""
        type_name = type_node.value
        label = name or f"layer {index + 1}"
        if type_name == "Custom":
            self.error(
                type_node.pos,
                "unknown-layer-type",
                f"{label}: a custom layer keeps its own class name as type (type: MyAttention) "
                "and declares what it produces under custom:",
            )
            return None
        if type_name in CATALOG:
            self.error(
                node.key_pos("custom"),
                "invalid-argument",
                f"{label}: {type_name} is a layer archcalc computes itself; remove 'custom:'",
            )
            return None
        if not custom_node.is_map:
            self.error(
                custom_node.pos,
                "invalid-argument",
                f"{label}: custom must be a mapping such as {{output_shape: [10, 64], params: 1234}}",
            )
            return None
        kind = CATALOG["Custom"]
        cfg, errors = kind.normalize(custom_node.plain())
        for err in errors:
            where = (
                custom_node.value[err.arg].pos if err.arg in custom_node.value else custom_node.pos
            )
            message = str(err).replace("Custom has no argument", "custom has no key")
            self.error(where, "invalid-argument", f"{label}: {message}")
        if errors:
            return None
        given = {k: v.plain() for k, v in node.value.items() if k not in ENTRY_KEYS}
        auto = name is None
        spec = CallSpec(
            name=name or namer(type_name),
            type=type_name,
            config=MappingProxyType(cfg),
            inputs=inputs or (),
            pos=node.pos,
            layer=name or "",
            auto_named=auto,
            given=MappingProxyType(given),
            arg_pos=MappingProxyType({k: v.pos for k, v in node.value.items()}),
            explicit_inputs=inputs is not None,
            kind="Custom",
        )
        from dataclasses import replace

        return replace(spec, layer=spec.name), None

    def share_entry(
        self,
        node: YNode,
        name: str | None,
        inputs: tuple[TensorRef, ...] | None,
        defined: dict[str, CallSpec],
        namer: AutoNamer,
    ) -> tuple[CallSpec, None] | None:
        share_node = node.get("share")
        assert share_node is not None
        target = share_node.value
        for key in node.value:
            if key not in SHARE_KEYS:
                owner = quote(target) if isinstance(target, str) else "the shared layer"
                self.error(
                    node.key_pos(key),
                    "share-argument",
                    f"{quote(key)} cannot be set on a share entry: arguments belong to the shared layer {owner}; "
                    "a share entry takes only name, share and inputs",
                )
        if not isinstance(target, str) or target not in defined:
            hint = did_you_mean(str(target), list(defined)) if isinstance(target, str) else ""
            self.error(
                share_node.pos,
                "unknown-reference",
                f"share: {quote(target) if isinstance(target, str) else _kind_of(share_node.plain())} "
                f"is not a layer declared above{hint}; "
                "share re-applies an earlier layer with the same weights",
            )
            return None
        if any(key not in SHARE_KEYS for key in node.value):
            return None
        root = defined[target]
        owner = defined.get(root.layer, root)
        calls = self.calls.get(owner.name, 0) + 1
        self.calls[owner.name] = calls
        if name is None:
            name = f"{owner.name}:{calls}"
        spec = CallSpec(
            name=name,
            type=owner.type,
            config=owner.config,
            inputs=inputs or (),
            pos=node.pos,
            layer=owner.name,
            call_index=calls,
            trainable=owner.trainable,
            auto_named=False,
            given=MappingProxyType({}),
            share=target,
            kind=owner.kind,
            explicit_inputs=inputs is not None,
        )
        return spec, None

    # -- document -------------------------------------------------------------
    def nested_model(
        self, node: YNode, canonical: str, name: str | None, index: int, namer: AutoNamer
    ) -> Spec | None:
        """Load a nested model's ``model:`` mapping with the same namer (Keras's counters are global)."""
        model_node = node.get("model")
        label = name or f"layer {index + 1}"
        if model_node is None:
            self.error(
                node.pos,
                "invalid-argument",
                f"{label}: a nested {canonical} needs 'model:', a mapping with its layers "
                "(and inputs/outputs for a Functional model)",
            )
            return None
        loader = _Loader(self.path, self.lenient)
        try:
            sub = loader.load(model_node, "", namer=namer, nested=canonical)
        except ArchcalcError as exc:
            self.diags.extend(exc.diagnostics)
            return None
        finally:
            self.warnings.extend(loader.warnings)
        if canonical == "Sequential" and not sub.sequential:
            self.error(
                model_node.pos,
                "invalid-argument",
                f"{label}: a nested Sequential is a plain chain with one input; "
                "use type: Functional for branches, several inputs or shared layers",
            )
            return None
        from dataclasses import replace

        return replace(sub, sequential=canonical == "Sequential")

    def load(
        self,
        root: YNode | None,
        default_name: str,
        namer: AutoNamer | None = None,
        nested: str | None = None,
    ) -> Spec:
        self.calls: dict[str, int] = {}
        if root is None:
            self.error(
                Pos(1, 1),
                "empty-spec",
                "the file is empty; a spec is a mapping with 'inputs' and 'layers' (see docs/spec-format.md)",
            )
            raise ArchcalcError(self.diags)
        if not root.is_map:
            self.error(
                root.pos,
                "invalid-spec",
                f"a spec must be a mapping with 'inputs' and 'layers', but the document is {_kind_of(root.plain())}",
            )
            raise ArchcalcError(self.diags)
        for key in root.value:
            if key not in TOP_KEYS:
                self.error(
                    root.key_pos(key),
                    "unknown-key",
                    f"unknown top-level key {quote(key)}{did_you_mean(key, TOP_KEYS)}; "
                    "a spec has name, description, inputs, layers and outputs",
                )
        name = default_name
        name_node = root.get("name")
        if name_node is not None:
            if not isinstance(name_node.value, str) or not name_node.value:
                self.error(
                    name_node.pos, "invalid-name", "the model name must be a non-empty string"
                )
            else:
                name = name_node.value
        inputs: list[InputSpec] = []
        if root.get("inputs") is not None:
            inputs = self.inputs(root.value["inputs"])
        layers_node = root.get("layers")
        if layers_node is None or not layers_node.is_seq or not layers_node.value:
            pos = layers_node.pos if layers_node is not None else root.pos
            got = (
                ""
                if layers_node is None
                else "; got an empty list"
                if layers_node.is_seq
                else f"; got {_kind_of(layers_node.plain())}"
            )
            self.error(
                pos, "missing-layers", f"a spec needs 'layers:', a non-empty list of layers{got}"
            )
            raise ArchcalcError(self.diags)

        if nested and name_node is not None:
            self.error(
                name_node.pos,
                "invalid-name",
                "a nested model is named by its entry's 'name', not inside 'model:'",
            )
        if namer is None:
            namer = AutoNamer()
            if any(i.name == "input_layer" for i in inputs):
                namer("InputLayer")
        defined: dict[str, CallSpec] = {}
        layers: list[CallSpec] = []
        first_input_shape: Shape | None = None
        for i, node in enumerate(layers_node.value):
            got = self.entry(node, i, namer, defined, first=(i == 0))
            if got is None:
                continue
            spec, input_shape = got
            if i == 0 and input_shape is not None:
                first_input_shape = input_shape
            if spec.name in defined or any(inp.name == spec.name for inp in inputs):
                other = defined.get(spec.name)
                where = f"line {other.pos.line}" if other is not None else "the inputs"
                auto = " (its auto-generated name)" if spec.auto_named else ""
                self.error(
                    node.pos,
                    "duplicate-name",
                    f"the name {quote(spec.name)}{auto} is already used by {where}; "
                    "Keras requires unique layer names, so rename one",
                )
                continue
            defined[spec.name] = spec
            layers.append(spec)

        if first_input_shape is not None:
            if inputs:
                self.error(
                    layers_node.value[0].key_pos("input_shape"),
                    "duplicate-input",
                    "the model inputs are given twice: under 'inputs:' and as input_shape on the first layer; keep one",
                )
            else:
                inputs = [
                    InputSpec(
                        namer("InputLayer"), (None, *first_input_shape), layers_node.value[0].pos
                    )
                ]
        if not inputs and nested and not self.diags:
            # A nested Sequential takes its input shape from the call, as in Keras.
            inputs = [InputSpec("input_layer", (None,), root.pos, declared=False)]
        if not inputs and not self.diags:
            self.error(
                root.pos,
                "missing-inputs",
                "the model has no input: add 'inputs:' (e.g. inputs: {x: [28, 28, 1]}) "
                "or input_shape on the first layer",
            )
        if self.diags:
            raise ArchcalcError(self.diags)

        # Wire the implicit "previous entry" inputs.
        wired: list[CallSpec] = []
        for i, spec in enumerate(layers):
            if not spec.inputs:
                kind = CATALOG[spec.kind_name]
                if kind.family == "merging" and not spec.is_share:
                    # Keras: "A merge layer should be called on a list of inputs"; reading
                    # just the layer above is almost always a forgotten skip connection.
                    self.error(
                        spec.pos,
                        "missing-inputs",
                        f"{spec.name}: {spec.type} combines several tensors, so it needs 'inputs:' "
                        "naming them (e.g. inputs: [a, b]); it would only read the layer above",
                    )
                    continue
                if i == 0:
                    if len(inputs) != 1:
                        self.error(
                            spec.pos,
                            "ambiguous-input",
                            f"{spec.name}: the first layer reads the model's only input, but there are "
                            f"{len(inputs)} inputs ({', '.join(x.name for x in inputs)}); say which with inputs:",
                        )
                        continue
                    ref = TensorRef(inputs[0].name, 0, spec.pos)
                else:
                    ref = TensorRef(layers[i - 1].name, 0, spec.pos)
                spec = _replace_inputs(spec, (ref,))
            wired.append(spec)

        outputs: tuple[TensorRef, ...] = (TensorRef(wired[-1].name, -1),) if wired else ()
        outputs_pos = Pos()
        out_node = root.get("outputs")
        if out_node is not None:
            got_refs = self.refs(out_node, "outputs")
            outputs_pos = out_node.pos
            if got_refs is not None:
                outputs = got_refs
        if self.diags:
            raise ArchcalcError(self.diags)

        # Keras's Sequential model: one input, a chain, and the last layer's whole output.
        sequential = (
            len(inputs) == 1
            and not any(s.explicit_inputs or s.is_share for s in wired)
            and len(outputs) == 1
            and outputs[0].name == wired[-1].name
            and outputs[0].index in (0, -1)
        )
        if not name:  # no file name to use: Keras's own default model names
            name = "sequential" if sequential else "functional"
        return Spec(
            name=name,
            path=self.path,
            inputs=tuple(inputs),
            layers=tuple(wired),
            outputs=outputs,
            sequential=sequential,
            outputs_pos=outputs_pos,
            warnings=tuple(self.warnings),
        )


def _entry_keys(args: Mapping[str, Any]) -> tuple[str, ...]:
    """The keys an entry reads itself, less those this kind takes as arguments."""
    return ENTRY_KEYS if "input_dim" not in args else _ENTRY_KEYS_NO_DIM


_ENTRY_KEYS_NO_DIM = tuple(k for k in ENTRY_KEYS if k != "input_dim")


def _nested_pos(node: YNode | None, path: tuple[str, ...], default: Pos) -> Pos:
    """The position of ``path`` inside a mapping argument (a nested layer's ``units``)."""
    where = default
    for key in path:
        if node is None or not node.is_map or key not in node.value:
            break
        where = node.value[key].pos
        node = node.value[key]
    return where


def _replace_inputs(spec: CallSpec, inputs: tuple[TensorRef, ...]) -> CallSpec:
    """``dataclasses.replace`` for one field, without its generic overhead (hot on big models)."""
    return replace_field(spec, "inputs", inputs)


def replace_field(obj: Any, name: str, value: Any) -> Any:
    """A copy of a frozen dataclass with one field changed (cheaper than ``replace``)."""
    new = copy.copy(obj)
    object.__setattr__(new, name, value)
    return new


_NOWHERE = Pos()


def parse_ref(text: str, pos: Pos = _NOWHERE) -> TensorRef:
    """``name`` or ``name[k]`` (the k-th output of a multi-output layer)."""
    m = _REF.match(text)
    if m:
        return TensorRef(m.group("name"), int(m.group("index")), pos)
    return TensorRef(text, 0, pos)


def load_tree(root: YNode | None, path: str, default_name: str, lenient: bool = False) -> Spec:
    """Load an already-parsed spec tree (the Keras importer builds one)."""
    return _Loader(path, lenient).load(root, default_name)


def load_yaml_text(text: str, path: str = "<string>", limits: Limits | None = None) -> Spec:
    root = parse_yaml(text, path, limits)
    stem = "" if path.startswith("<") else os.path.splitext(os.path.basename(path))[0]
    return _Loader(path).load(root, stem)


def load_yaml_file(path: str, limits: Limits | None = None) -> Spec:
    limits = limits or Limits.from_env()
    return load_yaml_text(read_text(path, limits), path, limits)


__all__ = ["load_tree", "load_yaml_file", "load_yaml_text", "parse_ref"]
