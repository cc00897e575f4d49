"""Names inside a design: what ``inputs: x`` means in a block, resolved once everything is made.

A block's layers refer to the block's inputs and to each other by the names
written in the block (``1_conv``, ``x``); outside, an instance's name stands
for its outputs. Every such reference is kept as a :class:`Ref` until the
whole model is expanded (references may point forward, and an instance's
input may be another instance's output), then resolved to the flat name
of a layer and an output index.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from archcalc.diagnostics import Pos, Via, did_you_mean
from archcalc.reader.design import BlockDef
from archcalc.reader.problems import Problems
from archcalc.reader.values import parse_ref
from archcalc.textsafe import quote

Flat = tuple[str, int]  # (flat layer name, output index)


@dataclass
class Ref:
    """One tensor: a layer's output (``name``), or a reference written in ``scope``."""

    name: str | None = None
    index: int = 0
    text: str = ""
    pos: Pos = field(default_factory=Pos)
    scope: Scope | None = None


@dataclass
class Out:
    """What a name written in a body stands for: a layer, or an instance's outputs."""

    refs: tuple[Ref, ...]
    layer: str | None = None  # a layer's flat name: NAME[k] is its output k


@dataclass
class Instance:
    """One instance of a block, for the renderers: its name, arguments, layers and children."""

    name: str
    block: str
    args: dict[str, Any]
    pos: Pos  # the entry that made it (its via carries the outer instances)
    via: tuple[Via, ...]  # its own level first
    group: int  # the entry that made it: repetitions of one entry share it
    index: tuple[str, int] | None  # (index name, value) when a repeat made it
    depth: int
    layers: list[str] = field(default_factory=list)  # its own layers' flat names, in order
    #: every parameter's value in this instance (given or default)
    params: dict[str, Any] = field(default_factory=dict)
    #: a folded repeat (``load_design(fold=True)``): this many more instances, identical to
    #: this one, follow it without being made; the last one's name, and the flat names its
    #: outputs would have
    extra: int = 0
    last: str = ""
    shift: dict[str, int] = field(default_factory=dict)  # auto-name counters skipped
    renames: dict[str, str] = field(default_factory=dict)
    children: list[Instance] = field(default_factory=list)
    outputs: tuple[Flat, ...] = ()

    def all_layers(self) -> list[str]:
        """Its layers and those of the instances inside it, in the order they were made."""
        out: list[str] = []
        stack: list[Instance] = [self]
        while stack:
            inst = stack.pop()
            out.extend(inst.layers)
            stack.extend(reversed(inst.children))
        return out


@dataclass
class Scope:
    """One body being expanded: the model's (``block`` None) or an instance's."""

    env: dict[str, Any]
    prefix: str
    via: tuple[Via, ...]
    block: BlockDef | None
    inputs: dict[str, Ref]
    depth: int
    instance: Instance | None = None
    locals: dict[str, Out] = field(default_factory=dict)
    skipped: dict[str, Pos] = field(default_factory=dict)  # names an `if:` left out
    first_implicit: bool = True
    frozen: bool = False  # trainable: false on the instance

    @property
    def first(self) -> Ref | None:
        """What the body's first entry reads by default (None: the model's only input)."""
        if self.block is None:
            return None
        return self.inputs[self.block.inputs[0]]


class Resolver:
    """Resolves :class:`Ref` objects to flat (name, index) pairs, reporting what does not exist."""

    def __init__(self, p: Problems) -> None:
        self.p = p

    def resolve(self, ref: Ref) -> Flat | None:
        seen: set[int] = set()
        while ref.name is None:
            if id(ref) in seen:
                self.p.error(
                    ref.pos,
                    "cycle",
                    f"{quote(ref.text)} refers back to itself through block inputs and outputs",
                )
                return None
            seen.add(id(ref))
            nxt = self.step(ref)
            if nxt is None:
                return None
            if isinstance(nxt, tuple):
                return nxt
            ref = nxt
        return ref.name, ref.index

    def step(self, ref: Ref) -> Ref | Flat | None:
        """One written reference: a layer's output, or what an instance or input stands for."""
        scope = ref.scope
        assert scope is not None
        parsed = parse_ref(ref.text, ref.pos)
        name, index = parsed.name, parsed.index
        out = scope.locals.get(name)
        if out is not None:
            if out.layer is not None:
                return out.layer, index
            if index >= len(out.refs):
                self.p.error(
                    ref.pos,
                    "invalid-reference",
                    f"{quote(ref.text)}: the instance {quote(name)} has {len(out.refs)} "
                    f"output(s), numbered from 0",
                )
                return None
            return out.refs[index]
        if scope.block is not None and name in scope.inputs:
            if index:
                self.p.error(
                    ref.pos,
                    "invalid-reference",
                    f"{quote(ref.text)}: the block input {quote(name)} is one tensor; "
                    "write it without [k]",
                )
                return None
            return scope.inputs[name]
        if name in scope.skipped:
            line = scope.skipped[name].line
            self.p.error(
                ref.pos,
                "unknown-reference",
                f"{quote(ref.text)} refers to the entry at line {line}, which its 'if:' "
                "leaves out here",
            )
            return None
        if scope.block is None:  # the model's own level: any flat name, checked by the graph
            return name, index
        known = [*scope.block.inputs, *scope.locals]
        self.p.error(
            ref.pos,
            "unknown-reference",
            f"block {quote(scope.block.name)}: there is no input or layer named {quote(name)} in "
            f"the block{did_you_mean(name, known)}; a block's layers read its inputs "
            f"({', '.join(scope.block.inputs)}) and each other by the names written in it",
        )
        return None
