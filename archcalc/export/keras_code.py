"""``archcalc export --to keras``: a spec as a runnable Keras 3 module.

The module mirrors the spec: one function per block (its parameters as
keyword arguments, the variables it reads passed on), ``build_model`` with
the spec's variables as keyword arguments, ``if:`` as ``if``, ``repeat:`` as
``for``, and every layer made in the order the spec makes it, so Keras's
auto-names come out as archcalc's and ``model.summary()`` prints archcalc's
table (a Sequential spec becomes a ``keras.Sequential``). In a function, ``t``
holds the tensors by the names the spec gives them (``t["1_conv"]``), ``prev``
what an entry without ``inputs:`` reads, ``outs`` the last entry's outputs; a
block returns a tuple of its outputs. What the code cannot say is refused
with a positioned message: custom layers, nested models, classes Keras does
not export, ``trainable:`` on an instance.
"""

from __future__ import annotations

from typing import Any

from archcalc._version import __version__
from archcalc.catalog import CANONICAL, CATALOG
from archcalc.export.pycode import MODULE_NAMES, Names, literal
from archcalc.export.scope import (
    HELPERS,
    Body,
    doc_text,
    handle_texts,
    names_read,
    plain_literal,
    shared_handles,
    unnamed_instances,
)
from archcalc.export.values import ValueWriter
from archcalc.reader.design import BlockDef
from archcalc.reader.ynode import YNode
from archcalc.results import InferenceResult
from archcalc.textsafe import visible

IND = "    "


class _Writer(ValueWriter):
    """The module: its functions, their bodies, the layers and block instances they make."""

    def __init__(self, result: InferenceResult, path: str) -> None:
        spec = result.graph.spec if result.graph is not None else None
        assert spec is not None and spec.structure is not None
        self.spec = spec
        self.path = path
        self.design = spec.structure.design
        self.root: YNode = spec.structure.root
        self.limits = self.design.limits.expr
        self.sequential = spec.sequential
        self.needs: set[str] = set()
        self.variables = Names()
        for v in self.design.variables:
            self.variables(v)
        self.functions = Names(MODULE_NAMES | set(self.variables.of.values()))
        self.params: dict[str, Names] = {}
        for name in self.design.blocks:
            self.functions(name)
        for name, block in self.design.blocks.items():
            local = Names(MODULE_NAMES | set(self.functions.of.values()))
            for i in block.inputs:
                local(i)
            for p in block.params:
                local(p)
            self.params[name] = local
        multi = {x.name for x in result.layers if len(x.output_shapes) > 1}
        self.multi = {(c.pos.line, c.pos.column) for c in spec.layers if c.layer in multi}
        self.block_vars: dict[str, list[str]] = {}

    # -- the module -----------------------------------------------------------------------
    def module(self) -> str:
        functions = [self.block_function(name, b) for name, b in self.design.blocks.items()]
        build = self.build_model()
        head = (
            f'"""{doc_text(self.spec.name)}: a Keras 3 model exported by archcalc {__version__}.\n\n'
            "build_model(**variables) returns the model; running this file builds it and\n"
            'prints model.summary(), which is archcalc\'s table for the spec."""\n'
            f"# spec: {visible(self.path)}\n\n"
            "import keras\n"
            "from keras import layers\n"
        )
        helpers = [HELPERS[k] for k in ("text", "computed", "names") if k in self.needs]
        main = 'if __name__ == "__main__":\n    build_model().summary()\n'
        return "\n\n".join(p.rstrip("\n") + "\n" for p in [head, *helpers, *functions, build, main])

    # -- variables, defaults -------------------------------------------------------------------
    def vars_of(self, block: BlockDef) -> list[str]:
        """The variables a block reads, itself or through the blocks it uses (spec names)."""
        if block.name not in self.block_vars:
            used: set[str] = set()
            for entry in block.layers:
                used |= names_read(entry, self.limits)
                inner = entry.get("block") if entry.is_map else None
                if inner is not None and inner.value in self.design.blocks:
                    used |= set(self.vars_of(self.design.blocks[inner.value]))
            for p in block.params.values():
                if p.default is not None:
                    used |= names_read(p.default, self.limits)
            own = set(block.params) | set(block.inputs) | {"name"}
            self.block_vars[block.name] = [
                v for v in self.design.variables if v in used and v not in own
            ]
        return self.block_vars[block.name]

    def default(self, node: YNode, names: dict[str, str]) -> tuple[str, str | None]:
        """(the signature's default, the expression computing it when it is computed, or a
        list or mapping: made afresh in each call, never shared between calls)."""
        plain = plain_literal(node)
        if plain is not None and node.kind == "scalar":
            return plain, None
        self.needs.add("computed")
        return "_COMPUTED", self.value(node, Body(names, None, False, {}))

    # -- a block -------------------------------------------------------------------------------
    def block_function(self, name: str, block: BlockDef) -> str:
        local = self.params[name]
        fn = self.functions(name)
        names: dict[str, str] = {v: self.variables(v) for v in self.vars_of(block)}
        names.update({p: local(p) for p in block.params})
        inputs = [local(i) for i in block.inputs]
        sig = ["model", "name"] if self.sequential else [*inputs, "name"]
        kw: list[str] = []
        computed: list[str] = []
        for p in block.params.values():
            ident = local(p.name)
            if p.default is None:
                kw.append(ident)
                continue
            value, stmt = self.default(p.default, names)
            kw.append(f"{ident}={value}")
            if stmt is not None:
                computed.append(f"{IND}if {ident} is _COMPUTED:\n{IND * 2}{ident} = {stmt}")
        for v in self.vars_of(block):
            if v in block.params:
                raise self.fail(
                    block.params[v].default,
                    f"block {visible(name)!r}: its parameter {v!r} hides the variable {v!r}, "
                    "which a block it uses reads; rename one",
                )
            kw.append(names[v])
        names["name"] = "name"
        stars = f", *, {', '.join(kw)}" if kw else ""
        lines = [
            f"def {fn}({', '.join(sig)}{stars}):",
            f'{IND}"""Block {doc_text(name)!r} of the spec; returns its outputs."""',
            *computed,
        ]
        body = Body(names, block, self.sequential, self.kinds(block.layers))
        body.shared = shared_handles(block.layers)
        body.prepare(block.layers, block.outputs)
        if not self.sequential:
            pairs = ", ".join(
                f"{literal(i)}: {p}" for i, p in zip(block.inputs, inputs, strict=True)
            )
            if body.used is None or body.used:
                lines.append(f"{IND}t = {{{pairs}}}")
            lines.append(f"{IND}prev = {inputs[0]}")
            if not body.firm:
                lines.append(f"{IND}outs = (prev,)")
            if body.shared:
                lines.append(f"{IND}shared_layers = {{}}")
        lines += self.body(block.layers, body, IND)
        if not self.sequential:
            if block.outputs is None:
                lines.append(f"{IND}return outs")
            else:
                items = block.outputs.value if block.outputs.is_seq else [block.outputs]
                refs = [self.ref(i, body) for i in items]
                lines.append(
                    f"{IND}return ({refs[0]},)"
                    if len(refs) == 1
                    else f"{IND}return {', '.join(refs)}"
                )
        return "\n".join(lines) + "\n"

    def kinds(self, entries: list[YNode]) -> dict[str, str]:
        """What each name of a body stands for: an instance (a tuple), a layer with several
        outputs (a list), or a layer (a tensor)."""
        out: dict[str, str] = {}
        for e in entries:
            if not e.is_map:
                continue
            kind = (
                "instance"
                if "block" in e.value
                else ("multi" if (e.pos.line, e.pos.column) in self.multi else "layer")
            )
            for key in ("name", "id"):
                v = e.get(key)
                if v is not None and isinstance(v.value, str):
                    out[v.value] = kind
        return out

    # -- build_model ---------------------------------------------------------------------------
    def build_model(self) -> str:
        names = {v: self.variables(v) for v in self.design.variables}
        kw, computed = [], []
        for v, value in self.design.variables.items():
            node = self.design.variable_nodes.get(v)
            fixed = v in self.design.overridden or node is None or plain_literal(node) is not None
            if fixed and not isinstance(value, (list, dict)):
                kw.append(f"{names[v]}={literal(value)}")
                continue
            self.needs.add("computed")
            kw.append(f"{names[v]}=_COMPUTED")
            stmt = literal(value) if fixed else self.value(node, Body(names, None, False, {}))
            computed.append(f"{IND}if {names[v]} is _COMPUTED:\n{IND * 2}{names[v]} = {stmt}")
        entries = list(self.root.value["layers"].value)
        body = Body(names, None, self.sequential, self.kinds(entries))
        body.shared = shared_handles(entries)
        body.prepare(entries, self.root.get("outputs"))
        stars = f"*, {', '.join(kw)}" if kw else ""
        lines = [
            f"def build_model({stars}):",
            f'{IND}"""The model, with these variables."""',
            *computed,
        ]
        if any(unnamed_instances(self.design.blocks, entries)):
            self.needs.add("names")
            lines.append(f"{IND}_names.counts.clear()")
        if self.sequential:
            first = self.input_source(self.spec.inputs[0], body, named=False)
            lines += [
                f"{IND}model = keras.Sequential(name={literal(self.spec.name)})",
                f"{IND}model.add({first})",
                *self.body(entries, body, IND),
                f"{IND}return model",
            ]
            return "\n".join(lines) + "\n"
        lines.append(f"{IND}t = {{}}")
        if body.shared:
            lines.append(f"{IND}shared_layers = {{}}")
        for spec_input in self.spec.inputs:
            source = self.input_source(spec_input, body)
            lines.append(f"{IND}t[{literal(spec_input.name)}] = {source}")
        only = literal(self.spec.inputs[0].name) if len(self.spec.inputs) == 1 else None
        lines.append(f"{IND}prev = t[{only}]" if only else f"{IND}prev = None")
        if not body.firm:
            lines.append(f"{IND}outs = (prev,)")
        lines += self.body(entries, body, IND)
        outputs = self.root.get("outputs")
        if outputs is None:
            out = "list(outs) if len(outs) > 1 else outs[0]"
        else:
            items = outputs.value if outputs.is_seq else [outputs]
            out = "[" + ", ".join(self.ref(i, body) for i in items) + "]"
        ins = ", ".join(f"t[{literal(i.name)}]" for i in self.spec.inputs)
        lines.append(
            f"{IND}return keras.Model(inputs=[{ins}], outputs={out}, name={literal(self.spec.name)})"
        )
        return "\n".join(lines) + "\n"

    def input_source(self, spec_input: Any, body: Body, named: bool = True) -> str:
        """``keras.Input(shape=...)``, the shape as written (computed sizes computed)."""
        shape = self.shape_node(spec_input)
        text = self.value(shape, body) if shape is not None else literal(list(spec_input.shape[1:]))
        args = [f"shape=tuple({text})"]
        if spec_input.shape[0] is not None:
            args.append(f"batch_size={spec_input.shape[0]}")
        if spec_input.dtype != "float32":
            args.append(f"dtype={literal(spec_input.dtype)}")
        if named:
            args.append(f"name={literal(spec_input.name)}")
        return f"keras.Input({', '.join(args)})"

    def shape_node(self, spec_input: Any) -> YNode | None:
        """Where the input's shape is written: under ``inputs:``, or as ``input_shape`` /
        ``input_dim`` on the first layer."""
        inputs = self.root.get("inputs")
        if inputs is not None and inputs.is_map and spec_input.name in inputs.value:
            value = inputs.value[spec_input.name]
            return value.get("shape") if value.is_map else value
        first = self.root.value["layers"].value[0]
        if first.is_map and first.get("input_shape") is not None:
            return first.value["input_shape"]
        if first.is_map and first.get("input_dim") is not None:
            return YNode([first.value["input_dim"]], first.pos, "seq")
        return None

    # -- entries -------------------------------------------------------------------------------
    def body(self, entries: list[YNode], body: Body, indent: str) -> list[str]:
        lines = []
        for k, node in enumerate(entries):
            self.tracking = k >= body.track_from
            lines += self.entry(node, body, indent)
        return lines

    def entry(self, node: YNode, body: Body, indent: str) -> list[str]:
        if not node.is_map:
            raise self.fail(node, "a layer entry is a mapping")
        lines = []
        if "if" in node.value:
            lines.append(f"{indent}if {self.computed(node.value['if'], body)}:")
            indent += IND
        index = None
        repeat = node.get("repeat")
        if repeat is not None:
            idx = node.get("index")
            spec_index = str(idx.value) if idx is not None else "i"
            index = Names(MODULE_NAMES | set(body.names.values()))(spec_index)
            count = self.computed(repeat, body)
            body = body.with_name(spec_index, index, integer=True)
            lines.append(f"{indent}for {index} in range({count}):")
            indent += IND
        if "block" in node.value:
            return lines + self.instance(node, body, indent, index)
        return lines + self.layer(node, body, indent, index)

    def layer(self, node: YNode, body: Body, indent: str, index: str | None) -> list[str]:
        if "custom" in node.value:
            raise self.fail(node, "a custom layer has no Keras code for archcalc to write")
        share = node.get("share")
        kind = None
        if share is None:
            type_node = node.value["type"]
            kind = CATALOG[CANONICAL[type_node.value]]
            if kind.keras_module != "keras.layers":
                what = (
                    f"is a {kind.keras_module.split('.')[0]} class; export writes keras.layers "
                    "code only"
                    if kind.keras_module
                    else "has no class in keras.layers for archcalc to write"
                )
                raise self.fail(type_node, f"{visible(kind.name)} {what}")
            maker = f"layers.{kind.name}({', '.join(self.arguments(node, kind, body, index))})"
        else:
            maker = f"shared_layers[{literal(str(share.value))}]"
        if body.sequential:
            return [f"{indent}model.add({maker})"]
        keys = self.handles(node, body, index)
        lines = []
        if share is None and any(k in body.shared for k in handle_texts(node)):
            lines.append(f"{indent}shared_layers[{literal(handle_texts(node)[0])}] = {maker}")
            maker = f"shared_layers[{literal(handle_texts(node)[0])}]"
        extra = ""
        mask = node.get("mask")
        if mask is not None:
            items = mask.value if mask.is_seq else [mask]
            ms = [self.ref(i, body) for i in items]
            extra = f", mask={ms[0] if len(ms) == 1 else '[' + ', '.join(ms) + ']'}"
        call = f"{maker}({self.reads(node, body, index, kind)}{extra})"
        if (node.pos.line, node.pos.column) in self.multi:
            lines.append(f"{indent}out = {call}")
            lines += [f"{indent}t[{k}] = out" for k in keys]
            lines.append(f"{indent}prev = out[0] if isinstance(out, (list, tuple)) else out")
            if self.tracking:
                everything = "tuple(out)" if body.block is None else "(prev,)"
                lines.append(
                    f"{indent}outs = {everything} if isinstance(out, (list, tuple)) else (out,)"
                )
            return lines
        targets = "".join(f"t[{k}] = " for k in keys)
        lines.append(f"{indent}prev = {targets}{call}")
        if self.tracking:
            lines.append(f"{indent}outs = (prev,)")
        return lines

    def handles(self, node: YNode, body: Body, index: str | None) -> list[str]:
        """The keys of ``t`` an entry's outputs are kept under, where something reads them:
        its name as written (and as it computes) and its ``id``."""
        texts = [h for h in handle_texts(node) if "$" not in h]  # a computed one: as it computes
        keys = [literal(h) for h in texts if body.used is None or h in body.used]
        name = node.get("name")
        if (
            body.used is None
            and name is not None
            and isinstance(name.value, str)
            and "$" in name.value
        ):
            keys.append(self.string(name.value, body))
        return list(dict.fromkeys(keys))

    # -- an instance of a block ----------------------------------------------------------------
    def instance(self, node: YNode, body: Body, indent: str, index: str | None) -> list[str]:
        block = self.design.blocks[node.value["block"].value]
        if "trainable" in node.value:
            raise self.fail(
                node.value["trainable"], "trainable: on a block instance is not exported yet"
            )
        args = []
        if body.sequential:
            args.append("model")
        else:
            inputs = node.get("inputs")
            if inputs is None:
                args.append("prev")
            else:
                items = inputs.value if inputs.is_seq else [inputs]
                refs = [self.ref(i, body) for i in items]
                args += [f"({r} if {index} == 0 else prev)" for r in refs] if index else refs
        args.append(f"name={self.instance_name(node, body, index, block)}")
        local = self.params[block.name]
        for key, value in node.value.items():
            if key in block.params:
                args.append(f"{local(key)}={self.value(value, body)}")
        for v in self.vars_of(block):
            args.append(f"{self.variables(v)}={body.names.get(v, self.variables(v))}")
        call = f"{self.functions(block.name)}({', '.join(args)})"
        if body.sequential:
            return [f"{indent}{call}"]
        lines = [f"{indent}outs = {call}"]
        lines += [f"{indent}t[{k}] = outs" for k in self.handles(node, body, index)]
        lines.append(f"{indent}prev = outs[0]")
        return lines

    def instance_name(self, node: YNode, body: Body, index: str | None, block: BlockDef) -> str:
        """The instance's name: as written, its ``id``, or the block's name counted."""
        written = node.get("name") or node.get("id")
        src = self.name_source(written, body, index)
        if src is not None:
            return src
        self.needs.add("names")
        key = (
            f"name + {literal('_' + block.name)}" if body.block is not None else literal(block.name)
        )
        return f"_names({key})"


def export_keras(result: InferenceResult, path: str) -> str:
    """The module's source for an inferred spec loaded as a design (its ``structure`` set)."""
    return _Writer(result, path).module()
