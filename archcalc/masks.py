"""Keras's mask nodes in a spec's graph, and a warning where archcalc cannot add them.

In a Functional model, ``Embedding(mask_zero=True)`` and ``Masking`` attach a
mask to their output, computed by keras.ops calls (``not_equal``, ``any``);
layers that support masking pass it on (merges or it: ``logical_or``), and a
layer whose ``call`` takes a mask receives it as an argument, which makes
those op nodes part of the model: ``summary()`` lists them as rows and in
``Connected to``. A Keras file records them (archcalc reads them, ``mask:``).
For a spec, :func:`plan_keras_masks` works out what Keras would add; where it
cannot (the spec writes ``mask:`` itself, or a mask passes through a layer
whose mask ops archcalc does not model) :func:`unwritten_masks` says where
Keras's table would have rows this one lacks.

What each layer does with a mask is the layer kind's own answer
(``supports_masking``, ``takes_mask``, ``compute_mask``), as in Keras; this
module only follows the calls in order. It works on the graph's calls without
importing the graph: it reads ``spec``, ``data_inputs``, ``index``, ``name``,
``pos`` and ``has_mask`` of each, and returns new calls as :class:`CallSpec`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Protocol

from archcalc.catalog import CATALOG
from archcalc.catalog.base import MaskNotFollowed
from archcalc.catalog.naming import to_snake_case
from archcalc.diagnostics import Diagnostic, Pos, Severity
from archcalc.spec import CallSpec, Spec, TensorRef

Ref = tuple[int, int]  # (call index, output index)


class Call(Protocol):
    """The graph's view of one call, as far as masks need it."""

    index: int
    name: str
    pos: Pos
    n_states: int

    @property
    def spec(self) -> CallSpec | None: ...

    @property
    def has_mask(self) -> bool: ...

    @property
    def data_inputs(self) -> tuple[Ref, ...]: ...


def _source_op(node: Call) -> str | None:
    """What Keras lists for the mask a call makes itself (None: it makes none)."""
    spec = node.spec
    if spec is None or spec.is_share:
        return None
    if spec.type == "Embedding" and spec.config.get("mask_zero"):
        return "the not_equal (NotEqual) node that computes it as a row"
    if spec.type == "Masking":
        return "the not_equal (NotEqual) and any (Any) nodes that compute it as rows"
    return None


class _Marker:
    """A stand-in mask for asking a kind whether a mask gets through it."""


class _Probe:
    """MaskOps that records nothing: every op's output is a new marker."""

    def op(self, type_name: str, operands: tuple[Any, ...], config: tuple[Any, ...] = ()) -> Any:
        return _Marker()


def _receives_mask(node: Call) -> bool:
    """Whether Keras hands this call its input's mask: its ``call`` takes one, and it gets one
    tensor argument (``Layer.__call__`` fills ``mask`` only then: with ``initial_state`` it
    would look for a ``sequences_mask`` argument, which no recurrent layer has)."""
    assert node.spec is not None
    return CATALOG[node.spec.kind_name].takes_mask and not node.n_states


def _passes(node: Call) -> bool:
    """Whether a mask reaching this call comes out of it (into the calls it feeds)."""
    spec = node.spec
    if spec is None:
        return False
    kind = CATALOG[spec.kind_name]
    if not kind.supports_masking:
        return False
    n = max(len(node.data_inputs), 1)
    try:
        out = kind.compute_mask(spec.config, node.data_inputs, [_Marker()] * n, _Probe())
    except MaskNotFollowed:
        return True  # Keras passes it on, with ops archcalc does not model
    return any(m is not None for m in out)


def unwritten_masks(spec: Spec, nodes: Sequence[Call], live: set[int]) -> list[Diagnostic]:
    """A warning at each mask source whose mask Keras would hand to a layer the spec leaves
    without ``mask:``."""
    if spec.sequential:
        return []  # a Sequential summary lists its layers only
    sources = [n for n in nodes if n.index in live and _source_op(n)]
    if not sources:
        return []
    consumers_of: dict[int, list[int]] = {}
    for n in nodes:
        for src, _ in n.data_inputs:
            consumers_of.setdefault(src, []).append(n.index)
    out = []
    for source in sources:
        seen, stack, reached = {source.index}, [source.index], []
        while stack:
            for c in consumers_of.get(stack.pop(), ()):
                node = nodes[c]
                if c in seen or c not in live or node.spec is None:
                    continue
                seen.add(c)
                if _receives_mask(node) and not node.has_mask:
                    reached.append(node.name)
                if _passes(node):
                    stack.append(c)
        if reached:
            out.append(
                Diagnostic.at(
                    spec.path,
                    source.pos,
                    "unwritten-mask",
                    f"{source.name}: Keras passes this layer's mask to {', '.join(reached)} and lists "
                    f"{_source_op(source)}; archcalc adds mask nodes itself only when the spec writes "
                    "no mask: and no mask passes through a Concatenate or a nested model, so this "
                    "table lacks them (write them: `archcalc docs layer-catalog`, ops). Shapes and parameters "
                    "are the same either way",
                    Severity.WARNING,
                )
            )
    return out


# -- Keras's mask nodes, planned for a spec's graph ----------------------------------------


@dataclass(frozen=True, eq=False)
class _MaskOp:
    """A keras.ops call Keras makes for a mask: a row once a live layer takes its mask."""

    creator: int  # the call whose call makes it (Keras names ops in the order calls run)
    type: str
    operands: tuple[Ref | _MaskOp, ...]  # graph tensors or other mask ops
    pos: Pos
    config: tuple[tuple[str, Any], ...] = ()


@dataclass
class _Recorder:
    """MaskOps for one spec: every op Keras would make, in creation order."""

    created: list[_MaskOp] = field(default_factory=list)
    creator: int = 0
    pos: Pos = field(default_factory=Pos)

    def op(self, type_name: str, operands: tuple[Any, ...], config: tuple[Any, ...] = ()) -> Any:
        self.created.append(_MaskOp(self.creator, type_name, tuple(operands), self.pos, config))
        return self.created[-1]


@dataclass(frozen=True)
class MaskPlan:
    """What Keras adds to a spec's graph for its masks.

    ``calls``: the new op calls, producers first, each reading graph tensors or
    earlier new calls by name; ``masks``: for each call (by index) that takes a
    mask, the names of the op calls it receives.
    """

    calls: tuple[CallSpec, ...]
    masks: dict[int, tuple[str, ...]]


def _output_masks(node: Call, masks: list[Any], ops: _Recorder, live: bool) -> list[Any]:
    """Keras's ``Layer.__call__`` for one call: the mask of each output.

    A mask reaching a layer archcalc does not follow stops everything when the
    call is live; a dead call's is dropped (its ops could only shift names).
    """
    spec = node.spec
    assert spec is not None
    kind = CATALOG[spec.kind_name]
    if not kind.supports_masking:
        return [None]  # Keras: "this layer does not support masking", the mask ends here
    ops.creator, ops.pos = node.index, node.pos
    try:
        return kind.compute_mask(spec.config, node.data_inputs, masks, ops)
    except MaskNotFollowed:
        if live and any(m is not None for m in masks):
            raise
        return [None]


def plan_keras_masks(
    spec: Spec, nodes: Sequence[Call], topo: tuple[int, ...], live: set[int]
) -> MaskPlan | None:
    """The mask nodes Keras would add to a Functional spec (None: none, or not followed).

    Follows ``Layer.__call__``: a call whose ``call`` takes ``mask`` receives
    its input's mask as an argument (a connection), and layers that support
    masking compute their output's mask (``compute_mask``), which for
    ``Embedding(mask_zero=True)``, ``Masking`` and merges means new keras.ops
    nodes, named by Keras's counters in the order Keras creates them. A spec
    that writes ``mask:`` anywhere manages its masks itself; one whose mask
    reaches a layer whose mask ops archcalc does not model is left as written
    (and warned).
    """
    if spec.sequential or any(n.spec is not None and n.spec.masks for n in nodes):
        return None
    if not any(_source_op(n) for n in nodes):
        return None
    ops = _Recorder()
    try:
        wanted = _follow(nodes, topo, live, ops)
    except MaskNotFollowed:
        return None
    if not wanted:
        return None
    return _materialise(wanted, ops.created, nodes)


def _follow(
    nodes: Sequence[Call], topo: tuple[int, ...], live: set[int], ops: _Recorder
) -> dict[int, _MaskOp]:
    """Every call's output masks in order; the mask each live mask-taking call receives."""
    out_masks: dict[Ref, Any] = {}
    wanted: dict[int, _MaskOp] = {}
    for i in topo:
        node = nodes[i]
        if node.spec is None:
            continue
        masks = [out_masks.get(ref) for ref in node.data_inputs]
        if _receives_mask(node) and i in live and masks and masks[0] is not None:
            wanted[i] = masks[0]
        for k, m in enumerate(_output_masks(node, masks, ops, i in live)):
            out_masks[(i, k)] = m
    return wanted


def _materialise(
    wanted: dict[int, _MaskOp], created: list[_MaskOp], nodes: Sequence[Call]
) -> MaskPlan:
    """The op calls the wanted masks need (producers first, named by Keras's counters)."""
    names = _op_names(created, {n.name for n in nodes})
    calls: list[CallSpec] = []
    made: set[int] = set()

    def call_of(op: _MaskOp) -> str:
        name = names[id(op)]
        if id(op) in made:
            return name
        made.add(id(op))
        refs = tuple(
            TensorRef(call_of(x)) if isinstance(x, _MaskOp) else TensorRef(nodes[x[0]].name, x[1])
            for x in op.operands
        )
        cfg, _ = CATALOG[op.type].normalize(dict(op.config))
        calls.append(
            CallSpec(
                name=name,
                type=op.type,
                config=MappingProxyType(cfg),
                inputs=refs,
                pos=op.pos,
                layer=name,
                auto_named=True,
                given=MappingProxyType(dict(op.config)),
            )
        )
        return name

    masks_of = {i: (call_of(op),) for i, op in wanted.items()}
    return MaskPlan(tuple(calls), masks_of)


def _op_names(created: list[_MaskOp], taken: set[str]) -> dict[int, str]:
    """Keras's auto-names (not_equal, not_equal_1...): they count every op made, used or not,
    in the order the calls run: the file order of the calls (the sort is stable within one)."""
    names: dict[int, str] = {}
    counters: dict[str, int] = {}
    taken = set(taken)
    for op in sorted(created, key=lambda op: op.creator):
        base = to_snake_case(op.type)
        while True:
            k = counters.get(base, 0)
            counters[base] = k + 1
            name = base if k == 0 else f"{base}_{k}"
            if name not in taken:
                break
        taken.add(name)
        names[id(op)] = name
    return names
