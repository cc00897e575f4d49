"""Pooling (keras/src/layers/pooling): BasePooling(rank) for Max/Average 1D-3D windows,
BaseGlobalPooling(rank) for GlobalMax/GlobalAverage 1D-3D."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from archcalc.catalog.args import BOOL, DATA_FORMAT, REQUIRED, Arg, Choice, IntTuple, Nullable
from archcalc.catalog.base import Config, LayerKind, MaskOps, register_ranks
from archcalc.catalog.convolutional import (
    channel_axis,
    spatial_axes,
    windowed_lengths,
    with_spatial,
)
from archcalc.shapes import Shape


class BasePooling(LayerKind):
    """A window reduced to one value; ``strides`` default to ``pool_size``.

    Keras's pooling ``padding`` is case-sensitive ('SAME' is refused), unlike
    the convolutions'.
    """

    supports_masking = False
    takes_mask = False
    inference_identity = False
    data_movement = False
    trainable_lost_on_load = False

    rank: ClassVar[int] = 2
    mode: ClassVar[str] = "max"
    family = "pooling"

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls.ndim = cls.rank + 2
        # MaxPooling has a default pool size of 2; AveragePooling has none.
        default = 2 if cls.mode == "max" else REQUIRED
        cls.ARGS = (
            Arg(
                "pool_size",
                IntTuple(cls.rank),
                default,
                "window size: an int or one per spatial axis",
            ),
            Arg("strides", Nullable(IntTuple(cls.rank)), None, "defaults to pool_size"),
            Arg("padding", Choice(("valid", "same")), "valid"),
            Arg("data_format", DATA_FORMAT, "channels_last"),
        )

    def validate(self, cfg: Config) -> None:
        cfg["strides"] = cfg["strides"] or cfg["pool_size"]

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        shape = inputs[0]
        lengths = windowed_lengths(
            cfg,
            shape,
            self.rank,
            cfg["pool_size"],
            cfg["strides"],
            cfg["padding"],
            what="pool_size",
        )
        return with_spatial(cfg, shape, lengths, shape[channel_axis(cfg)])


register_ranks(
    BasePooling,
    ("MaxPooling1D", "MaxPool1D"),
    ("MaxPooling2D", "MaxPool2D"),
    ("MaxPooling3D", "MaxPool3D"),
    mode="max",
)


register_ranks(
    BasePooling,
    ("AveragePooling1D", "AvgPool1D"),
    ("AveragePooling2D", "AvgPool2D"),
    ("AveragePooling3D", "AvgPool3D"),
    mode="average",
)


class BaseGlobalPooling(LayerKind):
    """Reduces every spatial axis: ``(batch, C)``, or with ``keepdims`` each spatial axis becomes 1."""

    supports_masking = False
    takes_mask = False
    inference_identity = False
    data_movement = False
    trainable_lost_on_load = False

    rank: ClassVar[int] = 2
    mode: ClassVar[str] = "max"
    family = "pooling"
    ARGS = (
        Arg(
            "data_format", DATA_FORMAT, "channels_last", "channels_last (default) or channels_first"
        ),
        Arg("keepdims", BOOL, False, "keep the reduced axes with length 1"),
    )

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls.ndim = cls.rank + 2
        # Keras's GlobalAveragePooling1D averages over the unmasked steps only: it takes
        # the mask, and its output has none.
        cls.supports_masking = cls.takes_mask = cls.mode == "average" and cls.rank == 1

    def compute_mask(
        self, cfg: Config, inputs: Sequence[Any], masks: Sequence[Any], ops: MaskOps
    ) -> list[Any]:
        return [None]

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        shape = inputs[0]
        channels = shape[channel_axis(cfg)]
        if not cfg["keepdims"]:
            return (shape[0], channels)
        return with_spatial(cfg, shape, [1] * len(spatial_axes(cfg, self.rank)), channels)


register_ranks(
    BaseGlobalPooling,
    ("GlobalAveragePooling1D", "GlobalAvgPool1D"),
    ("GlobalAveragePooling2D", "GlobalAvgPool2D"),
    ("GlobalAveragePooling3D", "GlobalAvgPool3D"),
    mode="average",
)
register_ranks(
    BaseGlobalPooling,
    ("GlobalMaxPooling1D", "GlobalMaxPool1D"),
    ("GlobalMaxPooling2D", "GlobalMaxPool2D"),
    ("GlobalMaxPooling3D", "GlobalMaxPool3D"),
)
