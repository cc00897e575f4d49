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

from collections.abc import Mapping
from typing import Any

from archcalc._version import __version__
from archcalc.catalog import CANONICAL, CATALOG
from archcalc.catalog.nested import LayerArg
from archcalc.diagnostics import ArchcalcError, Diagnostic, Pos
from archcalc.engine import InferenceResult
from archcalc.export.pycode import MODULE_NAMES, Names, bare_expression, literal, string_or_template
from archcalc.reader.design import BlockDef
from archcalc.reader.expand import OWN_KEYS
from archcalc.reader.expr import ExprError, parse
from archcalc.reader.expr import names as expr_names
from archcalc.reader.templates import compile_template
from archcalc.reader.values import parse_ref
from archcalc.reader.yamlnodes import YNode
from archcalc.textsafe import visible

#: entry keys that are not a layer constructor's arguments
NOT_ARGUMENTS = ("name", "type", "inputs", "mask", "share", *OWN_KEYS)
IND = "    "
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


class ExportError(ArchcalcError):
    """The spec says something the exported code cannot (exit 3, with a position)."""


class _Body:
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

    def with_name(self, spec_name: str, ident: str, integer: bool = False) -> _Body:
        out = _Body({**self.names, spec_name: ident}, self.block, self.sequential, self.kinds)
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
                used = _read_names(node, used)
        self.used = _read_names(outputs, used)
        firm = [
            k
            for k, e in enumerate(entries)
            if e.is_map and "if" not in e.value and "repeat" not in e.value
        ]
        self.track_from = firm[-1] if firm else 0
        self.firm = bool(firm)
        if outputs is not None:  # the outputs are named: nothing needs the last entry's
            self.track_from, self.firm = len(entries), True


class _Writer:
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

    def fail(self, node: YNode | None, message: str) -> ExportError:
        pos = node.pos if node is not None else Pos()
        return ExportError(Diagnostic.at(self.path, pos, "not-exported", message))

    # -- the module -----------------------------------------------------------------------
    def module(self) -> str:
        functions = [self.block_function(name, b) for name, b in self.design.blocks.items()]
        build = self.build_model()
        head = (
            f'"""{_doc(self.spec.name)}: a Keras 3 model exported by archcalc {__version__}.\n\n'
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
                used |= _names_in(entry, self.limits)
                inner = entry.get("block") if entry.is_map else None
                if inner is not None and inner.value in self.design.blocks:
                    used |= set(self.vars_of(self.design.blocks[inner.value]))
            for p in block.params.values():
                if p.default is not None:
                    used |= _names_in(p.default, self.limits)
            own = set(block.params) | set(block.inputs) | {"name"}
            self.block_vars[block.name] = [
                v for v in self.design.variables if v in used and v not in own
            ]
        return self.block_vars[block.name]

    def default(self, node: YNode, names: dict[str, str]) -> tuple[str, str | None]:
        """(the signature's default, the expression computing it when it is computed, or a
        list or mapping: made afresh in each call, never shared between calls)."""
        plain = _plain(node)
        if plain is not None and node.kind == "scalar":
            return plain, None
        self.needs.add("computed")
        return "_COMPUTED", self.value(node, _Body(names, None, False, {}))

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
            f'{IND}"""Block {_doc(name)!r} of the spec; returns its outputs."""',
            *computed,
        ]
        body = _Body(names, block, self.sequential, self.kinds(block.layers))
        body.shared = _shared(block.layers)
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
            fixed = v in self.design.overridden or node is None or _plain(node) is not None
            if fixed and not isinstance(value, (list, dict)):
                kw.append(f"{names[v]}={literal(value)}")
                continue
            self.needs.add("computed")
            kw.append(f"{names[v]}=_COMPUTED")
            stmt = literal(value) if fixed else self.value(node, _Body(names, None, False, {}))
            computed.append(f"{IND}if {names[v]} is _COMPUTED:\n{IND * 2}{names[v]} = {stmt}")
        entries = list(self.root.value["layers"].value)
        body = _Body(names, None, self.sequential, self.kinds(entries))
        body.shared = _shared(entries)
        body.prepare(entries, self.root.get("outputs"))
        stars = f"*, {', '.join(kw)}" if kw else ""
        lines = [
            f"def build_model({stars}):",
            f'{IND}"""The model, with these variables."""',
            *computed,
        ]
        if any(_unnamed_instances(self.design.blocks, entries)):
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

    def input_source(self, spec_input: Any, body: _Body, named: bool = True) -> str:
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
    def body(self, entries: list[YNode], body: _Body, indent: str) -> list[str]:
        lines = []
        for k, node in enumerate(entries):
            self.tracking = k >= body.track_from
            lines += self.entry(node, body, indent)
        return lines

    def entry(self, node: YNode, body: _Body, indent: str) -> list[str]:
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

    def computed(self, node: YNode, body: _Body) -> str:
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

    def string(self, text: str, body: _Body) -> str:
        src, _, needs = string_or_template(text, body.names, self.limits, body.ints | {"name"})
        if needs:
            self.needs.add("text")
        return src

    def reads(self, node: YNode, body: _Body, index: str | None, kind: Any = None) -> str:
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

    def layer(self, node: YNode, body: _Body, indent: str, index: str | None) -> list[str]:
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
        if share is None and any(k in body.shared for k in _handle_texts(node)):
            lines.append(f"{indent}shared_layers[{literal(_handle_texts(node)[0])}] = {maker}")
            maker = f"shared_layers[{literal(_handle_texts(node)[0])}]"
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

    def handles(self, node: YNode, body: _Body, index: str | None) -> list[str]:
        """The keys of ``t`` an entry's outputs are kept under, where something reads them:
        its name as written (and as it computes) and its ``id``."""
        texts = [h for h in _handle_texts(node) if "$" not in h]  # a computed one: as it computes
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

    def name_source(self, node: YNode | None, body: _Body, index: str | None) -> str | None:
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

    def arguments(self, node: YNode, kind: Any, body: _Body, index: str | None) -> list[str]:
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

    def value(self, node: YNode, body: _Body, arg: Any = None) -> str:
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

    def ref(self, item: YNode, body: _Body) -> str:
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

    # -- an instance of a block ----------------------------------------------------------------
    def instance(self, node: YNode, body: _Body, indent: str, index: str | None) -> list[str]:
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

    def instance_name(self, node: YNode, body: _Body, index: str | None, block: BlockDef) -> str:
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


def _read_names(node: YNode | None, used: set[str] | None) -> set[str] | None:
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


def _handle_texts(node: YNode) -> list[str]:
    out = []
    for key in ("name", "id"):
        v = node.get(key)
        if v is not None and isinstance(v.value, str) and v.value:
            out.append(v.value)
    return out


def _shared(entries: list[YNode]) -> set[str]:
    return {str(e.value["share"].value) for e in entries if e.is_map and "share" in e.value}


def _unnamed_instances(blocks: Mapping[str, BlockDef], entries: list[YNode]) -> list[bool]:
    """Whether some entry (here or in a block) makes an instance without a name or id."""
    all_entries = [*entries, *(e for b in blocks.values() for e in b.layers)]
    return [
        e.is_map and "block" in e.value and "name" not in e.value and "id" not in e.value
        for e in all_entries
    ]


def _doc(text: str) -> str:
    """Text for a docstring: controls visible, no backslash escapes, no closing quotes."""
    return visible(text).replace("\\", "/").replace('"', "'")


def _plain(node: YNode) -> str | None:
    """A value with nothing computed in it, as a Python literal; None when something is."""
    if node.kind == "map":
        parts = {k: _plain(v) for k, v in node.value.items()}
        if any(v is None for v in parts.values()):
            return None
        return "{" + ", ".join(f"{literal(k)}: {v}" for k, v in parts.items()) + "}"
    if node.kind == "seq":
        items = [_plain(v) for v in node.value]
        return None if any(v is None for v in items) else "[" + ", ".join(items) + "]"  # type: ignore[arg-type]
    if isinstance(node.value, str) and "$" in node.value:
        return None
    return literal(node.value)


def _names_in(node: YNode, limits: Any) -> set[str]:
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


def export_keras(result: InferenceResult, path: str) -> str:
    """The module's source for an inferred spec loaded as a design (its ``structure`` set)."""
    return _Writer(result, path).module()
