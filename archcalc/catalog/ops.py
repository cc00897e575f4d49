"""keras.ops operations that Keras records as nodes of a Functional model.

Calling ``keras.ops.not_equal(x, 0)`` on a symbolic tensor makes a node, and
Keras does it itself for masks: ``Embedding(mask_zero=True)`` computes its
mask as ``not_equal(token_ids, 0)``, ``Masking`` as ``any(not_equal(x, v),
axis=-1)``, and merge layers combine masks with ``logical_or``. When a later
layer takes a ``mask``, that node is part of the model and Keras's summary
shows it as a row (``not_equal (NotEqual)``). These kinds compute its shape:
element-wise operations broadcast their tensor operands (constants drop out,
as in the merge layers), reductions drop or keep their axes. No weights.
"""

from __future__ import annotations

from archcalc.catalog.args import BOOL, AnyValue, Arg, Nullable
from archcalc.catalog.base import Config, register
from archcalc.catalog.merging import ElementwiseMerge
from archcalc.catalog.normalization import AXES
from archcalc.shapes import Shape, canonical_axis, check_axes

#: Element-wise keras.ops operations, by the class name Keras records.
ELEMENTWISE = (
    "NotEqual", "Equal", "Greater", "GreaterEqual", "Less", "LessEqual",
    "LogicalAnd", "LogicalOr", "LogicalNot", "LogicalXor",
)  # fmt: skip


class ElementwiseOp(ElementwiseMerge):
    """``ops.not_equal(x, 0)``: the tensor operands broadcast; one tensor is enough."""

    supports_masking = False
    takes_mask = False
    inference_identity = False
    data_movement = False
    trainable_lost_on_load = False

    family = "ops"
    min_inputs = 1


for _name in ELEMENTWISE:
    register(_name)(type(_name, (ElementwiseOp,), {"__module__": __name__}))


@register("ConvertToTensor", family="ops")
class ConvertToTensor(ElementwiseOp):
    """``ops.convert_to_tensor(mask)``: the same tensor again (Attention's output mask)."""

    data_movement = True

    max_inputs = 1
    ARGS = (
        Arg("dtype", AnyValue(), None, "the tensor's dtype (null: kept)"),
        Arg("sparse", Nullable(BOOL), None, "keep a sparse tensor sparse"),
        Arg("ragged", Nullable(BOOL), None, "keep a ragged tensor ragged"),
    )


@register("Any", family="ops")
class Reduction(ElementwiseOp):
    """``ops.any(x, axis=-1)``: the reduced axes go (or stay as 1 with ``keepdims``).

    Axes count the batch axis as 0, as keras.ops does; ``axis: null`` reduces
    every axis.
    """

    max_inputs = 1
    ARGS = (
        Arg("axis", Nullable(AXES), None, "the axis or axes to reduce (null: all)"),
        Arg("keepdims", BOOL, False, "keep reduced axes as size 1"),
    )

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        shape = inputs[0]
        axes = cfg["axis"]
        gone = (
            set(range(len(shape)))
            if axes is None
            else {canonical_axis(a, len(shape)) for a in check_axes(shape, axes)}
        )
        if cfg["keepdims"]:
            return tuple(1 if i in gone else d for i, d in enumerate(shape))
        return tuple(d for i, d in enumerate(shape) if i not in gone)


register("All", family="ops")(type("All", (Reduction,), {"__module__": __name__}))
