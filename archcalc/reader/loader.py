"""A spec tree -> :class:`Spec`, with every problem reported at its file position.

The format (documented in ``docs/spec-format.md``)::

    name: seed_functional        # optional; default: the file's stem
    inputs:                      # name -> shape without batch (null = unknown)
      input_data: [28, 28, 1]
    layers:                      # each reads the previous entry unless it says `inputs`
      - {name: conv1, type: Conv2D, filters: 32, kernel_size: 5, inputs: input_data}
      - {name: again, share: conv1, inputs: other}   # a second call of conv1
    outputs: [output]            # optional; default: the last entry

This module reads the document; :mod:`~archcalc.reader.entries` each entry,
:mod:`~archcalc.reader.values` shapes, references and inputs, and
:mod:`~archcalc.reader.wiring` the connections a spec leaves implicit.
Problems are collected (not just the first) and raised together as one
:class:`ArchcalcError`.
"""

from __future__ import annotations

from collections.abc import Callable
from types import MappingProxyType

from archcalc.catalog import CATALOG
from archcalc.catalog.naming import AutoNamer
from archcalc.diagnostics import ArchcalcError, Pos, did_you_mean
from archcalc.reader.declared import ENTRY_KEYS
from archcalc.reader.entries import Entries
from archcalc.reader.problems import Problems, kind_of
from archcalc.reader.values import parse_ref, read_inputs
from archcalc.reader.wiring import is_sequential, model_inputs, model_outputs, wire
from archcalc.reader.ynode import YNode
from archcalc.shapes import Shape
from archcalc.spec import CallSpec, InputSpec, Spec, TensorRef
from archcalc.textsafe import quote

TOP_KEYS = ("name", "description", "inputs", "layers", "outputs")


#: how a design (blocks, repeat) makes the model's entries instead of reading ``layers:`` in
#: order: it hands each entry it makes to the collector (:mod:`archcalc.reader.expand`)
Expand = Callable[["Collector"], None]


def load_tree(
    root: YNode | None,
    path: str,
    default_name: str,
    lenient: bool = False,
    problems: Problems | None = None,
    expand: Expand | None = None,
) -> Spec:
    """Load an already-parsed spec tree (``lenient``: a Keras import, whose unknown config
    keys are warnings; ``expand``: a design's entries, made by its expander)."""
    return _Document(problems or Problems(path, lenient), expand).load(root, default_name)


class Collector:
    """Reads entries one by one into the model's calls, each name once."""

    def __init__(self, p: Problems, entries: Entries, input_names: set[str]) -> None:
        self.p = p
        self.entries = entries
        self.input_names = input_names
        self.layers: list[CallSpec] = []
        self.first_shape: Shape | None = None
        self.last: tuple[YNode, CallSpec] | None = None  # an entry a twin may copy

    def add(self, node: YNode, index: int, first: bool) -> CallSpec | None:
        """One entry (``index``: its place in its list, for messages), or None when it has
        a problem (reported)."""
        twin = None if first else self._twin(node)
        if twin is not None:
            spec, input_shape = twin, None
        else:
            warned = len(self.p.warnings)
            got = self.entries.read(node, index, first)
            if got is None:
                self.last = None
                return None
            spec, input_shape = got
            plain = not spec.inputs and not spec.is_share and spec.kind_name == spec.type
            clean = len(self.p.warnings) == warned and spec.auto_named and plain
            self.last = (node, spec) if clean else None
        if first:
            self.first_shape = input_shape
        if spec.name in self.entries.defined or spec.name in self.input_names:
            other = self.entries.defined.get(spec.name)
            where = f"line {other.pos.line}" if other is not None else "the inputs"
            auto = " (its auto-generated name)" if spec.auto_named else ""
            self.p.error(
                node.pos,
                "duplicate-name",
                f"the name {quote(spec.name)}{auto} is already used by {where}; "
                "Keras requires unique layer names, so rename one",
            )
            return None
        self.entries.defined[spec.name] = spec
        self.layers.append(spec)
        return spec

    def _twin(self, node: YNode) -> CallSpec | None:
        """The entry read just before, again, when ``node`` says exactly the same (an unnamed
        layer with the same plain arguments): a 100,000-layer chain is read once, named
        100,000 times. None when it is not such a twin."""
        if self.last is None or not node.is_map:
            return None
        before, spec = self.last
        if len(node.value) != len(before.value):
            return None
        for (k, v), (k2, v2) in zip(node.value.items(), before.value.items(), strict=True):
            if k != k2 or k in TWIN_KEYS or not _same(v, v2):
                return None
        kind = CATALOG[spec.type]
        if kind.build_sublayers:
            return None
        name = self.entries.namer(spec.type)
        arg_pos = MappingProxyType({k: v.pos for k, v in node.value.items() if k not in ENTRY_KEYS})
        # it reads the entry above, as the wiring would say (a merge layer is left to the
        # wiring, which says that it needs inputs)
        above = () if kind.family == "merging" else (TensorRef(self.layers[-1].name, 0, node.pos),)
        return CallSpec(
            name=name,
            type=spec.type,
            config=spec.config,
            inputs=above,
            pos=node.pos,
            layer=name,
            trainable=spec.trainable,
            auto_named=True,
            given=spec.given,
            arg_pos=arg_pos,
        )


#: keys that make an entry more than its arguments: never read as a twin of the one before
TWIN_KEYS = ("name", "inputs", "share", "custom", "mask", "input_shape", "input_dim", "model")


def _same(a: YNode, b: YNode) -> bool:
    """Equal plain values of the same types (1, 1.0 and true differ), scalars or flat lists."""
    if a.kind == "scalar" and b.kind == "scalar":
        return type(a.value) is type(b.value) and a.value == b.value
    if a.kind == "seq" and b.kind == "seq" and len(a.value) == len(b.value):
        return all(_same(x, y) for x, y in zip(a.value, b.value, strict=True))
    return False


class _Document:
    """One model's document: its header, its entries, then the implicit wiring."""

    def __init__(self, p: Problems, expand: Expand | None = None) -> None:
        self.p = p
        self.expand = expand

    def load(
        self,
        root: YNode | None,
        default_name: str,
        namer: AutoNamer | None = None,
        nested: str = "",
    ) -> Spec:
        name, inputs, layers_node = self._header(root, default_name, nested)
        assert root is not None
        if namer is None:
            namer = AutoNamer()
            if any(i.name == "input_layer" for i in inputs):
                namer("InputLayer")
        layers, first_shape = self._entries(layers_node, inputs, namer)
        inputs = model_inputs(self.p, inputs, first_shape, layers_node, root, namer, bool(nested))
        self.p.check()
        wired = wire(self.p, layers, inputs)
        outputs, outputs_pos = model_outputs(self.p, root, wired)
        self.p.check()
        sequential = is_sequential(inputs, wired, outputs)
        return Spec(
            # no file name to use: Keras's own default model names
            name=name or ("sequential" if sequential else "functional"),
            path=self.p.path,
            inputs=tuple(inputs),
            layers=tuple(wired),
            outputs=outputs,
            sequential=sequential,
            outputs_pos=outputs_pos,
            warnings=tuple(self.p.warnings),
        )

    def _header(
        self, root: YNode | None, default_name: str, nested: str
    ) -> tuple[str, list[InputSpec], YNode]:
        """The top-level keys: name, inputs and the (non-empty) list of layers."""
        if root is None:
            self.p.error(
                Pos(1, 1),
                "empty-spec",
                "the file is empty; a spec is a mapping with 'inputs' and 'layers' (see `archcalc docs spec-format`)",
            )
            self.p.check()
        assert root is not None
        if not root.is_map:
            self.p.error(
                root.pos,
                "invalid-spec",
                f"a spec must be a mapping with 'inputs' and 'layers', but the document is {kind_of(root.plain())}",
            )
            self.p.check()
        for key in root.value:
            if key not in TOP_KEYS:
                self.p.error(
                    root.key_pos(key),
                    "unknown-key",
                    f"unknown top-level key {quote(key)}{did_you_mean(key, TOP_KEYS)}; "
                    "a spec has name, description, inputs, layers and outputs",
                )
        name = self._name(root, default_name)
        inputs = read_inputs(self.p, root.value["inputs"]) if root.get("inputs") is not None else []
        layers_node = root.get("layers")
        if layers_node is None or not layers_node.is_seq or not layers_node.value:
            got = (
                ""
                if layers_node is None
                else "; got an empty list"
                if layers_node.is_seq
                else f"; got {kind_of(layers_node.plain())}"
            )
            self.p.error(
                layers_node.pos if layers_node is not None else root.pos,
                "missing-layers",
                f"a spec needs 'layers:', a non-empty list of layers{got}",
            )
            self.p.check()
        assert layers_node is not None
        if nested and root.get("name") is not None:
            self.p.error(
                root.value["name"].pos,
                "invalid-name",
                "a nested model is named by its entry's 'name', not inside 'model:'",
            )
        return name, inputs, layers_node

    def _name(self, root: YNode, default_name: str) -> str:
        name_node = root.get("name")
        if name_node is None:
            return default_name
        if not isinstance(name_node.value, str) or not name_node.value:
            self.p.error(name_node.pos, "invalid-name", "the model name must be a non-empty string")
            return default_name
        return name_node.value

    def _entries(
        self, layers_node: YNode, inputs: list[InputSpec], namer: AutoNamer
    ) -> tuple[list[CallSpec], Shape | None]:
        """Every entry in file order (or as a design makes them), each name once; and an
        input_shape on the first."""
        entries = Entries(self.p, namer, self._nested)
        collector = Collector(self.p, entries, {i.name for i in inputs})
        if self.expand is not None:
            self.expand(collector)
        else:
            for i, node in enumerate(layers_node.value):
                collector.add(node, i, first=(i == 0))
        return collector.layers, collector.first_shape

    def _nested(self, model_node: YNode, canonical: str, namer: AutoNamer) -> Spec | None:
        """A nested model's document, its problems reported as this file's."""
        sub = Problems(self.p.path, self.p.lenient)
        try:
            return _Document(sub).load(model_node, "", namer=namer, nested=canonical)
        except ArchcalcError as exc:
            self.p.errors.extend(exc.diagnostics)
            return None
        finally:
            self.p.warnings.extend(sub.warnings)


__all__ = ["load_tree", "parse_ref"]
