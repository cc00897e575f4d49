"""Keras's mask nodes in a spec's graph, and a warning where archcalc cannot add them.

In a Functional model, ``Embedding(mask_zero=True)`` and ``Masking`` attach a
mask to their output, computed by keras.ops calls (``not_equal``, ``any``);
layers that support masking pass it on (merges or it: ``logical_or``), and a
layer whose ``call`` takes a mask receives it as an argument, which makes
those op nodes part of the model: ``summary()`` lists them as rows and in
``Connected to``. A Keras file records them (archcalc reads them, ``mask:``).
For a spec, ``add_keras_masks`` adds them as Keras would; where it cannot (the
spec writes ``mask:`` itself, or a mask passes through a Concatenate or a
nested model, whose mask ops archcalc does not model) ``unwritten_masks``
says where Keras's table would have rows this one lacks.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from archcalc.diagnostics import Diagnostic, Pos, Severity

if TYPE_CHECKING:
    from archcalc.graph import CallNode
    from archcalc.spec import Spec

#: layers whose ``call`` takes ``mask`` (keras/src/layers, Keras 3.15)
CONSUMERS = frozenset(
    {
        "SimpleRNN", "LSTM", "GRU", "ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D", "Bidirectional",
        "TimeDistributed", "GlobalAveragePooling1D", "BatchNormalization", "Softmax",
    }
)  # fmt: skip
#: layers that pass a mask on unchanged or merged (``supports_masking``)
PASS_ON = frozenset(
    {
        "Activation", "ELU", "LeakyReLU", "PReLU", "ReLU", "Softmax", "Dense", "Identity",
        "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Concatenate",
        "BatchNormalization", "GroupNormalization", "LayerNormalization", "UnitNormalization",
        "Normalization", "Rescaling", "ActivityRegularization", "AlphaDropout", "Dropout",
        "GaussianDropout", "GaussianNoise", "MultiHeadAttention", "GroupedQueryAttention",
        "TimeDistributed",
    }
)  # fmt: skip
_SEQUENCE = frozenset({"SimpleRNN", "LSTM", "GRU", "Bidirectional"})


def _source_op(node: CallNode) -> str | None:
    spec = node.spec
    if spec is None or spec.is_share:
        return None
    if spec.type == "Embedding" and spec.config.get("mask_zero"):
        return "the not_equal (NotEqual) node that computes it as a row"
    if spec.type == "Masking":
        return "the not_equal (NotEqual) and any (Any) nodes that compute it as rows"
    return None


def _passes(node: CallNode) -> bool:
    spec = node.spec
    if spec is None:
        return False
    if spec.type in _SEQUENCE:
        return bool(spec.config.get("return_sequences"))
    return spec.type in PASS_ON


def unwritten_masks(spec: Spec, nodes: list[CallNode], live: set[int]) -> list[Diagnostic]:
    """A warning at each mask source whose mask Keras would hand to a layer the spec leaves without ``mask:``."""
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
                if node.spec.type in CONSUMERS and node.n_data < 0:  # no mask wired
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


# -- Keras's mask nodes, added to a spec's graph -------------------------------------------

#: element-wise merges: the output mask is the inputs' masks or-ed (all must have one)
_MERGES = frozenset({"Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum"})
#: layers whose output carries no mask whatever came in
_DROP = frozenset({"GlobalAveragePooling1D", "Dot"})
_ATTENTION = frozenset({"Attention", "AdditiveAttention"})
#: where archcalc does not follow Keras's mask (the ops Keras uses are not modelled)
_UNFOLLOWED = frozenset({"Concatenate", "Sequential", "Functional"})
_RECURRENT = frozenset({"SimpleRNN", "LSTM", "GRU", "ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D"})


@dataclass(frozen=True, eq=False)
class _MaskOp:
    """A keras.ops call Keras makes for a mask: a row once a live layer takes its mask."""

    creator: int  # the node whose call makes it (Keras names ops in the order calls run)
    type: str
    inputs: tuple[tuple[int, int] | _MaskOp, ...]  # graph tensors or other mask ops
    pos: Pos
    config: tuple[tuple[str, Any], ...] = ()


class _Unfollowed(Exception):
    """A mask reaches a layer whose mask handling archcalc does not reproduce."""


def _output_masks(
    node: CallNode, masks: list[_MaskOp | None], new_op: Any, live: bool
) -> list[_MaskOp | None]:
    """Keras's ``compute_mask`` for one call: the mask of each output.

    A mask reaching a layer archcalc does not follow stops everything when the
    call is live; a dead call's is dropped (its ops could only shift names).
    """
    spec = node.spec
    assert spec is not None
    t, cfg, first = spec.kind_name, spec.config, (masks[0] if masks else None)
    data = node.data_inputs
    if t == "Embedding":
        return [new_op("NotEqual", (data[0],), node.pos) if cfg.get("mask_zero") else None]
    if t == "Masking":
        ne = new_op("NotEqual", (data[0],), node.pos)
        return [new_op("Any", (ne,), node.pos, (("axis", -1),))]
    if t in _UNFOLLOWED:
        if any(masks) and live:
            raise _Unfollowed(node.name)
        return [None]
    if t in _MERGES:
        if not masks or not all(masks):
            return [None]
        out = masks[0]
        for m in masks[1:]:
            out = new_op("LogicalOr", (out, m), node.pos)
        return [out]
    if t in _RECURRENT or t == "Bidirectional":
        rnn = cfg["layer"].config if t == "Bidirectional" else cfg  # Keras reads the inner layer's
        seq = first if rnn.get("return_sequences") else None
        both = t == "Bidirectional" and cfg.get("merge_mode") is None
        return [seq, seq] if both else [seq]
    if t in _DROP:
        return [None]
    if t in _ATTENTION:  # compute_mask: ops.convert_to_tensor(query mask), a node of its own
        return [new_op("ConvertToTensor", (first,), node.pos) if first else None]
    if t in PASS_ON:
        return [first]
    return [None]  # Keras: "this layer does not support masking", the mask ends here


def add_keras_masks(
    spec: Spec, nodes: list[CallNode], topo: tuple[int, ...], live: set[int]
) -> bool:
    """Add the mask nodes Keras would add to a Functional spec; whether any were added.

    Follows ``Layer.__call__``: a call whose ``call`` takes ``mask`` receives
    its input's mask as an argument (a connection), and layers that support
    masking compute their output's mask (``compute_mask``), which for
    ``Embedding(mask_zero=True)``, ``Masking`` and merges means new keras.ops
    nodes, named by Keras's counters in the order Keras creates them. A spec
    that writes ``mask:`` anywhere manages its masks itself; one whose mask
    reaches a Concatenate or a nested model is left as written (and warned).
    """
    from archcalc.catalog import CATALOG
    from archcalc.catalog.naming import to_snake_case
    from archcalc.graph import CallNode
    from archcalc.spec import CallSpec, TensorRef

    if spec.sequential or any(n.spec is not None and n.spec.masks for n in nodes):
        return False
    if not any(_source_op(n) for n in nodes):
        return False
    created: list[_MaskOp] = []
    current = [0]  # the node being called

    def new_op(type_name: str, inputs: tuple[Any, ...], pos: Pos, config: tuple = ()) -> _MaskOp:
        created.append(_MaskOp(current[0], type_name, inputs, pos, config))
        return created[-1]

    out_masks: dict[tuple[int, int], _MaskOp | None] = {}
    wanted: dict[int, list[_MaskOp]] = {}
    try:
        for i in topo:
            node = nodes[i]
            if node.spec is None:
                continue
            masks = [out_masks.get(ref) for ref in node.data_inputs]
            t = node.spec.kind_name
            if t in CONSUMERS and i in live and masks and masks[0] is not None:
                wanted[i] = [masks[0]]
            current[0] = i
            for k, m in enumerate(_output_masks(node, masks, new_op, i in live)):
                out_masks[(i, k)] = m
    except _Unfollowed:
        return False
    if not wanted:
        return False

    # Keras's auto-names (not_equal, not_equal_1...) count every op made, used or not, in
    # the order the calls run: the file order of the calls (the sort is stable within one).
    names: dict[int, str] = {}
    counters: dict[str, int] = {}
    taken = {n.name for n in nodes}
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
    made: dict[int, int] = {}  # id(op) -> node index

    def materialise(op: _MaskOp) -> int:
        if id(op) in made:
            return made[id(op)]
        refs = tuple((materialise(x), 0) if isinstance(x, _MaskOp) else x for x in op.inputs)
        cfg, _ = CATALOG[op.type].normalize(dict(op.config))
        name = names[id(op)]
        layer = CallSpec(
            name=name,
            type=op.type,
            config=MappingProxyType(cfg),
            inputs=tuple(TensorRef(nodes[s].name, k) for s, k in refs),
            pos=op.pos,
            layer=name,
            auto_named=True,
            given=MappingProxyType(dict(op.config)),
        )
        index = len(nodes)
        nodes.append(CallNode(index, name, name, 0, op.type, refs, op.pos, layer))
        made[id(op)] = index
        return index

    for i, ops in wanted.items():
        node = nodes[i]
        extra = tuple((materialise(op), 0) for op in ops)
        nodes[i] = replace(node, inputs=(*node.inputs, *extra), n_data=len(node.inputs))
    return True
