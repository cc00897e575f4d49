"""Models used as layers (Keras Applications nest a Sequential inside a Functional model).

A nested entry carries a whole sub-spec under ``model:``. The kind only
builds, for a call, the sub-spec on that call's input shapes
(:meth:`NestedModel.sub_spec`); the engine infers it, once per call, and keeps
the sub-result on the call, where every analysis reads it. The row shows the
sub-model's total; its weights are the sub-model's, so the trainable split
and bytes carry over, and ``--expand-nested`` lists its rows under it, as
Keras does.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from archcalc.catalog.args import REQUIRED, Arg, ArgError, ArgType, Custom, Nullable
from archcalc.catalog.base import Config, LayerKind, MaskUnfollowed, register
from archcalc.shapes import Shape, ShapeError, format_shape
from archcalc.spec import Spec


class SubSpec(ArgType):
    """A nested model's spec; the loader parses the ``model:`` mapping into a Spec."""

    describe = "a model: a mapping with 'layers' (and 'inputs'/'outputs' for a Functional model)"

    def check(self, value: Any) -> Any:
        if not isinstance(value, Spec):
            raise self.fail(value)
        return value

    def schema(self) -> dict[str, Any]:
        return {"$ref": "#"}


def _class_name(value: Any) -> str:
    if not isinstance(value, str) or not value.isidentifier():
        raise ValueError
    return value


class NestedModel(MaskUnfollowed, LayerKind):
    #: the weights it creates, for the catalog reference (docs/layers.md)
    weights_doc = "the nested model's own layers'"
    keras_module = ""  # a model, not a keras.layers class: not exported
    supports_masking = True
    takes_mask = False
    inference_identity = False
    data_movement = False
    trainable_lost_on_load = False
    family = "models"
    max_inputs = None
    ARGS = (
        Arg(
            "model",
            SubSpec(),
            REQUIRED,
            "the nested model: inputs (optional for Sequential), layers, outputs",
        ),
        Arg(
            "subclass",
            Nullable(Custom(_class_name, "a Python class name", {"type": "string"})),
            None,
            "the keras.Model (or Sequential) subclass it is, shown as its type; only its "
            "layers are read, never its Python code",
            display=True,
        ),
    )

    def sub_spec(self, cfg: Config, inputs: list[Shape], keep_declared: bool = False) -> Spec:
        """The sub-model as this call builds it: on its input shapes, checked against what
        the model declares.

        ``keep_declared`` keeps the shapes its own inputs declare instead, where it
        declares them: Keras builds a nested model's layers on its own ``Input`` and
        only computes shapes when the model is called, so those are the shapes its
        expanded rows show (``(None, ...)`` under a batch-8 call).
        """
        spec: Spec = cfg["model"]
        if len(inputs) != len(spec.inputs):
            raise ShapeError(
                f"the nested model takes {len(spec.inputs)} input(s) "
                f"({', '.join(i.name for i in spec.inputs)}), got {len(inputs)}"
            )
        new_inputs = []
        for declared, shape in zip(spec.inputs, inputs, strict=True):
            if declared.declared:
                want = declared.shape
                ok = len(want) == len(shape) and all(
                    a is None or b is None or a == b
                    for a, b in zip(want[1:], shape[1:], strict=True)
                )
                if not ok:
                    raise ShapeError(
                        f"the nested model's input {declared.name!r} expects {format_shape(want)}, "
                        f"but it is called on {format_shape(shape)}"
                    )
            keep = keep_declared and declared.declared
            new_inputs.append(declared if keep else replace(declared, shape=shape))
        return replace(spec, inputs=tuple(new_inputs))

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> list[Shape]:
        raise NotImplementedError("the engine infers a nested model from sub_spec()")

    def builds_other_shapes(self, cfg: Config, inputs: list[Shape]) -> bool:
        """Whether the model's declared inputs differ from this call's shapes."""
        return any(
            d.declared and d.shape != shape
            for d, shape in zip(cfg["model"].inputs, inputs, strict=False)
        )

    def validate(self, cfg: Config) -> None:
        if cfg.get("model") is None:
            raise ArgError("needs 'model:' with the nested model's layers", "model")


@register("Sequential")
class Sequential(NestedModel):
    """A nested Sequential model (its rows omit its InputLayer, as Keras's Sequential.layers)."""


@register("Functional", "Model")
class Functional(NestedModel):
    """A nested Functional model."""
