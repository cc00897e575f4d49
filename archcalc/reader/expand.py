"""Blocks, ``repeat`` and ``if``, expanded into the entries the entry reader reads.

The expander walks ``layers:`` (and each block an entry instantiates) in
order, as the Python that builds the model would: ``if:`` leaves an entry
out, ``repeat:`` makes it N times in a chain (the index, ``i`` unless
``index:`` names it, is a name its values may read), ``block:`` instantiates
a block with arguments. Each layer it makes is handed, with its computed
values and full name, to the document's :class:`~archcalc.reader.loader.Collector`,
so names, arguments and Keras's auto-name counters are exactly those of the
spec written out by hand; every position in it carries ``via``, the
instances that made it. References are resolved once everything is made
(:mod:`archcalc.reader.scopes`): an entry whose input is simply the entry
made before it keeps it implicit, so a chain stays a Sequential model.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from archcalc.diagnostics import Via
from archcalc.reader.design import (
    INSTANCE_KEYS,
    BlockDef,
    Design,
    PlainTemplateError,
    evaluate_plain,
)
from archcalc.reader.instances import InstanceChecks
from archcalc.reader.loader import Collector
from archcalc.reader.problems import Problems
from archcalc.reader.scopes import Instance, Out, Ref, Resolver, Scope
from archcalc.reader.templates import from_plain, with_via
from archcalc.reader.ynode import YNode

#: entry keys that name tensors other than the data inputs (resolved like ``inputs``)
REF_KEYS = ("mask",)
#: keys the expander reads itself and does not pass on to the entry reader
OWN_KEYS = ("if", "repeat", "index", "inputs", "id")
#: what a name stands for when its entry could not be made (reported): references to it
#: are left out silently, since the cause is reported already
BROKEN = "\0"
FAILED = Out((Ref(BROKEN, 0),), BROKEN)
Rep = tuple[int, str, int]  # (index value, index name, count)


@dataclass
class Pending:
    """A made call whose inputs are resolved once everything is made."""

    at: int  # its index among the collector's calls
    refs: list[Ref] | None  # as written; None: the default
    default: Ref | None  # the entry before it (None: the model's only input)
    implicit: bool  # nothing written on the way: the default may stay implicit


class Expander(InstanceChecks):
    """Makes a design's entries; :meth:`run` is the loader's ``expand`` hook."""

    def __init__(self, design: Design, p: Problems, layers: list[YNode]) -> None:
        super().__init__(design, p)
        self.entries = layers
        self.sink: Collector | None = None
        self.made = 0
        self.counting = False
        self.sizes: dict[tuple[Any, ...], int] = {}
        self.pending: list[Pending] = []
        self.instances: list[Instance] = []
        self.outputs: list[tuple[Instance, Out]] = []
        self.groups = 0
        self.top: Scope | None = None
        self.last: Out | None = None
        #: make only the first two of a repeat whose instances get the same arguments, and
        #: count the rest (a JSON summary of a 1,000-block model costs what a 2-block one does)
        self.fold = False

    def run(self, sink: Collector) -> None:
        """Make every entry, handing each to ``sink``; references are resolved after."""
        self.sink = sink
        self.top = Scope(dict(self.design.variables), "", (), None, {}, 0)
        self.last = self.body(self.entries, self.top)

    def count(self) -> int:
        """How many layers the design makes, counted without making them (bounded: the count
        stops past the limit); problems are left to the real expansion."""
        saved = self.p
        self.p, self.counting = Problems(saved.path), True
        try:
            self.body(self.entries, Scope(dict(self.design.variables), "", (), None, {}, 0))
        except _TooMany:
            pass
        finally:
            self.p, self.counting = saved, False
        made, self.made, self.groups = self.made, 0, 0
        self.auto_instances.clear()
        return made

    def body(self, entries: list[YNode], scope: Scope) -> Out | None:
        """Every entry of one body in order; the last one's outputs."""
        last: Out | None = None
        for k, node in enumerate(entries):
            out = self.entry(node, k, scope, last)
            if out is not None:
                last = out
        return last

    def entry(self, node: YNode, k: int, scope: Scope, last: Out | None) -> Out | None:
        if not node.is_map:
            if not self.counting:
                self.add(self.subst(node, scope.env, scope.via) or node, k)
            return None
        env = scope.env
        if "if" in node.value:
            keep = self.scalar(node.value["if"], env, "if", bool)
            if keep is not True:
                name = node.get("name")
                if keep is False and name is not None and isinstance(name.value, str):
                    scope.skipped[name.value] = node.pos
                return None
        count, index = self.repeat(node, env)
        if count == -1 or index is None:
            return None
        self.groups += 1
        group = self.groups
        inputs_node = node.get("inputs")
        default = (
            (last.refs[0] if last.refs else FAILED.refs[0]) if last is not None else scope.first
        )
        out: Out | None = None
        folding = count is not None and count >= 3 and self.foldable(node, env, index, count)
        for rep in range(1 if count is None else (2 if folding else count)):
            if folding and rep == 1:
                before = self.counters()
            where: Rep | None = None if count is None else (rep, index, count)
            rep_env = env if where is None else {**env, index: rep}
            if rep == 0:
                refs = self.refs(inputs_node, scope) if inputs_node is not None else None
                if inputs_node is not None and refs is None:
                    return None
                implicit = inputs_node is None and (last is not None or scope.first_implicit)
            else:
                refs, implicit = None, True
                default = out.refs[0] if out is not None and out.refs else FAILED.refs[0]
            if "block" in node.value:
                out = self.instance(node, scope, rep_env, where, refs, default, implicit, group)
            else:
                out = self.layer(node, k, scope, rep_env, where, refs, default, implicit)
            if out is None:
                return None
        if folding:
            assert count is not None and index is not None
            self.skip(node, scope, env, index, count, before)
        return last if count == 0 else out

    def foldable(self, node: YNode, env: dict[str, Any], index: str, count: int) -> bool:
        """A repeat of a block whose instances after the first get equal arguments (and whose
        layers do not depend on an instance's name): the rest need not be made."""
        if not self.fold or self.counting or "block" not in node.value:
            return False
        ref = node.value["block"].value
        block = self.design.blocks.get(ref) if isinstance(ref, str) else None
        if block is None or block.name in self.by_name or "trainable" in node.value:
            return False
        keys = [k for k in node.value if k not in INSTANCE_KEYS]
        try:
            first = [
                evaluate_plain(node.value[k], {**env, index: 1}, self.limits, self.template)
                for k in keys
            ]
            return all(
                [
                    evaluate_plain(node.value[k], {**env, index: rep}, self.limits, self.template)
                    for k in keys
                ]
                == first
                for rep in range(2, count)
            )
        except PlainTemplateError:
            return False

    def counters(self) -> tuple[dict[str, int], dict[str, int]]:
        assert self.sink is not None
        return dict(self.sink.entries.namer.counts), dict(self.auto_instances)

    def skip(
        self,
        node: YNode,
        scope: Scope,
        env: dict[str, Any],
        index: str,
        count: int,
        before: tuple[dict[str, int], dict[str, int]],
    ) -> None:
        """The repeat's instances after the second, counted instead of made: Keras's counters
        move on as if they had been, and the second instance says how many follow it."""
        assert self.sink is not None
        inst = (scope.instance.children if scope.instance is not None else self.instances)[-1]
        more = count - 2
        namer = self.sink.entries.namer.counts
        for counts, old in ((namer, before[0]), (self.auto_instances, before[1])):
            for key, n in list(counts.items()):
                step = n - old.get(key, 0)
                if step:
                    counts[key] = n + step * more
                    if counts is namer:
                        inst.shift[key] = step * more
        named = node.get("name") or _plain(node.get("id"))
        where = (count - 1, index, count)
        full = self.full_name(named, {**env, index: count - 1}, scope, where)[0]
        if full is None:
            key = scope.prefix + inst.block
            full = f"{key}_{self.auto_instances[key] - 1}"
        inst.extra, inst.last = more, full

    def repeat(self, node: YNode, env: dict[str, Any]) -> tuple[int | None, str | None]:
        """(repeat count or None, index name); (-1, _) after an error."""
        if "repeat" not in node.value:
            if "index" in node.value:
                self.p.error(
                    node.key_pos("index"),
                    "invalid-repeat",
                    "index names the repeat index; it goes with repeat:",
                )
                return -1, "i"
            return None, "i"
        count = self.scalar(node.value["repeat"], env, "repeat", int)
        index = self.index_name(node)
        if count is None:
            return -1, index
        if not 0 <= count <= self.design.limits.max_repeat:
            more = "; raise ARCHCALC_MAX_REPEAT if it is legitimate" if count > 0 else ""
            self.p.error(
                node.value["repeat"].pos,
                "invalid-repeat",
                f"repeat must be from 0 to {self.design.limits.max_repeat:,}; got {count:,}{more}",
            )
            return -1, index
        return count, index

    # -- a layer -------------------------------------------------------------------------------
    def layer(
        self,
        node: YNode,
        k: int,
        scope: Scope,
        env: dict[str, Any],
        rep: Rep | None,
        refs: list[Ref] | None,
        default: Ref | None,
        implicit: bool,
    ) -> Out:
        full, handle = self.full_name(node.get("name"), env, scope, rep)
        if self.counting:
            self.made += 1
            if self.made > self.design.limits.max_layers:
                raise _TooMany
            return Out((Ref("", 0),), "")
        via = scope.via
        if rep is not None:
            via = (
                Via(node.pos.line, node.pos.column, f"repetition {rep[1]} = {rep[0]} of {rep[2]}"),
                *via,
            )
        copy = self.copy_entry(node, env, scope, via, full)
        spec = self.add(copy, k) if copy is not None else None
        if spec is None:
            self.register(node, scope, handle, BROKEN, FAILED)
            return FAILED
        assert self.sink is not None
        self.pending.append(Pending(len(self.sink.layers) - 1, refs, default, implicit))
        if scope.instance is not None:
            scope.instance.layers.append(spec.name)
        out = Out((Ref(spec.name, 0),), spec.name)
        self.register(node, scope, handle, spec.name, out)
        return out

    def register(self, node: YNode, scope: Scope, handle: str | None, full: str, out: Out) -> None:
        """The names other entries of the body use for what an entry made: its name as
        written (and as it computes, for a computed one), and its ``id``."""
        if handle is not None:
            scope.locals[handle] = out
            if "$" in handle:
                scope.locals[full] = out
        ident = node.get("id")
        if ident is not None:
            if isinstance(ident.value, str) and ident.value and "$" not in ident.value:
                scope.locals[ident.value] = out
            else:
                self.p.error(
                    with_via(ident.pos, scope.via),
                    "invalid-name",
                    "id is a plain name other entries use for this one (no ${...})",
                )

    def add(self, node: YNode, k: int) -> Any:
        """Hand one entry to the collector."""
        self.made += 1
        assert self.sink is not None
        return self.sink.add(node, k, first=self.made == 1)

    def copy_entry(
        self, node: YNode, env: dict[str, Any], scope: Scope, via: tuple[Via, ...], full: str | None
    ) -> YNode | None:
        """The entry as the entry reader reads it: values computed, its full name, the shared
        layer and masks it names resolved, positions carrying ``via``."""
        items: dict[str, YNode] = {}
        ok = True
        for key, value in node.value.items():
            if key in OWN_KEYS:
                continue
            pos = with_via(value.pos, via)
            if key == "name" and full is not None:
                items[key] = YNode(full, pos, "scalar")
            elif key == "share" and isinstance(value.value, str) and "$" not in value.value:
                target = self.now(Ref(None, 0, value.value, pos, scope))
                items[key] = YNode(target or value.value, pos, "scalar")
            elif key in REF_KEYS:
                refs = self.refs(value, scope)
                texts = [self.now(r) for r in refs or ()]
                ok = ok and refs is not None and all(texts)
                items[key] = from_plain(texts, pos)
            else:
                copied = self.subst(value, env, via)
                ok = ok and copied is not None
                items[key] = copied or value
        if scope.frozen and "trainable" not in items:
            items["trainable"] = YNode(False, with_via(node.pos, via), "scalar")
        keys = {k: with_via(p, via) for k, p in node.keys.items() if k in items}
        return YNode(items, with_via(node.pos, via), "map", keys) if ok else None

    def now(self, ref: Ref) -> str | None:
        """A reference that must exist already (a shared layer, a mask), as flat text."""
        got = Resolver(self.p).resolve(ref)
        if got is None:
            return None
        name, index = got
        return name if index == 0 else f"{name}[{index}]"

    # -- an instance of a block --------------------------------------------------------------
    def instance(
        self,
        node: YNode,
        scope: Scope,
        env: dict[str, Any],
        rep: Rep | None,
        refs: list[Ref] | None,
        default: Ref | None,
        implicit: bool,
        group: int,
    ) -> Out | None:
        block = self.block_of(node, scope)
        if block is None:
            return None
        args = self.arguments(node, block, env, scope)
        if args is None:
            return None
        full, handle = self.full_name(node.get("name") or _plain(node.get("id")), env, scope, rep)
        full = full or self.auto_instance(scope.prefix, block.name)
        body_env = self.parameters(node, block, args, scope)
        inputs = self.instance_inputs(node, block, refs, default, scope)
        if body_env is None or inputs is None:
            return None
        frozen = scope.frozen
        if "trainable" in node.value:
            frozen = frozen or self.scalar(node.value["trainable"], env, "trainable", bool) is False
        what = f"{full} (block {block.name}" + (f", {rep[1]} = {rep[0]})" if rep else ")")
        via = (Via(node.pos.line, node.pos.column, what), *scope.via)
        index = (rep[1], rep[0]) if rep else None
        inst = Instance(
            full, block.name, args, with_via(node.pos, scope.via), via,
            group, index, scope.depth + 1,
        )  # fmt: skip
        inst.params = {p: body_env[p] for p in block.params}
        inner = Scope(
            {**body_env, "name": full},
            full + "_",
            via,
            block,
            dict(zip(block.inputs, inputs, strict=True)),
            scope.depth + 1,
            inst,
            first_implicit=implicit,
            frozen=frozen,
        )
        if self.counting:
            return self.count_instance(block, args, full, inner)
        (scope.instance.children if scope.instance is not None else self.instances).append(inst)
        last = self.body(block.layers, inner)
        out_refs = self.refs(block.outputs, inner) if block.outputs is not None else None
        if out_refs is None:
            out_refs = list(last.refs) if last is not None else []
        out = Out(tuple(out_refs))
        self.outputs.append((inst, out))
        self.register(node, scope, handle, full, out)
        return out

    def count_instance(self, block: BlockDef, args: dict[str, Any], full: str, inner: Scope) -> Out:
        """Counting: an instance's layers, once per distinct block and arguments."""
        key = (block.name, _frozen(args), full if block.name in self.by_name else None)
        if key in self.sizes:
            self.made += self.sizes[key]
            if self.made > self.design.limits.max_layers:
                raise _TooMany
        else:
            before = self.made
            self.body(block.layers, inner)
            self.sizes[key] = self.made - before
        return Out((Ref("", 0),), "")

    #: blocks whose layer count may depend on their instance's name (filled by the loader)
    by_name: frozenset[str] = frozenset()


class _TooMany(Exception):
    """Counting went past the layer limit."""


def _frozen(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return (type(value).__name__, value)


def _plain(node: YNode | None) -> YNode | None:
    """An ``id:`` as a name (an instance without a name is known by its id): never computed."""
    if node is None or not isinstance(node.value, str) or "$" in node.value:
        return None
    return node
