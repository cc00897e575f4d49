"""Layers that apply other layers: RandAugment and AugMix (which make their own augmentation
layers) and Pipeline (a list of layers given to it).

RandAugment and AugMix construct their layers in ``__init__``: each takes an auto-name, so
a ``RandomRotation`` made after a ``RandAugment()`` is ``random_rotation_1`` -- unless the
RandAugment has a name of its own, which Keras hands on to them (they then take no
auto-name). Neither tracks them as ``layers``, so ``summary(expand_nested=True)`` does not
show them, and neither has weights.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from archcalc.catalog.args import BOOL, POS_INT, REQUIRED, Arg, Choice, Custom, Either, Float, Int
from archcalc.catalog.augmentation import (
    INTERPOLATIONS,
    RANGE_SCHEMA,
    SEED,
    AugmentationKind,
    augmentation,
    factor_range,
    image_args,
    positive_pair,
)
from archcalc.catalog.augmentation_color import VALUE_RANGE_AS_GIVEN
from archcalc.catalog.base import Config, LayerKind, WeightSpec
from archcalc.catalog.nested import LayerArg, LayerListArg, NestedLayer, name_nested_list
from archcalc.shapes import Shape, ShapeError

#: The layers both make (AugMix makes the last four only with ``all_ops``).
MADE = (
    "RandomShear",
    "RandomTranslation",
    "RandomRotation",
    "Solarization",
    "RandomPosterization",
    "AutoContrast",
    "Equalization",
)
ALL_OPS = ("RandomBrightness", "RandomColorDegeneration", "RandomContrast", "RandomSharpness")


CHAIN_DEPTH = Either(
    (POS_INT, Custom(positive_pair, "", RANGE_SCHEMA)),
    "a positive integer or a list of two [low, high]",
)
INTERPOLATION = Arg("interpolation", Choice(INTERPOLATIONS), "bilinear")


@augmentation("RandAugment")
class RandAugment(AugmentationKind):
    """Applies ``num_ops`` augmentations drawn at random from eleven, each of strength
    ``factor`` (training only)."""

    made_unless_named = (*MADE, *ALL_OPS)
    ARGS = image_args(
        VALUE_RANGE_AS_GIVEN,
        Arg("num_ops", Int(min=0), 2, "augmentations applied per image"),
        Arg("factor", factor_range(0, 1), 0.5, "their strength"),
        INTERPOLATION,
        SEED,
    )


@augmentation("AugMix")
class AugMix(AugmentationKind):
    """Mixes ``num_chains`` chains of random augmentations (training only)."""

    ARGS = image_args(
        VALUE_RANGE_AS_GIVEN,
        Arg("num_chains", Int(min=1), 3),
        Arg("chain_depth", CHAIN_DEPTH, 3, "augmentations per chain, or a [low, high] range"),
        Arg("factor", factor_range(0, 1), 0.3, "their strength"),
        Arg("alpha", Float(min=0, min_open=True), 1.0, "the Dirichlet and Beta parameter"),
        Arg("all_ops", BOOL, True, "also brightness, colour, contrast and sharpness"),
        INTERPOLATION,
        SEED,
    )

    def built_sublayers(self, cfg: Config, named: bool) -> tuple[str, ...]:
        return () if named else (*MADE, *(ALL_OPS if cfg.get("all_ops", True) else ()))


def _one_input(kind: LayerKind) -> str | None:
    if kind.min_inputs == 1 and kind.max_inputs == 1:
        return None
    return f"a Pipeline calls each layer on one tensor; {kind.name} takes a list of inputs"


LAYERS = LayerListArg(LayerArg("a layer", "{type: RandomFlip}", _one_input))


@augmentation("Pipeline")
class Pipeline(LayerKind):
    """Calls its ``layers`` one after another (a plain layer, not a model).

    Its shape is the composition of theirs (Keras traces the calls; inside, the traced batch
    is the torch backend's placeholder 83, which ``summary(expand_nested=True)`` shows), its
    weights are theirs (``pipeline/dense/kernel``), and its layers are named before it, in
    order. Keras's constructor takes only ``layers`` and ``name``.
    """

    #: the weights it creates, for the catalog reference (docs/layers.md)
    weights_doc = "its layers' own (``dense/kernel`` for a Dense among them), if any"

    supports_masking = False
    takes_mask = True  # its call() takes mask= and hands it to each layer
    inference_identity = False
    data_movement = False
    trainable_lost_on_load = False
    common_args = ()
    ARGS = (Arg("layers", LAYERS, REQUIRED, "the layers, applied in order"),)

    def steps(self, cfg: Config, shape: Shape) -> list[tuple[NestedLayer, Shape, Shape]]:
        """Each layer with its input and output shape."""
        out = []
        for i, layer in enumerate(cfg["layers"]):
            outs = layer.outputs([shape], f"(layer {i} of the pipeline) on")
            if len(outs) != 1:
                raise ShapeError(
                    f"a Pipeline passes one tensor from layer to layer, but its layer {i} "
                    f"({layer.type}) has {len(outs)} outputs"
                )
            out.append((layer, shape, outs[0]))
            shape = outs[0]
        return out

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        return self.steps(cfg, inputs[0])[-1][2]

    def weights(self, cfg: Config, inputs: list[Shape]) -> list[WeightSpec]:
        return [
            w
            for layer, shape, _ in self.steps(cfg, inputs[0])
            for w in layer.weights([shape], layer.label)
        ]

    def output_dtype(self, cfg: Config, inputs: Sequence[str]) -> str:
        dtypes = list(inputs)
        for layer in cfg["layers"]:
            dtypes = [layer.kind.output_dtype(dict(layer.config), dtypes)]
        return dtypes[0]

    def children(self, cfg: Config) -> tuple[NestedLayer, ...]:
        """The layers, in order."""
        return tuple(cfg["layers"])

    def name_sublayers(self, cfg: Config, namer: Callable[[str], str]) -> Config:
        return name_nested_list(cfg, "layers", namer)
