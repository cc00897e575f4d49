"""A design spec (variables, blocks, repeat, computed values) to a :class:`Spec`.

The one function the loader calls for a spec that uses any of it
(:func:`load_design`): read ``variables`` (with ``--set``) and ``blocks``,
bound the expansion before making anything, compute the model's own
``name``, ``inputs`` and ``outputs``, then let the document loader read the
entries the expander makes, and resolve every reference. The result is a
plain Spec, as if written out by hand, whose ``structure`` keeps the block
instances for the renderers (``--depth``, plot clusters, diff, export).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from archcalc.diagnostics import ArchcalcError, Diagnostic, Pos
from archcalc.reader.computed import Values
from archcalc.reader.design import Design, DesignLimits, DesignReader
from archcalc.reader.designcheck import DESIGN_KEYS, is_design
from archcalc.reader.expand import BROKEN, Expander
from archcalc.reader.limits import Limits
from archcalc.reader.load import _stem
from archcalc.reader.loader import Collector, load_tree
from archcalc.reader.problems import Problems
from archcalc.reader.scopes import Instance, Resolver
from archcalc.reader.templates import compile_template, from_plain
from archcalc.reader.yamlnodes import parse_yaml
from archcalc.reader.ynode import YNode
from archcalc.spec import Spec, TensorRef


@dataclass(frozen=True)
class Structure:
    """The block instances of a design spec, for the renderers."""

    design: Design
    instances: tuple[Instance, ...]  # the model's own level, in the order they were made
    #: every layer a block made -> the innermost instance it belongs to
    owner: dict[str, Instance] = field(default_factory=dict)
    #: an instance (by id) -> the instance it is inside (None at the model's level)
    parent: dict[int, Instance | None] = field(default_factory=dict)
    #: the spec as written (its layers, inputs and outputs), for the code export
    root: YNode | None = field(default=None, compare=False, repr=False)

    def chain(self, layer: str) -> list[Instance]:
        """The instances a layer is inside, outermost first ([] for a layer of the model)."""
        out: list[Instance] = []
        inst = self.owner.get(layer)
        while inst is not None:
            out.append(inst)
            inst = self.parent.get(id(inst))
        return out[::-1]

    def walk(self) -> list[Instance]:
        """Every instance, depth first in the order they were made."""
        out: list[Instance] = []
        stack = list(reversed(self.instances))
        while stack:
            inst = stack.pop()
            out.append(inst)
            stack.extend(reversed(inst.children))
        return out


def load_design(
    root: YNode,
    text: str,
    path: str,
    default_name: str,
    overrides: Mapping[str, Any] | None = None,
    limits: DesignLimits | None = None,
    fold: bool = False,
) -> Spec:
    """The Spec of a design; raises ArchcalcError (SettingError for a bad ``--set``).

    ``fold``: a repeat whose instances come out alike is made twice and counted, not made
    (:mod:`archcalc.folded` checks and sums it); never for a table, which lists every layer."""
    p = Problems(path)
    limits = limits or DesignLimits.from_env()
    design = DesignReader(p, text, overrides if overrides is not None else {}, limits).read(root)
    header = _header(root, design, p)
    layers = root.get("layers")
    entries = list(layers.value) if layers is not None and layers.is_seq else []
    expander = Expander(design, p, entries)
    expander.by_name = _named_blocks(design)
    expander.fold = fold
    if entries and not p.errors:
        made = expander.count()
        if made > limits.max_layers:
            p.error(
                layers.pos if layers is not None else Pos(1, 1),
                "too-many-layers",
                f"the model expands to more than {limits.max_layers:,} layers; "
                "raise ARCHCALC_MAX_LAYERS if it is legitimate",
            )
    p.check()

    def expand(sink: Collector) -> None:
        expander.run(sink)
        _finish(expander, sink, header, root)

    try:
        spec = load_tree(header, path, default_name, problems=p, expand=expand)
    except ArchcalcError as exc:
        raise ArchcalcError([_explained(d, expander) for d in exc.diagnostics]) from None
    owner: dict[str, Instance] = {}
    parent: dict[int, Instance | None] = {}
    stack: list[tuple[Instance, Instance | None]] = [(i, None) for i in expander.instances]
    while stack:
        inst, up = stack.pop()
        parent[id(inst)] = up
        owner.update((name, inst) for name in inst.layers)
        stack.extend((c, inst) for c in inst.children)
    structure = Structure(design, tuple(expander.instances), owner, parent, root)
    return replace(spec, structure=structure)


def _header(root: YNode, design: Design, p: Problems) -> YNode:
    """The model's own keys, computed: a plain document for the loader (no variables, blocks)."""
    env = dict(design.variables)
    items: dict[str, YNode] = {}
    for key, value in root.value.items():
        if key in DESIGN_KEYS:
            continue
        if key in ("name", "inputs"):
            got = Values(design, p).subst(value, env, ())
            items[key] = got if got is not None else YNode(None, value.pos, "scalar")
        else:
            items[key] = value
    keys = {k: root.key_pos(k) for k in items}
    return YNode(items, root.pos, "map", keys)


def _finish(expander: Expander, sink: Collector, header: YNode, root: YNode) -> None:
    """Resolve every reference the expansion kept: calls' inputs, instances' outputs and the
    model's outputs."""
    resolver = Resolver(expander.p)
    layers = sink.layers
    model_input = _model_input(header)
    for item in expander.pending:
        spec = layers[item.at]
        if item.refs is not None:
            got = [(resolver.resolve(r), r.pos) for r in item.refs]
            if any(g is None or g[0] == BROKEN for g, _ in got):
                continue
            refs = tuple(
                TensorRef(name or model_input, index, pos)
                for (name, index), pos in got  # type: ignore[misc]
            )
            layers[item.at] = replace(spec, inputs=refs, explicit_inputs=True)
            continue
        if item.default is None:
            continue  # the model's first entry: its only input, as the loader wires it
        got1 = resolver.resolve(item.default)
        if got1 is None or got1[0] == BROKEN:
            continue
        name, index = got1
        before = layers[item.at - 1].name if item.at > 0 else ""
        if item.implicit and index == 0 and (name == before or (not name and item.at == 0)):
            continue
        ref = TensorRef(name or model_input, index, spec.pos)
        layers[item.at] = replace(spec, inputs=(ref,), explicit_inputs=True)
    named = {s.name: s for s in layers}
    for inst, out in expander.outputs:
        flats = [resolver.resolve(r) for r in out.refs]
        inst.outputs = tuple(f for f in flats if f is not None and f[0] != BROKEN)
        if inst.extra:  # a folded repeat: the names the last instance's outputs would have
            for name, _ in inst.outputs:
                inst.renames[name] = _last_name(inst, name, named.get(name))
    _outputs(expander, resolver, header, layers)


def _outputs(expander: Expander, resolver: Resolver, header: YNode, layers: list[Any]) -> None:
    """``outputs:`` as written, each name resolved; by default the last entry's outputs."""
    node = header.get("outputs")
    top = expander.top
    assert top is not None
    if node is None:
        last = expander.last
        if last is None or last.layer is not None or not layers:
            return
        refs = [resolver.resolve(r) for r in last.refs]
        flats = [r for r in refs if r is not None and r[0] != BROKEN]
        if flats == [(layers[-1].name, 0)] or not flats:
            return
        header.value["outputs"] = from_plain([_text(*f) for f in flats], header.pos)
        return
    items = node.value if node.is_seq else [node]
    if any(i.kind != "scalar" or not isinstance(i.value, str) or not i.value for i in items):
        return  # the loader says what is wrong
    texts = []
    for ref in expander.refs(node, top) or ():
        got = resolver.resolve(ref)
        if got is None or got[0] == BROKEN:
            return
        texts.append(YNode(_text(*got), ref.pos, "scalar"))
    header.value["outputs"] = YNode(texts, node.pos, "seq")


def _last_name(inst: Instance, name: str, spec: Any) -> str:
    """What ``name`` (an output of a folded repeat's second instance) is in the last one."""
    if name.startswith(inst.name + "_"):
        return inst.last + name[len(inst.name) :]
    if spec is not None and spec.auto_named:
        for prefix, step in inst.shift.items():
            if name == prefix:
                return f"{prefix}_{step}"
            head, _, n = name.rpartition("_")
            if head == prefix and n.isdigit():
                return f"{prefix}_{int(n) + step}"
    return name


def _text(name: str, index: int) -> str:
    return name if index == 0 else f"{name}[{index}]"


def _model_input(header: YNode) -> str:
    """The model's only input, for a block that reads it by default."""
    inputs = header.get("inputs")
    if inputs is not None and inputs.is_map and len(inputs.value) == 1:
        return next(iter(inputs.value))
    return "input_layer"


def _named_blocks(design: Design) -> frozenset[str]:
    """Blocks whose layer count may depend on their instance's name (its ``if:`` or
    ``repeat:`` values, or an argument it passes on, read ``name``)."""

    out = set()
    for block in design.blocks.values():
        for entry in block.layers:
            if not entry.is_map:
                continue
            keys = ["if", "repeat"] + (
                [k for k in entry.value if k != "name"] if "block" in entry.value else []
            )
            for key in keys:
                value = entry.get(key)
                texts = [v for v in _strings(value)] if value is not None else []
                for text in texts:
                    try:
                        t = compile_template(text, design.limits.expr)
                    except ValueError:
                        continue
                    if (t is not None and "name" in t.names()) or (
                        t is None and key in ("if", "repeat") and "name" in text
                    ):
                        out.add(block.name)
    return frozenset(out)


def _strings(node: YNode) -> list[str]:
    if node.kind == "map":
        return [s for v in node.value.values() for s in _strings(v)]
    if node.kind == "seq":
        return [s for v in node.value for s in _strings(v)]
    return [node.value] if isinstance(node.value, str) else []


def _explained(d: Diagnostic, expander: Expander) -> Diagnostic:
    """A problem at a computed value says what computed it: ``(${f / 2} gives 2.5)``."""
    hint = expander.hint(d.line, d.column, d.via)
    return replace(d, message=d.message + hint) if hint else d


def load_folded(path: str, text: str, variables: Mapping[str, Any] | None = None) -> Spec | None:
    """The spec at ``path`` (its ``text`` as :func:`~archcalc.reader.designcheck.spec_text`
    read it) with alike repeats folded; None when it is not a design with a repeat to fold
    (the caller loads it as usual)."""
    limits = Limits.from_env()
    name = path
    root = parse_yaml(text, name, limits)
    if (
        root is None
        or not is_design(root, text)
        or "class_name" in (root.value if root.is_map else {})
    ):
        return None
    spec = load_design(root, text, name, _stem(name), variables, fold=True)
    return spec if any(i.extra for i in spec.structure.walk()) else None
