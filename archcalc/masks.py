"""Where Keras would add mask nodes that a spec does not write.

In a Functional model, ``Embedding(mask_zero=True)`` and ``Masking`` attach a
mask to their output, computed by keras.ops calls (``not_equal``, ``any``);
layers that support masking pass it on, and a layer whose ``call`` takes a
mask receives it as an argument, which makes those op nodes part of the
model: ``summary()`` lists them as rows and in ``Connected to``. A Keras file
records them (archcalc reads them, ``mask:``); a hand-written spec only has
them if it writes them. This module finds the specs where Keras's table
would have them and the spec does not, so the difference is said, not
silent. It follows Keras's rules closely enough for a warning: masks pass
through the layers that set ``supports_masking`` and stop elsewhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from archcalc.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from archcalc.graph import Node
    from archcalc.spec.model import Spec

#: layers whose ``call`` takes ``mask`` (keras/src/layers, Keras 3.15)
CONSUMERS = frozenset(
    {
        "SimpleRNN", "LSTM", "GRU", "ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D", "Bidirectional",
        "TimeDistributed", "GlobalAveragePooling1D", "BatchNormalization", "Softmax",
        "Attention", "AdditiveAttention",
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


def _source_op(node: Node) -> str | None:
    spec = node.spec
    if spec is None or spec.is_share:
        return None
    if spec.type == "Embedding" and spec.config.get("mask_zero"):
        return "the not_equal (NotEqual) node that computes it as a row"
    if spec.type == "Masking":
        return "the not_equal (NotEqual) and any (Any) nodes that compute it as rows"
    return None


def _passes(node: Node) -> bool:
    spec = node.spec
    if spec is None:
        return False
    if spec.type in _SEQUENCE:
        return bool(spec.config.get("return_sequences"))
    return spec.type in PASS_ON


def unwritten_masks(spec: Spec, nodes: list[Node], live: set[int]) -> list[Diagnostic]:
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
                if node.spec.type in CONSUMERS and not node.spec.masks:
                    reached.append(node.name)
                if _passes(node):
                    stack.append(c)
        if reached:
            out.append(
                Diagnostic.at(
                    spec.path,
                    source.pos,
                    "unwritten-mask",
                    f"{source.name}: Keras passes this layer's mask to {', '.join(reached)} and, in a "
                    f"Functional model, lists {_source_op(source)}; "
                    "archcalc shows mask nodes only where the spec writes them (docs/layer-catalog.md, "
                    "ops). Shapes and parameters are the same either way",
                    Severity.WARNING,
                )
            )
    return out
